// What `basislab` does without a user: wait for the worker's jobs, calibrate when asked (or when
// it is the demo), evaluate a small grid on the demo, write every plot as figures
// (--export-figures DIR) and a picture of the window (--screenshot FILE), then exit.
#pragma once

#include <QString>

namespace basislab::gui {

class MainWindow;

/// Runs the event loop until the window's worker has no job left.
void waitForJobs(MainWindow& window);

struct HeadlessOptions {
    QString calib_text;  // --calib-text FILE: calibrate on this text
    QString calib_file;  // --calib FILE.h5: load this calibration
    bool figures = false;  // --export-figures: a model and a calibration are required
};

/// The demo's small grid: these ratios x alpha forms at group size 2, on the first
/// kDemoGridWindows windows of kDemoGridWindow tokens of the demo text.
inline constexpr const char* kDemoGridRatios = "0.2, 0.3, 0.4, 0.5";
inline constexpr const char* kDemoGridAlphas = "none, inv-trace, normalised";
inline constexpr int kDemoGridWindow = 256;
inline constexpr int kDemoGridWindows = 8;

/// Makes the plots worth exporting: loads --calib, or calibrates on --calib-text (the bundled demo
/// text by default for the demo model, recognised by content), waits for the compression preview
/// and, for the demo without runs, evaluates the small grid so that the perplexity-against-ratio
/// figure has data. Says on stderr what it does. Returns the exit status: 0, 1 when a job failed,
/// 2 when figures were asked for and there is no model or no calibration (saying what to pass).
int prepareFigures(MainWindow& window, const HeadlessOptions& options);

/// Writes every plot with data as PNG, PDF and SVG (and CSV) into `folder`; prints what it wrote
/// on stderr. Returns the exit status (0, or 1 when a figure could not be written).
int exportFigures(MainWindow& window, const QString& folder);

/// Renders the window offscreen into a PNG. Returns the exit status.
int writeScreenshot(MainWindow& window, const QString& path);

}  // namespace basislab::gui
