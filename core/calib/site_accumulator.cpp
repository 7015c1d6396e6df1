#include "site_accumulator.h"

#include "../base/error.h"
#include "../base/off_heap.h"
#include "gram_update.h"

#include <algorithm>
#include <cstring>

namespace basislab {

const char* name(GramAccumulation g) {
    return g == GramAccumulation::Float64 ? "float64" : "float32-waves";
}

GramAccumulation parseGramAccumulation(const std::string& text, const std::string& what) {
    if (text == "float64") return GramAccumulation::Float64;
    if (text == "float32-waves") return GramAccumulation::Float32Waves;
    throw Error(what + " must be float64 or float32-waves, got '" + text + "'");
}

SiteAccumulator::SiteAccumulator(int layer, Site site, std::int64_t width, at::Device device,
                                 std::size_t row_budget_bytes, GramAccumulation accumulation)
    : layer_(layer), site_(site), width_(width), accumulation_(accumulation) {
    const auto f64 = at::TensorOptions().dtype(at::kDouble).device(device);
    const std::size_t value_bytes = accumulation == GramAccumulation::Float64 ? 8 : 4;
    rows_per_block_ = std::max<std::int64_t>(1, std::int64_t(row_budget_bytes / (std::size_t(width) * value_bytes)));
    // The Gram lives for the whole layer: on the CPU keep it off the heap (base/off_heap.h).
    G_ = device.is_cpu() ? zerosOffHeap({width, width}, at::kDouble) : at::zeros({width, width}, f64);
    sum_abs_ = at::zeros({width}, f64);
    sum_sq_ = at::zeros({width}, f64);
}

void SiteAccumulator::add(const at::Tensor& x, const std::function<void()>& between_blocks) {
    if (x.size(-1) != width_)
        throw Error("layer " + std::to_string(layer_) + ", site " + name(site_) + ": input width " +
                    std::to_string(x.size(-1)) + " differs from the expected " + std::to_string(width_));
    const at::Tensor rows = x.reshape({-1, width_});  // [n, d], model dtype
    const std::int64_t n = rows.size(0);
    for (std::int64_t r0 = 0; r0 < n; r0 += rows_per_block_) {
        const at::Tensor block = rows.narrow(0, r0, std::min(rows_per_block_, n - r0));
        if (accumulation_ == GramAccumulation::Float64) {
            const at::Tensor X = block.to(at::kDouble);  // [b, d]
            addLowerGram(G_, X);  // G += X^T X, lower block triangle
            sum_abs_.add_(X.abs().sum(0));
            sum_sq_.add_(X.square().sum(0));
        } else {
            const at::Tensor X = block.to(at::kFloat);  // [b, d], one wave
            G_.add_(at::mm(X.t(), X));  // the wave's X^T X in float32, added into float64
            sum_abs_.add_(X.abs().sum(0, /*keepdim=*/false, at::kDouble));
            sum_sq_.add_(X.square().sum(0, /*keepdim=*/false, at::kDouble));
        }
        if (between_blocks) between_blocks();
    }
    mirrorLower(G_);
    tokens_ += n;
}

void SiteAccumulator::allReduce(const std::function<void(std::vector<at::Tensor>&, const std::string&)>& all_reduce) {
    at::Tensor tokens = at::full({1}, double(tokens_), G_.options());  // exact below 2^53
    std::vector<at::Tensor> sums{G_, sum_abs_, sum_sq_, tokens};
    all_reduce(sums, "the Gram of layer " + std::to_string(layer_) + ", site " + name(site_));
    tokens_ = std::int64_t(tokens.item<double>());
}

Eigen::VectorXd toEigen(const at::Tensor& v) {
    const at::Tensor c = v.detach().to(at::kCPU, at::kDouble).contiguous();
    Eigen::VectorXd out(c.numel());
    if (c.numel()) std::memcpy(out.data(), c.data_ptr<double>(), std::size_t(c.numel()) * sizeof(double));
    return out;
}

}  // namespace basislab
