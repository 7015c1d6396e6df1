// One projection of a layer, dense or factored.
//
// Dense:    weight (d_out x d_in), Hugging Face layout, y = x weight^T.
// Factored: basis B (d_in x k) and coefficient C (k x d_out), the papers' layout, y = (x B) C.
//           A shared basis is the same tensor in every layer of its group.
#pragma once

#include <ATen/ATen.h>

namespace basislab {

struct Projection {
    at::Tensor weight;  // (d_out, d_in) when dense
    at::Tensor basis;  // (d_in, k)     when factored
    at::Tensor coefficient;  // (k, d_out)    when factored

    bool factored() const { return basis.defined(); }
    /// x [..., d_in] -> [..., d_out]
    at::Tensor operator()(const at::Tensor& x) const {
        if (factored()) return at::matmul(at::matmul(x, basis), coefficient);
        return at::linear(x, weight);
    }
    /// The dense weight in Hugging Face layout (d_out, d_in), forming B*C when factored.
    at::Tensor denseWeight() const { return factored() ? at::matmul(basis, coefficient).t().contiguous() : weight; }
};

}  // namespace basislab
