#include "factored_model.h"

#include "../base/atomic_file.h"
#include "../base/error.h"
#include "../base/torch_compute.h"
#include "../model/tensor_bytes.h"
#include "export.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace basislab {

bool isFactoredFolder(const std::string& dir) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::path(dir) / kCompressionFile, ec);
}

std::shared_ptr<LlamaModel> openFactored(const std::string& dir, const ModelOptions& options) {
    const std::string file = dir + "/" + kCompressionFile;
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(readFileBytes(file));
    } catch (const nlohmann::json::exception& e) {
        throw Error("'" + file + "' is not valid JSON (" + e.what() + ")");
    }
    if (j.value("format", "") != "basislab-factored" || j.value("format_version", 0) != 1)
        throw Error("'" + file + "' is not a BasisLab factored description of format version 1");
    validate(options.compute);
    const at::Device device = toDevice(options.compute.device);
    const at::ScalarType dtype = toDtype(options.compute.dtype);
    const auto ckpt = Checkpoint::open(dir);
    auto factored = std::make_shared<ProjectionOverrides>();
    try {
        for (const auto& g : j.at("groups")) {
            const std::string type_name = g.at("type").get<std::string>();
            const auto type = parseMatrixType(type_name);
            if (!type) throw Error("'" + file + "': unknown matrix type '" + type_name + "'");
            const at::Tensor B = tensorOf(ckpt->tensor(g.at("basis").get<std::string>())).to(device, dtype);
            const auto layers = g.at("layers").get<std::vector<int>>();
            const auto coefficients = g.at("coefficients").get<std::vector<std::string>>();
            if (layers.size() != coefficients.size())
                throw Error("'" + file + "': group " + g.at("basis").get<std::string>() +
                            " lists a different number of layers and coefficients");
            for (std::size_t i = 0; i < layers.size(); ++i) {
                Projection p;
                p.basis = B;
                p.coefficient = tensorOf(ckpt->tensor(coefficients[i])).to(device, dtype);
                (*factored)[{layers[i], *type}] = p;
            }
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error("'" + file + "': " + e.what());
    }
    ModelOptions o = options;
    o.factored = factored;
    return LlamaModel::open(dir, o);
}

std::shared_ptr<LlamaModel> openModelFolder(const std::string& dir, const ModelOptions& options) {
    return isFactoredFolder(dir) ? openFactored(dir, options) : LlamaModel::open(dir, options);
}

}  // namespace basislab
