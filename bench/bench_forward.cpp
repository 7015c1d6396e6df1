// Forward-pass throughput: tokens/s of the layer-streamed forward + lm_head over N windows of W
// tokens (the perplexity path), for a model and window you pass.
//
//   bench_forward --model DIR [--window 256] [--windows 16] [--repeats 3] [--device cpu] [--dtype float32]
#include "args.h"
#include "bench_common.h"
#include "common.h"

#include "base/error.h"
#include "eval/perplexity.h"
#include "model/layer_runner.h"

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

using namespace basislab;

int main(int argc, char** argv) {
    try {
        const cli::Args args(std::vector<std::string>(argv + 1, argv + argc), {},
                             cli::merge({"model", "window", "windows", "repeats"}, cli::computeOptionNames()));
        ModelOptions mo;
        mo.compute = cli::computeOptions(args);
        const auto t0 = std::chrono::steady_clock::now();
        const auto model = LlamaModel::open(args.require("model"), mo);
        const double open_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const int W = int(args.getInt("window", 256));
        const int N = int(args.getInt("windows", 16));
        const int repeats = int(args.getInt("repeats", 3));
        bench::printEnvironment(mo.compute.device, mo.compute.dtype);
        std::printf("model: %s (%s), opened in %.2f s\n", args.require("model").c_str(),
                    model->resident() ? "resident" : "streamed", open_s);

        c10::InferenceMode guard;
        const at::Tensor ids = at::randint(model->config().vocab_size, {N, W}, at::TensorOptions().dtype(at::kLong));
        double best = 1e300;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            at::Tensor h = model->embed(ids);
            runLayers(*model, h, {});
            const at::Tensor logits = model->head(h.narrow(0, 0, 1));  // lm_head on one window, as a check
            (void)logits.sum().item<double>();
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            best = std::min(best, s);
            std::printf("  run %d: %.3f s, %.0f tokens/s\n", r + 1, s, double(N) * W / s);
        }
        std::printf("forward: %d windows x %d tokens, best %.3f s = %.0f tokens/s\n", N, W, best, double(N) * W / best);
        return 0;
    } catch (...) {
        return bench::exitStatusOfCurrentException("bench_forward");
    }
}
