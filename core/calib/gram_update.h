// The float64 Gram update G += X^T X as a symmetric rank-k update: only the lower block triangle
// is computed (column blocks of kGramBlock channels, one GEMM each, about half the flops of the
// full product for wide sites), and mirrorLower() copies it onto the upper triangle. Exactly
// float64 (the same products and sums as the full GEMM, grouped by blocks), and the result is
// exactly symmetric off the diagonal blocks.
#pragma once

#include <ATen/ATen.h>

namespace basislab {

/// Column block width of the update; sites at most this wide take one full GEMM.
inline constexpr std::int64_t kGramBlock = 1024;

/// G[j, i] += sum_r X[r, j] X[r, i] for every column block i and the rows j at or below it.
/// G [d, d] float64 contiguous, X [n, d] float64, both on one device. The strictly upper blocks
/// are left stale until mirrorLower().
void addLowerGram(at::Tensor& G, const at::Tensor& X);

/// Copies the lower block triangle onto the upper one (a no-op for d <= kGramBlock).
void mirrorLower(at::Tensor& G);

}  // namespace basislab
