// The one factorization kernel behind every method (float64, on the device of its inputs).
//
// For a group of n >= 1 layers of one matrix type, with W_l (d_in x d_out) = weight_l^T, a left
// metric S (metric.h), column scales beta_l (alpha.h; 1 except for the normalised form) and
// optional right weights D_l = diag(w_l) (fwsvd):
//     A = S [beta_1 W_1 D_1 ... beta_n W_n D_n] = U Sigma V^T         (d_in x n d_out, thin SVD)
//     B = S^-1 U_k Sigma_k                        (d_in x k), shared by the group
//     C_l = (block l of V_k^T) D_l^-1 / beta_l    (k x d_out)
// Since block l of V^T is Sigma^-1 U^T A_l, the coefficients are C_l = Sigma_k^-1 Y_l[:k] with
//     Y_l = U^T S W_l   (m x d_out),   Z = S^-1 U   (d_in x m),   W_l = Z Y_l  exactly,
// so the truncation at rank k is W_l - B C_l = Z_{>k} Y_{l,>k}: the error of every layer at every
// rank follows from Z and Y_l (errors.h). m = min(d_in, n d_out).
//
// Two solvers give U and Sigma: the direct thin SVD of A (at::linalg_svd), or the eigendecomposition
// of the d_in x d_in matrix K = A A^T = U Sigma^2 U^T (at::linalg_eigh), much cheaper when A is wide
// (n d_out >> d_in). Both give W_l = Z Y_l exactly for the U they computed, so B C_l and every error
// reported are consistent with each solver's own U; they differ only where eigenvalues of K are
// (nearly) tied or tiny (below ~1e-16 sigma_1^2), where the Gram route cannot order them reliably.
// tests/unit/test_factorize.cpp shows both agree on B C_l to ~1e-12 on well-conditioned cases.
#pragma once

#include "metric.h"
#include "plan.h"

#include <ATen/ATen.h>

#include <vector>

namespace basislab {

struct Factorization {
    at::Tensor Z;  // S^-1 U, (d_in, m)
    at::Tensor sigma;  // (m), descending
    std::vector<at::Tensor> Y;  // per layer U^T S W_l, (m, d_out)
    SvdSolver solver = SvdSolver::direct;  // the one that ran

    std::int64_t maxRank() const { return sigma.size(0); }
    /// B = Z_k diag(sigma_k), (d_in, k)
    at::Tensor basis(std::int64_t k) const;
    /// C_i = diag(1/sigma_k) Y_i[:k], (k, d_out); rows with sigma = 0 are 0 (their basis column is 0).
    at::Tensor coefficient(std::size_t i, std::int64_t k) const;
};

/// Factorizes S [beta_1 W_1 D_1 ... beta_n W_n D_n]. `beta` and `D` may be empty (all 1); D_l is
/// (d_out), positive. `automatic` uses the Gram route when n d_out >= 2 d_in.
Factorization factorize(const Metric& S, const std::vector<at::Tensor>& W, const std::vector<double>& beta,
                        const std::vector<at::Tensor>& D, SvdSolver solver);

/// The solver `automatic` picks for a group.
SvdSolver chooseSolver(SvdSolver requested, std::int64_t d_in, std::int64_t concatenated_width);

}  // namespace basislab
