// Rank allocation (allocation.h): the knapsack against brute force on small random cases (curves
// not convex), the budget, the uniform fallback, the edge cases, and a Llama2-7B-sized instance.
#include "base/error.h"
#include "compress/allocation.h"
#include "test_helpers.h"

#include <QElapsedTimer>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

using namespace basislab;
using namespace basislab::test;

namespace {

/// A decreasing-on-average but non-convex curve f(0..m), f(m) ~ 0; with `bumpy` it may even rise.
std::vector<double> randomCurve(std::mt19937& rng, std::int64_t m, bool bumpy) {
    std::uniform_real_distribution<double> u(0, 1);
    std::vector<double> drops(std::size_t(m), 0);
    for (double& d : drops) d = std::pow(u(rng), 3) * (u(rng) < 0.3 ? 5 : 1);  // spiky: non-convex
    std::vector<double> f(std::size_t(m) + 1, 0);
    for (std::int64_t k = m - 1; k >= 0; --k) f[std::size_t(k)] = f[std::size_t(k) + 1] + drops[std::size_t(k)];
    if (bumpy)
        for (double& v : f) v += 0.3 * u(rng);
    return f;
}

struct Brute {
    double objective = INFINITY;
    std::int64_t used = 0;
};

Brute bruteForce(const std::vector<AllocationGroup>& groups, std::int64_t budget) {
    Brute best;
    std::vector<std::int64_t> k(groups.size(), 1);
    std::function<void(std::size_t, std::int64_t, double)> rec = [&](std::size_t g, std::int64_t params, double obj) {
        if (params > budget) return;
        if (g == groups.size()) {
            if (obj < best.objective) best = {obj, params};
            return;
        }
        for (std::int64_t r = 1; r <= groups[g].max_rank; ++r)
            rec(g + 1, params + r * groups[g].step, obj + groups[g].cost[std::size_t(r)]);
    };
    rec(0, 0, 0);
    return best;
}

std::int64_t paramsOf(const std::vector<AllocationGroup>& groups, const std::vector<std::int64_t>& ranks) {
    std::int64_t p = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) p += groups[g].step * ranks[g];
    return p;
}

}  // namespace

class TestAllocation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void names() {
        QCOMPARE(parseAllocation("error"), std::optional<Allocation>(Allocation::error));
        QCOMPARE(parseAllocation("uniform"), std::optional<Allocation>(Allocation::uniform));
        QVERIFY(!parseAllocation("errors"));
        CompressionPlan p;
        p.allocation = Allocation::error;
        QVERIFY(QString::fromStdString(p.describe()).endsWith(" alloc=error"));
    }

    void equalsBruteForce() {
        std::mt19937 rng(11);
        std::uniform_int_distribution<int> groups_n(1, 4), rank_n(1, 6), step_n(1, 9), unif_n(1, 6);
        int cases = 0, strictly_better = 0;
        for (int c = 0; c < 400; ++c) {
            std::vector<AllocationGroup> groups(std::size_t(groups_n(rng)));
            for (AllocationGroup& g : groups) {
                g.max_rank = rank_n(rng);
                g.step = step_n(rng) * (c % 3 == 0 ? 6 : 1);  // a common factor: the gcd unit is > 1
                g.uniform_rank = std::min<std::int64_t>(g.max_rank, unif_n(rng));
                g.cost = randomCurve(rng, g.max_rank, c % 2 == 1);
            }
            const AllocationResult r = allocateRanks(groups);
            std::int64_t budget = 0;
            for (const AllocationGroup& g : groups) budget += g.step * g.uniform_rank;
            QCOMPARE(r.budget, budget);
            QCOMPARE(r.rank_quantum, std::int64_t(1));
            QVERIFY(!r.fell_back_to_uniform);
            QCOMPARE(r.used, paramsOf(groups, r.ranks));
            QVERIFY(r.used <= r.budget);
            for (std::size_t g = 0; g < groups.size(); ++g)
                QVERIFY(r.ranks[g] >= 1 && r.ranks[g] <= groups[g].max_rank);
            const Brute b = bruteForce(groups, budget);
            QVERIFY2(std::abs(r.objective - b.objective) <= 1e-12 * (1 + b.objective),
                     qPrintable(QString("case %1: dp %2, brute force %3").arg(c).arg(r.objective).arg(b.objective)));
            QVERIFY(r.objective <= r.uniform_objective + 1e-15);
            strictly_better += r.objective < r.uniform_objective - 1e-12;
            ++cases;
        }
        QVERIFY(strictly_better > cases / 4);  // the cases are not trivial
    }

    void quantisedStaysWithinBudgetAndBeatsUniform() {
        // Force q > 1 with a tiny work limit: the result is within budget and never above uniform.
        std::mt19937 rng(5);
        for (int c = 0; c < 50; ++c) {
            std::vector<AllocationGroup> groups(6);
            for (AllocationGroup& g : groups) {
                g.max_rank = 40;
                g.step = 3 + c % 5;
                g.uniform_rank = 7 + c % 11;
                g.cost = randomCurve(rng, g.max_rank, c % 2 == 0);
            }
            AllocationOptions o;
            o.max_work = 200;
            const AllocationResult r = allocateRanks(groups, o);
            QVERIFY(r.rank_quantum > 1);
            QVERIFY(r.used <= r.budget);
            QCOMPARE(r.used, paramsOf(groups, r.ranks));
            QVERIFY(r.objective <= r.uniform_objective);
            for (std::size_t g = 0; g < groups.size(); ++g)
                QVERIFY(r.ranks[g] >= 1 && r.ranks[g] <= groups[g].max_rank);
        }
    }

    void edgeCases() {
        std::mt19937 rng(3);
        // The budget allows only rank 1 everywhere.
        std::vector<AllocationGroup> groups(5);
        for (AllocationGroup& g : groups) {
            g.max_rank = 8;
            g.step = 7;
            g.uniform_rank = 1;
            g.cost = randomCurve(rng, 8, false);
        }
        AllocationResult r = allocateRanks(groups);
        QCOMPARE(r.ranks, std::vector<std::int64_t>(5, 1));
        QCOMPARE(r.used, r.budget);
        // Full rank everywhere: the uniform ranks are the only choice at that budget.
        for (AllocationGroup& g : groups) g.uniform_rank = g.max_rank;
        r = allocateRanks(groups);
        QCOMPARE(r.ranks, std::vector<std::int64_t>(5, 8));
        QCOMPARE(r.objective, 0.0);
        // One group: the best rank within budget, here the largest.
        std::vector<AllocationGroup> one(1);
        one[0].max_rank = 10;
        one[0].step = 4;
        one[0].uniform_rank = 6;
        one[0].cost = randomCurve(rng, 10, false);
        r = allocateRanks(one);
        QCOMPARE(r.ranks, std::vector<std::int64_t>{6});
        // One group with a bump: a smaller rank can be best.
        one[0].cost = {10, 5, 1, 4, 3, 2, 2.5, 2, 0.5, 0.2, 0};
        r = allocateRanks(one);
        QCOMPARE(r.ranks, std::vector<std::int64_t>{2});
        QCOMPARE(r.objective, 1.0);
        // A uniform rank above the largest allowed (more parameters than dense) is capped.
        one[0].max_rank = 4;
        r = allocateRanks(one);
        QVERIFY(r.ranks[0] <= 4);
        QVERIFY(allocateRanks({}).ranks.empty());
        // Malformed input names the group.
        one[0].cost.resize(3);
        QVERIFY(errorOf([&] { allocateRanks(one); }).contains("group 0: its error curve stops at rank 2"));
        one[0].cost = randomCurve(rng, 4, false);
        one[0].step = 0;
        QVERIFY(errorOf([&] { allocateRanks(one); }).contains("rank step of 0"));
    }

    void layoutCurves() {
        // f_g sums the layers' squared relative whitened errors; max rank honours dense.
        ErrorCurve a, b;
        a.whitened_sq = {4, 1, 0};
        a.whitened_norm_sq = 4;
        b.whitened_sq = {9, 3, 0};
        b.whitened_norm_sq = 9;
        const std::vector<double> f = relativeErrorCurve({a, b});
        QCOMPARE(f, (std::vector<double>{2, 0.25 + 1.0 / 3, 0}));
        GroupLayout g;
        g.layers = {0, 1};
        g.d_in = 2;
        g.d_out = 1;
        g.rank = 1;
        // step 2 + 2 = 4, dense 4: rank 1 only, though the curve reaches rank 2.
        const std::vector<AllocationGroup> groups = allocationGroups({g}, {{a, b}});
        QCOMPARE(groups[0].step, std::int64_t(4));
        QCOMPARE(groups[0].max_rank, std::int64_t(1));
    }

    void llama7bSize() {
        // 32 layers x 7 types of Llama2-7B, group size 2 for q, k, v, gate, up, convex-ish curves
        // (spectra decaying like k^-0.5) with random bumps; r = 0.4. Checks budget, uniform bound
        // and the time it takes (qInfo; docs/compression.md quotes it).
        std::mt19937 rng(7);
        std::uniform_real_distribution<double> u(0.5, 1.5);
        const std::int64_t h = 4096, f = 11008;
        struct T {
            std::int64_t d_in, d_out;
            int n;
        };
        const T types[7] = {{h, h, 2}, {h, h, 2}, {h, h, 2}, {h, h, 1}, {h, f, 2}, {h, f, 2}, {f, h, 1}};
        std::vector<AllocationGroup> groups;
        for (const T& t : types)
            for (int l = 0; l < 32; l += t.n) {
                AllocationGroup g;
                g.step = t.d_in + t.n * t.d_out;
                g.max_rank = std::min({t.d_in, t.n * t.d_out, t.d_in * t.d_out * t.n / g.step});
                g.uniform_rank = rankFormula(t.d_in, t.d_out, t.n, 0.4);
                const std::int64_t m = std::min(t.d_in, t.n * t.d_out);
                g.cost.assign(std::size_t(m) + 1, 0);
                const double scale = u(rng);
                for (std::int64_t k = m - 1; k >= 0; --k)
                    g.cost[std::size_t(k)] = g.cost[std::size_t(k) + 1] + scale * u(rng) / std::sqrt(double(k + 1));
                const double total = g.cost[0];
                for (double& v : g.cost) v /= total;
                groups.push_back(std::move(g));
            }
        QElapsedTimer timer;
        timer.start();
        const AllocationResult r = allocateRanks(groups);
        const double seconds = double(timer.nsecsElapsed()) * 1e-9;
        qInfo(
            "Llama2-7B-sized allocation: %zu groups, budget %lld parameters, rank quantum %lld, %.2f s, "
            "objective %.4f vs uniform %.4f",
            groups.size(), (long long)r.budget, (long long)r.rank_quantum, seconds, r.objective, r.uniform_objective);
        QVERIFY(r.used <= r.budget);
        QVERIFY(r.objective <= r.uniform_objective);
        QVERIFY(r.budget - r.used < 4096 + 2 * 11008);  // the greedy fill leaves less than one step
        QVERIFY(seconds < 60);
    }
};

QTEST_GUILESS_MAIN(TestAllocation)
#include "test_allocation.moc"
