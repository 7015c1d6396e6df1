// A model's identity, cheap enough for Llama2-7B: config hash + a fingerprint of the weights.
//
// The weights fingerprint is SHA-256 over, for every tensor in name order, its name, dtype, shape
// and content: all bytes when the tensor has at most 64 KiB, otherwise 16 evenly spaced 4 KiB
// blocks. Norm weights are small and hashed whole, so a function-preserving rescaled twin of a
// model (norm x c, projection / c) gets a different fingerprint.
#pragma once

#include <cstdint>
#include <string>

namespace basislab {

class Checkpoint;
struct LlamaConfig;

struct ModelIdentity {
    std::string path;  // the folder as given (informational; models can move)
    std::string config_sha256;  // hash of config.json's bytes
    std::string weights_fingerprint;  // see above
    std::int64_t tensor_count = 0;
    std::int64_t weight_bytes = 0;

    /// True when both describe the same weights and config (the path is not compared).
    bool sameModel(const ModelIdentity& other) const {
        return config_sha256 == other.config_sha256 && weights_fingerprint == other.weights_fingerprint;
    }
};

std::string weightsFingerprint(const Checkpoint& checkpoint);
ModelIdentity modelIdentity(const std::string& path, const LlamaConfig& config, const Checkpoint& checkpoint);

}  // namespace basislab
