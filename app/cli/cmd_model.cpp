// info, eval, generate: the foundation commands.
#include "commands.h"
#include "common.h"
#include "eval_args.h"

#include "base/error.h"
#include "compress/factored_model.h"
#include "eval/generate.h"
#include "eval/perplexity.h"
#include "model/model_info.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace basislab::cli {

using nlohmann::json;

int runInfo(const Argv& argv) {
    const Args args(argv, {"json"}, {"model"});
    const ModelInfo info = readModelInfo(args.require("model"));
    if (args.flag("json")) {
        json types = json::object();
        for (std::size_t i = 0; i < kMatrixTypes.size(); ++i) types[name(kMatrixTypes[i])] = info.params_per_type[i];
        const LlamaConfig& c = info.config;
        std::cout << json{{"model", info.dir},
                          {"layers", c.num_hidden_layers},
                          {"hidden_size", c.hidden_size},
                          {"intermediate_size", c.intermediate_size},
                          {"num_attention_heads", c.num_attention_heads},
                          {"num_key_value_heads", c.num_key_value_heads},
                          {"head_dim", c.head_dim},
                          {"vocab_size", c.vocab_size},
                          {"tie_word_embeddings", c.tie_word_embeddings},
                          {"params_per_type", types},
                          {"total_params", info.total_params},
                          {"storage_dtype", info.storage_dtype},
                          {"storage_bytes", info.storage_bytes}}
                         .dump(2)
                  << "\n";
    } else {
        std::cout << info.describe();
    }
    return 0;
}

int runEval(const Argv& argv) {
    const Args args(argv, {"json", "quiet"},
                    merge(merge({"model", "text"}, perplexityOptionNames()), computeOptionNames()));
    const PerplexityOptions po = perplexityOptionsFromArgs(args);
    ModelOptions mo;
    mo.compute = computeOptions(args);
    // Windows run layer-major in waves of up to 1 GiB of hidden states, so each layer's weights are
    // read once per wave: streaming them costs little and keeps the peak independent of the layers.
    if (mo.compute.device == "cpu") mo.residency = Residency::Stream;
    const auto model = openModelFolder(args.require("model"), mo);  // dense, or a factored export
    const PerplexityResult r = perplexityOfFile(*model, args.require("text"), po, stderrProgress(args.flag("quiet")));
    if (args.flag("json")) {
        std::cout << json{{"ppl", r.ppl},
                          {"protocol", name(r.protocol)},
                          {"nll", r.nll},
                          {"mean_nll", r.nll / double(r.scored_tokens)},
                          {"scored_tokens", r.scored_tokens},
                          {"windows", r.windows},
                          {"window", po.window},
                          {"text_tokens", r.text_tokens},
                          {"seconds", r.seconds},
                          {"tokens_per_second", r.tokens_per_second},
                          {"device", mo.compute.device},
                          {"dtype", mo.compute.dtype}}
                         .dump(2)
                  << "\n";
    } else {
        std::printf("perplexity %.6f  (protocol %s, %lld windows of %d, %lld scored tokens, mean NLL %.6f)\n", r.ppl,
                    name(r.protocol), (long long)r.windows, po.window, (long long)r.scored_tokens,
                    r.nll / double(r.scored_tokens));
        std::printf("%.2f s, %.0f tokens/s on %s (%s)\n", r.seconds, r.tokens_per_second, mo.compute.device.c_str(),
                    mo.compute.dtype.c_str());
    }
    return 0;
}

int runGenerate(const Argv& argv) {
    const Args args(argv, {"json", "quiet"}, merge({"model", "prompt", "max-tokens"}, computeOptionNames()));
    ModelOptions mo;
    mo.compute = computeOptions(args);
    const auto model = LlamaModel::open(args.require("model"), mo);
    const int max_tokens = int(args.getInt("max-tokens", 64));
    const GenerateResult r = generateGreedy(*model, args.require("prompt"), max_tokens, stderrProgress(true));
    if (args.flag("json")) {
        std::cout << json{{"text", r.text}, {"prompt_ids", r.prompt_ids}, {"generated_ids", r.generated_ids}}.dump(2)
                  << "\n";
    } else {
        std::cout << r.text << "\n";
    }
    return 0;
}

}  // namespace basislab::cli
