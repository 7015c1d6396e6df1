// Writes a random-weight Llama folder of a chosen size for benchmarks (not a trained model: its
// perplexities mean nothing, its shapes and timings do). Copies a tokenizer from --tokenizer-from so
// calibration and evaluation can read text; vocab_size is taken from that tokenizer's model folder.
//
//   make_random_llama --out DIR --hidden 1024 --intermediate 2752 --layers 8 --heads 16 [--kv-heads 16]
//                     [--tokenizer-from resources/demo/stories260k] [--seed 1]
#include "args.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "model/checkpoint_writer.h"
#include "model/config.h"
#include "model/tensor_bytes.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

using namespace basislab;

int main(int argc, char** argv) {
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), {},
            {"out", "hidden", "intermediate", "layers", "heads", "kv-heads", "tokenizer-from", "seed"});
        const std::string out = args.require("out");
        const std::string from = args.get("tokenizer-from", "resources/demo/stories260k");
        const LlamaConfig src = LlamaConfig::load(from + "/config.json");
        LlamaConfig c;
        c.hidden_size = int(args.requireInt("hidden"));
        c.intermediate_size = int(args.requireInt("intermediate"));
        c.num_hidden_layers = int(args.requireInt("layers"));
        c.num_attention_heads = int(args.requireInt("heads"));
        c.num_key_value_heads = int(args.getInt("kv-heads", c.num_attention_heads));
        c.head_dim = c.hidden_size / c.num_attention_heads;
        c.vocab_size = src.vocab_size;
        std::filesystem::create_directories(out);
        char config[1024];
        std::snprintf(config, sizeof config,
                      "{\"architectures\": [\"LlamaForCausalLM\"], \"model_type\": \"llama\", \"hidden_size\": %d, "
                      "\"intermediate_size\": %d, \"num_hidden_layers\": %d, \"num_attention_heads\": %d, "
                      "\"num_key_value_heads\": %d, \"vocab_size\": %d, \"max_position_embeddings\": 2048, "
                      "\"rms_norm_eps\": 1e-05, \"rope_theta\": 10000.0, \"hidden_act\": \"silu\", "
                      "\"tie_word_embeddings\": false, \"bos_token_id\": 1, \"eos_token_id\": 2, "
                      "\"torch_dtype\": \"float32\"}\n",
                      c.hidden_size, c.intermediate_size, c.num_hidden_layers, c.num_attention_heads,
                      c.num_key_value_heads, c.vocab_size);
        writeFileAtomically(out + "/config.json", config);
        std::filesystem::copy_file(from + "/tokenizer.model", out + "/tokenizer.model",
                                   std::filesystem::copy_options::overwrite_existing);
        std::uint64_t seed = std::uint64_t(args.getInt("seed", 1));
        const auto opts = at::TensorOptions().dtype(at::kFloat);
        std::vector<TensorToWrite> tensors;
        auto add = [&](const std::string& name, at::Tensor t) {
            tensors.push_back(tensorToWrite(name, t, DType::F32));
        };
        auto randn = [&](std::vector<std::int64_t> shape) {
            return at::randn(shape, at::detail::createCPUGenerator(++seed), opts);
        };
        add(tensor_name::embedTokens(), randn({c.vocab_size, c.hidden_size}));
        for (int l = 0; l < c.num_hidden_layers; ++l) {
            add(tensor_name::inputNorm(l), 1 + 0.1 * randn({c.hidden_size}));
            add(tensor_name::postAttentionNorm(l), 1 + 0.1 * randn({c.hidden_size}));
            for (MatrixType t : kMatrixTypes)
                add(tensor_name::projection(l, t), randn({c.dOut(t), c.dIn(t)}) / std::sqrt(double(c.dIn(t))));
        }
        add(tensor_name::finalNorm(), 1 + 0.1 * randn({c.hidden_size}));
        add(tensor_name::lmHead(), randn({c.vocab_size, c.hidden_size}) / std::sqrt(double(c.hidden_size)));
        writeCheckpoint(out, tensors, std::size_t(5) << 30, {{"format", "pt"}});
        std::printf("wrote a random Llama (%d layers, hidden %d, intermediate %d) to %s\n", c.num_hidden_layers,
                    c.hidden_size, c.intermediate_size, out.c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_random_llama: error: %s\n", e.what());
        return 1;
    }
}
