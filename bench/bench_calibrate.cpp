// Calibration throughput and memory: tokens/s of the Gram pass (and the Fisher pass with
// --fisher) and the peak memory, for a model, window count and window length you pass.
//
//   bench_calibrate --model DIR [--windows 16] [--seq-len 256] [--text FILE] [--path streamed|whole-model]
//                   [--micro-batch B] [--fisher] [--repeats 1] [--device cpu] [--dtype float32]
//
// Without --text the windows are seeded random token ids (BOS first). Peak memory is the process's
// peak resident set (VmHWM). On CUDA it also prints the device memory in use after the run
// (cudaMemGetInfo, found at run time): LibTorch's caching allocator keeps what it reserved, so that
// is the peak reserved plus the CUDA context.
#include "args.h"
#include "bench_common.h"
#include "common.h"

#include "base/error.h"
#include "calib/calibrator.h"

#include <dlfcn.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

using namespace basislab;

namespace {

using bench::procStatusMiB;

/// Device memory in use (total - free) in MiB through the CUDA runtime, -1 when it is not loaded.
double cudaUsedMiB() {
    using MemGetInfo = int (*)(std::size_t*, std::size_t*);
    auto fn = reinterpret_cast<MemGetInfo>(::dlsym(RTLD_DEFAULT, "cudaMemGetInfo"));
    std::size_t free_bytes = 0, total_bytes = 0;
    if (!fn || fn(&free_bytes, &total_bytes) != 0) return -1;
    return double(total_bytes - free_bytes) / (1024.0 * 1024.0);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cli::Args args(std::vector<std::string>(argv + 1, argv + argc), {"fisher"},
                             cli::merge({"model", "windows", "seq-len", "text", "path", "micro-batch", "repeats"},
                                        cli::computeOptionNames()));
        ModelOptions mo;
        mo.compute = cli::computeOptions(args);
        const auto model = LlamaModel::open(args.require("model"), mo);
        CalibrationOptions co;
        co.windows = int(args.getInt("windows", 16));
        co.seq_len = int(args.getInt("seq-len", 256));
        co.fisher = args.flag("fisher");
        co.micro_batch = args.getInt("micro-batch", 0);
        const std::string path = args.get("path", "streamed");
        if (path != "streamed" && path != "whole-model") throw Error("--path must be streamed or whole-model");
        co.path = path == "streamed" ? CalibrationOptions::Path::Streamed : CalibrationOptions::Path::WholeModel;
        const int repeats = int(args.getInt("repeats", 1));
        bench::printEnvironment(mo.compute.device, mo.compute.dtype);
        std::printf("model: %s (%s), %s path, %d windows x %d tokens%s\n", args.require("model").c_str(),
                    model->resident() ? "resident" : "streamed", path.c_str(), co.windows, co.seq_len,
                    co.fisher ? ", with Fisher" : "");

        at::Tensor ids;
        if (args.has("text")) {
            co.text_path = args.require("text");
        } else {
            at::manual_seed(0);
            ids =
                at::randint(model->config().vocab_size, {co.windows, co.seq_len}, at::TensorOptions().dtype(at::kLong));
            ids.select(1, 0).fill_(model->config().bos_token_id);
        }
        const double rss_before = procStatusMiB("VmRSS");
        double best = 1e300;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            const auto calibration = ids.defined() ? calibrateWindows(*model, ids, co) : calibrate(*model, co);
            const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            best = std::min(best, s);
            std::printf("  run %d: %.3f s, %.0f tokens/s\n", r + 1, s, double(co.windows) * co.seq_len / s);
        }
        std::printf("calibrate: %d windows x %d tokens, best %.3f s = %.0f tokens/s\n", co.windows, co.seq_len, best,
                    double(co.windows) * co.seq_len / best);
        std::printf("memory: peak RSS %.1f MiB (RSS %.1f MiB before calibrating)\n", procStatusMiB("VmHWM"),
                    rss_before);
        if (model->device().is_cuda()) {
            const double used = cudaUsedMiB();
            if (used >= 0)
                std::printf("device memory in use after the run: %.1f MiB (LibTorch's cached peak + CUDA context)\n",
                            used);
            else
                std::printf("device memory: cudaMemGetInfo not found in this process; not reported\n");
        }
        return 0;
    } catch (...) {
        return bench::exitStatusOfCurrentException("bench_calibrate");
    }
}
