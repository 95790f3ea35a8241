// libcuda.so.1 through dlopen, and the CUDA kernel cache (see cuda_driver.h).
#include "codegen/cuda_driver.h"

#include <dlfcn.h>

#include <cstdio>
#include <mutex>
#include <unordered_map>

#include "codegen/cuda_emit.h"
#include "codegen/nvrtc.h"
#include "core/error.h"

namespace npt {
namespace {

struct Driver {
  void* lib = nullptr;
  std::string reason;
  int count = 0;
  int (*init)(unsigned) = nullptr;
  int (*device_count)(int*) = nullptr;
  int (*device_get)(int*, int) = nullptr;
  int (*attribute)(int*, int, int) = nullptr;
  int (*primary_retain)(void**, int) = nullptr;
  int (*ctx_set_current)(void*) = nullptr;
  int (*module_load_data)(void**, const void*) = nullptr;
  int (*module_get_function)(void**, void*, const char*) = nullptr;
  int (*launch)(void*, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, void*,
                void**, void**) = nullptr;
  int (*error_string)(int, const char**) = nullptr;
};

template <class F>
bool sym(void* lib, const char* name, F& f) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  return f != nullptr;
}

Driver& driver() {
  static Driver d = [] {
    Driver d;
    d.lib = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!d.lib) {
      d.reason = "libcuda.so.1 could not be loaded (no NVIDIA driver on this machine)";
      return d;
    }
    bool ok = sym(d.lib, "cuInit", d.init) && sym(d.lib, "cuDeviceGetCount", d.device_count) &&
              sym(d.lib, "cuDeviceGet", d.device_get) &&
              sym(d.lib, "cuDeviceGetAttribute", d.attribute) &&
              sym(d.lib, "cuDevicePrimaryCtxRetain", d.primary_retain) &&
              sym(d.lib, "cuCtxSetCurrent", d.ctx_set_current) &&
              sym(d.lib, "cuModuleLoadData", d.module_load_data) &&
              sym(d.lib, "cuModuleGetFunction", d.module_get_function) &&
              sym(d.lib, "cuLaunchKernel", d.launch) && sym(d.lib, "cuGetErrorString", d.error_string);
    if (!ok) {
      d.reason = "libcuda.so.1 lacks a driver API function npt needs";
      return d;
    }
    if (int rc = d.init(0)) {
      d.reason = "cuInit failed with CUDA error " + std::to_string(rc) + " (no usable GPU)";
      return d;
    }
    if (d.device_count(&d.count) || d.count == 0) {
      d.count = 0;
      d.reason = "the CUDA driver reports no devices";
    }
    return d;
  }();
  return d;
}

void check(int rc, const std::string& what) {
  if (rc == 0) return;
  const char* s = nullptr;
  driver().error_string(rc, &s);
  throw CompileError("npt: CUDA " + what + " failed: " + (s ? s : std::to_string(rc)));
}

// Makes the device's primary context (the one torch uses) current here.
void use_device(int device) {
  Driver& d = driver();
  static thread_local int current = -1;
  if (current == device) return;
  int dev = 0;
  void* ctx = nullptr;
  check(d.device_get(&dev, device), "cuDeviceGet");
  check(d.primary_retain(&ctx, dev), "cuDevicePrimaryCtxRetain");
  check(d.ctx_set_current(ctx), "cuCtxSetCurrent");
  current = device;
}

bool torch_stream_functions(void** get, void** stream_of) {
  static void* g = nullptr;
  static void* s = nullptr;
  if (!g || !s) {  // look again until torch's CUDA library has been loaded
    if (void* lib = dlopen("libc10_cuda.so", RTLD_NOW | RTLD_NOLOAD)) {
      g = dlsym(lib, "_ZN3c104cuda20getCurrentCUDAStreamEa");
      s = dlsym(lib, "_ZNK3c104cuda10CUDAStream6streamEv");
    }
  }
  if (get) *get = g;
  if (stream_of) *stream_of = s;
  return g && s;
}

// torch's current stream for `device`, through c10's exported functions
// (c10::cuda::getCurrentCUDAStream and CUDAStream::stream); null, the legacy
// default stream, when libc10_cuda is not loaded. CUDAStream is a 16-byte
// trivially copyable value (a c10::Stream), returned in registers.
void* torch_current_stream(int device) {
  struct alignas(8) StreamValue {
    unsigned char bytes[16];
  };
  using GetFn = StreamValue (*)(signed char);
  using StreamFn = void* (*)(const StreamValue*);
  GetFn get = nullptr;
  StreamFn stream_of = nullptr;
  if (!torch_stream_functions(reinterpret_cast<void**>(&get), reinterpret_cast<void**>(&stream_of)))
    return nullptr;
  try {
    StreamValue s = get(static_cast<signed char>(device));
    return stream_of(&s);
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

bool torch_streams_available() { return torch_stream_functions(nullptr, nullptr); }

int cuda_device_count(std::string* why) {
  Driver& d = driver();
  if (why) *why = d.reason;
  return d.count;
}

const CudaKernel& get_cuda_kernel(const KernelSpec& spec, const Variant& v, int device) {
  static std::mutex mu;
  static std::unordered_map<std::string, CudaKernel> cache;
  Driver& d = driver();
  if (!d.count) throw CompileError("npt: no CUDA device/driver: " + d.reason);
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(spec.structural_hash()));
  std::string name = std::string("npt_") + hash + "_" + v.key();
  std::string key = name + "@" + std::to_string(device);
  std::lock_guard<std::mutex> g(mu);
  auto it = cache.find(key);
  if (it != cache.end()) return it->second;
  use_device(device);
  int dev = 0, major = 0, minor = 0, sms = 1;
  check(d.device_get(&dev, device), "cuDeviceGet");
  check(d.attribute(&major, 75, dev), "cuDeviceGetAttribute");  // COMPUTE_CAPABILITY_MAJOR
  check(d.attribute(&minor, 76, dev), "cuDeviceGetAttribute");  // COMPUTE_CAPABILITY_MINOR
  check(d.attribute(&sms, 16, dev), "cuDeviceGetAttribute");    // MULTIPROCESSOR_COUNT
  std::string src = emit_cuda(spec, v, name);
  NvrtcOutput out = nvrtc_compile_cached(src, name, major * 10 + minor);
  if (!out.ok) throw CompileError("npt: NVRTC could not compile kernel '" + spec.name + "':\n" + out.log);
  void* module = nullptr;
  check(d.module_load_data(&module, out.cubin.data()), "loading kernel '" + spec.name + "'");
  CudaKernel k;
  k.device = device;
  k.sm_count = sms;
  check(d.module_get_function(&k.run, module, name.c_str()), "cuModuleGetFunction");
  if (spec.has_reduction())
    check(d.module_get_function(&k.finish, module, (name + "_finish").c_str()), "cuModuleGetFunction");
  return cache.emplace(key, k).first->second;
}

void cuda_launch(void* function, int device, unsigned gx, unsigned gy, unsigned gz,
                 unsigned block, int64_t rows, int64_t cols, int64_t P, const CudaArgs& args) {
  long long r = rows, c = cols, p = P;
  CudaArgs a = args;
  void* params[] = {&r, &c, &p, &a};
  check(driver().launch(function, gx, gy, gz, block, 1, 1, 0, torch_current_stream(device), params,
                        nullptr),
        "cuLaunchKernel");
}

}  // namespace npt
