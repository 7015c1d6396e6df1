#include "refit.h"

#include "../base/error.h"
#include "metric.h"

#include <cmath>

namespace basislab {
namespace {

/// The Cholesky factor of M when it passes the relative pivot test, else an undefined tensor.
at::Tensor wellConditionedCholesky(const at::Tensor& M, double mean_diagonal) {
    auto [L, info] = at::linalg_cholesky_ex(M, /*upper=*/false, /*check_errors=*/false);
    if (info.item<int>() != 0) return {};
    const double pivot = L.diagonal().min().item<double>();
    if (!(pivot > 0) || pivot * pivot < kRefitPivot * mean_diagonal) return {};
    return L;
}

}  // namespace

at::Tensor refitCoefficient(const at::Tensor& B, const at::Tensor& G, const at::Tensor& W, RefitShift* shift) {
    if (shift) *shift = {};
    const at::Tensor GB = at::matmul(G, B);  // (d_in, k)
    const at::Tensor M = at::matmul(B.t(), GB);  // B^T G B, (k, k)
    const at::Tensor R = at::matmul(GB.t(), W);  // B^T G W, (k, d_out)
    const std::int64_t k = M.size(0);
    const double mean_diagonal = k > 0 ? M.diagonal().sum().item<double>() / double(k) : 0;
    if (!std::isfinite(mean_diagonal)) throw Error("refit: B^T G B is not finite");
    if (mean_diagonal <= 0) return at::zeros({k, W.size(1)}, R.options());
    if (const at::Tensor L = wellConditionedCholesky(M, mean_diagonal); L.defined()) return at::cholesky_solve(R, L);
    const at::Tensor I = at::eye(k, M.options());
    double delta = kShiftEpsilon * mean_diagonal;
    for (int attempt = 0; attempt <= 6; ++attempt, delta *= 10) {
        if (const at::Tensor L = wellConditionedCholesky((M + M.t()) * 0.5 + delta * I, mean_diagonal); L.defined()) {
            if (shift) *shift = {delta, delta / mean_diagonal};
            return at::cholesky_solve(R, L);
        }
    }
    throw Error("refit: B^T G B stays singular after a diagonal shift of " + std::to_string(delta / 10) +
                " (is G indefinite?)");
}

}  // namespace basislab
