// Kernels in NumPy's element order (NaN last; complex lexicographic), for
// the opaque ops whose ATen counterparts order NaN otherwise (graph/order.cpp).
#pragma once
#include <ATen/core/Tensor.h>

namespace npt {

// For each value, its insertion index into the sorted 1-D `sorted` (the same
// dtype): the first position whose element is not less (right: greater).
// Stable sort (arg: argsort, int64 indices) along axis in NumPy's order
// (ATen's stable sort where no radix kernel applies: complex, CUDA).
at::Tensor numpy_sort(const at::Tensor& x, int64_t axis, bool arg);

at::Tensor numpy_searchsorted(const at::Tensor& sorted, const at::Tensor& values, bool right);

}  // namespace npt
