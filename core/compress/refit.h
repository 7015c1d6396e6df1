// Coefficient refit: with the basis B fixed, each layer's coefficient is the least-squares fit
// under its own Gram,
//     C_l = argmin_C tr((W_l - B C)^T G_l (W_l - B C)) = (B^T G_l B)^-1 B^T G_l W_l,
// so refitting can only lower (never raise) the layer's whitened error. B^T G_l B (k x k) is solved
// by Cholesky; when it is singular (G_l rank-deficient on span B) a pseudo-inverse from its
// eigendecomposition (eigenvalues below 1e-12 lambda_max dropped) gives the minimum-norm minimiser.
#pragma once

#include <ATen/ATen.h>

namespace basislab {

/// B (d_in, k), G (d_in, d_in), W (d_in, d_out) -> C (k, d_out); float64.
at::Tensor refitCoefficient(const at::Tensor& B, const at::Tensor& G, const at::Tensor& W);

}  // namespace basislab
