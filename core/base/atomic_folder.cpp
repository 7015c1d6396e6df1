#include "atomic_folder.h"

#include "atomic_file.h"
#include "error.h"

#include <filesystem>

namespace basislab {
namespace fs = std::filesystem;

AtomicFolder::AtomicFolder(std::string target, bool overwrite) : target_(std::move(target)) {
    while (target_.size() > 1 && target_.back() == '/') target_.pop_back();
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
    std::string old;
    if (fs::exists(target_, ec)) {
        old = temp_ + ".old";
        fs::rename(target_, old, ec);
        if (ec) throw Error("cannot move the existing '" + target_ + "' aside: " + ec.message());
    }
    fs::rename(temp_, target_, ec);
    if (ec) throw Error("cannot rename '" + temp_ + "' to '" + target_ + "': " + ec.message());
    committed_ = true;
    if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace basislab
