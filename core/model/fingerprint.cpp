#include "fingerprint.h"

#include "../base/sha256.h"
#include "config.h"
#include "page_release.h"
#include "safetensors.h"

namespace basislab {

std::string weightsFingerprint(const Checkpoint& checkpoint) {
    constexpr std::size_t kWhole = 64 * 1024, kBlock = 4096, kBlocks = 16;
    Sha256 h;
    for (const std::string& n : checkpoint.names()) {  // names() is sorted
        const TensorInfo& t = checkpoint.tensor(n);
        h.update(n + '\0' + name(t.dtype) + t.shapeString() + '\0');
        if (t.nbytes <= kWhole) {
            h.update(t.data, t.nbytes);
            continue;
        }
        for (std::size_t b = 0; b < kBlocks; ++b) {
            const std::size_t offset = (t.nbytes - kBlock) * b / (kBlocks - 1);
            h.update(t.data + offset, kBlock);
        }
        // The blocks read are mapped (with the pages the kernel maps around them, about 1 MiB per
        // tensor): drop them, so opening a model does not leave its whole file in the resident set.
        releasePages(t);
    }
    return h.hexDigest();
}

ModelIdentity modelIdentity(const std::string& path, const LlamaConfig& config, const Checkpoint& checkpoint) {
    ModelIdentity id;
    id.path = path;
    id.config_sha256 = config.sha256;
    id.weights_fingerprint = weightsFingerprint(checkpoint);
    id.tensor_count = std::int64_t(checkpoint.names().size());
    id.weight_bytes = std::int64_t(checkpoint.totalBytes());
    return id;
}

}  // namespace basislab
