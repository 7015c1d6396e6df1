// The GPU check: correctness of a device against the CPU on the demo model, and speed on a random
// model of Llama2-7B width, printed as ONE table (bench/gpu-check.sh builds and runs it).
//
//   bench_gpu_check --device cuda[:N] --demo DIR --text FILE --random DIR
//                   [--calib-windows-256 64] [--calib-windows-2048 8] [--eval-windows 8]
//                   [--eval-dtype bfloat16] [--target-layers 32] [--target-calib-windows 256]
//                   [--target-eval-tokens 340000]
//
// Correctness (the reference is always the CPU; exit status 1 when a check fails):
//   ppl float32 / float64      perplexity of the demo model, rel. diff <= 1e-5 / 1e-9
//   Grams float64              every Gram of a calibration, max rel. Frobenius diff <= 1e-10
//   float32-waves Grams        on the device, against float64 accumulation there, <= 1e-6
//   basis sharing ppl          a basis-sharing compression (same calibration) evaluated, <= 1e-5
//   streamed weights           ppl with the weights streamed vs resident on the device, <= 1e-6
// Speed (the random model, whatever its layer count): calibration tokens/s at 256- and 2048-token
// windows (float32), compression seconds per group (basis sharing, float64 on the device),
// evaluation tokens/s (--eval-dtype), the peak memory, and the extrapolation to Llama2-7B
// (--target-layers, --target-calib-windows x 2048 calibration tokens, --target-eval-tokens of
// WikiText-2 test in 2048-token windows): each time scaled by target layers / measured layers.
// With --device cpu the "device" is the CPU itself: the differences are 0 and only show that the
// script runs end to end.
#include "args.h"
#include "bench_common.h"
#include "common.h"

#include "base/device_query.h"
#include "base/error.h"
#include "base/torch_compat.h"
#include "base/torch_compute.h"
#include "calib/calibrator.h"
#include "compress/compress.h"
#include "compress/compressed_tensors.h"
#include "eval/perplexity.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <vector>

using namespace basislab;

namespace {

using bench::procStatusMiB;

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

struct Row {
    std::string section, item, measured, limit, verdict;
};

std::vector<Row> rows;
bool all_ok = true;

// One number in a printf format of this file (all are literals at the call sites).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::string fmt(const char* f, double x) {
    char b[64];
    std::snprintf(b, sizeof b, f, x);
    return b;
}
#pragma GCC diagnostic pop

void check(const std::string& item, double diff, double limit, const std::string& detail) {
    const bool ok = std::isfinite(diff) && diff <= limit;
    all_ok = all_ok && ok;
    rows.push_back(
        {"correctness", item, fmt("%.3g", diff) + " (" + detail + ")", fmt("<= %.0e", limit), ok ? "ok" : "FAIL"});
}

void speed(const std::string& item, const std::string& measured, const std::string& note = "") {
    rows.push_back({"speed", item, measured, note, ""});
}

double relDiff(double a, double b) {
    return std::abs(a - b) / std::abs(b);
}

double relFro(const at::Tensor& a, const at::Tensor& b) {
    const at::Tensor x = a.to(at::kCPU, at::kDouble), y = b.to(at::kCPU, at::kDouble);
    return (x - y).norm().item<double>() / y.norm().item<double>();
}

std::shared_ptr<LlamaModel> open(const std::string& dir, const std::string& device, const std::string& dtype,
                                 Residency residency = Residency::Auto) {
    ModelOptions o;
    o.compute.device = device;
    o.compute.dtype = dtype;
    o.residency = residency;
    return LlamaModel::open(dir, o);
}

/// Device synchronisation: a tiny copy back to the host waits for the device's queued work.
void sync(const LlamaModel& model) {
    (void)at::zeros({1}, at::TensorOptions().device(model.device())).cpu();
}

CompressionPlan sharingPlan(double ratio) {
    CompressionPlan plan;
    plan.method = Method::basis_sharing;
    plan.ratio = ratio;
    plan.setGroupSize(2);
    return plan;
}

void correctness(const std::string& device, const std::string& demo, const std::string& text) {
    PerplexityOptions po;
    po.window = 256;
    for (const char* dtype : {"float32", "float64"}) {
        const double ref = perplexityOfFile(*open(demo, "cpu", dtype), text, po).ppl;
        const double dev = perplexityOfFile(*open(demo, device, dtype), text, po).ppl;
        check(std::string("demo ppl ") + dtype, relDiff(dev, ref), dtype[5] == '3' ? 1e-5 : 1e-9,
              "ppl " + fmt("%.6f", dev) + " vs " + fmt("%.6f", ref));
    }

    CalibrationOptions co;
    co.text_path = text;
    co.windows = 8;
    co.seq_len = 128;
    const auto cpu64 = calibrate(*open(demo, "cpu", "float64"), co);
    const auto dev64 = calibrate(*open(demo, device, "float64"), co);
    double worst = 0;
    const int layers = cpu64->summary().layers;
    for (int l = 0; l < layers; ++l)
        for (Site s : kSites) worst = std::max(worst, relFro(dev64->gram(l, s), cpu64->gram(l, s)));
    check("demo Grams float64", worst, 1e-10, "max over " + std::to_string(layers * 4) + " Grams");

    const auto dev_f32 = open(demo, device, "float32");
    const auto exact = calibrate(*dev_f32, co);
    co.gram_accumulation = GramAccumulation::Float32Waves;
    const auto waves = calibrate(*dev_f32, co);
    worst = 0;
    for (int l = 0; l < layers; ++l)
        for (Site s : kSites) worst = std::max(worst, relFro(waves->gram(l, s), exact->gram(l, s)));
    check("demo Grams float32-waves", worst, 1e-6, "vs float64 on " + device + ", 8 x 128 tokens in one wave");

    const CompressionPlan plan = sharingPlan(0.3);
    const auto cpu_model = open(demo, "cpu", "float32");
    const CompressedModel on_cpu = compress(*cpu_model, *cpu64, plan);
    const CompressedModel on_dev = compress(*dev_f32, *cpu64, plan);
    const ProjectionOverrides cpu_over = overridesOf(on_cpu, *cpu_model);
    const ProjectionOverrides dev_over = overridesOf(on_dev, *dev_f32);
    const double ref = perplexityOfFile(*cpu_model, text, po, {}, &cpu_over).ppl;
    const double dev = perplexityOfFile(*dev_f32, text, po, {}, &dev_over).ppl;
    check("demo basis sharing ppl", relDiff(dev, ref), 1e-5,
          plan.describe() + ", ppl " + fmt("%.6f", dev) + " vs " + fmt("%.6f", ref));

    const double resident = perplexityOfFile(*open(demo, device, "float32", Residency::Resident), text, po).ppl;
    const double streamed = perplexityOfFile(*open(demo, device, "float32", Residency::Stream), text, po).ppl;
    check("demo streamed weights ppl", relDiff(streamed, resident), 1e-6, "streamed vs resident on " + device);
}

struct SpeedResult {
    double calib_tps_256 = 0, calib_tps_2048 = 0, seconds_per_group = 0, compress_seconds = 0, eval_tps = 0;
    std::size_t groups = 0;
};

SpeedResult speeds(const std::string& device, const std::string& random, const cli::Args& args) {
    SpeedResult r;
    const auto model = open(random, device, "float32");
    const LlamaConfig& c = model->config();
    speed("model",
          "hidden " + std::to_string(c.hidden_size) + ", intermediate " + std::to_string(c.intermediate_size) + ", " +
              std::to_string(c.num_hidden_layers) + " layers, vocab " + std::to_string(c.vocab_size),
          model->residencyReason());
    at::manual_seed(0);
    std::shared_ptr<InMemoryCalibration> calibration;
    for (const int L : {256, 2048}) {
        const int N = int(args.getInt(L == 256 ? "calib-windows-256" : "calib-windows-2048", L == 256 ? 64 : 8));
        at::Tensor ids = at::randint(c.vocab_size, {N, L}, at::TensorOptions().dtype(at::kLong));
        ids.select(1, 0).fill_(c.bos_token_id);
        CalibrationOptions co;
        (void)calibrateWindows(*model, ids.narrow(0, 0, 1).narrow(1, 0, 16), co);  // warm-up
        sync(*model);
        const auto t = Clock::now();
        auto cal = calibrateWindows(*model, ids, co);
        sync(*model);
        const double s = since(t);
        const double tps = double(N) * L / s;
        (L == 256 ? r.calib_tps_256 : r.calib_tps_2048) = tps;
        speed("calibration, " + std::to_string(L) + "-token windows",
              fmt("%.0f tokens/s", tps) + " (" + std::to_string(N) + " windows, " + fmt("%.2f s", s) + ")",
              "float32 forward, float64 Grams");
        if (L == 2048) calibration = cal;
    }
    {
        const CompressionPlan plan = sharingPlan(0.2);
        const auto t = Clock::now();
        const CompressedModel cm = compress(*model, *calibration, plan);
        sync(*model);
        r.compress_seconds = since(t);
        r.groups = cm.report.groups.size();
        r.seconds_per_group = r.compress_seconds / double(std::max<std::size_t>(1, r.groups));
        speed("compression",
              fmt("%.2f s per group", r.seconds_per_group) + " (" + std::to_string(r.groups) + " groups, " +
                  fmt("%.1f s", r.compress_seconds) + ")",
              plan.describe() + ", float64 on the device");
    }
    {
        const std::string dtype = args.get("eval-dtype", "bfloat16");
        const auto m = open(random, device, dtype);
        const int W = 2048, N = int(args.getInt("eval-windows", 8));
        std::vector<int> ids(std::size_t(N) * (W - 1) + 1);
        for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = int((i * 7919 + 13) % std::size_t(c.vocab_size));
        PerplexityOptions po;
        po.window = W;
        po.max_windows = 1;
        (void)perplexity(*m, ids, po);  // warm-up
        po.max_windows = N;
        const PerplexityResult pr = perplexity(*m, ids, po);
        r.eval_tps = pr.tokens_per_second;
        speed("evaluation",
              fmt("%.0f tokens/s", pr.tokens_per_second) + " (" + std::to_string(N) + " x 2048, " +
                  fmt("%.2f s", pr.seconds) + ")",
              dtype + " forward, float32 log-softmax");
    }
    return r;
}

void extrapolate(const SpeedResult& r, int measured_layers, const cli::Args& args) {
    const double layers = double(args.getInt("target-layers", 32));
    const double scale = layers / double(measured_layers);
    const double calib_tokens = double(args.getInt("target-calib-windows", 256)) * 2048;
    const double eval_tokens = double(args.getInt("target-eval-tokens", 340000));
    const double calib_s = calib_tokens / r.calib_tps_2048 * scale;
    const double compress_s = r.compress_seconds * scale;
    const double eval_s = eval_tokens / r.eval_tps * scale;
    auto hm = [](double s) {
        return s < 120 ? fmt("%.0f s", s) : s < 7200 ? fmt("%.1f min", s / 60) : fmt("%.1f h", s / 3600);
    };
    const std::string why = "x " + fmt("%.0f", layers) + "/" + std::to_string(measured_layers) + " layers";
    speed("Llama2-7B calibration", hm(calib_s), fmt("%.0f", calib_tokens) + " tokens at 2048, " + why);
    speed("Llama2-7B compression", hm(compress_s), why);
    speed("Llama2-7B evaluation", hm(eval_s), fmt("%.0f", eval_tokens) + " tokens (WikiText-2 test, assumed), " + why);
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), {},
            {"device", "demo", "text", "random", "calib-windows-256", "calib-windows-2048", "eval-windows",
             "eval-dtype", "target-layers", "target-calib-windows", "target-eval-tokens", "threads"});
        const std::string device = args.get("device", "cuda");
        ComputeOptions probe;
        probe.device = device;
        probe.threads = int(args.getInt("threads", 0));
        validate(probe);
        configureThreads(probe.threads);
        std::string where = device;
        for (const DeviceInfo& d : deviceInfos())
            if (d.id == device || (device == "cuda" && d.id == "cuda:0"))
                where +=
                    " (" + (d.name.empty() ? std::string() : d.name + ", ") + formatBytes(d.memory.total_bytes) + ")";
        std::printf("BasisLab GPU check: device %s against the CPU; LibTorch %s; %d CPU threads, %s\n", where.c_str(),
                    compat::torchVersion(), at::get_num_threads(), bench::blasCore().c_str());
        if (device == "cpu")
            std::printf("(device cpu: the CPU against itself; this only shows that the check runs end to end)\n");
        const auto start = Clock::now();
        correctness(device, args.require("demo"), args.require("text"));
        const std::string random = args.require("random");
        const SpeedResult r = speeds(device, random, args);
        extrapolate(r, LlamaConfig::load(random + "/config.json").num_hidden_layers, args);
        if (const auto used = cudaMemoryInUse(); used && device != "cpu")
            speed("peak device memory", formatBytes(*used), "in use at the end (LibTorch caches its peak)");
        speed("peak host memory", fmt("%.0f MiB", procStatusMiB("VmHWM")), "VmHWM of this process");
        speed("check run time", fmt("%.0f s", since(start)), "without the build");

        std::printf("\n| section | item | measured | limit / note | verdict |\n| --- | --- | --- | --- | --- |\n");
        for (const Row& row : rows)
            std::printf("| %s | %s | %s | %s | %s |\n", row.section.c_str(), row.item.c_str(), row.measured.c_str(),
                        row.limit.c_str(), row.verdict.c_str());
        std::printf("\n%s\n", all_ok ? "all correctness checks passed" : "SOME CORRECTNESS CHECKS FAILED");
        return all_ok ? 0 : 1;
    } catch (...) {
        return bench::exitStatusOfCurrentException("bench_gpu_check", 2);
    }
}
