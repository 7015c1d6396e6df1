#include "layer_runner.h"

#include <algorithm>

namespace basislab {

std::int64_t autoMicroBatch(const LlamaConfig& c, std::int64_t seq_len, std::size_t budget_bytes) {
    // float32 attention scores [b, heads, T, T] dominate a layer's activations for long windows;
    // the MLP activations [b, T, intermediate] (x3) for short ones.
    const double per_window =
        4.0 * double(seq_len) * (double(c.num_attention_heads) * double(seq_len) + 3.0 * double(c.intermediate_size));
    return std::max<std::int64_t>(1, std::int64_t(double(budget_bytes) / per_window));
}

void runLayers(const LlamaModel& model, at::Tensor& hidden, const LayerRunOptions& options, const SiteObserver& observe,
               const ProjectionOverrides* overrides, const std::function<void(int layer)>& after_layer) {
    const LlamaConfig& c = model.config();
    const std::int64_t N = hidden.size(0), T = hidden.size(1);
    const std::int64_t mb =
        options.micro_batch > 0 ? options.micro_batch : autoMicroBatch(c, T, options.activation_budget_bytes);
    const Rope rope = makeRope(c, T, model.device(), model.dtype());
    for (int l = 0; l < c.num_hidden_layers; ++l) {
        const auto w = model.layer(l, overrides);
        for (std::int64_t start = 0; start < N; start += mb) {
            const std::int64_t n = std::min(mb, N - start);
            at::Tensor chunk = hidden.narrow(0, start, n);
            chunk.copy_(decoderLayer(chunk, *w, c, rope, l, observe));
        }
        if (after_layer) after_layer(l);
    }
}

}  // namespace basislab
