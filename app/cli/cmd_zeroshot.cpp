// zeroshot: multiple-choice accuracy of task files, scored as lm-evaluation-harness 0.4.3 does.
#include "commands.h"
#include "common.h"
#include "eval_args.h"

#include "base/error.h"
#include "compress/factored_model.h"
#include "eval/zeroshot.h"

#include <iostream>

namespace basislab::cli {

int runZeroShot(const Argv& argv) {
    const Args args(argv, {"json", "quiet"}, merge({"model", "tasks", "max-length"}, computeOptionNames()));
    const std::vector<std::string> tasks = taskPathsFromArgs(args, "tasks");
    ZeroShotOptions zo;
    zo.max_length = int(args.getInt("max-length", 0));
    if (args.has("max-length") && zo.max_length < 2) throw Error("--max-length must be at least 2");
    ModelOptions mo;
    mo.compute = computeOptions(args);
    const auto model = openModelFolder(args.require("model"), mo);  // dense, or a factored export
    const auto results = zeroShotResults(zeroShot(*model, tasks, zo, stderrProgress(args.flag("quiet"))));
    if (args.flag("json")) {
        nlohmann::json j = zeroShotJson(results);
        j["max_length"] = zo.max_length > 0 ? zo.max_length : model->config().max_position_embeddings;
        j["device"] = mo.compute.device;
        j["dtype"] = mo.compute.dtype;
        std::cout << j.dump(2) << "\n";
    } else {
        printZeroShot(results);
    }
    return 0;
}

}  // namespace basislab::cli
