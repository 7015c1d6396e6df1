// Shared by the benchmark programs: what they ran on, printed with every result.
#pragma once

#include "args.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>
#include <cstdio>
#include <fstream>
#include <string>

namespace basislab::bench {

/// The BLAS kernel family in use (OpenBLAS reports its detected core type), for honest numbers.
inline std::string blasCore() {
    using CoreName = char* (*)();
    if (auto fn = reinterpret_cast<CoreName>(::dlsym(RTLD_DEFAULT, "openblas_get_corename")))
        return std::string("OpenBLAS ") + fn();
    return "unknown BLAS";
}

/// A line of /proc/self/status in MiB (VmRSS, VmHWM: the peak resident set), -1 when unavailable.
inline double procStatusMiB(const std::string& key) {
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::stod(line.substr(key.size() + 1)) / 1024.0;  // kB
    return -1;
}

/// For main's `catch (...)`: --help prints the help on stdout (status 0); any other exception is
/// one line "<program>: error: ..." on stderr and `error_status`.
inline int exitStatusOfCurrentException(const char* program, int error_status = 1) {
    try {
        throw;
    } catch (const cli::HelpRequested& help) {
        std::fputs(help.what(), stdout);
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s: error: %s\n", program, e.what());
        return error_status;
    }
}

inline void printEnvironment(const std::string& device, const std::string& dtype) {
    std::printf("environment: device %s, dtype %s, %d torch threads, %s\n", device.c_str(), dtype.c_str(),
                at::get_num_threads(), blasCore().c_str());
}

}  // namespace basislab::bench
