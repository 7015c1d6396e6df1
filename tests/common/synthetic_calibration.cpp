#include "synthetic_calibration.h"

#include "calib/site_statistics.h"

namespace basislab::test {

std::shared_ptr<InMemoryCalibration> syntheticCalibration(int layers, std::int64_t width, int windows, int seq_len,
                                                          std::uint64_t seed,
                                                          std::vector<std::int64_t> window_indices) {
    at::NoGradGuard no_grad;
    at::manual_seed(seed);
    if (window_indices.empty())
        for (int w = 0; w < windows; ++w) window_indices.push_back(w);
    CalibrationSummary S;
    S.model.path = "/synthetic/model";
    S.model.config_sha256 = std::string(64, 'c');
    S.model.weights_fingerprint = std::string(64, 'f');
    S.model.tensor_count = 3;
    S.model.weight_bytes = 1000;
    S.settings.text_path = "/synthetic/text.txt";
    S.settings.text_sha256 = std::string(64, 't');
    S.settings.text_tokens = std::int64_t(windows) * seq_len * 4;
    S.settings.windows = windows;
    S.settings.seq_len = seq_len;
    S.settings.device = "cpu";
    S.settings.dtype = "float64";
    S.settings.window_indices = window_indices;
    S.layers = layers;
    S.tokens = std::int64_t(windows) * seq_len;
    S.seconds = 0.5;
    std::map<std::pair<int, Site>, at::Tensor> grams;
    for (int l = 0; l < layers; ++l)
        for (Site site : kSites) {
            const at::Tensor X = at::randn({S.tokens, width}, at::TensorOptions().dtype(at::kDouble));  // [T, d]
            const at::Tensor G = at::matmul(X.t(), X);  // [d, d]
            S.sites.push_back(siteStatistics(l, site, S.tokens, G, X.abs().sum(0), (X * X).sum(0)));
            grams[{l, site}] = G;
        }
    return std::make_shared<InMemoryCalibration>(std::move(S), std::move(grams));
}

namespace {
bool same(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
    return a.size() == b.size() && (a.array() == b.array()).all();
}
}  // namespace

bool sameCalibration(const Calibration& a, const Calibration& b) {
    const CalibrationSummary& A = a.summary();
    const CalibrationSummary& B = b.summary();
    if (!A.model.sameModel(B.model) || A.layers != B.layers || A.tokens != B.tokens || A.seconds != B.seconds ||
        A.sites.size() != B.sites.size() || A.settings.window_indices != B.settings.window_indices ||
        A.settings.text_sha256 != B.settings.text_sha256 || A.settings.windows != B.settings.windows ||
        A.settings.seq_len != B.settings.seq_len)
        return false;
    for (std::size_t i = 0; i < A.sites.size(); ++i) {
        const SiteStatistics& x = A.sites[i];
        const SiteStatistics& y = B.sites[i];
        if (x.layer != y.layer || x.site != y.site || x.tokens != y.tokens || x.width != y.width ||
            x.trace != y.trace || x.fro != y.fro || x.max_eig != y.max_eig || !same(x.mean_abs, y.mean_abs) ||
            !same(x.mean_sq, y.mean_sq) || !same(x.eigenvalues, y.eigenvalues) || !same(x.sum_abs, y.sum_abs) ||
            !same(x.sum_sq, y.sum_sq))
            return false;
        if (!at::equal(a.gram(x.layer, x.site), b.gram(y.layer, y.site))) return false;
    }
    return true;
}

}  // namespace basislab::test
