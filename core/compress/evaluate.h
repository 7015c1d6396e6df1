// Perplexity of a compressed model without writing anything (torch-free header for the GUI; the
// protocol is eval/perplexity.h's).
#pragma once

#include "../base/progress.h"
#include "compress.h"

#include <cstdint>
#include <string>

namespace basislab {

struct CompressedPerplexity {
    double ppl = 0;
    double nll = 0;  // total over scored tokens
    std::int64_t scored_tokens = 0;
    std::int64_t windows = 0;
    double seconds = 0;
};

/// Perplexity of `model` with the compressed projections of `compressed` (made from this model),
/// on `text_path` in windows of `window` tokens (at most `max_windows`, -1 = all).
CompressedPerplexity perplexityOfCompressed(const LlamaModel& model, const CompressedModel& compressed,
                                            const std::string& text_path, int window, std::int64_t max_windows = -1,
                                            const ProgressFn& progress = {});

}  // namespace basislab
