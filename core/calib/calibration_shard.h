// This process's share of a calibration run by several processes (a data-parallel calibration).
//
// A Gram is a sum over tokens, so the N windows are split between the W ranks in contiguous
// blocks (windowShare below: the same split on every rank); each rank runs the model on its block and
// accumulates its raw sums (Grams, per-channel sums, token counts, Fisher diagonals), which are
// summed over the ranks in float64 layer by layer as the calibration streams, before the layer's
// statistics. Every rank ends with the sums of all N windows; rank 0 computes the statistics and
// feeds the sink. The calibrator knows nothing of how the sums travel (core/dist does that).
#pragma once

#include <ATen/ATen.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace basislab {

struct CalibrationShard {
    int rank = 0;
    int world_size = 1;  // 1: a plain single-process calibration, nothing below is called
    /// Sums each tensor in place over all ranks; `what` names the data for errors.
    std::function<void(std::vector<at::Tensor>& tensors, const std::string& what)> all_reduce;
    /// Called once, before any window runs, with this rank's description of the calibration
    /// (model, windows, options, as name/value pairs); throws Error when the ranks' descriptions differ.
    std::function<void(const std::vector<std::pair<std::string, std::string>>& inputs)> agree;

    bool distributed() const { return world_size > 1; }
};

/// Windows [begin, end) of `rank` when `windows` windows are split between `world` ranks in
/// contiguous blocks, the first (windows mod world) ranks taking one more. The same on every rank.
inline std::pair<std::int64_t, std::int64_t> windowShare(std::int64_t windows, int rank, int world) {
    const std::int64_t base = windows / world, extra = windows % world;
    const std::int64_t begin = rank * base + std::min<std::int64_t>(rank, extra);
    return {begin, begin + base + (rank < extra ? 1 : 0)};
}

}  // namespace basislab
