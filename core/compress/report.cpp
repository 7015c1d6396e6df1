#include "report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace basislab {
namespace {

double meanOf(const std::vector<LayerReport>& layers, MatrixType type, bool whitened) {
    double sum = 0;
    int n = 0;
    for (const LayerReport& l : layers)
        if (l.type == type) {
            sum += whitened ? l.whitened_error : l.frobenius_error;
            ++n;
        }
    return n ? sum / n : -1;
}

std::vector<std::string> typeNames(const std::vector<MatrixType>& types) {
    std::vector<std::string> out;
    for (MatrixType t : types) out.push_back(name(t));
    return out;
}

}  // namespace

double CompressionReport::meanWhitenedError(MatrixType type) const {
    return meanOf(layers, type, true);
}

double CompressionReport::meanFrobeniusError(MatrixType type) const {
    return meanOf(layers, type, false);
}

double CompressionReport::meanOutputError(bool after) const {
    double sum = 0;
    int n = 0;
    for (const LayerReport& l : layers) {
        const double e = after ? l.output_error_after : l.output_error_before;
        if (e >= 0) sum += e, ++n;
    }
    return n ? sum / n : -1;
}

void CompressionReport::finish(const LlamaConfig& config) {
    dense_params = stored_params = 0;
    warnings.clear();
    for (GroupReport& g : groups) {
        dense_params += g.dense_params;
        stored_params += g.stored_params;
        g.saves_params = g.stored_params < g.dense_params;
        std::string where = std::string(name(g.type)) + " group " + std::to_string(g.index) + " (layers " +
                            std::to_string(g.layers.front()) + "-" + std::to_string(g.layers.back()) + ")";
        char buf[256];
        if (g.cholesky_shift > 0) {
            std::snprintf(buf, sizeof buf, "%s: Cholesky needed a diagonal shift of %.3g (%.3g x the mean eigenvalue)",
                          where.c_str(), g.cholesky_shift, g.cholesky_shift_relative);
            warnings.push_back(buf);
        }
        if (!g.saves_params) {
            std::snprintf(buf, sizeof buf, "%s: rank %lld stores %lld parameters, no fewer than the dense %lld",
                          where.c_str(), (long long)g.rank, (long long)g.stored_params, (long long)g.dense_params);
            warnings.push_back(buf);
        }
        const std::int64_t uniform_rank = g.uniform_rank > 0 ? g.uniform_rank : g.rank;  // 0: not filled in
        if (uniform_rank != g.formula_rank) {
            std::snprintf(buf, sizeof buf, "%s: rank %lld from the ratio clamped to %lld", where.c_str(),
                          (long long)g.formula_rank, (long long)uniform_rank);
            warnings.push_back(buf);
        }
    }
    // One line per shifted solve (refit.h's policy), the refits first, then the updates.
    const auto shiftWarnings = [&](const char* system, double LayerReport::*shift, double LayerReport::*relative) {
        for (const LayerReport& l : layers)
            if (l.*shift > 0) {
                char buf[256];
                std::snprintf(buf, sizeof buf,
                              "layer %d, %s: %s is ill-conditioned; solved with a diagonal shift of %.3g (%.3g x its "
                              "mean diagonal)",
                              l.layer, name(l.type), system, l.*shift, l.*relative);
                warnings.push_back(buf);
            }
    };
    shiftWarnings("the refit's B^T G B", &LayerReport::refit_shift, &LayerReport::refit_shift_relative);
    shiftWarnings("the update's B^T G' B", &LayerReport::update_shift, &LayerReport::update_shift_relative);
    achieved_ratio = dense_params > 0 ? 1 - double(stored_params) / double(dense_params) : 0;
    model_params = modelParameters(config);
    model_params_after = model_params - dense_params + stored_params;
    achieved_ratio_model = model_params > 0 ? 1 - double(model_params_after) / double(model_params) : 0;
}

std::string CompressionReport::ranksText() const {
    std::vector<const GroupReport*> sorted;
    for (const GroupReport& g : groups) sorted.push_back(&g);
    std::stable_sort(sorted.begin(), sorted.end(), [](const GroupReport* a, const GroupReport* b) {
        return a->type != b->type ? a->type < b->type : a->index < b->index;
    });
    std::string s;
    for (const GroupReport* g : sorted)
        s += (s.empty() ? "" : " ") + std::string(name(g->type)) + std::to_string(g->index) + "=" +
             std::to_string(g->rank);
    return s;
}

std::string CompressionReport::toJson(int indent) const {
    using nlohmann::json;
    json groups_json = json::array();
    for (const GroupReport& g : groups)
        groups_json.push_back({{"type", name(g.type)},
                               {"index", g.index},
                               {"layers", g.layers},
                               {"rank", g.rank},
                               {"uniform_rank", g.uniform_rank},
                               {"formula_rank", g.formula_rank},
                               {"max_rank", g.max_rank},
                               {"alpha", g.alpha},
                               {"scale", g.scale},
                               {"cholesky_shift", g.cholesky_shift},
                               {"cholesky_shift_relative", g.cholesky_shift_relative},
                               {"dense_params", g.dense_params},
                               {"stored_params", g.stored_params},
                               {"saves_params", g.saves_params},
                               {"solver", g.solver},
                               {"seconds", g.seconds}});
    json layers_json = json::array();
    for (const LayerReport& l : layers) {
        json j{{"layer", l.layer},
               {"type", name(l.type)},
               {"group", l.group},
               {"rank", l.rank},
               {"whitened_error", l.whitened_error},
               {"frobenius_error", l.frobenius_error}};
        if (l.whitened_error_before_refit >= 0) {
            j["whitened_error_before_refit"] = l.whitened_error_before_refit;
            j["frobenius_error_before_refit"] = l.frobenius_error_before_refit;
            j["refit_shift"] = l.refit_shift;
            j["refit_shift_relative"] = l.refit_shift_relative;
        }
        if (l.whitened_error_rounded >= 0) j["whitened_error_rounded"] = l.whitened_error_rounded;
        if (l.output_error_after >= 0) {
            j["output_error_before"] = l.output_error_before;
            j["output_error_after"] = l.output_error_after;
            j["update_shift"] = l.update_shift;
            j["update_shift_relative"] = l.update_shift_relative;
        }
        layers_json.push_back(std::move(j));
    }
    json mean = json::object();
    for (MatrixType t : plan.types) mean[name(t)] = meanWhitenedError(t);
    const json j{{"method", name(plan.method)},
                 {"ratio", plan.ratio},
                 {"types", typeNames(plan.types)},
                 {"shared", plan.method == Method::basis_sharing ? typeNames(plan.shared) : std::vector<std::string>{}},
                 {"group_size", groupSizeText(plan)},
                 {"alpha_form", plan.alpha.text()},
                 {"refit", plan.refit},
                 {"update", name(plan.updateKind())},
                 {"mean_output_error_before", meanOutputError(false)},
                 {"mean_output_error_after", meanOutputError(true)},
                 {"update_seconds", update_seconds},
                 {"asvd_exponent", plan.asvd_exponent},
                 {"plan", plan.describe()},
                 {"model", model},
                 {"achieved_ratio", achieved_ratio},
                 {"achieved_ratio_model", achieved_ratio_model},
                 {"dense_params", dense_params},
                 {"stored_params", stored_params},
                 {"model_params", model_params},
                 {"model_params_after", model_params_after},
                 {"seconds", seconds},
                 {"mean_whitened_error", mean},
                 {"warnings", warnings},
                 {"rounded_dtype", rounded_dtype},
                 {"allocation", name(plan.allocation)},
                 {"allocation_summary",
                  {{"budget_params", allocation.budget_params},
                   {"used_params", allocation.used_params},
                   {"objective", allocation.objective},
                   {"uniform_objective", allocation.uniform_objective},
                   {"rank_quantum", allocation.rank_quantum},
                   {"fell_back_to_uniform", allocation.fell_back_to_uniform}}},
                 {"ranks", ranksText()},
                 {"groups", groups_json},
                 {"layers", layers_json}};
    return j.dump(indent);
}

}  // namespace basislab
