// The executor: runs a Partition. For each kernel it collapses the domain at
// run time (kept dims first, size-1 dims dropped, contiguous neighbours
// merged), picks the compiled variant, packs the arguments, and hands the
// launch to the kernel's backend (runtime/backend.h: the CPU's thread pool
// or a CUDA device), the same code for both.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <unordered_map>

#include <memory>

#include "codegen/kernel_cache.h"
#include "core/error.h"
#include "core/log.h"
#include "runtime/backend.h"
#include "runtime/runtime.h"

namespace npt {
namespace {

void write_scalar(void* dst, DType t, const Scalar& s) {
  double d = s.kind == 1 ? (s.negative ? -static_cast<double>(s.mag) : static_cast<double>(s.mag)) : s.re;
  uint64_t bits;
  if (s.kind == 1) bits = s.negative ? ~s.mag + 1 : s.mag;
  else bits = static_cast<uint64_t>(static_cast<int64_t>(std::isfinite(d) ? std::trunc(d) : 0));
  switch (t) {
    case DType::Bool: *static_cast<uint8_t*>(dst) = s.kind == 1 ? s.mag != 0 : (s.re != 0 || s.im != 0); break;
    case DType::Float16: store_float16(dst, d); break;
    case DType::Float32: *static_cast<float*>(dst) = static_cast<float>(d); break;
    case DType::Float64: *static_cast<double*>(dst) = d; break;
    case DType::Complex64: {
      float parts[2] = {static_cast<float>(d), static_cast<float>(s.im)};
      std::memcpy(dst, parts, sizeof parts);
      break;
    }
    case DType::Complex128: {
      double parts[2] = {d, s.im};
      std::memcpy(dst, parts, sizeof parts);
      break;
    }
    default:
      NPT_ASSERT(is_integer(t), std::string("constant of dtype ") + dtype_name(t));
      std::memcpy(dst, &bits, dtype_itemsize(t));  // little-endian: low bytes wrap
  }
}

struct Layout {
  int K = 0, R = 0;
  std::vector<int64_t> sizes;
  std::vector<int64_t> offsets;
  std::vector<std::vector<int64_t>> strides;  // per accessor
  bool empty = false;                         // nothing to run
  int64_t rows() const {
    int64_t r = 1;
    for (int d = 0; d < K; ++d) r *= sizes[d];
    return r;
  }
  int64_t cols() const {
    int64_t c = 1;
    for (int d = K; d < K + R; ++d) c *= sizes[d];
    return c;
  }
};

Layout collapse(const KernelSpec& k) {
  const int n = static_cast<int>(k.domain.size());
  bool red = k.has_reduction();
  // accessors: operands, then store outputs (contiguous over the domain)
  std::vector<int64_t> offs;
  std::vector<std::vector<int64_t>> st;
  for (auto& o : k.operands) offs.push_back(o.offset), st.push_back(o.strides);
  for (auto& o : k.outputs)
    if (o.reduce == ScalarOp::None) offs.push_back(0), st.push_back(contiguous_strides(k.domain));
  const size_t na = st.size();

  Layout L;
  L.offsets = offs;
  L.strides.assign(na, {});
  bool zero = false;
  for (auto s : k.domain) zero |= s == 0;
  auto group = [&](bool reduced_group) {
    std::vector<int> dims;
    for (int d = 0; d < n; ++d) {
      bool r = red ? static_cast<bool>(k.reduced[d]) : true;  // elementwise: all dims inner
      if (r == reduced_group && k.domain[d] != 1) dims.push_back(d);
    }
    std::vector<int64_t> sz;
    std::vector<std::vector<int64_t>> gs(na);
    for (int d : dims) {
      bool merge = !sz.empty();
      for (size_t a = 0; a < na && merge; ++a) merge = gs[a].back() == st[a][d] * k.domain[d];
      if (merge) {
        sz.back() *= k.domain[d];
        for (size_t a = 0; a < na; ++a) gs[a].back() = st[a][d];
      } else {
        sz.push_back(k.domain[d]);
        for (size_t a = 0; a < na; ++a) gs[a].push_back(st[a][d]);
      }
    }
    if (zero && reduced_group) {  // an empty reduction: one empty inner dim
      sz.assign(1, 0);
      for (auto& g : gs) g.assign(1, 0);
    }
    if (sz.empty()) {  // keep at least one inner dim
      if (!reduced_group) return 0;
      sz.push_back(1);
      for (auto& g : gs) g.push_back(0);
    }
    L.sizes.insert(L.sizes.end(), sz.begin(), sz.end());
    for (size_t a = 0; a < na; ++a) L.strides[a].insert(L.strides[a].end(), gs[a].begin(), gs[a].end());
    return static_cast<int>(sz.size());
  };
  if (zero) {
    bool kept_zero = false;
    for (int d = 0; d < n; ++d) kept_zero |= k.domain[d] == 0 && red && !k.reduced[d];
    if (!red || kept_zero) {
      L.empty = true;
      return L;
    }
  }
  L.K = red ? group(false) : 0;
  L.R = group(true);
  return L;
}

Variant variant_of(const Layout& L) {
  Variant v;
  v.K = L.K;
  v.R = L.R;
  for (auto& s : L.strides) {
    int64_t in = s.back();
    v.inner.push_back(in == 0 ? 0 : in == 1 ? 1 : 2);
  }
  return v;
}

std::string slot_desc(const Partition& p, int slot) {
  const Node& n = *p.slots[slot].node;
  return "%" + std::to_string(slot) + " " + n.str();
}

// One kernel launch, decided once per plan. The split (over threads, or
// over the GPU's blocks) is decided at each launch by the backend (the
// thread count can change between runs).
struct KernelLaunch {
  Backend* backend = nullptr;
  CompiledCode code = nullptr;  // null: empty domain, nothing to run
  std::vector<int64_t> meta;    // meta[p_index] = P, set per launch
  size_t p_index = 0;
  int64_t rows = 0, cols = 0;
  bool reference = false;  // the compile failed: the reference executor computes the outputs
  // Tiered: the kernel compiling in the background (code is null until a
  // run finds it ready; the reference executor runs it meanwhile).
  std::shared_ptr<KernelTicket> ticket;
};

std::atomic<int64_t> g_fallbacks{0}, g_tiered_runs{0};
std::atomic<int64_t> g_in_place{0}, g_copied{0};

// Whether running a kernel op by op on ATen while it compiles beats waiting
// for the compile (10 to 40 ms): so while its element-ops are few. (A chain
// of 4 ops over 10M elements takes ATen longer than compiling and running it.)
bool tier_pays(const KernelSpec& k) {
  constexpr int64_t kMaxElementOps = int64_t{1} << 22;
  int64_t n = 1;
  for (int64_t d : k.domain) n *= d;
  return n * std::max<int64_t>(1, static_cast<int64_t>(k.fused_ops.size())) < kMaxElementOps;
}

KernelLaunch plan_launch(const KernelSpec& k, int device, KernelReport& rep, bool code, bool tiered) {
  KernelLaunch L;
  L.backend = &backend_for(device);
  Layout lay = collapse(k);
  if (lay.empty) return L;
  try {
    if (tiered && !code && tier_pays(k)) L.code = L.backend->compile_or_queue(k, variant_of(lay), rep, &L.ticket);
    else L.code = L.backend->compile(k, variant_of(lay), rep, code);
  } catch (const JitUnavailable&) {
    throw;
  } catch (const CompileError& e) {
    // The user's program goes on: the reference executor computes this
    // kernel's outputs (slower, same values), and the failure is logged.
    log().warn("{}; running it on the reference executor instead", e.what());
    g_fallbacks.fetch_add(1);
    L.reference = true;
    L.code = nullptr;
    rep.fallback = e.what();
    rep.name += " (reference executor)";
  }
  L.rows = lay.rows();
  L.cols = lay.cols();
  L.meta = lay.sizes;
  L.p_index = L.meta.size();
  L.meta.push_back(1);
  for (size_t a = 0; a < lay.strides.size(); ++a) {
    L.meta.push_back(lay.offsets[a]);
    L.meta.insert(L.meta.end(), lay.strides[a].begin(), lay.strides[a].end());
  }
  return L;
}

// Outputs allocated, arguments packed (kernel_cache.h's ABI) and the kernel
// run on its backend; scalar constants are copied to the device, and the
// error word (only for kernels that can set it) raises NumPy's ValueError.
void launch(const KernelLaunch& L, CompiledCode code, const KernelSpec& k, std::vector<Buffer>& buf,
            const Partition& p) {
  Backend& be = *L.backend;
  const int dev = be.device();
  for (auto& o : k.outputs) buf[o.slot] = be.allocate(o.dtype, p.slots[o.slot].node->shape);
  if (!code) return;
  LaunchArgs a;
  a.rows = L.rows;
  a.cols = L.cols;
  a.shape = be.shape(code, k, L.rows, L.cols);
  a.meta = L.meta;
  a.meta[L.p_index] = a.shape.P;
  std::vector<Buffer> keep;  // partials and device copies, alive until the launch is done
  for (auto& o : k.operands) {
    if (o.kind != Operand::Load) {
      a.ptrs.push_back(nullptr);
      continue;
    }
    Buffer b = buf[o.slot].device() == dev ? buf[o.slot] : buf[o.slot].to(dev);  // constants
    if (b.data() != buf[o.slot].data()) keep.push_back(b);
    a.ptrs.push_back(b.data());
  }
  for (auto& o : k.outputs) {
    if (o.reduce == ScalarOp::None) {
      a.ptrs.push_back(buf[o.slot].data());
      a.ptrs.push_back(nullptr);
    } else {
      keep.push_back(be.allocate(o.acc, {L.rows * a.shape.P}));
      a.ptrs.push_back(keep.back().data());
      a.ptrs.push_back(buf[o.slot].data());
    }
  }
  Buffer err;  // int32, zero; reading it back from a device waits for the stream
  if (k.sets_error_word()) {
    Buffer zero = Buffer::empty(DType::Int32, {1});
    *static_cast<int32_t*>(zero.data()) = 0;
    err = dev < 0 ? zero : zero.to(dev);
  }
  a.ptrs.push_back(err.defined() ? err.data() : nullptr);
  be.launch(code, k, a);
  if (err.defined() && *static_cast<const int32_t*>((dev < 0 ? err : err.to(-1)).data()))
    throw ValueError("Integers to negative integer powers are not allowed.");
  // `keep` may be freed now: on a device the caching allocator reuses memory
  // in stream order.
}

}  // namespace

struct Prepared {
  std::vector<KernelLaunch> launches;  // one per step (unused for opaque steps)
  std::vector<Buffer> constants;       // per slot: scalar constants, written once
  // Per step: the slots read for the last time there (not plan outputs),
  // dropped after it so that a long plan holds only its live values.
  std::vector<std::vector<int>> last_reads;
  // Per step: an opaque op that may write into its input 0's buffer (it has
  // eager_into, the input is computed in this plan, read last here, whole and
  // uncopied), when at run time nothing else shares that buffer.
  std::vector<char> may_donate;
};

namespace {

// Which slots each step reads, and, from that, the last reads and the steps
// that may be given their input's buffer.
void plan_lifetimes(const Partition& p, Prepared& pr) {
  const size_t ns = p.slots.size();
  std::vector<int> last(ns, -1);
  std::vector<std::vector<int>> reads(p.steps.size());
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const Step& st = p.steps[i];
    if (st.is_kernel) {
      for (auto& o : st.kernel.operands)
        if (o.kind == Operand::Load) reads[i].push_back(o.slot);
    } else {
      reads[i] = st.opaque_inputs;
    }
    for (int s : reads[i]) last[s] = static_cast<int>(i);
  }
  std::vector<char> is_output(ns, 0);
  for (int s : p.output_slots) is_output[s] = 1;
  pr.last_reads.assign(p.steps.size(), {});
  for (size_t s = 0; s < ns; ++s)
    if (last[s] >= 0 && !is_output[s]) pr.last_reads[last[s]].push_back(static_cast<int>(s));
  pr.may_donate.assign(p.steps.size(), 0);
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const Step& st = p.steps[i];
    if (st.is_kernel || !st.opaque->def().eager_into) continue;
    int s = st.opaque_inputs[0];
    const StridedView& v = st.opaque_views[0];
    const Shape& full = p.slots[s].node->shape;
    bool whole = v.offset == 0 && v.shape == full && v.strides == contiguous_strides(full);
    bool once = std::count(reads[i].begin(), reads[i].end(), s) == 1;
    pr.may_donate[i] = p.slots[s].kind == Slot::Computed && last[s] == static_cast<int>(i) &&
                       !is_output[s] && whole && once;
  }
}

}  // namespace

PreparedPlan prepare(Partition part, bool code, bool tiered) {
  PreparedPlan pp;
  pp.partition = std::move(part);
  pp.impl = std::make_shared<Prepared>();
  const Partition& p = pp.partition;
  for (const Step& st : p.steps) {
    KernelReport rep;
    KernelLaunch L;
    if (!st.is_kernel) {
      rep.is_kernel = false;
      rep.name = st.opaque->def().name + " (ATen)";
      rep.domain = shape_str(st.opaque->shape);
      for (int s : st.opaque_inputs) rep.inputs.push_back(slot_desc(p, s));
      rep.outputs.push_back(slot_desc(p, st.opaque_output));
    } else {
      const KernelSpec& k = st.kernel;
      rep.name = k.name;
      rep.domain = shape_str(k.domain);
      rep.fused_ops = k.fused_ops;
      rep.bytes_moved = k.bytes_moved;
      rep.unfused_bytes = std::max(k.unfused_bytes, k.bytes_moved);
      rep.expr = k.str();
      for (auto& o : k.operands)
        if (o.kind == Operand::Load) {
          std::string d = slot_desc(p, o.slot);
          if (std::find(rep.inputs.begin(), rep.inputs.end(), d) == rep.inputs.end())
            rep.inputs.push_back(d);
        }
      for (auto& o : k.outputs) rep.outputs.push_back(slot_desc(p, o.slot));
      int device = p.slots[k.outputs[0].slot].node->device;
      L = plan_launch(k, device, rep, code, tiered);
    }
    pp.uses_reference |= L.reference;
    pp.reports.push_back(std::move(rep));
    pp.impl->launches.push_back(std::move(L));
  }
  pp.impl->constants.resize(p.slots.size());
  for (size_t i = 0; i < p.slots.size(); ++i) {
    const Slot& s = p.slots[i];
    if (s.kind != Slot::Constant) continue;
    Buffer b = Buffer::empty(s.node->dtype, {});
    write_scalar(b.data(), s.node->dtype, s.node->attrs.scalar);
    pp.impl->constants[i] = b;
  }
  plan_lifetimes(p, *pp.impl);
  return pp;
}

std::vector<Buffer> run(const PreparedPlan& pp, const std::vector<std::pair<const Node*, Buffer>>& params) {
  const Partition& p = pp.partition;
  std::vector<Buffer> buf(p.slots.size());
  for (size_t i = 0; i < p.slots.size(); ++i) {
    const Slot& s = p.slots[i];
    if (s.kind == Slot::Leaf) buf[i] = s.node->value();
    if (s.kind == Slot::Constant) buf[i] = pp.impl->constants[i];
    if (s.kind == Slot::Param) {
      for (auto& [n, b] : params)
        if (n == s.node.get()) buf[i] = b;
      if (!buf[i].defined())
        throw ConcretizationError("a value is needed, but it depends on an argument of a function "
                                  "being traced (" + s.node->str() + ")");
    }
  }
  // the values the reference executor may read: every slot computed so far
  // but the outputs of the kernel it stands in for or checks
  std::unordered_map<const Node*, int> slot_of;
  const bool check = check_enabled();
  auto known_except = [&](const KernelSpec& k) -> KnownFn {
    if (slot_of.empty())
      for (size_t s = 0; s < p.slots.size(); ++s) slot_of[p.slots[s].node.get()] = static_cast<int>(s);
    return [&, outs = k.outputs](const Node* n) {
      auto it = slot_of.find(n);
      if (it == slot_of.end()) return Buffer();
      for (auto& o : outs)
        if (o.slot == it->second) return Buffer();
      return buf[it->second];
    };
  };
  for (size_t i = 0; i < p.steps.size(); ++i) {
    const Step& st = p.steps[i];
    if (st.is_kernel) {
      const KernelLaunch& L = pp.impl->launches[i];
      const KernelSpec& k = st.kernel;
      auto on_reference = [&] {
        std::vector<NodeRef> outs;
        for (auto& o : k.outputs) outs.push_back(p.slots[o.slot].node);
        std::vector<Buffer> vals = reference_values(outs, known_except(k));
        for (size_t j = 0; j < k.outputs.size(); ++j) buf[k.outputs[j].slot] = vals[j];
      };
      if (L.reference) {
        on_reference();
        continue;
      }
      CompiledCode code = L.code;
      if (!code && L.ticket) code = L.ticket->ready.load();
      if (!code && L.ticket) {  // still compiling (or failed): the reference tier runs it
        if (!L.ticket->failed.load()) L.ticket->nudge();
        try {
          on_reference();
          g_tiered_runs.fetch_add(1);
          continue;
        } catch (const ReferenceUnsupported&) {
          L.ticket->wait();  // ATen cannot: wait for the kernel
          code = L.ticket->ready.load();
          if (!code) throw CompileError(L.ticket->error);
        }
      }
      launch(L, code, k, buf, p);
      maybe_corrupt_for_test(buf[k.outputs[0].slot]);
      if (check)
        for (auto& o : k.outputs) check_kernel_output(k, p.slots[o.slot].node, buf[o.slot], known_except(k));
    } else {
      const int first = st.opaque_inputs[0];
      const bool into = pp.impl->may_donate[i] && buf[first].unique();
      if (st.opaque->def().eager_into) (into ? g_in_place : g_copied).fetch_add(1);
      std::vector<Buffer> ins;
      for (int s : st.opaque_inputs) ins.push_back(s == first && into ? std::move(buf[s]) : buf[s]);
      buf[st.opaque_output] = run_opaque(*st.opaque, ins, st.opaque_views, into);
    }
    if (!check)  // the checker's reference may read any value computed so far
      for (int s : pp.impl->last_reads[i]) buf[s] = Buffer();
  }
  return buf;
}

int64_t reference_fallbacks() { return g_fallbacks.load(); }
int64_t tiered_reference_runs() { return g_tiered_runs.load(); }
std::pair<int64_t, int64_t> write_stats() { return {g_in_place.load(), g_copied.load()}; }

Backend& backend_for(int device) { return device < 0 ? cpu_backend() : cuda_backend(device); }

}  // namespace npt
