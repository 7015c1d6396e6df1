// Input scale calibration: the per-layer weights of a shared group, torch-free.
//
// A group of n layers of one matrix type is factorized as (factorize.h)
//     G = sum_l alpha_l G_l,  S^T S = G,  S [beta_1 W_1 ... beta_n W_n] = U Sigma V^T,
//     B = S^-1 U_k Sigma_k,   C_l = (block l of V_k^T) / beta_l.
// The alpha forms of plan.h choose alpha_l (and beta_l = 1) from a per-layer scale measure; the
// normalised form chooses the layer's input scale s_l and sets alpha_l = 1/s_l^2, beta_l = s_l.
// Multiplying every alpha_l by c and every beta_l by 1/sqrt(c) changes nothing (S and Sigma scale
// by sqrt(c), B and C_l do not), so alpha is normalised to mean 1 within each group, with
// alpha_l beta_l^2 kept (beta_l = 1 stays 1 except for normalised).
//
// Cost of inv-output: alpha_l = 1/tr(W_l^T G_l W_l) needs one d_in^2 d_out product per layer, and
// because alpha then differs between q, k and v (and between gate and up), each type gets its own
// Cholesky of its own weighted Gram: 3 whitenings per attention group and 2 per MLP group instead
// of 1 each. The other forms depend on G_l only, so q, k and v share one whitening.
#pragma once

#include "../model/names.h"
#include "plan.h"

#include <cstdint>
#include <vector>

namespace basislab {

/// What the alpha forms read about one layer.
struct LayerScale {
    int layer = 0;
    std::int64_t tokens = 0;  // rows of X_l
    double trace = 0;  // tr G_l
    double fro = 0;  // ||G_l||_F
    double max_eig = 0;  // lambda_max(G_l); only needed by inv-max-eig and normalised:max-eig
    double output_energy = 0;  // tr(W_l^T G_l W_l); only needed by inv-output
};

struct GroupWeights {
    std::vector<double> alpha;  // normalised to mean 1
    std::vector<double> beta;  // column scale of W_l in the concatenation (normalised: s_l)
};

/// Which measures a form needs (so callers compute only those).
bool needsMaxEig(const AlphaForm& form);

/// The weights of a group. Throws Error naming the layer, site (or type) when a measure is zero,
/// negative or not finite.
GroupWeights groupWeights(const AlphaForm& form, const std::vector<LayerScale>& layers, MatrixType type);

}  // namespace basislab
