#include "compress_helpers.h"

#include "model/llama_forward.h"
#include "model/safetensors_writer.h"
#include "model/tensor_bytes.h"

#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>

namespace basislab::test {
namespace {

at::Generator generator(std::uint64_t seed) {
    return at::detail::createCPUGenerator(seed);
}

Eigen::VectorXd toEigen(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kCPU, at::kDouble).contiguous();
    Eigen::VectorXd v(c.numel());
    std::memcpy(v.data(), c.data_ptr<double>(), std::size_t(c.numel()) * sizeof(double));
    return v;
}

}  // namespace

at::Tensor randomMatrix(std::int64_t rows, std::int64_t cols, std::uint64_t seed) {
    return at::randn({rows, cols}, generator(seed), at::TensorOptions().dtype(at::kDouble));
}

at::Tensor randomInputs(std::int64_t tokens, std::int64_t d, std::uint64_t seed, double spread) {
    const at::Tensor scales = at::pow(10.0, at::linspace(0, spread, d, at::TensorOptions().dtype(at::kDouble)));
    return randomMatrix(tokens, d, seed) * scales.unsqueeze(0);
}

at::Tensor gramOf(const at::Tensor& X) {
    return at::matmul(X.t(), X);
}

SiteStatistics statisticsOf(int layer, Site site, const at::Tensor& G, std::int64_t tokens, const at::Tensor& X) {
    SiteStatistics s;
    s.layer = layer;
    s.site = site;
    s.tokens = tokens;
    s.width = G.size(0);
    s.trace = G.diagonal().sum().item<double>();
    s.fro = G.norm().item<double>();
    const at::Tensor eig = at::linalg_eigvalsh(G, "L").flip({0});
    s.max_eig = eig[0].item<double>();
    s.eigenvalues = toEigen(eig);
    s.mean_sq_norm = tokens ? s.trace / double(tokens) : 0;
    s.mean_sq = toEigen(G.diagonal() / double(std::max<std::int64_t>(tokens, 1)));
    s.mean_abs = X.defined() ? toEigen(X.abs().mean(0)) : toEigen(G.diagonal().sqrt() / std::sqrt(double(tokens)));
    return s;
}

std::shared_ptr<InMemoryCalibration> calibrateInTest(const LlamaModel& model, const at::Tensor& ids,
                                                     std::uint64_t fisher_seed) {
    c10::InferenceMode guard;
    const LlamaConfig& c = model.config();
    const int L = c.num_hidden_layers;
    std::map<std::pair<int, Site>, at::Tensor> grams;
    std::map<std::pair<int, Site>, at::Tensor> abs_sums;
    const auto observe = [&](int layer, Site site, const at::Tensor& x) {
        const at::Tensor X = x.reshape({-1, x.size(-1)}).to(at::kCPU, at::kDouble);  // (tokens, d_in)
        auto& G = grams[{layer, site}];
        auto& A = abs_sums[{layer, site}];
        G = G.defined() ? G + gramOf(X) : gramOf(X);
        A = A.defined() ? A + X.abs().sum(0) : X.abs().sum(0);
    };
    forward(model, ids, observe);
    const std::int64_t tokens = ids.numel();
    CalibrationSummary summary;
    summary.layers = L;
    summary.tokens = tokens;
    summary.settings.windows = int(ids.size(0));
    summary.settings.seq_len = int(ids.size(1));
    summary.settings.fisher = fisher_seed != 0;
    for (int l = 0; l < L; ++l)
        for (Site s : kSites) {
            SiteStatistics st = statisticsOf(l, s, grams[{l, s}], tokens);
            st.mean_abs = toEigen(abs_sums[{l, s}] / double(tokens));
            summary.sites.push_back(st);
        }
    std::map<std::pair<int, MatrixType>, at::Tensor> fisher;
    if (fisher_seed)
        for (int l = 0; l < L; ++l)
            for (MatrixType t : kMatrixTypes)
                fisher[{l, t}] =
                    (at::rand({c.dOut(t), c.dIn(t)}, generator(fisher_seed + std::uint64_t(l * 7) + std::uint64_t(t)),
                              at::TensorOptions().dtype(at::kFloat)) +
                     0.01)
                        .square();
    return std::make_shared<InMemoryCalibration>(summary, grams, fisher);
}

void writeTinyLlama(const std::string& dir, std::uint64_t seed, int layers) {
    const int hidden = 32, intermediate = 48, heads = 4, kv_heads = 2, vocab = 64;
    std::filesystem::create_directories(dir);
    std::ofstream(dir + "/config.json")
        << "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", \"hidden_size\": " << hidden
        << ", \"intermediate_size\": " << intermediate << ", \"num_hidden_layers\": " << layers
        << ", \"num_attention_heads\": " << heads << ", \"num_key_value_heads\": " << kv_heads
        << ", \"vocab_size\": " << vocab
        << ", \"max_position_embeddings\": 128, \"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0, "
           "\"hidden_act\": \"silu\", \"tie_word_embeddings\": false, \"bos_token_id\": 1, \"eos_token_id\": 2, "
           "\"torch_dtype\": \"float32\"}\n";
    LlamaConfig c;
    c.hidden_size = hidden;
    c.intermediate_size = intermediate;
    c.num_attention_heads = heads;
    c.num_key_value_heads = kv_heads;
    c.head_dim = hidden / heads;
    std::vector<TensorToWrite> tensors;
    std::uint64_t s = seed;
    const auto opts = at::TensorOptions().dtype(at::kFloat);
    auto add = [&](const std::string& name, const at::Tensor& t) {
        tensors.push_back(tensorToWrite(name, t, DType::F32));
    };
    add(tensor_name::embedTokens(), at::randn({vocab, hidden}, generator(++s), opts));
    for (int l = 0; l < layers; ++l) {
        add(tensor_name::inputNorm(l), 1 + 0.1 * at::randn({hidden}, generator(++s), opts));
        add(tensor_name::postAttentionNorm(l), 1 + 0.1 * at::randn({hidden}, generator(++s), opts));
        for (MatrixType t : kMatrixTypes)
            add(tensor_name::projection(l, t),
                at::randn({c.dOut(t), c.dIn(t)}, generator(++s), opts) / std::sqrt(double(c.dIn(t))));
    }
    add(tensor_name::finalNorm(), 1 + 0.1 * at::randn({hidden}, generator(++s), opts));
    add(tensor_name::lmHead(), at::randn({vocab, hidden}, generator(++s), opts) / std::sqrt(double(hidden)));
    writeSafetensors(dir + "/model.safetensors", tensors);
}

TempDir::TempDir() {
    std::random_device rd;
    path_ = (std::filesystem::temp_directory_path() / ("basislab-test-" + std::to_string(rd()))).string();
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace basislab::test
