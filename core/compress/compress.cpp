#include "compress.h"

#include "../base/error.h"
#include "../base/torch_compute.h"
#include "compressed_tensors.h"
#include "errors.h"
#include "group_factorizer.h"
#include "refit.h"

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
    const std::vector<GroupLayout> layout = groupLayout(plan, model.config());
    const at::ScalarType storage = options.storage_dtype.empty() ? model.dtype() : toDtype(options.storage_dtype);
    ProgressReporter reporter(progress, "compress", std::int64_t(layout.size()));
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
        if (options.keep_tensors) tensors->groups.push_back(std::move(cg));
        for (const auto& [key, last] : last_use)
            if (last == gi) factorizer.release(key.first, key.second);
        reporter.report(std::int64_t(gi) + 1, 0, g.layers.back(), model.config().num_hidden_layers,
                        std::string(name(g.type)) + " group " + std::to_string(g.index));
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
