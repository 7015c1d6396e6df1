// A small calibration made from random activations (no model), for tests of the store, the session
// file, merging and the crash tests: `layers` layers, every site `width` wide, `windows` windows of
// `seq_len` tokens, with the given window indices (empty: 0 .. windows-1).
#pragma once

#include "calib/calibration.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace basislab::test {

std::shared_ptr<InMemoryCalibration> syntheticCalibration(int layers, std::int64_t width, int windows, int seq_len,
                                                          std::uint64_t seed,
                                                          std::vector<std::int64_t> window_indices = {});

/// True when every summary field, every site statistic and every Gram are bit for bit equal.
bool sameCalibration(const Calibration& a, const Calibration& b);

}  // namespace basislab::test
