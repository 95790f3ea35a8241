// The reference executor: a graph run op by op on the registry's eager
// (ATen) implementations. The oracle NPT_CHECK=1 compares every fused
// kernel with, and what runs a kernel that failed to compile.
#include <ATen/ATen.h>

#include <atomic>
#include <cstdlib>
#include <sstream>
#include <unordered_map>

#include "core/aten_dtype.h"
#include "core/error.h"
#include "runtime/runtime.h"

namespace npt {
namespace {

std::atomic<bool> g_corrupt_next{false};
std::atomic<int64_t> g_checked{0}, g_skipped{0};

// The value of n: known, or computed from its inputs' values (memoized).
at::Tensor value_of(const NodeRef& n, const KnownFn& known,
                    std::unordered_map<const Node*, at::Tensor>& memo) {
  auto it = memo.find(n.get());
  if (it != memo.end()) return it->second;
  at::Tensor v;
  Buffer b = known(n.get());
  if (b.defined()) {
    v = b.device() >= 0 ? b.to(-1).tensor() : b.tensor();
  } else if (n->materialized()) {
    v = n->value().device() >= 0 ? n->value().to(-1).tensor() : n->value().tensor();
  } else {
    std::vector<at::Tensor> ins;
    for (auto& in : n->inputs()) ins.push_back(value_of(in, known, memo));
    try {
      v = n->def().eager(*n, ins);
    } catch (const c10::Error& e) {
      throw ReferenceUnsupported("the reference executor cannot run " + n->str() + " on ATen: " +
                                 e.what_without_backtrace());
    }
    NPT_ASSERT(v.scalar_type() == aten_dtype(n->dtype) && Shape(v.sizes().begin(), v.sizes().end()) == n->shape,
               "eager " + n->str() + " gave " + c10::toString(v.scalar_type()));
  }
  memo.emplace(n.get(), v);
  return v;
}

std::string element_str(const at::Tensor& t, int64_t i) {
  std::ostringstream os;
  os.precision(17);
  at::Tensor x = t.reshape({-1})[i];
  if (t.is_complex()) {
    auto z = x.to(at::kComplexDouble).item<c10::complex<double>>();
    os << "(" << z.real() << (z.imag() < 0 ? "" : "+") << z.imag() << "j)";
  } else if (t.is_floating_point()) os << x.item<double>();
  else if (t.scalar_type() == at::kBool) os << (x.item<bool>() ? "True" : "False");
  else os << x.to(at::kLong).item<int64_t>();
  return os.str();
}

std::string index_str(const Shape& shape, int64_t flat) {
  std::vector<int64_t> idx(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    idx[d] = shape[d] ? flat % shape[d] : 0;
    flat = shape[d] ? flat / shape[d] : 0;
  }
  std::string s = "[";
  for (size_t d = 0; d < idx.size(); ++d) s += (d ? ", " : "") + std::to_string(idx[d]);
  return s + "]";
}

// Where got and want differ beyond the dtype's tolerance: the first index, or -1.
int64_t first_difference(const at::Tensor& got, const at::Tensor& want, bool reduction) {
  if (got.is_complex()) {  // part by part: element i is parts 2i and 2i + 1
    int64_t k = first_difference(at::view_as_real(got.contiguous()), at::view_as_real(want.contiguous()), reduction);
    return k < 0 ? -1 : k / 2;
  }
  at::Tensor g = got.reshape({-1}), w = want.reshape({-1});
  if (!g.is_floating_point()) {
    // integers exactly (uint64 through its bits)
    auto bits = [](const at::Tensor& t) { return t.scalar_type() == at::kUInt64 ? t.view(at::kLong) : t.to(at::kLong); };
    at::Tensor bad = at::ne(bits(g), bits(w)).nonzero();
    return bad.numel() ? bad[0].item<int64_t>() : -1;
  }
  // A sanity oracle, not a bit-exact one: libm, libmvec and ATen's vector
  // math differ by ulps, which cancellation (exp(x) - 1) magnifies; a wrong
  // kernel is off by far more. Reductions also depend on the order of the
  // terms: up to rtol of the largest result.
  at::ScalarType s = g.scalar_type();
  double rtol = s == at::kHalf ? 1e-2 : s == at::kFloat ? 1e-4 : 1e-9;
  double atol = s == at::kHalf ? 1e-3 : s == at::kFloat ? 1e-6 : 1e-13;
  at::Tensor gd = g.to(at::kDouble), wd = w.to(at::kDouble);
  if (reduction && wd.numel())
    atol = std::max(atol, rtol * at::nan_to_num(wd.abs(), 0, 0, 0).max().item<double>());
  at::Tensor close = at::le((gd - wd).abs(), atol + rtol * wd.abs());
  at::Tensor same = at::logical_or(at::eq(gd, wd), at::logical_and(at::isnan(gd), at::isnan(wd)));
  at::Tensor bad = at::logical_not(at::logical_or(close, same)).nonzero();
  return bad.numel() ? bad[0].item<int64_t>() : -1;
}

}  // namespace

std::vector<Buffer> reference_values(const std::vector<NodeRef>& nodes, const KnownFn& known) {
  std::unordered_map<const Node*, at::Tensor> memo;
  std::vector<Buffer> out;
  for (auto& n : nodes) {
    at::Tensor v = value_of(n, known, memo);
    Buffer b = Buffer::from_tensor(v.contiguous());
    out.push_back(n->device >= 0 ? b.to(n->device) : b);
  }
  return out;
}

bool check_enabled() {
  static const bool on = [] {
    const char* s = std::getenv("NPT_CHECK");
    return s && *s && std::string(s) != "0";
  }();
  return on;
}

void check_kernel_output(const KernelSpec& k, const NodeRef& node, const Buffer& got,
                         const KnownFn& known) {
  Buffer want;
  try {
    want = reference_values({node}, known)[0];
  } catch (const ReferenceUnsupported&) {
    g_skipped.fetch_add(1);
    return;
  }
  g_checked.fetch_add(1);
  at::Tensor g = got.device() >= 0 ? got.to(-1).tensor() : got.tensor();
  at::Tensor w = want.device() >= 0 ? want.to(-1).tensor() : want.tensor();
  int64_t i = first_difference(g, w, k.has_reduction());
  if (i < 0) return;
  std::string ops;
  for (auto& op : k.fused_ops) ops += (ops.empty() ? "" : ", ") + op;
  throw CheckError("npt: NPT_CHECK: kernel '" + k.name + "' (" + ops + ") computed " + node->str() +
                   " differently from the reference executor: at " + index_str(node->shape, i) +
                   " the kernel gave " + element_str(g, i) + ", the reference " + element_str(w, i));
}

std::pair<int64_t, int64_t> check_stats() { return {g_checked.load(), g_skipped.load()}; }

void corrupt_next_kernel_for_test() { g_corrupt_next.store(true); }

void maybe_corrupt_for_test(Buffer& b) {
  if (!g_corrupt_next.exchange(false) || !b.numel()) return;
  at::Tensor t = b.device() >= 0 ? b.to(-1).tensor().clone() : b.tensor();
  at::Tensor first = t.reshape({-1}).narrow(0, 0, 1);
  if (t.scalar_type() == at::kUInt16) first = first.view(at::kShort);  // (ATen adds no unsigned)
  if (t.scalar_type() == at::kUInt32) first = first.view(at::kInt);
  if (t.scalar_type() == at::kUInt64) first = first.view(at::kLong);
  if (t.scalar_type() == at::kBool) first.logical_not_();
  else first.add_(1);
  if (b.device() >= 0) b = Buffer::from_tensor(t).to(b.device());
}

}  // namespace npt
