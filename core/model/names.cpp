#include "names.h"

namespace basislab {

const char* name(MatrixType type) {
    switch (type) {
        case MatrixType::q: return "q";
        case MatrixType::k: return "k";
        case MatrixType::v: return "v";
        case MatrixType::o: return "o";
        case MatrixType::gate: return "gate";
        case MatrixType::up: return "up";
        case MatrixType::down: return "down";
    }
    return "?";
}

const char* name(Site site) {
    switch (site) {
        case Site::attn_in: return "attn_in";
        case Site::o_in: return "o_in";
        case Site::mlp_in: return "mlp_in";
        case Site::down_in: return "down_in";
    }
    return "?";
}

std::optional<MatrixType> parseMatrixType(std::string_view text) {
    for (MatrixType t : kMatrixTypes)
        if (text == name(t)) return t;
    return std::nullopt;
}

std::optional<Site> parseSite(std::string_view text) {
    for (Site s : kSites)
        if (text == name(s)) return s;
    return std::nullopt;
}

Site siteOf(MatrixType type) {
    switch (type) {
        case MatrixType::q:
        case MatrixType::k:
        case MatrixType::v: return Site::attn_in;
        case MatrixType::o: return Site::o_in;
        case MatrixType::gate:
        case MatrixType::up: return Site::mlp_in;
        case MatrixType::down: return Site::down_in;
    }
    return Site::attn_in;
}

namespace tensor_name {

std::string embedTokens() {
    return "model.embed_tokens.weight";
}
std::string finalNorm() {
    return "model.norm.weight";
}
std::string lmHead() {
    return "lm_head.weight";
}
std::string inputNorm(int layer) {
    return "model.layers." + std::to_string(layer) + ".input_layernorm.weight";
}
std::string postAttentionNorm(int layer) {
    return "model.layers." + std::to_string(layer) + ".post_attention_layernorm.weight";
}
std::string projection(int layer, MatrixType t) {
    const std::string prefix = "model.layers." + std::to_string(layer) + ".";
    switch (t) {
        case MatrixType::q: return prefix + "self_attn.q_proj.weight";
        case MatrixType::k: return prefix + "self_attn.k_proj.weight";
        case MatrixType::v: return prefix + "self_attn.v_proj.weight";
        case MatrixType::o: return prefix + "self_attn.o_proj.weight";
        case MatrixType::gate: return prefix + "mlp.gate_proj.weight";
        case MatrixType::up: return prefix + "mlp.up_proj.weight";
        case MatrixType::down: return prefix + "mlp.down_proj.weight";
    }
    return prefix;
}

}  // namespace tensor_name
}  // namespace basislab
