#include "refit.h"

namespace basislab {

at::Tensor refitCoefficient(const at::Tensor& B, const at::Tensor& G, const at::Tensor& W) {
    const at::Tensor GB = at::matmul(G, B);  // (d_in, k)
    const at::Tensor M = at::matmul(B.t(), GB);  // B^T G B, (k, k)
    const at::Tensor R = at::matmul(GB.t(), W);  // B^T G W, (k, d_out)
    auto [L, info] = at::linalg_cholesky_ex(M, /*upper=*/false, /*check_errors=*/false);
    if (info.item<int>() == 0 && L.diagonal().min().item<double>() > 0) return at::cholesky_solve(R, L, false);
    auto [lambda, Q] = at::linalg_eigh((M + M.t()) * 0.5, "L");  // ascending
    const double cutoff = 1e-12 * lambda[-1].item<double>();
    const at::Tensor inv = at::where(lambda > cutoff, 1 / lambda, at::zeros_like(lambda));  // (k)
    return at::matmul(Q * inv.unsqueeze(0), at::matmul(Q.t(), R));
}

}  // namespace basislab
