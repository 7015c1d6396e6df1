#include "spectrum.h"

#include <cmath>

namespace basislab {

double effectiveRank(const Eigen::VectorXd& eigenvalues) {
    double total = 0;
    for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) total += std::max(eigenvalues[i], 0.0);
    if (total <= 0) return 0.0;
    double entropy = 0;
    for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) {
        const double p = std::max(eigenvalues[i], 0.0) / total;
        if (p > 0) entropy -= p * std::log(p);
    }
    return std::exp(entropy);
}

Eigen::Index energyRank(const Eigen::VectorXd& eigenvalues, double fraction) {
    double total = 0;
    for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) total += std::max(eigenvalues[i], 0.0);
    if (total <= 0) return 0;
    double kept = 0;
    for (Eigen::Index i = 0; i < eigenvalues.size(); ++i) {
        kept += std::max(eigenvalues[i], 0.0);
        if (kept >= fraction * total) return i + 1;
    }
    return eigenvalues.size();
}

}  // namespace basislab
