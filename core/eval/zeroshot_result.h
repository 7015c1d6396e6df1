// Zero-shot multiple-choice accuracy of one task file (torch-free: the workbench keeps these in its
// runs table and sessions). Scored as lm-evaluation-harness 0.4.3 does (eval/zeroshot.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

namespace basislab {

struct ZeroShotTaskResult {
    std::string task;  // the file's name without .jsonl
    std::string path;
    std::int64_t documents = 0;
    double acc = NAN;
    double acc_stderr = NAN;  // sqrt(p(1-p)/(n-1)); NaN for a single document
    double acc_norm = NAN;  // NaN when the task has no acc_norm (WinoGrande's partial scoring)
    double acc_norm_stderr = NAN;
};

/// The sample standard error of a mean accuracy p over n documents, as lm-eval's mean_stderr.
inline double accuracyStderr(double p, std::int64_t n) {
    return n > 1 ? std::sqrt(p * (1 - p) / double(n - 1)) : NAN;
}

/// The unweighted mean of acc over tasks (NaN when there are none).
inline double meanAccuracy(const std::vector<ZeroShotTaskResult>& tasks) {
    if (tasks.empty()) return NAN;
    double sum = 0;
    for (const ZeroShotTaskResult& t : tasks) sum += t.acc;
    return sum / double(tasks.size());
}

}  // namespace basislab
