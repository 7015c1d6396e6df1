// The vocabulary of the model: matrix types, calibration sites and every tensor name, in one table
// (as llama.cpp's llama-arch.cpp keeps its tensor names in one place).
//
// Convention used throughout BasisLab: a projection weight as stored by Hugging Face is
// (d_out x d_in) with y = x weight^T; the papers write W = weight^T (d_in x d_out, y = x W).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace basislab {

/// The seven projection matrices of a Llama layer.
enum class MatrixType { q, k, v, o, gate, up, down };
inline constexpr std::array<MatrixType, 7> kMatrixTypes = {
    MatrixType::q, MatrixType::k, MatrixType::v, MatrixType::o, MatrixType::gate, MatrixType::up, MatrixType::down};

/// The four calibration sites of a layer: the inputs of the projections.
///   attn_in: input of q/k/v (after input_layernorm)      [tokens, hidden]
///   o_in:    input of o_proj (attention output)           [tokens, heads * head_dim]
///   mlp_in:  input of gate/up (after post_attention_norm) [tokens, hidden]
///   down_in: input of down_proj (silu(gate) * up)         [tokens, intermediate]
enum class Site { attn_in, o_in, mlp_in, down_in };
inline constexpr std::array<Site, 4> kSites = {Site::attn_in, Site::o_in, Site::mlp_in, Site::down_in};

const char* name(MatrixType type);
const char* name(Site site);
std::optional<MatrixType> parseMatrixType(std::string_view text);
std::optional<Site> parseSite(std::string_view text);

/// The site whose input a matrix type reads: q/k/v -> attn_in, o -> o_in, gate/up -> mlp_in,
/// down -> down_in.
Site siteOf(MatrixType type);

namespace tensor_name {
std::string embedTokens();  // model.embed_tokens.weight      (vocab, hidden)
std::string finalNorm();  // model.norm.weight              (hidden)
std::string lmHead();  // lm_head.weight                 (vocab, hidden)
std::string inputNorm(int layer);  // model.layers.L.input_layernorm.weight
std::string postAttentionNorm(int layer);  // model.layers.L.post_attention_layernorm.weight
std::string projection(int layer, MatrixType t);  // model.layers.L.self_attn.q_proj.weight, ...
}  // namespace tensor_name

}  // namespace basislab
