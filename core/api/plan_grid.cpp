#include "plan_grid.h"

#include "../base/error.h"

#include <cmath>
#include <cstdlib>

namespace basislab::api {
namespace {

std::vector<std::string> items(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (const char ch : text + ",") {
        if (ch == ',') {
            if (!cur.empty()) out.push_back(cur);
            cur.clear();
        } else if (ch != ' ' && ch != '\t') {
            cur += ch;
        }
    }
    return out;
}

double number(const std::string& item, const std::string& field) {
    char* end = nullptr;
    const double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end != '\0' || !std::isfinite(v)) throw Error(field + ": '" + item + "' is not a number");
    return v;
}

}  // namespace

PlanGrid parsePlanGrid(const std::string& ratios, const std::string& alphas, const std::string& group_sizes,
                       const CompressionPlan& base) {
    PlanGrid g;
    for (const std::string& r : items(ratios)) {
        const double v = number(r, "ratios");
        if (!(v >= 0 && v < 1)) throw Error("ratios: " + r + " is not in [0, 1)");
        g.ratios.push_back(v);
    }
    for (const std::string& a : items(alphas)) g.alphas.push_back(AlphaForm::parse(a, "alpha forms"));
    for (const std::string& n : items(group_sizes)) {
        const double v = number(n, "group sizes");
        if (v != std::floor(v) || v < 1 || v > 1e6) throw Error("group sizes: '" + n + "' is not a whole number >= 1");
        g.group_sizes.push_back(int(v));
    }
    if (g.ratios.empty()) g.ratios = {base.ratio};
    if (g.alphas.empty()) g.alphas = {base.alpha};
    if (g.group_sizes.empty()) g.group_sizes = {base.groupSize(base.shared.empty() ? MatrixType::q : base.shared[0])};
    return g;
}

std::vector<CompressionPlan> gridPlans(const CompressionPlan& base, const PlanGrid& grid, const LlamaConfig* config) {
    std::vector<CompressionPlan> plans;
    auto add = [&](CompressionPlan p) {
        p.validate(config);
        plans.push_back(std::move(p));
    };
    for (const double ratio : grid.ratios) {
        CompressionPlan p = base;
        p.ratio = ratio;
        if (base.method != Method::basis_sharing) {
            add(p);
            continue;
        }
        for (const int n : grid.group_sizes) {
            CompressionPlan q = p;
            q.setGroupSize(n);
            if (n == 1) {
                q.alpha = AlphaForm{};
                add(q);
                continue;
            }
            for (const AlphaForm& a : grid.alphas) {
                q.alpha = a;
                add(q);
            }
        }
    }
    return plans;
}

}  // namespace basislab::api
