// Buffer storage on at::Tensor (LibTorch's allocator, shared with ATen ops).
#include "core/buffer.h"

#include <ATen/ATen.h>

#include "core/error.h"

namespace npt {

struct Buffer::Impl {
  at::Tensor t;
};

namespace {
at::ScalarType to_aten(DType t) {
  switch (t) {
    case DType::Bool: return at::kBool;
    case DType::Int8: return at::kChar;
    case DType::Int16: return at::kShort;
    case DType::Int32: return at::kInt;
    case DType::Int64: return at::kLong;
    case DType::UInt8: return at::kByte;
    case DType::UInt16: return at::kUInt16;
    case DType::UInt32: return at::kUInt32;
    case DType::UInt64: return at::kUInt64;
    case DType::Float16: return at::kHalf;
    case DType::Float32: return at::kFloat;
    case DType::Float64: return at::kDouble;
    case DType::Complex64: return at::kComplexFloat;
    case DType::Complex128: return at::kComplexDouble;
  }
  NPT_ASSERT(false, "unknown dtype");
}
DType from_aten(at::ScalarType s) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (to_aten(static_cast<DType>(i)) == s) return static_cast<DType>(i);
  throw TypeError(std::string("unsupported ATen dtype ") + c10::toString(s));
}
}  // namespace

Buffer Buffer::empty(DType dtype, const Shape& shape) {
  Buffer b;
  b.impl_ = std::make_shared<Impl>();
  b.impl_->t = at::empty(c10::IntArrayRef(shape), at::TensorOptions().dtype(to_aten(dtype)));
  b.dtype_ = dtype;
  b.shape_ = shape;
  return b;
}

Buffer Buffer::from_tensor(const at::Tensor& t) {
  Buffer b;
  b.impl_ = std::make_shared<Impl>();
  b.impl_->t = t.is_contiguous() ? t : t.contiguous();
  b.dtype_ = from_aten(t.scalar_type());
  b.shape_ = Shape(t.sizes().begin(), t.sizes().end());
  return b;
}

void* Buffer::data() const { return impl_ ? impl_->t.data_ptr() : nullptr; }

const at::Tensor& Buffer::tensor() const {
  NPT_ASSERT(impl_, "tensor() of an empty Buffer");
  return impl_->t;
}

void store_float16(void* dst, double v) { *static_cast<c10::Half*>(dst) = c10::Half(static_cast<float>(v)); }

// Exposed for the ATen-facing files (python/src/opaque.cpp).
at::ScalarType aten_dtype(DType t) { return to_aten(t); }

}  // namespace npt
