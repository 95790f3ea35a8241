// The CUDA driver (libcuda.so.1), loaded with dlopen on first use so npt
// imports on machines without CUDA; and the CUDA backend's kernel cache and
// launcher on top of it.
#pragma once
#include <cstdint>
#include <string>

#include "codegen/kernel_cache.h"

namespace npt {

// Number of CUDA devices; 0 with `why` filled in when there is no usable
// driver or device.
int cuda_device_count(std::string* why);

// The kernel argument block passed by value (see cuda_emit.h).
constexpr int kCudaMaxPtrs = 32;
constexpr int kCudaMaxMeta = 224;
struct CudaArgs {
  char* ptrs[kCudaMaxPtrs];
  long long meta[kCudaMaxMeta];
};

struct CudaKernel {
  void* run = nullptr;     // CUfunction
  void* finish = nullptr;  // CUfunction (reductions)
  int device = 0;
  int sm_count = 1;
};

// Whether torch's CUDA stream API is reachable (torch imported, CUDA build).
bool torch_streams_available();

// Compiles (NVRTC, disk-cached CUBIN for the device's arch) and loads the
// kernel on `device`; throws CompileError naming the kernel on failure.
const CudaKernel& get_cuda_kernel(const KernelSpec& spec, const Variant& v, int device);

// Launches on the stream torch considers current for `device` (so npt's
// kernels and ATen's ops stay in order). Throws on launch errors.
void cuda_launch(void* function, int device, unsigned gx, unsigned gy, unsigned gz,
                 unsigned block, int64_t rows, int64_t cols, int64_t P, const CudaArgs& args);

}  // namespace npt
