// The perplexity protocols, by name (torch-free, so the workbench and the CLI parse the same names).
//   basislab       BasisLab's own: [BOS] + W-1 text tokens per window, remainder dropped, ppl over all
//                  scored tokens (eval/perplexity.h);
//   basis-sharing  Basis Sharing's Hugging Face sliding-window loop with stride = window: one BOS at the
//                  start of the text, consecutive windows of W tokens, the last partial window kept when it
//                  has at least 2 tokens, ppl = exp(mean over windows of each window's mean loss);
//   svd-llm        SVD-LLM's: one BOS at the start, consecutive windows of W tokens, remainder dropped,
//                  ppl = exp(mean over all scored tokens).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace basislab {

enum class PerplexityProtocol { basislab, basis_sharing, svd_llm };

inline constexpr std::array<PerplexityProtocol, 3> kPerplexityProtocols{
    PerplexityProtocol::basislab, PerplexityProtocol::basis_sharing, PerplexityProtocol::svd_llm};

inline const char* name(PerplexityProtocol p) {
    switch (p) {
        case PerplexityProtocol::basislab: return "basislab";
        case PerplexityProtocol::basis_sharing: return "basis-sharing";
        case PerplexityProtocol::svd_llm: return "svd-llm";
    }
    return "basislab";
}

inline std::optional<PerplexityProtocol> parsePerplexityProtocol(std::string_view text) {
    for (PerplexityProtocol p : kPerplexityProtocols)
        if (text == name(p)) return p;
    return std::nullopt;
}

/// "basislab, basis-sharing, svd-llm", for error messages.
inline std::string perplexityProtocolNames() {
    std::string out;
    for (PerplexityProtocol p : kPerplexityProtocols) out += (out.empty() ? "" : ", ") + std::string(name(p));
    return out;
}

}  // namespace basislab
