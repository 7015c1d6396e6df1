// Tensor comparisons shared by the numerical tests (one copy here).
#pragma once

#include <ATen/ATen.h>

namespace basislab::test {

/// ||a - b||_F / ||b||_F, computed in the tensors' dtype (the tests pass float64).
inline double relDiff(const at::Tensor& a, const at::Tensor& b) {
    return (a - b).norm().item<double>() / b.norm().item<double>();
}

}  // namespace basislab::test
