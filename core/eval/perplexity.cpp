#include "perplexity.h"

#include "../base/error.h"
#include "../model/layer_runner.h"

#include <c10/core/InferenceMode.h>

#include <cmath>

namespace basislab {

at::Tensor perplexityWindows(const std::vector<int>& ids, int window, int bos, std::int64_t max_windows) {
    if (window < 2) throw Error("window must be at least 2 tokens, got " + std::to_string(window));
    const std::int64_t chunk = window - 1;
    std::int64_t n = std::int64_t(ids.size()) / chunk;
    if (max_windows >= 0) n = std::min(n, max_windows);
    at::Tensor out = at::empty({n, window}, at::TensorOptions().dtype(at::kLong));
    auto* p = out.data_ptr<std::int64_t>();
    for (std::int64_t w = 0; w < n; ++w) {
        p[w * window] = bos;
        for (std::int64_t i = 0; i < chunk; ++i) p[w * window + 1 + i] = ids[std::size_t(w * chunk + i)];
    }
    return out;
}

PerplexityResult perplexity(const LlamaModel& model, const std::vector<int>& text_ids, const PerplexityOptions& options,
                            const ProgressFn& progress, const ProjectionOverrides* overrides) {
    const LlamaConfig& c = model.config();
    if (options.window > c.max_position_embeddings)
        throw Error("window " + std::to_string(options.window) + " exceeds max_position_embeddings " +
                    std::to_string(c.max_position_embeddings));
    const at::Tensor windows = perplexityWindows(text_ids, options.window, c.bos_token_id, options.max_windows);
    const std::int64_t N = windows.size(0), W = options.window;
    if (N == 0)
        throw Error("the text has " + std::to_string(text_ids.size()) + " tokens, fewer than one window of " +
                    std::to_string(W - 1) + " + BOS");

    c10::InferenceMode guard;
    PerplexityResult r;
    r.windows = N;
    r.text_tokens = std::int64_t(text_ids.size());
    r.window_nll.assign(std::size_t(N), 0.0);

    const std::size_t per_window = std::size_t(W) * std::size_t(c.hidden_size) * at::elementSize(model.dtype());
    const std::int64_t wave = std::max<std::int64_t>(1, std::int64_t(options.hidden_budget_bytes / per_window));
    const std::int64_t waves = (N + wave - 1) / wave;
    const int layers = c.num_hidden_layers;
    ProgressReporter reporter(progress, "evaluate", waves * (layers + 1));
    const at::ScalarType soft = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;
    const LayerRunOptions run;
    const std::int64_t head_batch = std::max<std::int64_t>(
        1, std::int64_t((std::size_t(256) << 20) / (std::size_t(W) * std::size_t(c.vocab_size) * 4)));

    std::int64_t step = 0, tokens_done = 0;
    for (std::int64_t w0 = 0; w0 < N; w0 += wave) {
        const std::int64_t n = std::min(wave, N - w0);
        const at::Tensor ids = windows.narrow(0, w0, n);
        at::Tensor h = model.embed(ids);  // [n, W, hidden]
        runLayers(model, h, run, {}, overrides,
                  [&](int l) { reporter.report(++step, tokens_done + (n * W * (l + 1)) / layers, l, layers); });
        const at::Tensor targets = ids.narrow(1, 1, W - 1).to(model.device());  // [n, W-1]
        for (std::int64_t b0 = 0; b0 < n; b0 += head_batch) {
            const std::int64_t b = std::min(head_batch, n - b0);
            const at::Tensor logits = model.head(h.narrow(0, b0, b).narrow(1, 0, W - 1));  // [b, W-1, vocab]
            const at::Tensor logp = at::log_softmax(logits.to(soft), -1);
            const at::Tensor nll = -logp.gather(-1, targets.narrow(0, b0, b).unsqueeze(-1)).squeeze(-1);  // [b, W-1]
            const at::Tensor per = nll.to(at::kDouble).sum(1).cpu();
            for (std::int64_t i = 0; i < b; ++i) r.window_nll[std::size_t(w0 + b0 + i)] = per[i].item<double>();
        }
        tokens_done += n * W;
        reporter.report(++step, tokens_done, -1, layers);
    }

    for (double x : r.window_nll) r.nll += x;
    r.scored_tokens = N * (W - 1);
    r.ppl = std::exp(r.nll / double(r.scored_tokens));
    r.seconds = reporter.elapsedSeconds();
    r.tokens_per_second = r.seconds > 0 ? double(N * W) / r.seconds : 0.0;
    if (!std::isfinite(r.ppl)) throw Error("perplexity is not finite (the model produced NaN or Inf logits)");
    return r;
}

PerplexityResult perplexityOfFile(const LlamaModel& model, const std::string& text_path,
                                  const PerplexityOptions& options, const ProgressFn& progress,
                                  const ProjectionOverrides* overrides) {
    const std::string text = readUtf8File(text_path);
    const std::vector<int> ids = model.requireTokenizer().encode(text);
    return perplexity(model, ids, options, progress, overrides);
}

}  // namespace basislab
