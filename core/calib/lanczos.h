// lambda_max of a symmetric positive semi-definite matrix without its full spectrum: Lanczos with
// full reorthogonalisation from a fixed start vector, O(d^2) per step instead of eigvalsh's O(d^3)
// (an 11008-wide Gram: about 0.1 s per step against tens of seconds for the whole spectrum).
//
// Stops when the residual bound of the largest Ritz value theta, |beta_k s_k| (Parlett, "The
// Symmetric Eigenvalue Problem", 13.2), is at most `tolerance` * theta: then an eigenvalue of G
// lies within that distance of theta, and theta <= lambda_max (Ritz values lie inside the
// spectrum); in practice the error is far below the bound (about bound^2 / gap). After max_steps
// without convergence it falls back to the full eigvalsh.
#pragma once

#include <ATen/ATen.h>

#include <functional>

namespace basislab {

struct LanczosOptions {
    double tolerance = 1e-11;  // residual bound relative to theta
    int max_steps = 300;
    std::function<void()> poll;  // called between steps (it may throw Cancelled)
};

struct LanczosResult {
    double value = 0;  // lambda_max
    double residual = 0;  // the final residual bound
    int steps = 0;  // matrix-vector products
    bool converged = false;  // false: the value came from the full eigvalsh fallback
};

/// lambda_max of G [d, d] (float64, symmetric; only its products with vectors are used).
LanczosResult largestEigenvalue(const at::Tensor& G, const LanczosOptions& options = {});

}  // namespace basislab
