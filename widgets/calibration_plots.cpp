#include "calibration_plots.h"

#include "compress/alpha.h"
#include "plan_text.h"

#include <QCoreApplication>

#include <algorithm>
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

std::vector<AlphaForm> gramAlphaForms(const AlphaForm* extra) {
    using Kind = AlphaForm::Kind;
    std::vector<AlphaForm> forms;
    for (Kind k :
         {Kind::none, Kind::inv_trace, Kind::inv_fro, Kind::inv_max_eig, Kind::inv_sqrt_trace, Kind::normalised}) {
        AlphaForm f;
        f.kind = k;
        forms.push_back(f);
    }
    if (extra && !extra->dependsOnWeights() && std::find(forms.begin(), forms.end(), *extra) == forms.end())
        forms.push_back(*extra);
    return forms;
}

PlotData makeAlphaPlot(const CalibrationSummary& summary, MatrixType type, int group_size,
                       const std::vector<AlphaForm>& forms) {
    PlotData data;
    data.title = CalibrationPlots::tr("α per layer, %1").arg(QString::fromLatin1(name(type)));
    data.x_label = CalibrationPlots::tr("Layer");
    data.y_label = CalibrationPlots::tr("α_l (mean 1 per group)");
    data.log_y = true;
    data.integer_x = true;
    const int n = group_size > 0 ? group_size : std::max(1, summary.layers);
    const Site site = siteOf(type);
    for (const AlphaForm& form : forms) {
        PlotSeries s;
        s.name = alphaLabel(form);
        try {
            for (int first = 0; first < summary.layers; first += n) {
                std::vector<LayerScale> group;
                for (int l = first; l < std::min(summary.layers, first + n); ++l) {
                    const SiteStatistics& st = summary.at(l, site);
                    LayerScale scale;
                    scale.layer = l;
                    scale.tokens = st.tokens;
                    scale.trace = st.trace;
                    scale.fro = st.fro;
                    scale.max_eig = st.max_eig;
                    group.push_back(scale);
                }
                const GroupWeights w = groupWeights(form, group, type);
                for (std::size_t i = 0; i < group.size(); ++i) {
                    s.x.append(group[i].layer);
                    s.y.append(w.alpha[i]);
                }
            }
        } catch (const std::exception&) {
            continue;  // a zero or non-finite measure: this form cannot weight these layers
        }
        data.series.append(s);
    }
    return data;
}

}  // namespace basislab::gui
