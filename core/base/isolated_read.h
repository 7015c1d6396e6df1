// Reading a file in a helper process, so that a library's crash or endless loop on a damaged file
// becomes an Error instead of taking BasisLab down.
//
// HDF5 1.10 trusts sizes it finds in a file: fuzzing showed that a corrupted global heap or
// attribute message makes H5Aread/H5Aopen/H5Ocopy copy out of bounds (a segmentation fault), try
// to allocate 126 GB, or loop for minutes (tests/fuzz/README.md). BasisLab cannot check HDF5's
// internal structures before HDF5 reads them, so the readers of the calibration store and the
// session file first have the helper program `basislab-h5check` (app/h5check) run the same reading
// code on the file: if it dies (a signal, a sanitizer report) or does not finish within the time
// limit, the reader throws an Error naming the file; if it finishes, this process reads the file
// itself (HDF5 is deterministic) or, for an extraction, takes the file the helper wrote.
//
// The helper is started with posix_spawn, not fork(): fork() runs every library's atfork handlers
// in this process (OpenBLAS stops and restarts its thread pool at each one, which made a
// session open take tens of milliseconds, and waits for a BLAS call in flight). It is found
// beside the running executable, or at the path in the environment variable BASISLAB_H5CHECK
// ("off": none). Where there is none, the reading runs in this process, unprotected. Starting it
// costs about a second of a loaded 2-core machine (it loads LibTorch), once per file opened.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace basislab {

/// Seconds the helper may take before it is killed: 120 by default, or the environment variable
/// BASISLAB_READ_TIMEOUT (whole seconds ≥ 1; the fuzz targets set it low).
int isolatedReadLimitSeconds();

/// The helper program's path, or "" where there is none (or inside the helper itself).
std::string hdf5CheckHelper();

/// Called by the helper's main: reads run in its own process from then on.
void runReadsInThisProcess();

/// Runs the helper with `helper_args` and waits at most limit_seconds for it. Returns when it
/// finished; throws Error(its message) when it reported an error (exit status 3, the message on
/// its standard error), and an Error naming `file` when it crashed or was killed at the limit.
/// Without a helper, runs in_process() instead. A read-only check (`remember`) that succeeded is
/// not repeated for the same unchanged file (same inode, size and modification time).
void runIsolated(const std::string& file, const std::vector<std::string>& helper_args,
                 const std::function<void()>& in_process, int limit_seconds, bool remember = true);

/// The helper's exit status for an error whose message it wrote to standard error.
constexpr int kIsolatedErrorStatus = 3;

}  // namespace basislab
