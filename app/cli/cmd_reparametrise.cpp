// reparametrise: writes the rescaled twin of a model (same function, rescaled norms/projections).
#include "commands.h"
#include "common.h"

#include "base/error.h"
#include "model/config.h"
#include "model/rescale.h"

#include <cstdio>

namespace basislab::cli {
namespace {

std::vector<double> scaleList(const std::string& text, const std::string& option) {
    std::vector<double> out;
    for (const std::string& s : splitList(text)) out.push_back(parseDouble(s, option));
    return out;
}

}  // namespace

int runReparametrise(const Argv& argv) {
    const Args args(argv, {"quiet", "force"}, {"model", "out", "scales", "mlp-scales", "seed", "max-factor"});
    const std::string model = args.require("model");
    const int layers = LlamaConfig::load(model + "/config.json").num_hidden_layers;
    InputRescaling r;
    if (args.has("scales") == args.has("seed")) throw Error("give either --scales c_0,c_1,... or --seed S");
    if (args.has("seed")) {
        r = randomRescaling(layers, std::uint64_t(args.requireInt("seed")), args.getDouble("max-factor", 4.0));
        if (args.has("mlp-scales")) r.mlp = scaleList(args.require("mlp-scales"), "--mlp-scales");
    } else {
        r.attn = scaleList(args.require("scales"), "--scales");
        r.mlp = args.has("mlp-scales") ? scaleList(args.require("mlp-scales"), "--mlp-scales") : r.attn;
    }
    writeRescaledTwin(model, r, args.require("out"), args.flag("force"), stderrProgress(args.flag("quiet")));
    std::printf("wrote the rescaled twin of %s to %s\n  attn scales:", model.c_str(), args.require("out").c_str());
    for (double c : r.attn) std::printf(" %.6g", c);
    std::printf("\n  mlp scales: ");
    for (double c : r.mlp) std::printf(" %.6g", c);
    std::printf("\n");
    return 0;
}

}  // namespace basislab::cli
