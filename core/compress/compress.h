// Compressing a model: every group of a plan, with progress and cancellation. Torch-free header:
// the result's tensors are behind CompressedModel::tensors (compressed_tensors.h has their type).
#pragma once

#include "../base/progress.h"
#include "compress_options.h"
#include "report.h"

#include <memory>

namespace basislab {

class LlamaModel;
class Calibration;
struct CompressedTensors;

struct CompressedModel {
    CompressionReport report;
    std::shared_ptr<const CompressedTensors> tensors;  // bases and coefficients
};

/// Compresses the plan's matrices of `model` with `calibration` (which must belong to the model).
/// Reports progress (stage "compress", groups done/total); throws Cancelled when asked to stop.
/// Writes nothing: evaluate with overridesOf() (compressed_tensors.h), export with export.h.
CompressedModel compress(const LlamaModel& model, const Calibration& calibration, const CompressionPlan& plan,
                         const CompressOptions& options = {}, const ProgressFn& progress = {});

}  // namespace basislab
