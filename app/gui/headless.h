// What `basislab` does without a user: wait for the worker's jobs, write every plot as figures
// (--export-figures DIR) and a picture of the window (--screenshot FILE), then exit.
#pragma once

#include <QString>

namespace basislab::gui {

class MainWindow;

/// Runs the event loop until the window's worker has no job left.
void waitForJobs(MainWindow& window);

/// Makes the plots worth exporting: the demo model without a calibration gets a small default
/// calibration (said on stderr), and the compression preview is waited for.
void prepareFigures(MainWindow& window);

/// Writes every plot with data as PNG, PDF and SVG (and CSV) into `folder`; prints what it wrote
/// on stderr. Returns the exit status (0, or 1 when a figure could not be written).
int exportFigures(MainWindow& window, const QString& folder);

/// Renders the window offscreen into a PNG. Returns the exit status.
int writeScreenshot(MainWindow& window, const QString& path);

}  // namespace basislab::gui
