// Where and how the core computes: device, compute dtype and CPU threads. Chosen once by the
// caller (CLI flags or the GUI's model page) and passed down; nothing deep in the core decides it.
// This header is torch-free so front ends can include it.
#pragma once

#include <string>
#include <vector>

namespace basislab {

struct ComputeOptions {
    std::string device = "cpu";  // "cpu", "cuda", "cuda:N"
    std::string dtype = "float32";  // "float32", "float64", "bfloat16", "float16" (fp16: CUDA only)
    int threads = 0;  // CPU intra-op threads; 0 = all hardware threads
};

/// Devices this build of LibTorch can use now: "cpu" and "cuda:N" for every visible GPU.
std::vector<std::string> availableDevices();
/// Checks the options (device exists, dtype known and usable there). Throws Error naming the bad one.
void validate(const ComputeOptions& options);
/// Sets LibTorch's CPU intra-op threads (0 = hardware concurrency).
void configureThreads(int threads);

}  // namespace basislab
