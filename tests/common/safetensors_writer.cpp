#include "safetensors_writer.h"

#include <nlohmann/json.hpp>

#include <cstring>
#include <fstream>

namespace basislab::test {

std::string headerFor(const std::vector<RawTensor>& tensors) {
    nlohmann::ordered_json j;
    j["__metadata__"] = {{"format", "pt"}};
    std::size_t offset = 0;
    for (const auto& t : tensors) {
        j[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.data.size()}}};
        offset += t.data.size();
    }
    return j.dump();
}

std::string fileWithHeader(const std::string& header, const std::string& data) {
    std::string h = header;
    while (h.size() % 8) h += ' ';
    std::string out(8, '\0');
    const std::uint64_t n = h.size();
    for (int i = 0; i < 8; ++i) out[std::size_t(i)] = char((n >> (8 * i)) & 0xff);
    return out + h + data;
}

std::string fileFor(const std::vector<RawTensor>& tensors) {
    std::string data;
    for (const auto& t : tensors) data += t.data;
    return fileWithHeader(headerFor(tensors), data);
}

std::string floats(std::size_t n, float start) {
    std::string out(n * 4, '\0');
    for (std::size_t i = 0; i < n; ++i) {
        const float v = start + float(i);
        std::memcpy(&out[i * 4], &v, 4);
    }
    return out;
}

void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc).write(bytes.data(), std::streamsize(bytes.size()));
}

}  // namespace basislab::test
