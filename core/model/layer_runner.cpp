#include "layer_runner.h"

#include "../base/device_query.h"
#include "../base/off_heap.h"

#include <c10/core/Event.h>
#include <c10/core/StreamGuard.h>
#include <c10/core/impl/VirtualGuardImpl.h>

#include <algorithm>
#include <future>
#include <optional>

namespace basislab {

std::int64_t autoMicroBatch(const LlamaConfig& c, std::int64_t seq_len, std::size_t budget_bytes) {
    // float32 attention scores [b, heads, T, T] dominate a layer's activations for long windows;
    // the MLP activations [b, T, intermediate] (x3) for short ones.
    const double per_window =
        4.0 * double(seq_len) * (double(c.num_attention_heads) * double(seq_len) + 3.0 * double(c.intermediate_size));
    return std::max<std::int64_t>(1, std::int64_t(double(budget_bytes) / per_window));
}

std::int64_t waveSize(const LlamaModel& model, std::int64_t windows, std::int64_t seq_len, std::size_t cpu_budget_bytes,
                      std::size_t pending_bytes) {
    const LlamaConfig& c = model.config();
    if (!model.device().is_cuda()) return autoMicroBatch(c, seq_len, cpu_budget_bytes);
    const auto memory = deviceMemory(model.device().str());
    if (!memory) return autoMicroBatch(c, seq_len, cpu_budget_bytes);
    const ResidencyOptions reserve;
    const std::size_t kept =
        std::max(reserve.reserve_min_bytes, std::size_t(double(memory->free_bytes) * reserve.reserve_fraction));
    const std::size_t taken = kept + pending_bytes;
    const std::size_t available = memory->free_bytes > taken ? memory->free_bytes - taken : 0;
    return planWave(available, layerWindowBytes(c, seq_len, std::size_t(at::elementSize(model.dtype()))), windows);
}

namespace {

/// Streamed weights on CUDA: layer l+1 is fetched on a second stream by a background thread while
/// layer l computes; the compute stream waits for the copy's event before using the weights.
class LayerPrefetcher {
public:
    LayerPrefetcher(const LlamaModel& model, const ProjectionOverrides* overrides)
        : model_(model), overrides_(overrides), impl_(model.device().type()) {}
    ~LayerPrefetcher() {
        if (next_.valid()) next_.wait();
    }

    void start(int l) {
        next_ = std::async(std::launch::async, [this, l] {
            const at::Device device = model_.device();
            const c10::Stream side = impl_.getStreamFromGlobalPool(device, /*isHighPriority=*/false);
            const c10::StreamGuard guard(side);
            Fetched f{model_.layer(l, overrides_), c10::Event(device.type())};
            f.done.record(side);
            return f;
        });
    }

    std::shared_ptr<const LayerWeights> take() {
        Fetched f = next_.get();
        const c10::Stream compute = impl_.getStream(model_.device());
        f.done.block(compute);
        // Allocated on the side stream, used on the compute stream: keep the caching allocator from
        // handing their memory to the side stream again before the compute is done.
        auto keep = [&](const at::Tensor& t) {
            if (t.defined()) impl_.recordDataPtrOnStream(t.storage().data_ptr(), compute);
        };
        keep(f.weights->input_norm);
        keep(f.weights->post_attention_norm);
        for (MatrixType t : kMatrixTypes) {
            const Projection& p = (*f.weights)[t];
            keep(p.weight);
            keep(p.basis);
            keep(p.coefficient);
        }
        return f.weights;
    }

private:
    struct Fetched {
        std::shared_ptr<const LayerWeights> weights;
        c10::Event done;
    };
    const LlamaModel& model_;
    const ProjectionOverrides* overrides_;
    c10::impl::VirtualGuardImpl impl_;
    std::future<Fetched> next_;
};

}  // namespace

void runLayers(const LlamaModel& model, at::Tensor& hidden, const LayerRunOptions& options, const SiteObserver& observe,
               const ProjectionOverrides* overrides, const std::function<void(int layer)>& after_layer) {
    const LlamaConfig& c = model.config();
    const std::int64_t N = hidden.size(0), T = hidden.size(1);
    const std::int64_t mb =
        options.micro_batch > 0 ? options.micro_batch : waveSize(model, N, T, options.activation_budget_bytes, 0);
    const Rope rope = makeRope(c, T, model.device(), model.dtype());
    std::optional<LayerPrefetcher> prefetch;
    if (model.device().is_cuda() && !model.resident()) {
        prefetch.emplace(model, overrides);
        prefetch->start(0);
    }
    for (int l = 0; l < c.num_hidden_layers; ++l) {
        const auto w = prefetch ? prefetch->take() : model.layer(l, overrides);
        if (prefetch && l + 1 < c.num_hidden_layers) prefetch->start(l + 1);
        for (std::int64_t start = 0; start < N; start += mb) {
            const std::int64_t n = std::min(mb, N - start);
            at::Tensor chunk = hidden.narrow(0, start, n);
            chunk.copy_(decoderLayer(chunk, *w, c, rope, l, observe));
        }
        if (after_layer) after_layer(l);
        if (!model.device().is_cuda()) trimHeapIfGrown();  // base/off_heap.h
    }
}

}  // namespace basislab
