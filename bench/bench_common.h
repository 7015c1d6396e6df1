// Shared by the benchmark programs: what they ran on, printed with every result.
#pragma once

#include <ATen/Parallel.h>

#include <dlfcn.h>
#include <cstdio>
#include <string>

namespace basislab::bench {

/// The BLAS kernel family in use (OpenBLAS reports its detected core type), for honest numbers.
inline std::string blasCore() {
    using CoreName = char* (*)();
    if (auto fn = reinterpret_cast<CoreName>(::dlsym(RTLD_DEFAULT, "openblas_get_corename")))
        return std::string("OpenBLAS ") + fn();
    return "unknown BLAS";
}

inline void printEnvironment(const std::string& device, const std::string& dtype) {
    std::printf("environment: device %s, dtype %s, %d torch threads, %s\n", device.c_str(), dtype.c_str(),
                at::get_num_threads(), blasCore().c_str());
}

}  // namespace basislab::bench
