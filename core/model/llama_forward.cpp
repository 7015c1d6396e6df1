#include "llama_forward.h"

#include <cmath>
#include <limits>

namespace basislab {

Rope makeRope(const LlamaConfig& c, std::int64_t seq_len, at::Device device, at::ScalarType dtype) {
    // inv_freq_j = theta^(-2j / head_dim), j = 0 .. head_dim/2 - 1; angles in float64.
    const auto f64 = at::TensorOptions().dtype(at::kDouble);
    const at::Tensor j = at::arange(0, c.head_dim, 2, f64);
    const at::Tensor inv_freq = at::pow(c.rope_theta, -j / double(c.head_dim));  // [head_dim/2]
    const at::Tensor pos = at::arange(seq_len, f64);  // [T]
    const at::Tensor freqs = at::outer(pos, inv_freq);  // [T, head_dim/2]
    const at::Tensor emb = at::cat({freqs, freqs}, -1);  // [T, head_dim]
    const std::int64_t n_rep = c.num_attention_heads / c.num_key_value_heads;
    const at::Tensor future = at::ones({seq_len, seq_len}, at::TensorOptions().dtype(at::kBool)).triu(1);
    const at::Tensor mask =
        at::zeros({seq_len, seq_len}, f64).masked_fill(future, -std::numeric_limits<double>::infinity());
    return {emb.cos().to(device, dtype), emb.sin().to(device, dtype), mask.repeat({n_rep, 1}).to(device, dtype)};
}

namespace {

/// rotate_half(x) = cat(-x[..., d/2:], x[..., :d/2])
at::Tensor rotateHalf(const at::Tensor& x) {
    const auto half = x.size(-1) / 2;
    return at::cat({-x.narrow(-1, half, half), x.narrow(-1, 0, half)}, -1);
}

/// The causal mask [n_rep*T, T] for T positions (the table may have been built for more).
at::Tensor causalMask(const Rope& rope, std::int64_t n_rep, std::int64_t T) {
    const std::int64_t table_T = rope.causal_mask.size(1);
    if (table_T == T) return rope.causal_mask;
    return rope.causal_mask.view({n_rep, table_T, table_T}).narrow(1, 0, T).narrow(2, 0, T).reshape({n_rep * T, T});
}

at::Tensor applyRope(const at::Tensor& x, const Rope& rope) {
    // x [B, heads, T, head_dim]; cos/sin [T, head_dim] broadcast over B and heads.
    const auto T = x.size(2);
    const at::Tensor cos = rope.cos.narrow(0, 0, T);
    const at::Tensor sin = rope.sin.narrow(0, 0, T);
    return x * cos + rotateHalf(x) * sin;
}

}  // namespace

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps) {
    const at::ScalarType work = x.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    at::Tensor xf = x.to(work);
    xf = xf * at::rsqrt(xf.pow(2).mean(-1, /*keepdim=*/true) + eps);
    return weight * xf.to(x.scalar_type());
}

at::Tensor decoderLayer(const at::Tensor& h, const LayerWeights& w, const LlamaConfig& c, const Rope& rope, int layer,
                        const SiteObserver& observe) {
    const auto B = h.size(0), T = h.size(1);
    const std::int64_t nh = c.num_attention_heads, nkv = c.num_key_value_heads, hd = c.head_dim;
    const std::int64_t n_rep = nh / nkv;

    // --- attention ---------------------------------------------------------------------------
    const at::Tensor x = rmsNorm(h, w.input_norm, c.rms_norm_eps);  // [B, T, hidden]
    if (observe) observe(layer, Site::attn_in, x);
    at::Tensor q = w.q(x).view({B, T, nh, hd}).transpose(1, 2);  // [B, nh, T, hd]
    at::Tensor k = w.k(x).view({B, T, nkv, hd}).transpose(1, 2);  // [B, nkv, T, hd]
    at::Tensor v = w.v(x).view({B, T, nkv, hd}).transpose(1, 2);  // [B, nkv, T, hd]
    q = applyRope(q, rope);
    k = applyRope(k, rope);

    // Grouped-query attention without copying k/v: query head h uses kv head h / n_rep, so the
    // n_rep query heads of one kv head are stacked along the rows of one matrix product.
    q = q.reshape({B, nkv, n_rep * T, hd});  // [B, nkv, n_rep*T, hd]
    const at::Tensor mask = causalMask(rope, n_rep, T);  // [n_rep*T, T]
    // scores = q k^T / sqrt(hd) + mask, in one pass
    const at::Tensor scores =
        at::baddbmm(mask, q.reshape({B * nkv, n_rep * T, hd}), k.reshape({B * nkv, T, hd}).transpose(1, 2), 1.0,
                    1.0 / std::sqrt(double(hd)));
    const at::ScalarType soft = h.scalar_type() == at::kDouble ? at::kDouble : at::kFloat;
    const at::Tensor probs = at::softmax(scores, -1, soft).to(h.scalar_type());  // [B*nkv, n_rep*T, T]
    const at::Tensor attn = at::bmm(probs, v.reshape({B * nkv, T, hd}))  // [B*nkv, n_rep*T, hd]
                                .view({B, nh, T, hd})
                                .transpose(1, 2)
                                .reshape({B, T, nh * hd});  // [B, T, nh*hd]
    if (observe) observe(layer, Site::o_in, attn);
    const at::Tensor h1 = h + w.o(attn);  // [B, T, hidden]

    // --- SwiGLU MLP --------------------------------------------------------------------------
    const at::Tensor y = rmsNorm(h1, w.post_attention_norm, c.rms_norm_eps);  // [B, T, hidden]
    if (observe) observe(layer, Site::mlp_in, y);
    const at::Tensor a = at::silu(w.gate(y)) * w.up(y);  // [B, T, intermediate]
    if (observe) observe(layer, Site::down_in, a);
    return h1 + w.down(a);  // [B, T, hidden]
}

at::Tensor forward(const LlamaModel& model, const at::Tensor& ids, const SiteObserver& observe,
                   const ProjectionOverrides* overrides) {
    const LlamaConfig& c = model.config();
    const Rope rope = makeRope(c, ids.size(1), model.device(), model.dtype());
    at::Tensor h = model.embed(ids);  // [B, T, hidden]
    for (int l = 0; l < c.num_hidden_layers; ++l) h = decoderLayer(h, *model.layer(l, overrides), c, rope, l, observe);
    return model.head(h);  // [B, T, vocab]
}

}  // namespace basislab
