// Fast reconstruction-error preview (the GUI's live preview). Torch-free header.
//
// One factorization per group gives every layer's error curve over all ranks (errors.h), cached
// per (method, type, group layers, alpha form, asvd exponent, solver). Changing the ratio is then a
// lookup; changing the group size, alpha form or method factorizes only the groups not seen yet.
// With refit, the refit errors are computed at the plan's rank (a new factorization of the group,
// then cached per rank). Thread-compatible: use one instance from one worker thread.
#pragma once

#include "../base/progress.h"
#include "compress_options.h"
#include "error_curve.h"
#include "report.h"

#include <memory>
#include <string>
#include <vector>

namespace basislab {

class LlamaModel;
class Calibration;

/// The error curves of one group.
struct GroupCurves {
    MatrixType type = MatrixType::q;
    int index = 0;
    std::vector<int> layers;
    std::vector<double> sigma;  // singular values of S [beta_1 W_1 ... beta_n W_n], descending
    std::vector<double> alpha;
    std::vector<double> scale;
    double cholesky_shift = 0;
    double cholesky_shift_relative = 0;
    std::string solver;
    std::vector<ErrorCurve> curves;  // per layer of `layers`
};

class ErrorPreview {
public:
    ErrorPreview(std::shared_ptr<const LlamaModel> model, std::shared_ptr<const Calibration> calibration,
                 CompressOptions options = {});
    ~ErrorPreview();
    ErrorPreview(const ErrorPreview&) = delete;
    ErrorPreview& operator=(const ErrorPreview&) = delete;

    /// The report compress() would give for this plan (groups, ranks, alphas, shifts, per-layer
    /// errors, achieved ratios), from cached curves where possible. `seconds` is this call's time.
    CompressionReport evaluate(const CompressionPlan& plan, const ProgressFn& progress = {});
    /// The curves of every group of the plan, in groupLayout() order.
    std::vector<GroupCurves> curves(const CompressionPlan& plan, const ProgressFn& progress = {});

    std::size_t cachedGroups() const;
    /// Factorizations run since construction (for tests and the benchmark).
    std::size_t factorizations() const;
    void clear();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace basislab
