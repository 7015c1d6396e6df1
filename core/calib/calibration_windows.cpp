#include "calibration_windows.h"

#include "../base/error.h"

#include <numeric>
#include <random>

namespace basislab {
namespace {

/// Unbiased draw from [0, n): reject the 2^64 mod n smallest outputs, then reduce mod n.
std::uint64_t uniformBelow(std::mt19937_64& rng, std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;  // = 2^64 mod n
    for (;;) {
        const std::uint64_t r = rng();
        if (r >= threshold) return r % n;
    }
}

}  // namespace

std::vector<std::int64_t> selectWindows(std::int64_t available, std::int64_t count,
                                        std::optional<std::uint64_t> shuffle_seed) {
    if (count <= 0) throw Error("the number of calibration windows must be positive, got " + std::to_string(count));
    if (count > available)
        throw Error("the text has " + std::to_string(available) + " windows, fewer than the " + std::to_string(count) +
                    " requested");
    std::vector<std::int64_t> perm(static_cast<std::size_t>(available));
    std::iota(perm.begin(), perm.end(), std::int64_t(0));
    if (shuffle_seed) {
        std::mt19937_64 rng(*shuffle_seed);
        for (std::int64_t i = available - 1; i >= 1; --i) {
            const auto j = std::int64_t(uniformBelow(rng, std::uint64_t(i + 1)));
            std::swap(perm[std::size_t(i)], perm[std::size_t(j)]);
        }
    }
    perm.resize(std::size_t(count));
    return perm;
}

at::Tensor calibrationWindows(const std::vector<int>& ids, int seq_len, int bos,
                              const std::vector<std::int64_t>& indices) {
    if (seq_len < 2)
        throw Error("the calibration window length must be at least 2 tokens, got " + std::to_string(seq_len));
    const std::int64_t chunk = seq_len - 1;
    const std::int64_t available = std::int64_t(ids.size()) / chunk;
    at::Tensor out =
        at::empty({std::int64_t(indices.size()), seq_len}, at::TensorOptions().dtype(at::kLong));  // [N, L]
    auto* p = out.data_ptr<std::int64_t>();
    for (std::size_t w = 0; w < indices.size(); ++w) {
        const std::int64_t i = indices[w];
        if (i < 0 || i >= available)
            throw Error("calibration window " + std::to_string(i) + " does not exist (the text has " +
                        std::to_string(available) + ")");
        std::int64_t* row = p + std::int64_t(w) * seq_len;
        row[0] = bos;
        for (std::int64_t t = 0; t < chunk; ++t) row[1 + t] = ids[std::size_t(i * chunk + t)];
    }
    return out;
}

}  // namespace basislab
