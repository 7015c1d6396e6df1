#include "preview.h"

#include "allocation.h"
#include "errors.h"
#include "group_factorizer.h"
#include "refit.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cstdio>
#include <map>

namespace basislab {
namespace {

std::string groupKey(const CompressionPlan& plan, const GroupLayout& g, SvdSolver solver) {
    std::string key = std::string(name(plan.method)) + "|" + name(g.type) + "|";
    for (int l : g.layers) key += std::to_string(l) + ",";
    if (plan.method == Method::basis_sharing && g.layers.size() > 1) key += "|" + plan.alpha.text();
    if (plan.method == Method::asvd) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "|a=%.17g", plan.asvd_exponent);
        key += buf;
    }
    return key + "|" + name(solver);
}

std::vector<double> toVector(const at::Tensor& t) {
    const at::Tensor c = t.to(at::kCPU, at::kDouble).contiguous();
    return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

}  // namespace

struct ErrorPreview::Impl {
    std::shared_ptr<const LlamaModel> model;
    std::shared_ptr<const Calibration> calibration;
    CompressOptions options;
    GroupFactorizer factorizer;
    std::map<std::string, GroupCurves> curves;
    std::map<std::string, std::vector<LayerError>> refits;  // key + "|k=" + rank
    std::size_t factorizations = 0;

    Impl(std::shared_ptr<const LlamaModel> m, std::shared_ptr<const Calibration> c, CompressOptions o)
        : model(std::move(m)), calibration(std::move(c)), options(o), factorizer(*model, *calibration, options) {}

    const GroupCurves& curvesOf(const CompressionPlan& plan, const GroupLayout& g) {
        const std::string key = groupKey(plan, g, options.solver);
        if (const auto it = curves.find(key); it != curves.end()) return it->second;
        const GroupWork work = factorizer.factor(plan, g);
        ++factorizations;
        GroupCurves gc;
        gc.type = g.type;
        gc.index = g.index;
        gc.layers = g.layers;
        gc.sigma = toVector(work.f.sigma);
        gc.alpha = work.weights.alpha;
        gc.scale = work.weights.beta;
        gc.cholesky_shift = work.shift;
        gc.cholesky_shift_relative = work.shift_relative;
        gc.solver = name(work.f.solver);
        for (std::size_t i = 0; i < g.layers.size(); ++i) {
            ErrorCurve c = errorCurve(work.f, i, work.G[i], work.W[i]);
            c.layer = g.layers[i];
            gc.curves.push_back(std::move(c));
        }
        return curves.emplace(key, std::move(gc)).first->second;
    }

    const std::vector<LayerError>& refitOf(const CompressionPlan& plan, const GroupLayout& g) {
        const std::string key = groupKey(plan, g, options.solver) + "|k=" + std::to_string(g.rank);
        if (const auto it = refits.find(key); it != refits.end()) return it->second;
        const GroupWork work = factorizer.factor(plan, g);
        ++factorizations;
        const at::Tensor B = work.f.basis(g.rank);  // (d_in, k)
        std::vector<LayerError> errors;
        for (std::size_t i = 0; i < g.layers.size(); ++i) {
            const at::Tensor C = refitCoefficient(B, work.G[i], work.W[i]);  // (k, d_out)
            errors.push_back(directError(work.W[i], at::matmul(B, C), work.G[i]));
        }
        return refits.emplace(key, std::move(errors)).first->second;
    }
};

ErrorPreview::ErrorPreview(std::shared_ptr<const LlamaModel> model, std::shared_ptr<const Calibration> calibration,
                           CompressOptions options)
    : impl_(std::make_unique<Impl>(std::move(model), std::move(calibration), options)) {}

ErrorPreview::~ErrorPreview() = default;

std::vector<GroupCurves> ErrorPreview::curves(const CompressionPlan& plan, const ProgressFn& progress) {
    c10::InferenceMode guard;
    const std::vector<GroupLayout> layout = groupLayout(plan, impl_->model->config());
    ProgressReporter reporter(progress, "preview", std::int64_t(layout.size()));
    std::vector<GroupCurves> out;
    for (std::size_t i = 0; i < layout.size(); ++i) {
        reporter.report(std::int64_t(i));
        out.push_back(impl_->curvesOf(plan, layout[i]));
    }
    reporter.report(std::int64_t(layout.size()));
    return out;
}

CompressionReport ErrorPreview::evaluate(const CompressionPlan& plan, const ProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    c10::InferenceMode guard;
    const std::vector<GroupLayout> uniform = groupLayout(plan, impl_->model->config());
    std::vector<GroupLayout> layout = uniform;
    ProgressReporter reporter(progress, "preview", std::int64_t(layout.size()));
    CompressionReport report;
    report.plan = plan;
    report.model = impl_->model->dir();
    // Every group's curves first (cached), then the allocation (allocation.h) picks the ranks.
    std::vector<std::vector<ErrorCurve>> all_curves;
    for (std::size_t gi = 0; gi < layout.size(); ++gi) {
        reporter.report(std::int64_t(gi));
        all_curves.push_back(impl_->curvesOf(plan, layout[gi]).curves);
    }
    const AllocationResult chosen = allocate(plan.allocation, layout, all_curves);
    report.allocation.budget_params = chosen.budget;
    report.allocation.used_params = chosen.used;
    report.allocation.objective = chosen.objective;
    report.allocation.uniform_objective = chosen.uniform_objective;
    report.allocation.rank_quantum = chosen.rank_quantum;
    report.allocation.fell_back_to_uniform = chosen.fell_back_to_uniform;
    for (std::size_t gi = 0; gi < layout.size(); ++gi) {
        const GroupLayout& g = layout[gi];
        const GroupCurves& gc = impl_->curvesOf(plan, g);
        const std::vector<LayerError>* refit = plan.refit ? &impl_->refitOf(plan, g) : nullptr;
        for (std::size_t i = 0; i < g.layers.size(); ++i) {
            LayerReport lr;
            lr.layer = g.layers[i];
            lr.type = g.type;
            lr.group = int(gi);
            lr.rank = g.rank;
            lr.whitened_error = gc.curves[i].whitenedError(g.rank);
            lr.frobenius_error = gc.curves[i].frobeniusError(g.rank);
            if (refit) {
                lr.whitened_error_before_refit = lr.whitened_error;
                lr.frobenius_error_before_refit = lr.frobenius_error;
                lr.whitened_error = (*refit)[i].whitened;
                lr.frobenius_error = (*refit)[i].frobenius;
            }
            report.layers.push_back(lr);
        }
        GroupReport gr;
        gr.type = g.type;
        gr.index = g.index;
        gr.layers = g.layers;
        gr.rank = g.rank;
        gr.uniform_rank = uniform[gi].rank;
        gr.formula_rank = g.formula_rank;
        gr.max_rank = std::int64_t(gc.sigma.size());
        gr.alpha = gc.alpha;
        gr.scale = gc.scale;
        gr.cholesky_shift = gc.cholesky_shift;
        gr.cholesky_shift_relative = gc.cholesky_shift_relative;
        gr.dense_params = g.denseParams();
        gr.stored_params = g.storedParams();
        gr.solver = gc.solver;
        report.groups.push_back(gr);
    }
    reporter.report(std::int64_t(layout.size()));
    std::stable_sort(report.layers.begin(), report.layers.end(), [](const LayerReport& a, const LayerReport& b) {
        return a.layer != b.layer ? a.layer < b.layer : a.type < b.type;
    });
    report.finish(impl_->model->config());
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return report;
}

std::size_t ErrorPreview::cachedGroups() const {
    return impl_->curves.size();
}

std::size_t ErrorPreview::factorizations() const {
    return impl_->factorizations;
}

void ErrorPreview::clear() {
    impl_->curves.clear();
    impl_->refits.clear();
}

}  // namespace basislab
