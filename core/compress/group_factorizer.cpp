#include "group_factorizer.h"

#include "../base/error.h"
#include "../model/fingerprint.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace basislab {
namespace {

constexpr std::size_t kMetricCache = 4;
// Bytes of whitenings kept beyond the newest one (which is always kept): compress() reuses only the
// newest (q, k, v of one group); older ones help the preview when it returns to a plan.
constexpr std::size_t kMetricCacheBytes = std::size_t(1) << 30;

std::size_t bytesOf(const Metric& m) {
    std::size_t bytes = 0;
    for (const at::Tensor* t : {&m.S, &m.d})
        if (t->defined()) bytes += std::size_t(t->numel()) * t->element_size();
    return bytes;
}
// Floors of the asvd and fwsvd scalings: a channel (asvd) or output row (fwsvd) whose statistic is
// 0 gets 1e-6 times the largest one instead, so S and D stay invertible and its error still counts
// a little. Documented in README.md.
constexpr double kScaleFloor = 1e-6;

at::Tensor floored(const at::Tensor& v, const std::string& what) {
    const double max = v.max().item<double>();
    if (!(max > 0) || !std::isfinite(max)) throw Error(what + " are all zero or not finite");
    return v.clamp_min(kScaleFloor * max);
}

std::string alphaKey(const std::vector<int>& layers, const std::vector<double>& alpha) {
    std::string key;
    char buf[40];
    for (std::size_t i = 0; i < layers.size(); ++i) {
        std::snprintf(buf, sizeof buf, "%d:%.17g,", layers[i], alpha[i]);
        key += buf;
    }
    return key;
}

}  // namespace

std::string siteWhere(int layer, Site site) {
    return "layer " + std::to_string(layer) + ", site " + name(site);
}

GroupFactorizer::GroupFactorizer(const LlamaModel& model, const Calibration& calibration,
                                 const CompressOptions& options)
    : model_(model), calibration_(calibration), options_(options), device_(model.device()) {
    const CalibrationSummary& s = calibration.summary();
    if (!s.model.config_sha256.empty()) {  // in-memory calibrations of tests may carry no identity
        const ModelIdentity mine = modelIdentity(model.dir(), model.config(), model.checkpoint());
        if (!mine.sameModel(s.model))
            throw Error("the calibration was made for another model ('" + s.model.path +
                        "'): its config or weights differ from '" + model.dir() + "'");
    }
    if (s.layers != model.config().num_hidden_layers)
        throw Error("the calibration has " + std::to_string(s.layers) + " layers but the model has " +
                    std::to_string(model.config().num_hidden_layers));
}

at::Tensor GroupFactorizer::weight(int layer, MatrixType type) const {
    return model_.load(tensor_name::projection(layer, type), at::kDouble, device_).t().contiguous();
}

at::Tensor GroupFactorizer::gram(int layer, Site site) {
    const std::pair<int, Site> key{layer, site};
    if (const auto it = grams_.find(key); it != grams_.end()) {
        gram_order_.remove(key);
        gram_order_.push_back(key);
        return it->second;
    }
    const std::string where = siteWhere(layer, site);
    const CalibrationSummary& s = calibration_.summary();
    if (std::size_t(layer) * 4 + std::size_t(site) < s.sites.size() && s.at(layer, site).tokens <= 0)
        throw Error(where + ": the Gram is empty (0 tokens)");
    at::Tensor G = calibration_.gram(layer, site).to(device_, at::kDouble);  // (d_in, d_in)
    checkGram(G, where);
    if (G.size(0) != model_.config().siteWidth(site))
        throw Error(where + ": the Gram is " + std::to_string(G.size(0)) + " wide, the model's site is " +
                    std::to_string(model_.config().siteWidth(site)));
    const std::size_t bytes = std::size_t(G.numel()) * sizeof(double);
    while (!gram_order_.empty() && gram_bytes_ + bytes > options_.gram_cache_bytes) {
        const auto& old = gram_order_.front();
        gram_bytes_ -= std::size_t(grams_[old].numel()) * sizeof(double);
        grams_.erase(old);
        gram_order_.pop_front();
    }
    grams_[key] = G;
    gram_order_.push_back(key);
    gram_bytes_ += bytes;
    return G;
}

std::vector<LayerScale> GroupFactorizer::scales(const CompressionPlan& plan, const GroupLayout& group,
                                                const GroupWork& work) const {
    const Site site = siteOf(group.type);
    const CalibrationSummary& summary = calibration_.summary();
    std::vector<LayerScale> out;
    for (std::size_t i = 0; i < group.layers.size(); ++i) {
        const int l = group.layers[i];
        const at::Tensor& G = work.G[i];
        LayerScale s;
        s.layer = l;
        s.tokens = std::size_t(l) * 4 + std::size_t(site) < summary.sites.size() ? summary.at(l, site).tokens : 0;
        s.trace = G.diagonal().sum().item<double>();
        s.fro = G.norm().item<double>();
        if (needsMaxEig(plan.alpha)) s.max_eig = at::linalg_eigvalsh(G, "L")[-1].item<double>();
        if (plan.alpha.dependsOnWeights())
            s.output_energy = (at::matmul(G, work.W[i]) * work.W[i]).sum().item<double>();
        out.push_back(s);
    }
    return out;
}

Metric GroupFactorizer::metricFor(const CompressionPlan& plan, const GroupLayout& group, const GroupWork& work) {
    const Site site = siteOf(group.type);
    const int l0 = group.layers.front();
    switch (plan.method) {
        case Method::svd:
        case Method::fwsvd: return identityMetric();
        case Method::asvd: {
            // S = diag((mean |x_j|)^a), per input channel j of the layer's site input.
            const Eigen::VectorXd& mean_abs = calibration_.summary().at(l0, site).mean_abs;
            if (mean_abs.size() != group.d_in)
                throw Error(siteWhere(l0, site) + ": the calibration has no mean |x| statistics for asvd");
            const at::Tensor m =
                at::from_blob(const_cast<double*>(mean_abs.data()), {group.d_in}, at::kDouble).clone().to(device_);
            return diagonalMetric(floored(m, siteWhere(l0, site) + ": the mean |x| values").pow(plan.asvd_exponent));
        }
        case Method::svd_llm:
        case Method::basis_sharing: break;
    }
    const std::string key = std::string(name(site)) + "|" + alphaKey(group.layers, work.weights.alpha);
    for (auto it = metrics_.begin(); it != metrics_.end(); ++it)
        if (it->key == key) {
            metrics_.splice(metrics_.begin(), metrics_, it);
            return it->metric;
        }
    at::Tensor G = work.G[0] * work.weights.alpha[0];  // sum_l alpha_l G_l, (d_in, d_in)
    for (std::size_t i = 1; i < work.G.size(); ++i) G = G + work.G[i] * work.weights.alpha[i];
    std::string where = siteWhere(l0, site);
    if (group.layers.size() > 1)
        where = "layers " + std::to_string(l0) + "-" + std::to_string(group.layers.back()) + ", site " + name(site);
    Metric m = whiteningOf(G, where);
    metrics_.push_front({key, site, group.layers, m});
    std::size_t bytes = 0, kept = 0;
    for (auto it = metrics_.begin(); it != metrics_.end(); ++it, ++kept) {
        bytes += kept > 0 ? bytesOf(it->metric) : 0;
        if (kept > 0 && (kept >= kMetricCache || bytes > kMetricCacheBytes)) {
            metrics_.erase(it, metrics_.end());
            break;
        }
    }
    return m;
}

void GroupFactorizer::release(int layer, Site site) {
    const std::pair<int, Site> key{layer, site};
    if (const auto it = grams_.find(key); it != grams_.end()) {
        gram_bytes_ -= std::size_t(it->second.numel()) * sizeof(double);
        grams_.erase(it);
        gram_order_.remove(key);
    }
    metrics_.remove_if([&](const CachedMetric& m) {
        return m.site == site && std::find(m.layers.begin(), m.layers.end(), layer) != m.layers.end();
    });
}

std::size_t GroupFactorizer::cachedBytes() const {
    std::size_t bytes = gram_bytes_;
    for (const CachedMetric& m : metrics_) bytes += bytesOf(m.metric);
    return bytes;
}

GroupWork GroupFactorizer::factor(const CompressionPlan& plan, const GroupLayout& group) {
    GroupWork work;
    work.layout = group;
    const Site site = siteOf(group.type);
    for (int l : group.layers) {
        work.W.push_back(weight(l, group.type));
        work.G.push_back(gram(l, site));
    }
    const std::size_t n = group.layers.size();
    if (plan.method == Method::basis_sharing && n > 1) {
        work.weights = groupWeights(plan.alpha, scales(plan, group, work), group.type);
    } else {
        work.weights.alpha.assign(n, 1.0);
        work.weights.beta.assign(n, 1.0);
    }
    std::vector<at::Tensor> D;
    if (plan.method == Method::fwsvd) {
        // FWSVD (Hsu et al. 2022): importance of HF row i (output feature) w_i = sqrt(sum_j F_ij),
        // F the accumulated squared gradient (d_out x d_in); it minimises ||diag(w)(weight - W_hat^T)||_F,
        // which in the papers' layout W = weight^T is the right scaling W diag(w).
        for (int l : group.layers) {
            const at::Tensor F = calibration_.fisher(l, group.type).to(device_, at::kDouble);  // (d_out, d_in)
            if (F.dim() != 2 || F.size(0) != group.d_out || F.size(1) != group.d_in)
                throw Error("layer " + std::to_string(l) + ", type " + name(group.type) +
                            ": the Fisher diagonal has the wrong shape");
            D.push_back(floored(F.sum(1).sqrt(), "layer " + std::to_string(l) + ", type " + name(group.type) +
                                                     ": the Fisher row weights"));
        }
    }
    const Metric S = metricFor(plan, group, work);
    work.shift = S.shift;
    work.shift_relative = S.mean_eigenvalue > 0 ? S.shift / S.mean_eigenvalue : 0;
    work.f = factorize(S, work.W, work.weights.beta, D, options_.solver);
    return work;
}

}  // namespace basislab
