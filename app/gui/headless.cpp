#include "headless.h"

#include "calibration_page.h"
#include "compression_page.h"
#include "demo.h"
#include "figure_export.h"
#include "job_controller.h"
#include "main_window.h"
#include "workbench_document.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QPixmap>
#include <QTimer>

#include <cstdio>

namespace basislab::gui {
namespace {

bool isDemo(const MainWindow& window) {
    const QString demo = demo::modelDir();
    return !demo.isEmpty() && QFileInfo(window.document()->modelDir()).canonicalFilePath() == demo;
}

/// Runs the event loop until the compression page has a preview (or one failed), at most `ms`.
void waitForPreview(MainWindow& window, int ms) {
    if (window.compressionPage()->preview()) return;
    QEventLoop loop;
    QObject::connect(window.jobs(), &JobController::previewReady, &loop, &QEventLoop::quit);
    QObject::connect(window.jobs(), &JobController::previewFailed, &loop, &QEventLoop::quit);
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
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

void prepareFigures(MainWindow& window) {
    WorkbenchDocument* doc = window.document();
    if (doc->modelInfo() && !doc->calibration() && isDemo(window)) {
        api::CalibrationRequest request = doc->calibrationRequest();
        if (request.text_path.empty()) request.text_path = demo::textPath().toStdString();
        doc->setCalibrationRequest(request);
        std::fprintf(stderr,
                     "no calibration: running a small default calibration of the demo model (%d windows of %d "
                     "tokens of %s) on the worker\n",
                     request.windows, request.seq_len,
                     qPrintable(QFileInfo(QString::fromStdString(request.text_path)).fileName()));
        window.calibrationPage()->calibrate();
        waitForJobs(window);
    }
    if (doc->calibration()) waitForPreview(window, 120000);
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
