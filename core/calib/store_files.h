// The calibration stores a process leaves on disk, and their removal when it was killed.
//
// The workbench calibrates into a temporary store in a cache folder, named
// `calibration-<pid>-<hex>.h5` after the process that owns it; its writer's temporary file
// (atomic_file.h) is `calibration-<pid>-<hex>.h5.tmp-<pid>-<hex>`. The CLI's writer leaves
// `<out>.h5.tmp-<pid>-<hex>` when it is killed. A calibration killed with SIGKILL cannot remove
// these (44 GB at Llama2-7B), so every calibration first removes those of processes that no longer
// run (kill(pid, 0) says ESRCH), in its cache folder and in its target's folder. A pid reused by a
// live process keeps its files until that process has ended too. Torch-free.
#pragma once

#include <cstdint>
#include <string>

namespace basislab {

/// A fresh path `<folder>/calibration-<pid>-<hex>.h5` for a temporary store of this process.
std::string temporaryStorePath(const std::string& folder);

/// Whether `path`'s file name has the form of a temporary store (`calibration-<pid>-<hex>.h5`).
bool isTemporaryStorePath(const std::string& path);

/// Removes, in `folder`, the temporary stores `calibration-<pid>-<hex>.h5` and the writers'
/// temporaries `<name>.h5.tmp-<pid>-<hex>` whose process no longer runs. Returns how many were
/// removed; a folder that does not exist has none, and failures to remove are ignored (the next
/// calibration tries again).
int removeDeadStores(const std::string& folder);

/// What every calibration (workbench and CLI) does before it writes a store of `bytes` at
/// `target`: removes the dead stores in the target's folder (removeDeadStores), then refuses with
/// an Error naming the folder, the bytes needed and the bytes free a store that would not fit
/// there (base/disk_space.h). The folder must exist (Error otherwise).
void prepareStoreTarget(const std::string& target, std::uint64_t bytes);

}  // namespace basislab
