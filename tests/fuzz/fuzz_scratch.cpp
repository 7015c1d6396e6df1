#include "fuzz_entries.h"

#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace basislab::fuzz {
namespace fs = std::filesystem;

volatile unsigned sink = 0;

const std::string& scratch() {
    static const std::string dir = [] {
        const fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
        const fs::path d = base / ("basislab-fuzz-" + std::to_string(::getpid()));
        fs::create_directories(d);
        return d.string();
    }();
    return dir;
}

std::string writeInput(const std::string& name, const std::uint8_t* data, std::size_t size) {
    const std::string path = scratch() + "/" + name;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
    return path;
}

}  // namespace basislab::fuzz
