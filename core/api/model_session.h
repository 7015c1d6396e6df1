// The workbench's door into the core: a torch-free facade over an opened model, its calibration
// and the compression of its projections.
//
// The desktop workbench (widgets/, app/gui/) includes only headers of core/api and the torch-free
// headers they name (compute.h, progress.h, model_info.h, calib/statistics.h, compress/plan.h,
// compress/report.h). Everything crossing this boundary is a plain value (structs, std::vector,
// Eigen vectors), never a live tensor, so the GUI can keep it as an immutable snapshot. The
// implementation (model_session.cpp) uses LibTorch.
//
// Threading: a ModelSession is used by one thread at a time (the workbench's worker thread). Long
// calls take a ProgressFn; when it returns false the call throws basislab::Cancelled promptly.
#pragma once

#include "../base/compute.h"
#include "../base/progress.h"
#include "../calib/statistics.h"
#include "../compress/report.h"
#include "../model/model_info.h"
#include "requests.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace basislab::api {

/// The live preview of a plan: its per-layer errors and parameter counts, and the same plan with
/// plain Basis Sharing (no alpha weighting, no refit), the baseline the GUI overlays.
struct PlanPreview {
    CompressionReport plan;
    CompressionReport baseline;
};

/// An evaluated plan: what compression did, and the perplexity of the compressed model.
struct PlanEvaluation {
    CompressionReport report;
    PerplexitySnapshot perplexity;
};

/// The plan's baseline: the same ratio, types and groups with plain Basis Sharing (alpha none, no
/// refit, uniform allocation).
CompressionPlan plainBasisSharing(const CompressionPlan& plan);

class ModelSession {
public:
    /// Validates `compute`, sets the CPU threads and opens the model folder (config, weights,
    /// tokenizer). Throws basislab::Error naming what is wrong.
    static std::unique_ptr<ModelSession> open(const std::string& dir, const ComputeOptions& compute);
    ~ModelSession();
    ModelSession(const ModelSession&) = delete;
    ModelSession& operator=(const ModelSession&) = delete;

    const ModelInfo& info() const;
    const ComputeOptions& compute() const;

    /// Perplexity of the uncompressed model on a text file under the request's protocol, and its
    /// zero-shot accuracy on the request's task files (either may be absent, not both).
    PerplexitySnapshot perplexity(const PerplexityRequest& request, const ProgressFn& progress) const;

    // Calibration. The Grams live in a store on disk (calib/store.h) and are read when a job
    // needs them (calib/store_calibration.h); callers get the summary.
    /// Where temporary stores go (the GUI passes its cache location); default: the system's
    /// temporary folder + "/basislab-calibrations". Created when needed.
    void setCacheFolder(const std::string& folder);
    std::string cacheFolder() const;
    /// Calibrates into request.store_path, or into a temporary store in the cache folder, then
    /// reads from that store. First removes the stores that killed processes left there
    /// (calib/store_files.h) and refuses a store that would not fit the folder's free space (Error
    /// naming the folder, the bytes needed and free).
    std::shared_ptr<const CalibrationSummary> calibrate(const CalibrationRequest& request, const ProgressFn& progress);
    /// Opens a calibration store (HDF5); it must belong to this model. Throws Error otherwise.
    std::shared_ptr<const CalibrationSummary> loadCalibration(const std::string& path);
    /// Saves the calibration to `path`: a temporary store is moved there (a rename on the same
    /// file system, else an atomic copy) and kept; any other is written atomically. Throws Error
    /// when there is none.
    void saveCalibration(const std::string& path, const ProgressFn& progress) const;
    bool hasCalibration() const;
    /// The store the calibration is read from ("" when there is none), whether it is a temporary
    /// one (removed when the session lets go of it unless saved), and its bytes on disk.
    std::string calibrationStorePath() const;
    bool calibrationIsTemporary() const;
    std::uint64_t calibrationStoreBytes() const;
    /// Takes over the calibration of `other`, the same model opened with other compute options.
    /// Throws Error when the two sessions hold different models.
    void adoptCalibration(ModelSession& other);

    // Compression (needs a calibration).
    /// The errors a plan would give, from the Grams alone; factorizations are cached, so changing
    /// the ratio, or going back to a plan seen before, is quick.
    PlanPreview preview(const CompressionPlan& plan, const ProgressFn& progress);
    /// Compresses the model with `plan` and measures its perplexity and zero-shot accuracy as
    /// perplexity() does (nothing is written).
    PlanEvaluation evaluate(const CompressionPlan& plan, const PerplexityRequest& request, const ProgressFn& progress);
    /// Compresses with `plan` and runs its streamed update (plan.update deviated or compensate,
    /// compress/update.h: the calibration's windows again), returning the report with every
    /// layer's output error before and after the update. Throws Error for a plan without one.
    CompressionReport update(const CompressionPlan& plan, const ProgressFn& progress);

private:
    struct Impl;
    explicit ModelSession(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace basislab::api
