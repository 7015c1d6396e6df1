#include "gram_update.h"

#include <algorithm>

namespace basislab {

void addLowerGram(at::Tensor& G, const at::Tensor& X) {
    const std::int64_t d = G.size(0);
    if (d <= kGramBlock) {
        G.addmm_(X.t(), X);
        return;
    }
    for (std::int64_t c0 = 0; c0 < d; c0 += kGramBlock) {
        const std::int64_t w = std::min(kGramBlock, d - c0);
        // G[c0:, c0:c0+w] += X[:, c0:]^T X[:, c0:c0+w]: the diagonal block and everything below it.
        at::Tensor lower = G.narrow(0, c0, d - c0).narrow(1, c0, w);
        lower.addmm_(X.narrow(1, c0, d - c0).t(), X.narrow(1, c0, w));
    }
}

void mirrorLower(at::Tensor& G) {
    const std::int64_t d = G.size(0);
    for (std::int64_t c0 = 0; c0 + kGramBlock < d; c0 += kGramBlock) {
        const std::int64_t c1 = c0 + kGramBlock;
        // Upper strip G[c0:c1, c1:] = (lower strip G[c1:, c0:c1])^T.
        G.narrow(0, c0, kGramBlock).narrow(1, c1, d - c1).copy_(G.narrow(0, c1, d - c1).narrow(1, c0, kGramBlock).t());
    }
}

}  // namespace basislab
