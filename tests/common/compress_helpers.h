// Test helpers for the compression tests: synthetic Grams, calibrations of windows made in the test,
// and tiny random Llama folders.
#pragma once

#include "calib/calibration.h"
#include "model/llama_model.h"
#include "test_helpers.h"

#include <ATen/ATen.h>

#include <string>

namespace basislab::test {

/// X (tokens x d) float64 with channel scales spread over `spread` decades, seeded.
at::Tensor randomInputs(std::int64_t tokens, std::int64_t d, std::uint64_t seed, double spread = 1.0);
/// G = X^T X
at::Tensor gramOf(const at::Tensor& X);
at::Tensor randomMatrix(std::int64_t rows, std::int64_t cols, std::uint64_t seed);

/// Calibrates `model` on windows `ids` [N, T] (int64) with the calibration engine (calibrateWindows),
/// with Fisher diagonals when asked.
std::shared_ptr<InMemoryCalibration> calibrateInTest(const LlamaModel& model, const at::Tensor& ids,
                                                     bool fisher = false);

/// Writes a random Llama folder (config.json + model.safetensors, float32) to `dir`: hidden 32,
/// intermediate 48, 4 layers, 4 heads (2 kv), vocab 64, untied lm_head, seeded.
void writeTinyLlama(const std::string& dir, std::uint64_t seed, int layers = 4);

}  // namespace basislab::test
