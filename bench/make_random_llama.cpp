// Writes a random-weight Llama folder of a chosen size for benchmarks (not a trained model: its
// perplexities mean nothing, its shapes and timings do). Copies a tokenizer from --tokenizer-from so
// calibration and evaluation can read text; vocab_size is taken from that tokenizer's model folder.
// Tensors are generated one at a time while the file is written (streamed), so the checkpoint may be
// larger than memory: a 32-layer Llama2-7B-shaped one (hidden 4096, intermediate 11008, 32 heads,
// bfloat16, 13.5 GB) is written with about one tensor's worth of memory (README, "7B").
//
//   make_random_llama --out DIR --hidden 1024 --intermediate 2752 --layers 8 --heads 16 [--kv-heads 16]
//                     [--dtype float32|bfloat16|float16] [--tokenizer-from resources/demo/stories260k] [--seed 1]
#include "args.h"
#include "bench_common.h"

#include "base/atomic_file.h"
#include "base/error.h"
#include "model/checkpoint_writer.h"
#include "model/config.h"
#include "model/tensor_bytes.h"

#include <ATen/CPUGeneratorImpl.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>

using namespace basislab;

int main(int argc, char** argv) {
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), {},
            {"out", "hidden", "intermediate", "layers", "heads", "kv-heads", "tokenizer-from", "seed", "dtype"});
        const std::string dtype_name = args.get("dtype", "float32");
        const std::map<std::string, DType> dtypes{
            {"float32", DType::F32}, {"bfloat16", DType::BF16}, {"float16", DType::F16}};
        if (!dtypes.count(dtype_name))
            throw Error("--dtype must be float32, bfloat16 or float16, got '" + dtype_name + "'");
        const DType dtype = dtypes.at(dtype_name);
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
                      "\"torch_dtype\": \"%s\"}\n",
                      c.hidden_size, c.intermediate_size, c.num_hidden_layers, c.num_attention_heads,
                      c.num_key_value_heads, c.vocab_size, dtype_name.c_str());
        writeFileAtomically(out + "/config.json", config);
        std::filesystem::copy_file(from + "/tokenizer.model", out + "/tokenizer.model",
                                   std::filesystem::copy_options::overwrite_existing);
        std::uint64_t seed = std::uint64_t(args.getInt("seed", 1));
        const auto opts = at::TensorOptions().dtype(at::kFloat);
        // Each tensor is described now and generated (float32 normal values from its own seed, then
        // rounded to the dtype) only when the writer reaches it: value = offset + N(0, 1) * scale / divisor
        // (float32 values identical to those of the earlier all-in-memory writer).
        std::vector<TensorToWrite> tensors;
        auto add = [&](const std::string& name, std::vector<std::int64_t> shape, double offset, double scale,
                       double divisor) {
            TensorToWrite w;
            w.name = name;
            w.dtype = dtype;
            w.shape = shape;
            w.fill = [shape, offset, scale, divisor, dtype, s = ++seed, opts](std::byte* dst) {
                at::Tensor t = at::randn(shape, at::detail::createCPUGenerator(s), opts);
                if (scale != 1) t.mul_(scale);
                if (divisor != 1) t.div_(divisor);
                if (offset != 0) t.add_(offset);
                const at::Tensor rounded = t.to(scalarTypeOf(dtype)).contiguous();
                if (rounded.numel() > 0)
                    std::memcpy(dst, rounded.data_ptr(), std::size_t(rounded.numel()) * rounded.element_size());
            };
            tensors.push_back(std::move(w));
        };
        add(tensor_name::embedTokens(), {c.vocab_size, c.hidden_size}, 0, 1, 1);
        for (int l = 0; l < c.num_hidden_layers; ++l) {
            add(tensor_name::inputNorm(l), {c.hidden_size}, 1, 0.1, 1);
            add(tensor_name::postAttentionNorm(l), {c.hidden_size}, 1, 0.1, 1);
            for (MatrixType t : kMatrixTypes)
                add(tensor_name::projection(l, t), {c.dOut(t), c.dIn(t)}, 0, 1, std::sqrt(double(c.dIn(t))));
        }
        add(tensor_name::finalNorm(), {c.hidden_size}, 1, 0.1, 1);
        add(tensor_name::lmHead(), {c.vocab_size, c.hidden_size}, 0, 1, std::sqrt(double(c.hidden_size)));
        writeCheckpoint(out, tensors, std::size_t(5) << 30, {{"format", "pt"}});
        std::printf("wrote a random Llama (%d layers, hidden %d, intermediate %d, %s) to %s\n", c.num_hidden_layers,
                    c.hidden_size, c.intermediate_size, dtype_name.c_str(), out.c_str());
        return 0;
    } catch (...) {
        return bench::exitStatusOfCurrentException("make_random_llama");
    }
}
