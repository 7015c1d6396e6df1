#include "device_query.h"

#include "error.h"
#include "torch_compute.h"

#include <c10/core/DeviceGuard.h>

#include <dlfcn.h>
#include <cstring>
#include <fstream>
#include <vector>

namespace basislab {
namespace {

/// A /proc/meminfo line in bytes, 0 when absent.
std::size_t memInfoBytes(const std::string& key) {
    std::ifstream in("/proc/meminfo");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key + ":", 0) == 0) return std::size_t(std::stoull(line.substr(key.size() + 1))) * 1024;
    return 0;
}

/// A CUDA runtime function found in the process (LibTorch's CUDA build loads the runtime).
template <typename Fn>
Fn cudaRuntime(const char* symbol) {
    return reinterpret_cast<Fn>(::dlsym(RTLD_DEFAULT, symbol));
}

std::optional<DeviceMemory> cudaMemory(const at::Device& device) {
    using MemGetInfo = int (*)(std::size_t*, std::size_t*);
    const auto fn = cudaRuntime<MemGetInfo>("cudaMemGetInfo");
    if (!fn) return std::nullopt;
    const c10::DeviceGuard guard(device);  // cudaMemGetInfo reports the current device
    DeviceMemory m;
    if (fn(&m.free_bytes, &m.total_bytes) != 0) return std::nullopt;
    return m;
}

std::string cudaName(int index) {
    // cudaDeviceProp starts with char name[256] in every CUDA version; the rest of its layout
    // changes, so a generous buffer takes whatever the runtime writes.
    using GetProperties = int (*)(void*, int);
    for (const char* symbol : {"cudaGetDeviceProperties_v2", "cudaGetDeviceProperties"}) {
        const auto fn = cudaRuntime<GetProperties>(symbol);
        if (!fn) continue;
        std::vector<char> prop(std::size_t(64) << 10, '\0');
        if (fn(prop.data(), index) != 0) return {};
        return std::string(prop.data(), strnlen(prop.data(), 256));
    }
    return {};
}

}  // namespace

std::optional<DeviceMemory> deviceMemory(const std::string& name) {
    const at::Device device = toDevice(name);
    if (device.is_cpu()) return DeviceMemory{memInfoBytes("MemAvailable"), memInfoBytes("MemTotal")};
    return cudaMemory(device);
}

std::vector<DeviceInfo> deviceInfos() {
    std::vector<DeviceInfo> out;
    std::vector<std::string> ids{"cpu"};
    try {
        ids = availableDevices();
    } catch (const std::exception&) {}
    for (const std::string& id : ids) {
        DeviceInfo info;
        info.id = id;
        try {
            if (const auto m = deviceMemory(id)) info.memory = *m;
            if (id.rfind("cuda:", 0) == 0) info.name = cudaName(std::stoi(id.substr(5)));
        } catch (const std::exception&) {}
        out.push_back(std::move(info));
    }
    return out;
}

std::optional<std::size_t> cudaMemoryInUse() {
    // The CUDA runtime alone (no LibTorch call), so the GUI thread may ask: every device in turn,
    // then the calling thread's device is set back.
    using Count = int (*)(int*);
    using Device = int (*)(int);
    using GetDevice = int (*)(int*);
    using MemGetInfo = int (*)(std::size_t*, std::size_t*);
    const auto count = cudaRuntime<Count>("cudaGetDeviceCount");
    const auto set = cudaRuntime<Device>("cudaSetDevice");
    const auto get = cudaRuntime<GetDevice>("cudaGetDevice");
    const auto info = cudaRuntime<MemGetInfo>("cudaMemGetInfo");
    int n = 0, current = 0;
    if (!count || !set || !get || !info || count(&n) != 0 || n <= 0 || get(&current) != 0) return std::nullopt;
    std::optional<std::size_t> used;
    for (int i = 0; i < n; ++i) {
        std::size_t free_bytes = 0, total_bytes = 0;
        if (set(i) == 0 && info(&free_bytes, &total_bytes) == 0) used = used.value_or(0) + (total_bytes - free_bytes);
    }
    set(current);
    return used;
}

}  // namespace basislab
