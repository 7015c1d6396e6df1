// The workbench's persistent settings (QSettings, organisation "BasisLab", application "basislab"):
// recent models and sessions, the last folder of each kind of file, the language, figure export
// options, whether the demo was offered, and the window layout.
#pragma once

#include "plot_export.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace basislab::gui {

class AppSettings {
public:
    enum class Folder { Model, Session, Text, Calibration, Export };
    static constexpr int kMaxRecent = 8;

    static QStringList recentModels();
    static QStringList recentSessions();
    static void addRecentModel(const QString& dir);
    static void addRecentSession(const QString& path);
    static void clearRecent();

    /// The last folder used for a kind of file, or `fallback` when none was used yet.
    static QString lastFolder(Folder kind, const QString& fallback = {});
    /// Remembers the folder of `path` (a file, or a folder for Folder::Model).
    static void rememberFolder(Folder kind, const QString& path);

    /// "" = follow the system locale, "en", "ko".
    static QString language();
    static void setLanguage(const QString& code);

    /// CPU threads for LibTorch (0 = all hardware threads).
    static int threads();
    static void setThreads(int threads);

    /// Whether saved sessions embed the calibration (one self-contained file) or link its file.
    static bool embedCalibration();
    static void setEmbedCalibration(bool embed);

    static bool demoOffered();
    static void setDemoOffered(bool offered);

    static FigureOptions figureOptions();
    static void setFigureOptions(const FigureOptions& options);

    static QByteArray windowGeometry();
    static QByteArray windowState(const QString& key);
    static void setWindowGeometry(const QByteArray& geometry);
    static void setWindowState(const QString& key, const QByteArray& state);
};

}  // namespace basislab::gui
