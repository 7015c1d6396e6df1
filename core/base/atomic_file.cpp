#include "atomic_file.h"

#include "error.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace basislab {
namespace {

std::string errnoText() {
    return std::strerror(errno);
}

void fsyncPath(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw Error("cannot open '" + path + "' to flush it: " + errnoText());
    const int rc = ::fsync(fd);
    ::close(fd);
    if (rc != 0) throw Error("cannot flush '" + path + "' to disk: " + errnoText());
}

}  // namespace

std::string temporarySibling(const std::string& target) {
    std::random_device rd;
    std::ostringstream name;
    name << target << ".tmp-" << ::getpid() << '-' << std::hex << rd();
    return name.str();
}

bool processRuns(long pid) {
    if (pid <= 0) return true;  // never ours to judge
    if (pid == long(::getpid())) return true;
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
}

namespace {

bool allOf(const std::string& text, std::size_t from, std::size_t to, const char* chars) {
    if (from >= to) return false;
    return text.find_first_not_of(chars, from) >= to;
}

}  // namespace

std::vector<TemporarySibling> deadTemporaries(const std::string& target) {
    namespace fs = std::filesystem;
    std::vector<TemporarySibling> out;
    const fs::path t(target);
    const fs::path folder = t.has_parent_path() ? t.parent_path() : fs::path(".");
    const std::string prefix = t.filename().string() + ".tmp-";
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) return out;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
        if (ec) break;
        const std::string name = it->path().filename().string();
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        // <prefix><pid>-<hex>[.old]
        const std::size_t dash = name.find('-', prefix.size());
        if (dash == std::string::npos || !allOf(name, prefix.size(), dash, "0123456789")) continue;
        std::size_t end = name.size();
        const bool old = name.size() > 4 && name.compare(name.size() - 4, 4, ".old") == 0;
        if (old) end -= 4;
        if (!allOf(name, dash + 1, end, "0123456789abcdef")) continue;
        if (dash - prefix.size() > 9) continue;
        TemporarySibling s;
        s.path = it->path().string();
        s.pid = std::stol(name.substr(prefix.size(), dash - prefix.size()));
        s.moved_aside = old;
        if (!processRuns(s.pid)) out.push_back(std::move(s));
    }
    return out;
}

int removeDeadTemporaries(const std::string& target) {
    int removed = 0;
    for (const TemporarySibling& s : deadTemporaries(target)) {
        std::error_code ec;
        if (std::filesystem::remove_all(s.path, ec) > 0 && !ec) ++removed;
    }
    return removed;
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
    removeDeadTemporaries(target_);
    temp_ = temporarySibling(target_);
}

AtomicFile::~AtomicFile() {
    if (!committed_) std::remove(temp_.c_str());
}

void AtomicFile::commit() {
    struct stat st {};
    if (::stat(temp_.c_str(), &st) != 0) throw Error("nothing was written to '" + temp_ + "' for '" + target_ + "'");
    fsyncPath(temp_);
    if (std::rename(temp_.c_str(), target_.c_str()) != 0)
        throw Error("cannot move '" + temp_ + "' onto '" + target_ + "': " + errnoText());
    committed_ = true;
    // Flush the folder entry too, so the rename itself survives a crash.
    const auto slash = target_.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : target_.substr(0, slash == 0 ? 1 : slash);
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void writeFileAtomically(const std::string& path, std::string_view content) {
    AtomicFile file(path);
    {
        std::ofstream out(file.tempPath(), std::ios::binary | std::ios::trunc);
        if (!out) throw Error("cannot create '" + file.tempPath() + "': " + errnoText());
        out.write(content.data(), std::streamsize(content.size()));
        out.flush();
        if (!out) throw Error("cannot write '" + file.tempPath() + "': " + errnoText());
    }
    file.commit();
}

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open '" + path + "': " + errnoText());
    std::ostringstream data;
    data << in.rdbuf();
    if (in.bad()) throw Error("cannot read '" + path + "'");
    return data.str();
}

}  // namespace basislab
