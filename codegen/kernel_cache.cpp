// In-memory kernel cache keyed by (spec structural hash, variant), over the
// disk cache. Keys hash the spec, never pointers, so they are stable across
// processes: on a miss the kernel's object code is looked up on disk under
// that key and the target (CPU, features, LLVM, npt build), and a compile
// stores its object there. Threads share the cache: the first to ask for a
// kernel compiles it while later askers wait for that compile, and the
// cache lock is never held while compiling.
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
#include <llvm/Config/llvm-config.h>
#include <llvm/IR/IRBuilder.h>
#include <llvm/Support/Error.h>

#include "codegen/disk_cache.h"

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
std::string kernel_ir(const CompiledKernel&, const KernelSpec&, const Variant&) { return {}; }
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

EmitTarget emit_target(const Cache& c) {
  EmitTarget target;
  target.avx2 = c.jit->hasAVX2();
  target.avx512 = c.jit->hasAVX512() && !std::getenv("NPT_NO_AVX512");
  return target;
}

// The disk cache's key of a kernel: everything its object code depends on.
std::string disk_key(const Cache& c, const std::string& key, const EmitTarget& t) {
  return "cpu kernel " + key + "\ncpu " + c.jit->cpu() + "\nfeatures " + c.jit->features() +
         "\navx512 " + (t.avx512 ? "on" : "off") + "\nllvm " LLVM_VERSION_STRING "\nnpt " + build_identity() + "\n";
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

CompiledKernel from_addrs(const KernelSpec& spec, const std::vector<llvm::orc::ExecutorAddr>& addrs,
                          const std::string& key) {
  CompiledKernel k;
  k.run = addrs[0].toPtr<KernelFn>();
  if (spec.has_reduction()) k.finish = addrs[1].toPtr<FinishFn>();
  k.module = key;
  return k;
}

CompiledKernel compile(Cache& c, const KernelSpec& spec, const Variant& v, const std::string& key) {
  auto t0 = std::chrono::steady_clock::now();
  const EmitTarget target = emit_target(c);
  std::vector<std::string> names{key};
  if (spec.has_reduction()) names.push_back(key + "_finish");
  std::string fault = take_fault();
  const std::string dkey = fault.empty() ? disk_key(c, key, target) : std::string();
  if (!dkey.empty()) {
    if (auto object = disk_cache_load("cpu", dkey)) {
      auto addrs = c.jit->load(key, *object, names);
      if (addrs) {
        CompiledKernel k = from_addrs(spec, *addrs, key);
        k.from_disk = true;
        k.compile_ms = ms_since(t0);
        return k;
      }
      log().warn("npt: kernel {} from the disk cache did not load ({}); compiling it again",
                 describe_kernel(spec), llvm::toString(addrs.takeError()));
    }
  }
  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto module = emit_kernel(*ctx, spec, v, key, target);
  if (!fault.empty()) inject_call(*module, key, fault);
  std::string object;
  auto addrs = c.jit->compile(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)), names,
                              dkey.empty() ? nullptr : &object);
  if (!addrs)
    throw CompileError("npt: compiling kernel " + describe_kernel(spec) + " for CPU '" + c.jit->cpu() +
                       "' failed: " + llvm::toString(addrs.takeError()));
  CompiledKernel k = from_addrs(spec, *addrs, key);
  k.compile_ms = ms_since(t0);
  if (!object.empty()) disk_cache_store("cpu", dkey, object);
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
    if (k.from_disk) {
      ++c.stats.disk_loads;
      c.stats.disk_load_ms += k.compile_ms;
    } else {
      ++c.stats.compiles;
      c.stats.compile_ms += k.compile_ms;
    }
    if (hit) *hit = false;
    log().debug("{} {} ({}) in {:.2f} ms", k.from_disk ? "loaded" : "compiled", key, spec.name, k.compile_ms);
    return c.kernels.emplace(key, std::move(k)).first->second;
  }
}

CacheStats cache_stats() {
  Cache& c = cache();
  std::lock_guard<std::mutex> g(c.mu);
  return c.stats;
}

std::string kernel_ir(const CompiledKernel& k, const KernelSpec& spec, const Variant& v) {
  Cache& c = cache();
  if (!c.jit) return {};
  std::string ir = c.jit->optimizedIR(k.module);
  if (!ir.empty()) return ir;
  auto ctx = std::make_unique<llvm::LLVMContext>();
  auto module = emit_kernel(*ctx, spec, v, k.module, emit_target(c));
  return c.jit->listIR(llvm::orc::ThreadSafeModule(std::move(module), std::move(ctx)));
}

#endif  // NPT_NO_CPU_JIT

}  // namespace npt
