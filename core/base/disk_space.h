// Free disk space, checked before a large write starts (a calibration store of Llama2-7B is
// 44 GB): a write that would not fit is refused up front with an Error naming the folder, the
// bytes needed and the bytes free, instead of failing hours later with a full disk. Torch-free.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

namespace basislab {

/// Bytes an unprivileged writer may still put in the file system of `folder` (statvfs:
/// f_bavail x f_frsize). Throws Error naming the folder when it cannot be asked.
std::uint64_t freeDiskBytes(const std::string& folder);

/// Replaces what freeDiskBytes asks (tests: a disk that is "full" without filling one); an empty
/// function restores statvfs.
using FreeDiskFn = std::function<std::uint64_t(const std::string& folder)>;
void setFreeDiskProbe(FreeDiskFn probe);

/// The folder a file `path` will be written in ("." for a bare name).
std::string folderOf(const std::string& path);

/// Throws Error when `bytes` do not fit the free space of `folder`: "not enough disk space in
/// '<folder>' for <what>: needs <bytes>, <free> free".
void requireDiskSpace(const std::string& folder, std::uint64_t bytes, const std::string& what);

}  // namespace basislab
