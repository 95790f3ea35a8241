// The backend interface of codegen: compile a kernel spec for a layout
// variant, cache it in memory by structural hash, look it up.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fusion/kernel_spec.h"

namespace npt {

// What a compiled kernel is specialized on beyond the spec: the collapsed
// rank of the kept (K) and reduced/inner (R) dims, and for every accessor
// (operands, then store outputs) the class of its innermost stride:
// 0 broadcast, 1 unit, 2 other.
struct Variant {
  int K = 0, R = 1;
  std::vector<uint8_t> inner;
  std::string key() const;
};

// Kernel ABI. ptrs: one pointer per operand, then two per output (store
// buffer or reduction partials; final reduction output), then an int32 error
// word that the kernel sets (atomically, to 1) where NumPy would raise.
// meta: sizes[K+R], P (partials per row), then per accessor: offset,
// strides[K+R].
using KernelFn = void (*)(int64_t r0, int64_t r1, int64_t c0, int64_t c1, int64_t part,
                          void** ptrs, const int64_t* meta);
using FinishFn = void (*)(int64_t r0, int64_t r1, void** ptrs, const int64_t* meta);

struct CompiledKernel {
  KernelFn run = nullptr;
  FinishFn finish = nullptr;  // reductions only: combines partials, casts
  double compile_ms = 0;      // compiling it, or loading it from the disk
  bool from_disk = false;     // loaded from the disk cache, not compiled
  std::string module;         // the module's name (the cache key)
};

struct CacheStats {
  int64_t compiles = 0;
  int64_t hits = 0;
  double compile_ms = 0;
  int64_t disk_loads = 0;  // kernels this process loaded from the disk cache
  double disk_load_ms = 0;
  int64_t background_compiles = 0;  // kernels queued for the background compiler (tiered)
};

// On a miss, loads the kernel from the disk cache (disk_cache.h) or compiles
// it (and stores it there); throws CompileError naming the kernel's ops and
// the cause on failure, leaving nothing behind. Safe to call from any thread.
const CompiledKernel& get_kernel(const KernelSpec& spec, const Variant& v, bool* hit);
CacheStats cache_stats();

// Tiered execution's side of the cache: a kernel that the background
// compiler thread compiles. `ready` is null until the kernel is, and
// `failed` (with `error`) says its compile failed.
struct KernelTicket {
  std::atomic<const CompiledKernel*> ready{nullptr};
  std::atomic<bool> failed{false};
  std::string error;  // written before `failed` is set
  // Blocks until the kernel is ready or has failed.
  void wait();
  // Makes sure a worker compiles the queue (a forked child starts its own).
  void nudge();
  void finish(const CompiledKernel* k, std::string why);

 private:
  std::mutex mu_;
  std::condition_variable cv_;
};
// The kernel when it is ready at once (in memory, or loaded from the disk
// cache); else null, with `ticket` set to its compile on the background
// thread (queued by this call or an earlier one). Never blocks on a compile.
const CompiledKernel* find_or_queue_kernel(const KernelSpec& spec, const Variant& v, bool* hit,
                                           std::shared_ptr<KernelTicket>* ticket);
// Stops the background compiler after the compile in hand (npt's Python
// module calls it at interpreter exit, before any C++ static is destroyed;
// a C++ program's exit calls it too). Later kernels compile when asked for.
void stop_background_compiler();
// Whether plans run on the reference executor while their kernels compile
// in the background (NPT_TIERED, default on; NPT_TIERED=0 compiles first).
bool tiered_execution();
// The kernel's optimized LLVM IR (made again on demand: compiles keep none).
std::string kernel_ir(const CompiledKernel& k, const KernelSpec& spec, const Variant& v);
// The CPU kernels are compiled for: the host's, or NPT_CPU's.
std::string host_cpu();
// "'name' (ops: ...; input dtypes -> output dtypes)", for error messages.
std::string describe_kernel(const KernelSpec& spec);
// Test hook: the next CPU compile's code calls `symbol`, which the JIT must
// not resolve, so the compile fails at link time as with a missing helper.
void fail_next_compile_for_test(const std::string& symbol);

}  // namespace npt
