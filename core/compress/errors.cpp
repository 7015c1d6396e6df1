#include "errors.h"

#include <cmath>

namespace basislab {
namespace {

/// T(k) = sum_{i,j >= k} H[i,j] for k = 0..m (T(m) = 0), H symmetric (m x m).
std::vector<double> suffixSums(const at::Tensor& H) {
    const std::int64_t m = H.size(0);
    const at::Tensor t = H.diagonal() + 2 * H.triu(1).sum(1);  // (m)
    const at::Tensor T = t.flip({0}).cumsum(0).flip({0}).contiguous().cpu();  // (m)
    std::vector<double> out(std::size_t(m) + 1, 0.0);
    const double* p = T.data_ptr<double>();
    for (std::int64_t k = 0; k < m; ++k) out[std::size_t(k)] = std::max(0.0, p[k]);
    return out;
}

}  // namespace

double gramEnergy(const at::Tensor& X, const at::Tensor& G) {
    return (at::matmul(G, X) * X).sum().item<double>();
}

ErrorCurve errorCurve(const Factorization& f, std::size_t i, const at::Tensor& G, const at::Tensor& W) {
    const at::Tensor& Z = f.Z;  // (d_in, m)
    const at::Tensor& Y = f.Y[i];  // (m, d_out)
    const at::Tensor P = at::matmul(Y, Y.t());  // (m, m)
    const at::Tensor M = at::matmul(Z.t(), at::matmul(G, Z));  // (m, m)
    const at::Tensor MF = at::matmul(Z.t(), Z);  // (m, m)
    ErrorCurve c;
    c.whitened_sq = suffixSums(M * P);
    c.frobenius_sq = suffixSums(MF * P);
    c.whitened_norm_sq = gramEnergy(W, G);
    c.frobenius_norm_sq = W.square().sum().item<double>();
    return c;
}

LayerError directError(const at::Tensor& W, const at::Tensor& W_hat, const at::Tensor& G) {
    const at::Tensor dW = W - W_hat;  // (d_in, d_out)
    const double w_norm = gramEnergy(W, G);
    const double f_norm = W.square().sum().item<double>();
    LayerError e;
    e.whitened = w_norm > 0 ? std::sqrt(std::max(0.0, gramEnergy(dW, G)) / w_norm) : 0.0;
    e.frobenius = f_norm > 0 ? std::sqrt(dW.square().sum().item<double>() / f_norm) : 0.0;
    return e;
}

}  // namespace basislab
