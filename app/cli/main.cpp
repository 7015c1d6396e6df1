// basislab-cli: the headless front end over the BasisLab core.
#include "commands.h"
#include "common.h"

#include "base/error.h"

#include <cstdio>
#include <cstring>
#include <functional>
#include <map>

namespace {

const char* kUsage =
    "usage: basislab-cli <command> [options]\n"
    "\n"
    "commands:\n"
    "  info      --model DIR                          architecture, parameters, dtype, memory\n"
    "  eval      --model DIR --text FILE --window W [--max-windows N] [--json]\n"
    "                                                 perplexity (protocol in README.md)\n"
    "  generate  --model DIR --prompt TEXT --max-tokens N [--json]\n"
    "                                                 greedy continuation\n"
    "  calibrate --model DIR --text FILE --windows N --seq-len L --out FILE.h5 [--shuffle-seed S]\n"
    "            [--fisher] [--path streamed|whole-model] [--micro-batch B] [--spectra auto|all|none] [--json]\n"
    "                                                 Gram matrices and statistics per layer and site\n"
    "  inspect   --calib FILE.h5 [--csv]              the statistics of a calibration store as a table\n"
    "  compress  --model DIR --calib FILE.h5 --method M --ratio R [--group-size N] [--share q,k,v,gate,up]\n"
    "            [--alpha FORM] [--refit] [--eval-text FILE --window W [--max-windows K]]\n"
    "            [--out DIR --format factored|dense [--export-dtype F32|F16|BF16] [--force]] [--json]\n"
    "                                                 low-rank compression (docs/compression.md)\n"
    "  sweep     --model DIR --calib FILE.h5 --methods M,... --ratios R,... [--group-sizes N,...]\n"
    "            [--alphas FORM,...] [--share-sets LIST/LIST] [--refit] --eval-text FILE --window W\n"
    "            [--max-windows K] --out results.csv [--latex table.tex]\n"
    "                                                 a grid of compressions, one CSV row per run\n"
    "  reparametrise --model DIR --out DIR (--scales c_0,c_1,... [--mlp-scales ...] | --seed S [--max-factor F])\n"
    "                                                 the rescaled twin: norms x c_l, q/k/v and gate/up / c_l\n"
    "\n"
    "options for every command that opens a model:\n"
    "  --device cpu|cuda|cuda:N   (default cpu)   --dtype float32|float64|bfloat16|float16 (default float32)\n"
    "  --threads N                CPU threads (default: all)\n";

}  // namespace

int main(int argc, char** argv) {
    using namespace basislab;
    using namespace basislab::cli;
    const std::map<std::string, std::function<int(const Argv&)>> commands{
        {"info", runInfo},           {"eval", runEval},       {"generate", runGenerate},
        {"calibrate", runCalibrate}, {"inspect", runInspect}, {"reparametrise", runReparametrise},
        {"compress", runCompress},   {"sweep", runSweep},
    };
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h") || !std::strcmp(argv[1], "help")) {
        std::fputs(kUsage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::fprintf(stderr, "basislab-cli: error: unknown command '%s'\n\n%s", argv[1], kUsage);
        return 2;
    }
    installInterruptHandler();
    try {
        return it->second(Argv(argv + 2, argv + argc));
    } catch (const Cancelled&) {
        std::fprintf(stderr, "basislab-cli: cancelled\n");
        return 130;
    } catch (const Error& e) {
        std::fprintf(stderr, "basislab-cli: error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        // LibTorch (c10::Error) and the standard library: still one line, never a crash.
        std::string what = e.what();
        if (const auto nl = what.find('\n'); nl != std::string::npos) what = what.substr(0, nl);
        std::fprintf(stderr, "basislab-cli: error: %s\n", what.c_str());
        return 1;
    }
}
