#include "model_session.h"

#include "../base/error.h"
#include "../calib/calibrator.h"
#include "../calib/store.h"
#include "../calib/store_calibration.h"
#include "../calib/store_files.h"
#include "../compress/compress.h"
#include "../compress/compressed_tensors.h"
#include "../compress/preview.h"
#include "../eval/perplexity.h"
#include "../eval/zeroshot.h"
#include "../model/fingerprint.h"
#include "../model/llama_model.h"
#include "job_estimate.h"

#include <filesystem>

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
    std::shared_ptr<StoreCalibration> store;  // the same calibration, read from its store
    std::unique_ptr<ErrorPreview> preview;  // made on first use for `calibration`
    std::string cache_folder;

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
    void setCalibration(std::shared_ptr<StoreCalibration> c) {
        preview.reset();
        store = c;
        calibration = std::move(c);
    }
    ModelIdentity identity() const { return modelIdentity(model->dir(), model->config(), model->checkpoint()); }
    std::string cacheFolder() const {
        if (!cache_folder.empty()) return cache_folder;
        return (std::filesystem::temp_directory_path() / "basislab-calibrations").string();
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

void ModelSession::setCacheFolder(const std::string& folder) {
    impl_->cache_folder = folder;
}

std::string ModelSession::cacheFolder() const {
    return impl_->cacheFolder();
}

std::shared_ptr<const CalibrationSummary> ModelSession::calibrate(const CalibrationRequest& request,
                                                                  const ProgressFn& progress) {
    CalibrationOptions options;
    options.text_path = request.text_path;
    options.windows = request.windows;
    options.seq_len = request.seq_len;
    options.shuffle_seed = request.seed;
    options.fisher = request.fisher;
    // The cache folder is cleaned at every calibration, whichever store this one writes.
    const std::string cache = impl_->cacheFolder();
    std::error_code ec;
    std::filesystem::create_directories(cache, ec);
    if (ec) throw Error("cannot create the cache folder '" + cache + "' for calibrations: " + ec.message());
    removeDeadStores(cache);
    const bool temporary = request.store_path.empty();
    const std::string target = temporary ? temporaryStorePath(cache) : request.store_path;
    prepareStoreTarget(target, api::calibrationStoreBytes(impl_->model->config(), options.fisher, options.windows,
                                                          options.spectrum_max_width));
    {
        CalibrationWriter writer(target);  // removed unless committed
        const CalibrationSummary summary = calibrateInto(*impl_->model, options, writer, progress);
        writer.commit(summary);
    }
    const ModelIdentity identity = impl_->identity();
    auto c = std::make_shared<StoreCalibration>(target, temporary, &identity);
    impl_->setCalibration(c);
    return std::make_shared<const CalibrationSummary>(c->summary());
}

std::shared_ptr<const CalibrationSummary> ModelSession::loadCalibration(const std::string& path) {
    const ModelIdentity identity = impl_->identity();
    auto c = std::make_shared<StoreCalibration>(path, false, &identity);
    impl_->setCalibration(c);
    return std::make_shared<const CalibrationSummary>(c->summary());
}

void ModelSession::saveCalibration(const std::string& path, const ProgressFn& progress) const {
    const Calibration& c = impl_->requireCalibration();
    if (impl_->store && impl_->store->temporary()) {
        impl_->store->keep(path, progress);
        return;
    }
    basislab::saveCalibration(path, c, progress);
}

std::string ModelSession::calibrationStorePath() const {
    return impl_->store ? impl_->store->path() : std::string();
}

bool ModelSession::calibrationIsTemporary() const {
    return impl_->store && impl_->store->temporary();
}

std::uint64_t ModelSession::calibrationStoreBytes() const {
    return impl_->store ? impl_->store->fileBytes() : 0;
}

bool ModelSession::hasCalibration() const {
    return bool(impl_->calibration);
}

void ModelSession::adoptCalibration(ModelSession& other) {
    if (!other.impl_->calibration) return;
    if (other.impl_->info.config.sha256 != impl_->info.config.sha256 ||
        other.impl_->model->dir() != impl_->model->dir())
        throw Error("the calibration belongs to another model");
    impl_->setCalibration(other.impl_->store);
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
