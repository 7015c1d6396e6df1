// How a compression computes (not what it computes: that is the plan). Torch-free.
#pragma once

#include "plan.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace basislab {

struct CompressOptions {
    SvdSolver solver = SvdSolver::automatic;
    /// dtype of the bases and coefficients kept for evaluation and export: "" = the model's compute
    /// dtype, or "float32", "float64", "bfloat16", "float16".
    std::string storage_dtype;
    /// "" or "bfloat16" / "float16": also measure each layer's whitened error with what an export
    /// writes in that dtype (LayerReport::whitened_error_rounded): the stored basis and coefficient
    /// each rounded to it (a factored export), or with `round_product` their product B C rounded
    /// (a dense export). exportRounding() (export.h) says which an export will do.
    std::string rounded_dtype;
    bool round_product = false;
    /// Grams kept on the device between groups (q, k, v and neighbouring groups reuse them).
    std::size_t gram_cache_bytes = std::size_t(2) << 30;
    /// The streamed update (plan.update deviated or compensate, update.h) runs the calibration
    /// windows again from the text the calibration records; this path, when not empty, replaces
    /// that text (its SHA-256 must still match).
    std::string calibration_text;
    /// Windows per layer call of the update; 0 = from its activation budget.
    std::int64_t update_micro_batch = 0;
    /// Keep the bases and coefficients in CompressedModel::tensors (for evaluation and export).
    /// Without them only the report is kept: the factors of each group are dropped once measured,
    /// so memory does not grow with the layers.
    bool keep_tensors = true;
};

}  // namespace basislab
