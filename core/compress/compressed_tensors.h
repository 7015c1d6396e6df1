// The tensors of a compressed model, in the papers' layout: per group one basis B (d_in x k) and
// per layer one coefficient C_l (k x d_out), y = (x B) C_l. In the storage dtype on the model's
// device. A shared basis is one tensor for every layer of its group.
#pragma once

#include "../model/llama_model.h"
#include "compress.h"

#include <vector>

namespace basislab {

struct CompressedGroup {
    GroupLayout layout;
    at::Tensor basis;  // (d_in, k)
    std::vector<at::Tensor> coefficients;  // per layer of layout.layers, (k, d_out)
};

struct CompressedTensors {
    std::vector<CompressedGroup> groups;
};

/// Factored projections for LlamaModel::layer()/perplexity(), in `dtype` on `device`. Layers of a
/// group share one basis tensor.
ProjectionOverrides overridesOf(const CompressedModel& compressed, at::ScalarType dtype, at::Device device);
/// The same in the model's compute dtype on its device.
ProjectionOverrides overridesOf(const CompressedModel& compressed, const LlamaModel& model);

}  // namespace basislab
