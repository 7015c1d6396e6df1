// Moving a large file (a calibration store the user keeps): a rename when the source and the
// target are on the same file system, otherwise a copy that is as atomic as a rename for the
// target (a temporary sibling, fsync, rename: atomic_file.h) followed by removing the source.
// Torch-free.
#pragma once

#include "progress.h"

#include <string>

namespace basislab {

/// Moves `from` onto `to` (an existing `to` is replaced). Across file systems the copy checks the
/// free space first (disk_space.h), reports progress in stage "move" (one unit per MiB) and a
/// cancel throws Cancelled leaving `from` in place and `to` untouched. Throws Error naming both
/// paths on failure.
void moveFile(const std::string& from, const std::string& to, const ProgressFn& progress = {});

/// Whether moveFile may rename (tests turn it off to check the copy across file systems).
void setMoveRenameAllowed(bool allowed);

}  // namespace basislab
