// Zero-shot multiple-choice accuracy by log-likelihood, as lm-evaluation-harness 0.4.3 scores it
// with its default Hugging Face settings (the README repeats the rules):
//   - all trailing whitespace of the context moves to the start of the continuation;
//   - whole = encode(context + continuation), ctx = encode(context), without special tokens; the
//     continuation tokens are whole[len(ctx):]; an empty context is [BOS] and the continuation is
//     encode(continuation);
//   - the model reads ctx + continuation without BOS, truncated from the left to the last
//     max_length + 1 tokens, the last token dropped; the log-likelihood is the sum of the
//     log-probabilities of the continuation tokens;
//   - acc = [argmax of the sums == gold]; acc_norm = [argmax of sum / choice length in code points
//     == gold] (first form only); stderr = sqrt(p(1-p)/(n-1)).
// The choices of a document run in one batch, right-padded (the causal mask keeps padding out).
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"
#include "task_file.h"
#include "zeroshot_result.h"

#include <string>
#include <vector>

namespace basislab {

struct ZeroShotOptions {
    int max_length = 0;  // lm-eval's max_length; 0 = the model's max_position_embeddings
};

/// The tokens of one (context, continuation) request, lm-eval 0.4.3's _encode_pair.
struct EncodedPair {
    std::vector<int> context;
    std::vector<int> continuation;
};
EncodedPair encodePair(const Tokenizer& tokenizer, int bos, const std::string& context,
                       const std::string& continuation);

/// A scored task: the summary and, per document, the log-likelihood of each choice and the picks.
struct ZeroShotTaskScores {
    ZeroShotTaskResult result;
    std::vector<std::vector<double>> loglikelihoods;
    std::vector<int> pred;
    std::vector<int> pred_norm;  // empty for the partial-scoring form
};

/// Scores every task file. Progress counts documents; cancel throws Cancelled.
std::vector<ZeroShotTaskScores> zeroShot(const LlamaModel& model, const std::vector<std::string>& task_paths,
                                         const ZeroShotOptions& options = {}, const ProgressFn& progress = {},
                                         const ProjectionOverrides* overrides = nullptr);

/// The summaries alone.
std::vector<ZeroShotTaskResult> zeroShotResults(const std::vector<ZeroShotTaskScores>& scores);

}  // namespace basislab
