#include "headless.h"

#include "figure_export.h"
#include "job_controller.h"
#include "main_window.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QPixmap>

#include <cstdio>

namespace basislab::gui {

void waitForJobs(MainWindow& window) {
    JobController* jobs = window.jobs();
    if (!jobs->busy()) return;
    QEventLoop loop;
    QObject::connect(jobs, &JobController::busyChanged, &loop, [&loop](bool busy) {
        if (!busy) loop.quit();
    });
    loop.exec();
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
