// mergeCalibrations: the calibration of the union of two calibrations' data (calibrator.h).
#include "../base/error.h"
#include "calibrator.h"
#include "site_statistics.h"

#include <algorithm>
#include <cstring>
#include <iterator>

namespace basislab {
namespace {

std::string joined(const std::string& a, const std::string& b) {
    return a == b ? a : a + " + " + b;
}

at::Tensor toTensor(const Eigen::VectorXd& v, const std::string& what) {
    if (v.size() == 0) throw Error("cannot merge calibrations: " + what + " has no raw per-channel sums");
    at::Tensor t = at::empty({v.size()}, at::TensorOptions().dtype(at::kDouble));  // [d]
    if (v.size() > 0) std::memcpy(t.data_ptr<double>(), v.data(), std::size_t(v.size()) * sizeof(double));
    return t;
}

/// Refuses windows counted twice: with the same text (hash) and window length, window index i is the
/// same tokens in both, so a shared index would add its X^T X twice. Where either side does not know
/// its windows (they were passed in tokenized, window_indices empty), nothing can be checked.
void refuseSharedWindows(const CalibrationSettings& a, const CalibrationSettings& b) {
    if (a.text_sha256.empty() || a.text_sha256 != b.text_sha256) return;
    if (a.window_indices.empty() || b.window_indices.empty()) return;
    std::vector<std::int64_t> x = a.window_indices, y = b.window_indices, shared;
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    std::set_intersection(x.begin(), x.end(), y.begin(), y.end(), std::back_inserter(shared));
    if (shared.empty()) return;
    std::string list;
    for (std::size_t i = 0; i < shared.size() && i < 8; ++i) list += (i ? ", " : "") + std::to_string(shared[i]);
    if (shared.size() > 8) list += ", ...";
    throw Error("cannot merge calibrations that share windows: " + std::to_string(shared.size()) + " of the " +
                std::to_string(a.window_indices.size()) + " and " + std::to_string(b.window_indices.size()) +
                " windows of the same text ('" + a.text_path + "') are in both (window " + list +
                "); their data would be counted twice");
}

}  // namespace

CalibrationSummary mergeCalibrationsInto(const Calibration& a, const Calibration& b, CalibrationSink& sink,
                                         at::Device device) {
    const CalibrationSummary& A = a.summary();
    const CalibrationSummary& B = b.summary();
    if (!A.model.sameModel(B.model))
        throw Error("cannot merge calibrations of different models ('" + A.model.path + "' and '" + B.model.path +
                    "')");
    if (A.layers != B.layers || A.sites.size() != B.sites.size())
        throw Error("cannot merge calibrations with " + std::to_string(A.layers) + " and " + std::to_string(B.layers) +
                    " layers");
    if (A.settings.seq_len != B.settings.seq_len)
        throw Error("cannot merge calibrations with window lengths " + std::to_string(A.settings.seq_len) + " and " +
                    std::to_string(B.settings.seq_len));
    refuseSharedWindows(A.settings, B.settings);

    CalibrationSummary M;
    M.model = A.model;
    M.layers = A.layers;
    M.tokens = A.tokens + B.tokens;
    M.seconds = A.seconds + B.seconds;
    CalibrationSettings& s = M.settings;
    s.text_path = joined(A.settings.text_path, B.settings.text_path);
    s.text_sha256 = joined(A.settings.text_sha256, B.settings.text_sha256);
    s.text_tokens = A.settings.text_sha256 == B.settings.text_sha256 ? A.settings.text_tokens
                                                                     : A.settings.text_tokens + B.settings.text_tokens;
    s.windows = A.settings.windows + B.settings.windows;
    s.seq_len = A.settings.seq_len;
    if (A.settings.shuffle_seed == B.settings.shuffle_seed) s.shuffle_seed = A.settings.shuffle_seed;
    s.device = joined(A.settings.device, B.settings.device);
    s.dtype = joined(A.settings.dtype, B.settings.dtype);
    s.fisher = a.hasFisher() && b.hasFisher();
    s.gram_accumulation = joined(A.settings.gram_accumulation, B.settings.gram_accumulation);
    s.window_indices = A.settings.window_indices;
    s.window_indices.insert(s.window_indices.end(), B.settings.window_indices.begin(), B.settings.window_indices.end());

    M.sites.resize(A.sites.size());
    at::NoGradGuard no_grad;
    for (std::size_t i = 0; i < A.sites.size(); ++i) {
        const SiteStatistics& x = A.sites[i];
        const SiteStatistics& y = B.sites[i];
        const std::string where = "layer " + std::to_string(x.layer) + ", site " + name(x.site);
        if (x.layer != y.layer || x.site != y.site || x.width != y.width)
            throw Error("cannot merge calibrations: " + where + " differs in the two");
        const at::Tensor G = (a.gram(x.layer, x.site) + b.gram(x.layer, x.site)).to(device);  // [d, d] float64
        const at::Tensor sum_abs = toTensor(x.sum_abs, where) + toTensor(y.sum_abs, where);  // [d]
        const at::Tensor sum_sq = toTensor(x.sum_sq, where) + toTensor(y.sum_sq, where);  // [d]
        SiteStatistics merged = siteStatistics(x.layer, x.site, x.tokens + y.tokens, G, sum_abs, sum_sq);
        sink.site(merged, G.cpu());
        M.sites[i] = std::move(merged);
    }
    if (s.fisher) {
        for (int l = 0; l < M.layers; ++l)
            for (MatrixType t : kMatrixTypes) sink.fisher(l, t, a.fisher(l, t) + b.fisher(l, t));
    }
    return M;
}

std::shared_ptr<InMemoryCalibration> mergeCalibrations(const Calibration& a, const Calibration& b, at::Device device) {
    InMemorySink sink;
    CalibrationSummary summary = mergeCalibrationsInto(a, b, sink, device);
    return sink.finish(std::move(summary));
}

}  // namespace basislab
