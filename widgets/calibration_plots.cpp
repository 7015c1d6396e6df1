#include "calibration_plots.h"

#include <QCoreApplication>

#include <cmath>

namespace basislab::gui {
namespace {
struct CalibrationPlots {
    Q_DECLARE_TR_FUNCTIONS(CalibrationPlots)
};
}  // namespace

QString inputScaleMeasureLabel(InputScaleMeasure measure) {
    switch (measure) {
        case InputScaleMeasure::RmsNorm: return CalibrationPlots::tr("RMS norm √(tr G / N)");
        case InputScaleMeasure::MeanSquaredNorm: return CalibrationPlots::tr("Mean squared norm tr G / N");
        case InputScaleMeasure::LargestEigenvalue: return CalibrationPlots::tr("Largest eigenvalue λ_max(G) / N");
        case InputScaleMeasure::Frobenius: return CalibrationPlots::tr("Frobenius norm ‖G‖_F / N");
        case InputScaleMeasure::MeanAbs: return CalibrationPlots::tr("Mean |x_j| over channels");
    }
    return {};
}

QString siteLabel(Site site) {
    switch (site) {
        case Site::attn_in: return CalibrationPlots::tr("attn_in (q, k, v)");
        case Site::o_in: return CalibrationPlots::tr("o_in (o)");
        case Site::mlp_in: return CalibrationPlots::tr("mlp_in (gate, up)");
        case Site::down_in: return CalibrationPlots::tr("down_in (down)");
    }
    return {};
}

double scaleOf(const SiteStatistics& s, InputScaleMeasure measure) {
    const double n = s.tokens > 0 ? double(s.tokens) : 1.0;
    switch (measure) {
        case InputScaleMeasure::RmsNorm: return std::sqrt(s.trace / n);
        case InputScaleMeasure::MeanSquaredNorm: return s.trace / n;
        case InputScaleMeasure::LargestEigenvalue: return s.max_eig / n;
        case InputScaleMeasure::Frobenius: return s.fro / n;
        case InputScaleMeasure::MeanAbs: return s.mean_abs.size() > 0 ? s.mean_abs.mean() : NAN;
    }
    return NAN;
}

PlotData makeInputScalePlot(const CalibrationSummary& summary, InputScaleMeasure measure) {
    PlotData data;
    data.title = CalibrationPlots::tr("Input scale per layer");
    data.x_label = CalibrationPlots::tr("Layer");
    data.y_label = inputScaleMeasureLabel(measure);
    data.log_y = true;
    data.integer_x = true;
    for (const Site site : kSites) {
        PlotSeries s;
        s.name = siteLabel(site);
        for (int l = 0; l < summary.layers; ++l) {
            s.x.append(l);
            s.y.append(scaleOf(summary.at(l, site), measure));
        }
        data.series.append(s);
    }
    return data;
}

PlotData makeSpectrumPlot(const CalibrationSummary& summary, Site site, const QVector<int>& layers, bool normalised) {
    PlotData data;
    data.title = CalibrationPlots::tr("Gram eigen-spectrum, %1").arg(siteLabel(site));
    data.x_label = CalibrationPlots::tr("Eigenvalue index");
    data.y_label =
        normalised ? CalibrationPlots::tr("Share of the trace λ_i / Σλ") : CalibrationPlots::tr("Eigenvalue λ_i / N");
    data.log_y = true;
    for (const int l : layers) {
        if (l < 0 || l >= summary.layers) continue;
        const SiteStatistics& st = summary.at(l, site);
        const Eigen::VectorXd& ev = st.eigenvalues;
        const double scale = normalised ? ev.sum() : (st.tokens > 0 ? double(st.tokens) : 1.0);
        PlotSeries s;
        s.name = CalibrationPlots::tr("layer %1").arg(l);
        s.style = PlotSeries::Style::Line;
        s.color = l;
        for (Eigen::Index i = 0; i < ev.size(); ++i) {
            s.x.append(double(i + 1));
            s.y.append(scale > 0 ? ev[i] / scale : NAN);
        }
        data.series.append(s);
    }
    return data;
}

}  // namespace basislab::gui
