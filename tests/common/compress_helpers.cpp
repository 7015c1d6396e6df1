#include "compress_helpers.h"

#include "calib/calibrator.h"
#include "model/safetensors_writer.h"
#include "model/tensor_bytes.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cstring>
#include <filesystem>
#include <fstream>

namespace basislab::test {
namespace {

at::Generator generator(std::uint64_t seed) {
    return at::detail::createCPUGenerator(seed);
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

std::shared_ptr<InMemoryCalibration> calibrateInTest(const LlamaModel& model, const at::Tensor& ids, bool fisher) {
    CalibrationOptions options;
    options.fisher = fisher;
    return calibrateWindows(model, ids, options);
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

}  // namespace basislab::test
