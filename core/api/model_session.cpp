#include "model_session.h"

#include "../base/error.h"
#include "../calib/calibrator.h"
#include "../calib/store.h"
#include "../compress/compress.h"
#include "../compress/compressed_tensors.h"
#include "../compress/preview.h"
#include "../eval/perplexity.h"
#include "../eval/zeroshot.h"
#include "../model/fingerprint.h"
#include "../model/llama_model.h"

namespace basislab::api {
namespace {
// A resident model costs nothing extra per wave of windows, so keep waves small: progress (and
// with it cancellation) then comes every fraction of a second instead of once per layer over the
// whole text. A streamed model reloads every layer per wave, so it keeps the core's large default.
constexpr std::size_t kResidentWaveBytes = std::size_t(4) << 20;

PerplexitySnapshot snapshotOf(const PerplexityResult& r) {
    PerplexitySnapshot s;
    s.protocol = r.protocol;
    s.ppl = r.ppl;
    s.nll = r.nll;
    s.scored_tokens = r.scored_tokens;
    s.windows = r.windows;
    s.text_tokens = r.text_tokens;
    s.seconds = r.seconds;
    s.tokens_per_second = r.tokens_per_second;
    return s;
}
}  // namespace

struct ModelSession::Impl {
    ModelInfo info;
    ComputeOptions compute;
    std::shared_ptr<LlamaModel> model;
    std::shared_ptr<const Calibration> calibration;
    std::unique_ptr<ErrorPreview> preview;  // made on first use for `calibration`

    const Calibration& requireCalibration() const {
        if (!calibration) throw Error("no calibration: run or load one first (step 2)");
        return *calibration;
    }
    PerplexityOptions perplexityOptions(const PerplexityRequest& request) const {
        PerplexityOptions options;
        options.window = request.window;
        options.max_windows = request.max_windows;
        options.protocol = request.protocol;
        if (model->resident()) options.hidden_budget_bytes = kResidentWaveBytes;
        return options;
    }
    /// Perplexity when the request names a text, zero-shot accuracy when it names task files.
    PerplexitySnapshot measure(const PerplexityRequest& request, const ProgressFn& progress,
                               const ProjectionOverrides* overrides) const {
        if (request.text_path.empty() && request.zeroshot_tasks.empty())
            throw Error("nothing to evaluate: choose a text or zero-shot task files");
        PerplexitySnapshot s;
        s.protocol = request.protocol;
        if (!request.text_path.empty())
            s = snapshotOf(
                perplexityOfFile(*model, request.text_path, perplexityOptions(request), progress, overrides));
        if (!request.zeroshot_tasks.empty())
            s.zeroshot = zeroShotResults(zeroShot(*model, request.zeroshot_tasks, {}, progress, overrides));
        return s;
    }
    void setCalibration(std::shared_ptr<const Calibration> c) {
        preview.reset();
        calibration = std::move(c);
    }
};

CompressionPlan plainBasisSharing(const CompressionPlan& plan) {
    CompressionPlan base = plan;
    base.method = Method::basis_sharing;
    base.alpha = AlphaForm{};
    base.setUpdate(UpdateKind::none);
    base.allocation = Allocation::uniform;
    return base;
}

ModelSession::ModelSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ModelSession::~ModelSession() = default;

std::unique_ptr<ModelSession> ModelSession::open(const std::string& dir, const ComputeOptions& compute) {
    validate(compute);
    configureThreads(compute.threads);
    auto impl = std::make_unique<Impl>();
    impl->info = readModelInfo(dir);
    impl->compute = compute;
    ModelOptions options;
    options.compute = compute;
    impl->model = LlamaModel::open(dir, options);
    return std::unique_ptr<ModelSession>(new ModelSession(std::move(impl)));
}

const ModelInfo& ModelSession::info() const {
    return impl_->info;
}

const ComputeOptions& ModelSession::compute() const {
    return impl_->compute;
}

PerplexitySnapshot ModelSession::perplexity(const PerplexityRequest& request, const ProgressFn& progress) const {
    return impl_->measure(request, progress, nullptr);
}

std::shared_ptr<const CalibrationSummary> ModelSession::calibrate(const CalibrationRequest& request,
                                                                  const ProgressFn& progress) {
    CalibrationOptions options;
    options.text_path = request.text_path;
    options.windows = request.windows;
    options.seq_len = request.seq_len;
    options.shuffle_seed = request.seed;
    options.fisher = request.fisher;
    std::shared_ptr<const Calibration> c = basislab::calibrate(*impl_->model, options, progress);
    impl_->setCalibration(c);
    return std::make_shared<const CalibrationSummary>(c->summary());
}

std::shared_ptr<const CalibrationSummary> ModelSession::loadCalibration(const std::string& path) {
    const LlamaModel& m = *impl_->model;
    const ModelIdentity identity = modelIdentity(m.dir(), m.config(), m.checkpoint());
    std::shared_ptr<const Calibration> c = openCalibration(path, &identity);
    impl_->setCalibration(c);
    return std::make_shared<const CalibrationSummary>(c->summary());
}

void ModelSession::saveCalibration(const std::string& path, const ProgressFn& progress) const {
    basislab::saveCalibration(path, impl_->requireCalibration(), progress);
}

bool ModelSession::hasCalibration() const {
    return bool(impl_->calibration);
}

void ModelSession::adoptCalibration(ModelSession& other) {
    if (!other.impl_->calibration) return;
    if (other.impl_->info.config.sha256 != impl_->info.config.sha256 ||
        other.impl_->model->dir() != impl_->model->dir())
        throw Error("the calibration belongs to another model");
    impl_->setCalibration(other.impl_->calibration);
}

PlanPreview ModelSession::preview(const CompressionPlan& plan, const ProgressFn& progress) {
    impl_->requireCalibration();
    if (!impl_->preview) impl_->preview = std::make_unique<ErrorPreview>(impl_->model, impl_->calibration);
    PlanPreview p;
    p.plan = impl_->preview->evaluate(plan, progress);
    p.baseline = impl_->preview->evaluate(plainBasisSharing(plan), progress);
    return p;
}

PlanEvaluation ModelSession::evaluate(const CompressionPlan& plan, const PerplexityRequest& request,
                                      const ProgressFn& progress) {
    const CompressedModel compressed = compress(*impl_->model, impl_->requireCalibration(), plan, {}, progress);
    const ProjectionOverrides overrides = overridesOf(compressed, *impl_->model);
    PlanEvaluation e;
    e.report = compressed.report;
    e.perplexity = impl_->measure(request, progress, &overrides);
    return e;
}

CompressionReport ModelSession::update(const CompressionPlan& plan, const ProgressFn& progress) {
    if (!plan.streamsUpdate())
        throw Error("the plan has no update with deviated inputs (choose deviated or compensate)");
    return compress(*impl_->model, impl_->requireCalibration(), plan, {}, progress).report;
}

}  // namespace basislab::api
