// Writing the weights of a Hugging Face model folder: `model.safetensors`, or, above a shard size,
// `model-0000i-of-0000N.safetensors` plus `model.safetensors.index.json` ({"metadata":
// {"total_size": bytes}, "weight_map": {tensor: shard}}, as transformers writes it). Torch-free.
#pragma once

#include "safetensors_writer.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace basislab {

/// Writes `tensors` into the existing folder `dir`, in order, sharded when their bytes exceed
/// `shard_bytes` (a single tensor larger than a shard gets a shard of its own). `after_tensor(i)`
/// runs after tensor i (it may throw to abort). Returns the files written.
std::vector<std::string> writeCheckpoint(const std::string& dir, const std::vector<TensorToWrite>& tensors,
                                         std::size_t shard_bytes, const std::map<std::string, std::string>& metadata,
                                         const std::function<void(std::size_t)>& after_tensor = {});

/// The model files a derived folder copies from its source when present: config.json,
/// generation_config.json and the tokenizer files.
const std::vector<std::string>& modelSideFiles();

}  // namespace basislab
