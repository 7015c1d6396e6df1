#include "lanczos.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <vector>

namespace basislab {

LanczosResult largestEigenvalue(const at::Tensor& G, const LanczosOptions& options) {
    LanczosResult r;
    const std::int64_t d = G.size(0);
    if (d == 0) return r;
    if (d == 1) {
        r.value = G.item<double>();
        r.converged = true;
        return r;
    }
    const auto f64 = at::TensorOptions().dtype(at::kDouble).device(G.device());
    const int max_steps = int(std::min<std::int64_t>(options.max_steps, d));
    // A fixed start vector with every component non-zero and no special structure:
    // q_i = 1 + 0.5 sin(i), normalised (deterministic, so the same Gram gives the same value).
    at::Tensor q = at::arange(d, f64).sin().mul_(0.5).add_(1.0);
    q.div_(q.norm());
    at::Tensor Q = at::empty({max_steps, d}, f64);  // the Lanczos vectors, row by row
    std::vector<double> alpha, beta;
    for (int k = 0; k < max_steps; ++k) {
        if (options.poll) options.poll();
        Q[k].copy_(q);
        at::Tensor w = at::mv(G, q);  // [d]
        const double a = at::dot(w, q).item<double>();
        alpha.push_back(a);
        // Full reorthogonalisation against q_0..q_k (twice is enough, Kahan-Parlett).
        const at::Tensor Qk = Q.narrow(0, 0, k + 1);
        for (int pass = 0; pass < 2; ++pass) w.sub_(at::mv(Qk.t(), at::mv(Qk, w)));
        const double b = w.norm().item<double>();
        // The tridiagonal T_k: eigenvalues and the last components of its eigenvectors.
        const int m = k + 1;
        Eigen::VectorXd diag(m), off(std::max(m - 1, 0));
        for (int i = 0; i < m; ++i) diag[i] = alpha[std::size_t(i)];
        for (int i = 0; i + 1 < m; ++i) off[i] = beta[std::size_t(i)];
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> T;
        T.computeFromTridiagonal(diag, off, Eigen::ComputeEigenvectors);
        const double theta = T.eigenvalues()[m - 1];
        const double bound = std::abs(b * T.eigenvectors()(m - 1, m - 1));
        r.value = theta;
        r.residual = bound;
        r.steps = m;
        if (bound <= options.tolerance * std::abs(theta) || b <= 1e-300 || m == d) {
            r.converged = true;
            return r;
        }
        beta.push_back(b);
        q = w / b;
    }
    // Not converged: the exact answer from the full spectrum.
    r.value = at::linalg_eigvalsh(G, "L")[-1].item<double>();
    r.converged = false;
    return r;
}

}  // namespace basislab
