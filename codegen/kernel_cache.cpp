// In-memory kernel cache keyed by (spec structural hash, variant), over the
// disk cache. Keys hash the spec, never pointers, so they are stable across
// processes: on a miss the kernel's object code is looked up on disk under
// that key and the target (CPU, features, LLVM, npt build), and a compile
// stores its object there. Threads share the cache: the first to ask for a
// kernel compiles it while later askers wait for that compile, and the
// cache lock is never held while compiling.
#include "codegen/kernel_cache.h"

#include <pthread.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
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
const CompiledKernel* find_or_queue_kernel(const KernelSpec& spec, const Variant& v, bool* hit,
                                           std::shared_ptr<KernelTicket>*) {
  return &get_kernel(spec, v, hit);
}
void KernelTicket::finish(const CompiledKernel*, std::string) {}
void KernelTicket::wait() {}
void stop_background_compiler() {
  Background& b = background();
  std::thread* t;
  {
    std::lock_guard<std::mutex> g(b.mu);
    if (b.stopping) return;
    b.stopping = true;
    t = b.worker;
  }
  b.cv.notify_all();
  if (t && t->joinable()) t->join();
  // what was still queued will not compile in the background: its plans
  // compile it when they next need it
  std::deque<Background::Job> left;
  {
    std::lock_guard<std::mutex> g(b.mu);
    left.swap(b.jobs);
    b.tickets.clear();
  }
  for (auto& job : left) job.ticket->finish(nullptr, "npt is exiting: the kernel was not compiled");
}

void KernelTicket::nudge() {}
void stop_background_compiler() {}
bool tiered_execution() { return false; }
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

// The kernel's object code from the disk cache, added to the JIT; nullopt
// on a miss (or an entry that does not load, which is logged).
std::optional<CompiledKernel> load_from_disk(Cache& c, const KernelSpec& spec, const std::string& key,
                                             const std::string& dkey, const std::vector<std::string>& names) {
  auto t0 = std::chrono::steady_clock::now();
  auto object = disk_cache_load("cpu", dkey);
  if (!object) return std::nullopt;
  auto addrs = c.jit->load(key, *object, names);
  if (!addrs) {
    log().warn("npt: kernel {} from the disk cache did not load ({}); compiling it again", describe_kernel(spec),
               llvm::toString(addrs.takeError()));
    return std::nullopt;
  }
  CompiledKernel k = from_addrs(spec, *addrs, key);
  k.from_disk = true;
  k.compile_ms = ms_since(t0);
  return k;
}

std::vector<std::string> symbol_names(const KernelSpec& spec, const std::string& key) {
  std::vector<std::string> names{key};
  if (spec.has_reduction()) names.push_back(key + "_finish");
  return names;
}

bool fault_pending() {
  std::lock_guard<std::mutex> g(g_fault_mu);
  return !g_fault_symbol.empty();
}

// The kernel from the disk cache, or compiled (and stored there).
CompiledKernel compile(Cache& c, const KernelSpec& spec, const Variant& v, const std::string& key) {
  auto t0 = std::chrono::steady_clock::now();
  const EmitTarget target = emit_target(c);
  const std::vector<std::string> names = symbol_names(spec, key);
  std::string fault = take_fault();  // (a test's fault is for a compile: it skips the disk)
  const std::string dkey = fault.empty() ? disk_key(c, key, target) : std::string();
  if (!dkey.empty())
    if (auto k = load_from_disk(c, spec, key, dkey, names)) return *k;
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

// Puts a kernel that is ready into the cache (under c.mu) and counts it.
const CompiledKernel& keep(Cache& c, const std::string& key, CompiledKernel k) {
  if (k.from_disk) {
    ++c.stats.disk_loads;
    c.stats.disk_load_ms += k.compile_ms;
  } else {
    ++c.stats.compiles;
    c.stats.compile_ms += k.compile_ms;
  }
  log().debug("{} {} in {:.2f} ms", k.from_disk ? "loaded" : "compiled", key, k.compile_ms);
  return c.kernels.emplace(key, std::move(k)).first->second;
}

std::string key_of(const KernelSpec& spec, const Variant& v) {
  char hash[32];
  std::snprintf(hash, sizeof hash, "%016llx", static_cast<unsigned long long>(spec.structural_hash()));
  return std::string("npt_") + hash + "_" + v.key();
}

// The background compiler of tiered execution: one thread (a second core
// compiles while the first runs the reference executor), a queue of
// kernels, and the tickets of those queued or compiling, by key.
struct Background {
  struct Job {
    KernelSpec spec;
    Variant v;
    std::string key;
    std::shared_ptr<KernelTicket> ticket;
  };
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Job> jobs;
  std::optional<Job> current;  // the one compiling
  std::unordered_map<std::string, std::shared_ptr<KernelTicket>> tickets;
  std::thread* worker = nullptr;  // (a pointer: a forked child forgets it without touching it)
  bool stopping = false;
};

Background& background() {
  static Background* b = new Background;
  return *b;
}

void work() {
  Background& b = background();
  for (;;) {
    std::unique_lock<std::mutex> lock(b.mu);
    b.cv.wait(lock, [&] { return b.stopping || !b.jobs.empty(); });
    if (b.stopping) return;
    b.current = std::move(b.jobs.front());
    b.jobs.pop_front();
    Background::Job& job = *b.current;
    lock.unlock();
    const CompiledKernel* k = nullptr;
    std::string why;
    try {
      k = &get_kernel(job.spec, job.v, nullptr);
    } catch (const std::exception& e) {
      why = e.what();
      log().warn("{}; the reference executor runs it instead", why);
    }
    lock.lock();
    b.tickets.erase(job.key);
    std::shared_ptr<KernelTicket> ticket = std::move(job.ticket);
    b.current.reset();
    lock.unlock();
    b.cv.notify_all();  // (a fork waits for the worker to be between compiles)
    ticket->finish(k, std::move(why));
  }
}

void stop_worker() { stop_background_compiler(); }

// fork() waits until the worker is between compiles (a child must not
// inherit the JIT halfway through one), and holds the queue meanwhile. The
// child has no worker: it starts one when it next needs one (ensure_worker,
// called where a plan finds its kernel still queued).
void fork_prepare() {
  Background& b = background();
  std::unique_lock<std::mutex> lock(b.mu);
  b.cv.wait(lock, [&] { return !b.current; });
  lock.release();  // (held across the fork; the handlers below unlock it)
}
void fork_parent() { background().mu.unlock(); }
void fork_child() {
  Background& b = background();
  b.worker = nullptr;
  b.mu.unlock();
}

// Starts the worker if there is none (b.mu held).
void ensure_worker(Background& b) {
  if (b.worker || b.stopping) return;
  static const bool hooks = [] {
    pthread_atfork(fork_prepare, fork_parent, fork_child);
    std::atexit(stop_worker);
    return true;
  }();
  (void)hooks;
  b.worker = new std::thread(work);
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
  const std::string key = key_of(spec, v);
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
    if (hit) *hit = false;
    return keep(c, key, std::move(k));
  }
}

const CompiledKernel* find_or_queue_kernel(const KernelSpec& spec, const Variant& v, bool* hit,
                                           std::shared_ptr<KernelTicket>* ticket) {
  Cache& c = cache();
  if (!c.jit) return &get_kernel(spec, v, hit);  // (throws JitUnavailable)
  const std::string key = key_of(spec, v);
  Background& b = background();
  bool compiling;
  {
    std::lock_guard<std::mutex> g(c.mu);
    auto it = c.kernels.find(key);
    if (it != c.kernels.end()) {
      ++c.stats.hits;
      if (hit) *hit = true;
      return &it->second;
    }
    compiling = c.pending.count(key) != 0;
  }
  {
    // Queued or compiling in the background (another plan, the same
    // kernel): this plan runs on the reference meanwhile too.
    std::lock_guard<std::mutex> g(b.mu);
    auto t = b.tickets.find(key);
    if (t != b.tickets.end()) {
      *ticket = t->second;
      if (hit) *hit = false;
      return nullptr;
    }
  }
  if (compiling) return &get_kernel(spec, v, hit);  // another thread compiles it in the foreground: wait
  // The disk is fast enough to wait for (a fraction of a millisecond).
  if (!fault_pending()) {
    if (auto k = load_from_disk(c, spec, key, disk_key(c, key, emit_target(c)), symbol_names(spec, key))) {
      std::lock_guard<std::mutex> g(c.mu);
      if (hit) *hit = false;
      auto it = c.kernels.find(key);  // (another thread may have loaded it meanwhile)
      return it != c.kernels.end() ? &it->second : &keep(c, key, std::move(*k));
    }
  }
  std::unique_lock<std::mutex> g(b.mu);
  if (b.stopping) {  // (at exit: no background compiler any more)
    g.unlock();
    return &get_kernel(spec, v, hit);
  }
  auto& slot = b.tickets[key];
  if (!slot) {
    slot = std::make_shared<KernelTicket>();
    b.jobs.push_back({spec, v, key, slot});
    ensure_worker(b);
    b.cv.notify_one();
    std::lock_guard<std::mutex> gc(c.mu);
    ++c.stats.background_compiles;
  }
  *ticket = slot;
  if (hit) *hit = false;
  return nullptr;
}

void KernelTicket::finish(const CompiledKernel* k, std::string why) {
  {
    std::lock_guard<std::mutex> g(mu_);
    if (k) ready.store(k);
    else {
      error = std::move(why);
      failed.store(true);
    }
  }
  cv_.notify_all();
}

void stop_background_compiler() {
  Background& b = background();
  std::thread* t;
  {
    std::lock_guard<std::mutex> g(b.mu);
    if (b.stopping) return;
    b.stopping = true;
    t = b.worker;
  }
  b.cv.notify_all();
  if (t && t->joinable()) t->join();
  // what was still queued will not compile in the background: its plans
  // compile it when they next need it
  std::deque<Background::Job> left;
  {
    std::lock_guard<std::mutex> g(b.mu);
    left.swap(b.jobs);
    b.tickets.clear();
  }
  for (auto& job : left) job.ticket->finish(nullptr, "npt is exiting: the kernel was not compiled");
}

void KernelTicket::nudge() {
  Background& b = background();
  std::lock_guard<std::mutex> g(b.mu);
  ensure_worker(b);
}

void KernelTicket::wait() {
  nudge();
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return ready.load() || failed.load(); });
}

bool tiered_execution() {
  static const bool on = [] {
    const char* s = std::getenv("NPT_TIERED");
    return !(s && std::string(s) == "0");
  }();
  return on;
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
