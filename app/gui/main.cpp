// basislab: the desktop workbench. A thin main(): the command line, the application object and the
// main window (widgets/). With --export-figures or --screenshot it runs headless and exits, which
// works with QT_QPA_PLATFORM=offscreen (scripts, CI).
#include "headless.h"
#include "main_window.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

#include <cstdio>

using basislab::gui::MainWindow;

namespace {

/// QGuiApplication takes "-session ID" (also spelled "--session") for X11 session management and
/// removes it from argv. BasisLab's --session FILE is read from the raw arguments before that.
QString sessionArgument(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if ((arg == QLatin1String("--session") || arg == QLatin1String("-session") || arg == QLatin1String("-s")) &&
            i + 1 < argc)
            return QString::fromLocal8Bit(argv[i + 1]);
        if (arg.startsWith(QLatin1String("--session="))) return arg.mid(10);
    }
    return {};
}

}  // namespace

int main(int argc, char** argv) {
    const QString session_file = sessionArgument(argc, argv);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BasisLab"));
    QApplication::setApplicationName(QStringLiteral("basislab"));
    QApplication::setApplicationDisplayName(QStringLiteral("BasisLab"));
    QApplication::setApplicationVersion(QStringLiteral(BASISLAB_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/basislab.svg")));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("BasisLab workbench: shared-basis SVD compression of Llama models"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model({QStringLiteral("m"), QStringLiteral("model")},
                                   QStringLiteral("Open the Hugging Face model folder DIR."), QStringLiteral("DIR"));
    const QCommandLineOption session({QStringLiteral("s"), QStringLiteral("session")},
                                     QStringLiteral("Open the session FILE."), QStringLiteral("FILE"));
    const QCommandLineOption figures(
        QStringLiteral("export-figures"),
        QStringLiteral("After loading, write every plot as PNG, PDF and SVG into DIR and exit."),
        QStringLiteral("DIR"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("After loading, write a picture of the main window to FILE "
                                                       "(PNG) and exit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption calib_text(
        QStringLiteral("calib-text"),
        QStringLiteral("Headless: calibrate on the UTF-8 text FILE before writing figures (the demo model "
                       "calibrates on its bundled text by default)."),
        QStringLiteral("FILE"));
    const QCommandLineOption calib(
        QStringLiteral("calib"),
        QStringLiteral("Headless: load the calibration FILE.h5 (basislab-cli calibrate) before writing "
                       "figures."),
        QStringLiteral("FILE.h5"));
    const QCommandLineOption step(QStringLiteral("step"),
                                  QStringLiteral("Show step N (1 model, 2 calibration, 3 compression, 4 evaluation)."),
                                  QStringLiteral("N"));
    const QCommandLineOption language(QStringLiteral("lang"), QStringLiteral("Interface language: en or ko."),
                                      QStringLiteral("CODE"));
    parser.addOptions({model, session, figures, screenshot, calib_text, calib, step, language});
    QStringList arguments = QApplication::arguments();
    if (!session_file.isEmpty() && !arguments.contains(session_file))
        arguments << QStringLiteral("--session") << session_file;
    parser.process(arguments);

    const bool headless = parser.isSet(figures) || parser.isSet(screenshot);
    MainWindow::Options options;
    options.interactive = !headless;
    options.language = parser.value(language);
    MainWindow window(options);
    if (parser.isSet(session) && !window.openSession(parser.value(session)) && headless) return 1;
    if (parser.isSet(model)) window.openModel(parser.value(model));
    if (parser.isSet(step)) window.showStep(MainWindow::Step(qBound(1, parser.value(step).toInt(), 4) - 1));
    if (!headless) {
        window.show();
        window.offerDemoIfNoModel();
        return app.exec();
    }

    basislab::gui::waitForJobs(window);
    if (!window.lastError().isEmpty()) {
        std::fprintf(stderr, "error: %s\n", qPrintable(window.lastError()));
        return 1;
    }
    basislab::gui::HeadlessOptions headless_options;
    headless_options.calib_text = parser.value(calib_text);
    headless_options.calib_file = parser.value(calib);
    headless_options.figures = parser.isSet(figures);
    if (const int prepared = basislab::gui::prepareFigures(window, headless_options)) return prepared;
    int status = 0;
    if (parser.isSet(figures)) status |= basislab::gui::exportFigures(window, parser.value(figures));
    if (parser.isSet(screenshot)) status |= basislab::gui::writeScreenshot(window, parser.value(screenshot));
    return status;
}
