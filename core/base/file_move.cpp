#include "file_move.h"

#include "atomic_file.h"
#include "disk_space.h"
#include "error.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

namespace basislab {
namespace {

std::atomic<bool> g_rename_allowed{true};

class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    int get() const { return fd_; }
    int release() {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }

private:
    int fd_;
};

std::string errnoText() {
    return std::strerror(errno);
}

void copyInto(const std::string& from, const std::string& temp, std::uint64_t size, const ProgressFn& progress) {
    constexpr std::size_t kChunk = std::size_t(8) << 20;
    constexpr std::uint64_t kMiB = std::uint64_t(1) << 20;
    Fd in(::open(from.c_str(), O_RDONLY | O_CLOEXEC));
    if (in.get() < 0) throw Error("cannot read '" + from + "': " + errnoText());
    Fd out(::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (out.get() < 0) throw Error("cannot create '" + temp + "': " + errnoText());
    ProgressReporter reporter(progress, "move", std::int64_t((size + kMiB - 1) / kMiB));
    std::vector<char> buffer(kChunk);
    std::uint64_t copied = 0;
    for (;;) {
        const ssize_t n = ::read(in.get(), buffer.data(), buffer.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw Error("cannot read '" + from + "': " + errnoText());
        if (n == 0) break;
        for (ssize_t off = 0; off < n;) {
            const ssize_t w = ::write(out.get(), buffer.data() + off, std::size_t(n - off));
            if (w < 0 && errno == EINTR) continue;
            if (w < 0) throw Error("cannot write '" + temp + "': " + errnoText());
            off += w;
        }
        copied += std::uint64_t(n);
        reporter.report(std::int64_t(copied / kMiB), 0, -1, 0, "copying to " + temp);
    }
    if (::close(out.release()) != 0) throw Error("cannot write '" + temp + "': " + errnoText());
}

}  // namespace

void setMoveRenameAllowed(bool allowed) {
    g_rename_allowed = allowed;
}

void moveFile(const std::string& from, const std::string& to, const ProgressFn& progress) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(from, ec)) throw Error("cannot move '" + from + "': it is not a file");
    if (fs::exists(to, ec) && fs::equivalent(from, to, ec)) return;
    if (g_rename_allowed && std::rename(from.c_str(), to.c_str()) == 0) return;
    if (g_rename_allowed && errno != EXDEV) throw Error("cannot move '" + from + "' to '" + to + "': " + errnoText());
    // Another file system: copy beside the target, then rename onto it.
    const std::uint64_t size = fs::file_size(from, ec);
    if (ec) throw Error("cannot read the size of '" + from + "': " + ec.message());
    requireDiskSpace(folderOf(to), size, "'" + to + "'");
    AtomicFile file(to);
    copyInto(from, file.tempPath(), size, progress);
    file.commit();
    if (!fs::remove(from, ec) || ec)
        throw Error("copied '" + from + "' to '" + to + "' but cannot remove it: " + ec.message());
}

}  // namespace basislab
