// basislab-cli: the headless front end over the BasisLab core.
#include "commands.h"
#include "common.h"

#include "base/error.h"

#include <torch/version.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

namespace {

using basislab::cli::Argv;

struct Command {
    const char* name;
    const char* usage;  // the command's line(s) in the overview, also the head of its --help
    std::function<int(const Argv&)> run;
};

const std::vector<Command>& commands() {
    using namespace basislab::cli;
    static const std::vector<Command> c{
        {"info", "info      --model DIR                          architecture, parameters, dtype, memory\n", runInfo},
        {"eval",
         "eval      --model DIR --text FILE --window W [--max-windows N]\n"
         "          [--protocol basislab|basis-sharing|svd-llm] [--json]\n"
         "                                                 perplexity (protocols in README.md)\n",
         runEval},
        {"zeroshot",
         "zeroshot  --model DIR --tasks A.jsonl[,B.jsonl...] [--max-length N] [--json]\n"
         "                                                 zero-shot accuracy, scored as lm-eval 0.4.3\n",
         runZeroShot},
        {"generate",
         "generate  --model DIR --prompt TEXT --max-tokens N [--json]\n"
         "                                                 greedy continuation\n",
         runGenerate},
        {"calibrate",
         "calibrate --model DIR --text FILE --windows N --seq-len L --out FILE.h5 [--shuffle-seed S]\n"
         "          [--fisher] [--path streamed|whole-model] [--micro-batch B]\n"
         "          [--gram-accumulation float64|float32-waves] [--spectra auto|all|none] [--json]\n"
         "          [--rank R --world-size W [--master HOST:PORT | --store-file PATH]] [--dist-timeout S]\n"
         "                                                 Gram matrices and statistics per layer and site\n",
         runCalibrate},
        {"inspect", "inspect   --calib FILE.h5 [--csv]              the statistics of a calibration store as a table\n",
         runInspect},
        {"compress",
         "compress  --model DIR --calib FILE.h5 --method M --ratio R [--group-size N] [--share q,k,v,gate,up]\n"
         "          [--alpha FORM] [--refit | --update none|refit|deviated|compensate] [--calib-text FILE]\n"
         "          [--eval-text FILE --window W [--max-windows K] [--protocol P]] [--zeroshot-tasks A.jsonl,...]\n"
         "          [--out DIR --format factored|dense [--export-dtype F32|F16|BF16] [--force]] [--json]\n"
         "                                                 low-rank compression (docs/compression.md)\n",
         runCompress},
        {"sweep",
         "sweep     --model DIR --calib FILE.h5 --methods M,... --ratios R,... [--group-sizes N,...]\n"
         "          [--alphas FORM,...] [--share-sets LIST/LIST] [--refit | --updates U,...] [--calib-text FILE]\n"
         "          --eval-text FILE --window W\n"
         "          [--max-windows K] [--protocol P] [--zeroshot-tasks A.jsonl,...] --out results.csv\n"
         "          [--latex table.tex]\n"
         "          [--rank R --world-size W [--master HOST:PORT | --store-file PATH]] [--dist-timeout S]\n"
         "                                                 a grid of compressions, one CSV row per run\n",
         runSweep},
        {"reparametrise",
         "reparametrise --model DIR --out DIR (--scales c_0,c_1,... [--mlp-scales ...] | --seed S [--max-factor F])\n"
         "                                                 the rescaled twin: norms x c_l, q/k/v and gate/up / c_l\n",
         runReparametrise},
    };
    return c;
}

std::string usage() {
    std::string s =
        "usage: basislab-cli <command> [options]\n"
        "       basislab-cli <command> --help      the command's options\n"
        "       basislab-cli --version\n"
        "\n"
        "commands:\n";
    for (const Command& c : commands()) s += std::string("  ") + c.usage;
    s += "\n"
         "options for every command that opens a model:\n"
         "  --device cpu|cuda|cuda:N   (default cpu)   --dtype float32|float64|bfloat16|float16 (default float32)\n"
         "  --threads N                CPU threads (default: all)\n";
    return s;
}

std::string version() {
    return std::string("basislab-cli ") + BASISLAB_VERSION + " (LibTorch " + TORCH_VERSION + ")\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace basislab;
    using namespace basislab::cli;
    const std::string first = argc < 2 ? "" : argv[1];
    if (argc < 2 || first == "--help" || first == "-h" || first == "help") {
        std::fputs(usage().c_str(), argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (first == "--version" || first == "version") {
        std::fputs(version().c_str(), stdout);
        return 0;
    }
    const Command* command = nullptr;
    for (const Command& c : commands())
        if (first == c.name) command = &c;
    if (!command) {
        std::fprintf(stderr, "basislab-cli: error: unknown command '%s'\n\n%s", argv[1], usage().c_str());
        return 2;
    }
    // The usage lines without the overview's column padding and the final newline.
    std::string usage_lines = command->usage;
    usage_lines.erase(std::strlen(command->name),
                      usage_lines.find_first_not_of(' ', std::strlen(command->name)) - std::strlen(command->name) - 1);
    Args::setCommand(command->name, "usage: basislab-cli " + usage_lines.substr(0, usage_lines.size() - 1));
    installInterruptHandler();
    try {
        return command->run(Argv(argv + 2, argv + argc));
    } catch (const HelpRequested& help) {
        std::fputs(help.what(), stdout);
        return 0;
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
