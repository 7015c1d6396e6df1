#include "demo.h"

#include "base/sha256.h"

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

const char* const kConfigSha256 = "f169866baf30b40d616e06e51d456c07ca1fbfd1a5c2f7aef36448b1feb2efad";
const char* const kWeightsSha256 = "902a91e960b96d19e005c9d111cd649f9d84c65c4050349821c66c7924ac5ff6";

namespace {

/// SHA-256 of a file of at most `max_bytes`; empty when it is missing, larger or unreadable.
std::string fileSha256(const QString& path, qint64 max_bytes) {
    QFile file(path);
    if (file.size() > max_bytes || !file.open(QIODevice::ReadOnly)) return {};
    Sha256 hash;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(1 << 16);
        if (chunk.isEmpty()) return {};
        hash.update(chunk.constData(), std::size_t(chunk.size()));
    }
    return hash.hexDigest();
}

}  // namespace

bool isDemoModel(const QString& dir) {
    const QDir d(dir);
    // The demo's weights are 1.2 MB: anything much larger is not it, and is not read.
    return fileSha256(d.filePath(QStringLiteral("config.json")), 1 << 20) == kConfigSha256 &&
           fileSha256(d.filePath(QStringLiteral("model.safetensors")), 4 << 20) == kWeightsSha256;
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
