// A Hugging Face Llama checkpoint opened for computation on one device in one compute dtype.
//
// Weights stay memory-mapped in their files; a layer's weights are converted to the compute dtype
// on the device when the layer is needed. Small models are kept resident (converted once); large
// ones (Llama2-7B) are streamed layer by layer, so peak memory is about one layer's weights.
#pragma once

#include "../base/compute.h"
#include "config.h"
#include "projection.h"
#include "safetensors.h"
#include "tokenizer.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace basislab {

struct LayerWeights {
    at::Tensor input_norm;  // (hidden)
    at::Tensor post_attention_norm;  // (hidden)
    Projection q, k, v, o, gate, up, down;

    Projection& operator[](MatrixType t);
    const Projection& operator[](MatrixType t) const;
};

/// Replacement projections, e.g. a compressed model: (layer, type) -> projection.
using ProjectionOverrides = std::map<std::pair<int, MatrixType>, Projection>;

enum class Residency { Auto, Resident, Stream };

struct ModelOptions {
    ComputeOptions compute;
    /// Auto: on the CPU, resident below resident_budget_bytes; on CUDA, resident when the weights
    /// fit the device's free memory together with working_set_bytes (base/device_memory.h), else
    /// streamed layer by layer with layer l+1 prefetched while layer l computes.
    Residency residency = Residency::Auto;
    std::size_t resident_budget_bytes = std::size_t(2) << 30;  // Auto on the CPU: resident below this size
    std::size_t working_set_bytes = 0;  // Auto on CUDA: what the step holds besides the weights
    /// Projections the folder holds in factored form (a BasisLab factored export, read by
    /// compress/factored_model.h), already in the compute dtype on the device. They replace the
    /// dense weights, which the checkpoint then need not hold.
    std::shared_ptr<const ProjectionOverrides> factored;
};

class LlamaModel {
public:
    /// Opens a model folder: config.json, safetensors weights, tokenizer.model when present.
    /// Every tensor the config implies is checked for presence and shape before anything runs.
    static std::shared_ptr<LlamaModel> open(const std::string& dir, const ModelOptions& options = {});

    const std::string& dir() const { return dir_; }
    const LlamaConfig& config() const { return config_; }
    const Checkpoint& checkpoint() const { return *checkpoint_; }
    /// The tokenizer, or nullptr when the folder has no tokenizer.model.
    const Tokenizer* tokenizer() const { return tokenizer_.get(); }
    /// Throws Error when the folder has no tokenizer.model.
    const Tokenizer& requireTokenizer() const;
    at::Device device() const { return device_; }
    at::ScalarType dtype() const { return dtype_; }
    bool resident() const { return resident_; }
    /// Why the weights are resident or streamed (one line, for logs and the GUI).
    const std::string& residencyReason() const { return residency_reason_; }

    /// A checkpoint tensor converted to the compute dtype on the device (a fresh copy).
    at::Tensor load(const std::string& tensor_name) const;
    /// The same with an explicit dtype and device.
    at::Tensor load(const std::string& tensor_name, at::ScalarType dtype, at::Device device) const;

    /// ids [B, T] (int64) -> hidden states [B, T, hidden]
    at::Tensor embed(const at::Tensor& ids) const;
    /// Weights of one layer; cached when resident. Overrides replace individual projections.
    std::shared_ptr<const LayerWeights> layer(int l, const ProjectionOverrides* overrides = nullptr) const;
    /// The factored projection the folder holds for (layer, type), or nullptr (ModelOptions::factored).
    const Projection* factoredProjection(int l, MatrixType t) const;
    bool hasFactoredProjections() const { return factored_ && !factored_->empty(); }
    /// Final RMSNorm and lm_head: hidden [B, T, hidden] -> logits [B, T, vocab]
    at::Tensor head(const at::Tensor& hidden) const;

private:
    LlamaModel() = default;
    void validateTensors() const;
    void decideResidency(const ModelOptions& options, std::size_t compute_bytes);

    std::string dir_;
    LlamaConfig config_;
    std::shared_ptr<Checkpoint> checkpoint_;
    std::unique_ptr<Tokenizer> tokenizer_;
    at::Device device_{at::kCPU};
    at::ScalarType dtype_ = at::kFloat;
    bool resident_ = false;
    std::string residency_reason_;
    std::shared_ptr<const ProjectionOverrides> factored_;
    at::Tensor embed_tokens_;  // (vocab, hidden)
    at::Tensor final_norm_;  // (hidden)
    at::Tensor lm_head_;  // (vocab, hidden); the embedding when tied
    mutable std::mutex mutex_;
    mutable std::vector<std::shared_ptr<const LayerWeights>> cache_;
};

}  // namespace basislab
