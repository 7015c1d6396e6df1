#include "metric.h"

#include "../base/error.h"

#include <cmath>
#include <cstdio>

namespace basislab {
namespace {

std::string sci(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

bool choleskyOk(const at::Tensor& G, double min_pivot_sq, at::Tensor& L) {
    auto [factor, info] = at::linalg_cholesky_ex(G, /*upper=*/false, /*check_errors=*/false);
    if (info.item<int>() != 0) return false;
    const at::Tensor pivots = factor.diagonal();
    const double p = pivots.min().item<double>();
    if (!std::isfinite(p) || p * p < min_pivot_sq) return false;
    L = factor;
    return true;
}

}  // namespace

at::Tensor Metric::apply(const at::Tensor& X) const {
    switch (kind) {
        case Kind::identity: return X;
        case Kind::diagonal: return d.unsqueeze(1) * X;
        case Kind::whitening: return at::matmul(S, X);
    }
    return X;
}

at::Tensor Metric::solve(const at::Tensor& Y) const {
    switch (kind) {
        case Kind::identity: return Y;
        case Kind::diagonal: return Y / d.unsqueeze(1);
        case Kind::whitening: return at::linalg_solve_triangular(S, Y, /*upper=*/true, /*left=*/true, false);
    }
    return Y;
}

Metric identityMetric() {
    return Metric{};
}

Metric diagonalMetric(const at::Tensor& d) {
    Metric m;
    m.kind = Metric::Kind::diagonal;
    m.d = d;
    return m;
}

void checkGram(const at::Tensor& G, const std::string& where) {
    if (!G.defined() || G.dim() != 2 || G.size(0) != G.size(1) || G.size(0) == 0)
        throw Error(where + ": the Gram is not a non-empty square matrix");
    if (!at::isfinite(G).all().item<bool>()) throw Error(where + ": the Gram holds NaN or Inf values");
    const double trace = G.diagonal().sum().item<double>();
    if (trace < 0)  // a negative diagonal sum: some x^T G x < 0
        throw Error(where + ": the Gram is not positive semi-definite (trace " + sci(trace) +
                    "); the calibration file is damaged");
    if (!(trace > 0))
        throw Error(where + ": the Gram is empty (trace " + sci(trace) +
                    "); the calibration never reached this site or its inputs are all zero");
}

Metric whiteningOf(const at::Tensor& G_in, const std::string& where) {
    checkGram(G_in, where);
    const at::Tensor G = (G_in + G_in.t()) * 0.5;  // (d_in, d_in), exactly symmetric
    const std::int64_t d_in = G.size(0);
    Metric m;
    m.kind = Metric::Kind::whitening;
    m.mean_eigenvalue = G.diagonal().sum().item<double>() / double(d_in);
    at::Tensor L;
    if (!choleskyOk(G, kSingularPivot * m.mean_eigenvalue, L)) {
        const at::Tensor lambda = at::linalg_eigvalsh(G, "L");  // ascending
        const double lambda_min = lambda[0].item<double>();
        const double lambda_max = lambda[-1].item<double>();
        if (lambda_min < -1e-8 * lambda_max)
            throw Error(where + ": the Gram is not positive semi-definite (smallest eigenvalue " + sci(lambda_min) +
                        ", largest " + sci(lambda_max) + "); the calibration file is damaged");
        const at::Tensor I = at::eye(d_in, G.options());
        double eps = kShiftEpsilon * m.mean_eigenvalue;
        for (int attempt = 0; attempt < 7; ++attempt, eps *= 10) {
            const double shift = eps - lambda_min;
            if (choleskyOk(G + shift * I, 0.0, L)) {
                m.shift = shift;
                m.epsilon = eps;
                break;
            }
        }
        if (!L.defined())
            throw Error(where + ": the Gram stays singular after shifting its diagonal by " + sci(eps - lambda_min));
    }
    m.S = L.t().contiguous();
    return m;
}

}  // namespace basislab
