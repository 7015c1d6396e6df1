// ComputeOptions in LibTorch terms. Only for core translation units that already use torch.
#pragma once

#include "compute.h"

#include <ATen/ATen.h>

namespace basislab {

at::Device toDevice(const std::string& device);
at::ScalarType toDtype(const std::string& dtype);
std::string dtypeName(at::ScalarType t);

}  // namespace basislab
