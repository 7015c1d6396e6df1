// Opening a factored export (export.h) for evaluation: the dense tensors come from the checkpoint
// as usual, the compressed projections from their bases and coefficients (one basis tensor per
// group, shared by its layers), in the compute dtype on the device.
#pragma once

#include "../model/llama_model.h"

#include <memory>
#include <string>

namespace basislab {

/// True when `dir` holds basislab_compression.json.
bool isFactoredFolder(const std::string& dir);
/// Opens a factored export. Throws Error naming the file or tensor when something does not fit.
std::shared_ptr<LlamaModel> openFactored(const std::string& dir, const ModelOptions& options = {});
/// A factored export through openFactored, any other folder through LlamaModel::open.
std::shared_ptr<LlamaModel> openModelFolder(const std::string& dir, const ModelOptions& options = {});

}  // namespace basislab
