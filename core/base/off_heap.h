// Long-lived large CPU tensors outside glibc's heap.
//
// configureThreads (torch_compute.h) keeps every allocation below 1 GiB in glibc's heap, so that
// the tensors of tens of MB that each layer call allocates and frees are recycled instead of
// being mapped and zeroed again (half the CPU time in the kernel otherwise). The price is that
// the heap never shrinks: a buffer that lives for a whole layer (its weights, its four Grams)
// pins the region it was placed in while the layer's short-lived tensors come and go around it,
// so each layer left the heap larger than the one before (measured: calibrate grew by 50-75 MiB
// per layer of width 1024, with 120 MiB in use and 960 MiB free in the heap after 6 layers).
//
// emptyOffHeap places such a buffer in its own anonymous mapping instead, returned to the system
// when the tensor is freed, so the heap only ever holds the per-call pattern, which repeats
// layer after layer. Mapping costs a system call and the page faults of first touch, once per
// buffer; use it for buffers that live at least a layer and are at least kOffHeapMinBytes.
#pragma once

#include <ATen/core/Tensor.h>

#include <cstddef>

namespace basislab {

/// After a step that repeats (a layer, a group): when glibc's heap has grown by more than
/// max(64 MiB, 1/16 of its size) since the last trim, hands its free pages back to the system
/// (malloc_trim), so what short-lived allocations leave behind does not add up layer after
/// layer. The next step faults those pages in again, so this runs only when the heap grew.
/// Returns whether it trimmed. Thread-safe; a no-op outside glibc.
bool trimHeapIfGrown();

/// Below this size emptyOffHeap allocates as at::empty does.
inline constexpr std::size_t kOffHeapMinBytes = std::size_t(1) << 20;

/// An uninitialised contiguous CPU tensor; from kOffHeapMinBytes on it is zero-filled (fresh
/// anonymous pages) and its memory is unmapped when the last reference goes.
at::Tensor emptyOffHeap(at::IntArrayRef shape, at::ScalarType dtype);

/// A zero-filled CPU tensor, off the heap from kOffHeapMinBytes on (no pass over the memory).
at::Tensor zerosOffHeap(at::IntArrayRef shape, at::ScalarType dtype);

/// A contiguous CPU copy of `t` in `dtype`, off the heap from kOffHeapMinBytes on.
at::Tensor copyOffHeap(const at::Tensor& t, at::ScalarType dtype);

}  // namespace basislab
