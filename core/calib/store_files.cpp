#include "store_files.h"

#include "../base/atomic_file.h"
#include "../base/disk_space.h"
#include "../base/error.h"

#include <unistd.h>

#include <filesystem>
#include <random>
#include <regex>
#include <sstream>

namespace basislab {
namespace {

// calibration-<pid>-<hex>.h5
const std::regex& storeName() {
    static const std::regex r("calibration-([0-9]{1,9})-[0-9a-f]+\\.h5");
    return r;
}

// <anything>.h5.tmp-<pid>-<hex>: a store writer's temporary file (atomic_file.h)
const std::regex& writerTemporary() {
    static const std::regex r(".+\\.h5\\.tmp-([0-9]{1,9})-[0-9a-f]+");
    return r;
}

}  // namespace

std::string temporaryStorePath(const std::string& folder) {
    std::random_device rd;
    std::ostringstream name;
    name << "calibration-" << ::getpid() << '-' << std::hex << rd() << rd() << ".h5";
    return (std::filesystem::path(folder) / name.str()).string();
}

bool isTemporaryStorePath(const std::string& path) {
    return std::regex_match(std::filesystem::path(path).filename().string(), storeName());
}

int removeDeadStores(const std::string& folder) {
    namespace fs = std::filesystem;
    int removed = 0;
    std::error_code ec;
    fs::directory_iterator it(folder.empty() ? fs::path(".") : fs::path(folder), ec);
    if (ec) return 0;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        std::smatch m;
        if (!std::regex_match(name, m, storeName()) && !std::regex_match(name, m, writerTemporary())) continue;
        std::error_code type_ec;
        if (!it->is_regular_file(type_ec)) continue;  // folders are AtomicFolder's to recover
        if (processRuns(std::stol(m[1].str()))) continue;
        std::error_code rm_ec;
        if (fs::remove(it->path(), rm_ec) && !rm_ec) ++removed;
    }
    return removed;
}

void prepareStoreTarget(const std::string& target, std::uint64_t bytes) {
    const std::string folder = folderOf(target);
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw Error("cannot write the calibration store '" + target + "': folder '" + folder + "' does not exist");
    removeDeadStores(folder);
    requireDiskSpace(folder, bytes, "the calibration store '" + target + "'");
}

}  // namespace basislab
