// The Llama forward pass, step by step as in Hugging Face's LlamaForCausalLM.
//
// Each decoder layer exposes four named observation sites (see names.h): the observer sees the
// input of q/k/v (attn_in), of o_proj (o_in), of gate/up (mlp_in) and of down_proj (down_in),
// exactly the matrices X whose Grams X^T X calibration accumulates.
#pragma once

#include "llama_model.h"

#include <functional>

namespace basislab {

/// Called at each site with the site's input x [B, T, d_in]. Must not modify x.
using SiteObserver = std::function<void(int layer, Site site, const at::Tensor& x)>;

/// Per-length tables, built once per sequence length: rotate_half RoPE cos/sin [T, head_dim] and
/// the additive causal mask [n_rep * T, T] (0 on and below the diagonal, -inf above), all in the
/// compute dtype on the device.
struct Rope {
    at::Tensor cos;
    at::Tensor sin;
    at::Tensor causal_mask;
};
Rope makeRope(const LlamaConfig& config, std::int64_t seq_len, at::Device device, at::ScalarType dtype);

/// RMSNorm: weight * x / sqrt(mean(x^2) + eps), normalised in at least float32.
at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps);

/// One decoder layer on hidden states h [B, T, hidden], causal from position 0.
at::Tensor decoderLayer(const at::Tensor& h, const LayerWeights& w, const LlamaConfig& config, const Rope& rope,
                        int layer, const SiteObserver& observe = {});

/// The whole model on ids [B, T]: logits [B, T, vocab]. Loads each layer through model.layer().
at::Tensor forward(const LlamaModel& model, const at::Tensor& ids, const SiteObserver& observe = {},
                   const ProjectionOverrides* overrides = nullptr);

}  // namespace basislab
