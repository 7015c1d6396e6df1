// A grid of compression plans (ratios x alpha forms x group sizes around a base plan), as
// `basislab-cli sweep` runs them: the workbench's grid job and the headless figures use it. Torch-free.
#pragma once

#include "../compress/plan.h"

#include <string>
#include <vector>

namespace basislab::api {

struct PlanGrid {
    std::vector<double> ratios;  // each in [0, 1)
    std::vector<AlphaForm> alphas;  // basis-sharing only
    std::vector<int> group_sizes;  // basis-sharing only; n = 1 is svd-llm, run once per ratio
};

/// Parses comma-separated lists ("0.2, 0.3", "none, inv-trace", "1, 2"); empty lists fall back to
/// the base plan's value. Throws Error naming the field ("ratios", "alpha forms", "group sizes").
PlanGrid parsePlanGrid(const std::string& ratios, const std::string& alphas, const std::string& group_sizes,
                       const CompressionPlan& base);

/// The plans of the grid, ratio-major. Every plan keeps the base plan's method, types, shared
/// types, refit and exponent. For basis-sharing, group size 1 gives one plan per ratio (alpha has
/// no effect with one layer per group); for other methods the grid is its ratios. Each plan is
/// validated (against `config` when given); throws Error otherwise.
std::vector<CompressionPlan> gridPlans(const CompressionPlan& base, const PlanGrid& grid,
                                       const LlamaConfig* config = nullptr);

}  // namespace basislab::api
