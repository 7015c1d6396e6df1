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
    return solveCoefficient(B, G, G, W, shift);
}

at::Tensor solveCoefficient(const at::Tensor& B, const at::Tensor& P, const at::Tensor& Q, const at::Tensor& W,
                            RefitShift* shift) {
    if (shift) *shift = {};
    const at::Tensor PB = at::matmul(P, B);  // (d_in, k)
    const at::Tensor M = at::matmul(B.t(), PB);  // B^T P B, (k, k)
    // B^T Q W, (k, d_out); with Q = P (symmetric) it is (P B)^T W.
    const at::Tensor R = Q.is_same(P) ? at::matmul(PB.t(), W) : at::matmul(B.t(), at::matmul(Q, W));
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
