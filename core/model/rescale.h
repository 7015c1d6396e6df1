// The rescaled twin of a Llama model: the same function, another parametrisation.
//
// RMSNorm's weight multiplies the normalised input elementwise, so a scale c can move between the
// norm and the projections that read it: for every layer l
//     input_layernorm.weight        x c_attn[l],   q_proj, k_proj, v_proj weights / c_attn[l]
//     post_attention_layernorm.weight x c_mlp[l],  gate_proj, up_proj weights   / c_mlp[l]
// leaves every output unchanged (up to rounding), while the site Grams attn_in and mlp_in become
// c^2 G. A compression method that gives different models for the twin and the original measures
// the parametrisation, not the model (issue 6; compress/alpha.h's normalised form is invariant).
// Torch-free header.
#pragma once

#include "../base/progress.h"

#include <cstdint>
#include <string>
#include <vector>

namespace basislab {

struct InputRescaling {
    std::vector<double> attn;  // c_attn[l], one per layer, > 0
    std::vector<double> mlp;  // c_mlp[l]
};

/// Seeded scales, log-uniform in [1/max_factor, max_factor], for attn and mlp independently.
InputRescaling randomRescaling(int layers, std::uint64_t seed, double max_factor = 4.0);

/// Writes the twin of the model folder `source_dir` to `out_dir` (atomically; config, tokenizer
/// and every other tensor copied; each rescaled tensor computed in float64 and stored in its source
/// dtype, so scales that are powers of two are exact). Throws Error naming the bad scale or layer.
void writeRescaledTwin(const std::string& source_dir, const InputRescaling& scales, const std::string& out_dir,
                       bool overwrite = false, const ProgressFn& progress = {});

}  // namespace basislab
