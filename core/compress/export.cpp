#include "export.h"

#include "../base/atomic_file.h"
#include "../base/atomic_folder.h"
#include "../base/error.h"
#include "../model/checkpoint_writer.h"
#include "../model/fingerprint.h"
#include "../model/tensor_bytes.h"
#include "compressed_tensors.h"

#include <c10/core/InferenceMode.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>

namespace basislab {
namespace fs = std::filesystem;
namespace {

std::string basisName(const GroupLayout& g) {
    return "basis." + std::string(name(g.type)) + ".group" + std::to_string(g.index);
}

std::string coefficientName(int layer, MatrixType type) {
    return "coefficient." + std::to_string(layer) + "." + name(type);
}

DType parseDType(const std::string& text) {
    if (text == "F32" || text == "float32") return DType::F32;
    if (text == "F16" || text == "float16") return DType::F16;
    if (text == "BF16" || text == "bfloat16") return DType::BF16;
    throw Error("--export-dtype: unknown dtype '" + text + "' (F32, F16, BF16)");
}

}  // namespace

const char* name(ExportFormat format) {
    return format == ExportFormat::factored ? "factored" : "dense";
}

std::optional<ExportFormat> parseExportFormat(std::string_view text) {
    if (text == "factored") return ExportFormat::factored;
    if (text == "dense") return ExportFormat::dense;
    return std::nullopt;
}

ExportRounding exportRounding(const LlamaModel& source, const CompressionPlan& plan, const ExportOptions& options) {
    const bool factored = options.format == ExportFormat::factored;
    // The dtype exportCompressed picks: the option, else that of the first compressed projection by name.
    std::string first;
    for (int l = 0; l < source.config().num_hidden_layers; ++l)
        for (MatrixType t : plan.types) {
            const std::string n = tensor_name::projection(l, t);
            if (first.empty() || n < first) first = n;
        }
    DType dtype = DType::F32;
    if (factored && !options.dtype.empty())
        dtype = parseDType(options.dtype);
    else if (!first.empty())
        dtype = source.checkpoint().tensor(first).dtype;
    ExportRounding out;
    out.product = !factored;
    if (dtype == DType::F16) out.dtype = "float16";
    if (dtype == DType::BF16) out.dtype = "bfloat16";
    return out;
}

void exportCompressed(const LlamaModel& source, const CompressedModel& compressed, const std::string& out_dir,
                      const ExportOptions& options, const ProgressFn& progress) {
    if (!compressed.tensors) throw Error("nothing to export: the compression holds no tensors");
    c10::InferenceMode guard;
    const Checkpoint& ckpt = source.checkpoint();
    // (layer, type) -> (group, position in group)
    std::map<std::pair<int, MatrixType>, std::pair<const CompressedGroup*, std::size_t>> where;
    for (const CompressedGroup& g : compressed.tensors->groups)
        for (std::size_t i = 0; i < g.layout.layers.size(); ++i) where[{g.layout.layers[i], g.layout.type}] = {&g, i};
    std::map<std::string, std::pair<const CompressedGroup*, std::size_t>> by_tensor;
    for (const auto& [key, value] : where) by_tensor[tensor_name::projection(key.first, key.second)] = value;

    const bool factored = options.format == ExportFormat::factored;
    DType factor_dtype = DType::F32;
    if (!options.dtype.empty())
        factor_dtype = parseDType(options.dtype);
    else if (!by_tensor.empty())
        factor_dtype = ckpt.tensor(by_tensor.begin()->first).dtype;

    std::vector<TensorToWrite> tensors;
    for (const std::string& tensor : ckpt.names()) {
        const TensorInfo& info = ckpt.tensor(tensor);
        const auto it = by_tensor.find(tensor);
        if (it == by_tensor.end()) {
            tensors.push_back(copyOf(info));
            continue;
        }
        if (factored) continue;
        // weight_hat = (B C_l)^T, (d_out, d_in), computed in float64 when the file is written.
        const at::Tensor B = it->second.first->basis;
        const at::Tensor C = it->second.first->coefficients[it->second.second];
        TensorToWrite t;
        t.name = tensor;
        t.dtype = info.dtype;
        t.shape = info.shape;
        t.fill = [B, C, dtype = info.dtype](std::byte* out) {
            tensorToWrite("", at::matmul(B.to(at::kDouble), C.to(at::kDouble)).t(), dtype).fill(out);
        };
        tensors.push_back(std::move(t));
    }
    nlohmann::json groups = nlohmann::json::array();
    if (factored)
        for (const CompressedGroup& g : compressed.tensors->groups) {
            tensors.push_back(tensorToWrite(basisName(g.layout), g.basis, factor_dtype));
            std::vector<std::string> coefficient_names;
            for (std::size_t i = 0; i < g.layout.layers.size(); ++i) {
                coefficient_names.push_back(coefficientName(g.layout.layers[i], g.layout.type));
                tensors.push_back(tensorToWrite(coefficient_names.back(), g.coefficients[i], factor_dtype));
            }
            groups.push_back({{"type", name(g.layout.type)},
                              {"index", g.layout.index},
                              {"layers", g.layout.layers},
                              {"rank", g.layout.rank},
                              {"basis", basisName(g.layout)},
                              {"coefficients", coefficient_names}});
        }

    AtomicFolder folder(out_dir, options.overwrite);
    for (const std::string& file : modelSideFiles()) {
        const fs::path from = fs::path(source.dir()) / file;
        std::error_code ec;
        if (fs::exists(from) && !fs::copy_file(from, fs::path(folder.path()) / file, ec))
            throw Error("cannot copy '" + from.string() + "': " + ec.message());
    }
    ProgressReporter reporter(progress, "export", std::int64_t(tensors.size()));
    reporter.report(0);
    std::map<std::string, std::string> metadata{{"format", "pt"}};
    if (factored) metadata["basislab"] = "factored-v1";
    writeCheckpoint(folder.path(), tensors, options.shard_bytes, metadata,
                    [&](std::size_t i) { reporter.report(std::int64_t(i) + 1); });
    if (factored) {
        const ModelIdentity id = modelIdentity(source.dir(), source.config(), ckpt);
        const nlohmann::json description{
            {"format", "basislab-factored"},
            {"format_version", 1},
            {"layout",
             "basis (d_in x k), coefficient (k x d_out): y = (x basis) coefficient, weight = (basis "
             "coefficient)^T"},
            {"dtype", name(factor_dtype)},
            {"source_model",
             {{"path", id.path}, {"config_sha256", id.config_sha256}, {"weights_fingerprint", id.weights_fingerprint}}},
            {"groups", groups},
            {"report", nlohmann::json::parse(compressed.report.toJson(-1))}};
        writeFileAtomically(folder.path() + "/" + kCompressionFile, description.dump(2) + "\n");
    }
    folder.commit();
}

}  // namespace basislab
