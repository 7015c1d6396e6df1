// Memory the workbench shows in its status bar. Torch-free: reads /proc on Linux.
#pragma once

#include <cstdint>

namespace basislab::api {

/// Resident set size of this process in bytes (VmRSS), or -1 where it cannot be read.
std::int64_t residentSetBytes();

}  // namespace basislab::api
