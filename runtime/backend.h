// Where kernels run: one small interface that the CPU (LLVM JIT, thread
// pool) and CUDA (NVRTC, driver API) sides both implement. The executor
// collapses a kernel's domain, packs its arguments (kernel_cache.h's ABI)
// and checks the error word the same way for both; a backend compiles a
// spec for a variant, allocates, decides how a launch splits, and launches.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <memory>

#include "codegen/kernel_cache.h"
#include "core/buffer.h"
#include "fusion/kernel_spec.h"

namespace npt {

struct KernelReport;

// A compiled kernel, owned by the backend's cache (valid for the process).
using CompiledCode = const void*;

// How one launch splits: P partial results per row (reductions), and for
// the CPU the task count and whether tasks take rows or column ranges.
struct LaunchShape {
  int64_t P = 1;
  int tasks = 1;
  bool by_rows = false;
};

// A launch's arguments: ptrs are the operands, then per output (out, null)
// or (partials, out), then the error word; meta the sizes, P and each
// accessor's offset and strides.
struct LaunchArgs {
  std::vector<void*> ptrs;
  std::vector<int64_t> meta;
  int64_t rows = 0, cols = 0;
  LaunchShape shape;
};

class Backend {
 public:
  virtual ~Backend() = default;
  // The kernel for this variant, compiled or from the cache; CompileError
  // when it cannot be generated. Fills the report's name, cache and code.
  virtual CompiledCode compile(const KernelSpec& k, const Variant& v, KernelReport& rep, bool code) = 0;
  // Tiered execution: the kernel when it is ready at once, else null with
  // `ticket` set to its compile in the background. A backend without a
  // background compiler compiles here.
  virtual CompiledCode compile_or_queue(const KernelSpec& k, const Variant& v, KernelReport& rep,
                                        std::shared_ptr<KernelTicket>* ticket) {
    return compile(k, v, rep, false);
  }
  virtual Buffer allocate(DType t, const Shape& shape) = 0;
  virtual LaunchShape shape(CompiledCode c, const KernelSpec& k, int64_t rows, int64_t cols) = 0;
  // Runs the kernel (and a reduction's finish) with a.shape's split.
  virtual void launch(CompiledCode c, const KernelSpec& k, const LaunchArgs& a) = 0;
  virtual int device() const = 0;  // -1: the CPU, N: cuda:N
};

// The backend of a device (-1: the CPU, N: cuda:N).
Backend& backend_for(int device);
Backend& cpu_backend();             // runtime/cpu_backend.cpp
Backend& cuda_backend(int device);  // runtime/cuda_backend.cpp

}  // namespace npt
