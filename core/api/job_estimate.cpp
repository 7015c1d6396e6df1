#include "job_estimate.h"

#include "../base/device_memory.h"
#include "../base/error.h"

#include <algorithm>

namespace basislab::api {
namespace {

// ModelOptions::resident_budget_bytes (model/llama_model.h): on the CPU a model whose weights in
// the compute dtype are below it is held whole, otherwise it streams.
constexpr std::uint64_t kResidentBudgetBytes = std::uint64_t(2) << 30;
// CalibrationOptions::activation_budget_bytes (calib/calibrator.h): one layer call's activations.
constexpr std::uint64_t kActivationBudgetBytes = std::uint64_t(256) << 20;
// HDF5's metadata per site group (object headers, attributes, B-tree nodes) and per file.
constexpr std::uint64_t kSiteMetadataBytes = 8 << 10;
constexpr std::uint64_t kFileMetadataBytes = 64 << 10;
constexpr int kStagingLayers = 2;  // ResidencyOptions::staging_layers

std::uint64_t elementBytes(const std::string& dtype) {
    if (dtype == "float32") return 4;
    if (dtype == "float64") return 8;
    if (dtype == "bfloat16" || dtype == "float16") return 2;
    throw Error("unknown compute dtype '" + dtype + "'");
}

}  // namespace

std::uint64_t calibrationStoreBytes(const LlamaConfig& c, bool fisher, int windows, std::int64_t spectrum_max_width) {
    std::uint64_t per_layer = 0;
    for (Site s : kSites) {
        const std::uint64_t d = std::uint64_t(c.siteWidth(s));
        per_layer += (d * d + 4 * d) * 8 + kSiteMetadataBytes;
        if (std::int64_t(d) <= spectrum_max_width) per_layer += d * 8;
    }
    if (fisher)
        for (MatrixType t : kMatrixTypes) per_layer += std::uint64_t(c.dOut(t)) * std::uint64_t(c.dIn(t)) * 4;
    return per_layer * std::uint64_t(c.num_hidden_layers) + std::uint64_t(std::max(windows, 0)) * 8 +
           kFileMetadataBytes;
}

JobEstimate estimateCalibration(const ModelInfo& model, const CalibrationRequest& request,
                                const ComputeOptions& compute) {
    const LlamaConfig& c = model.config;
    const std::uint64_t e = elementBytes(compute.dtype);
    const std::uint64_t N = std::uint64_t(std::max(request.windows, 0));
    const std::uint64_t L = std::uint64_t(std::max(request.seq_len, 0));
    const bool cuda = compute.device.rfind("cuda", 0) == 0;

    JobEstimate est;
    est.disk_bytes = calibrationStoreBytes(c, request.fisher, request.windows);

    // The weights as the session holds them.
    const ModelFootprint footprint = modelFootprint(c, std::size_t(e));
    const std::uint64_t all_weights = std::uint64_t(model.computeBytes(int(e)));
    const bool resident = cuda ? false : all_weights < kResidentBudgetBytes;
    const std::uint64_t ring = footprint.fixed_bytes + std::uint64_t(kStagingLayers) * footprint.layer_bytes;
    // A resident model also keeps the memory-mapped checkpoint's pages it was read from.
    const std::uint64_t weights =
        resident ? all_weights + std::uint64_t(model.storage_bytes) : std::min(all_weights, ring);

    // The working set: hidden states and one layer's Grams, then the larger of one micro-batch's
    // activations and the eigensolver's copy of the widest Gram that gets a spectrum.
    const std::uint64_t states_and_grams =
        std::uint64_t(calibrationWorkingSetBytes(c, std::int64_t(N), std::int64_t(L), std::size_t(e)));
    const std::uint64_t per_window = std::uint64_t(layerWindowBytes(c, std::int64_t(L), std::size_t(e)));
    // Windows per layer call as the calibrator sizes them: on the CPU from the activation budget
    // over the scores and MLP activations alone (autoMicroBatch, model/layer_runner.cpp), on CUDA
    // at least one window (it takes more when more is free).
    const double budget_per_window =
        4.0 * double(L) * (double(c.num_attention_heads) * double(L) + 3.0 * double(c.intermediate_size));
    const std::uint64_t cpu_wave =
        budget_per_window > 0 ? std::uint64_t(double(kActivationBudgetBytes) / budget_per_window) : 1;
    const std::uint64_t wave = std::clamp<std::uint64_t>(cuda ? 1 : cpu_wave, 1, std::max<std::uint64_t>(N, 1));
    std::uint64_t spectrum = 0;
    for (Site s : kSites) {
        const std::uint64_t d = std::uint64_t(c.siteWidth(s));
        if (std::int64_t(d) <= kEstimateSpectrumMaxWidth) spectrum = std::max(spectrum, d * d * 8);
    }
    std::uint64_t working = states_and_grams + std::max(wave * per_window, spectrum);
    if (request.fisher) {
        // Whole model with autograd: the projections, their gradients, float32 accumulators, and
        // one window's activations per layer kept for backward.
        const std::uint64_t projections = std::uint64_t(model.projection_params);
        working += projections * (e + e + 4) + per_window * std::uint64_t(c.num_hidden_layers);
    }

    if (cuda) {
        est.device_bytes = weights + working;
        // The host stages the layer being fetched and receives each Gram for the store.
        std::uint64_t widest = 0;
        for (Site s : kSites) widest = std::max(widest, std::uint64_t(c.siteWidth(s)));
        est.weights_bytes = footprint.layer_bytes;
        est.working_bytes = widest * widest * 8;
    } else {
        est.weights_bytes = weights;
        est.working_bytes = working;
    }
    return est;
}

}  // namespace basislab::api
