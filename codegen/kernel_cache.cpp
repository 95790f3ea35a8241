// In-memory kernel cache keyed by (spec structural hash, variant). Keys hash
// the spec, never pointers, so they are stable across processes (ready for
// an on-disk cache).
#include "codegen/kernel_cache.h"

#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <mutex>
#include <unordered_map>

#ifndef NPT_NO_CPU_JIT
#include <llvm/Support/Error.h>

#include "codegen/cpu_jit.h"
#include "codegen/llvm_emit.h"
#endif
#include "core/error.h"
#include "core/log.h"

// Set by generated code (through helpers) when a kernel hits an error NumPy
// raises for (an integer to a negative power); the executor checks it.
extern "C" {
int npt_kernel_error = 0;
}

namespace npt {

std::string Variant::key() const {
  std::string k = "K" + std::to_string(K) + "R" + std::to_string(R) + "_";
  for (auto c : inner) k += static_cast<char>('0' + c);
  return k;
}

#ifdef NPT_NO_CPU_JIT
// Built without LLVM (GPU machines): CPU kernels are unavailable.
std::string host_cpu() { return "none (built without the CPU JIT)"; }
const CompiledKernel& get_kernel(const KernelSpec& spec, const Variant&, bool*) {
  throw CompileError("npt: this build has no CPU JIT (NPT_CPU_JIT=OFF), so kernel '" + spec.name +
                     "' cannot run on the CPU; use a CUDA device");
}
CacheStats cache_stats() { return {}; }
std::string kernel_ir(const CompiledKernel&) { return {}; }
#else
namespace {

struct Cache {
  std::mutex mu;
  std::unique_ptr<CpuJit> jit;
  std::unordered_map<std::string, CompiledKernel> kernels;
  CacheStats stats;
};

Cache& cache() {
  static Cache* c = [] {
    auto* c = new Cache;
    auto jit = CpuJit::Create();
    if (!jit) {
      std::string msg = llvm::toString(jit.takeError());
      log().error("LLVM JIT unavailable: {}", msg);
    } else {
      c->jit = std::move(*jit);
    }
    return c;
  }();
  return *c;
}

}  // namespace

std::string host_cpu() {
  Cache& c = cache();
  return c.jit ? c.jit->cpu() : "unknown";
}

const CompiledKernel& get_kernel(const KernelSpec& spec, const Variant& v, bool* hit) {
  Cache& c = cache();
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(spec.structural_hash()));
  std::string key = std::string("npt_") + hash + "_" + v.key();
  std::lock_guard<std::mutex> g(c.mu);
  auto it = c.kernels.find(key);
  if (it != c.kernels.end()) {
    ++c.stats.hits;
    if (hit) *hit = true;
    return it->second;
  }
  if (hit) *hit = false;
  if (!c.jit) throw CompileError("npt: the LLVM JIT could not be initialized (op '" + spec.name + "')");
  auto t0 = std::chrono::steady_clock::now();
  auto ctx = std::make_unique<llvm::LLVMContext>();
  EmitTarget target;
  target.avx2 = c.jit->hasAVX2();
  target.avx512 = c.jit->hasAVX512() && !std::getenv("NPT_NO_AVX512");
  auto module = emit_kernel(*ctx, spec, v, key, target);
  auto fail = [&](llvm::Error e) -> CompileError {
    return CompileError("npt: compiling kernel '" + spec.name + "' failed: " + llvm::toString(std::move(e)));
  };
  if (auto err = c.jit->addModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx))))
    throw fail(std::move(err));
  CompiledKernel k;
  auto run = c.jit->lookup(key);
  if (!run) throw fail(run.takeError());
  k.run = run->toPtr<KernelFn>();
  if (spec.has_reduction()) {
    auto fin = c.jit->lookup(key + "_finish");
    if (!fin) throw fail(fin.takeError());
    k.finish = fin->toPtr<FinishFn>();
  }
  k.compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  k.module = key;
  ++c.stats.compiles;
  c.stats.compile_ms += k.compile_ms;
  log().debug("compiled {} ({}) in {:.2f} ms", key, spec.name, k.compile_ms);
  return c.kernels.emplace(key, std::move(k)).first->second;
}

CacheStats cache_stats() {
  Cache& c = cache();
  std::lock_guard<std::mutex> g(c.mu);
  return c.stats;
}

std::string kernel_ir(const CompiledKernel& k) {
  Cache& c = cache();
  return c.jit ? c.jit->optimizedIR(k.module) : std::string();
}

#endif  // NPT_NO_CPU_JIT

}  // namespace npt
