// The executor: runs a Partition. For each kernel it collapses the domain at
// run time (kept dims first, size-1 dims dropped, contiguous neighbours
// merged), picks the compiled variant, and splits the work over the thread
// pool: by rows when there are enough, else by columns with one partial
// result per task that the kernel's finish function combines.
#include <algorithm>
#include <cmath>
#include <cstring>

#include "codegen/kernel_cache.h"
#include "core/error.h"
#include "core/thread_pool.h"
#include "python/src/runtime.h"

extern "C" int npt_kernel_error;

namespace npt {
namespace {

constexpr int64_t kMinPerTask = 1 << 15;  // elements below which one thread does all

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

}  // namespace

std::vector<Buffer> execute(const Partition& p, std::vector<KernelReport>* reports, bool run,
                            bool code) {
  std::vector<Buffer> buf(p.slots.size());
  for (size_t i = 0; i < p.slots.size(); ++i) {
    const Slot& s = p.slots[i];
    if (s.kind == Slot::Leaf) buf[i] = s.node->value();
    if (s.kind == Slot::Constant && run) {
      buf[i] = Buffer::empty(s.node->dtype, {});
      write_scalar(buf[i].data(), s.node->dtype, s.node->attrs.scalar);
    }
  }
  for (const Step& st : p.steps) {
    KernelReport rep;
    if (!st.is_kernel) {
      rep.is_kernel = false;
      rep.name = st.opaque->def().name + " (ATen)";
      rep.domain = shape_str(st.opaque->shape);
      for (int s : st.opaque_inputs) rep.inputs.push_back(slot_desc(p, s));
      rep.outputs.push_back(slot_desc(p, st.opaque_output));
      if (run) {
        std::vector<Buffer> ins;
        for (int s : st.opaque_inputs) ins.push_back(buf[s]);
        buf[st.opaque_output] = run_opaque(*st.opaque, ins);
      }
      if (reports) reports->push_back(rep);
      continue;
    }
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
        if (std::find(rep.inputs.begin(), rep.inputs.end(), d) == rep.inputs.end()) rep.inputs.push_back(d);
      }
    for (auto& o : k.outputs) rep.outputs.push_back(slot_desc(p, o.slot));

    Layout L = collapse(k);
    if (run)
      for (auto& o : k.outputs) buf[o.slot] = Buffer::empty(o.dtype, p.slots[o.slot].node->shape);
    if (L.empty) {
      if (reports) reports->push_back(rep);
      continue;
    }
    Variant v = variant_of(L);
    bool hit = false;
    const CompiledKernel& ck = get_kernel(k, v, &hit);
    rep.cache_hit = hit;
    rep.compile_ms = hit ? 0 : ck.compile_ms;
    if (code) rep.code = kernel_ir(ck);
    if (reports) reports->push_back(rep);
    if (!run) continue;

    const int64_t rows = L.rows(), cols = L.cols();
    const int nt = num_threads();
    const int64_t work = rows * std::max<int64_t>(cols, 1);
    int tasks = static_cast<int>(std::min<int64_t>(nt, std::max<int64_t>(1, work / kMinPerTask)));
    bool split_rows = rows >= tasks * 4 || !k.has_reduction() ? rows >= tasks * 4 : false;
    if (!k.has_reduction()) split_rows = false;  // elementwise: rows == 1, split columns
    const int64_t P = split_rows ? 1 : tasks;

    std::vector<int64_t> meta(L.sizes);
    meta.push_back(P);
    for (size_t a = 0; a < L.strides.size(); ++a) {
      meta.push_back(L.offsets[a]);
      meta.insert(meta.end(), L.strides[a].begin(), L.strides[a].end());
    }
    std::vector<void*> ptrs;
    for (auto& o : k.operands) ptrs.push_back(o.kind == Operand::Load ? buf[o.slot].data() : nullptr);
    std::vector<Buffer> partials;
    for (auto& o : k.outputs) {
      if (o.reduce == ScalarOp::None) {
        ptrs.push_back(buf[o.slot].data());
        ptrs.push_back(nullptr);
      } else {
        partials.push_back(Buffer::empty(o.acc, {rows * P}));
        ptrs.push_back(partials.back().data());
        ptrs.push_back(buf[o.slot].data());
      }
    }
    __atomic_store_n(&npt_kernel_error, 0, __ATOMIC_RELAXED);
    parallel_for(tasks, [&](int t, int n) {
      if (split_rows) {
        int64_t a = rows * t / n, b = rows * (t + 1) / n;
        ck.run(a, b, 0, cols, 0, ptrs.data(), meta.data());
      } else {
        int64_t a = cols * t / n, b = cols * (t + 1) / n;
        ck.run(0, rows, a, b, P > 1 ? t : 0, ptrs.data(), meta.data());
      }
    });
    if (ck.finish) ck.finish(0, rows, ptrs.data(), meta.data());
    if (__atomic_load_n(&npt_kernel_error, __ATOMIC_RELAXED))
      throw ValueError("Integers to negative integer powers are not allowed.");
  }
  return buf;
}

}  // namespace npt
