#include "factorize.h"

#include "../base/error.h"
#include "../base/torch_compat.h"

namespace basislab {

SvdSolver chooseSolver(SvdSolver requested, std::int64_t d_in, std::int64_t concatenated_width) {
    if (requested != SvdSolver::automatic) return requested;
    return concatenated_width >= 2 * d_in ? SvdSolver::gram : SvdSolver::direct;
}

at::Tensor Factorization::basis(std::int64_t k) const {
    return Z.narrow(1, 0, k) * sigma.narrow(0, 0, k).unsqueeze(0);  // (d_in, k)
}

at::Tensor Factorization::coefficient(std::size_t i, std::int64_t k) const {
    const at::Tensor s = sigma.narrow(0, 0, k);
    const at::Tensor inv = at::where(s > 0, 1 / s, at::zeros_like(s));  // (k)
    return inv.unsqueeze(1) * Y[i].narrow(0, 0, k);  // (k, d_out)
}

Factorization factorize(const Metric& S, const std::vector<at::Tensor>& W, const std::vector<double>& beta,
                        const std::vector<at::Tensor>& D, SvdSolver solver) {
    if (W.empty()) throw Error("factorize: no matrices");
    const std::int64_t d_in = W[0].size(0);
    std::vector<at::Tensor> SW(W.size());  // S W_l, (d_in, d_out)
    std::vector<at::Tensor> blocks(W.size());  // beta_l S W_l D_l, (d_in, d_out)
    std::int64_t width = 0;
    for (std::size_t l = 0; l < W.size(); ++l) {
        SW[l] = S.apply(W[l]);
        blocks[l] = SW[l];
        if (!beta.empty() && beta[l] != 1.0) blocks[l] = blocks[l] * beta[l];
        if (!D.empty() && D[l].defined()) blocks[l] = blocks[l] * D[l].unsqueeze(0);
        width += W[l].size(1);
    }
    const std::int64_t m = std::min(d_in, width);
    Factorization f;
    f.solver = chooseSolver(solver, d_in, width);
    at::Tensor U;  // (d_in, m)
    if (f.solver == SvdSolver::direct) {
        const at::Tensor A = at::cat(blocks, 1);  // (d_in, n d_out)
        auto [u, s, vh] = at::linalg_svd(A, /*full_matrices=*/false, compat::nullopt);
        U = u;
        f.sigma = s;
    } else {
        at::Tensor K = at::zeros({d_in, d_in}, W[0].options());  // A A^T, (d_in, d_in)
        for (const at::Tensor& b : blocks) K.addmm_(b, b.t());
        auto [lambda, Q] = at::linalg_eigh(K, "L");  // ascending
        U = Q.flip({1}).narrow(1, 0, m).contiguous();
        f.sigma = lambda.flip({0}).narrow(0, 0, m).clamp_min(0).sqrt();
    }
    f.Z = S.solve(U);  // (d_in, m)
    f.Y.resize(W.size());
    for (std::size_t l = 0; l < W.size(); ++l) f.Y[l] = at::matmul(U.t(), SW[l]);  // (m, d_out)
    return f;
}

}  // namespace basislab
