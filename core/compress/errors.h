// Reconstruction errors from Grams alone (no forward pass).
//
// Fast path, all ranks at once (drives the GUI's live preview): with W_l = Z Y_l (factorize.h) the
// truncation at rank k leaves dW_l = Z_{>k} Y_{l,>k}, hence
//     tr(dW_l^T G_l dW_l) = sum_{i,j >= k} M[i,j] P[i,j],   M = Z^T G_l Z,  P = Y_l Y_l^T   (m x m)
// a 2-D suffix sum of the (symmetric) Hadamard product H = M o P, computed for every k in O(m^2)
// after two matrix products: T(k) = T(k+1) + H[k,k] + 2 sum_{j>k} H[k,j]. The Frobenius error is the
// same with M = Z^T Z. Rounding can make T(k) a tiny negative number near full rank; it is clamped
// at 0. tests/unit/test_errors.cpp checks the curves against dW computed directly.
#pragma once

#include "error_curve.h"
#include "factorize.h"

namespace basislab {

/// Curves of layer `i` of a factorization, with the layer's own Gram G (d_in x d_in) and weight W.
ErrorCurve errorCurve(const Factorization& f, std::size_t i, const at::Tensor& G, const at::Tensor& W);

struct LayerError {
    double whitened = 0;  // relative, see error_curve.h
    double frobenius = 0;
};

/// Direct evaluation from W and W_hat (both d_in x d_out) and G.
LayerError directError(const at::Tensor& W, const at::Tensor& W_hat, const at::Tensor& G);

/// tr(X^T G X) for X (d_in, d_out).
double gramEnergy(const at::Tensor& X, const at::Tensor& G);

}  // namespace basislab
