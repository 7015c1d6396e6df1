// The left metric S of the factorization (factorize.h): identity (svd, fwsvd), diagonal (asvd) or
// the whitening S^T S = G of a Gram (svd-llm, basis-sharing), all float64 on one device.
//
// Whitening: G = L L^T (Cholesky, float64), S = L^T (upper triangular), so S^T S = G and
// ||S X||_F^2 = tr(X^T G X). S^-1 is never formed; solve() uses a triangular solve.
//
// Robustness: a Gram whose Cholesky fails, or whose smallest pivot L_ii^2 is below
// 1e-12 tr(G)/d_in (numerically singular: rank-deficient calibration, dead channels), is shifted:
//     G + (-lambda_min + eps) I,   eps = 1e-6 tr(G) / d_in
// (lambda_min from eigvalsh), i.e. its smallest eigenvalue becomes eps, one millionth of the mean
// eigenvalue. The relative eps keeps every method invariant to a global rescaling of G (SVD-LLM's
// reference code adds an absolute 1e-6, which is not). Should the shifted Cholesky still fail,
// eps grows tenfold, at most six times. The shift is reported (Metric::shift). A Gram that is
// empty (tr G = 0), not finite, or clearly indefinite (lambda_min < -1e-8 lambda_max) is an Error.
#pragma once

#include <ATen/ATen.h>

#include <string>

namespace basislab {

struct Metric {
    enum class Kind { identity, diagonal, whitening };
    Kind kind = Kind::identity;
    at::Tensor d;  // (d_in) when diagonal
    at::Tensor S;  // (d_in, d_in) upper triangular when whitening, S^T S = G + shift I
    double shift = 0;  // added to G's diagonal (0 when the Cholesky needed none)
    double epsilon = 0;  // eps used for the shift (0 when none)
    double mean_eigenvalue = 0;  // tr(G) / d_in, for reporting the shift relative to G's scale

    /// S X for X (d_in, *)
    at::Tensor apply(const at::Tensor& X) const;
    /// S^-1 Y for Y (d_in, *)
    at::Tensor solve(const at::Tensor& Y) const;
};

inline constexpr double kShiftEpsilon = 1e-6;  // eps = kShiftEpsilon tr(G) / d_in
inline constexpr double kSingularPivot = 1e-12;  // shift when min L_ii^2 < kSingularPivot tr(G) / d_in

Metric identityMetric();
/// S = diag(d), d > 0 (d (d_in), float64).
Metric diagonalMetric(const at::Tensor& d);
/// Whitening of a Gram G (d_in x d_in, float64). `where` names it in errors ("layer 3, site attn_in").
Metric whiteningOf(const at::Tensor& G, const std::string& where);
/// Throws Error naming `where` when G is not a finite, non-empty square Gram.
void checkGram(const at::Tensor& G, const std::string& where);

}  // namespace basislab
