#include "generate.h"

#include "../base/error.h"
#include "../model/llama_forward.h"

#include <c10/core/InferenceMode.h>

namespace basislab {

GenerateResult generateGreedy(const LlamaModel& model, const std::string& prompt, int max_tokens,
                              const ProgressFn& progress, const ProjectionOverrides* overrides) {
    if (max_tokens < 0) throw Error("max tokens must be non-negative, got " + std::to_string(max_tokens));
    const Tokenizer& tok = model.requireTokenizer();
    const LlamaConfig& c = model.config();
    c10::InferenceMode guard;

    GenerateResult r;
    r.prompt_ids.push_back(c.bos_token_id);
    for (int id : tok.encode(prompt)) r.prompt_ids.push_back(id);
    std::vector<std::int64_t> seq(r.prompt_ids.begin(), r.prompt_ids.end());
    ProgressReporter reporter(progress, "generate", max_tokens);
    for (int step = 0; step < max_tokens; ++step) {
        if (std::int64_t(seq.size()) >= c.max_position_embeddings) break;
        const at::Tensor ids = at::tensor(seq, at::TensorOptions().dtype(at::kLong)).unsqueeze(0);  // [1, T]
        const at::Tensor logits = forward(model, ids, {}, overrides);  // [1, T, vocab]
        const int next = int(logits[0][-1].argmax().item<std::int64_t>());
        if (next == c.eos_token_id) break;
        r.generated_ids.push_back(next);
        seq.push_back(next);
        reporter.report(step + 1, std::int64_t(seq.size()));
    }
    std::vector<int> visible(r.prompt_ids.begin() + 1, r.prompt_ids.end());
    visible.insert(visible.end(), r.generated_ids.begin(), r.generated_ids.end());
    r.text = tok.decode(visible);
    return r;
}

}  // namespace basislab
