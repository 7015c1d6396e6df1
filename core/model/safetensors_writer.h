// Writing safetensors files (the reader and the format are described in safetensors.h).
//
// Layout written: 8-byte little-endian header length N; N bytes of JSON header
// ({"__metadata__": {...}, name: {"dtype", "shape", "data_offsets"}, ...} in the given tensor
// order, offsets contiguous from 0 without gaps) padded with spaces to a multiple of 8 bytes; then
// every tensor's raw little-endian bytes in the same order. Tensors are produced one at a time by
// their fill function, so a model larger than memory can be written. The file is written
// atomically (AtomicFile): a failure or a Cancelled thrown by `after_tensor` leaves no file behind.
// Torch-free; model/tensor_bytes.h converts at::Tensor values.
#pragma once

#include "safetensors.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace basislab {

struct TensorToWrite {
    std::string name;
    DType dtype = DType::F32;
    std::vector<std::int64_t> shape;
    /// Writes exactly numel x elementSize(dtype) bytes to `out`.
    std::function<void(std::byte* out)> fill;

    std::size_t nbytes() const;
};

/// Writes `tensors` to `path` atomically. `after_tensor(i)` runs after tensor i (progress; it may
/// throw to abort). Throws Error naming the path or tensor on failure (duplicate names, bad shapes).
void writeSafetensors(const std::string& path, const std::vector<TensorToWrite>& tensors,
                      const std::map<std::string, std::string>& metadata = {{"format", "pt"}},
                      const std::function<void(std::size_t)>& after_tensor = {});

/// A tensor copied byte for byte from a checkpoint (same dtype, shape and bytes).
TensorToWrite copyOf(const TensorInfo& info);

}  // namespace basislab
