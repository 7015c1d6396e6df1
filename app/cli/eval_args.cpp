#include "eval_args.h"

#include "base/error.h"

#include <cstdio>
#include <filesystem>

namespace basislab::cli {
namespace {

std::string cell(double v) {
    if (!std::isfinite(v)) return "";
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

nlohmann::json number(double v) {
    return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr);
}

}  // namespace

const std::set<std::string>& perplexityOptionNames() {
    static const std::set<std::string> names{"protocol", "window", "max-windows"};
    return names;
}

PerplexityProtocol protocolFromArgs(const Args& args) {
    const std::string text = args.get("protocol", "basislab");
    const auto protocol = parsePerplexityProtocol(text);
    if (!protocol) throw Error("--protocol: unknown protocol '" + text + "' (" + perplexityProtocolNames() + ")");
    return *protocol;
}

PerplexityOptions perplexityOptionsFromArgs(const Args& args) {
    PerplexityOptions po;
    po.protocol = protocolFromArgs(args);
    po.window = int(args.requireInt("window"));
    po.max_windows = args.getInt("max-windows", -1);
    if (args.has("max-windows") && po.max_windows <= 0) throw Error("--max-windows must be positive");
    return po;
}

std::vector<std::string> taskPathsFromArgs(const Args& args, const std::string& name) {
    std::vector<std::string> paths = splitList(args.require(name));
    if (paths.empty()) throw Error("--" + name + " lists no task files");
    for (const std::string& p : paths)
        if (!std::filesystem::is_regular_file(p)) throw Error("--" + name + ": task file '" + p + "' does not exist");
    return paths;
}

nlohmann::json zeroShotJson(const std::vector<ZeroShotTaskResult>& tasks) {
    nlohmann::json list = nlohmann::json::array();
    for (const ZeroShotTaskResult& t : tasks)
        list.push_back({{"task", t.task},
                        {"path", t.path},
                        {"documents", t.documents},
                        {"acc", number(t.acc)},
                        {"acc_stderr", number(t.acc_stderr)},
                        {"acc_norm", number(t.acc_norm)},
                        {"acc_norm_stderr", number(t.acc_norm_stderr)}});
    return {{"tasks", list}, {"mean_acc", number(meanAccuracy(tasks))}};
}

void printZeroShot(const std::vector<ZeroShotTaskResult>& tasks) {
    for (const ZeroShotTaskResult& t : tasks) {
        std::printf("%-20s acc %.4f ± %.4f", t.task.c_str(), t.acc, t.acc_stderr);
        if (std::isfinite(t.acc_norm)) std::printf("  acc_norm %.4f ± %.4f", t.acc_norm, t.acc_norm_stderr);
        std::printf("  (%lld documents)\n", (long long)t.documents);
    }
    std::printf("%-20s acc %.4f over %zu tasks\n", "mean", meanAccuracy(tasks), tasks.size());
}

std::string zeroShotCsvHeader(const std::vector<std::string>& task_names) {
    std::string out;
    for (std::string n : task_names) {
        for (char& c : n)
            if (c == ',' || c == '"' || c == '\n' || c == '\r') c = '_';  // a plain CSV header cell
        out += ",zeroshot_" + n + "_acc,zeroshot_" + n + "_acc_norm";
    }
    return out + ",zeroshot_mean_acc";
}

std::string zeroShotCsvCells(const std::vector<ZeroShotTaskResult>& tasks) {
    std::string out;
    for (const ZeroShotTaskResult& t : tasks) out += "," + cell(t.acc) + "," + cell(t.acc_norm);
    return out + "," + cell(meanAccuracy(tasks));
}

}  // namespace basislab::cli
