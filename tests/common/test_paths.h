// Where the tests find their data, and small readers for the reference files.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace basislab::test {

inline std::string dataDir() {
    return BASISLAB_TEST_DATA_DIR;
}
inline std::string demoDir() {
    return BASISLAB_DEMO_DIR;
}
inline std::string storiesModel() {
    return demoDir() + "/stories260k";
}
inline std::string shardedModel() {
    return dataDir() + "/tiny-random-sharded";
}
inline std::string referenceDir() {
    return dataDir() + "/stories260k-reference";
}
inline std::string textPath(const std::string& file) {
    return demoDir() + "/text/" + file;
}

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline nlohmann::json readJson(const std::string& path) {
    return nlohmann::json::parse(slurp(path));
}

inline std::vector<int> readU16(const std::string& path) {
    const std::string bytes = slurp(path);
    std::vector<int> ids(bytes.size() / 2);
    for (std::size_t i = 0; i < ids.size(); ++i)
        ids[i] = int(std::uint8_t(bytes[2 * i])) | (int(std::uint8_t(bytes[2 * i + 1])) << 8);
    return ids;
}

inline std::vector<float> readF32(const std::string& path) {
    const std::string bytes = slurp(path);
    std::vector<float> v(bytes.size() / 4);
    std::memcpy(v.data(), bytes.data(), v.size() * 4);
    return v;
}

}  // namespace basislab::test
