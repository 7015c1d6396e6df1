// Up-front estimates of what a workbench job needs, from the model's shapes and the job's
// settings only (no tensors, no device calls), so the Model page can show them before anything
// runs and a store that would not fit on the disk is refused before the calibration starts.
// Torch-free. The formulas (docs/calibration.md, "Memory budget"):
//   store (disk)  = sum over layers and sites of (d^2 + 4 d) x 8 bytes (the Gram and the four
//                   per-channel vectors, float64) + d x 8 where d <= the spectrum limit (the
//                   eigenvalues) + the Fisher diagonals (float32, d_out x d_in per projection)
//                   when asked + the window indices + HDF5's metadata (about 8 KiB per site).
//   host memory   = the model's weights as the session holds them (resident in the compute dtype
//                   below 2 GiB, ModelOptions::resident_budget_bytes, plus the memory-mapped
//                   checkpoint pages they were read from; otherwise the fixed tensors and a ring of
//                   two layers) + the working set: the hidden states N x L x hidden in the compute
//                   dtype, one layer's four Grams and their per-channel sums in float64, and the
//                   larger of one micro-batch's activations (layerWindowBytes of
//                   base/device_memory.h per window, for as many windows as the calibrator puts in
//                   one layer call: on the CPU the 256 MiB activation budget over the attention
//                   scores and MLP activations alone) and the eigensolver's copy of the widest Gram
//                   that gets a spectrum; with Fisher diagonals also a copy of the
//                   projections, their gradients and float32 accumulators, and one window's
//                   activations per layer kept for the backward pass.
//   device memory = on CUDA the same weights and working set on the device (its first wave; the
//                   calibrator takes bigger waves when more is free); the host then holds the Gram
//                   being written. 0 on the CPU.
// The process's own libraries (about 150-250 MiB) are not included.
#pragma once

#include "../base/compute.h"
#include "../model/model_info.h"
#include "requests.h"

#include <cstdint>

namespace basislab::api {

struct JobEstimate {
    std::uint64_t weights_bytes = 0;  // the model's weights in host memory during the job
    std::uint64_t working_bytes = 0;  // host memory the job allocates besides the weights
    std::uint64_t device_bytes = 0;  // on the CUDA device; 0 on the CPU
    std::uint64_t disk_bytes = 0;  // what the job writes
    std::uint64_t hostBytes() const { return weights_bytes + working_bytes; }
};

/// Bytes of a calibration store of a model of `config` (see above). `windows` adds the window
/// indices; `spectrum_max_width` as CalibrationOptions (0: no spectra; the default is
/// kDefaultSpectrumMaxWidth of calib/site_statistics.h, which a test checks).
inline constexpr std::int64_t kEstimateSpectrumMaxWidth = 2048;
std::uint64_t calibrationStoreBytes(const LlamaConfig& config, bool fisher, int windows,
                                    std::int64_t spectrum_max_width = kEstimateSpectrumMaxWidth);

/// The calibration job of the workbench (ModelSession::calibrate) and of `basislab-cli calibrate`
/// with the model opened as the workbench opens it. Throws Error for an unknown compute dtype.
JobEstimate estimateCalibration(const ModelInfo& model, const CalibrationRequest& request,
                                const ComputeOptions& compute);

}  // namespace basislab::api
