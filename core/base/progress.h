// Progress reporting and cancellation: a plain callback, as llama.cpp's llama_progress_callback.
//
// Long work (calibration, evaluation, compression) calls the caller's ProgressFn between steps.
// The callback returns false to ask the work to stop; the work then throws Cancelled promptly and
// leaves nothing half-written behind. The GUI turns the callback into queued signals; the CLI
// prints a line on stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

namespace basislab {

struct Progress {
    std::string stage;  // "calibrate", "evaluate", "compress", ...
    int layer = -1;  // current layer, -1 when not layer-wise
    int layers = 0;  // number of layers
    std::int64_t done = 0;  // finished work units of this stage (windows, groups, ...)
    std::int64_t total = 0;  // all work units of this stage
    double tokens_per_second = 0;  // throughput so far (0 when not meaningful)
    double eta_seconds = -1;  // estimated seconds left, -1 when unknown
    std::string message;  // one short human-readable line
};

/// Called between steps of long work. Return false to cancel.
using ProgressFn = std::function<bool(const Progress&)>;

/// Helper for long work: keeps the clock, fills in throughput and ETA, and throws Cancelled when
/// the callback asks to stop. Cheap to call often.
class ProgressReporter {
public:
    ProgressReporter(ProgressFn fn, std::string stage, std::int64_t total);

    /// Report that `done` of `total` units are finished and `tokens` tokens processed so far.
    /// Throws Cancelled when the callback returns false.
    void report(std::int64_t done, std::int64_t tokens = 0, int layer = -1, int layers = 0,
                const std::string& message = {});
    /// Poll for cancellation without reporting new progress.
    void poll();
    double elapsedSeconds() const;
    std::int64_t total() const { return total_; }

private:
    ProgressFn fn_;
    std::string stage_;
    std::int64_t total_;
    Progress last_;
    std::chrono::steady_clock::time_point start_;
};

}  // namespace basislab
