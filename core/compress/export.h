// Writing a compressed model to disk. Torch-free header.
//
// --format factored: a model folder with
//   config.json, generation_config.json, tokenizer files   copied from the source
//   model.safetensors (sharded above shard_bytes)           every source tensor except the compressed
//                                                           projections, byte for byte, plus
//       basis.<type>.group<g>         (d_in x k)     one per group (shared by its layers)
//       coefficient.<layer>.<type>    (k x d_out)    one per compressed projection
//     in the papers' layout: y = (x basis) coefficient, so weight_hat = (basis coefficient)^T
//   basislab_compression.json                               format_version 1: the source model's
//     identity, the plan, the groups (type, index, layers, rank, alpha, basis and coefficient
//     tensor names), per-layer errors and achieved ratios (CompressionReport::toJson as "report").
// factored_model.h opens it again (BasisLab only; any Llama tool reads --format dense).
//
// --format dense: a normal Hugging Face Llama folder: the same files with weight_hat = (B C_l)^T
// written back in each projection's source dtype and shape (computed in float64); every other
// tensor copied byte for byte.
//
// Both are written into a temporary folder next to `out_dir` and renamed at the end: a failure or a
// cancel leaves nothing behind. An existing `out_dir` is an Error unless `overwrite`.
#pragma once

#include "../base/progress.h"
#include "compress.h"

#include <optional>
#include <string>
#include <string_view>

namespace basislab {

enum class ExportFormat { factored, dense };
const char* name(ExportFormat format);
std::optional<ExportFormat> parseExportFormat(std::string_view text);

struct ExportOptions {
    ExportFormat format = ExportFormat::factored;
    /// factored: dtype of bases and coefficients, "F32", "F16" or "BF16"; "" = the source
    /// projections' storage dtype. (dense always writes each projection in its source dtype.)
    std::string dtype;
    std::size_t shard_bytes = std::size_t(5) << 30;
    bool overwrite = false;
};

inline constexpr const char* kCompressionFile = "basislab_compression.json";

/// How an export rounds the compressed projections: to `dtype` ("bfloat16" or "float16"; "" when it
/// keeps float32 or wider), the basis and coefficients each (factored) or their product (dense,
/// `product`). Feed it to CompressOptions::rounded_dtype / round_product to have the report carry
/// the whitened error of what is written.
struct ExportRounding {
    std::string dtype;
    bool product = false;
};
ExportRounding exportRounding(const LlamaModel& source, const CompressionPlan& plan, const ExportOptions& options);

/// Writes `compressed` (made from `source`) to `out_dir`. Progress stage "export", tensors written.
void exportCompressed(const LlamaModel& source, const CompressedModel& compressed, const std::string& out_dir,
                      const ExportOptions& options = {}, const ProgressFn& progress = {});

}  // namespace basislab
