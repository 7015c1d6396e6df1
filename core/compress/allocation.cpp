#include "allocation.h"

#include "../base/error.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <numeric>

namespace basislab {
namespace {

struct Sizes {
    std::int64_t unit = 1;  // parameters per DP unit
    std::int64_t units = 0;  // B
    double work = 0;
    double table_bytes = 0;
};

Sizes sizesFor(const std::vector<AllocationGroup>& groups, std::int64_t extra_budget, std::int64_t q) {
    Sizes s;
    s.unit = 0;
    for (const AllocationGroup& g : groups) s.unit = std::gcd(s.unit, q * g.step);
    s.units = extra_budget / s.unit;
    for (const AllocationGroup& g : groups) {
        const std::int64_t choices = std::min((g.max_rank - 1) / q, s.units / (q * g.step / s.unit)) + 1;
        s.work += double(s.units + 1) * double(choices);
    }
    s.table_bytes = double(groups.size()) * double(s.units + 1) * sizeof(std::uint32_t);
    return s;
}

double objectiveOf(const std::vector<AllocationGroup>& groups, const std::vector<std::int64_t>& ranks) {
    double sum = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) sum += groups[g].cost[std::size_t(ranks[g])];
    return sum;
}

std::int64_t paramsOf(const std::vector<AllocationGroup>& groups, const std::vector<std::int64_t>& ranks) {
    std::int64_t sum = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) sum += groups[g].step * ranks[g];
    return sum;
}

}  // namespace

AllocationResult allocateRanks(const std::vector<AllocationGroup>& groups, const AllocationOptions& options) {
    AllocationResult r;
    if (groups.empty()) return r;
    std::int64_t min_params = 0;
    bool uniform_feasible = true;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const AllocationGroup& a = groups[g];
        const std::string where = "allocation: group " + std::to_string(g);
        if (a.step < 1) throw Error(where + " has a rank step of " + std::to_string(a.step) + " parameters");
        if (a.max_rank < 1) throw Error(where + " has a largest rank of " + std::to_string(a.max_rank));
        if (std::int64_t(a.cost.size()) < a.max_rank + 1)
            throw Error(where + ": its error curve stops at rank " + std::to_string(std::int64_t(a.cost.size()) - 1) +
                        ", below its largest rank " + std::to_string(a.max_rank));
        if (a.uniform_rank < 1) throw Error(where + " has a uniform rank of " + std::to_string(a.uniform_rank));
        r.budget += a.step * a.uniform_rank;
        min_params += a.step;
        uniform_feasible = uniform_feasible && a.uniform_rank <= a.max_rank;
    }
    std::vector<std::int64_t> uniform;
    for (const AllocationGroup& a : groups) uniform.push_back(std::min(a.uniform_rank, a.max_rank));
    r.uniform_objective = objectiveOf(groups, uniform);
    const std::int64_t extra = r.budget - min_params;  // >= 0: every uniform rank is >= 1

    std::int64_t q = 1;
    Sizes sz = sizesFor(groups, extra, q);
    while ((sz.work > options.max_work || sz.table_bytes > options.max_table_bytes) && sz.units > 0) {
        q *= 2;
        sz = sizesFor(groups, extra, q);
    }
    r.rank_quantum = q;

    // D over b = 0..B units, at-most semantics (D_0 = 0 everywhere); choice[g][b] = j.
    const std::size_t B = std::size_t(sz.units);
    std::vector<double> D(B + 1, 0.0), next(B + 1);
    std::vector<std::uint32_t> choice((B + 1) * groups.size());
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const AllocationGroup& a = groups[g];
        const std::size_t w = std::size_t(q * a.step / sz.unit);
        const std::size_t J = std::size_t((a.max_rank - 1) / q);
        std::uint32_t* ch = choice.data() + g * (B + 1);
        for (std::size_t b = 0; b <= B; ++b) {
            double best = D[b] + a.cost[1];
            std::uint32_t best_j = 0;
            const std::size_t jmax = std::min(J, b / w);
            for (std::size_t j = 1; j <= jmax; ++j) {
                const double v = D[b - j * w] + a.cost[std::size_t(1 + std::int64_t(j) * q)];
                if (v < best) best = v, best_j = std::uint32_t(j);
            }
            next[b] = best;
            ch[b] = best_j;
        }
        D.swap(next);
    }
    r.ranks.assign(groups.size(), 1);
    std::size_t b = B;
    for (std::size_t g = groups.size(); g-- > 0;) {
        const std::uint32_t j = choice[g * (B + 1) + b];
        r.ranks[g] = 1 + std::int64_t(j) * q;
        b -= std::size_t(j) * std::size_t(q * groups[g].step / sz.unit);
    }
    if (q > 1) {  // spend what the grid left, one rank at a time
        std::int64_t left = r.budget - paramsOf(groups, r.ranks);
        while (true) {
            std::size_t best = groups.size();
            double best_gain = 0;
            for (std::size_t g = 0; g < groups.size(); ++g) {
                const AllocationGroup& a = groups[g];
                if (r.ranks[g] >= a.max_rank || a.step > left) continue;
                const double gain =
                    (a.cost[std::size_t(r.ranks[g])] - a.cost[std::size_t(r.ranks[g] + 1)]) / double(a.step);
                if (gain > best_gain) best_gain = gain, best = g;
            }
            if (best == groups.size()) break;
            ++r.ranks[best];
            left -= groups[best].step;
        }
    }
    r.objective = objectiveOf(groups, r.ranks);
    if (uniform_feasible && r.uniform_objective < r.objective) {
        r.ranks = uniform;
        r.objective = r.uniform_objective;
        r.fell_back_to_uniform = true;
    }
    r.used = paramsOf(groups, r.ranks);
    return r;
}

std::vector<double> relativeErrorCurve(const std::vector<ErrorCurve>& layers) {
    std::size_t m = 0;
    for (const ErrorCurve& c : layers) m = std::max(m, c.whitened_sq.size());
    std::vector<double> f(m, 0.0);
    for (const ErrorCurve& c : layers) {
        if (!(c.whitened_norm_sq > 0)) continue;
        for (std::size_t k = 0; k < m; ++k) {
            const double sq = k < c.whitened_sq.size() ? c.whitened_sq[k] : 0.0;
            f[k] += std::max(0.0, sq) / c.whitened_norm_sq;
        }
    }
    return f;
}

std::vector<AllocationGroup> allocationGroups(const std::vector<GroupLayout>& layout,
                                              const std::vector<std::vector<ErrorCurve>>& curves) {
    if (curves.size() != layout.size())
        throw Error("allocation: " + std::to_string(curves.size()) + " curves for " + std::to_string(layout.size()) +
                    " groups");
    std::vector<AllocationGroup> out;
    for (std::size_t i = 0; i < layout.size(); ++i) {
        const GroupLayout& g = layout[i];
        AllocationGroup a;
        const std::int64_t n = std::int64_t(g.layers.size());
        a.step = g.d_in + n * g.d_out;
        a.cost = relativeErrorCurve(curves[i]);
        const std::int64_t curve_max = std::int64_t(a.cost.size()) - 1;
        const std::int64_t dense_max = g.denseParams() / a.step;  // stored <= dense
        a.max_rank = std::max<std::int64_t>(1, std::min({g.d_in, n * g.d_out, dense_max, curve_max}));
        a.uniform_rank = g.rank;
        out.push_back(std::move(a));
    }
    return out;
}

AllocationResult allocate(Allocation allocation, std::vector<GroupLayout>& layout,
                          const std::vector<std::vector<ErrorCurve>>& curves, const AllocationOptions& options) {
    const std::vector<AllocationGroup> groups = allocationGroups(layout, curves);
    if (allocation == Allocation::uniform) {
        AllocationResult r;
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const std::int64_t k = layout[i].rank;
            r.ranks.push_back(k);
            r.budget += groups[i].step * k;
            if (k < std::int64_t(groups[i].cost.size())) r.uniform_objective += groups[i].cost[std::size_t(k)];
        }
        r.used = r.budget;
        r.objective = r.uniform_objective;
        return r;
    }
    AllocationResult r = allocateRanks(groups, options);
    for (std::size_t i = 0; i < layout.size(); ++i) layout[i].rank = r.ranks[i];
    return r;
}

}  // namespace basislab
