// Options shared by `eval`, `zeroshot`, `compress` and `sweep`: the perplexity protocol and window,
// the zero-shot task files, and the zero-shot results as JSON, text and CSV cells.
#pragma once

#include "args.h"
#include "eval/perplexity.h"
#include "eval/zeroshot_result.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace basislab::cli {

/// --protocol --window --max-windows
const std::set<std::string>& perplexityOptionNames();
/// The perplexity options the arguments give (--window required). Throws Error naming the option.
PerplexityOptions perplexityOptionsFromArgs(const Args& args);
/// --protocol basislab|basis-sharing|svd-llm (default basislab).
PerplexityProtocol protocolFromArgs(const Args& args);
/// The comma-separated task files of option `name` (each must exist).
std::vector<std::string> taskPathsFromArgs(const Args& args, const std::string& name);

nlohmann::json zeroShotJson(const std::vector<ZeroShotTaskResult>& tasks);
/// One line per task and the mean, on stdout.
void printZeroShot(const std::vector<ZeroShotTaskResult>& tasks);
/// CSV header cells "zeroshot_<task>_acc,zeroshot_<task>_acc_norm,...,zeroshot_mean_acc" (empty
/// acc_norm cells for partial-scoring tasks), and the matching values.
std::string zeroShotCsvHeader(const std::vector<std::string>& task_names);
std::string zeroShotCsvCells(const std::vector<ZeroShotTaskResult>& tasks);

}  // namespace basislab::cli
