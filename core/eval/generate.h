// Greedy generation (argmax at temperature 0), for checking that a model, original or compressed,
// still speaks. Each step re-runs the whole sequence: simple and exact, meant for short outputs.
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"

#include <string>
#include <vector>

namespace basislab {

struct GenerateResult {
    std::vector<int> prompt_ids;  // BOS + encode(prompt)
    std::vector<int> generated_ids;  // new tokens (stops early at EOS, which is not included)
    std::string text;  // decode(prompt ids without BOS + generated ids)
};

GenerateResult generateGreedy(const LlamaModel& model, const std::string& prompt, int max_tokens,
                              const ProgressFn& progress = {}, const ProjectionOverrides* overrides = nullptr);

}  // namespace basislab
