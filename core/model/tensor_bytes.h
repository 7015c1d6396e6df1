// at::Tensor values as safetensors bytes (for safetensors_writer.h).
#pragma once

#include "safetensors_writer.h"

#include <ATen/ATen.h>

namespace basislab {

at::ScalarType scalarTypeOf(DType dtype);
/// A tensor to write: `t` converted to `dtype` (F32, F16 or BF16; round to nearest even) on the CPU
/// when the file is written. The tensor is kept alive by the returned object.
TensorToWrite tensorToWrite(const std::string& name, const at::Tensor& t, DType dtype);
/// The tensor of a checkpoint entry as an at::Tensor of its own dtype on the CPU (a copy).
at::Tensor tensorOf(const TensorInfo& info);

}  // namespace basislab
