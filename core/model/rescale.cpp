#include "rescale.h"

#include "../base/atomic_file.h"
#include "../base/atomic_folder.h"
#include "../base/error.h"
#include "checkpoint_writer.h"
#include "config.h"
#include "tensor_bytes.h"

#include <ATen/CPUGeneratorImpl.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <map>

namespace basislab {

InputRescaling randomRescaling(int layers, std::uint64_t seed, double max_factor) {
    if (!(max_factor >= 1)) throw Error("--max-factor must be at least 1");
    const at::Generator gen = at::detail::createCPUGenerator(seed);
    const double span = std::log(max_factor);
    const at::Tensor u = at::rand({2, layers}, gen, at::TensorOptions().dtype(at::kDouble));  // [0, 1)
    const at::Tensor c = at::exp((2 * u - 1) * span).contiguous();
    InputRescaling r;
    const double* p = c.data_ptr<double>();
    r.attn.assign(p, p + layers);
    r.mlp.assign(p + layers, p + 2 * layers);
    return r;
}

void writeRescaledTwin(const std::string& source_dir, const InputRescaling& scales, const std::string& out_dir,
                       bool overwrite, const ProgressFn& progress) {
    const LlamaConfig config = LlamaConfig::load(source_dir + "/config.json");
    const int L = config.num_hidden_layers;
    if (int(scales.attn.size()) != L || int(scales.mlp.size()) != L)
        throw Error("--scales: " + std::to_string(scales.attn.size()) + " scales given for a model of " +
                    std::to_string(L) + " layers");
    std::map<std::string, double> factor;  // tensor -> multiplier
    for (int l = 0; l < L; ++l) {
        for (double c : {scales.attn[std::size_t(l)], scales.mlp[std::size_t(l)]})
            if (!(c > 0) || !std::isfinite(c))
                throw Error("--scales: the scale of layer " + std::to_string(l) + " must be positive and finite");
        const double a = scales.attn[std::size_t(l)], m = scales.mlp[std::size_t(l)];
        factor[tensor_name::inputNorm(l)] = a;
        for (MatrixType t : {MatrixType::q, MatrixType::k, MatrixType::v})
            factor[tensor_name::projection(l, t)] = 1 / a;
        factor[tensor_name::postAttentionNorm(l)] = m;
        for (MatrixType t : {MatrixType::gate, MatrixType::up}) factor[tensor_name::projection(l, t)] = 1 / m;
    }
    const auto ckpt = Checkpoint::open(source_dir);
    std::vector<TensorToWrite> tensors;
    for (const std::string& name : ckpt->names()) {
        const TensorInfo& info = ckpt->tensor(name);
        const auto it = factor.find(name);
        if (it == factor.end()) {
            tensors.push_back(copyOf(info));
            continue;
        }
        TensorToWrite t;
        t.name = name;
        t.dtype = info.dtype;
        t.shape = info.shape;
        t.fill = [&info, c = it->second](std::byte* out) {
            tensorToWrite("", tensorOf(info).to(at::kDouble) * c, info.dtype).fill(out);
        };
        tensors.push_back(std::move(t));
    }
    AtomicFolder folder(out_dir, overwrite);
    for (const std::string& file : modelSideFiles()) {
        const auto from = std::filesystem::path(source_dir) / file;
        std::error_code ec;
        if (std::filesystem::exists(from) && !std::filesystem::copy_file(from, folder.path() + "/" + file, ec))
            throw Error("cannot copy '" + from.string() + "': " + ec.message());
    }
    ProgressReporter reporter(progress, "rescale", std::int64_t(tensors.size()));
    writeCheckpoint(folder.path(), tensors, std::size_t(5) << 30, {{"format", "pt"}},
                    [&](std::size_t i) { reporter.report(std::int64_t(i) + 1); });
    const nlohmann::json record{{"source", source_dir},
                                {"attn_scales", scales.attn},
                                {"mlp_scales", scales.mlp},
                                {"rule",
                                 "input_layernorm x c_attn, q/k/v / c_attn; post_attention_layernorm x c_mlp, "
                                 "gate/up / c_mlp"}};
    writeFileAtomically(folder.path() + "/basislab_rescaling.json", record.dump(2) + "\n");
    folder.commit();
}

}  // namespace basislab
