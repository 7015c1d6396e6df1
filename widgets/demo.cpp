#include "demo.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace basislab::gui::demo {

QString modelDir() {
    QStringList roots;
    const QString env = qEnvironmentVariable("BASISLAB_DEMO_DIR");
    if (!env.isEmpty()) roots << env;
    const QString exe = QCoreApplication::applicationDirPath();
    roots << exe + QStringLiteral("/../share/basislab/demo") << exe + QStringLiteral("/demo");
#ifdef BASISLAB_SOURCE_DEMO_DIR
    roots << QStringLiteral(BASISLAB_SOURCE_DEMO_DIR);
#endif
    for (const QString& root : roots) {
        const QString dir = QDir(root).filePath(QStringLiteral("stories260k"));
        if (QFileInfo::exists(dir + QStringLiteral("/config.json"))) return QDir(dir).canonicalPath();
    }
    return {};
}

QString textPath() {
    QFile resource(QStringLiteral(":/demo/TinyStories-valid.txt"));
    if (!resource.open(QIODevice::ReadOnly)) return {};
    const QByteArray content = resource.readAll();
    QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    if (folder.isEmpty()) folder = QDir::temp().filePath(QStringLiteral("basislab"));
    const QString path = QDir(folder).filePath(QStringLiteral("demo/TinyStories-valid.txt"));
    QFile existing(path);
    if (existing.open(QIODevice::ReadOnly) && existing.readAll() == content) return path;
    existing.close();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(content) != content.size() || !out.commit()) return {};
    return path;
}

}  // namespace basislab::gui::demo
