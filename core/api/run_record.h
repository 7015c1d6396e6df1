// One row of the workbench's runs table: an evaluated plan and what it measured. Torch-free;
// saved in session files and exported as CSV and LaTeX.
#pragma once

#include "../compress/plan.h"
#include "../eval/perplexity_protocol.h"
#include "../eval/zeroshot_result.h"

#include <cmath>
#include <cstdint>
#include <string>

namespace basislab::api {

struct RunRecord {
    bool compressed = true;  // false: the original model (the plan is then only informational)
    CompressionPlan plan;
    double achieved_ratio = 0;  // fraction of projection parameters actually removed
    std::int64_t params = 0;  // parameters of the evaluated model
    double ppl = 0;  // NaN: no perplexity measured (a zero-shot-only run)
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    double error = NAN;  // mean whitened reconstruction error over compressed layers and types (NaN: none)
    double seconds = 0;  // wall time of the evaluation
    std::string text_path;
    int window = 0;
    std::int64_t windows = 0;
    std::string device;
    std::string dtype;
    std::string finished_at;  // ISO 8601, local time
    std::vector<ZeroShotTaskResult> zeroshot;  // zero-shot accuracy per task (empty: none scored)
};

}  // namespace basislab::api
