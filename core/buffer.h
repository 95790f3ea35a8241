// Buffers: contiguous storage owned by an at::Tensor from LibTorch's CPU
// allocator. Only buffer.cpp and the ATen-facing files include ATen; the rest
// of npt sees this small handle.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "core/dtype.h"
#include "core/shape.h"

namespace at { class Tensor; }

namespace npt {

class Buffer {
 public:
  Buffer() = default;
  // A new uninitialized contiguous buffer.
  static Buffer empty(DType dtype, const Shape& shape);
  static Buffer from_tensor(const at::Tensor& t);  // made contiguous
  // On a CUDA device (device >= 0); needs torch's CUDA library loaded.
  static Buffer empty_on(DType dtype, const Shape& shape, int device);
  int device() const { return device_; }
  Buffer to(int device) const;  // a copy on `device` (or this buffer if already there)

  bool defined() const { return impl_ != nullptr; }
  void* data() const;
  DType dtype() const { return dtype_; }
  const Shape& shape() const { return shape_; }
  int64_t numel() const { return npt::numel(shape_); }
  int64_t nbytes() const { return numel() * dtype_itemsize(dtype_); }
  const at::Tensor& tensor() const;
  // Nothing else refers to this memory (no other Buffer, tensor or view of
  // it, and no other library: see shared()): it may be written in place.
  bool unique() const;

  // Memory that another library also holds (a DLPack exchange, a NumPy
  // array): it is never written in place or reused as an op's output, and
  // ops that read it are computed at their call (python/src/py_dlpack.cpp).
  static Buffer shared_from(const at::Tensor& t);  // t's memory itself, marked shared
  void mark_shared() const;
  bool shared() const;
  // Whether any live buffer is shared (a cheap test before a graph walk).
  static bool any_shared();
  Buffer clone() const;                     // a private copy
  void copy_from(const Buffer& src) const;  // src's values into this memory (same dtype and shape)

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
  DType dtype_ = DType::Float64;
  Shape shape_;
  int device_ = -1;
};

std::string device_name(int device);  // "cpu", "cuda:0"

// Writes v rounded to float16 (IEEE half) at dst.
void store_float16(void* dst, double v);

}  // namespace npt
