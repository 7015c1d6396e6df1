// Atomic file writing: write to a temporary file in the target's folder, flush it to disk, then
// rename it over the target. A crash or a cancelled job never leaves a half-written target, and
// an existing target is only replaced by a complete new file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace basislab {

class AtomicFile {
public:
    /// Reserves a unique temporary path next to `target` (same folder, so rename is atomic), after
    /// removing the temporaries that dead processes left for the same target (removeDeadTemporaries).
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

/// Whether process `pid` may still be running: kill(pid, 0) does not say ESRCH. This process, and
/// pids <= 0, count as running (never ours to judge). Decides which temporaries are a dead writer's.
bool processRuns(long pid);

/// A temporary sibling of `target` found in its folder: `<target>.tmp-<pid>-<hex>`, or the same with
/// `.old` (a folder moved aside by AtomicFolder), written by process `pid`.
struct TemporarySibling {
    std::string path;
    long pid = 0;
    bool moved_aside = false;  // the `.old` form
};
/// The temporary siblings of `target` whose process no longer runs (kill(pid, 0) says ESRCH). A
/// pid reused by a live process keeps its files until that process has ended too.
std::vector<TemporarySibling> deadTemporaries(const std::string& target);
/// Removes the temporaries (files or folders) that killed or crashed writers left beside `target`;
/// a temporary calibration store of Llama2-7B is 44 GB. Returns how many were removed; failures
/// to remove are ignored (the next write tries again).
int removeDeadTemporaries(const std::string& target);

/// Writes `content` to `path` atomically. Throws Error naming the path on failure.
void writeFileAtomically(const std::string& path, std::string_view content);

/// Reads a whole file as bytes. Throws Error naming the path when it cannot be read.
std::string readFileBytes(const std::string& path);

}  // namespace basislab
