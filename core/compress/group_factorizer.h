// Loads what one group needs (weights W_l, Grams G_l, per-method metric and weights) and runs the
// factorization kernel on it. Shared by compress() and the error preview. Float64, on the model's
// device. Keeps small caches: Grams by (layer, site) within a byte budget, and the last few
// whitenings by (site, layers, alpha) within a count and a byte budget, so q, k and v of a group
// share one Cholesky. compress() releases what no later group needs (release()), so what the
// caches hold does not grow with the number of layers.
// Thread-compatible: one instance per thread.
#pragma once

#include "../calib/calibration.h"
#include "../model/llama_model.h"
#include "alpha.h"
#include "compress_options.h"
#include "factorize.h"

#include <list>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace basislab {

/// One factorized group with its inputs.
struct GroupWork {
    GroupLayout layout;
    std::vector<at::Tensor> W;  // W_l = weight_l^T, (d_in, d_out) float64
    std::vector<at::Tensor> G;  // the layers' own Grams G_l, (d_in, d_in) float64
    GroupWeights weights;  // alpha (mean 1) and beta
    double shift = 0;  // Cholesky shift of the group's Gram (whitening methods)
    double shift_relative = 0;  // shift / (tr G / d_in)
    Factorization f;
};

class GroupFactorizer {
public:
    GroupFactorizer(const LlamaModel& model, const Calibration& calibration, const CompressOptions& options);

    GroupWork factor(const CompressionPlan& plan, const GroupLayout& group);
    /// W = weight^T, (d_in, d_out) float64 on the device.
    at::Tensor weight(int layer, MatrixType type) const;
    /// G_{layer,site}, float64 on the device, checked (empty or non-finite -> Error); cached.
    at::Tensor gram(int layer, Site site);
    at::Device device() const { return device_; }
    /// Drops the cached Gram of (layer, site) and every cached whitening built from it.
    void release(int layer, Site site);
    /// Bytes held by the caches (Grams and whitenings), for tests and benchmarks.
    std::size_t cachedBytes() const;

private:
    Metric metricFor(const CompressionPlan& plan, const GroupLayout& group, const GroupWork& work);
    std::vector<LayerScale> scales(const CompressionPlan& plan, const GroupLayout& group, const GroupWork& work) const;

    const LlamaModel& model_;
    const Calibration& calibration_;
    CompressOptions options_;
    at::Device device_;
    std::map<std::pair<int, Site>, at::Tensor> grams_;
    std::list<std::pair<int, Site>> gram_order_;  // least recently used first
    std::size_t gram_bytes_ = 0;
    struct CachedMetric {
        std::string key;
        Site site;
        std::vector<int> layers;
        Metric metric;
    };
    std::list<CachedMetric> metrics_;  // most recent first, at most 4 and kMetricCacheBytes beyond the first
};

/// "layer 3, site attn_in"
std::string siteWhere(int layer, Site site);

}  // namespace basislab
