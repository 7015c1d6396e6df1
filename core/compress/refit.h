// Coefficient refit: with the basis B fixed, each layer's coefficient is the least-squares fit
// under its own Gram,
//     C_l = argmin_C tr((W_l - B C)^T G_l (W_l - B C)) = (B^T G_l B)^-1 B^T G_l W_l,
// so refitting can only lower (never raise) the layer's whitened error. M = B^T G_l B (k x k) is
// solved by Cholesky when it is well conditioned: its smallest pivot L_ii^2 at least
// kRefitPivot tr(M)/k. Otherwise (G_l nearly or exactly rank-deficient on span B: a Cholesky that
// "succeeds" with a pivot of 1e-15 gives coefficients of 1e7 that fit rounding noise) M gets a
// relative diagonal shift, M + delta I with delta = kShiftEpsilon tr(M)/k (the whitening's epsilon,
// metric.h), growing tenfold at most six times until the shifted Cholesky passes the same pivot
// test. The shift bounds the coefficients (a ridge), and is reported per layer. tr M = 0 (G_l is
// zero on span B) gives C = 0.
#pragma once

#include <ATen/ATen.h>

namespace basislab {

inline constexpr double kRefitPivot = 1e-10;  // shift when min L_ii^2 < kRefitPivot tr(M) / k

struct RefitShift {
    double shift = 0;  // delta added to the diagonal of B^T G B; 0 when none was needed
    double relative = 0;  // delta / (tr(B^T G B) / k)
};

/// B (d_in, k), G (d_in, d_in), W (d_in, d_out) -> C (k, d_out); float64. `shift`, when given,
/// receives the diagonal shift the solve needed.
at::Tensor refitCoefficient(const at::Tensor& B, const at::Tensor& G, const at::Tensor& W, RefitShift* shift = nullptr);

/// The general normal equations of the updates (update.h), with the same pivot test and shift:
/// C = (B^T P B)^-1 B^T Q W for P symmetric positive semidefinite (d_in, d_in) and any Q (d_in,
/// d_in). refitCoefficient(B, G, W) = solveCoefficient(B, G, G, W).
at::Tensor solveCoefficient(const at::Tensor& B, const at::Tensor& P, const at::Tensor& Q, const at::Tensor& W,
                            RefitShift* shift = nullptr);

}  // namespace basislab
