// Perplexity under one of three protocols (perplexity_protocol.h; the README repeats them).
//
// basislab (the default):
//   1. the text file is read as bytes, decoded as UTF-8 and tokenized once, without BOS;
//   2. the ids are cut into consecutive non-overlapping chunks of W-1 tokens; the last, incomplete
//      chunk is dropped; --max-windows N keeps only the first N;
//   3. each window is [BOS] + chunk (W tokens), evaluated from position 0;
//   4. the W-1 chunk tokens are scored: token p+1 from the logits at position p;
//   5. ppl = exp(total NLL / scored tokens), natural logarithm.
// basis-sharing and svd-llm (the papers' Hugging Face loops):
//   1. the text is tokenized once with a single BOS at its very start;
//   2. [BOS] + ids is cut into consecutive windows of W tokens, no BOS per window; --max-windows N
//      keeps the first N full windows;
//   3. in each window token p+1 is scored from the logits at p (W-1 scored tokens per window);
//   basis-sharing: the last partial window is kept when it has at least 2 tokens (and all full
//      windows are evaluated); ppl = exp(mean over windows of each window's mean NLL);
//   svd-llm: the remainder is dropped; ppl = exp(total NLL / scored tokens).
// A window with a non-finite loss is an error naming the window, in every protocol.
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"
#include "perplexity_protocol.h"

#include <string>
#include <vector>

namespace basislab {

struct PerplexityOptions {
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    int window = 256;  // W, tokens per window (including BOS in the basislab protocol)
    std::int64_t max_windows = -1;  // -1 = all
    std::size_t hidden_budget_bytes = std::size_t(1) << 30;  // hidden states held per wave
};

struct PerplexityResult {
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    double ppl = 0;
    double nll = 0;  // total NLL (nats) over all scored tokens
    std::int64_t scored_tokens = 0;
    std::int64_t windows = 0;  // evaluated windows, a kept partial one included
    std::int64_t text_tokens = 0;  // tokens of the whole text (without BOS)
    double seconds = 0;
    double tokens_per_second = 0;  // window tokens per second
    std::vector<double> window_nll;  // NLL of each window (sum over its scored tokens)
    std::vector<std::int64_t> window_scored;  // scored tokens of each window
};

/// Windows [N, W] (int64, CPU) following the basislab protocol.
at::Tensor perplexityWindows(const std::vector<int>& ids, int window, int bos, std::int64_t max_windows);

/// The windows of any protocol: `full` [N, W] (int64, CPU) and, for basis-sharing only, the kept
/// last partial window `partial` [1, r] with 2 <= r < W (undefined when there is none).
struct ProtocolWindows {
    at::Tensor full;
    at::Tensor partial;
};
ProtocolWindows protocolWindows(const std::vector<int>& ids, PerplexityProtocol protocol, int window, int bos,
                                std::int64_t max_windows);

PerplexityResult perplexity(const LlamaModel& model, const std::vector<int>& text_ids, const PerplexityOptions& options,
                            const ProgressFn& progress = {}, const ProjectionOverrides* overrides = nullptr);

/// Reads and tokenizes `text_path` with the model's tokenizer, then measures perplexity.
PerplexityResult perplexityOfFile(const LlamaModel& model, const std::string& text_path,
                                  const PerplexityOptions& options, const ProgressFn& progress = {},
                                  const ProjectionOverrides* overrides = nullptr);

}  // namespace basislab
