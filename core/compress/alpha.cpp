#include "alpha.h"

#include "../base/error.h"

#include <cmath>

namespace basislab {
namespace {

std::string where(const LayerScale& s, MatrixType type) {
    return "layer " + std::to_string(s.layer) + ", site " + name(siteOf(type));
}

double measureOf(const LayerScale& s, ScaleMeasure m, MatrixType type) {
    const double v = m == ScaleMeasure::trace ? s.trace : m == ScaleMeasure::fro ? s.fro : s.max_eig;
    if (!(v > 0) || !std::isfinite(v))
        throw Error(where(s, type) + ": the Gram's " + name(m) + " is " + std::to_string(v) +
                    " (an empty or broken calibration); no input scale can be taken from it");
    return v;
}

}  // namespace

bool needsMaxEig(const AlphaForm& form) {
    return form.kind == AlphaForm::Kind::inv_max_eig ||
           (form.kind == AlphaForm::Kind::normalised && form.measure == ScaleMeasure::max_eig);
}

GroupWeights groupWeights(const AlphaForm& form, const std::vector<LayerScale>& layers, MatrixType type) {
    using Kind = AlphaForm::Kind;
    GroupWeights w;
    const std::size_t n = layers.size();
    w.alpha.assign(n, 1.0);
    w.beta.assign(n, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const LayerScale& s = layers[i];
        switch (form.kind) {
            case Kind::none: break;
            case Kind::inv_trace: w.alpha[i] = 1 / measureOf(s, ScaleMeasure::trace, type); break;
            case Kind::inv_fro: w.alpha[i] = 1 / measureOf(s, ScaleMeasure::fro, type); break;
            case Kind::inv_max_eig: w.alpha[i] = 1 / measureOf(s, ScaleMeasure::max_eig, type); break;
            case Kind::inv_sqrt_trace: w.alpha[i] = 1 / std::sqrt(measureOf(s, ScaleMeasure::trace, type)); break;
            case Kind::power: w.alpha[i] = std::pow(measureOf(s, ScaleMeasure::trace, type), -form.p); break;
            case Kind::inv_output:
                if (!(s.output_energy > 0) || !std::isfinite(s.output_energy))
                    throw Error("layer " + std::to_string(s.layer) + ", type " + name(type) +
                                ": the output energy tr(W^T G W) is " + std::to_string(s.output_energy) +
                                "; inv-output cannot weight it");
                w.alpha[i] = 1 / s.output_energy;
                break;
            case Kind::normalised: {
                if (s.tokens <= 0) throw Error(where(s, type) + ": the calibration has 0 tokens for this site");
                // s_l = sqrt(m(G_l) / tokens): the RMS size of the layer's input x for m = trace.
                const double scale = std::sqrt(measureOf(s, form.measure, type) / double(s.tokens));
                w.alpha[i] = 1 / (scale * scale);
                w.beta[i] = scale;
                break;
            }
        }
        if (!std::isfinite(w.alpha[i]) || !(w.alpha[i] > 0))
            throw Error(where(s, type) + ": alpha form " + form.text() + " gives a weight of " +
                        std::to_string(w.alpha[i]));
    }
    // Normalise to mean 1: alpha *= c, beta /= sqrt(c) (alpha beta^2 unchanged; see the header).
    double mean = 0;
    for (double a : w.alpha) mean += a / double(n);
    for (std::size_t i = 0; i < n; ++i) {
        w.alpha[i] /= mean;
        if (form.kind == Kind::normalised) w.beta[i] *= std::sqrt(mean);
    }
    return w;
}

}  // namespace basislab
