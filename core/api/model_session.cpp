#include "model_session.h"

#include "../eval/perplexity.h"
#include "../model/llama_model.h"

namespace basislab::api {
namespace {
// A resident model costs nothing extra per wave of windows, so keep waves small: progress (and
// with it cancellation) then comes every fraction of a second instead of once per layer over the
// whole text. A streamed model reloads every layer per wave, so it keeps the core's large default.
constexpr std::size_t kResidentWaveBytes = std::size_t(4) << 20;
}  // namespace

struct ModelSession::Impl {
    ModelInfo info;
    ComputeOptions compute;
    std::shared_ptr<LlamaModel> model;
};

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
    PerplexityOptions options;
    options.window = request.window;
    options.max_windows = request.max_windows;
    if (impl_->model->resident()) options.hidden_budget_bytes = kResidentWaveBytes;
    const PerplexityResult r = perplexityOfFile(*impl_->model, request.text_path, options, progress);
    PerplexitySnapshot s;
    s.ppl = r.ppl;
    s.nll = r.nll;
    s.scored_tokens = r.scored_tokens;
    s.windows = r.windows;
    s.text_tokens = r.text_tokens;
    s.seconds = r.seconds;
    s.tokens_per_second = r.tokens_per_second;
    return s;
}

}  // namespace basislab::api
