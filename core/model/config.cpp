#include "config.h"

#include "../base/atomic_file.h"
#include "../base/error.h"
#include "../base/sha256.h"

#include <nlohmann/json.hpp>

namespace basislab {
namespace {

using nlohmann::json;

int intField(const json& j, const char* key, const std::string& source, std::optional<int> fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) {
        if (fallback) return *fallback;
        throw Error(source + ": missing required field '" + key + "'");
    }
    if (!it->is_number_integer() && !it->is_number_unsigned())
        throw Error(source + ": field '" + key + "' must be an integer, found " + it->dump());
    const auto v = it->get<long long>();
    if (v <= 0 || v > (1LL << 30))
        throw Error(source + ": field '" + key + "' = " + std::to_string(v) + " is out of range");
    return int(v);
}

double numberField(const json& j, const char* key, const std::string& source, double fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_number()) throw Error(source + ": field '" + key + "' must be a number, found " + it->dump());
    const double v = it->get<double>();
    if (!(v > 0)) throw Error(source + ": field '" + key + "' must be positive, found " + it->dump());
    return v;
}

bool boolField(const json& j, const char* key, const std::string& source, bool fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) throw Error(source + ": field '" + key + "' must be true or false, found " + it->dump());
    return it->get<bool>();
}

int tokenId(const json& j, const char* key, int fallback) {
    const auto it = j.find(key);
    if (it == j.end() || it->is_null()) return fallback;
    if (it->is_array() && !it->empty() && (*it)[0].is_number_integer()) return (*it)[0].get<int>();
    if (it->is_number_integer()) return it->get<int>();
    return fallback;
}

}  // namespace

LlamaConfig LlamaConfig::parse(const std::string& json_text, const std::string& source) {
    json j;
    try {
        j = json::parse(json_text);
    } catch (const json::exception& e) {
        throw Error(source + ": not valid JSON (" + e.what() + ")");
    }
    if (!j.is_object()) throw Error(source + ": expected a JSON object");

    // Architecture: only LlamaForCausalLM (Llama 1/2 style) is supported.
    if (const auto it = j.find("architectures"); it != j.end() && it->is_array()) {
        bool llama = false;
        for (const auto& a : *it) llama = llama || (a.is_string() && a.get<std::string>() == "LlamaForCausalLM");
        if (!llama)
            throw Error(source + ": unsupported architecture " + it->dump() + " (BasisLab reads LlamaForCausalLM)");
    } else if (const auto mt = j.find("model_type");
               mt == j.end() || !mt->is_string() || mt->get<std::string>() != "llama") {
        throw Error(source +
                    ": not a Llama config (no 'architectures' with LlamaForCausalLM and model_type is not 'llama')");
    }
    if (const auto it = j.find("rope_scaling"); it != j.end() && !it->is_null())
        throw Error(source + ": rope_scaling " + it->dump() + " is not supported (only plain RoPE)");
    if (boolField(j, "attention_bias", source, false))
        throw Error(source + ": attention_bias=true is not supported (Llama projections have no bias)");
    if (boolField(j, "mlp_bias", source, false))
        throw Error(source + ": mlp_bias=true is not supported (Llama projections have no bias)");
    if (const auto it = j.find("hidden_act"); it != j.end() && !(it->is_string() && it->get<std::string>() == "silu"))
        throw Error(source + ": hidden_act " + it->dump() + " is not supported (Llama uses silu)");

    LlamaConfig c;
    c.hidden_size = intField(j, "hidden_size", source, std::nullopt);
    c.intermediate_size = intField(j, "intermediate_size", source, std::nullopt);
    c.num_hidden_layers = intField(j, "num_hidden_layers", source, std::nullopt);
    c.num_attention_heads = intField(j, "num_attention_heads", source, std::nullopt);
    c.num_key_value_heads = intField(j, "num_key_value_heads", source, c.num_attention_heads);
    c.vocab_size = intField(j, "vocab_size", source, std::nullopt);
    c.max_position_embeddings = intField(j, "max_position_embeddings", source, 2048);
    if (c.hidden_size % c.num_attention_heads != 0 && j.find("head_dim") == j.end())
        throw Error(source + ": hidden_size " + std::to_string(c.hidden_size) +
                    " is not divisible by num_attention_heads " + std::to_string(c.num_attention_heads));
    c.head_dim = intField(j, "head_dim", source, c.hidden_size / c.num_attention_heads);
    if (c.head_dim % 2 != 0)
        throw Error(source + ": head_dim " + std::to_string(c.head_dim) + " must be even for RoPE");
    if (c.num_attention_heads % c.num_key_value_heads != 0)
        throw Error(source + ": num_attention_heads " + std::to_string(c.num_attention_heads) +
                    " is not a multiple of num_key_value_heads " + std::to_string(c.num_key_value_heads));
    c.rms_norm_eps = numberField(j, "rms_norm_eps", source, 1e-6);
    c.rope_theta = numberField(j, "rope_theta", source, 10000.0);
    c.tie_word_embeddings = boolField(j, "tie_word_embeddings", source, false);
    c.bos_token_id = tokenId(j, "bos_token_id", 1);
    c.eos_token_id = tokenId(j, "eos_token_id", 2);
    if (const auto it = j.find("torch_dtype"); it != j.end() && it->is_string()) c.torch_dtype = it->get<std::string>();
    c.sha256 = sha256Hex(json_text);
    return c;
}

LlamaConfig LlamaConfig::load(const std::string& path) {
    return parse(readFileBytes(path), path);
}

std::int64_t LlamaConfig::dIn(MatrixType t) const {
    switch (t) {
        case MatrixType::q:
        case MatrixType::k:
        case MatrixType::v:
        case MatrixType::gate:
        case MatrixType::up: return hidden_size;
        case MatrixType::o: return std::int64_t(num_attention_heads) * head_dim;
        case MatrixType::down: return intermediate_size;
    }
    return 0;
}

std::int64_t LlamaConfig::dOut(MatrixType t) const {
    switch (t) {
        case MatrixType::q: return std::int64_t(num_attention_heads) * head_dim;
        case MatrixType::k:
        case MatrixType::v: return std::int64_t(num_key_value_heads) * head_dim;
        case MatrixType::o:
        case MatrixType::down: return hidden_size;
        case MatrixType::gate:
        case MatrixType::up: return intermediate_size;
    }
    return 0;
}

std::int64_t LlamaConfig::siteWidth(Site s) const {
    switch (s) {
        case Site::attn_in:
        case Site::mlp_in: return hidden_size;
        case Site::o_in: return std::int64_t(num_attention_heads) * head_dim;
        case Site::down_in: return intermediate_size;
    }
    return 0;
}

}  // namespace basislab
