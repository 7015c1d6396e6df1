// The workbench's door into the core: a torch-free facade over an opened model.
//
// The desktop workbench (widgets/, app/gui/) includes only headers of core/api and the torch-free
// headers they name (compute.h, progress.h, model_info.h, calib/statistics.h). Everything crossing
// this boundary is a plain value (structs, std::vector, Eigen vectors), never a live tensor, so the
// GUI can keep it as an immutable snapshot. The implementation (model_session.cpp) uses LibTorch.
//
// Threading: a ModelSession is used by one thread at a time (the workbench's worker thread). Long
// calls take a ProgressFn; when it returns false the call throws basislab::Cancelled promptly.
#pragma once

#include "../base/compute.h"
#include "../base/progress.h"
#include "../model/model_info.h"
#include "requests.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace basislab::api {

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

    /// Perplexity of the uncompressed model on a text file.
    PerplexitySnapshot perplexity(const PerplexityRequest& request, const ProgressFn& progress) const;

private:
    struct Impl;
    explicit ModelSession(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace basislab::api
