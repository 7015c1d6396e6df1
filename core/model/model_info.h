// What a model folder holds, read from config.json and the safetensors headers only (no weights
// are converted): architecture, parameter counts per matrix type, storage dtype and memory.
// Torch-free, for the CLI's `info` and the GUI's model page.
#pragma once

#include "config.h"

#include <array>
#include <cstdint>
#include <string>

namespace basislab {

class Checkpoint;

struct ModelInfo {
    std::string dir;
    LlamaConfig config;
    std::array<std::int64_t, 7> params_per_type{};  // indexed like kMatrixTypes, summed over layers
    std::int64_t projection_params = 0;  // all seven types, all layers
    std::int64_t embedding_params = 0;
    std::int64_t lm_head_params = 0;  // 0 when tied (counted once, in the embedding)
    std::int64_t norm_params = 0;
    std::int64_t total_params = 0;
    std::string storage_dtype;  // "F16", "BF16", "F32" or "mixed"
    std::size_t storage_bytes = 0;  // bytes of all tensors in the files
    std::size_t shard_count = 0;
    bool has_tokenizer = false;

    /// Bytes of the weights when converted to a compute dtype of `bytes_per_value`.
    std::size_t computeBytes(int bytes_per_value) const {
        return std::size_t(total_params) * std::size_t(bytes_per_value);
    }
    /// Several lines of human-readable text.
    std::string describe() const;
};

/// Opens config.json and the checkpoint of `dir` and counts. Throws Error on bad input.
ModelInfo readModelInfo(const std::string& dir);

}  // namespace basislab
