// The raw sums of one site's input X (tokens x d_in), accumulated in float64 on the calibration
// device: G = X^T X, sum |x_j|, sum x_j^2 and the token count. Raw sums, never divided, so two
// accumulations over disjoint data merge exactly by addition; statistics are derived at the end.
#pragma once

#include "statistics.h"

#include <ATen/ATen.h>

namespace basislab {

class SiteAccumulator {
public:
    /// `row_budget_bytes` bounds the float64 copy of X made per step (rows of X are converted to
    /// float64 a block at a time).
    SiteAccumulator(int layer, Site site, std::int64_t width, at::Device device,
                    std::size_t row_budget_bytes = std::size_t(64) << 20);

    /// Adds the rows of x [..., d_in] (any floating dtype; converted to float64 here).
    void add(const at::Tensor& x);

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
    std::int64_t rows_per_block_;
    std::int64_t tokens_ = 0;
    at::Tensor G_;  // [d, d]
    at::Tensor sum_abs_;  // [d]
    at::Tensor sum_sq_;  // [d]
};

/// A float64 vector tensor (any device) as an Eigen vector.
Eigen::VectorXd toEigen(const at::Tensor& v);

}  // namespace basislab
