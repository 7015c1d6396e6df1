// Atomic folder writing: everything goes into a temporary folder next to the target, which is
// renamed onto the target at the end. A failure or a cancel (the destructor runs before commit())
// removes the temporary folder, so nothing half-written is ever left at the target.
#pragma once

#include <string>

namespace basislab {

class AtomicFolder {
public:
    /// Creates `<target>.tmp-<pid>-<random>` (temporarySibling). An existing target is an Error unless `overwrite`.
    AtomicFolder(std::string target, bool overwrite);
    ~AtomicFolder();
    AtomicFolder(const AtomicFolder&) = delete;
    AtomicFolder& operator=(const AtomicFolder&) = delete;

    const std::string& path() const { return temp_; }
    const std::string& target() const { return target_; }
    /// Renames the temporary folder onto the target (an existing target is moved aside first, then
    /// removed). Throws Error on failure.
    void commit();

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

}  // namespace basislab
