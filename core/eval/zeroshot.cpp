#include "zeroshot.h"

#include "../base/error.h"
#include "../model/layer_runner.h"

#include <c10/core/InferenceMode.h>

#include <cmath>

namespace basislab {

EncodedPair encodePair(const Tokenizer& tokenizer, int bos, const std::string& context,
                       const std::string& continuation) {
    if (context.empty()) return {{bos}, tokenizer.encode(continuation)};
    const std::size_t spaces = trailingWhitespaceBytes(context);
    const std::string ctx = context.substr(0, context.size() - spaces);
    const std::string cont = context.substr(ctx.size()) + continuation;
    const std::vector<int> whole = tokenizer.encode(ctx + cont);
    EncodedPair pair;
    pair.context = tokenizer.encode(ctx);
    if (pair.context.size() < whole.size())
        pair.continuation.assign(whole.begin() + std::ptrdiff_t(pair.context.size()), whole.end());
    return pair;
}

namespace {

std::size_t argmax(const std::vector<double>& v) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < v.size(); ++i)
        if (v[i] > v[best]) best = i;
    return best;
}

/// The log-likelihood of every choice of one document, the choices in one right-padded batch.
std::vector<double> scoreDocument(const LlamaModel& model, const TaskFile& task, const TaskDocument& doc,
                                  int max_length, const ProjectionOverrides* overrides, ProgressReporter& reporter) {
    const int bos = model.config().bos_token_id;
    const Tokenizer& tokenizer = model.requireTokenizer();
    const std::size_t C = doc.contexts.size();
    std::vector<std::vector<int>> inputs(C), targets(C);
    std::int64_t longest = 0;
    for (std::size_t i = 0; i < C; ++i) {
        const EncodedPair pair = encodePair(tokenizer, bos, doc.contexts[i], doc.continuations[i]);
        const std::string where =
            "'" + task.path + "' line " + std::to_string(doc.line) + ", choice " + std::to_string(i);
        if (pair.continuation.empty()) throw Error(where + ": the continuation has no tokens of its own");
        if (pair.continuation.size() > std::size_t(max_length))
            throw Error(where + ": the continuation has " + std::to_string(pair.continuation.size()) +
                        " tokens, more than the window of " + std::to_string(max_length));
        std::vector<int> all = pair.context;
        all.insert(all.end(), pair.continuation.begin(), pair.continuation.end());
        if (all.size() > std::size_t(max_length) + 1)
            all.erase(all.begin(), all.end() - std::ptrdiff_t(max_length + 1));  // truncate from the left
        inputs[i].assign(all.begin(), all.end() - 1);
        targets[i].assign(all.end() - std::ptrdiff_t(pair.continuation.size()), all.end());
        longest = std::max(longest, std::int64_t(inputs[i].size()));
    }
    at::Tensor ids = at::zeros({std::int64_t(C), longest}, at::TensorOptions().dtype(at::kLong));
    auto* p = ids.data_ptr<std::int64_t>();
    for (std::size_t i = 0; i < C; ++i)
        for (std::size_t t = 0; t < inputs[i].size(); ++t)
            p[std::int64_t(i) * longest + std::int64_t(t)] = inputs[i][t];

    at::Tensor h = model.embed(ids);  // [C, T, hidden]
    runLayers(model, h, {}, {}, overrides, [&](int) { reporter.poll(); });
    const at::ScalarType soft = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;
    std::vector<double> sums(C);
    for (std::size_t i = 0; i < C; ++i) {
        const std::int64_t n = std::int64_t(inputs[i].size()), k = std::int64_t(targets[i].size());
        const at::Tensor logits = model.head(h.narrow(0, std::int64_t(i), 1).narrow(1, n - k, k));  // [1, k, vocab]
        const at::Tensor logp = at::log_softmax(logits.to(soft), -1)[0];
        at::Tensor target = at::empty({k, 1}, at::TensorOptions().dtype(at::kLong));
        for (std::int64_t t = 0; t < k; ++t) target.data_ptr<std::int64_t>()[t] = targets[i][std::size_t(t)];
        sums[i] = logp.gather(-1, target.to(model.device())).to(at::kDouble).sum().item<double>();
        if (!std::isfinite(sums[i]))
            throw Error("'" + task.path + "' line " + std::to_string(doc.line) + ", choice " + std::to_string(i) +
                        ": the log-likelihood is not finite (the model produced NaN or Inf logits)");
    }
    return sums;
}

}  // namespace

std::vector<ZeroShotTaskScores> zeroShot(const LlamaModel& model, const std::vector<std::string>& task_paths,
                                         const ZeroShotOptions& options, const ProgressFn& progress,
                                         const ProjectionOverrides* overrides) {
    if (task_paths.empty()) throw Error("no zero-shot task files given");
    const int max_length = options.max_length > 0 ? options.max_length : model.config().max_position_embeddings;
    std::vector<TaskFile> tasks;
    std::int64_t total = 0;
    for (const std::string& path : task_paths) {
        tasks.push_back(readTaskFile(path));
        total += std::int64_t(tasks.back().documents.size());
    }
    model.requireTokenizer();

    c10::InferenceMode guard;
    ProgressReporter reporter(progress, "zero-shot", total);
    std::vector<ZeroShotTaskScores> out;
    std::int64_t done = 0;
    for (const TaskFile& task : tasks) {
        ZeroShotTaskScores s;
        s.result.task = task.name;
        s.result.path = task.path;
        const std::int64_t n = std::int64_t(task.documents.size());
        s.result.documents = n;
        double correct = 0, correct_norm = 0;
        for (const TaskDocument& doc : task.documents) {
            std::vector<double> sums = scoreDocument(model, task, doc, max_length, overrides, reporter);
            const int pred = int(argmax(sums));
            correct += pred == doc.gold;
            s.pred.push_back(pred);
            if (!task.partial) {
                std::vector<double> normalised(sums.size());
                for (std::size_t i = 0; i < sums.size(); ++i) normalised[i] = sums[i] / doc.choice_lengths[i];
                const int pred_norm = int(argmax(normalised));
                correct_norm += pred_norm == doc.gold;
                s.pred_norm.push_back(pred_norm);
            }
            s.loglikelihoods.push_back(std::move(sums));
            reporter.report(++done, 0, -1, 0, task.name);
        }
        s.result.acc = correct / double(n);
        s.result.acc_stderr = accuracyStderr(s.result.acc, n);
        if (!task.partial) {
            s.result.acc_norm = correct_norm / double(n);
            s.result.acc_norm_stderr = accuracyStderr(s.result.acc_norm, n);
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<ZeroShotTaskResult> zeroShotResults(const std::vector<ZeroShotTaskScores>& scores) {
    std::vector<ZeroShotTaskResult> out;
    for (const ZeroShotTaskScores& s : scores) out.push_back(s.result);
    return out;
}

}  // namespace basislab
