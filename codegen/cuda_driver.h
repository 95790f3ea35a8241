// The CUDA driver (libcuda.so.1), loaded with dlopen on first use so npt
// imports on machines without CUDA.
#pragma once
#include <string>

namespace npt {

// Number of CUDA devices; 0 with `why` filled in when there is no usable
// driver or device.
int cuda_device_count(std::string* why);

}  // namespace npt
