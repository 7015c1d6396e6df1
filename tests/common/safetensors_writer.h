// Builds safetensors bytes for tests, including deliberately broken ones.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace basislab::test {

struct RawTensor {
    std::string name;
    std::string dtype = "F32";
    std::vector<std::int64_t> shape;
    std::string data;  // raw bytes
};

/// Header JSON for the tensors, with offsets laid out contiguously in order.
std::string headerFor(const std::vector<RawTensor>& tensors);
/// A whole file: 8-byte length + header (padded to 8 bytes) + data.
std::string fileFor(const std::vector<RawTensor>& tensors);
/// A file with a given header text and data bytes (for malformed headers).
std::string fileWithHeader(const std::string& header, const std::string& data);
/// `n` float32 values 0, 1, 2, ... as bytes.
std::string floats(std::size_t n, float start = 0.f);
void writeFile(const std::string& path, const std::string& bytes);

}  // namespace basislab::test
