// What the workbench asks the core to do, and the plain results it gets back. Torch-free.
#pragma once

#include "../eval/perplexity_protocol.h"
#include "../eval/zeroshot_result.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace basislab::api {

/// An evaluation: perplexity under one of the README's protocols (when text_path is set) and
/// zero-shot accuracy on task files (when zeroshot_tasks is not empty).
struct PerplexityRequest {
    std::string text_path;
    int window = 256;  // W, tokens per window (including BOS in the basislab protocol)
    std::int64_t max_windows = -1;  // -1 = all windows of the text
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    std::vector<std::string> zeroshot_tasks;  // JSON Lines task files (eval/task_file.h)
};

struct PerplexitySnapshot {
    PerplexityProtocol protocol = PerplexityProtocol::basislab;
    double ppl = NAN;  // NaN when no text was evaluated
    double nll = 0;  // total NLL (nats)
    std::int64_t scored_tokens = 0;
    std::int64_t windows = 0;
    std::int64_t text_tokens = 0;
    double seconds = 0;
    double tokens_per_second = 0;
    std::vector<ZeroShotTaskResult> zeroshot;  // one per task file of the request
};

/// A calibration run: N windows of L tokens (BOS + L-1 text tokens) from a text file.
struct CalibrationRequest {
    std::string text_path;
    int windows = 16;  // N
    int seq_len = 128;  // L
    std::optional<std::uint64_t> seed;  // unset: the first N windows in order
    bool fisher = false;  // also accumulate the Fisher diagonals (needed by FWSVD; slower)
    /// The store the calibration is written to (HDF5, calib/store.h); empty: a temporary store in
    /// the session's cache folder (ModelSession::setCacheFolder), removed unless it is kept.
    std::string store_path;
};

}  // namespace basislab::api
