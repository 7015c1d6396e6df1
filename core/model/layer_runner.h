// Layer-by-layer execution over many windows, as SVD-LLM streams calibration.
//
// The hidden states of all windows [N, T, hidden] are held at once; each layer's weights are
// fetched once and applied to every window (in micro-batches to bound the attention scores'
// memory), then the next layer follows. Peak memory is one layer's weights + the hidden states +
// one micro-batch's activations, never the whole model's activations.
#pragma once

#include "llama_forward.h"

namespace basislab {

struct LayerRunOptions {
    std::int64_t micro_batch = 0;  // windows per layer call; 0 = choose from the memory budget
    std::size_t activation_budget_bytes = std::size_t(256) << 20;
};

/// Windows per micro-batch so that the attention scores of one call fit the budget.
std::int64_t autoMicroBatch(const LlamaConfig& config, std::int64_t seq_len, std::size_t budget_bytes);

/// Windows per wave (micro-batch) of a pass over `windows` windows of seq_len tokens. On the CPU:
/// autoMicroBatch(cpu_budget_bytes), as always. On CUDA: as many as the device's free memory
/// holds (base/device_memory.h: planWave with layerWindowBytes) after the reserve and
/// `pending_bytes`, the step's working set not yet allocated (hidden states, Grams).
std::int64_t waveSize(const LlamaModel& model, std::int64_t windows, std::int64_t seq_len, std::size_t cpu_budget_bytes,
                      std::size_t pending_bytes);

/// Runs `hidden` [N, T, hidden] through every layer in place. `after_layer(l)` is called after
/// each layer (for progress and cancellation; it may throw).
void runLayers(const LlamaModel& model, at::Tensor& hidden, const LayerRunOptions& options,
               const SiteObserver& observe = {}, const ProjectionOverrides* overrides = nullptr,
               const std::function<void(int layer)>& after_layer = {});

}  // namespace basislab
