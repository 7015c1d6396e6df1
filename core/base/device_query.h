// What the devices report about their memory, asked at run time. Torch-free header (the
// workbench's Model page and status bar include it); the implementation asks LibTorch which
// devices exist and the CUDA runtime (cudaMemGetInfo, looked up in the process, so a CPU-only
// LibTorch builds and runs the same code) how much memory they have.
#pragma once

#include "device_memory.h"

#include <optional>
#include <string>
#include <vector>

namespace basislab {

struct DeviceInfo {
    std::string id;  // "cpu", "cuda:0", ...
    std::string name;  // "NVIDIA H200"; "" when the runtime does not say
    DeviceMemory memory;  // CPU: MemAvailable / MemTotal of the host
};

/// Every device availableDevices() lists, with its memory now. Never throws: a device whose
/// memory cannot be read has zeros.
std::vector<DeviceInfo> deviceInfos();

/// Free and total memory of `device` ("cpu", "cuda", "cuda:N"), or nullopt when it cannot be read
/// (a CUDA device while the CUDA runtime is not loaded). Throws Error for a device that does not
/// exist.
std::optional<DeviceMemory> deviceMemory(const std::string& device);

/// Device memory in use (total - free, so other processes' too) on every CUDA device, summed;
/// nullopt without a loaded CUDA runtime. Calls the CUDA runtime only, never LibTorch (the GUI
/// thread's status bar asks it; only while the model computes on CUDA, since the first call
/// creates the CUDA context).
std::optional<std::size_t> cudaMemoryInUse();

}  // namespace basislab
