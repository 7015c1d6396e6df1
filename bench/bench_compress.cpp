// Compression timings for a model, calibration and plan you pass: a full compression (all groups,
// all types) and one reconstruction-error recomputation on the fast path (the GUI's live preview):
// cold (factorizations + error curves of every group) and warm (a ratio change: lookups only).
// With --update deviated|compensate, also the streamed update's time and the peak resident set of
// one compression above the resident set before it (VmHWM reset through /proc/self/clear_refs), the
// number the update's "memory does not grow with layers" claim is checked with (README, Updates):
// the groups are factorized first, then the peak is reset and the update alone runs.
//
//   bench_compress --model DIR (--calib FILE | --calib-text FILE [--calib-windows 32] [--calib-seq-len 256])
//                  [plan options as for `basislab-cli compress`] [--repeats 3] [--device cpu] [--dtype float32]
#include "args.h"
#include "bench_common.h"
#include "common.h"
#include "compress_args.h"

#include "base/error.h"
#include "calib/calibrator.h"
#include "calib/store.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "compress/preview.h"
#include "compress/update.h"
#include "model/fingerprint.h"
#include "model/llama_model.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

using namespace basislab;

namespace {

using bench::procStatusMiB;

double seconds(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// Resets VmHWM to the current resident set (Linux >= 4.0); false where it cannot.
bool resetPeakResidentSet() {
    std::ofstream out("/proc/self/clear_refs");
    out << "5";
    return bool(out.flush());
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), cli::planFlagNames(),
            cli::merge(cli::merge({"model", "calib", "calib-text", "calib-windows", "calib-seq-len", "repeats"},
                                  cli::planOptionNames()),
                       cli::computeOptionNames()));
        const CompressionPlan plan = cli::planFromArgs(args, false);
        const CompressOptions options = cli::compressOptionsFromArgs(args);
        ModelOptions mo;
        mo.compute = cli::computeOptions(args);
        const auto model = LlamaModel::open(args.require("model"), mo);
        const int repeats = int(args.getInt("repeats", 3));
        bench::printEnvironment(mo.compute.device, mo.compute.dtype);
        std::shared_ptr<const Calibration> calibration;
        auto t = std::chrono::steady_clock::now();
        if (args.has("calib")) {
            const ModelIdentity id = modelIdentity(model->dir(), model->config(), model->checkpoint());
            calibration = openCalibration(args.require("calib"), &id);
            std::printf("calibration: %s (opened in %.2f s)\n", args.require("calib").c_str(), seconds(t));
        } else {
            CalibrationOptions co;
            co.text_path = args.require("calib-text");
            co.windows = int(args.getInt("calib-windows", 32));
            co.seq_len = int(args.getInt("calib-seq-len", 256));
            calibration = calibrate(*model, co);
            std::printf("calibration: %d windows x %d tokens of %s, in process, %.2f s\n", co.windows, co.seq_len,
                        co.text_path.c_str(), seconds(t));
        }
        std::printf("model: %s; plan: %s; solver %s\n", model->dir().c_str(), plan.describe().c_str(),
                    name(options.solver));

        double best = 1e300;
        std::size_t groups = 0;
        for (int r = 0; r < repeats; ++r) {
            t = std::chrono::steady_clock::now();
            const CompressedModel c = compress(*model, *calibration, plan, options);
            best = std::min(best, seconds(t));
            groups = c.report.groups.size();
            if (r == 0)
                std::printf("  achieved ratio %.4f (model %.4f)\n", c.report.achieved_ratio,
                            c.report.achieved_ratio_model);
        }
        std::printf("full compression: %zu groups, best of %d: %.3f s\n", groups, repeats, best);
        if (plan.streamsUpdate()) {
            // The update alone: factorize first (no update), then measure the streamed update.
            CompressionPlan factor_only = plan;
            factor_only.setUpdate(UpdateKind::none);
            const CompressedModel c = compress(*model, *calibration, factor_only, options);
            CompressedTensors tensors = *c.tensors;
            std::vector<LayerReport> layers = c.report.layers;
            const at::Tensor ids =
                reproduceCalibrationWindows(*model, calibration->summary().settings, options.calibration_text);
            const bool reset = resetPeakResidentSet();
            const double before = procStatusMiB("VmRSS");
            t = std::chrono::steady_clock::now();
            updateCoefficients(*model, ids, plan.update, tensors, layers);
            const double update_seconds = seconds(t);
            const double peak = procStatusMiB("VmHWM");
            std::printf(
                "update %s: %.3f s; %d layers, %lld windows x %lld tokens; peak RSS %.1f MiB, %.1f MiB "
                "above the %.1f MiB before the update%s\n",
                name(plan.update), update_seconds, model->config().num_hidden_layers, (long long)ids.size(0),
                (long long)ids.size(1), peak, peak - before, before,
                reset ? "" : " (VmHWM could not be reset: the peak may be older)");
        }

        double cold = 1e300, warm = 1e300;
        for (int r = 0; r < repeats; ++r) {
            ErrorPreview preview(model, calibration, options);
            t = std::chrono::steady_clock::now();
            preview.evaluate(plan);
            cold = std::min(cold, seconds(t));
            CompressionPlan other = plan;
            other.ratio = plan.ratio >= 0.5 ? plan.ratio - 0.2 : plan.ratio + 0.2;
            t = std::chrono::steady_clock::now();
            preview.evaluate(other);
            warm = std::min(warm, seconds(t));
        }
        std::printf(
            "error recomputation (fast path): cold %.3f s (factorizations + curves of every group), "
            "warm %.6f s (ratio change: lookups%s)\n",
            cold, warm, plan.refit ? ", plus refits at the new rank" : "");
        return 0;
    } catch (...) {
        return bench::exitStatusOfCurrentException("bench_compress");
    }
}
