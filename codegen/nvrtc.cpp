// NVRTC through dlopen: a handful of function pointers, declared here so no
// CUDA header is needed at build time.
#include "codegen/nvrtc.h"

#include "codegen/disk_cache.h"

#include <dlfcn.h>

#include <cstdlib>
#include <cstdint>
#include <mutex>
#include <vector>

namespace npt {
namespace {

using Prog = void*;
struct Api {
  void* lib = nullptr;
  std::string error;
  int (*create)(Prog*, const char*, const char*, int, const char* const*, const char* const*) = nullptr;
  int (*compile)(Prog, int, const char* const*) = nullptr;
  int (*log_size)(Prog, size_t*) = nullptr;
  int (*log)(Prog, char*) = nullptr;
  int (*cubin_size)(Prog, size_t*) = nullptr;
  int (*cubin)(Prog, char*) = nullptr;
  int (*destroy)(Prog*) = nullptr;
  int (*version)(int*, int*) = nullptr;
  const char* (*error_string)(int) = nullptr;
};

template <class F>
bool sym(void* lib, const char* name, F& f, std::string& err) {
  f = reinterpret_cast<F>(dlsym(lib, name));
  if (!f) err = std::string("symbol ") + name + " not found in NVRTC";
  return f != nullptr;
}

const Api& api() {
  static Api a = [] {
    Api a;
    for (const char* name : {"libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so"}) {
      a.lib = dlopen(name, RTLD_NOW | RTLD_LOCAL);
      if (a.lib) break;
    }
    if (!a.lib) {
      a.error = "libnvrtc.so could not be loaded (CUDA toolkit not installed?)";
      return a;
    }
    bool ok = sym(a.lib, "nvrtcCreateProgram", a.create, a.error) &&
              sym(a.lib, "nvrtcCompileProgram", a.compile, a.error) &&
              sym(a.lib, "nvrtcGetProgramLogSize", a.log_size, a.error) &&
              sym(a.lib, "nvrtcGetProgramLog", a.log, a.error) &&
              sym(a.lib, "nvrtcGetCUBINSize", a.cubin_size, a.error) &&
              sym(a.lib, "nvrtcGetCUBIN", a.cubin, a.error) &&
              sym(a.lib, "nvrtcDestroyProgram", a.destroy, a.error) &&
              sym(a.lib, "nvrtcVersion", a.version, a.error) &&
              sym(a.lib, "nvrtcGetErrorString", a.error_string, a.error);
    if (!ok) a.lib = nullptr;
    return a;
  }();
  return a;
}

std::string include_dir() {
  const char* home = std::getenv("CUDA_HOME");
  return std::string(home ? home : "/usr/local/cuda") + "/include";
}

}  // namespace

bool nvrtc_available(std::string* why) {
  const Api& a = api();
  if (!a.lib && why) *why = a.error;
  return a.lib != nullptr;
}

int nvrtc_version() {
  const Api& a = api();
  int major = 0, minor = 0;
  if (!a.lib || a.version(&major, &minor) != 0) return 0;
  return major * 1000 + minor * 10;
}

NvrtcOutput nvrtc_compile(const std::string& source, const std::string& name, int arch) {
  NvrtcOutput out;
  const Api& a = api();
  if (!a.lib) {
    out.log = a.error;
    return out;
  }
  static std::mutex mu;  // one compile at a time keeps logs simple
  std::lock_guard<std::mutex> g(mu);
  Prog prog = nullptr;
  int rc = a.create(&prog, source.c_str(), (name + ".cu").c_str(), 0, nullptr, nullptr);
  if (rc != 0) {
    out.log = std::string("nvrtcCreateProgram: ") + a.error_string(rc);
    return out;
  }
  std::string arch_opt = "--gpu-architecture=sm_" + std::to_string(arch);
  std::string inc = "-I" + include_dir();
  std::vector<const char*> opts = {arch_opt.c_str(), "--std=c++17", inc.c_str(),
                                   "-default-device"};
  rc = a.compile(prog, static_cast<int>(opts.size()), opts.data());
  size_t n = 0;
  a.log_size(prog, &n);
  out.log.resize(n);
  if (n) a.log(prog, &out.log[0]);
  while (!out.log.empty() && (out.log.back() == '\0' || out.log.back() == '\n')) out.log.pop_back();
  if (rc == 0) {
    a.cubin_size(prog, &n);
    out.cubin.resize(n);
    a.cubin(prog, &out.cubin[0]);
    out.ok = true;
  } else {
    out.log = std::string(a.error_string(rc)) + "\n" + out.log;
  }
  a.destroy(&prog);
  return out;
}

NvrtcOutput nvrtc_compile_cached(const std::string& source, const std::string& name, int arch,
                                 bool* disk_hit) {
  if (disk_hit) *disk_hit = false;
  // the key is the whole source: the disk cache checks it on every load
  const std::string key = "cuda kernel sm_" + std::to_string(arch) + "\nnvrtc " + std::to_string(nvrtc_version()) +
                          "\nnpt " + build_identity() + "\n" + source;
  if (auto cubin = disk_cache_load("cuda", key); cubin && !cubin->empty()) {
    if (disk_hit) *disk_hit = true;
    NvrtcOutput out;
    out.ok = true;
    out.cubin = std::move(*cubin);
    return out;
  }
  NvrtcOutput out = nvrtc_compile(source, name, arch);
  if (out.ok) disk_cache_store("cuda", key, out.cubin);
  return out;
}

}  // namespace npt
