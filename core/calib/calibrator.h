// The calibration engine: runs the model over calibration windows and accumulates, for every layer
// l and site s, the Gram G_{l,s} = X^T X of the site's input X (all positions of all windows, BOS
// included) in float64, with the per-channel sums and the statistics derived from them; optionally
// the Fisher diagonals (fisher.h).
//
// Two paths, which give the same Grams:
//   Streamed   (default, as SVD-LLM): the hidden states of all N windows [N, L, hidden] are held
//              for the current layer only; the layer runs on them in micro-batches while its four
//              Grams accumulate; the layer's statistics are computed, its Grams handed to the sink,
//              and the next layer follows. Peak memory: one layer's weights + the hidden states +
//              that layer's four Grams + one micro-batch's activations.
//   WholeModel: each micro-batch of windows runs through the whole model (forward with taps),
//              accumulating the Grams of every layer at once. For small models and cross-checks.
//
// Windows come from a text file (calibration_windows.h) or are passed in already tokenized.
// Gradients are off for the Grams (NoGradGuard). Progress: stage "calibrate", one unit per window
// per layer, polled between micro-batches, between sites and between the Lanczos steps of a site's
// lambda_max; a cancel throws Cancelled.
#pragma once

#include "../base/progress.h"
#include "../model/llama_model.h"
#include "calibration.h"
#include "calibration_shard.h"
#include "site_accumulator.h"
#include "site_statistics.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace basislab {

struct CalibrationOptions {
    std::string text_path;  // UTF-8 text, tokenized once like perplexity's
    int windows = 0;  // N
    int seq_len = 0;  // L, tokens per window including BOS
    std::optional<std::uint64_t> shuffle_seed;  // unset: the first N windows in order; must be < 2^63
    bool fisher = false;  // also accumulate the Fisher diagonals (whole model with autograd)
    enum class Path { Streamed, WholeModel } path = Path::Streamed;  // both must give the same Grams
    std::int64_t micro_batch = 0;  // windows per layer call; 0 = from activation_budget_bytes
    std::size_t activation_budget_bytes = std::size_t(256) << 20;  // one call's attention scores / MLP
    std::size_t row_budget_bytes = std::size_t(64) << 20;  // float64 copy of X per Gram update
    /// float64 (the reference) or float32-waves (site_accumulator.h); recorded in the settings.
    GramAccumulation gram_accumulation = GramAccumulation::Float64;
    /// Full Gram spectra (eigenvalues) for sites at most this wide; wider sites get lambda_max by
    /// Lanczos and no spectrum (site_statistics.h). 0: none.
    std::int64_t spectrum_max_width = kDefaultSpectrumMaxWidth;
    /// This process's share when several calibrate together (calibration_shard.h): it runs only
    /// its block of the windows, the sums are all-reduced per layer, only rank 0 computes
    /// statistics and feeds the sink (the other ranks' sinks receive nothing). Default: alone.
    CalibrationShard shard;
};

/// Calibrates on options.text_path and keeps every Gram in memory (float64, CPU).
std::shared_ptr<InMemoryCalibration> calibrate(const LlamaModel& model, const CalibrationOptions& options,
                                               const ProgressFn& progress = {});

/// The same on windows already tokenized: ids [N, L] (int64). The text fields of options are not
/// used (the settings' text fields stay empty); N and L come from ids.
std::shared_ptr<InMemoryCalibration> calibrateWindows(const LlamaModel& model, const at::Tensor& ids,
                                                      const CalibrationOptions& options,
                                                      const ProgressFn& progress = {});

/// Streaming forms: every finished site (then every Fisher diagonal) goes to `sink` as soon as it
/// is done, nothing is kept; the returned summary has every site's statistics.
CalibrationSummary calibrateInto(const LlamaModel& model, const CalibrationOptions& options, CalibrationSink& sink,
                                 const ProgressFn& progress = {});
CalibrationSummary calibrateWindowsInto(const LlamaModel& model, const at::Tensor& ids,
                                        const CalibrationOptions& options, CalibrationSink& sink,
                                        const ProgressFn& progress = {});

/// The calibration of the union of the data of a and b: Grams, per-channel sums, token counts and
/// Fisher diagonals added (raw sums, so this is exact up to float64 rounding), statistics
/// recomputed on `device`. Both must be of the same model and window length. The Fisher diagonals
/// are kept only when both have them. Calibrations of the same text (same text_sha256) that both
/// record their window indices must not share a window (Error naming the shared windows: they
/// would be counted twice); windows passed in tokenized (no indices) cannot be checked.
CalibrationSummary mergeCalibrationsInto(const Calibration& a, const Calibration& b, CalibrationSink& sink,
                                         at::Device device = at::kCPU);
std::shared_ptr<InMemoryCalibration> mergeCalibrations(const Calibration& a, const Calibration& b,
                                                       at::Device device = at::kCPU);

}  // namespace basislab
