// config.json of a Hugging Face LlamaForCausalLM.
#pragma once

#include "names.h"

#include <cstdint>
#include <string>

namespace basislab {

struct LlamaConfig {
    int hidden_size = 0;
    int intermediate_size = 0;
    int num_hidden_layers = 0;
    int num_attention_heads = 0;
    int num_key_value_heads = 0;  // defaults to num_attention_heads (multi-head attention)
    int head_dim = 0;  // defaults to hidden_size / num_attention_heads
    int vocab_size = 0;
    int max_position_embeddings = 2048;
    double rms_norm_eps = 1e-6;
    double rope_theta = 10000.0;
    bool tie_word_embeddings = false;
    int bos_token_id = 1;
    int eos_token_id = 2;
    std::string torch_dtype;  // as written in the file ("float16", "bfloat16", "float32", ...)
    std::string sha256;  // hash of the config.json bytes, part of the model's identity

    /// Parses and checks a config.json text. `source` names the file in error messages.
    static LlamaConfig parse(const std::string& json_text, const std::string& source);
    static LlamaConfig load(const std::string& path);

    /// Shapes of a projection in the papers' layout W (d_in x d_out).
    std::int64_t dIn(MatrixType t) const;
    std::int64_t dOut(MatrixType t) const;
    /// Width of a calibration site's input.
    std::int64_t siteWidth(Site s) const;
};

}  // namespace basislab
