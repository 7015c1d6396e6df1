// Reconstruction errors of one layer of one matrix type, at every rank. Torch-free.
//
//   whitened error   e(k) = sqrt( tr(dW^T G_l dW) / tr(W^T G_l W) ),  dW = W - W_hat(k)
//   Frobenius error  f(k) = ||dW||_F / ||W||_F
// with the layer's own unscaled Gram G_l (never the group's alpha-weighted sum).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

namespace basislab {

struct ErrorCurve {
    int layer = 0;
    std::vector<double> whitened_sq;  // tr(dW^T G_l dW) at rank k = 0 .. m (whitened_sq[m] = 0)
    std::vector<double> frobenius_sq;  // ||dW||_F^2 at rank k = 0 .. m
    double whitened_norm_sq = 0;  // tr(W^T G_l W)
    double frobenius_norm_sq = 0;  // ||W||_F^2

    std::int64_t maxRank() const { return std::int64_t(whitened_sq.size()) - 1; }
    double whitenedError(std::int64_t k) const { return relative(whitened_sq, whitened_norm_sq, k); }
    double frobeniusError(std::int64_t k) const { return relative(frobenius_sq, frobenius_norm_sq, k); }

private:
    static double relative(const std::vector<double>& sq, double norm_sq, std::int64_t k) {
        const std::size_t i = std::size_t(std::clamp<std::int64_t>(k, 0, std::int64_t(sq.size()) - 1));
        return norm_sq > 0 ? std::sqrt(std::max(0.0, sq[i]) / norm_sq) : 0.0;
    }
};

}  // namespace basislab
