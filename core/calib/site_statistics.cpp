#include "site_statistics.h"

#include "lanczos.h"
#include "site_accumulator.h"

namespace basislab {

Eigen::VectorXd gramSpectrum(const at::Tensor& G) {
    // eigvalsh reads one triangle; G is symmetric up to the order of float64 additions.
    const at::Tensor ascending = at::linalg_eigvalsh(G, "L");  // [d]
    return toEigen(ascending.flip(0));
}

SiteStatistics siteStatistics(int layer, Site site, std::int64_t tokens, const at::Tensor& G, const at::Tensor& sum_abs,
                              const at::Tensor& sum_sq, const StatisticsOptions& options) {
    SiteStatistics s;
    s.layer = layer;
    s.site = site;
    s.tokens = tokens;
    s.width = G.size(0);
    s.trace = G.trace().item<double>();
    s.fro = G.norm().item<double>();
    if (s.width > 0 && s.width <= options.spectrum_max_width) {
        s.eigenvalues = gramSpectrum(G);
        s.max_eig = s.eigenvalues[0];
    } else if (s.width > 0) {
        LanczosOptions lo;
        lo.poll = options.poll;
        s.max_eig = largestEigenvalue(G, lo).value;
    }
    s.sum_abs = toEigen(sum_abs);
    s.sum_sq = toEigen(sum_sq);
    const double n = tokens > 0 ? double(tokens) : 1.0;
    s.mean_sq_norm = tokens > 0 ? s.trace / n : 0.0;
    s.mean_abs = tokens > 0 ? Eigen::VectorXd(s.sum_abs / n) : Eigen::VectorXd::Zero(s.width);
    s.mean_sq = tokens > 0 ? Eigen::VectorXd(s.sum_sq / n) : Eigen::VectorXd::Zero(s.width);
    return s;
}

}  // namespace basislab
