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

ProtocolWindows protocolWindows(const std::vector<int>& ids, PerplexityProtocol protocol, int window, int bos,
                                std::int64_t max_windows) {
    if (protocol == PerplexityProtocol::basislab) return {perplexityWindows(ids, window, bos, max_windows), {}};
    if (window < 2) throw Error("window must be at least 2 tokens, got " + std::to_string(window));
    // One BOS at the very start of the text, then consecutive windows of W tokens.
    const std::int64_t length = std::int64_t(ids.size()) + 1, W = window;
    auto token = [&](std::int64_t i) { return i == 0 ? std::int64_t(bos) : std::int64_t(ids[std::size_t(i - 1)]); };
    const std::int64_t full_windows = length / W;
    const std::int64_t n = max_windows >= 0 ? std::min(full_windows, max_windows) : full_windows;
    ProtocolWindows out;
    out.full = at::empty({n, W}, at::TensorOptions().dtype(at::kLong));
    auto* p = out.full.data_ptr<std::int64_t>();
    for (std::int64_t i = 0; i < n * W; ++i) p[i] = token(i);
    const std::int64_t rest = length - full_windows * W;
    if (protocol == PerplexityProtocol::basis_sharing && n == full_windows && rest >= 2) {
        out.partial = at::empty({1, rest}, at::TensorOptions().dtype(at::kLong));
        auto* q = out.partial.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < rest; ++i) q[i] = token(n * W + i);
    }
    return out;
}

namespace {

/// Runs windows [N, T] through the model in waves and adds each window's NLL sum to `nll`.
struct WindowScorer {
    const LlamaModel& model;
    const ProjectionOverrides* overrides;
    std::size_t hidden_budget_bytes;
    ProgressReporter& reporter;
    std::int64_t step = 0, tokens_done = 0;

    static std::int64_t waves(const LlamaModel& model, std::int64_t N, std::int64_t T, std::size_t budget) {
        return N == 0 ? 0 : (N + waveSize(model, T, budget) - 1) / waveSize(model, T, budget);
    }
    static std::int64_t waveSize(const LlamaModel& model, std::int64_t T, std::size_t budget) {
        const std::size_t per_window =
            std::size_t(T) * std::size_t(model.config().hidden_size) * at::elementSize(model.dtype());
        return std::max<std::int64_t>(1, std::int64_t(budget / per_window));
    }

    void score(const at::Tensor& windows, std::vector<double>& nll) {
        const LlamaConfig& c = model.config();
        const std::int64_t N = windows.size(0), T = windows.size(1);
        const std::int64_t wave = waveSize(model, T, hidden_budget_bytes);
        const int layers = c.num_hidden_layers;
        const at::ScalarType soft = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;
        const LayerRunOptions run;
        const std::int64_t head_batch = std::max<std::int64_t>(
            1, std::int64_t((std::size_t(256) << 20) / (std::size_t(T) * std::size_t(c.vocab_size) * 4)));
        for (std::int64_t w0 = 0; w0 < N; w0 += wave) {
            const std::int64_t n = std::min(wave, N - w0);
            const at::Tensor ids = windows.narrow(0, w0, n);
            at::Tensor h = model.embed(ids);  // [n, T, hidden]
            runLayers(model, h, run, {}, overrides,
                      [&](int l) { reporter.report(++step, tokens_done + (n * T * (l + 1)) / layers, l, layers); });
            const at::Tensor targets = ids.narrow(1, 1, T - 1).to(model.device());  // [n, T-1]
            for (std::int64_t b0 = 0; b0 < n; b0 += head_batch) {
                const std::int64_t b = std::min(head_batch, n - b0);
                const at::Tensor logits = model.head(h.narrow(0, b0, b).narrow(1, 0, T - 1));  // [b, T-1, vocab]
                const at::Tensor logp = at::log_softmax(logits.to(soft), -1);
                const at::Tensor loss = -logp.gather(-1, targets.narrow(0, b0, b).unsqueeze(-1)).squeeze(-1);
                const at::Tensor per = loss.to(at::kDouble).sum(1).cpu();
                for (std::int64_t i = 0; i < b; ++i) nll.push_back(per[i].item<double>());
            }
            tokens_done += n * T;
            reporter.report(++step, tokens_done, -1, layers);
        }
    }
};

}  // namespace

PerplexityResult perplexity(const LlamaModel& model, const std::vector<int>& text_ids, const PerplexityOptions& options,
                            const ProgressFn& progress, const ProjectionOverrides* overrides) {
    const LlamaConfig& c = model.config();
    if (options.window > c.max_position_embeddings)
        throw Error("window " + std::to_string(options.window) + " exceeds max_position_embeddings " +
                    std::to_string(c.max_position_embeddings));
    const ProtocolWindows windows =
        protocolWindows(text_ids, options.protocol, options.window, c.bos_token_id, options.max_windows);
    const std::int64_t N = windows.full.size(0), W = options.window;
    const bool partial = windows.partial.defined();
    if (N == 0 && !partial) {
        if (options.protocol == PerplexityProtocol::basislab)
            throw Error("the text has " + std::to_string(text_ids.size()) + " tokens, fewer than one window of " +
                        std::to_string(W - 1) + " + BOS");
        throw Error("the text has " + std::to_string(text_ids.size()) + " tokens + BOS, fewer than one window of " +
                    std::to_string(W) + " (protocol " + name(options.protocol) + ")");
    }

    c10::InferenceMode guard;
    PerplexityResult r;
    r.protocol = options.protocol;
    r.windows = N + (partial ? 1 : 0);
    r.text_tokens = std::int64_t(text_ids.size());
    r.window_nll.reserve(std::size_t(r.windows));

    const std::size_t budget = options.hidden_budget_bytes;
    const std::int64_t waves = WindowScorer::waves(model, N, W, budget) + (partial ? 1 : 0);
    ProgressReporter reporter(progress, "evaluate", waves * (c.num_hidden_layers + 1));
    WindowScorer scorer{model, overrides, budget, reporter};
    if (N > 0) scorer.score(windows.full, r.window_nll);
    r.window_scored.assign(std::size_t(N), W - 1);
    if (partial) {
        scorer.score(windows.partial, r.window_nll);
        r.window_scored.push_back(windows.partial.size(1) - 1);
    }

    double mean_of_means = 0;
    for (std::size_t w = 0; w < r.window_nll.size(); ++w) {
        const double x = r.window_nll[w];
        if (!std::isfinite(x))
            throw Error("window " + std::to_string(w + 1) + " of " + std::to_string(r.windows) +
                        " has a non-finite loss (the model produced NaN or Inf logits)");
        r.nll += x;
        r.scored_tokens += r.window_scored[w];
        mean_of_means += x / double(r.window_scored[w]) / double(r.windows);
    }
    r.ppl = options.protocol == PerplexityProtocol::basis_sharing ? std::exp(mean_of_means)
                                                                  : std::exp(r.nll / double(r.scored_tokens));
    r.seconds = reporter.elapsedSeconds();
    r.tokens_per_second = r.seconds > 0 ? double(scorer.tokens_done) / r.seconds : 0.0;
    if (!std::isfinite(r.ppl)) throw Error("perplexity is not finite (the mean loss overflows)");
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
