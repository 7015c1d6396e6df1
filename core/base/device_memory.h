// Device memory sizing: a pure planner (no torch, no device calls) that decides, from the free
// memory the device reports, whether a model's weights stay resident on the device or stream
// through a small staging ring of layers, and how many windows one wave (one matrix product per
// site) of a layer-by-layer pass takes. Every figure is passed in, so the decisions are testable
// with fake free-memory figures (tests/unit/test_device_memory.cpp).
//
// The step's working set is what a step holds besides the weights: the hidden states of all
// windows [N, L, hidden], the four Grams of the current layer in float64 (calibration) or the
// group's Grams and whitening factors (compression). Weights are resident only when they fit in
// the usable free memory *together with* that working set and the first wave; otherwise the
// weights stream, and the device holds the fixed tensors (embedding, final norm, lm_head) and a
// ring of `staging_layers` layers (the one computing and the ones being fetched).
#pragma once

#include "../model/config.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace basislab {

/// What a device reports about its memory (bytes).
struct DeviceMemory {
    std::size_t free_bytes = 0;
    std::size_t total_bytes = 0;
};

/// A model's weights in the compute dtype, in bytes.
struct ModelFootprint {
    std::size_t fixed_bytes = 0;  // embedding, final norm, lm_head: always on the device
    std::size_t layer_bytes = 0;  // one decoder layer (all layers have the same shapes)
    int layers = 0;

    std::size_t totalBytes() const { return fixed_bytes + layer_bytes * std::size_t(layers); }
};

/// The weights of a Llama in a compute dtype of `element_bytes` per value.
ModelFootprint modelFootprint(const LlamaConfig& config, std::size_t element_bytes);

struct ResidencyPlan {
    bool resident = false;
    int staging_layers = 0;  // ring slots on the device when streamed; 0 when resident
    std::size_t weight_bytes_on_device = 0;  // resident: all; streamed: fixed + the ring
    std::size_t usable_bytes = 0;  // free memory less the reserve
    std::size_t work_bytes = 0;  // usable - weights on the device - working set: for the waves
    std::string reason;  // one line for logs and the GUI
};

struct ResidencyOptions {
    int staging_layers = 2;  // the layer computing and the next one being fetched
    /// Kept free for the CUDA context growth, cuBLAS/cuSOLVER workspaces and allocator rounding:
    /// the larger of reserve_fraction of the free memory and reserve_min_bytes.
    double reserve_fraction = 0.05;
    std::size_t reserve_min_bytes = std::size_t(512) << 20;
    /// The least room for one wave a resident plan must leave (else streaming is chosen).
    std::size_t min_wave_bytes = std::size_t(256) << 20;
};

/// Resident when the weights, the working set and min_wave_bytes fit the usable free memory;
/// streamed when the fixed tensors, the ring and the working set fit; otherwise an Error naming
/// `device` and the numbers.
ResidencyPlan planResidency(const ModelFootprint& model, const DeviceMemory& memory, std::size_t working_set_bytes,
                            const std::string& device, const ResidencyOptions& options = {});

/// Windows per wave: as many as `available_bytes` holds at `bytes_per_window`, at least 1, at most
/// `windows` (and at most max_windows when it is positive).
std::int64_t planWave(std::size_t available_bytes, std::size_t bytes_per_window, std::int64_t windows,
                      std::int64_t max_windows = 0);

/// The transient memory one window of seq_len tokens needs in one layer call in a compute dtype of
/// `element_bytes` (attention scores in float32 [heads, T, T] twice (scores and softmax), the
/// q/k/v/o and MLP activations) plus the float64 copy of the widest site input a Gram update makes.
std::size_t layerWindowBytes(const LlamaConfig& config, std::int64_t seq_len, std::size_t element_bytes);

/// Calibration's working set: hidden states [N, L, hidden] in the compute dtype plus one layer's
/// four Grams and their per-channel sums in float64.
std::size_t calibrationWorkingSetBytes(const LlamaConfig& config, std::int64_t windows, std::int64_t seq_len,
                                       std::size_t element_bytes);

/// Bytes as "12.3 GiB" / "512 MiB" for messages.
std::string formatBytes(std::size_t bytes);

}  // namespace basislab
