// The raw sums of one site's input X (tokens x d_in), accumulated in float64 on the calibration
// device: G = X^T X, sum |x_j|, sum x_j^2 and the token count. Raw sums, never divided, so two
// accumulations over disjoint data merge exactly by addition; statistics are derived at the end.
//
// How G is summed (GramAccumulation):
//   float64        every block of rows is converted to float64 and X^T X is a float64 product
//                  (the reference; full speed on GPUs with full-rate float64: A100, H100, H200).
//   float32-waves  each wave (a block of rows, at most row_budget_bytes of float32) is multiplied
//                  in float32, X^T X of the wave is then added into the float64 G: for GPUs that
//                  run float64 at 1/64 rate (consumer cards, L4, A10, L40S). The error against
//                  float64 is measured per Gram in tests/calib/test_calibrator.cpp (<= 1e-6
//                  relative Frobenius on the demo model). The per-channel sums stay float64.
#pragma once

#include "statistics.h"

#include <ATen/ATen.h>

#include <functional>
#include <string>
#include <vector>

namespace basislab {

enum class GramAccumulation { Float64, Float32Waves };

/// "float64" / "float32-waves", as the CLI option and the calibration store spell them.
const char* name(GramAccumulation g);
/// Parses the spelling above; Error naming `what` (the option) otherwise.
GramAccumulation parseGramAccumulation(const std::string& text, const std::string& what);

class SiteAccumulator {
public:
    /// `row_budget_bytes` bounds the copy of X made per step (rows of X are converted to float64,
    /// or float32 for float32-waves, a block at a time; such a block is a wave).
    SiteAccumulator(int layer, Site site, std::int64_t width, at::Device device,
                    std::size_t row_budget_bytes = std::size_t(64) << 20,
                    GramAccumulation accumulation = GramAccumulation::Float64);

    /// Adds the rows of x [..., d_in] (any floating dtype; converted to float64 here).
    /// `between_blocks`, when set, runs after each block of rows (a cancel point: at Llama2-7B
    /// width one 2048-token window of the down_in site is about 3 s of CPU work, a block 0.5-1 s).
    void add(const at::Tensor& x, const std::function<void()>& between_blocks = {});

    /// Sums G, the per-channel sums and the token count over the ranks of a distributed
    /// calibration, in place, through `all_reduce` (calibration_shard.h), in float64.
    void allReduce(const std::function<void(std::vector<at::Tensor>&, const std::string&)>& all_reduce);

    int layer() const { return layer_; }
    Site site() const { return site_; }
    std::int64_t tokens() const { return tokens_; }
    const at::Tensor& gram() const { return G_; }  // [d, d] float64
    const at::Tensor& sumAbs() const { return sum_abs_; }  // [d] float64
    const at::Tensor& sumSq() const { return sum_sq_; }  // [d] float64

private:
    int layer_;
    Site site_;
    std::int64_t width_;
    GramAccumulation accumulation_;
    std::int64_t rows_per_block_;
    std::int64_t tokens_ = 0;
    at::Tensor G_;  // [d, d]
    at::Tensor sum_abs_;  // [d]
    at::Tensor sum_sq_;  // [d]
};

/// A float64 vector tensor (any device) as an Eigen vector.
Eigen::VectorXd toEigen(const at::Tensor& v);

}  // namespace basislab
