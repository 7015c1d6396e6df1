// What a compression did: groups, ranks, alphas, Cholesky shifts, per-layer errors, achieved ratios
// and timing. Torch-free (the GUI, the CLI's --json and the factored export's description use it).
#pragma once

#include "plan.h"

#include <cstdint>
#include <string>
#include <vector>

namespace basislab {

struct GroupReport {
    MatrixType type = MatrixType::q;
    int index = 0;  // group number within its type
    std::vector<int> layers;
    std::int64_t rank = 0;  // k (allocated, plan.allocation)
    std::int64_t uniform_rank = 0;  // k of the uniform allocation (formula_rank clamped)
    std::int64_t formula_rank = 0;  // k from the ratio before clamping to [1, min(d_in, n d_out)]
    std::int64_t max_rank = 0;  // min(d_in, n d_out)
    std::vector<double> alpha;  // per layer, normalised to mean 1 (all 1 for n = 1 or alpha none)
    std::vector<double> scale;  // per layer column scale beta_l (normalised: s_l), else 1
    double cholesky_shift = 0;  // added to the diagonal of the group's Gram, 0 when none was needed
    double cholesky_shift_relative = 0;  // shift / (tr G / d_in)
    std::int64_t dense_params = 0;  // n d_in d_out
    std::int64_t stored_params = 0;  // d_in k + n k d_out
    bool saves_params = true;  // stored < dense (a factorization with more parameters is allowed, flagged)
    std::string solver;  // "direct" or "gram"
    double seconds = 0;
};

struct LayerReport {
    int layer = 0;
    MatrixType type = MatrixType::q;
    int group = 0;  // index into CompressionReport::groups
    std::int64_t rank = 0;
    double whitened_error = 0;  // error_curve.h
    double frobenius_error = 0;
    double whitened_error_before_refit = -1;  // -1 unless refit
    double frobenius_error_before_refit = -1;
    double refit_shift = 0;  // diagonal shift the refit's B^T G B needed (refit.h), 0 when none
    double refit_shift_relative = 0;  // refit_shift / (tr(B^T G B) / k)
    /// Whitened error of the factors rounded to rounded_dtype (the dtype an export stores them in,
    /// CompressionReport::rounded_dtype); -1 when no rounding was assessed.
    double whitened_error_rounded = -1;
    /// The streamed update (update.h): the output error ||X W - X' B C||^2_F / ||X W||^2_F on the
    /// layer's deviated inputs X', with the factorization's coefficients (before) and the updated
    /// ones (after); -1 without a streamed update. The whitened and Frobenius errors above are those
    /// of the updated coefficients; the update's solve shift is reported like the refit's.
    double output_error_before = -1;
    double output_error_after = -1;
    double update_shift = 0;
    double update_shift_relative = 0;
};

/// What the rank allocation did (allocation.h). The objective is sum over the compressed layers of
/// the squared relative whitened error before any refit; -1 where it was not computed (a uniform
/// compress() computes no curves).
struct AllocationReport {
    std::int64_t budget_params = 0;  // the uniform plan's stored parameters
    std::int64_t used_params = 0;
    double objective = -1;
    double uniform_objective = -1;
    std::int64_t rank_quantum = 1;  // 1: the exact optimum (allocation.h)
    bool fell_back_to_uniform = false;
};

struct CompressionReport {
    CompressionPlan plan;
    std::string model;  // source model folder
    std::int64_t dense_params = 0;  // the compressed matrices before
    std::int64_t stored_params = 0;  // the compressed matrices after
    double achieved_ratio = 0;  // 1 - stored / dense, over the compressed matrices
    std::int64_t model_params = 0;  // the whole model before (tied lm_head counted once)
    std::int64_t model_params_after = 0;
    double achieved_ratio_model = 0;  // 1 - after / before
    double seconds = 0;
    std::vector<GroupReport> groups;
    std::vector<LayerReport> layers;  // layer-major, then type
    std::vector<std::string> warnings;  // one line each (shifts, groups that save nothing, ...)
    /// "bfloat16" or "float16" when the factors' rounding to that dtype was assessed
    /// (LayerReport::whitened_error_rounded), else "".
    std::string rounded_dtype;
    AllocationReport allocation;
    double update_seconds = 0;  // the streamed update's share of `seconds`

    /// "q0=12 q1=10 ..." : every group's rank, type then group index (the sweep's CSV cell).
    std::string ranksText() const;
    /// Mean whitened (or Frobenius) error over the layers of a type; -1 when the type is absent.
    double meanWhitenedError(MatrixType type) const;
    double meanFrobeniusError(MatrixType type) const;
    /// Mean output error after (or before) the streamed update over all layers; -1 without one.
    double meanOutputError(bool after = true) const;
    /// Fills the parameter bookkeeping and the warnings from groups (called by the producers).
    void finish(const LlamaConfig& config);
    /// The JSON object of `basislab-cli compress --json` (see README.md).
    std::string toJson(int indent = 2) const;
};

}  // namespace basislab
