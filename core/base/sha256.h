// SHA-256 (FIPS 180-4), used to identify models, texts and calibrations in stored files.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace basislab {

class Sha256 {
public:
    Sha256();
    void update(const void* data, std::size_t size);
    void update(std::string_view data) { update(data.data(), data.size()); }
    /// Finishes the hash and returns it as 64 lowercase hex digits. Call once.
    std::string hexDigest();

private:
    void block(const std::uint8_t* p);
    std::array<std::uint32_t, 8> h_;
    std::array<std::uint8_t, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

std::string sha256Hex(std::string_view data);
/// Hash of a whole file, read in chunks. Throws Error naming the file when it cannot be read.
std::string sha256File(const std::string& path);

}  // namespace basislab
