// Perplexity, with exactly this protocol (the README repeats it):
//   1. the text file is read as bytes, decoded as UTF-8 and tokenized once, without BOS;
//   2. the ids are cut into consecutive non-overlapping chunks of W-1 tokens; the last, incomplete
//      chunk is dropped; --max-windows N keeps only the first N;
//   3. each window is [BOS] + chunk (W tokens), evaluated from position 0;
//   4. the W-1 chunk tokens are scored: token p+1 from the logits at position p;
//   5. ppl = exp(total NLL / scored tokens), natural logarithm.
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"

#include <string>
#include <vector>

namespace basislab {

struct PerplexityOptions {
    int window = 256;  // W, tokens per window including BOS
    std::int64_t max_windows = -1;  // -1 = all
    std::size_t hidden_budget_bytes = std::size_t(1) << 30;  // hidden states held per wave
};

struct PerplexityResult {
    double ppl = 0;
    double nll = 0;  // total NLL (nats) over all scored tokens
    std::int64_t scored_tokens = 0;
    std::int64_t windows = 0;
    std::int64_t text_tokens = 0;  // tokens of the whole text
    double seconds = 0;
    double tokens_per_second = 0;  // window tokens (W per window) per second
    std::vector<double> window_nll;  // NLL of each window
};

/// Windows [N, W] (int64, CPU) following the protocol above.
at::Tensor perplexityWindows(const std::vector<int>& ids, int window, int bos, std::int64_t max_windows);

PerplexityResult perplexity(const LlamaModel& model, const std::vector<int>& text_ids, const PerplexityOptions& options,
                            const ProgressFn& progress = {}, const ProjectionOverrides* overrides = nullptr);

/// Reads and tokenizes `text_path` with the model's tokenizer, then measures perplexity.
PerplexityResult perplexityOfFile(const LlamaModel& model, const std::string& text_path,
                                  const PerplexityOptions& options, const ProgressFn& progress = {},
                                  const ProjectionOverrides* overrides = nullptr);

}  // namespace basislab
