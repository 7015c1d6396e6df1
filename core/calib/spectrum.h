// Summaries of a Gram spectrum (eigenvalues of G, descending), for `inspect` and the GUI's plots.
// Torch-free. Eigenvalues at or below zero (a rank-deficient G, or float64 rounding of an exact
// zero) count as zero.
#pragma once

#include <Eigen/Core>

namespace basislab {

/// Roy & Vetterli's effective rank exp(H(p)), p_i = lambda_i / sum(lambda) over positive lambda_i:
/// d for a flat spectrum, 1 when one direction holds everything, 0 for an all-zero G.
double effectiveRank(const Eigen::VectorXd& eigenvalues);

/// The smallest k whose top-k eigenvalues hold at least `fraction` of the positive total
/// (e.g. 0.99 for "rank at 99 % energy"); 0 for an all-zero G.
Eigen::Index energyRank(const Eigen::VectorXd& eigenvalues, double fraction);

}  // namespace basislab
