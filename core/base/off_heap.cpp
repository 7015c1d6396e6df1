#include "off_heap.h"

#include "error.h"

#include <ATen/ops/empty.h>
#include <ATen/ops/from_blob.h>
#include <ATen/ops/zeros.h>

#include <sys/mman.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <string>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace basislab {

namespace {

std::size_t bytesOf(at::IntArrayRef shape, at::ScalarType dtype) {
    std::size_t n = at::elementSize(dtype);
    for (const std::int64_t d : shape) {
        if (d < 0) throw Error("negative tensor dimension " + std::to_string(d));
        n *= std::size_t(d);
    }
    return n;
}

}  // namespace

bool trimHeapIfGrown() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
    static std::mutex mutex;
    static std::size_t trimmed_at = 0;  // the heap's size after the last trim
    const std::lock_guard<std::mutex> lock(mutex);
    const std::size_t heap = ::mallinfo2().arena;  // bytes obtained with brk/sbrk, all arenas
    if (trimmed_at == 0) {
        trimmed_at = heap;  // the first step's size is the reference
        return false;
    }
    if (heap <= trimmed_at + std::max(std::size_t(64) << 20, trimmed_at / 16)) return false;
    ::malloc_trim(0);
    trimmed_at = heap;
    return true;
#else
    return false;
#endif
}

at::Tensor emptyOffHeap(at::IntArrayRef shape, at::ScalarType dtype) {
    const std::size_t bytes = bytesOf(shape, dtype);
    if (bytes < kOffHeapMinBytes) return at::empty(shape, at::TensorOptions().dtype(dtype));
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw Error("cannot allocate " + std::to_string(bytes >> 20) + " MiB for a tensor: " + std::strerror(errno));
    return at::from_blob(
        p, shape, [bytes](void* q) { ::munmap(q, bytes); }, at::TensorOptions().dtype(dtype));
}

at::Tensor zerosOffHeap(at::IntArrayRef shape, at::ScalarType dtype) {
    if (bytesOf(shape, dtype) < kOffHeapMinBytes) return at::zeros(shape, at::TensorOptions().dtype(dtype));
    return emptyOffHeap(shape, dtype);  // fresh anonymous pages read as zero
}

at::Tensor copyOffHeap(const at::Tensor& t, at::ScalarType dtype) {
    at::Tensor out = emptyOffHeap(t.sizes(), dtype);
    out.copy_(t);
    return out;
}

}  // namespace basislab
