#include "tensor_bytes.h"

#include "../base/off_heap.h"

#include <cstring>

namespace basislab {

at::ScalarType scalarTypeOf(DType dtype) {
    switch (dtype) {
        case DType::F32: return at::kFloat;
        case DType::F16: return at::kHalf;
        case DType::BF16: return at::kBFloat16;
    }
    return at::kFloat;
}

TensorToWrite tensorToWrite(const std::string& name, const at::Tensor& t, DType dtype) {
    TensorToWrite w;
    w.name = name;
    w.dtype = dtype;
    w.shape = t.sizes().vec();
    w.fill = [t, dtype](std::byte* out) {
        const at::Tensor c = t.detach().to(at::kCPU).to(scalarTypeOf(dtype)).contiguous();
        if (c.numel() > 0) std::memcpy(out, c.data_ptr(), std::size_t(c.numel()) * c.element_size());
    };
    return w;
}

at::Tensor tensorOf(const TensorInfo& info) {
    at::Tensor t = emptyOffHeap(info.shape, scalarTypeOf(info.dtype));
    if (info.nbytes > 0) std::memcpy(t.data_ptr(), info.data, info.nbytes);
    return t;
}

}  // namespace basislab
