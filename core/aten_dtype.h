// DType <-> ATen's ScalarType, for the files that include ATen (core/buffer.cpp,
// graph/eager.cpp, the runtime's ATen files).
#pragma once
#include <c10/core/ScalarType.h>

#include "core/dtype.h"

namespace npt {

at::ScalarType aten_dtype(DType t);
DType dtype_of_aten(at::ScalarType s);  // TypeError for ATen dtypes npt lacks

}  // namespace npt
