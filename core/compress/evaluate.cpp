#include "evaluate.h"

#include "../eval/perplexity.h"
#include "compressed_tensors.h"

namespace basislab {

CompressedPerplexity perplexityOfCompressed(const LlamaModel& model, const CompressedModel& compressed,
                                            const std::string& text_path, int window, std::int64_t max_windows,
                                            const ProgressFn& progress) {
    const ProjectionOverrides overrides = overridesOf(compressed, model);
    PerplexityOptions o;
    o.window = window;
    o.max_windows = max_windows;
    const PerplexityResult r = perplexityOfFile(model, text_path, o, progress, &overrides);
    return {r.ppl, r.nll, r.scored_tokens, r.windows, r.seconds};
}

}  // namespace basislab
