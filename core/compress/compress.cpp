#include "compress.h"

#include "../base/error.h"
#include "../base/off_heap.h"
#include "../base/torch_compute.h"
#include "allocation.h"
#include "compressed_tensors.h"
#include "errors.h"
#include "group_factorizer.h"
#include "refit.h"
#include "update.h"

#include <c10/core/InferenceMode.h>

#include <chrono>
#include <map>
#include <optional>

namespace basislab {
namespace {

double secondsSince(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

ProjectionOverrides overridesOf(const CompressedModel& compressed, at::ScalarType dtype, at::Device device) {
    ProjectionOverrides out;
    if (!compressed.tensors) return out;
    for (const CompressedGroup& g : compressed.tensors->groups) {
        const at::Tensor B = g.basis.to(device, dtype);
        for (std::size_t i = 0; i < g.layout.layers.size(); ++i) {
            Projection p;
            p.basis = B;
            p.coefficient = g.coefficients[i].to(device, dtype);
            out[{g.layout.layers[i], g.layout.type}] = p;
        }
    }
    return out;
}

ProjectionOverrides overridesOf(const CompressedModel& compressed, const LlamaModel& model) {
    return overridesOf(compressed, model.dtype(), model.device());
}

CompressedModel compress(const LlamaModel& model, const Calibration& calibration, const CompressionPlan& plan,
                         const CompressOptions& options, const ProgressFn& progress) {
    const auto start = std::chrono::steady_clock::now();
    c10::InferenceMode guard;
    const std::vector<GroupLayout> uniform = groupLayout(plan, model.config());
    std::vector<GroupLayout> layout = uniform;
    const at::ScalarType storage = options.storage_dtype.empty() ? model.dtype() : toDtype(options.storage_dtype);
    // Error allocation: a first pass factorizes every group for its error curves (kept: O(rank) per
    // layer), the knapsack picks the ranks, the second pass factorizes again at those ranks.
    const bool allocating = plan.allocation != Allocation::uniform;
    const std::int64_t passes = allocating ? 2 : 1;
    ProgressReporter reporter(progress, "compress", passes * std::int64_t(layout.size()));
    reporter.report(0);
    GroupFactorizer factorizer(model, calibration, options);
    // The last group that needs each (layer, site): its Gram and whitening are released after it,
    // so the factorizer's caches hold a group's layers, not the whole model's.
    std::map<std::pair<int, Site>, std::size_t> last_use;
    for (std::size_t gi = 0; gi < layout.size(); ++gi)
        for (int l : layout[gi].layers) last_use[{l, siteOf(layout[gi].type)}] = gi;
    auto tensors = std::make_shared<CompressedTensors>();
    CompressedModel out;
    CompressionReport& report = out.report;
    std::int64_t done = 0;
    if (allocating) {
        std::vector<std::vector<ErrorCurve>> curves;
        for (const GroupLayout& g : layout) {
            const GroupWork work = factorizer.factor(plan, g);
            std::vector<ErrorCurve> group_curves;
            for (std::size_t i = 0; i < g.layers.size(); ++i) {
                ErrorCurve c = errorCurve(work.f, i, work.G[i], work.W[i]);
                c.layer = g.layers[i];
                c.frobenius_sq.clear();
                group_curves.push_back(std::move(c));
            }
            curves.push_back(std::move(group_curves));
            reporter.report(++done, 0, g.layers.back(), model.config().num_hidden_layers,
                            std::string("error curves of ") + name(g.type) + " group " + std::to_string(g.index));
        }
        const AllocationResult chosen = allocate(plan.allocation, layout, curves);
        report.allocation.budget_params = chosen.budget;
        report.allocation.used_params = chosen.used;
        report.allocation.objective = chosen.objective;
        report.allocation.uniform_objective = chosen.uniform_objective;
        report.allocation.rank_quantum = chosen.rank_quantum;
        report.allocation.fell_back_to_uniform = chosen.fell_back_to_uniform;
    }
    report.plan = plan;
    report.model = model.dir();
    std::optional<at::ScalarType> rounded;
    if (!options.rounded_dtype.empty()) {
        rounded = toDtype(options.rounded_dtype);
        if (*rounded != at::kBFloat16 && *rounded != at::kHalf)
            throw Error("rounded_dtype must be bfloat16 or float16, not '" + options.rounded_dtype + "'");
        report.rounded_dtype = dtypeName(*rounded);
    }
    for (std::size_t gi = 0; gi < layout.size(); ++gi) {
        const GroupLayout& g = layout[gi];
        const auto group_start = std::chrono::steady_clock::now();
        const GroupWork work = factorizer.factor(plan, g);
        const std::int64_t k = g.rank;
        const at::Tensor B = work.f.basis(k);  // (d_in, k)
        CompressedGroup cg;
        cg.layout = g;
        cg.basis = B.to(storage);
        for (std::size_t i = 0; i < g.layers.size(); ++i) {
            at::Tensor C = work.f.coefficient(i, k);  // (k, d_out)
            const LayerError before = directError(work.W[i], at::matmul(B, C), work.G[i]);
            LayerReport lr;
            lr.layer = g.layers[i];
            lr.type = g.type;
            lr.group = int(gi);
            lr.rank = k;
            lr.whitened_error = before.whitened;
            lr.frobenius_error = before.frobenius;
            if (plan.refit) {
                RefitShift shift;
                C = refitCoefficient(B, work.G[i], work.W[i], &shift);
                lr.refit_shift = shift.shift;
                lr.refit_shift_relative = shift.relative;
                const LayerError after = directError(work.W[i], at::matmul(B, C), work.G[i]);
                lr.whitened_error_before_refit = before.whitened;
                lr.frobenius_error_before_refit = before.frobenius;
                lr.whitened_error = after.whitened;
                lr.frobenius_error = after.frobenius;
            }
            if (!at::isfinite(C).all().item<bool>() || !at::isfinite(B).all().item<bool>())
                throw Error("layer " + std::to_string(g.layers[i]) + ", type " + name(g.type) +
                            ": the factorization produced NaN or Inf");
            cg.coefficients.push_back(C.to(storage));
            if (rounded) {
                const at::Tensor Bs = cg.basis.to(at::kDouble), Cs = cg.coefficients.back().to(at::kDouble);
                const at::Tensor W_hat = options.round_product
                                             ? at::matmul(Bs, Cs).to(*rounded).to(at::kDouble)
                                             : at::matmul(cg.basis.to(*rounded).to(at::kDouble),
                                                          cg.coefficients.back().to(*rounded).to(at::kDouble));
                lr.whitened_error_rounded = directError(work.W[i], W_hat, work.G[i]).whitened;
            }
            report.layers.push_back(lr);
        }
        GroupReport gr;
        gr.type = g.type;
        gr.index = g.index;
        gr.layers = g.layers;
        gr.rank = k;
        gr.uniform_rank = uniform[gi].rank;
        gr.formula_rank = g.formula_rank;
        gr.max_rank = work.f.maxRank();
        gr.alpha = work.weights.alpha;
        gr.scale = work.weights.beta;
        gr.cholesky_shift = work.shift;
        gr.cholesky_shift_relative = work.shift_relative;
        gr.dense_params = g.denseParams();
        gr.stored_params = g.storedParams();
        gr.solver = name(work.f.solver);
        gr.seconds = secondsSince(group_start);
        report.groups.push_back(gr);
        // The streamed update needs every group's basis and coefficients after the loop.
        if (options.keep_tensors || plan.streamsUpdate()) tensors->groups.push_back(std::move(cg));
        for (const auto& [key, last] : last_use)
            if (last == gi) factorizer.release(key.first, key.second);
        if (!model.device().is_cuda()) trimHeapIfGrown();  // base/off_heap.h
        reporter.report(++done, 0, g.layers.back(), model.config().num_hidden_layers,
                        std::string(name(g.type)) + " group " + std::to_string(g.index));
    }
    if (plan.streamsUpdate()) {
        const auto update_start = std::chrono::steady_clock::now();
        const at::Tensor ids =
            reproduceCalibrationWindows(model, calibration.summary().settings, options.calibration_text);
        UpdateOptions uo;
        uo.micro_batch = options.update_micro_batch;
        uo.rounded = rounded;
        uo.round_product = options.round_product;
        updateCoefficients(model, ids, plan.update, *tensors, report.layers, uo, progress);
        report.update_seconds = secondsSince(update_start);
    }
    std::stable_sort(report.layers.begin(), report.layers.end(), [](const LayerReport& a, const LayerReport& b) {
        return a.layer != b.layer ? a.layer < b.layer : a.type < b.type;
    });
    report.finish(model.config());
    report.seconds = secondsSince(start);
    out.tensors = std::move(tensors);
    return out;
}

}  // namespace basislab
