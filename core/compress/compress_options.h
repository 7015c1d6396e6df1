// How a compression computes (not what it computes: that is the plan). Torch-free.
#pragma once

#include "plan.h"

#include <cstddef>
#include <string>

namespace basislab {

struct CompressOptions {
    SvdSolver solver = SvdSolver::automatic;
    /// dtype of the bases and coefficients kept for evaluation and export: "" = the model's compute
    /// dtype, or "float32", "float64", "bfloat16", "float16".
    std::string storage_dtype;
    /// Grams kept on the device between groups (q, k, v and neighbouring groups reuse them).
    std::size_t gram_cache_bytes = std::size_t(2) << 30;
};

}  // namespace basislab
