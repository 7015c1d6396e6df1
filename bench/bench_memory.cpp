// Peak host memory of calibrate, compress and eval against the number of layers (issue 10), and
// the per-layer timings behind the Llama2-7B extrapolation. For each layer count it writes a random
// model (make_random_llama, streamed), then runs `basislab-cli calibrate`, `compress` and `eval`,
// each in its own child process, and reads the child's peak resident set from wait4() (ru_maxrss),
// so the peaks of the steps do not mix. Everything it writes goes to a temporary folder that is
// removed at the end (--keep keeps it).
//
//   bench_memory [--layers 2,4] [--hidden 2048] [--intermediate 5504] [--heads 16] [--dtype bfloat16]
//                [--text resources/demo/text/wiki.test.raw] [--windows 4] [--seq-len 1024]
//                [--ratio 0.2] [--group-size 2] [--eval-window 1024] [--eval-windows 2]
//                [--target-layers 32] [--target-windows 256] [--target-seq-len 2048]
//                [--work DIR] [--keep] [--check]
//
// For every layer count after the first it prints whether peak(more layers) <= 1.10 x peak(first)
// + the extra layers' weights (the growth of model.safetensors); --check makes a "no" the exit
// status 1. The extrapolation uses the first layer count: calibration seconds per layer and per
// 1k tokens, compression seconds per group of each matrix type, evaluation tokens/s per layer.
// The child processes inherit this process's resident set at fork (Linux counts it in their
// ru_maxrss); it is printed as the floor (this process does not load torch's weights or compute).
#include "args.h"

#include "base/error.h"
#include "bench_common.h"
#include "compress/plan.h"
#include "model/config.h"

#include <nlohmann/json.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace basislab;
namespace fs = std::filesystem;

namespace {

struct StepResult {
    double seconds = 0;
    double peak_mib = 0;
    std::string out;  // the child's stdout
};

double mib(double bytes) {
    return bytes / (1024.0 * 1024.0);
}

/// Runs argv[0] with argv, stdout and stderr into files under `dir`; throws Error when it fails.
StepResult runChild(const std::vector<std::string>& argv, const fs::path& dir, const std::string& tag) {
    const fs::path out_path = dir / (tag + ".out"), err_path = dir / (tag + ".err");
    std::vector<char*> cargs;
    for (const std::string& a : argv) cargs.push_back(const_cast<char*>(a.c_str()));
    cargs.push_back(nullptr);
    std::fflush(nullptr);
    const auto start = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid < 0) throw Error("fork failed");
    if (pid == 0) {
        if (!std::freopen(out_path.c_str(), "w", stdout) || !std::freopen(err_path.c_str(), "w", stderr)) _exit(126);
        ::execv(cargs[0], cargs.data());
        _exit(127);
    }
    int status = 0;
    struct rusage usage {};
    if (::wait4(pid, &status, 0, &usage) != pid) throw Error("wait4 failed for " + tag);
    StepResult r;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    r.peak_mib = double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
    std::ifstream in(out_path);
    std::stringstream ss;
    ss << in.rdbuf();
    r.out = ss.str();
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        std::ifstream err(err_path);
        std::stringstream es;
        es << err.rdbuf();
        std::string tail = es.str();
        if (tail.size() > 2000) tail = tail.substr(tail.size() - 2000);
        throw Error(tag + " failed (" + argv[0] + ", status " + std::to_string(status) + "): " + tail);
    }
    return r;
}

std::vector<int> parseLayers(const std::string& text) {
    std::vector<int> out;
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        char* end = nullptr;
        const long v = std::strtol(item.c_str(), &end, 10);
        if (item.empty() || *end != '\0' || v < 1 || v > 1000)
            throw Error("--layers: '" + item + "' is not a positive number of layers");
        out.push_back(int(v));
    }
    if (out.empty()) throw Error("--layers: no layer count");
    return out;
}

struct LayerRun {
    int layers = 0;
    double weight_bytes = 0;  // model.safetensors
    std::map<std::string, StepResult> steps;
};

}  // namespace

int main(int argc, char** argv) {
    fs::path work;
    bool keep = false;
    try {
        const cli::Args args(
            std::vector<std::string>(argv + 1, argv + argc), {"keep", "check"},
            {"layers", "hidden", "intermediate", "heads", "dtype", "text", "windows", "seq-len", "ratio", "group-size",
             "eval-window", "eval-windows", "target-layers", "target-windows", "target-seq-len", "work"});
        const fs::path bin = fs::canonical("/proc/self/exe").parent_path();
        const std::string cli = (bin / "basislab-cli").string(), make = (bin / "make_random_llama").string();
        for (const std::string& tool : {cli, make})
            if (!fs::exists(tool)) throw Error("'" + tool + "' is missing: build basislab-cli and make_random_llama");
        const std::vector<int> layer_counts = parseLayers(args.get("layers", "2,4"));
        const std::string hidden = std::to_string(args.getInt("hidden", 2048));
        const std::string intermediate = std::to_string(args.getInt("intermediate", 5504));
        const std::string heads = std::to_string(args.getInt("heads", 16));
        const std::string dtype = args.get("dtype", "bfloat16");
        const std::string text = args.get("text", "resources/demo/text/wiki.test.raw");
        if (!fs::exists(text)) throw Error("--text: '" + text + "' does not exist");
        const long long windows = args.getInt("windows", 4), seq_len = args.getInt("seq-len", 1024);
        const std::string ratio = args.get("ratio", "0.2"), group_size = args.get("group-size", "2");
        const long long eval_window = args.getInt("eval-window", 1024), eval_windows = args.getInt("eval-windows", 2);
        keep = args.flag("keep");
        if (args.has("work")) {
            work = args.require("work");
            fs::create_directories(work);
        } else {
            std::string tmpl = (fs::temp_directory_path() / "bench_memory.XXXXXX").string();
            if (!::mkdtemp(tmpl.data())) throw Error("cannot create a temporary folder under " + tmpl);
            work = tmpl;
        }
        std::printf(
            "bench_memory: hidden %s, intermediate %s, %s heads, %s; calibrate %lld x %lld tokens of %s; "
            "compress basis-sharing r=%s n=%s; eval %lld windows of %lld; work folder %s\n",
            hidden.c_str(), intermediate.c_str(), heads.c_str(), dtype.c_str(), windows, seq_len, text.c_str(),
            ratio.c_str(), group_size.c_str(), eval_windows, eval_window, work.c_str());

        std::vector<LayerRun> runs;
        for (int L : layer_counts) {
            LayerRun run;
            run.layers = L;
            const fs::path model = work / ("model-" + std::to_string(L)),
                           calib = work / ("calib-" + std::to_string(L) + ".h5");
            const std::string tag = std::to_string(L) + "-layers-";
            runChild({make, "--out", model.string(), "--hidden", hidden, "--intermediate", intermediate, "--layers",
                      std::to_string(L), "--heads", heads, "--dtype", dtype},
                     work, tag + "make");
            for (const auto& entry : fs::directory_iterator(model))
                if (entry.path().extension() == ".safetensors") run.weight_bytes += double(entry.file_size());
            run.steps["calibrate"] = runChild(
                {cli, "calibrate", "--model", model.string(), "--text", text, "--windows", std::to_string(windows),
                 "--seq-len", std::to_string(seq_len), "--out", calib.string(), "--quiet", "--json"},
                work, tag + "calibrate");
            run.steps["compress"] =
                runChild({cli, "compress", "--model", model.string(), "--calib", calib.string(), "--method",
                          "basis-sharing", "--ratio", ratio, "--group-size", group_size, "--quiet", "--json"},
                         work, tag + "compress");
            run.steps["eval"] = runChild(
                {cli, "eval", "--model", model.string(), "--text", text, "--window", std::to_string(eval_window),
                 "--max-windows", std::to_string(eval_windows), "--quiet", "--json"},
                work, tag + "eval");
            std::error_code ec;
            fs::remove_all(model, ec);  // the next layer count needs the disk more than this one
            fs::remove(calib, ec);
            runs.push_back(std::move(run));
            for (const auto& [step, r] : runs.back().steps)
                std::printf("  %d layers, %-9s %9.1f s, peak RSS %.1f MiB\n", L, step.c_str(), r.seconds, r.peak_mib);
            std::fflush(stdout);
        }

        const char* steps[] = {"calibrate", "compress", "eval"};
        std::printf("\n%6s %12s  %-10s %9s %15s\n", "layers", "weights MiB", "step", "seconds", "peak RSS MiB");
        for (const LayerRun& r : runs)
            for (const char* s : steps)
                std::printf("%6d %12.1f  %-10s %9.1f %15.1f\n", r.layers, mib(r.weight_bytes), s, r.steps.at(s).seconds,
                            r.steps.at(s).peak_mib);
        std::printf("(floor: this process's own peak, which every child inherits at fork: %.1f MiB)\n",
                    bench::procStatusMiB("VmHWM"));

        bool all_bounded = true;
        const LayerRun& base = runs.front();
        for (std::size_t i = 1; i < runs.size(); ++i) {
            const LayerRun& r = runs[i];
            const double extra = mib(r.weight_bytes - base.weight_bytes);
            std::printf("\n%d vs %d layers: the %d extra layers' weights are %.1f MiB\n", r.layers, base.layers,
                        r.layers - base.layers, extra);
            for (const char* s : steps) {
                const double bound = 1.10 * base.steps.at(s).peak_mib + extra;
                const bool ok = r.steps.at(s).peak_mib <= bound;
                all_bounded = all_bounded && ok;
                std::printf("  %-10s %9.1f MiB <= 1.10 x %.1f + %.1f = %.1f MiB: %s\n", s, r.steps.at(s).peak_mib,
                            base.steps.at(s).peak_mib, extra, bound, ok ? "yes" : "NO");
            }
        }

        // Per layer, from the first layer count, and the extrapolation to the target model.
        using nlohmann::json;
        const double tokens = double(windows * seq_len);
        // The calibration's own wall time (its JSON "seconds"), without the process start and model open.
        const double calib_seconds = nlohmann::json::parse(base.steps.at("calibrate").out).at("seconds").get<double>();
        const double calib_per_layer_1k = calib_seconds / base.layers / (tokens / 1000.0);
        const json report = json::parse(base.steps.at("compress").out);
        std::map<std::string, std::pair<double, int>> per_type;  // seconds, groups
        for (const json& g : report.at("groups")) {
            auto& [sum, n] = per_type[g.at("type").get<std::string>()];
            sum += g.at("seconds").get<double>();
            ++n;
        }
        const json eval = json::parse(base.steps.at("eval").out);
        const double eval_tps = eval.at("tokens_per_second").get<double>();
        const int target_layers = int(args.getInt("target-layers", 32));
        const double target_tokens = double(args.getInt("target-windows", 256) * args.getInt("target-seq-len", 2048));
        LlamaConfig target;
        target.hidden_size = int(args.getInt("hidden", 2048));
        target.intermediate_size = int(args.getInt("intermediate", 5504));
        target.num_attention_heads = int(args.getInt("heads", 16));
        target.num_key_value_heads = target.num_attention_heads;
        target.head_dim = target.hidden_size / target.num_attention_heads;
        target.num_hidden_layers = target_layers;
        CompressionPlan plan;
        plan.method = Method::basis_sharing;
        plan.ratio = std::atof(ratio.c_str());
        parseGroupSizes(group_size, plan);
        double compress_target = 0;
        int target_groups = 0;
        for (const GroupLayout& g : groupLayout(plan, target)) {
            const auto it = per_type.find(name(g.type));
            if (it == per_type.end()) throw Error(std::string("no measured group of type ") + name(g.type));
            compress_target += it->second.first / it->second.second;
            ++target_groups;
        }
        std::printf(
            "\nper layer (%d-layer model): calibration %.2f s per layer per 1k tokens (statistics "
            "included); compression s per group:",
            base.layers, calib_per_layer_1k);
        for (const auto& [type, sn] : per_type) std::printf(" %s %.2f", type.c_str(), sn.first / sn.second);
        std::printf("; eval %.1f tokens/s (%.1f layer-tokens/s)\n", eval_tps, eval_tps * base.layers);
        std::printf(
            "extrapolated to %d layers: calibration of %.0f tokens %.0f s (%.2f h); compression of %d groups "
            "%.0f s (%.2f h); eval %.1f tokens/s\n",
            target_layers, target_tokens, calib_per_layer_1k * target_layers * target_tokens / 1000.0,
            calib_per_layer_1k * target_layers * target_tokens / 1000.0 / 3600.0, target_groups, compress_target,
            compress_target / 3600.0, eval_tps * base.layers / target_layers);

        if (!keep) fs::remove_all(work);
        return args.flag("check") && !all_bounded ? 1 : 0;
    } catch (...) {
        const int status = bench::exitStatusOfCurrentException("bench_memory", 2);
        std::error_code ec;
        if (status != 0 && !keep && !work.empty()) fs::remove_all(work, ec);
        return status;
    }
}
