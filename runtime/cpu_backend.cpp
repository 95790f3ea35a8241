// The CPU backend: kernels from the LLVM JIT's cache, split over the thread
// pool by rows when there are enough, else by column ranges with one partial
// result per task that the kernel's finish function combines.
#include <algorithm>

#include "codegen/kernel_cache.h"
#include "core/thread_pool.h"
#include "runtime/backend.h"
#include "runtime/runtime.h"

namespace npt {
namespace {

constexpr int64_t kMinPerTask = 1 << 15;  // elements below which one thread does all

class CpuBackend final : public Backend {
 public:
  CompiledCode compile(const KernelSpec& k, const Variant& v, KernelReport& rep, bool code) override {
    bool hit = false;
    const CompiledKernel& c = get_kernel(k, v, &hit);
    rep.cache_hit = hit;
    rep.compile_ms = hit ? 0 : c.compile_ms;
    rep.from_disk = !hit && c.from_disk;
    if (code) rep.code = kernel_ir(c, k, v);
    return &c;
  }

  CompiledCode compile_or_queue(const KernelSpec& k, const Variant& v, KernelReport& rep,
                                std::shared_ptr<KernelTicket>* ticket) override {
    bool hit = false;
    const CompiledKernel* c = find_or_queue_kernel(k, v, &hit, ticket);
    rep.cache_hit = hit;
    if (c) {
      rep.compile_ms = hit ? 0 : c->compile_ms;
      rep.from_disk = !hit && c->from_disk;
    }
    return c;
  }

  Buffer allocate(DType t, const Shape& shape) override { return Buffer::empty(t, shape); }

  LaunchShape shape(CompiledCode, const KernelSpec& k, int64_t rows, int64_t cols) override {
    LaunchShape s;
    const int64_t work = rows * std::max<int64_t>(cols, 1);
    s.tasks = static_cast<int>(std::min<int64_t>(num_threads(), std::max<int64_t>(1, work / kMinPerTask)));
    s.by_rows = k.has_reduction() && rows >= s.tasks * 4;  // else split the inner range
    s.P = s.by_rows ? 1 : s.tasks;
    return s;
  }

  void launch(CompiledCode code, const KernelSpec&, const LaunchArgs& a) override {
    const CompiledKernel& c = *static_cast<const CompiledKernel*>(code);
    KernelFn fn = c.run;
    void* const* ptrs = a.ptrs.data();
    const int64_t* meta = a.meta.data();
    const LaunchShape& s = a.shape;
    auto body = [&](int t, int n) {
      if (s.by_rows)
        fn(a.rows * t / n, a.rows * (t + 1) / n, 0, a.cols, 0, const_cast<void**>(ptrs), meta);
      else
        fn(0, a.rows, a.cols * t / n, a.cols * (t + 1) / n, s.P > 1 ? t : 0, const_cast<void**>(ptrs), meta);
    };
    if (s.tasks == 1) body(0, 1);
    else parallel_for(s.tasks, body);
    if (c.finish) c.finish(0, a.rows, const_cast<void**>(ptrs), meta);
  }

  int device() const override { return -1; }
};

}  // namespace

Backend& cpu_backend() {
  static CpuBackend b;
  return b;
}

}  // namespace npt
