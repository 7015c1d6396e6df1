// The one place that knows which LibTorch it is compiled against. The same sources build with
// Debian's LibTorch 1.13 (CPU) and a current 2.x (the official CUDA zip or pip torch >= 2.7);
// every API that moved between them goes through here, so a version switch is never scattered.
//
// What moved, and what this header gives:
//   - c10::optional / c10::nullopt became aliases of std::optional / std::nullopt in 2.2 and are
//     deprecated since (an error under BASISLAB_WARNINGS_AS_ERRORS): compat::nullopt is the empty
//     optional argument of ATen calls (at::linalg_svd's driver, ...).
//   - the number of CUDA devices: at::getNumGPUs() (ATen/Context.h) in both; the CUDA hooks'
//     getNumGPUs() it calls is an implementation detail that moved.
// What did not move (checked against 2.x sources, compiled here only against 1.13): the
// at::linalg_* signatures used (cholesky_ex(A, upper, check_errors), solve_triangular(A, B, upper,
// left, unitriangular), eigh/eigvalsh(A, "L"), svd(A, full_matrices, driver)),
// at::detail::createCPUGenerator(seed), c10::toString(ScalarType), c10::DeviceGuard.
// PyTorch 2.12 and later need C++20 for their headers; CMakeLists.txt selects it from Torch_VERSION.
#pragma once

#include <ATen/Context.h>
#include <torch/version.h>

#include <cstddef>
#include <optional>

#define BASISLAB_TORCH_AT_LEAST(major, minor) \
    (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace basislab::compat {

#if BASISLAB_TORCH_AT_LEAST(2, 2)
inline constexpr std::nullopt_t nullopt = std::nullopt;
#else
inline constexpr c10::nullopt_t nullopt = c10::nullopt;
#endif

/// CUDA devices this LibTorch sees (0 in a CPU-only build).
inline int cudaDeviceCount() {
    return at::hasCUDA() ? int(at::getNumGPUs()) : 0;
}

/// "1.13.1" / "2.11.0": the LibTorch the core was compiled against.
inline const char* torchVersion() {
    return TORCH_VERSION;
}

}  // namespace basislab::compat
