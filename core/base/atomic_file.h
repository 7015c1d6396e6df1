// Atomic file writing: write to a temporary file in the target's folder, flush it to disk, then
// rename it over the target. A crash or a cancelled job never leaves a half-written target, and
// an existing target is only replaced by a complete new file.
#pragma once

#include <string>
#include <string_view>

namespace basislab {

class AtomicFile {
public:
    /// Reserves a unique temporary path next to `target` (same folder, so rename is atomic).
    explicit AtomicFile(std::string target);
    /// Removes the temporary file unless commit() succeeded.
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    /// Where to write the content (any writer: stdio, HDF5, ...). Closed by the writer.
    const std::string& tempPath() const { return temp_; }
    const std::string& target() const { return target_; }
    /// fsync the temporary file and rename it onto the target. Throws Error on failure.
    void commit();

private:
    std::string target_;
    std::string temp_;
    bool committed_ = false;
};

/// A fresh path `<target>.tmp-<pid>-<random>` in the target's folder (so a rename is atomic).
std::string temporarySibling(const std::string& target);

/// Writes `content` to `path` atomically. Throws Error naming the path on failure.
void writeFileAtomically(const std::string& path, std::string_view content);

/// Reads a whole file as bytes. Throws Error naming the path when it cannot be read.
std::string readFileBytes(const std::string& path);

}  // namespace basislab
