#include "headless.h"

#include "calibration_page.h"
#include "compression_page.h"
#include "demo.h"
#include "evaluation_page.h"
#include "figure_export.h"
#include "grid_box.h"
#include "job_controller.h"
#include "main_window.h"
#include "workbench_document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>
#include <exception>

namespace basislab::gui {
namespace {

/// Runs the event loop until the compression page has a preview (or one failed), at most `ms`.
void waitForPreview(MainWindow& window, int ms) {
    if (window.compressionPage()->preview()) return;
    QEventLoop loop;
    QObject::connect(window.jobs(), &JobController::previewReady, &loop, &QEventLoop::quit);
    QObject::connect(window.jobs(), &JobController::previewFailed, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

/// The last error of the window as the exit status (1), printed; 0 when there is none.
int failedWith(MainWindow& window) {
    if (window.lastError().isEmpty()) return 0;
    std::fprintf(stderr, "error: %s\n", qPrintable(window.lastError()));
    return 1;
}

int calibrate(MainWindow& window, const QString& text, const char* why) {
    WorkbenchDocument* doc = window.document();
    api::CalibrationRequest request = doc->calibrationRequest();
    request.text_path = text.toStdString();
    doc->setCalibrationRequest(request);
    std::fprintf(stderr, "calibrating %s (%d windows of %d tokens of %s) on the worker\n", why, request.windows,
                 request.seq_len, qPrintable(QFileInfo(text).fileName()));
    window.calibrationPage()->calibrate();
    waitForJobs(window);
    return failedWith(window);
}

/// The demo's small grid, on the first windows of the evaluation text (the demo text by default).
int evaluateDemoGrid(MainWindow& window) {
    WorkbenchDocument* doc = window.document();
    api::PerplexityRequest request = doc->evaluationRequest();
    if (request.text_path.empty()) request.text_path = demo::textPath().toStdString();
    request.window = kDemoGridWindow;
    request.max_windows = kDemoGridWindows;
    doc->setEvaluationRequest(request);
    GridBox* grid = window.evaluationPage()->grid();
    grid->setGrid(QString::fromLatin1(kDemoGridRatios), QString::fromLatin1(kDemoGridAlphas), QStringLiteral("2"));
    std::size_t runs = 0;
    try {
        runs = grid->plans().size();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: the demo grid: %s\n", e.what());
        return 1;
    }
    std::fprintf(stderr,
                 "evaluating a small grid on the demo: %zu runs (ratios %s x alpha %s, n = 2) on %d windows of %d "
                 "tokens of %s\n",
                 runs, kDemoGridRatios, kDemoGridAlphas, kDemoGridWindows, kDemoGridWindow,
                 qPrintable(QFileInfo(QString::fromStdString(request.text_path)).fileName()));
    QElapsedTimer clock;
    clock.start();
    if (!grid->start(request)) {
        if (!failedWith(window)) std::fprintf(stderr, "error: the demo grid could not start\n");
        return 1;
    }
    waitForJobs(window);
    if (const int status = failedWith(window)) return status;
    std::fprintf(stderr, "grid: %lld runs in %.1f s\n", (long long)doc->runs().size(), double(clock.elapsed()) / 1e3);
    return 0;
}

}  // namespace

void waitForJobs(MainWindow& window) {
    JobController* jobs = window.jobs();
    if (!jobs->busy()) return;
    QEventLoop loop;
    QObject::connect(jobs, &JobController::busyChanged, &loop, [&loop](bool busy) {
        if (!busy) loop.quit();
    });
    loop.exec();
}

int prepareFigures(MainWindow& window, const HeadlessOptions& options) {
    WorkbenchDocument* doc = window.document();
    if (!doc->modelInfo()) {
        if (!options.figures) return 0;
        std::fprintf(stderr, "error: no model to draw: pass --model DIR (or --session FILE)\n");
        return 2;
    }
    const bool demo = demo::isDemoModel(doc->modelDir());
    if (!options.calib_file.isEmpty()) {
        std::fprintf(stderr, "loading the calibration %s\n", qPrintable(options.calib_file));
        JobController* jobs = window.jobs();
        QString failure;
        const quint64 id = jobs->loadCalibration(QFileInfo(options.calib_file).absoluteFilePath());
        const auto connection = QObject::connect(jobs, &JobController::jobFailed, jobs,
                                                 [&failure, id](quint64 job, JobKind, const QString& text) {
                                                     if (job == id) failure = text;
                                                 });
        waitForJobs(window);
        QObject::disconnect(connection);
        if (!failure.isEmpty()) {
            std::fprintf(stderr, "error: --calib: %s\n", qPrintable(failure));
            return 1;
        }
    } else if (!options.calib_text.isEmpty()) {
        if (!QFileInfo(options.calib_text).isFile()) {
            std::fprintf(stderr, "error: --calib-text: the text file '%s' does not exist\n",
                         qPrintable(options.calib_text));
            return 2;
        }
        if (const int status = calibrate(window, QFileInfo(options.calib_text).absoluteFilePath(), "the model"))
            return status;
    } else if (!doc->calibration() && demo) {
        if (const int status = calibrate(window, demo::textPath(), "the demo model with its bundled text"))
            return status;
    }
    if (!doc->calibration()) {
        if (!options.figures) return 0;
        std::fprintf(stderr,
                     "error: %s has no calibration: pass --calib-text FILE (a UTF-8 text to calibrate on) or --calib "
                     "FILE.h5 (a stored calibration, basislab-cli calibrate), or a --session that has one\n",
                     qPrintable(doc->modelDir()));
        return 2;
    }
    waitForPreview(window, 120000);
    bool has_compressed_runs = false;
    for (const api::RunRecord& run : doc->runs()) has_compressed_runs |= run.compressed;
    if (options.figures && demo && !has_compressed_runs) return evaluateDemoGrid(window);
    return 0;
}

int exportFigures(MainWindow& window, const QString& folder) {
    const FigureExportResult r = exportAllFigures(window.plots(), folder);
    for (const QString& path : r.written) std::fprintf(stderr, "wrote %s\n", qPrintable(path));
    for (const QString& id : r.skipped) std::fprintf(stderr, "skipped %s (no data)\n", qPrintable(id));
    for (const QString& error : r.errors) std::fprintf(stderr, "error: %s\n", qPrintable(error));
    return r.errors.isEmpty() ? 0 : 1;
}

int writeScreenshot(MainWindow& window, const QString& path) {
    window.show();
    QApplication::processEvents();
    const QPixmap picture = window.grab();
    if (picture.isNull() || !picture.save(path, "PNG")) {
        std::fprintf(stderr, "error: cannot write the screenshot %s\n", qPrintable(path));
        return 1;
    }
    std::fprintf(stderr, "wrote %s (%dx%d)\n", qPrintable(QFileInfo(path).absoluteFilePath()), picture.width(),
                 picture.height());
    return 0;
}

}  // namespace basislab::gui
