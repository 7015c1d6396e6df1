#include "disk_space.h"

#include "device_memory.h"
#include "error.h"

#include <sys/statvfs.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

namespace basislab {
namespace {

std::mutex& probeMutex() {
    static std::mutex m;
    return m;
}

FreeDiskFn& probe() {
    static FreeDiskFn p;
    return p;
}

}  // namespace

std::uint64_t freeDiskBytes(const std::string& folder) {
    {
        std::lock_guard<std::mutex> lock(probeMutex());
        if (probe()) return probe()(folder);
    }
    struct statvfs s {};
    if (::statvfs(folder.c_str(), &s) != 0)
        throw Error("cannot read the free space of folder '" + folder + "': " + std::strerror(errno));
    return std::uint64_t(s.f_bavail) * std::uint64_t(s.f_frsize);
}

void setFreeDiskProbe(FreeDiskFn p) {
    std::lock_guard<std::mutex> lock(probeMutex());
    probe() = std::move(p);
}

std::string folderOf(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

void requireDiskSpace(const std::string& folder, std::uint64_t bytes, const std::string& what) {
    const std::uint64_t free = freeDiskBytes(folder);
    if (bytes <= free) return;
    throw Error("not enough disk space in '" + folder + "' for " + what + ": it needs " + formatBytes(bytes) + " (" +
                std::to_string(bytes) + " bytes), " + formatBytes(free) + " (" + std::to_string(free) +
                " bytes) are free");
}

}  // namespace basislab
