#include "llama_model.h"

#include "../base/device_query.h"
#include "../base/error.h"
#include "../base/off_heap.h"
#include "../base/torch_compute.h"
#include "llama_forward.h"
#include "page_release.h"
#include "tensor_bytes.h"

#include <cstring>
#include <filesystem>

namespace basislab {
namespace {

std::string shapeText(const std::vector<std::int64_t>& shape) {
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

}  // namespace

Projection& LayerWeights::operator[](MatrixType t) {
    switch (t) {
        case MatrixType::q: return q;
        case MatrixType::k: return k;
        case MatrixType::v: return v;
        case MatrixType::o: return o;
        case MatrixType::gate: return gate;
        case MatrixType::up: return up;
        case MatrixType::down: return down;
    }
    return q;
}

const Projection& LayerWeights::operator[](MatrixType t) const {
    return const_cast<LayerWeights&>(*this)[t];
}

std::shared_ptr<LlamaModel> LlamaModel::open(const std::string& dir, const ModelOptions& options) {
    namespace fs = std::filesystem;
    validate(options.compute);
    auto model = std::shared_ptr<LlamaModel>(new LlamaModel());
    model->dir_ = dir;
    model->factored_ = options.factored;
    const fs::path config_path = fs::path(dir) / "config.json";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw Error("model folder '" + dir + "' does not exist or is not a folder");
    if (!fs::exists(config_path)) throw Error("model folder '" + dir + "' has no config.json");
    model->config_ = LlamaConfig::load(config_path.string());
    model->checkpoint_ = Checkpoint::open(dir);
    model->validateTensors();
    const fs::path tok = fs::path(dir) / "tokenizer.model";
    if (fs::exists(tok)) {
        model->tokenizer_ = std::make_unique<Tokenizer>(tok.string());
        if (model->tokenizer_->vocabSize() != model->config_.vocab_size)
            throw Error("'" + tok.string() + "' has " + std::to_string(model->tokenizer_->vocabSize()) +
                        " pieces but config.json says vocab_size " + std::to_string(model->config_.vocab_size));
    }

    model->device_ = toDevice(options.compute.device);
    model->dtype_ = toDtype(options.compute.dtype);
    std::size_t values = 0;
    for (const auto& file : model->checkpoint_->files())
        for (const auto& t : file->tensors()) values += std::size_t(t.numel());
    const std::size_t compute_bytes = values * std::size_t(at::elementSize(model->dtype_));
    model->decideResidency(options, compute_bytes);
    model->cache_.resize(std::size_t(model->config_.num_hidden_layers));

    model->embed_tokens_ = model->load(tensor_name::embedTokens());
    model->final_norm_ = model->load(tensor_name::finalNorm());
    model->lm_head_ = model->config_.tie_word_embeddings ? model->embed_tokens_ : model->load(tensor_name::lmHead());
    return model;
}

void LlamaModel::decideResidency(const ModelOptions& options, std::size_t compute_bytes) {
    switch (options.residency) {
        case Residency::Resident:
            resident_ = true;
            residency_reason_ = "weights resident (asked for)";
            return;
        case Residency::Stream:
            resident_ = false;
            residency_reason_ = "weights streamed (asked for)";
            return;
        case Residency::Auto: break;
    }
    if (device_.is_cuda()) {
        if (const auto memory = deviceMemory(device_.str())) {
            const ModelFootprint footprint = modelFootprint(config_, std::size_t(at::elementSize(dtype_)));
            const ResidencyPlan plan = planResidency(footprint, *memory, options.working_set_bytes, device_.str());
            resident_ = plan.resident;
            residency_reason_ = plan.reason;
            return;
        }
    }
    resident_ = compute_bytes <= options.resident_budget_bytes;
    residency_reason_ = std::string(resident_ ? "weights resident: " : "weights streamed: ") +
                        formatBytes(compute_bytes) + (resident_ ? " within " : " above ") + "the budget of " +
                        formatBytes(options.resident_budget_bytes);
}

void LlamaModel::validateTensors() const {
    const LlamaConfig& c = config_;
    const std::string cfg = dir_ + "/config.json";
    auto check = [&](const std::string& tensor, std::vector<std::int64_t> expected) {
        const TensorInfo& t = checkpoint_->tensor(tensor);
        if (t.shape != expected)
            throw Error("tensor '" + tensor + "' in '" + t.file + "' has shape " + t.shapeString() + ", but " + cfg +
                        " implies " + shapeText(expected));
    };
    check(tensor_name::embedTokens(), {c.vocab_size, c.hidden_size});
    check(tensor_name::finalNorm(), {c.hidden_size});
    if (!c.tie_word_embeddings) check(tensor_name::lmHead(), {c.vocab_size, c.hidden_size});
    for (int l = 0; l < c.num_hidden_layers; ++l) {
        check(tensor_name::inputNorm(l), {c.hidden_size});
        check(tensor_name::postAttentionNorm(l), {c.hidden_size});
        for (MatrixType t : kMatrixTypes) {
            const Projection* f = factoredProjection(l, t);
            if (!f) {
                check(tensor_name::projection(l, t), {c.dOut(t), c.dIn(t)});
                continue;
            }
            const at::Tensor &B = f->basis, &C = f->coefficient;
            if (!f->factored() || B.dim() != 2 || C.dim() != 2 || B.size(0) != c.dIn(t) || C.size(1) != c.dOut(t) ||
                B.size(1) != C.size(0))
                throw Error("the factored projection of layer " + std::to_string(l) + ", type " + name(t) + " in '" +
                            dir_ + "' does not fit " + cfg);
        }
    }
    // A layer beyond num_hidden_layers means the config and the weights disagree.
    if (checkpoint_->find(tensor_name::inputNorm(c.num_hidden_layers)))
        throw Error("the checkpoint in '" + dir_ +
                    "' has more layers than num_hidden_layers = " + std::to_string(c.num_hidden_layers) + " in " + cfg);
}

const Projection* LlamaModel::factoredProjection(int l, MatrixType t) const {
    if (!factored_) return nullptr;
    const auto it = factored_->find({l, t});
    return it == factored_->end() ? nullptr : &it->second;
}

const Tokenizer& LlamaModel::requireTokenizer() const {
    if (!tokenizer_) throw Error("model folder '" + dir_ + "' has no tokenizer.model (SentencePiece)");
    return *tokenizer_;
}

at::Tensor LlamaModel::load(const std::string& tensor_name) const {
    return load(tensor_name, dtype_, device_);
}

at::Tensor LlamaModel::load(const std::string& tensor_name, at::ScalarType dtype, at::Device device) const {
    // A copy out of the mapping (the data may be unaligned), converted on the target device; the
    // mapped pages are released at once, so weights read once do not stay in the resident set.
    const TensorInfo& info = checkpoint_->tensor(tensor_name);
    at::Tensor raw = tensorOf(info);
    releasePages(info);
    // On CUDA through pinned memory, asynchronously on the current stream: LibTorch's caching host
    // allocator reuses the pinned blocks once their copies are done, so the pinned memory in use
    // is the staging of the layers in flight (two when streaming), never the whole model.
    if (device.is_cuda())
        raw = raw.pin_memory().to(device, raw.scalar_type(), /*non_blocking=*/true);
    else if (!device.is_cpu())
        raw = raw.to(device);
    // A layer's weights live as long as the layer runs: on the CPU keep them off the heap.
    if (device.is_cpu() && raw.scalar_type() != dtype) return copyOffHeap(raw, dtype);
    return raw.to(dtype);
}

at::Tensor LlamaModel::embed(const at::Tensor& ids) const {
    const auto max_id = ids.numel() ? ids.max().item<std::int64_t>() : 0;
    const auto min_id = ids.numel() ? ids.min().item<std::int64_t>() : 0;
    if (min_id < 0 || max_id >= config_.vocab_size)
        throw Error("token id " + std::to_string(min_id < 0 ? min_id : max_id) + " is outside the vocabulary (" +
                    std::to_string(config_.vocab_size) + ")");
    return at::embedding(embed_tokens_, ids.to(device_));
}

std::shared_ptr<const LayerWeights> LlamaModel::layer(int l, const ProjectionOverrides* overrides) const {
    if (l < 0 || l >= config_.num_hidden_layers) throw Error("layer " + std::to_string(l) + " does not exist");
    std::shared_ptr<const LayerWeights> base;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        base = cache_[std::size_t(l)];
    }
    if (!base) {
        auto w = std::make_shared<LayerWeights>();
        w->input_norm = load(tensor_name::inputNorm(l));
        w->post_attention_norm = load(tensor_name::postAttentionNorm(l));
        for (MatrixType t : kMatrixTypes) {
            const Projection* f = factoredProjection(l, t);
            (*w)[t] = f ? *f : Projection{load(tensor_name::projection(l, t)), {}, {}};
        }
        base = w;
        if (resident_) {
            std::lock_guard<std::mutex> lock(mutex_);
            cache_[std::size_t(l)] = base;
        }
    }
    if (!overrides) return base;
    std::shared_ptr<LayerWeights> replaced;
    for (MatrixType t : kMatrixTypes) {
        const auto it = overrides->find({l, t});
        if (it == overrides->end()) continue;
        if (!replaced) replaced = std::make_shared<LayerWeights>(*base);
        (*replaced)[t] = it->second;
    }
    return replaced ? replaced : base;
}

at::Tensor LlamaModel::head(const at::Tensor& hidden) const {
    return at::linear(rmsNorm(hidden, final_norm_, config_.rms_norm_eps), lm_head_);
}

}  // namespace basislab
