#include "torch_compute.h"

#include "error.h"
#include "torch_compat.h"

#include <ATen/Parallel.h>

#include <dlfcn.h>
#include <malloc.h>
#include <mutex>
#include <thread>

namespace basislab {

std::vector<std::string> availableDevices() {
    std::vector<std::string> out{"cpu"};
    const int n = compat::cudaDeviceCount();
    for (int i = 0; i < n; ++i) out.push_back("cuda:" + std::to_string(i));
    return out;
}

at::Device toDevice(const std::string& device) {
    if (device == "cpu") return at::Device(at::kCPU);
    if (device == "cuda" || device.rfind("cuda:", 0) == 0) {
        if (!at::hasCUDA())
            throw Error("device '" + device +
                        "' requested, but this LibTorch build has no usable CUDA "
                        "(build against the official CUDA LibTorch via CMAKE_PREFIX_PATH)");
        int index = 0;
        if (device.size() > 5) {
            try {
                index = std::stoi(device.substr(5));
            } catch (const std::exception&) {
                throw Error("bad device '" + device + "' (use cpu, cuda or cuda:N)");
            }
        }
        const int n = compat::cudaDeviceCount();
        if (index < 0 || index >= n)
            throw Error("device '" + device + "' does not exist (" + std::to_string(n) + " CUDA devices visible)");
        return at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(index));
    }
    throw Error("bad device '" + device + "' (use cpu, cuda or cuda:N)");
}

at::ScalarType toDtype(const std::string& dtype) {
    if (dtype == "float32" || dtype == "fp32") return at::kFloat;
    if (dtype == "float64" || dtype == "fp64") return at::kDouble;
    if (dtype == "bfloat16" || dtype == "bf16") return at::kBFloat16;
    if (dtype == "float16" || dtype == "fp16") return at::kHalf;
    throw Error("bad compute dtype '" + dtype + "' (use float32, float64, bfloat16 or float16)");
}

std::string dtypeName(at::ScalarType t) {
    switch (t) {
        case at::kFloat: return "float32";
        case at::kDouble: return "float64";
        case at::kBFloat16: return "bfloat16";
        case at::kHalf: return "float16";
        default: return c10::toString(t);
    }
}

void validate(const ComputeOptions& options) {
    const at::Device device = toDevice(options.device);
    const at::ScalarType dtype = toDtype(options.dtype);
    if (device.is_cpu() && dtype == at::kHalf)
        throw Error("compute dtype float16 is not available on the CPU in this LibTorch (use float32 or bfloat16)");
    if (options.threads < 0) throw Error("threads must be 0 (all) or positive, got " + std::to_string(options.threads));
}

void configureThreads(int threads) {
    const int n = threads > 0 ? threads : int(std::max(1u, std::thread::hardware_concurrency()));
    at::set_num_threads(n);
    // LibTorch's thread count does not reach OpenBLAS (Debian's BLAS), which otherwise runs as
    // many threads as cores in every process, spinning for each other when several processes of
    // one thread share a machine (a distributed run): tell it too, when it is the BLAS loaded.
    if (threads > 0) {
        using SetThreads = void (*)(int);
        if (auto fn = reinterpret_cast<SetThreads>(::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) fn(n);
    }
    // Tensors of tens of MB are allocated and freed for every layer call. By default glibc serves
    // them with mmap and returns them with munmap, so every call page-faults and zeroes fresh
    // pages (measured: half the CPU time in the kernel on stories260k). Keep them in the heap.
    static std::once_flag once;
    std::call_once(once, [] {
        ::mallopt(M_MMAP_THRESHOLD, 1 << 30);
        ::mallopt(M_TRIM_THRESHOLD, 1 << 30);
    });
}

}  // namespace basislab
