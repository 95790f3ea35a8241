// In-memory kernel cache keyed by (spec structural hash, variant). Keys hash
// the spec, never pointers, so they are stable across processes (ready for
// an on-disk cache). Threads share it: the first to ask for a kernel compiles
// it while later askers wait for that compile, and the cache lock is never
// held while compiling.
#include "codegen/kernel_cache.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

#ifndef NPT_NO_CPU_JIT
#include <llvm/IR/IRBuilder.h>
#include <llvm/Support/Error.h>

#include "codegen/cpu_jit.h"
#include "codegen/llvm_emit.h"
#endif
#include "core/error.h"
#include "core/log.h"

namespace npt {

std::string Variant::key() const {
  std::string k = "K" + std::to_string(K) + "R" + std::to_string(R) + "_";
  for (auto c : inner) k += static_cast<char>('0' + c);
  return k;
}

std::string describe_kernel(const KernelSpec& spec) {
  std::string ops;
  for (auto& o : spec.fused_ops) ops += (ops.empty() ? "" : ", ") + o;
  std::string outs;
  for (auto& o : spec.outputs) outs += (outs.empty() ? "" : ", ") + std::string(dtype_name(o.dtype));
  std::string ins;
  for (auto& o : spec.operands)
    if (o.kind == Operand::Load) ins += (ins.empty() ? "" : ", ") + std::string(dtype_name(o.dtype));
  return "'" + spec.name + "' (ops: " + (ops.empty() ? "copy" : ops) + "; " + (ins.empty() ? "no inputs" : ins) +
         " -> " + outs + ")";
}

#ifdef NPT_NO_CPU_JIT
// Built without LLVM (GPU machines): CPU kernels are unavailable.
std::string host_cpu() { return "none (built without the CPU JIT)"; }
const CompiledKernel& get_kernel(const KernelSpec& spec, const Variant&, bool*) {
  throw JitUnavailable("npt: this build has no CPU JIT (NPT_CPU_JIT=OFF), so kernel " + describe_kernel(spec) +
                     " cannot run on the CPU; use a CUDA device");
}
CacheStats cache_stats() { return {}; }
std::string kernel_ir(const CompiledKernel&) { return {}; }
void fail_next_compile_for_test(const std::string&) {}
#else
namespace {

// The test-only fault: the symbol the next compile's code calls (empty: none).
std::mutex g_fault_mu;
std::string g_fault_symbol;

std::string take_fault() {
  std::lock_guard<std::mutex> g(g_fault_mu);
  return std::exchange(g_fault_symbol, std::string());
}

struct Cache {
  std::unique_ptr<CpuJit> jit;  // set once, before any other thread sees the cache
  std::string jit_error;        // why there is no JIT
  std::mutex mu;                // guards the maps and stats, never held while compiling
  // Ready kernels live in `kernels` (node-based: references stay valid);
  // `pending` holds the compiles in flight.
  std::unordered_map<std::string, CompiledKernel> kernels;
  std::unordered_map<std::string, std::shared_future<void>> pending;
  CacheStats stats;
};

Cache& cache() {
  // Built on first use; its initializer runs no Python and takes no lock.
  static Cache* c = [] {
    auto* c = new Cache;
    const char* cpu = std::getenv("NPT_CPU");
    auto jit = CpuJit::Create(cpu ? cpu : "");
    if (!jit) {
      c->jit_error = llvm::toString(jit.takeError());
      log().error("LLVM JIT unavailable: {}", c->jit_error);
    } else {
      c->jit = std::move(*jit);
      log().debug("CPU JIT targets {}", c->jit->cpu());
    }
    return c;
  }();
  return *c;
}

// The test-only fault: a call to `symbol` (one that JIT'd code must not
// resolve), so the compile fails where a real unresolved helper would.
void inject_call(llvm::Module& m, const std::string& fn_name, const std::string& symbol) {
  llvm::Function* f = m.getFunction(fn_name);
  llvm::FunctionCallee missing = m.getOrInsertFunction(symbol, llvm::Type::getVoidTy(m.getContext()));
  llvm::IRBuilder<> b(&*f->getEntryBlock().getFirstInsertionPt());
  b.CreateCall(missing);
}

CompiledKernel compile(Cache& c, const KernelSpec& spec, const Variant& v, const std::string& key) {
  auto t0 = std::chrono::steady_clock::now();
  auto ctx = std::make_unique<llvm::LLVMContext>();
  EmitTarget target;
  target.avx2 = c.jit->hasAVX2();
  target.avx512 = c.jit->hasAVX512() && !std::getenv("NPT_NO_AVX512");
  auto module = emit_kernel(*ctx, spec, v, key, target);
  std::string fault = take_fault();
  if (!fault.empty()) inject_call(*module, key, fault);
  std::vector<std::string> names{key};
  if (spec.has_reduction()) names.push_back(key + "_finish");
  auto addrs = c.jit->compile(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)), names);
  if (!addrs)
    throw CompileError("npt: compiling kernel " + describe_kernel(spec) + " for CPU '" + c.jit->cpu() +
                       "' failed: " + llvm::toString(addrs.takeError()));
  CompiledKernel k;
  k.run = (*addrs)[0].toPtr<KernelFn>();
  if (spec.has_reduction()) k.finish = (*addrs)[1].toPtr<FinishFn>();
  k.compile_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  k.module = key;
  return k;
}

}  // namespace

std::string host_cpu() {
  Cache& c = cache();
  return c.jit ? c.jit->cpu() : "unavailable: " + c.jit_error;
}

void fail_next_compile_for_test(const std::string& symbol) {
  std::lock_guard<std::mutex> g(g_fault_mu);
  g_fault_symbol = symbol;
}

const CompiledKernel& get_kernel(const KernelSpec& spec, const Variant& v, bool* hit) {
  Cache& c = cache();
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(spec.structural_hash()));
  const std::string key = std::string("npt_") + hash + "_" + v.key();
  if (!c.jit)
    throw JitUnavailable("npt: the LLVM JIT could not be initialized, so kernel " + describe_kernel(spec) +
                       " cannot run: " + c.jit_error);
  for (;;) {
    std::unique_lock<std::mutex> lock(c.mu);
    auto it = c.kernels.find(key);
    if (it != c.kernels.end()) {
      ++c.stats.hits;
      if (hit) *hit = true;
      return it->second;
    }
    auto p = c.pending.find(key);
    if (p != c.pending.end()) {  // another thread compiles it: wait, then look again
      std::shared_future<void> done = p->second;
      lock.unlock();
      done.wait();
      continue;
    }
    std::promise<void> promise;
    c.pending.emplace(key, promise.get_future().share());
    lock.unlock();
    // Whatever happens, the waiters wake up and the pending entry goes; a
    // failed compile leaves nothing cached, so the next ask compiles again.
    struct Finish {
      Cache& c;
      const std::string& key;
      std::promise<void>& promise;
      ~Finish() {
        {
          std::lock_guard<std::mutex> g(c.mu);
          c.pending.erase(key);
        }
        promise.set_value();
      }
    } finish{c, key, promise};
    CompiledKernel k = compile(c, spec, v, key);
    std::lock_guard<std::mutex> g(c.mu);
    ++c.stats.compiles;
    c.stats.compile_ms += k.compile_ms;
    if (hit) *hit = false;
    log().debug("compiled {} ({}) in {:.2f} ms", key, spec.name, k.compile_ms);
    return c.kernels.emplace(key, std::move(k)).first->second;
  }
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
