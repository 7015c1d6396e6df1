#include "base/isolated_read.h"

#include "base/error.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>

#if defined(__linux__)
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <csignal>
#define BASISLAB_HAVE_SPAWN 1
extern char** environ;
#endif

namespace basislab {
namespace {

std::atomic<bool> g_in_process{false};

#ifdef BASISLAB_HAVE_SPAWN
/// Files the helper has read without trouble, by device, inode, size, modification time and the
/// helper's arguments: opening the same unchanged file again needs no second check (an atomic
/// rewrite gives a new inode).
std::mutex g_checked_mutex;
std::set<std::string> g_checked;

std::string checkKey(const std::string& file, const std::vector<std::string>& args) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) return {};
    std::string key = std::to_string(st.st_dev) + ':' + std::to_string(st.st_ino) + ':' + std::to_string(st.st_size) +
                      ':' + std::to_string(st.st_mtim.tv_sec) + '.' + std::to_string(st.st_mtim.tv_nsec);
    for (const std::string& a : args) key += '\n' + a;
    return key;
}
#endif

}  // namespace

int isolatedReadLimitSeconds() {
    if (const char* v = std::getenv("BASISLAB_READ_TIMEOUT")) {
        char* end = nullptr;
        const long s = std::strtol(v, &end, 10);
        if (end != v && *end == '\0' && s >= 1 && s <= 86400) return int(s);
    }
    return 120;
}

void runReadsInThisProcess() {
    g_in_process = true;
}

std::string hdf5CheckHelper() {
    if (g_in_process) return {};
    namespace fs = std::filesystem;
    std::error_code ec;
    if (const char* v = std::getenv("BASISLAB_H5CHECK"); v && *v)
        return std::string(v) == "off" || !fs::is_regular_file(v, ec) ? "" : v;
#ifdef BASISLAB_HAVE_SPAWN
    const fs::path self = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const fs::path helper = self.parent_path() / "basislab-h5check";
    if (fs::is_regular_file(helper, ec) && ::access(helper.c_str(), X_OK) == 0) return helper.string();
#endif
    return {};
}

#ifdef BASISLAB_HAVE_SPAWN

void runIsolated(const std::string& file, const std::vector<std::string>& helper_args,
                 const std::function<void()>& in_process, int limit_seconds, bool remember) {
    const std::string helper = hdf5CheckHelper();
    if (helper.empty()) {
        in_process();
        return;
    }
    const std::string key = remember ? checkKey(file, helper_args) : std::string();
    if (!key.empty()) {
        const std::lock_guard<std::mutex> lock(g_checked_mutex);
        if (g_checked.count(key)) return;
    }
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
        throw Error("'" + file + "': cannot create a pipe to check it: " + std::strerror(errno));
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(helper.c_str()));
    for (const std::string& a : helper_args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, helper.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        throw Error("'" + file + "': cannot start '" + helper + "' to check it: " + std::strerror(spawned));
    }

    // The helper's end of the pipe closes when it exits (or crashes): wait for that, reading its
    // message, until the deadline.
    std::string message;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(limit_seconds);
    bool killed = false;
    for (;;) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            ::kill(pid, SIGKILL);
            killed = true;
            break;
        }
        pollfd p{fds[0], POLLIN, 0};
        const int ready = ::poll(&p, 1, int(std::min<long long>(left, 1000)));
        if (ready < 0 && errno != EINTR) {
            ::kill(pid, SIGKILL);  // cannot watch it: do not wait for it either
            break;
        }
        if (ready <= 0) continue;
        char buffer[4096];
        const ssize_t n = ::read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            if (message.size() < (1u << 20)) message.append(buffer, std::size_t(n));
        } else if (n == 0) {
            break;  // end of file: the helper has exited
        } else if (errno != EINTR) {
            ::kill(pid, SIGKILL);
            break;
        }
    }
    ::close(fds[0]);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            status = 0;  // reaped elsewhere (SIGCHLD ignored): outcome unknown, this process reads it
            break;
        }
    }

    if (killed)
        throw Error("'" + file + "' is damaged: reading it did not finish within " + std::to_string(limit_seconds) +
                    " s (HDF5 loops on it; set BASISLAB_READ_TIMEOUT to allow longer)");
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
        if (!key.empty()) {
            const std::lock_guard<std::mutex> lock(g_checked_mutex);
            g_checked.insert(key);
        }
        return;
    }
    while (!message.empty() && (message.back() == '\n' || message.back() == '\r')) message.pop_back();
    if (WIFEXITED(status) && WEXITSTATUS(status) == kIsolatedErrorStatus) throw Error(message);
    if (WIFSIGNALED(status))
        throw Error("'" + file + "' is damaged: HDF5 crashed reading it (signal " + std::to_string(WTERMSIG(status)) +
                    ", " + strsignal(WTERMSIG(status)) + ")");
    throw Error("'" + file + "' is damaged: HDF5 failed reading it ('" + helper + "' exited with status " +
                std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + ")");
}

#else

void runIsolated(const std::string&, const std::vector<std::string>&, const std::function<void()>& in_process, int,
                 bool) {
    in_process();
}

#endif

}  // namespace basislab
