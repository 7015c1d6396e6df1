// Atomic folder writing: everything goes into a temporary folder next to the target, which is
// renamed onto the target at the end. A failure or a cancel (the destructor runs before commit())
// removes the temporary folder, so nothing half-written is ever left at the target.
//
// Replacing an existing target: on Linux, renameat2(RENAME_EXCHANGE) swaps the new folder and the
// old one in one step, so there is no moment without a complete target, even under kill -9; the
// old content, now at the temporary name, is removed afterwards. Where the file system does not
// support the exchange, the old target is moved aside (`<temporary>.old`) and the new one renamed
// in; a crash between the two renames leaves no target, and the next AtomicFolder for the same
// target restores the moved-aside folder first. Temporaries of dead processes are removed by the
// next write (removeDeadTemporaries, atomic_file.h).
#pragma once

#include <string>

namespace basislab {

class AtomicFolder {
public:
    /// Creates `<target>.tmp-<pid>-<random>` (temporarySibling), after recovering a target that a
    /// crashed commit left moved aside and removing dead processes' temporaries. An existing target
    /// is an Error unless `overwrite`.
    AtomicFolder(std::string target, bool overwrite);
    ~AtomicFolder();
    AtomicFolder(const AtomicFolder&) = delete;
    AtomicFolder& operator=(const AtomicFolder&) = delete;

    const std::string& path() const { return temp_; }
    const std::string& target() const { return target_; }
    /// Puts the temporary folder at the target (exchanging it with an existing target, see above).
    /// Throws Error on failure.
    void commit();

    /// Whether commit() may use renameat2(RENAME_EXCHANGE) (tests turn it off to check the fallback).
    static void setExchangeAllowed(bool allowed);

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

}  // namespace basislab
