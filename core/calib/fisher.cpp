#include "fisher.h"

#include "../base/error.h"
#include "../model/llama_forward.h"

#include <c10/core/InferenceMode.h>

namespace basislab {

FisherDiagonals fisherDiagonals(const LlamaModel& model, const at::Tensor& ids, const ProgressFn& progress) {
    const LlamaConfig& c = model.config();
    if (ids.dim() != 2 || ids.size(1) < 2) throw Error("Fisher diagonals need windows [N, L] with L >= 2");
    const std::int64_t N = ids.size(0), L = ids.size(1);
    ProgressReporter reporter(progress, "fisher", N);
    reporter.report(0, 0, -1, c.num_hidden_layers, "loading the weights for backward");

    // Autograd may not save inference tensors, and the model's resident cache may hold some: work
    // outside inference mode on fresh copies of the weights.
    c10::InferenceMode no_inference(false);
    at::AutoGradMode grad_mode(true);
    std::vector<LayerWeights> layers(std::size_t(c.num_hidden_layers));
    for (int l = 0; l < c.num_hidden_layers; ++l) {
        LayerWeights& w = layers[std::size_t(l)];
        w.input_norm = model.load(tensor_name::inputNorm(l));  // (hidden)
        w.post_attention_norm = model.load(tensor_name::postAttentionNorm(l));  // (hidden)
        for (MatrixType t : kMatrixTypes)
            w[t].weight = model.load(tensor_name::projection(l, t)).requires_grad_(true);  // (d_out, d_in)
        reporter.poll();
    }
    const at::Tensor embed_tokens = model.load(tensor_name::embedTokens());  // (vocab, hidden)
    const at::Tensor lm_head =
        c.tie_word_embeddings ? embed_tokens : model.load(tensor_name::lmHead());  // (vocab, hidden)
    const at::Tensor final_norm = model.load(tensor_name::finalNorm());  // (hidden)
    const Rope rope = makeRope(c, L, model.device(), model.dtype());
    const at::ScalarType soft = model.dtype() == at::kDouble ? at::kDouble : at::kFloat;

    FisherDiagonals F;
    {
        at::NoGradGuard no_grad;
        for (int l = 0; l < c.num_hidden_layers; ++l)
            for (MatrixType t : kMatrixTypes)
                F[{l, t}] =
                    at::zeros({c.dOut(t), c.dIn(t)}, at::TensorOptions().dtype(at::kFloat).device(model.device()));
    }

    const at::Tensor all_ids = ids.to(model.device(), at::kLong);
    const auto max_id = all_ids.max().item<std::int64_t>(), min_id = all_ids.min().item<std::int64_t>();
    if (min_id < 0 || max_id >= c.vocab_size)
        throw Error("token id " + std::to_string(min_id < 0 ? min_id : max_id) + " is outside the vocabulary (" +
                    std::to_string(c.vocab_size) + ")");
    for (std::int64_t w = 0; w < N; ++w) {
        const at::Tensor window = all_ids.narrow(0, w, 1);  // [1, L]
        at::Tensor h = at::embedding(embed_tokens, window);  // [1, L, hidden]
        for (int l = 0; l < c.num_hidden_layers; ++l) h = decoderLayer(h, layers[std::size_t(l)], c, rope, l);
        const at::Tensor logits = at::linear(rmsNorm(h.narrow(1, 0, L - 1), final_norm, c.rms_norm_eps),
                                             lm_head);  // [1, L-1, vocab]
        const at::Tensor logp = at::log_softmax(logits.to(soft), -1);
        const at::Tensor targets = window.narrow(1, 1, L - 1).unsqueeze(-1);  // [1, L-1, 1]
        const at::Tensor loss = -logp.gather(-1, targets).mean();  // mean NLL of the L-1 scored tokens
        loss.backward();
        {
            at::NoGradGuard no_grad;
            for (int l = 0; l < c.num_hidden_layers; ++l)
                for (MatrixType t : kMatrixTypes) {
                    at::Tensor& grad = layers[std::size_t(l)][t].weight.mutable_grad();
                    if (!grad.defined())
                        throw Error("layer " + std::to_string(l) + ", " + name(t) + "_proj: no gradient reached it");
                    const at::Tensor g = grad.to(soft);  // at least float32 before squaring
                    F[{l, t}].add_(g.square().to(at::kFloat));
                    grad.zero_();
                }
        }
        reporter.report(w + 1, (w + 1) * L, -1, c.num_hidden_layers);
    }

    at::NoGradGuard no_grad;
    for (auto& [key, f] : F) f = f.cpu();
    return F;
}

}  // namespace basislab
