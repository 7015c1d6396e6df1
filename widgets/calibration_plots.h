// The calibration step's plots, computed from the torch-free CalibrationSummary: the per-layer
// input scale of each site (several measures), and the Gram eigen-spectra of chosen layers.
#pragma once

#include "calib/statistics.h"
#include "compress/plan.h"
#include "plot_data.h"

#include <QVector>

namespace basislab::gui {

/// How "the scale of a site's input" is measured, per layer (N = tokens of the calibration).
enum class InputScaleMeasure {
    RmsNorm,  // sqrt(tr G / N): root-mean-square norm of the input vectors
    MeanSquaredNorm,  // tr G / N
    LargestEigenvalue,  // lambda_max(G) / N
    Frobenius,  // ||G||_F / N
    MeanAbs,  // mean over channels of mean |x_j| (ASVD's scale)
};
inline constexpr InputScaleMeasure kInputScaleMeasures[] = {
    InputScaleMeasure::RmsNorm, InputScaleMeasure::MeanSquaredNorm, InputScaleMeasure::LargestEigenvalue,
    InputScaleMeasure::Frobenius, InputScaleMeasure::MeanAbs};

QString inputScaleMeasureLabel(InputScaleMeasure measure);
QString siteLabel(Site site);
double scaleOf(const SiteStatistics& s, InputScaleMeasure measure);

/// x = layer, one series per site, log y.
PlotData makeInputScalePlot(const CalibrationSummary& summary, InputScaleMeasure measure);

/// x = eigenvalue index (1-based), one series per layer, log y. Raw: eigenvalues of G / N;
/// normalised: each eigenvalue's share of the trace (lambda_i / sum lambda).
PlotData makeSpectrumPlot(const CalibrationSummary& summary, Site site, const QVector<int>& layers, bool normalised);

/// The alpha forms the calibration step compares: those that need only the Grams (inv-output
/// needs the weights too, so the compression step's preview shows it), plus `extra` when given.
std::vector<AlphaForm> gramAlphaForms(const AlphaForm* extra = nullptr);

/// x = layer, one series per form: the alpha_l each form gives to the layers of `type` when
/// groups of `group_size` consecutive layers (0 = all layers in one group) share a basis;
/// normalised to mean 1 within each group, log y. A form the calibration cannot weight (a zero
/// measure) is left out.
PlotData makeAlphaPlot(const CalibrationSummary& summary, MatrixType type, int group_size,
                       const std::vector<AlphaForm>& forms);

}  // namespace basislab::gui
