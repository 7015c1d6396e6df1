// Updates with deviated inputs: with every group's basis B fixed, the coefficients C_l are fitted
// on the inputs the compressed model itself gives each site (docs/compression.md, "Updates").
//
// For a site of layer l, X_l are its inputs in the original model and X'_l the inputs of the same
// tokens when every projection that runs before the site is already compressed and updated: all
// layers before l; within layer l, q/k/v before o, attention before the MLP, gate/up before down.
// The calibration windows stream through the original and the partly compressed model side by
// side, layer by layer, and within a layer site by site in forward order. Per site, in float64 on
// the model's device:
//     G_l = X_l^T X_l (recomputed),   G'_l = X'_l^T X'_l,   H_l = X'_l^T X_l,
// and for every compressed matrix reading that site (UpdateKind, plan.h):
//     refit       C_l = (B^T G_l  B)^-1 B^T G_l  W_l
//     deviated    C_l = (B^T G'_l B)^-1 B^T G'_l W_l     argmin ||X'_l W_l - X'_l B C||_F
//     compensate  C_l = (B^T G'_l B)^-1 B^T H_l  W_l     argmin ||X_l W_l  - X'_l B C||_F
// all with refit.h's solve (relative pivot test, reported diagonal shift). The updated C_l goes
// into the compressed model before the next site runs, so X' always comes from updated projections.
//
// The output error of a layer, from the three Grams (no activations kept):
//     e = ||X W - X' B C||^2_F / ||X W||^2_F
//       = (tr(W^T G W) - 2 <H W, B C> + tr((BC)^T G' BC)) / tr(W^T G W)
// reported with the factorization's coefficients (before) and the updated ones (after). With
// X' = X and the factorization's C it is the square of the whitened error (error_curve.h).
//
// Memory: the hidden states of both models [N, T, hidden] (twice calibration's), one site's three
// Grams and one micro-batch's activations; nothing per layer is kept once the layer is done.
// Progress: stage "update", one unit per window per pass (one pass per site with compressed
// matrices, one to advance the layer), polled per micro-batch; a cancel throws Cancelled.
#pragma once

#include "../base/progress.h"
#include "../calib/statistics.h"
#include "../model/llama_model.h"
#include "compressed_tensors.h"
#include "refit.h"
#include "report.h"

#include <ATen/ATen.h>

#include <optional>
#include <string>
#include <vector>

namespace basislab {

/// On the CPU, an automatic micro-batch holds at most this many tokens (progress granularity).
inline constexpr std::int64_t kUpdateCallTokens = 1024;

struct UpdateOptions {
    /// Windows per layer call; 0 = from activation_budget_bytes (on the CPU at most
    /// kUpdateCallTokens tokens).
    std::int64_t micro_batch = 0;
    std::size_t activation_budget_bytes = std::size_t(256) << 20;
    /// As CompressOptions::rounded_dtype / round_product: recompute whitened_error_rounded for the
    /// updated coefficients.
    std::optional<at::ScalarType> rounded;
    bool round_product = false;
};

/// The windows [N, L] (int64, CPU) the calibration ran on, reproduced from the text it records
/// (or `text_path` when not empty: its SHA-256 must match) and its window list. Throws Error naming
/// why when they cannot be reproduced (windows passed in tokenized, several texts merged, the text
/// missing or changed, another tokenizer).
at::Tensor reproduceCalibrationWindows(const LlamaModel& model, const CalibrationSettings& settings,
                                       const std::string& text_path = {});

/// ||X W - X' B C||^2_F / ||X W||^2_F from G = X^T X, Gp = X'^T X', H = X'^T X (see above);
/// W (d_in, d_out), W_hat = B C (d_in, d_out); float64. 0 when X W = 0.
double outputError(const at::Tensor& W, const at::Tensor& W_hat, const at::Tensor& G, const at::Tensor& Gp,
                   const at::Tensor& H);

/// The coefficient of one kind (not none) from the site's three Grams.
at::Tensor updatedCoefficient(UpdateKind kind, const at::Tensor& B, const at::Tensor& W, const at::Tensor& G,
                              const at::Tensor& Gp, const at::Tensor& H, RefitShift* shift = nullptr);

/// Runs the update of `kind` (refit, deviated or compensate) over the windows `ids` [N, L] on
/// `tensors` in place (coefficients keep their dtype), and fills the output errors, the whitened
/// and Frobenius errors of the updated coefficients and the shifts into the matching `layers`.
void updateCoefficients(const LlamaModel& model, const at::Tensor& ids, UpdateKind kind, CompressedTensors& tensors,
                        std::vector<LayerReport>& layers, const UpdateOptions& options = {},
                        const ProgressFn& progress = {});

}  // namespace basislab
