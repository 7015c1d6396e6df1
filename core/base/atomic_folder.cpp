#include "atomic_folder.h"

#include "atomic_file.h"
#include "error.h"

#include <fcntl.h>
#include <unistd.h>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace basislab {
namespace fs = std::filesystem;
namespace {

std::atomic<bool> exchange_allowed{true};

/// A commit killed between "move the target aside" and "rename the new folder in" left no target:
/// put the moved-aside folder back (the previous complete state).
void recoverMovedAside(const std::string& target) {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target, ec))) return;
    for (const TemporarySibling& s : deadTemporaries(target))
        if (s.moved_aside) {
            fs::rename(s.path, target, ec);
            if (!ec) return;
        }
}

void syncFolderOf(const std::string& path) {
    const fs::path parent = fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::path(".");
    const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

}  // namespace

void AtomicFolder::setExchangeAllowed(bool allowed) {
    exchange_allowed = allowed;
}

AtomicFolder::AtomicFolder(std::string target, bool overwrite) : target_(std::move(target)) {
    while (target_.size() > 1 && target_.back() == '/') target_.pop_back();
    recoverMovedAside(target_);
    removeDeadTemporaries(target_);
    std::error_code ec;
    if (fs::exists(target_, ec) && !overwrite)
        throw Error("'" + target_ + "' already exists (choose another output folder or allow overwriting)");
    temp_ = temporarySibling(target_);
    if (!fs::create_directories(temp_, ec)) throw Error("cannot create the folder '" + temp_ + "': " + ec.message());
}

AtomicFolder::~AtomicFolder() {
    std::error_code ec;
    if (!committed_) fs::remove_all(temp_, ec);
}

void AtomicFolder::commit() {
    std::error_code ec;
    if (fs::exists(fs::symlink_status(target_, ec))) {
        if (exchange_allowed && ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
            committed_ = true;
            syncFolderOf(target_);
            fs::remove_all(temp_, ec);  // the old content; if this is interrupted, the next write removes it
            return;
        }
        if (exchange_allowed && errno != EINVAL && errno != ENOSYS && errno != EOPNOTSUPP)
            throw Error("cannot exchange '" + temp_ + "' with '" + target_ + "': " + std::strerror(errno));
        const std::string old = temp_ + ".old";
        fs::rename(target_, old, ec);
        if (ec) throw Error("cannot move the existing '" + target_ + "' aside: " + ec.message());
        fs::rename(temp_, target_, ec);
        if (ec) {
            std::error_code back;
            fs::rename(old, target_, back);
            throw Error("cannot rename '" + temp_ + "' to '" + target_ + "': " + ec.message());
        }
        committed_ = true;
        syncFolderOf(target_);
        fs::remove_all(old, ec);
        return;
    }
    fs::rename(temp_, target_, ec);
    if (ec) throw Error("cannot rename '" + temp_ + "' to '" + target_ + "': " + ec.message());
    committed_ = true;
    syncFolderOf(target_);
}

}  // namespace basislab
