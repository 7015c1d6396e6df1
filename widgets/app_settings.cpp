#include "app_settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace basislab::gui {
namespace {

QStringList addRecent(const QString& key, const QString& path) {
    QSettings s;
    QStringList list = s.value(key).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > AppSettings::kMaxRecent) list.removeLast();
    s.setValue(key, list);
    return list;
}

QString folderKey(AppSettings::Folder kind) {
    switch (kind) {
        case AppSettings::Folder::Model: return QStringLiteral("folders/model");
        case AppSettings::Folder::Session: return QStringLiteral("folders/session");
        case AppSettings::Folder::Text: return QStringLiteral("folders/text");
        case AppSettings::Folder::Calibration: return QStringLiteral("folders/calibration");
        case AppSettings::Folder::Export: break;
    }
    return QStringLiteral("folders/export");
}

}  // namespace

QStringList AppSettings::recentModels() {
    return QSettings().value(QStringLiteral("recent/models")).toStringList();
}

QStringList AppSettings::recentSessions() {
    return QSettings().value(QStringLiteral("recent/sessions")).toStringList();
}

void AppSettings::addRecentModel(const QString& dir) {
    addRecent(QStringLiteral("recent/models"), dir);
}

void AppSettings::addRecentSession(const QString& path) {
    addRecent(QStringLiteral("recent/sessions"), path);
}

void AppSettings::clearRecent() {
    QSettings s;
    s.remove(QStringLiteral("recent/models"));
    s.remove(QStringLiteral("recent/sessions"));
}

QString AppSettings::lastFolder(Folder kind, const QString& fallback) {
    const QString dir = QSettings().value(folderKey(kind)).toString();
    if (!dir.isEmpty() && QFileInfo(dir).isDir()) return dir;
    return fallback.isEmpty() ? QDir::homePath() : fallback;
}

void AppSettings::rememberFolder(Folder kind, const QString& path) {
    const QFileInfo info(path);
    const QString dir = kind == Folder::Model ? info.absolutePath() : info.absoluteDir().absolutePath();
    QSettings().setValue(folderKey(kind), dir);
}

QString AppSettings::language() {
    return QSettings().value(QStringLiteral("ui/language")).toString();
}

void AppSettings::setLanguage(const QString& code) {
    QSettings().setValue(QStringLiteral("ui/language"), code);
}

int AppSettings::threads() {
    return QSettings().value(QStringLiteral("compute/threads"), 0).toInt();
}

void AppSettings::setThreads(int threads) {
    QSettings().setValue(QStringLiteral("compute/threads"), threads);
}

bool AppSettings::embedCalibration() {
    return QSettings().value(QStringLiteral("session/embedCalibration"), false).toBool();
}

void AppSettings::setEmbedCalibration(bool embed) {
    QSettings().setValue(QStringLiteral("session/embedCalibration"), embed);
}

bool AppSettings::demoOffered() {
    return QSettings().value(QStringLiteral("ui/demoOffered"), false).toBool();
}

void AppSettings::setDemoOffered(bool offered) {
    QSettings().setValue(QStringLiteral("ui/demoOffered"), offered);
}

FigureOptions AppSettings::figureOptions() {
    QSettings s;
    FigureOptions o;
    o.width = s.value(QStringLiteral("figure/width"), o.width).toDouble();
    o.height = s.value(QStringLiteral("figure/height"), o.height).toDouble();
    o.unit = s.value(QStringLiteral("figure/unit")).toString() == QLatin1String("in")
                 ? FigureOptions::Unit::Inches
                 : FigureOptions::Unit::Centimetres;
    o.dpi = s.value(QStringLiteral("figure/dpi"), o.dpi).toInt();
    o.font_pt = s.value(QStringLiteral("figure/fontPt"), o.font_pt).toInt();
    o.publication = s.value(QStringLiteral("figure/publication"), o.publication).toBool();
    return o;
}

void AppSettings::setFigureOptions(const FigureOptions& o) {
    QSettings s;
    s.setValue(QStringLiteral("figure/width"), o.width);
    s.setValue(QStringLiteral("figure/height"), o.height);
    s.setValue(QStringLiteral("figure/unit"),
               o.unit == FigureOptions::Unit::Inches ? QStringLiteral("in") : QStringLiteral("cm"));
    s.setValue(QStringLiteral("figure/dpi"), o.dpi);
    s.setValue(QStringLiteral("figure/fontPt"), o.font_pt);
    s.setValue(QStringLiteral("figure/publication"), o.publication);
}

QByteArray AppSettings::windowGeometry() {
    return QSettings().value(QStringLiteral("window/geometry")).toByteArray();
}

QByteArray AppSettings::windowState(const QString& key) {
    return QSettings().value(QStringLiteral("window/") + key).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry) {
    QSettings().setValue(QStringLiteral("window/geometry"), geometry);
}

void AppSettings::setWindowState(const QString& key, const QByteArray& state) {
    QSettings().setValue(QStringLiteral("window/") + key, state);
}

}  // namespace basislab::gui
