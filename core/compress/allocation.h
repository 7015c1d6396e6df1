// Rank allocation by the error curves (`--allocation error`, docs/compression.md). Torch-free.
//
// Given every group's objective curve f_g(k) (the summed relative whitened error of its layers at
// rank k, error_curve.h) and the parameters one rank step costs, c_g = d_in + n_g d_out, choose
//     min  sum_g f_g(k_g)   s.t.  sum_g c_g k_g <= P_uniform,   1 <= k_g <= K_g
// where P_uniform is the uniform plan's stored parameter count and K_g the largest rank that
// neither exceeds min(d_in, n_g d_out) nor stores more parameters than the group has dense.
// The curves need not be convex (a shared basis optimises the group's alpha-weighted sum, not the
// summed relative errors), so the solver is exact: a multiple-choice knapsack by dynamic programming.
//
// The DP. Every group first pays its rank 1; the extra ranks e_g = k_g - 1 cost e_g c_g, all
// multiples of the unit u = gcd_g(q c_g). With B = floor((P_uniform - sum_g c_g) / u) units,
//     D_g(b) = min_{j : j w_g <= b} D_{g-1}(b - j w_g) + f_g(1 + j q),   w_g = q c_g / u,
// D_0 = 0, is exactly the best objective with at most b units; the choices are kept to backtrack.
// Time sum_g (B + 1)(J_g + 1), memory G (B + 1) choice indices. q = 1 is the exact optimum; when
// that work exceeds the limits (AllocationOptions), q doubles until it fits: the DP is then the
// exact optimum over the ranks 1 + jq (B and J_g both shrink by q, the work by ~q^2), and the
// leftover budget is spent greedily, one rank at a time (largest error decrease per parameter).
// Whatever q, the result is never worse than the uniform ranks when those are feasible (it falls
// back to them), and never above the budget. Llama2-7B (224 groups, ranks up to 4096, a budget of
// ~1e7 units of 256 parameters) needs q > 1 (timed in docs/compression.md); the demo model and
// the brute-force tests run exact (q = 1).
#pragma once

#include "error_curve.h"
#include "plan.h"

#include <cstdint>
#include <vector>

namespace basislab {

struct AllocationGroup {
    std::int64_t step = 0;  // c_g: parameters per rank, d_in + n d_out
    std::int64_t max_rank = 0;  // K_g >= 1
    std::int64_t uniform_rank = 0;  // the uniform plan's rank; sum_g step * uniform_rank is the budget
    std::vector<double> cost;  // f_g(k) for k = 0 .. >= max_rank
};

struct AllocationOptions {
    double max_work = 2e9;  // DP cell updates before the rank quantum q doubles
    double max_table_bytes = 256.0 * (1 << 20);  // the backtracking table
};

struct AllocationResult {
    std::vector<std::int64_t> ranks;  // per group
    std::int64_t budget = 0;  // parameters: the uniform plan's
    std::int64_t used = 0;  // parameters of the chosen ranks (<= budget)
    double objective = 0;  // sum_g f_g(k_g)
    double uniform_objective = 0;  // sum_g f_g(uniform rank)
    std::int64_t rank_quantum = 1;  // q: 1 = exact optimum
    bool fell_back_to_uniform = false;  // the quantised DP was worse than uniform (never when q = 1)
};

/// Solves the allocation. Throws Error on malformed input (a cost curve shorter than max_rank + 1,
/// a step < 1, a max rank < 1).
AllocationResult allocateRanks(const std::vector<AllocationGroup>& groups, const AllocationOptions& options = {});

/// f_g(k) of a group from its layers' curves: sum_l whitened_sq_l(k) / whitened_norm_sq_l (a layer
/// with zero norm contributes 0).
std::vector<double> relativeErrorCurve(const std::vector<ErrorCurve>& layers);

/// The knapsack inputs of a plan's groups (in groupLayout() order) and their curves.
std::vector<AllocationGroup> allocationGroups(const std::vector<GroupLayout>& layout,
                                              const std::vector<std::vector<ErrorCurve>>& curves);

/// For Allocation::error: solves and writes the ranks into `layout`; for uniform: leaves the ranks
/// and reports the uniform objective. Returns the result either way.
AllocationResult allocate(Allocation allocation, std::vector<GroupLayout>& layout,
                          const std::vector<std::vector<ErrorCurve>>& curves, const AllocationOptions& options = {});

}  // namespace basislab
