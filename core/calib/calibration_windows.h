// Calibration windows: which token sequences of a text calibration runs the model on.
//
// Protocol (the README repeats it):
//   1. the text is tokenized once, without BOS, exactly as for perplexity (readUtf8File + the
//      model's tokenizer.model);
//   2. the ids are cut into M = floor(tokens / (L-1)) consecutive, non-overlapping chunks of L-1
//      ids; the last incomplete chunk is dropped; window i is [BOS] + chunk i (L tokens);
//   3. without a seed, the first N windows are used in order (i = 0 .. N-1);
//   4. with a seed S, the windows are the first N entries of a Fisher-Yates permutation of
//      0 .. M-1 driven by std::mt19937_64(S) (the standard fixes its output sequence), in the
//      order of the permutation. The permutation is
//          for i = M-1 down to 1: j = uniform(i + 1); swap(perm[i], perm[j])
//      with uniform(n) drawing r = rng() until r >= 2^64 mod n and returning r mod n (unbiased, and
//      unlike std::shuffle or std::uniform_int_distribution the same on every standard library).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace basislab {

/// The indices of the windows to use, out of `available` windows (protocol steps 3 and 4).
/// Throws Error when fewer than `count` windows are available.
std::vector<std::int64_t> selectWindows(std::int64_t available, std::int64_t count,
                                        std::optional<std::uint64_t> shuffle_seed);

/// Windows [indices.size(), seq_len] (int64, CPU): window i = [BOS] + ids[i*(L-1) .. (i+1)*(L-1)).
at::Tensor calibrationWindows(const std::vector<int>& ids, int seq_len, int bos,
                              const std::vector<std::int64_t>& indices);

}  // namespace basislab
