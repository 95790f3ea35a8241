// libcuda.so.1 through dlopen (see cuda_driver.h).
#include "codegen/cuda_driver.h"

#include <dlfcn.h>

namespace npt {

int cuda_device_count(std::string* why) {
  static std::string reason;
  static int count = [] {
    void* lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) {
      reason = "libcuda.so.1 could not be loaded (no NVIDIA driver on this machine)";
      return 0;
    }
    auto init = reinterpret_cast<int (*)(unsigned)>(dlsym(lib, "cuInit"));
    auto get_count = reinterpret_cast<int (*)(int*)>(dlsym(lib, "cuDeviceGetCount"));
    if (!init || !get_count) {
      reason = "libcuda.so.1 lacks cuInit/cuDeviceGetCount";
      return 0;
    }
    if (int rc = init(0)) {
      reason = "cuInit failed with CUDA error " + std::to_string(rc) + " (no usable GPU)";
      return 0;
    }
    int n = 0;
    if (get_count(&n) || n == 0) reason = "the CUDA driver reports no devices";
    return n;
  }();
  if (why) *why = reason;
  return count;
}

}  // namespace npt
