// Kernels in NumPy's element order (NaN last; complex lexicographic), for
// the opaque ops whose ATen counterparts order NaN otherwise (graph/order.cpp).
#pragma once
#include <ATen/core/Tensor.h>

namespace npt {

// For each value, its insertion index into the sorted 1-D `sorted` (the same
// dtype): the first position whose element is not less (right: greater).
at::Tensor numpy_searchsorted(const at::Tensor& sorted, const at::Tensor& values, bool right);

}  // namespace npt
