// What the workbench asks the core to do, and the plain results it gets back. Torch-free.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace basislab::api {

/// A perplexity measurement, following the README's protocol.
struct PerplexityRequest {
    std::string text_path;
    int window = 256;  // W, tokens per window including BOS
    std::int64_t max_windows = -1;  // -1 = all windows of the text
};

struct PerplexitySnapshot {
    double ppl = 0;
    double nll = 0;  // total NLL (nats)
    std::int64_t scored_tokens = 0;
    std::int64_t windows = 0;
    std::int64_t text_tokens = 0;
    double seconds = 0;
    double tokens_per_second = 0;
};

/// A calibration run: N windows of L tokens (BOS + L-1 text tokens) from a text file.
struct CalibrationRequest {
    std::string text_path;
    int windows = 16;  // N
    int seq_len = 128;  // L
    std::optional<std::uint64_t> seed;  // unset: the first N windows in order
    bool fisher = false;  // also accumulate the Fisher diagonals (needed by FWSVD; slower)
};

}  // namespace basislab::api
