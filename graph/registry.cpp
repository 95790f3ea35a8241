// The op registry: one entry per primitive. Adding a primitive is one entry
// here plus, for a new ScalarOp, one line per backend in codegen/.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "graph/builder.h"
#include "graph/eager.h"
#include "graph/node.h"
#include "graph/random.h"

namespace npt {
namespace {

using Ins = std::vector<const Node*>;

Inferred same_as_input(const Ins& in, const Attrs&) {
  return {in[0]->dtype, in[0]->dtype, in[0]->shape};
}

Inferred infer_constant(const Ins&, const Attrs& a) { return {a.dtype, a.dtype, {}}; }
Inferred infer_input(const Ins&, const Attrs& a) { return {a.dtype, a.dtype, a.shape}; }
Inferred infer_iota(const Ins&, const Attrs& a) {
  NPT_ASSERT(a.ints.size() == 1 && a.ints[0] < (int64_t)a.shape.size(), "iota axis");
  return {DType::Int64, DType::Int64, a.shape};
}

Inferred infer_cast(const Ins& in, const Attrs& a) {
  return {a.dtype, a.dtype, in[0]->shape};
}

Inferred infer_broadcast(const Ins& in, const Attrs& a) {
  if (!broadcastable_to(in[0]->shape, a.shape))
    throw ValueError("operands could not be broadcast together with remapped shapes "
                     "[original->remapped]: " + shape_str(in[0]->shape) + "  and requested shape " +
                     shape_str(a.shape));
  return {in[0]->dtype, in[0]->dtype, a.shape};
}

Inferred infer_reshape(const Ins& in, const Attrs& a) {
  for (auto d : a.shape)
    if (d < 0) throw ValueError("negative dimensions not allowed");
  if (numel(a.shape) != in[0]->numel())
    throw ValueError("cannot reshape array of size " + std::to_string(in[0]->numel()) +
                     " into shape " + compact(a.shape));
  return {in[0]->dtype, in[0]->dtype, a.shape};
}

Inferred infer_permute(const Ins& in, const Attrs& a) {
  const Shape& s = in[0]->shape;
  std::vector<int64_t> seen(s.size(), 0);
  if (a.ints.size() != s.size()) throw ValueError("axes don't match array");
  Shape out;
  for (auto ax : a.ints) {
    int64_t n = normalize_axis(ax, s.size());
    if (seen[n]++) throw ValueError("repeated axis in transpose");
    out.push_back(s[n]);
  }
  return {in[0]->dtype, in[0]->dtype, out};
}

// slice: ints = [start_0, step_0, start_1, step_1, ...]; shape = output shape.
// Indices are already normalized by the caller (Python's slice.indices).
Inferred infer_slice(const Ins& in, const Attrs& a) {
  const Shape& s = in[0]->shape;
  NPT_ASSERT(a.ints.size() == 2 * s.size() && a.shape.size() == s.size(), "slice attrs");
  for (size_t d = 0; d < s.size(); ++d) {
    int64_t start = a.ints[2 * d], step = a.ints[2 * d + 1], n = a.shape[d];
    NPT_ASSERT(step != 0 && n >= 0, "slice step/size");
    if (n > 0) {
      int64_t last = start + (n - 1) * step;
      NPT_ASSERT(start >= 0 && start < s[d] && last >= 0 && last < s[d], "slice bounds");
    }
  }
  return {in[0]->dtype, in[0]->dtype, a.shape};
}

// unslice: attrs as slice's (start, step per dim), shape = the output
// (the sliced array's) shape.
Inferred infer_unslice(const Ins& in, const Attrs& a) {
  NPT_ASSERT(a.ints.size() == 2 * a.shape.size(), "unslice attrs");
  return {in[0]->dtype, in[0]->dtype, a.shape};
}

// update(base, value): a write, base with its region slice(base, attrs)
// replaced by value. attrs are slice's; value has the region's shape and
// base's dtype (the front end casts and broadcasts it first).
Inferred infer_update(const Ins& in, const Attrs& a) {
  infer_slice(Ins{in[0]}, a);
  NPT_ASSERT(in[1]->shape == a.shape && in[1]->dtype == in[0]->dtype, "update value");
  return {in[0]->dtype, in[0]->dtype, in[0]->shape};
}

// diagonal: ints = (offset, axis1, axis2), the axes distinct and normalized;
// the result has x's other dims, then the diagonal (NumPy's order).
int64_t diagonal_length(const Shape& s, const std::vector<int64_t>& ints) {
  int64_t off = ints[0], n1 = s[ints[1]], n2 = s[ints[2]];
  return std::max<int64_t>(0, off >= 0 ? std::min(n1, n2 - off) : std::min(n1 + off, n2));
}

Inferred infer_diagonal(const Ins& in, const Attrs& a) {
  const Shape& s = in[0]->shape;
  NPT_ASSERT(a.ints.size() == 3 && a.ints[1] != a.ints[2] && a.ints[1] >= 0 && a.ints[2] >= 0 &&
                 a.ints[1] < (int64_t)s.size() && a.ints[2] < (int64_t)s.size(), "diagonal attrs");
  Shape out;
  for (int64_t d = 0; d < (int64_t)s.size(); ++d)
    if (d != a.ints[1] && d != a.ints[2]) out.push_back(s[d]);
  out.push_back(diagonal_length(s, a.ints));
  return {in[0]->dtype, in[0]->dtype, out};
}

// concatenate(x_0, ..., x_n-1): ints = {axis}, normalized; NumPy's shape
// rules and errors; the dtype the inputs promote to (canonicalization casts).
Inferred infer_concatenate(const Ins& in, const Attrs& a) {
  NPT_ASSERT(!in.empty() && a.ints.size() == 1, "concatenate attrs");
  const Shape& s0 = in[0]->shape;
  if (s0.empty()) throw ValueError("zero-dimensional arrays cannot be concatenated");
  const int64_t axis = a.ints[0];
  NPT_ASSERT(axis >= 0 && axis < (int64_t)s0.size(), "concatenate axis");
  Shape out = s0;
  out[axis] = 0;
  for (size_t i = 0; i < in.size(); ++i) {
    const Shape& s = in[i]->shape;
    if (s.size() != s0.size())
      throw ValueError("all the input arrays must have same number of dimensions, but the array at index 0 has " +
                       std::to_string(s0.size()) + " dimension(s) and the array at index " + std::to_string(i) +
                       " has " + std::to_string(s.size()) + " dimension(s)");
    for (size_t d = 0; d < s.size(); ++d)
      if ((int64_t)d != axis && s[d] != s0[d])
        throw ValueError("all the input array dimensions except for the concatenation axis must match exactly, "
                         "but along dimension " + std::to_string(d) + ", the array at index 0 has size " +
                         std::to_string(s0[d]) + " and the array at index " + std::to_string(i) + " has size " +
                         std::to_string(s[d]));
    out[axis] += s[axis];
  }
  DType t = common_dtype(in.data(), in.size());
  return {t, t, out};
}

// Along one axis (ints = {axis}, normalized): argmax/argmin drop it (int64
// indices), sort/argsort and cumsum keep the shape; cumsum's dtype is the
// front end's (attrs.dtype: NumPy's accumulation dtype), its input cast to it.
Inferred infer_arg_extreme(const Ins& in, const Attrs& a, const char* name) {
  const Shape& s = in[0]->shape;
  NPT_ASSERT(a.ints.size() == 1 && a.ints[0] >= 0 && a.ints[0] < (int64_t)s.size(), "arg axis");
  if (s[a.ints[0]] == 0) throw ValueError(std::string("attempt to get ") + name + " of an empty sequence");
  Shape out;
  for (int64_t d = 0; d < (int64_t)s.size(); ++d)
    if (d != a.ints[0]) out.push_back(s[d]);
  return {DType::Int64, in[0]->dtype, out};
}
Inferred infer_along(const Ins& in, const Attrs& a, DType out, DType compute) {
  NPT_ASSERT(a.ints.size() == 1 && a.ints[0] >= 0 && a.ints[0] < (int64_t)in[0]->shape.size(), "axis");
  return {out, compute, in[0]->shape};
}
Inferred infer_sort(const Ins& in, const Attrs& a) { return infer_along(in, a, in[0]->dtype, in[0]->dtype); }
Inferred infer_argsort(const Ins& in, const Attrs& a) { return infer_along(in, a, DType::Int64, in[0]->dtype); }
Inferred infer_cumsum(const Ins& in, const Attrs& a) { return infer_along(in, a, a.dtype, a.dtype); }
// searchsorted(a, v): int64 insertion indices of v into the sorted 1-D a
// (ints = {right}), both compared in their common dtype
Inferred infer_searchsorted(const Ins& in, const Attrs& a) {
  NPT_ASSERT(in[0]->shape.size() == 1 && a.ints.size() == 1, "searchsorted");
  return {DType::Int64, common_dtype(in.data(), in.size()), in[1]->shape};
}

// gather(x, i_0, ..., i_k-1): NumPy's advanced indexing of x by int64 arrays
// (in bounds; negative ones count from the end) on dims attrs.ints,
// ascending. The index arrays broadcast together to B; the result has B
// where the indexed dims were when they are adjacent, else B first, then
// the dims not indexed (NumPy's rule).
Shape gather_shape(const Shape& x, const std::vector<int64_t>& dims, const Ins& idx) {
  NPT_ASSERT(!dims.empty() && dims.size() == idx.size(), "gather attrs");
  Shape b = idx[0]->shape;
  for (size_t i = 1; i < idx.size(); ++i) b = broadcast_shapes(b, idx[i]->shape);
  bool adjacent = true;
  for (size_t i = 0; i < dims.size(); ++i) {
    NPT_ASSERT(dims[i] >= 0 && dims[i] < static_cast<int64_t>(x.size()) && (i == 0 || dims[i] > dims[i - 1]),
               "gather dims");
    adjacent &= i == 0 || dims[i] == dims[i - 1] + 1;
  }
  Shape out;
  auto rest = [&](int64_t from, int64_t to) {
    for (int64_t d = from; d < to; ++d)
      if (std::find(dims.begin(), dims.end(), d) == dims.end()) out.push_back(x[d]);
  };
  if (adjacent) rest(0, dims[0]);
  out.insert(out.end(), b.begin(), b.end());
  rest(adjacent ? dims.back() + 1 : 0, static_cast<int64_t>(x.size()));
  return out;
}

Inferred infer_gather(const Ins& in, const Attrs& a) {
  for (size_t i = 1; i < in.size(); ++i) NPT_ASSERT(in[i]->dtype == DType::Int64, "gather index dtype");
  return {in[0]->dtype, in[0]->dtype, gather_shape(in[0]->shape, a.ints, Ins(in.begin() + 1, in.end()))};
}

// scatter(base, value, i_0, ...) and scatter_add: base with the positions
// gather would read overwritten by (added to) value, which has gather's
// shape and base's dtype (the front end casts and broadcasts it).
Inferred infer_scatter(const Ins& in, const Attrs& a) {
  for (size_t i = 2; i < in.size(); ++i) NPT_ASSERT(in[i]->dtype == DType::Int64, "scatter index dtype");
  NPT_ASSERT(in[1]->dtype == in[0]->dtype &&
                 in[1]->shape == gather_shape(in[0]->shape, a.ints, Ins(in.begin() + 2, in.end())),
             "scatter value");
  return {in[0]->dtype, in[0]->dtype, in[0]->shape};
}

// `lead`, then the index arrays of gather/scatter node y (its inputs from `first` on)
std::vector<NodeRef> with_indices(std::vector<NodeRef> lead, const std::shared_ptr<const Node>& y, size_t first) {
  lead.insert(lead.end(), y->inputs().begin() + first, y->inputs().end());
  return lead;
}

const char* reduce_name(const std::string& op) {
  if (op == "reduce_max") return "maximum";
  if (op == "reduce_min") return "minimum";
  return op.c_str();
}

// reductions: ints = sorted normalized axes; dtype = output dtype.
Inferred infer_reduce(const Ins& in, const Attrs& a, const char* opname, bool needs_identity) {
  const Shape& s = in[0]->shape;
  Shape out;
  for (size_t d = 0; d < s.size(); ++d) {
    bool reduced = std::find(a.ints.begin(), a.ints.end(), (int64_t)d) != a.ints.end();
    if (reduced && needs_identity && s[d] == 0)
      throw ValueError(std::string("zero-size array to reduction operation ") + opname +
                       " which has no identity");
    if (!reduced) out.push_back(s[d]);
  }
  if (needs_identity && (is_complex(a.dtype) || is_complex(in[0]->dtype)))
    throw NotImplementedError(std::string("npt: the ") + opname + " of complex arrays is not "
                              "supported yet");
  return {a.dtype, a.dtype, out};
}

// numpy.matmul's shape rule, batch dims broadcast.
Inferred infer_matmul(const Ins& in, const Attrs&) {
  Shape a = in[0]->shape, b = in[1]->shape;
  if (a.empty() || b.empty())
    throw ValueError("matmul: Input operand " + std::string(a.empty() ? "0" : "1") +
                     " does not have enough dimensions (has 0, gufunc core with signature "
                     "(n?,k),(k,m?)->(n?,m?) requires 1)");
  bool a1 = a.size() == 1, b1 = b.size() == 1;
  if (a1) a.insert(a.begin(), 1);
  if (b1) b.push_back(1);
  int64_t k = a.back(), k2 = b[b.size() - 2];
  if (k != k2)
    throw ValueError("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                     "signature (n?,k),(k,m?)->(n?,m?) (size " + std::to_string(k2) +
                     " is different from " + std::to_string(k) + ")");
  Shape ba(a.begin(), a.end() - 2), bb(b.begin(), b.end() - 2);
  Shape out = broadcast_shapes(ba, bb);
  if (!a1) out.push_back(a[a.size() - 2]);
  if (!b1) out.push_back(b.back());
  DType t = promote(in[0]->dtype, in[1]->dtype);
  return {t, t, out};
}

// ---- spectral and linear algebra: shapes (the front end has cast the
// inputs to complex, or to float32/float64/complex, as NumPy's modules do) --
DType complex_of(DType t) { return t == DType::Float32 || t == DType::Complex64 ? DType::Complex64 : DType::Complex128; }
Inferred infer_fft_c2c(const Ins& in, const Attrs&) { return {in[0]->dtype, in[0]->dtype, in[0]->shape}; }
Inferred infer_fft_r2c(const Ins& in, const Attrs& a) {  // ints: norm, axis
  Shape s = in[0]->shape;
  s[a.ints[1]] = s[a.ints[1]] / 2 + 1;
  return {complex_of(in[0]->dtype), in[0]->dtype, s};
}
Inferred infer_fft_c2r(const Ins& in, const Attrs& a) {  // ints: norm, axis, length
  Shape s = in[0]->shape;
  NPT_ASSERT(s[a.ints[1]] == a.ints[2] / 2 + 1, "fft_c2r: the half spectrum's length");
  s[a.ints[1]] = a.ints[2];
  return {real_of(in[0]->dtype), in[0]->dtype, s};
}
// (..., m, n) matrices: the batch dims and m, n
struct Mats {
  Shape batch;
  int64_t m, n;
};
Mats mats(const Node* x) {
  NPT_ASSERT(x->shape.size() >= 2, "linalg: a stack of matrices");
  return {Shape(x->shape.begin(), x->shape.end() - 2), x->shape[x->shape.size() - 2], x->shape.back()};
}
Shape with(Shape s, std::initializer_list<int64_t> tail) {
  s.insert(s.end(), tail);
  return s;
}
Inferred infer_same(const Ins& in, const Attrs&) { return {in[0]->dtype, in[0]->dtype, in[0]->shape}; }
Inferred infer_solve(const Ins& in, const Attrs&) {
  NPT_ASSERT(in[0]->shape.size() == in[1]->shape.size(), "solve: batches broadcast by the front end");
  return {in[0]->dtype, in[0]->dtype, in[1]->shape};
}
Inferred infer_det(const Ins& in, const Attrs&) { return {in[0]->dtype, in[0]->dtype, mats(in[0]).batch}; }
Inferred infer_slogdet(const Ins& in, const Attrs&) { return {in[0]->dtype, in[0]->dtype, with(mats(in[0]).batch, {2})}; }
Inferred infer_eigh(const Ins& in, const Attrs&) {
  Mats x = mats(in[0]);
  return {in[0]->dtype, in[0]->dtype, with(x.batch, {x.n * x.n + x.n})};
}
Inferred infer_eigvalsh(const Ins& in, const Attrs&) {
  Mats x = mats(in[0]);
  return {real_of(in[0]->dtype), in[0]->dtype, with(x.batch, {x.n})};
}
Inferred infer_svd(const Ins& in, const Attrs& a) {  // [U, S, Vh] (ints: full_matrices)
  Mats x = mats(in[0]);
  const int64_t k = std::min(x.m, x.n), ur = a.ints[0] ? x.m : k, vr = a.ints[0] ? x.n : k;
  return {in[0]->dtype, in[0]->dtype, with(x.batch, {x.m * ur + k + vr * x.n})};
}
Inferred infer_eig(const Ins& in, const Attrs&) {  // [V, w] of a general matrix: complex
  Mats x = mats(in[0]);
  return {complex_of(in[0]->dtype), in[0]->dtype, with(x.batch, {x.n * x.n + x.n})};
}
// random: the new state and the values' bytes, as uint64 words (graph/random.h)
Inferred infer_random(const Ins& in, const Attrs& a) {
  if (in.empty() || in[0]->dtype != DType::UInt64 || in[0]->shape != Shape{random_state_words(a.ints.at(0))})
    throw InternalError("random: input 0 must be the generator's state words");
  return {DType::UInt64, DType::UInt64, {random_result_words(a.ints[0], a.dtype, a.shape)}};
}
// bitcast: attrs.shape values of attrs.dtype read from the bytes of input 0
// (in C order), from byte ints[0] on: a draw's values after the state words,
// ndarray.view(dtype), getfield
Inferred infer_bitcast(const Ins& in, const Attrs& a) {
  const int64_t need = numel(a.shape) * dtype_itemsize(a.dtype);
  if (a.ints.at(0) < 0 || a.ints[0] + need > numel(in[0]->shape) * dtype_itemsize(in[0]->dtype))
    throw InternalError("bitcast: the input's bytes do not hold the values");
  return {a.dtype, in[0]->dtype, a.shape};
}
Inferred infer_svdvals(const Ins& in, const Attrs&) {
  Mats x = mats(in[0]);
  return {real_of(in[0]->dtype), in[0]->dtype, with(x.batch, {std::min(x.m, x.n)})};
}
Inferred infer_qr(const Ins& in, const Attrs& a) {  // [Q, R] (ints: complete)
  Mats x = mats(in[0]);
  const int64_t k = a.ints[0] ? x.m : std::min(x.m, x.n);
  return {in[0]->dtype, in[0]->dtype, with(x.batch, {x.m * k + k * x.n})};
}

Inferred infer_geqrf(const Ins& in, const Attrs&) {  // [LAPACK's A after geqrf, tau]
  Mats x = mats(in[0]);
  return {in[0]->dtype, in[0]->dtype, with(x.batch, {x.m * x.n + std::min(x.m, x.n)})};
}

// ---- view rules (movement ops): the result's index map from the input's ----
bool view_broadcast(const StridedView& v, const Node& m, StridedView& r) {
  const Shape& to = m.attrs.shape;  // new dims lead; size-1 dims repeat (stride 0)
  size_t off = to.size() - v.shape.size();
  r.shape = to;
  r.offset = v.offset;
  r.strides.assign(to.size(), 0);
  for (size_t i = 0; i < v.shape.size(); ++i) r.strides[i + off] = v.shape[i] == 1 ? 0 : v.strides[i];
  return true;
}
bool view_permute(const StridedView& v, const Node& m, StridedView& r) {
  r.offset = v.offset;
  for (auto ax : m.attrs.ints) {
    int64_t a = ax < 0 ? ax + static_cast<int64_t>(v.shape.size()) : ax;
    r.shape.push_back(v.shape[a]);
    r.strides.push_back(v.strides[a]);
  }
  return true;
}
bool view_slice(const StridedView& v, const Node& m, StridedView& r) {  // (start, step) per dim
  r = v;
  for (size_t d = 0; d < v.shape.size(); ++d) {
    r.offset += m.attrs.ints[2 * d] * v.strides[d];
    r.strides[d] = v.strides[d] * m.attrs.ints[2 * d + 1];
  }
  r.shape = m.attrs.shape;
  return true;
}
bool view_reshape(const StridedView& v, const Node& m, StridedView& r) {
  return reshape_strided(v, m.attrs.shape, r);
}
bool view_diagonal(const StridedView& v, const Node& m, StridedView& r) {
  int64_t off = m.attrs.ints[0], a1 = m.attrs.ints[1], a2 = m.attrs.ints[2];
  r.shape = m.shape;
  r.strides.clear();
  for (int64_t d = 0; d < (int64_t)v.shape.size(); ++d)
    if (d != a1 && d != a2) r.strides.push_back(v.strides[d]);
  r.strides.push_back(v.strides[a1] + v.strides[a2]);
  bool empty = m.shape.back() == 0;  // (no element read: the offset stays in bounds)
  r.offset = v.offset + (empty ? 0 : off >= 0 ? off * v.strides[a2] : -off * v.strides[a1]);
  return true;
}
bool view_iota(const StridedView&, const Node& m, StridedView& r) {  // (a source: no input)
  r.shape = m.shape;
  r.strides.assign(m.shape.size(), 0);
  r.strides[m.attrs.ints[0]] = 1;
  r.offset = 0;
  return true;
}
bool view_same(const StridedView& v, const Node&, StridedView& r) {
  r = v;
  return true;
}

// Write-back rules: a write into a view becomes a new value of its input.
NodeRef back_slice(const NodeRef& in, const Node& v, const NodeRef& nv) {  // the region updated
  return make_node("update", v.attrs, {in, nv});
}
NodeRef back_reshape(const NodeRef& in, const Node&, const NodeRef& nv) { return build::reshape(nv, in->shape); }
std::vector<int64_t> inverse_permutation(const std::vector<int64_t>& axes) {
  std::vector<int64_t> inv(axes.size());
  for (size_t i = 0; i < inv.size(); ++i) {
    int64_t a = axes[i];
    inv[a < 0 ? a + inv.size() : a] = static_cast<int64_t>(i);
  }
  return inv;
}
NodeRef back_permute(const NodeRef&, const Node& v, const NodeRef& nv) {
  return build::permute(nv, inverse_permutation(v.attrs.ints));
}
NodeRef back_real(const NodeRef& in, const Node&, const NodeRef& nv) {  // the imaginary part kept
  return build::binary("complex", nv, build::unary("imag", in));
}
NodeRef back_imag(const NodeRef& in, const Node&, const NodeRef& nv) {
  return build::binary("complex", build::unary("real", in), nv);
}

// An elementwise primitive with a VJP, or with an explicit marker instead.
OpDef elementwise(const std::string& name, int arity, ScalarOp s, DTypeRule r, VjpFn vjp) {
  return OpDef{name, OpKind::Elementwise, arity, s, r, nullptr, Grad::Rule, std::move(vjp)};
}
OpDef elementwise(const std::string& name, int arity, ScalarOp s, DTypeRule r, Grad marker) {
  return OpDef{name, OpKind::Elementwise, arity, s, r, nullptr, marker, nullptr};
}

using namespace build;
using Cts = std::vector<NodeRef>;
#define VJP [](const NodeRef& g, const NodeRef& y) -> Cts
#define X(i) (y->inputs()[i])

// Complex cotangents follow PyTorch's convention: the gradient of a real
// loss L of z = x + iy is dL/dx + i dL/dy, so `z - lr * grad` descends. A
// holomorphic f's VJP is then g * conj(f'(z)); cj() is that conjugate (a
// no-op on real dtypes, where nothing is recorded).
NodeRef cj(const NodeRef& x) { return is_complex(x->dtype) ? unary("conjugate", x) : x; }

// VJP helpers for stacks of matrices (the last two dims)
NodeRef mT(const NodeRef& x) {
  std::vector<int64_t> p;
  for (int64_t d = 0; d < (int64_t)x->shape.size(); ++d) p.push_back(d);
  std::swap(p[p.size() - 1], p[p.size() - 2]);
  return build::permute(x, p);
}
NodeRef mH(const NodeRef& x) { return cj(mT(x)); }
NodeRef mm(const NodeRef& a, const NodeRef& b) { return build::binary("matmul", a, b); }
NodeRef minv(const NodeRef& a) { return make_node("inv", Attrs{}, {a}); }
NodeRef batch_scalar(const NodeRef& c) {  // (...) -> (..., 1, 1)
  Shape s = c->shape;
  s.push_back(1);
  s.push_back(1);
  return build::reshape(c, s);
}
// The (n, n) mask col + k `cmp` row (equal: the diagonal; less_equal: the
// lower triangle; less: below the diagonal)
NodeRef tri_mask(int64_t n, const char* cmp, double k) {
  Attrs r, c;
  r.shape = c.shape = {n, n};
  r.ints = {0};
  c.ints = {1};
  return build::binary(cmp, build::add(make_node("iota", c, {}), build::scalar(k)), make_node("iota", r, {}));
}
// A packed result's part: elements [at, at+len) of the last axis, reshaped to tail.
NodeRef part(const NodeRef& p, int64_t at, int64_t len, const Shape& tail) {
  Attrs sa;
  sa.shape = p->shape;
  sa.shape.back() = len;
  for (size_t d = 0; d + 1 < p->shape.size(); ++d) {
    sa.ints.push_back(0);
    sa.ints.push_back(1);
  }
  sa.ints.push_back(at);
  sa.ints.push_back(1);
  Shape s(p->shape.begin(), p->shape.end() - 1);
  s.insert(s.end(), tail.begin(), tail.end());
  return build::reshape(make_node("slice", sa, {p}), s);
}
NodeRef diag_embed(const NodeRef& v) {  // (..., n) -> (..., n, n)
  const int64_t n = v->shape.back();
  Shape s = v->shape;
  s.insert(s.end() - 1, 1);
  return build::where(tri_mask(n, "equal", 0), build::reshape(v, s), build::scalar(0));
}
// eigh's packed [V, w]: V and w (w's real part for complex input)
std::pair<NodeRef, NodeRef> eigh_parts(const NodeRef& p, int64_t n) {
  NodeRef w = part(p, n * n, n, {n});
  return {part(p, 0, n * n, {n, n}), is_complex(w->dtype) ? build::unary("real", w) : w};
}

NodeRef imag_unit() {
  Scalar i;
  i.kind = 3;
  i.im = 1;
  return make_constant(i, DType::Complex128, true);
}

// Cotangents of a two-way choice (maximum, fmin, ...): g to the first
// operand where `first` holds, to the second elsewhere.
Cts to_chosen(const NodeRef& first, const NodeRef& g) {
  return {where(first, g, scalar(0)), where(first, scalar(0), g)};
}

// b - 1 for a power's exponent, keeping a weak Python scalar weak.
NodeRef minus_one(const NodeRef& b) {
  if (b->weak) {
    Scalar v = b->attrs.scalar;
    if (v.kind == 1) {
      int64_t x = (v.negative ? -(int64_t)v.mag : (int64_t)v.mag) - 1;
      v.negative = x < 0;
      v.mag = x < 0 ? -x : x;
    }
    v.re -= 1;
    return make_constant(v, b->dtype, true);
  }
  return sub(b, scalar(1));
}

const char* kNoBoolNeg =
    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or "
    "the logical_not function instead.";
const char* kNoBoolSub =
    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
    "operator, or the logical_xor function instead.";

std::vector<OpDef> build_table() {
  using R = DTypeRule;
  auto rule = [](uint16_t loops, R::Out out = R::Same) {
    R r;
    r.loops = loops;
    r.out = out;
    return r;
  };
  const uint16_t kNoBool = kAllLoops & ~kBoolLoop, kReal = kAllLoops & ~kComplexLoops;
  const uint16_t kInexact = kFloatLoops | kComplexLoops, kBits = kBoolLoop | kIntLoops;
  R r_same = rule(kAllLoops);
  R r_fl = rule(kInexact);          // float loops (sin of int8 is float16)
  R r_real_fl = rule(kFloatLoops);  // float loops without complex ones (arctan2)
  R r_cmp = rule(kAllLoops, R::Bool);
  R r_pred = r_cmp;
  R r_logical = r_cmp;
  r_logical.as_bool = true;
  R r_int8b = rule(kNoBool);  // bool computes as int8 (square, power)
  R r_nocx = rule(kReal & ~kBoolLoop);
  R r_real = rule(kReal);      // fmax, fmin, floor, ...
  R r_ints = rule(kIntLoops);  // shifts
  R r_gcd = r_ints;
  r_gcd.uniform = true;
  R r_bits = rule(kBits);      // bitwise and/or/xor, invert
  R r_neg = r_same;
  r_neg.bool_error = kNoBoolNeg;
  R r_sub = r_same;
  r_sub.bool_error = kNoBoolSub;
  R r_sgn = rule(kNoBool);
  r_sgn.uniform = true;
  R r_abs = rule(kAllLoops, R::Real);
  R r_tdiv = rule(kInexact);
  r_tdiv.ints_to_f64 = true;
  R r_select = r_same;
  r_select.bool_inputs = 1;  // where(condition, x, y)
  R r_signbit = rule(kFloatLoops, R::Bool);
  R r_popcount = rule(kIntLoops, R::UInt8);
  R r_frexp_exp = rule(kFloatLoops, R::Int32);
  R r_f32_f64 = rule(loop_bit(DType::Float32) | loop_bit(DType::Float64));
  auto special = [](OpDef d) {
    d.module = "special";
    return d;
  };
  R r_parts = rule(kComplexLoops, R::Real);
  R r_make_complex = rule(loop_bit(DType::Float32) | loop_bit(DType::Float64), R::Complex);
  R r_ldexp = r_real_fl;
  r_ldexp.int_inputs = 2;  // ldexp(x, exponent)

  std::vector<OpDef> t;
  auto put = [&](OpDef d) { t.push_back(std::move(d)); };
  auto src = [&](const std::string& n, decltype(OpDef::infer) f) {
    put(OpDef{n, OpKind::Source, 0, ScalarOp::None, {}, f, Grad::NotDifferentiable, nullptr});
  };
  auto mov = [&](const std::string& n, decltype(OpDef::infer) f, decltype(OpDef::view) view, VjpFn vjp) {
    OpDef d{n, OpKind::Movement, 1, ScalarOp::None, {}, f, Grad::Rule, std::move(vjp)};
    d.view = view;
    put(std::move(d));
  };
  auto red = [&](const std::string& n, ScalarOp combine, bool needs_identity, bool widens, VjpFn vjp) {
    std::string nm = n;
    put(OpDef{n, OpKind::Reduction, 1, combine, {},
              [nm, needs_identity](const Ins& in, const Attrs& a) {
                return infer_reduce(in, a, reduce_name(nm), needs_identity);
              },
              Grad::Rule, std::move(vjp), widens});
  };
  auto opaque = [&](const std::string& n, int arity, decltype(OpDef::infer) f, VjpFn vjp) {
    put(OpDef{n, OpKind::Opaque, arity, ScalarOp::None, {}, f, Grad::Rule, std::move(vjp)});
  };

  // sources
  src("input", infer_input);
  src("constant", infer_constant);
  src("iota", infer_iota);
  t.back().view = view_iota;  // its values are an index map: fusion reads them as indices
  src("param", infer_input);  // a traced function's argument: shape and dtype, no value
  // elementwise: name, arity, scalar op, dtype rule, VJP (or gradient marker)
  put(OpDef{"cast", OpKind::Elementwise, 1, ScalarOp::Cast, {}, infer_cast, Grad::Rule,
            VJP { return {g}; }});
  put(elementwise("negative", 1, ScalarOp::Neg, r_neg, VJP { return {neg(g)}; }));
  put(elementwise("absolute", 1, ScalarOp::Abs, r_abs, VJP { return {mul(g, unary("sign", X(0)))}; }));
  put(elementwise("sign", 1, ScalarOp::Sign, r_sgn, VJP {
    // piecewise constant on reals; for complex z, s = z/|z| moves with the
    // angle: (g - Re(g conj(s)) s) / |z| (0 at z = 0)
    if (!is_complex(X(0)->dtype)) return {nullptr};
    NodeRef r = unary("absolute", X(0));
    NodeRef d = div(sub(g, mul(unary("real", mul(g, cj(y))), y)), r);
    return {where(binary("equal", r, scalar(0)), scalar(0), d)};
  }));
  put(elementwise("exp", 1, ScalarOp::Exp, r_fl, VJP { return {mul(g, cj(y))}; }));
  put(elementwise("expm1", 1, ScalarOp::Expm1, r_fl, VJP { return {mul(g, cj(add(y, scalar(1))))}; }));
  put(elementwise("log", 1, ScalarOp::Log, r_fl, VJP { return {div(g, cj(X(0)))}; }));
  put(elementwise("log1p", 1, ScalarOp::Log1p, r_fl, VJP { return {div(g, cj(add(X(0), scalar(1))))}; }));
  put(elementwise("log2", 1, ScalarOp::Log2, r_fl, VJP { return {div(g, cj(mul(X(0), scalar(M_LN2))))}; }));
  put(elementwise("log10", 1, ScalarOp::Log10, r_fl, VJP { return {div(g, cj(mul(X(0), scalar(M_LN10))))}; }));
  put(elementwise("sqrt", 1, ScalarOp::Sqrt, r_fl, VJP { return {div(g, cj(mul(y, scalar(2))))}; }));
  put(elementwise("sin", 1, ScalarOp::Sin, r_fl, VJP { return {mul(g, cj(unary("cos", X(0))))}; }));
  put(elementwise("cos", 1, ScalarOp::Cos, r_fl, VJP { return {neg(mul(g, cj(unary("sin", X(0)))))}; }));
  put(elementwise("tan", 1, ScalarOp::Tan, r_fl, VJP { return {mul(g, cj(add(mul(y, y), scalar(1))))}; }));
  put(elementwise("arcsin", 1, ScalarOp::Asin, r_fl, VJP { return {div(g, cj(unary("sqrt", sub(scalar(1), mul(X(0), X(0))))))}; }));
  put(elementwise("arccos", 1, ScalarOp::Acos, r_fl, VJP { return {neg(div(g, cj(unary("sqrt", sub(scalar(1), mul(X(0), X(0)))))))}; }));
  put(elementwise("arctan", 1, ScalarOp::Atan, r_fl, VJP { return {div(g, cj(add(mul(X(0), X(0)), scalar(1))))}; }));
  put(elementwise("tanh", 1, ScalarOp::Tanh, r_fl, VJP { return {mul(g, cj(sub(scalar(1), mul(y, y))))}; }));
  put(elementwise("sinh", 1, ScalarOp::Sinh, r_fl, VJP { return {mul(g, cj(unary("cosh", X(0))))}; }));
  put(elementwise("cosh", 1, ScalarOp::Cosh, r_fl, VJP { return {mul(g, cj(unary("sinh", X(0))))}; }));
  put(elementwise("arccosh", 1, ScalarOp::Acosh, r_fl, VJP { return {div(g, cj(unary("sqrt", sub(mul(X(0), X(0)), scalar(1)))))}; }));
  put(elementwise("arcsinh", 1, ScalarOp::Asinh, r_fl, VJP { return {div(g, cj(unary("sqrt", add(mul(X(0), X(0)), scalar(1)))))}; }));
  put(elementwise("arctanh", 1, ScalarOp::Atanh, r_fl, VJP { return {div(g, cj(sub(scalar(1), mul(X(0), X(0)))))}; }));
  put(elementwise("floor", 1, ScalarOp::Floor, r_real, Grad::Zero));
  put(elementwise("ceil", 1, ScalarOp::Ceil, r_real, Grad::Zero));
  put(elementwise("trunc", 1, ScalarOp::Trunc, r_real, Grad::Zero));
  put(elementwise("rint", 1, ScalarOp::Rint, r_fl, Grad::Zero));
  put(elementwise("cbrt", 1, ScalarOp::Cbrt, r_real_fl, VJP { return {div(g, mul(mul(y, y), scalar(3)))}; }));
  put(elementwise("exp2", 1, ScalarOp::Exp2, r_fl, VJP { return {mul(g, cj(mul(y, scalar(M_LN2))))}; }));
  put(elementwise("signbit", 1, ScalarOp::SignBit, r_signbit, Grad::NotDifferentiable));
  put(elementwise("bitwise_count", 1, ScalarOp::PopCount, r_popcount, Grad::NotDifferentiable));
  put(elementwise("invert", 1, ScalarOp::Not, r_bits, Grad::NotDifferentiable));
  // frexp's two results: mantissa in [0.5, 1) and the int32 exponent
  put(elementwise("frexp_mantissa", 1, ScalarOp::FrexpMant, r_real_fl, VJP {
    return {binary("ldexp", g, unary("negative", unary("frexp_exponent", X(0))))};
  }));
  put(elementwise("frexp_exponent", 1, ScalarOp::FrexpExp, r_frexp_exp, Grad::NotDifferentiable));
  // scipy.special's (npt.special): float32/float64 loops, as SciPy's
  put(special(elementwise("erf", 1, ScalarOp::Erf, r_f32_f64, VJP { return {mul(g, mul(unary("exp", neg(mul(X(0), X(0)))), scalar(M_2_SQRTPI)))}; })));
  put(special(elementwise("erfc", 1, ScalarOp::Erfc, r_f32_f64, VJP { return {mul(g, mul(unary("exp", neg(mul(X(0), X(0)))), scalar(-M_2_SQRTPI)))}; })));
  put(special(elementwise("erfinv", 1, ScalarOp::ErfInv, r_f32_f64, VJP { return {mul(g, mul(unary("exp", mul(y, y)), scalar(1 / M_2_SQRTPI)))}; })));
  put(elementwise("logical_not", 1, ScalarOp::Not, r_logical, Grad::NotDifferentiable));
  put(elementwise("isnan", 1, ScalarOp::IsNan, r_pred, Grad::NotDifferentiable));
  put(elementwise("isinf", 1, ScalarOp::IsInf, r_pred, Grad::NotDifferentiable));
  put(elementwise("isfinite", 1, ScalarOp::IsFinite, r_pred, Grad::NotDifferentiable));
  // complex parts (NumPy's conjugate ufunc; real and imag are what np.real,
  // np.imag and the .real/.imag attributes record for complex arrays)
  put(elementwise("conjugate", 1, ScalarOp::Conj, rule(kNoBool), VJP { return {cj(g)}; }));
  put(elementwise("real", 1, ScalarOp::Real, r_parts, VJP { return {g}; }));
  t.back().write_back = back_real;  // z.real is a view
  put(elementwise("imag", 1, ScalarOp::Imag, r_parts, VJP { return {mul(g, imag_unit())}; }));
  t.back().write_back = back_imag;
  // complex(re, im): the value with these parts (npt's own; NumPy writes re + 1j * im)
  put(elementwise("complex", 2, ScalarOp::MakeComplex, r_make_complex,
                  VJP { return {unary("real", g), unary("imag", g)}; }));
  put(elementwise("add", 2, ScalarOp::Add, r_same, VJP { return {g, g}; }));
  put(elementwise("subtract", 2, ScalarOp::Sub, r_sub, VJP { return {g, neg(g)}; }));
  put(elementwise("multiply", 2, ScalarOp::Mul, r_same, VJP { return {mul(g, cj(X(1))), mul(g, cj(X(0)))}; }));
  put(elementwise("divide", 2, ScalarOp::Div, r_tdiv, VJP { return {div(g, cj(X(1))), neg(div(mul(g, cj(y)), cj(X(1))))}; }));
  put(elementwise("floor_divide", 2, ScalarOp::FloorDiv, r_nocx, Grad::Zero));
  put(elementwise("remainder", 2, ScalarOp::Mod, r_nocx, VJP { return {g, neg(mul(g, binary("floor_divide", X(0), X(1))))}; }));
  put(elementwise("power", 2, ScalarOp::Pow, r_int8b, VJP {
    const NodeRef &a = X(0), &b = X(1);
    NodeRef da = mul(g, cj(mul(b, binary("power", a, minus_one(b)))));
    // d/db a**b = a**b log a, taken as 0 where a == 0 (as JAX and torch do)
    NodeRef loga = where(binary("equal", a, scalar(0)), scalar(0), unary("log", a));
    return {da, mul(g, cj(mul(y, loga)))};
  }));
  put(elementwise("maximum", 2, ScalarOp::Max, r_same, VJP {
    NodeRef first = binary("less_equal", X(1), X(0));  // ties go to the first operand
    return to_chosen(first, g);
  }));
  put(elementwise("minimum", 2, ScalarOp::Min, r_same, VJP {
    NodeRef first = binary("less_equal", X(0), X(1));
    return to_chosen(first, g);
  }));
  put(elementwise("equal", 2, ScalarOp::Eq, r_cmp, Grad::NotDifferentiable));
  put(elementwise("not_equal", 2, ScalarOp::Ne, r_cmp, Grad::NotDifferentiable));
  put(elementwise("less", 2, ScalarOp::Lt, r_cmp, Grad::NotDifferentiable));
  put(elementwise("less_equal", 2, ScalarOp::Le, r_cmp, Grad::NotDifferentiable));
  put(elementwise("logical_and", 2, ScalarOp::And, r_logical, Grad::NotDifferentiable));
  put(elementwise("logical_or", 2, ScalarOp::Or, r_logical, Grad::NotDifferentiable));
  put(elementwise("bitwise_and", 2, ScalarOp::And, r_bits, Grad::NotDifferentiable));
  put(elementwise("bitwise_or", 2, ScalarOp::Or, r_bits, Grad::NotDifferentiable));
  put(elementwise("bitwise_xor", 2, ScalarOp::Xor, r_bits, Grad::NotDifferentiable));
  put(elementwise("left_shift", 2, ScalarOp::Shl, r_ints, Grad::NotDifferentiable));
  put(elementwise("right_shift", 2, ScalarOp::Shr, r_ints, Grad::NotDifferentiable));
  put(elementwise("gcd", 2, ScalarOp::Gcd, r_gcd, Grad::NotDifferentiable));
  put(elementwise("lcm", 2, ScalarOp::Lcm, r_gcd, Grad::NotDifferentiable));
  put(elementwise("arctan2", 2, ScalarOp::Atan2, r_real_fl, VJP {
    NodeRef r2 = add(mul(X(0), X(0)), mul(X(1), X(1)));
    return {div(mul(g, X(1)), r2), neg(div(mul(g, X(0)), r2))};
  }));
  put(elementwise("hypot", 2, ScalarOp::Hypot, r_real_fl, VJP {
    return {div(mul(g, X(0)), y), div(mul(g, X(1)), y)};
  }));
  put(elementwise("copysign", 2, ScalarOp::CopySign, r_real_fl, VJP {
    // +g where the result keeps x's sign, -g where it flips it
    return {mul(g, mul(binary("copysign", scalar(1), X(0)), binary("copysign", scalar(1), X(1)))), nullptr};
  }));
  put(elementwise("nextafter", 2, ScalarOp::NextAfter, r_real_fl, VJP { return {g, nullptr}; }));
  put(elementwise("fmod", 2, ScalarOp::FMod, r_nocx, VJP {
    return {g, neg(mul(g, unary("trunc", div(X(0), X(1)))))};
  }));
  put(elementwise("ldexp", 2, ScalarOp::LdExp, r_ldexp, VJP { return {binary("ldexp", g, X(1)), nullptr}; }));
  put(elementwise("fmax", 2, ScalarOp::FMax, r_same, VJP {
    // fmax(x, y) is x where x >= y or y is NaN
    NodeRef first = binary("logical_or", binary("less_equal", X(1), X(0)), unary("isnan", X(1)));
    return to_chosen(first, g);
  }));
  put(elementwise("fmin", 2, ScalarOp::FMin, r_same, VJP {
    NodeRef first = binary("logical_or", binary("less_equal", X(0), X(1)), unary("isnan", X(1)));
    return to_chosen(first, g);
  }));
  put(elementwise("where", 3, ScalarOp::Select, r_select, VJP { return {nullptr, where(X(0), g, scalar(0)), where(X(0), scalar(0), g)}; }));
  // reductions: combine op; whether an empty reduction is an error; whether
  // small ints widen by default; VJP
  red("reduce_sum", ScalarOp::Add, false, true, VJP {
    return {unreduce(g, X(0)->shape, y->attrs.ints)};
  });
  red("reduce_prod", ScalarOp::Mul, false, true, VJP {
    return {div(mul(unreduce(g, X(0)->shape, y->attrs.ints), cj(unreduce(y, X(0)->shape, y->attrs.ints))), cj(X(0)))};
  });
  // max/min: the cotangent is shared equally by the elements that attain it
  auto extremum_vjp = VJP {
    const auto& axes = y->attrs.ints;
    NodeRef hit = cast(binary("equal", X(0), unreduce(y, X(0)->shape, axes)), y->dtype);
    NodeRef count = unreduce(reduce("reduce_sum", hit, axes, y->dtype), X(0)->shape, axes);
    return {div(mul(unreduce(g, X(0)->shape, axes), hit), count)};
  };
  red("reduce_max", ScalarOp::Max, true, false, extremum_vjp);
  red("reduce_min", ScalarOp::Min, true, false, extremum_vjp);
  // movement (views; folded into index maps by fusion)
  mov("broadcast_to", infer_broadcast, view_broadcast, VJP { return {sum_to_shape(g, X(0)->shape)}; });
  mov("reshape", infer_reshape, view_reshape, VJP { return {reshape(g, X(0)->shape)}; });
  t.back().write_back = back_reshape;
  mov("permute", infer_permute, view_permute, VJP { return {permute(g, inverse_permutation(y->attrs.ints))}; });
  t.back().write_back = back_permute;
  mov("slice", infer_slice, view_slice, VJP {
    Attrs a = y->attrs;
    a.shape = X(0)->shape;
    return {make_node("unslice", a, {g})};
  });
  t.back().write_back = back_slice;
  // diagonal: a read-only view (no write-back, as NumPy's); its cotangent is
  // added into zeros at the diagonal's positions
  mov("diagonal", infer_diagonal, view_diagonal, VJP {
    int64_t off = y->attrs.ints[0], a1 = y->attrs.ints[1], a2 = y->attrs.ints[2];
    const Shape& xs = X(0)->shape;
    int64_t k = y->shape.back(), lo = std::min(a1, a2), hi = std::max(a1, a2);
    Attrs ia;
    ia.shape = {k};
    ia.ints = {0};
    NodeRef i = make_node("iota", ia, {});
    auto shifted = [&](int64_t by) {
      Scalar c;
      c.kind = 1;
      c.mag = static_cast<uint64_t>(by);
      c.re = static_cast<double>(by);
      return by ? add(i, constant_as(c, DType::Int64)) : i;
    };
    NodeRef i1 = shifted(off < 0 ? -off : 0), i2 = shifted(off > 0 ? off : 0);
    // g's diagonal dim (last) moved to where gather puts it: at lo when the
    // two axes are adjacent, else first
    int64_t at = hi == lo + 1 ? lo : 0, n = static_cast<int64_t>(y->shape.size());
    std::vector<int64_t> perm;
    for (int64_t d = 0; d < n - 1; ++d) {
      if (d == at) perm.push_back(n - 1);
      perm.push_back(d);
    }
    if (at == n - 1) perm.push_back(n - 1);
    Attrs sa;
    sa.ints = {lo, hi};
    NodeRef gp = permute(g, perm);
    return {make_node("scatter_add", sa, {zeros(g->dtype, xs), gp, a1 < a2 ? i1 : i2, a1 < a2 ? i2 : i1})};
  });
  // tag: identity with a unique id, so a differentiated argument is a node of
  // its own even when the same array is also used as a constant.
  mov("tag", same_as_input, view_same, VJP { return {g}; });
  // opaque (ATen kernels; fusion barriers)
  opaque("matmul", 2, infer_matmul, VJP {
    // as 2-D (or batched) products: dA = g B^T, dB = A^T g, then undo the
    // 1-D promotions and sum over broadcast batch dims
    NodeRef a = X(0), b = X(1);
    NodeRef a2 = a->shape.size() == 1 ? reshape(a, {1, a->shape[0]}) : a;
    NodeRef b2 = b->shape.size() == 1 ? reshape(b, {b->shape[0], 1}) : b;
    Shape gs = y->shape;
    if (a->shape.size() == 1) gs.insert(gs.end() - (b->shape.size() == 1 ? 0 : 1), 1);
    if (b->shape.size() == 1) gs.push_back(1);
    NodeRef g2 = reshape(g, gs);
    auto swap = [](const NodeRef& x) {
      std::vector<int64_t> p(x->shape.size());
      for (size_t i = 0; i < p.size(); ++i) p[i] = static_cast<int64_t>(i);
      std::swap(p[p.size() - 1], p[p.size() - 2]);
      return permute(x, p);
    };
    NodeRef da = sum_to_shape(binary("matmul", g2, cj(swap(b2))), a2->shape);
    NodeRef db = sum_to_shape(binary("matmul", cj(swap(a2)), g2), b2->shape);
    return {reshape(da, a->shape), reshape(db, b->shape)};
  });
  // unslice: the slice's cotangent placed into zeros of the input's shape
  opaque("unslice", 1, infer_unslice, VJP {
    Attrs a = y->attrs;
    a.shape = X(0)->shape;
    return {make_node("slice", a, {g})};
  });
  // update: the overwritten region gets no cotangent; the value gets the region's
  opaque("update", 2, infer_update, VJP {
    return {make_node("update", y->attrs, {g, zeros(g->dtype, y->attrs.shape)}),
            make_node("slice", y->attrs, {g})};
  });
  // concatenate: each input's cotangent is its slab of g
  opaque("concatenate", -1, infer_concatenate, VJP {
    const int64_t axis = y->attrs.ints[0];
    std::vector<NodeRef> r;
    int64_t at = 0;
    for (auto& x : y->inputs()) {
      Attrs sa;
      sa.shape = g->shape;
      sa.shape[axis] = x->shape[axis];
      for (size_t d = 0; d < g->shape.size(); ++d) {
        sa.ints.push_back((int64_t)d == axis ? at : 0);
        sa.ints.push_back(1);
      }
      at += x->shape[axis];
      r.push_back(make_node("slice", sa, {g}));
    }
    return r;
  });
  // argmax/argmin and argsort: indices, no gradient
  auto indices_of = [&](const std::string& n, decltype(OpDef::infer) f) {
    put(OpDef{n, OpKind::Opaque, 1, ScalarOp::None, {}, f, Grad::NotDifferentiable, nullptr});
  };
  indices_of("argmax", [](const Ins& in, const Attrs& a) { return infer_arg_extreme(in, a, "argmax"); });
  indices_of("argmin", [](const Ins& in, const Attrs& a) { return infer_arg_extreme(in, a, "argmin"); });
  indices_of("argsort", infer_argsort);
  put(OpDef{"searchsorted", OpKind::Opaque, 2, ScalarOp::None, {}, infer_searchsorted, Grad::NotDifferentiable,
            nullptr});
  // sort: a permutation along the axis; each element's cotangent goes back to
  // where it came from (the argsort of x, and iota for the other dims)
  opaque("sort", 1, infer_sort, VJP {
    const NodeRef& x = X(0);
    const int64_t axis = y->attrs.ints[0];
    Attrs sa;
    sa.ints = {axis};
    std::vector<NodeRef> ins = {zeros(g->dtype, x->shape), g};
    for (int64_t d = 0; d < (int64_t)x->shape.size(); ++d) {
      if (d == axis) {
        ins.push_back(make_node("argsort", sa, {x}));
        continue;
      }
      Attrs ia;
      ia.shape = x->shape;
      ia.ints = {d};
      ins.push_back(make_node("iota", ia, {}));
    }
    Attrs all;
    for (int64_t d = 0; d < (int64_t)x->shape.size(); ++d) all.ints.push_back(d);
    return {make_node("scatter_add", all, ins)};
  });
  // cumsum: the cotangent summed from the end (a cumsum of g reversed, reversed)
  opaque("cumsum", 1, infer_cumsum, VJP {
    const int64_t axis = y->attrs.ints[0];
    const int64_t n = g->shape[axis];
    Attrs rev;
    rev.shape = g->shape;
    for (int64_t d = 0; d < (int64_t)g->shape.size(); ++d) {
      rev.ints.push_back(d == axis ? n - 1 : 0);
      rev.ints.push_back(d == axis ? -1 : 1);
    }
    if (n == 0) return {g};
    Attrs c = y->attrs;
    c.dtype = g->dtype;
    return {make_node("slice", rev, {make_node("cumsum", c, {make_node("slice", rev, {g})})})};
  });
  // cumprod: with no zero before j, dy_k/dx_j = y_k / x_j, so the cotangent
  // is the reversed cumsum of g*y over x. From x's first zero z on, y is 0:
  // x_z's cotangent is that sum for the products with x_z taken as 1 (y1),
  // and every later x gets none.
  opaque("cumprod", 1, infer_cumsum, VJP {
    using namespace build;
    const NodeRef& x = X(0);
    const int64_t axis = y->attrs.ints[0];
    const int64_t n = g->shape[axis];
    if (n == 0) return {g};
    Attrs rev;
    rev.shape = g->shape;
    for (int64_t d = 0; d < (int64_t)g->shape.size(); ++d) {
      rev.ints.push_back(d == axis ? n - 1 : 0);
      rev.ints.push_back(d == axis ? -1 : 1);
    }
    auto scan = [&](const char* op, const NodeRef& v, DType t) {
      Attrs c = y->attrs;
      c.dtype = t;
      return make_node(op, c, {v});
    };
    auto rcumsum = [&](const NodeRef& v) {
      return make_node("slice", rev, {scan("cumsum", make_node("slice", rev, {v}), v->dtype)});
    };
    NodeRef zero = binary("equal", x, scalar(0));
    NodeRef zeros_so_far = scan("cumsum", cast(zero, DType::Int64), DType::Int64);
    NodeRef before = binary("equal", zeros_so_far, scalar(0));
    NodeRef first = binary("logical_and", zero, binary("equal", zeros_so_far, scalar(1)));
    NodeRef y1 = scan("cumprod", where(first, scalar(1), x), y->dtype);
    NodeRef gb = div(rcumsum(mul(g, cj(y))), cj(where(before, x, scalar(1))));
    NodeRef gz = rcumsum(mul(g, cj(y1)));
    return {where(before, gb, where(first, gz, scalar(0)))};
  });
  // FFTs (norm: 0 backward, 1 ortho, 2 forward). A scaled DFT's adjoint is
  // the inverse transform with the same scale: the other direction with
  // "backward" and "forward" swapped.
  opaque("fft_c2c", 1, infer_fft_c2c, VJP {
    Attrs a = y->attrs;
    a.ints[0] = 1 - a.ints[0];
    a.ints[1] = 2 - a.ints[1];
    return {make_node("fft_c2c", a, {g})};
  });
  // rfft keeps the first n/2+1 bins of the DFT: its adjoint pads the
  // cotangent with zeros to n, takes the adjoint DFT, and the real part
  opaque("fft_r2c", 1, infer_fft_r2c, VJP {
    const NodeRef& x = X(0);
    const int64_t axis = y->attrs.ints[1], n = x->shape[axis], m = g->shape[axis];
    NodeRef full = g;
    if (n > m) {
      Shape zs = g->shape;
      zs[axis] = n - m;
      Attrs ca;
      ca.ints = {axis};
      full = make_node("concatenate", ca, {g, zeros(g->dtype, zs)});
    }
    Attrs a;
    a.ints = {0, 2 - y->attrs.ints[0], axis};
    return {unary("real", make_node("fft_c2c", a, {full}))};
  });
  // irfft reads the half spectrum as the Hermitian full one: its adjoint is
  // the rfft of the cotangent, with the bins that stand for two counted twice
  opaque("fft_c2r", 1, infer_fft_c2r, VJP {
    const int64_t axis = y->attrs.ints[1], n = y->attrs.ints[2], m = n / 2 + 1;
    Attrs a;
    a.ints = {2 - y->attrs.ints[0], axis};
    NodeRef r = make_node("fft_r2c", a, {g});
    Attrs ia;
    ia.shape = Shape(g->shape.size(), 1);
    ia.shape[axis] = m;
    ia.ints = {axis};
    NodeRef k = make_node("iota", ia, {});
    NodeRef twice = binary("logical_and", binary("less_equal", scalar(1), k), binary("less", k, scalar(double(n - m + 1))));
    return {mul(r, where(twice, scalar(2), scalar(1)))};
  });

  // linear algebra on stacks of matrices (the last two dims)
  opaque("inv", 1, infer_same, VJP { return {neg(mm(mm(mH(y), g), mH(y)))}; });
  opaque("solve", 2, infer_solve, VJP {
    NodeRef gb = make_node("solve", Attrs{}, {mH(X(0)), g});
    return {neg(mm(gb, mH(y))), gb};
  });
  opaque("det", 1, infer_det, VJP {
    return {mul(batch_scalar(mul(g, cj(y))), mH(minv(X(0))))};
  });
  // slogdet: d log|det| = Re tr(A^-1 dA); for complex A the sign s moves
  // too, ds = i s Im tr(A^-1 dA): one coefficient of A^-H
  opaque("slogdet", 1, infer_slogdet, VJP {
    Shape b = mats(X(0).get()).batch;
    NodeRef gs = part(g, 0, 1, {}), gl = part(g, 1, 1, {});
    NodeRef c = gl;
    if (is_complex(y->dtype)) {
      NodeRef s = part(y, 0, 1, {});
      c = binary("complex", unary("real", gl), unary("imag", mul(cj(s), gs)));
    }
    return {mul(batch_scalar(c), mH(minv(X(0))))};
  });
  // cholesky (lower L): A-bar = L^-H P L^-1, P the Hermitian matrix whose
  // lower triangle is tril(L^H g) with its diagonal halved
  opaque("cholesky", 1, infer_same, VJP {
    const int64_t n = y->shape.back();
    NodeRef m = where(tri_mask(n, "less_equal", 0), mm(mH(y), g), scalar(0));
    NodeRef p = mul(add(m, mH(where(tri_mask(n, "less", 0), m, scalar(0)))), scalar(0.5));
    NodeRef li = minv(y);
    return {mm(mm(mH(li), p), li)};
  });
  // eigh [V, w]: A-bar = V (diag(w-bar) + F o skew(V^H V-bar)) V^H, F_ij =
  // 1 / (w_j - w_i) off the diagonal (infinite for repeated eigenvalues)
  opaque("eigh", 1, infer_eigh, VJP {
    const int64_t n = X(0)->shape.back();
    auto [v, w] = eigh_parts(y, n);
    auto [gv, gw] = eigh_parts(g, n);
    NodeRef r = mm(mH(v), gv);
    NodeRef skew = mul(sub(r, mH(r)), scalar(0.5));
    Shape row = w->shape, col = w->shape;
    row.insert(row.end() - 1, 1);
    col.push_back(1);
    NodeRef e = sub(reshape(w, row), reshape(w, col));
    NodeRef eye = tri_mask(n, "equal", 0);
    NodeRef f = where(eye, diag_embed(gw), div(skew, where(eye, scalar(1), e)));
    return {mm(mm(v, f), mH(v))};
  });
  opaque("eigvalsh", 1, infer_eigvalsh, VJP {
    const int64_t n = X(0)->shape.back();
    auto [v, w] = eigh_parts(make_node("eigh", y->attrs, {X(0)}), n);
    return {mm(mm(v, diag_embed(cast(g, v->dtype))), mH(v))};
  });
  // svdvals: A-bar = U diag(s-bar) Vh (the reduced SVD's factors)
  opaque("svdvals", 1, infer_svdvals, VJP {
    Mats x = mats(X(0).get());
    const int64_t k = std::min(x.m, x.n);
    Attrs sa;
    sa.ints = {0};
    NodeRef p = make_node("svd", sa, {X(0)});
    NodeRef u = part(p, 0, x.m * k, {x.m, k}), vh = part(p, x.m * k + k, k * x.n, {k, x.n});
    return {mm(mm(u, diag_embed(cast(g, u->dtype))), vh)};
  });
  // the factors of svd, qr and eig: their VJPs are the linalg issue's (autodiff
  // raises NotImplementedError, never a silent zero)
  // svd [U, S, Vh] (Townsend's form), F_ij = 1/(s_j^2 - s_i^2) off the diagonal:
  // A-bar = U ((F o (J - J^H)) S + diag(S-bar) + S (F o (K - K^H)) + D) Vh
  //       + (I - U U^H) U-bar S^-1 Vh + U S^-1 Vh-bar (I - Vh^H Vh),
  // J = U^H U-bar, K = Vh Vh-bar^H, and for complex matrices D = diag(i Im(J_jj) / s_j)
  // (the phase each singular pair may take: a loss that does not depend on it
  // gets the same gradient under any choice). Infinite for repeated singular
  // values, as every SVD gradient.
  opaque("svd", 1, infer_svd, VJP {
    Mats x = mats(X(0).get());
    const int64_t k = std::min(x.m, x.n), ur = y->attrs.ints[0] ? x.m : k, vr = y->attrs.ints[0] ? x.n : k;
    if (ur != k || vr != k)
      throw NotImplementedError("npt: the gradient of svd(full_matrices=True) of a non-square matrix is not "
                                "defined (the extra columns are not unique): use full_matrices=False");
    auto pieces = [&](const NodeRef& p) {
      return std::array<NodeRef, 3>{part(p, 0, x.m * k, {x.m, k}), part(p, x.m * k, k, {k}),
                                    part(p, x.m * k + k, k * x.n, {k, x.n})};
    };
    auto [u, sv, vh] = pieces(y);
    auto [gu, gs, gvh] = pieces(g);
    NodeRef sq = mul(sv, sv);
    Shape row = sq->shape, col = sq->shape;
    row.insert(row.end() - 1, 1);
    col.push_back(1);
    NodeRef eye = tri_mask(k, "equal", 0);
    NodeRef f = where(eye, scalar(0), div(scalar(1), where(eye, scalar(1), sub(reshape(sq, row), reshape(sq, col)))));
    NodeRef j = mm(mH(u), gu), kk = mm(vh, mH(gvh));
    NodeRef sm = diag_embed(cast(sv, u->dtype)), sinv = diag_embed(cast(div(scalar(1), sv), u->dtype));
    NodeRef inner = add(add(mm(mul(f, sub(j, mH(j))), sm), diag_embed(gs)), mm(sm, mul(f, sub(kk, mH(kk)))));
    if (is_complex(u->dtype))
      inner = add(inner, where(eye, div(mul(unary("imag", j), imag_unit()), reshape(sv, row)), scalar(0)));
    NodeRef r = mm(mm(u, inner), vh);
    if (x.m > k) r = add(r, mm(mm(sub(gu, mm(u, j)), sinv), vh));
    if (x.n > k) r = add(r, mm(mm(u, sinv), sub(gvh, mm(mm(gvh, mH(vh)), vh))));
    return {r};
  });
  // qr [Q, R]. For m >= n (Q m x n): with M = Q^H Q-bar - R-bar R^H and
  // S = M - M^H, A-bar = (Q-bar + Q (tril(S, -1) + diag(S) / 2 - M)) R^-H
  // (the skew-Hermitian Q^H dQ, with R's real diagonal, written out). For
  // m < n, A = [U | V] with U = Q X square: U's gradient is the square one
  // with Q-bar + V Y-bar^H, and V-bar = Q Y-bar.
  opaque("qr", 1, infer_qr, VJP {
    Mats x = mats(X(0).get());
    const int64_t k = y->attrs.ints[0] ? x.m : std::min(x.m, x.n);
    if (k > x.n)
      throw NotImplementedError("npt: the gradient of qr(mode='complete') of a matrix with more rows than "
                                "columns is not defined (the extra columns of Q are not unique): use "
                                "mode='reduced'");
    NodeRef q = part(y, 0, x.m * k, {x.m, k}), r = part(y, x.m * k, k * x.n, {k, x.n});
    NodeRef gq = part(g, 0, x.m * k, {x.m, k}), gr = part(g, x.m * k, k * x.n, {k, x.n});
    auto cols = [&](const NodeRef& t, int64_t from, int64_t len) {  // t[..., from:from+len]
      Attrs sa;
      sa.shape = t->shape;
      sa.shape.back() = len;
      for (size_t d = 0; d + 1 < t->shape.size(); ++d) sa.ints.insert(sa.ints.end(), {0, 1});
      sa.ints.insert(sa.ints.end(), {from, 1});
      return make_node("slice", sa, {t});
    };
    NodeRef rx = r, gx = gr, gv;
    if (x.n > k) {  // the wide case: the square part, then V's
      NodeRef gy = cols(gr, k, x.n - k);
      rx = cols(r, 0, k);
      gx = cols(gr, 0, k);
      gq = add(gq, mm(cols(X(0), k, x.n - k), mH(gy)));
      gv = mm(q, gy);
    }
    NodeRef m = sub(mm(mH(q), gq), mm(gx, mH(rx)));
    NodeRef sk = sub(m, mH(m));
    NodeRef l = where(tri_mask(k, "less", 0), sk, where(tri_mask(k, "equal", 0), mul(sk, scalar(0.5)), scalar(0)));
    NodeRef b = add(gq, mm(q, sub(l, m)));
    NodeRef gu = mH(make_node("solve", Attrs{}, {rx, mH(b)}));
    if (!gv) return {gu};
    Attrs ca;
    ca.ints = {int64_t(gu->shape.size()) - 1};
    return {make_node("concatenate", ca, {gu, gv})};
  });
  // geqrf: the Householder form of QR (qr's mode='raw'); its gradient is not written
  put(OpDef{"geqrf", OpKind::Opaque, 1, ScalarOp::None, {}, infer_geqrf, Grad::Missing, nullptr});
  // eig [V, w] (V's columns of unit norm, as LAPACK's): with E_ij = w_j - w_i
  // off the diagonal, A-bar = V^-H (diag(w-bar) + (V^H V-bar - V^H V
  // diag(Re(V^H V-bar))) / conj(E) off it) V^H; the real part for a real A.
  // Infinite for repeated eigenvalues.
  opaque("eig", 1, infer_eig, VJP {
    const int64_t n = X(0)->shape.back();
    NodeRef v = part(y, 0, n * n, {n, n}), w = part(y, n * n, n, {n});
    NodeRef gv = part(g, 0, n * n, {n, n}), gw = part(g, n * n, n, {n});
    Shape row = w->shape, col = w->shape;
    row.insert(row.end() - 1, 1);
    col.push_back(1);
    NodeRef eye = tri_mask(n, "equal", 0);
    NodeRef vhgv = mm(mH(v), gv);
    NodeRef re_diag = unary("real", where(eye, vhgv, scalar(0)));  // diag(Re(V^H V-bar)) as a matrix
    NodeRef off = sub(vhgv, mm(mm(mH(v), v), cast(re_diag, v->dtype)));
    NodeRef e = cj(sub(reshape(w, row), reshape(w, col)));
    NodeRef inner = where(eye, diag_embed(gw), div(off, where(eye, scalar(1), e)));
    NodeRef r = make_node("solve", Attrs{}, {mH(v), mm(inner, mH(v))});
    return {is_complex(X(0)->dtype) ? r : unary("real", r)};
  });

  // random draws: the state and parameters in, the new state and values out
  // (a stream of numbers has no derivative in the state; the front end writes
  // loc/scale transforms that should carry gradients as compositions)
  put(OpDef{"random", OpKind::Opaque, -1, ScalarOp::None, {}, infer_random, Grad::NotDifferentiable, nullptr});
  t.back().index_inputs_from = 0;  // (inputs keep their dtypes: state words, parameters)
  put(OpDef{"bitcast", OpKind::Opaque, 1, ScalarOp::None, {}, infer_bitcast, Grad::NotDifferentiable, nullptr});
  t.back().index_inputs_from = 0;

  // gather, scatter, scatter_add: inputs from `first` on are index arrays
  // (no cotangent)
  auto indexed = [&](const std::string& n, int first, decltype(OpDef::infer) f, VjpFn vjp) {
    opaque(n, -1, f, std::move(vjp));
    t.back().index_inputs_from = first;
  };
  // gather: each read position gets its cotangent, summed over repeats
  indexed("gather", 1, infer_gather, VJP {
    std::vector<NodeRef> r(y->inputs().size());
    r[0] = make_node("scatter_add", y->attrs, with_indices({zeros(g->dtype, X(0)->shape), g}, y, 1));
    return r;
  });
  // scatter: the overwritten positions get no cotangent; the value gets theirs
  indexed("scatter", 2, infer_scatter, VJP {
    std::vector<NodeRef> r(y->inputs().size());
    r[0] = make_node("scatter", y->attrs, with_indices({g, zeros(g->dtype, X(1)->shape)}, y, 2));
    r[1] = make_node("gather", y->attrs, with_indices({g}, y, 2));
    return r;
  });
  indexed("scatter_add", 2, infer_scatter, VJP {
    std::vector<NodeRef> r(y->inputs().size());
    r[0] = g;
    r[1] = make_node("gather", y->attrs, with_indices({g}, y, 2));
    return r;
  });
  return t;
}

const std::vector<OpDef>& table() {
  static const std::vector<OpDef> t = [] {
    std::vector<OpDef> t = build_table();
    attach_eager(t);
    return t;
  }();
  return t;
}

}  // namespace

const char* kind_name(OpKind k) {
  switch (k) {
    case OpKind::Source: return "source";
    case OpKind::Elementwise: return "elementwise";
    case OpKind::Reduction: return "reduction";
    case OpKind::Movement: return "movement";
    case OpKind::Opaque: return "opaque";
  }
  return "?";
}

const char* grad_name(Grad g) {
  switch (g) {
    case Grad::Unset: return "unset";
    case Grad::Rule: return "rule";
    case Grad::Zero: return "zero";
    case Grad::NotDifferentiable: return "not_differentiable";
    case Grad::Missing: return "missing";
  }
  return "?";
}

const OpDef& op_def(OpId id) { return table().at(id); }
int num_ops() { return static_cast<int>(table().size()); }

OpId op_id(const std::string& name) {
  static const std::unordered_map<std::string, OpId> index = [] {
    std::unordered_map<std::string, OpId> m;
    for (size_t i = 0; i < table().size(); ++i) m[table()[i].name] = static_cast<OpId>(i);
    return m;
  }();
  auto it = index.find(name);
  if (it == index.end()) throw InternalError("unknown op '" + name + "'");
  return it->second;
}

const std::vector<OpDef>& registry_table() { return table(); }

std::vector<std::string> check_registry(const std::vector<BackendLines>& backends) {
  return check_registry(table(), backends);
}

std::vector<std::string> check_registry(const std::vector<OpDef>& ops,
                                        const std::vector<BackendLines>& backends) {
  std::vector<std::string> problems;
  for (auto& d : ops) {
    if (d.kind == OpKind::Elementwise && d.scalar == ScalarOp::None)
      problems.push_back(d.name + ": elementwise op without scalar semantics");
    if (d.kind == OpKind::Reduction && d.scalar == ScalarOp::None)
      problems.push_back(d.name + ": reduction without a combine op");
    bool real_loops = d.kind != OpKind::Elementwise || d.dtype_rule.as_bool ||
                      d.scalar == ScalarOp::Cast || (d.dtype_rule.loops & ~kComplexLoops);
    bool complex_loops = d.kind == OpKind::Elementwise && !d.dtype_rule.as_bool &&
                         (d.scalar == ScalarOp::Cast || (d.dtype_rule.loops & kComplexLoops));
    if (d.scalar != ScalarOp::None)
      for (auto& b : backends) {
        if (real_loops && !b.has(d.scalar))
          problems.push_back(d.name + ": the " + b.name + " backend has no line for ScalarOp " +
                             scalar_op_name(d.scalar));
        if (complex_loops && !b.has_complex(d.scalar))
          problems.push_back(d.name + ": the " + b.name + " backend has no complex line for ScalarOp " +
                             scalar_op_name(d.scalar));
      }
    if (d.kind != OpKind::Elementwise && !d.infer)
      problems.push_back(d.name + ": no shape/dtype rule");
    if (d.kind == OpKind::Elementwise && d.dtype_rule.loops == 0 && !d.dtype_rule.as_bool && !d.infer)
      problems.push_back(d.name + ": no dtype loops");
    if (!d.eager) problems.push_back(d.name + ": no eager (ATen) implementation");
    if (d.kind == OpKind::Movement && !d.view) problems.push_back(d.name + ": movement op without a view rule");
    if (d.grad == Grad::Unset)
      problems.push_back(d.name + ": no gradient rule (a VJP, or Grad::Zero / NotDifferentiable)");
    if (d.grad == Grad::Rule && !d.vjp) problems.push_back(d.name + ": Grad::Rule but no VJP");
    if (d.grad != Grad::Rule && d.vjp) problems.push_back(d.name + ": a VJP but not Grad::Rule");
  }
  return problems;
}

DType common_dtype(const Node* const* inputs, size_t n) {
  bool any_strong = false;
  DType strong = DType::Bool;
  int weak_kind = -1;
  for (size_t i = 0; i < n; ++i) {
    const Node* x = inputs[i];
    if (x->weak) {
      weak_kind = std::max(weak_kind, x->attrs.scalar.kind);
    } else {
      strong = any_strong ? promote(strong, x->dtype) : x->dtype;
      any_strong = true;
    }
  }
  if (!any_strong) return default_of_kind(std::max(weak_kind, 0));
  return weak_kind < 0 ? strong : promote_weak(strong, weak_kind);
}


namespace {
std::string dtype_class(DType t) {
  std::string n = dtype_name(t);
  std::string cls = n == "bool" ? "Bool" : n;
  if (n != "bool") cls[0] = static_cast<char>(std::toupper(cls[0]));
  if (n.rfind("uint", 0) == 0) cls = "UInt" + n.substr(4);
  return "<class 'numpy.dtypes." + cls + "DType'>";
}
}  // namespace

namespace {
// NumPy's loop order (its type characters ?bBhHiIlLqQefdFD).
constexpr DType kLoopOrder[] = {DType::Bool,    DType::Int8,    DType::UInt8,     DType::Int16,
                                DType::UInt16,  DType::Int32,   DType::UInt32,    DType::Int64,
                                DType::UInt64,  DType::Float16, DType::Float32,   DType::Float64,
                                DType::Complex64, DType::Complex128};

[[noreturn]] void no_loop(const OpDef& def) {
  throw TypeError("ufunc '" + def.name + "' not supported for the input types, and the inputs "
                  "could not be safely coerced to any supported types according to the casting "
                  "rule ''safe''");
}
}  // namespace

DType resolve_loop(const OpDef& def, const DType* ins, size_t n) {
  const DTypeRule& r = def.dtype_rule;
  if (r.as_bool) return DType::Bool;
  bool inexact = false, same = true;
  for (size_t i = 0; i < n; ++i) inexact |= is_inexact(ins[i]), same &= ins[i] == ins[0];
  if (r.ints_to_f64 && !inexact) return DType::Float64;  // true division of integers
  if (n && same && (r.loops & loop_bit(ins[0]))) return ins[0];  // (the common case)
  for (DType t : kLoopOrder) {
    if (!(r.loops & loop_bit(t))) continue;
    bool safe = true;  // every input casts to the loop's dtype safely
    for (size_t i = 0; i < n; ++i) safe &= promote(ins[i], t) == t;
    if (safe) return t;
  }
  no_loop(def);
}

Inferred infer_elementwise(const OpDef& def, const std::vector<const Node*>& inputs) {
  const DTypeRule& r = def.dtype_rule;
  // Conditions (where's first input) are read as bool and integer operands
  // (ldexp's exponent) as int64; the other inputs promote together.
  const Node* values[4];  // (elementwise primitives take at most 3 inputs)
  size_t nv = 0;
  bool strong_int = false;
  NPT_ASSERT(inputs.size() <= 4, def.name + ": too many inputs");
  for (size_t i = 0; i < inputs.size(); ++i) {
    const Node* n = inputs[i];
    if (r.int_inputs >> i & 1) {
      DType t = n->weak ? default_of_kind(n->attrs.scalar.kind) : n->dtype;
      if (!(is_integer(t) || is_bool(t)) || t == DType::UInt64) no_loop(def);
      strong_int |= !n->weak && is_integer(n->dtype);
    } else if (!(r.bool_inputs >> i & 1)) {
      values[nv++] = n;
    }
  }
  // NEP 50: a weak Python scalar takes the dtype the values promote to. (A
  // Python bool is not weak: NumPy 2 treats it as numpy.bool.)
  auto weak = [](const Node* n) { return n->weak && n->attrs.scalar.kind != 0; };
  DType c = common_dtype(values, nv);
  // Only Python ints beside a strong integer operand (ldexp(3, int16)):
  // NumPy lets a Python int take any loop (a Python float takes float64's).
  if (strong_int && nv && std::all_of(values, values + nv, [](const Node* n) {
        return n->weak && n->attrs.scalar.kind == 1;
      }))
    c = DType::Int8;
  if (c == DType::Bool && r.bool_error) throw TypeError(r.bool_error);
  if (r.uniform && !(r.loops & loop_bit(c))) {
    std::string types;
    for (size_t i = 0; i < nv; ++i) {
      static const char* py[] = {"BoolDType", "_PyLongDType", "_PyFloatDType", "_PyComplexDType"};
      const Node* n = values[i];
      std::string cls = weak(n) ? std::string("<class 'numpy.dtypes.") + py[n->attrs.scalar.kind] + "'>"
                                : dtype_class(n->dtype);
      types += (types.empty() ? "" : ", ") + cls;
    }
    if (nv > 1) types = "(" + types + ")";
    throw TypeError("ufunc '" + def.name + "' did not contain a loop with signature matching types " +
                    types + " -> None");
  }
  // NumPy's loop search: the first loop every input casts to safely
  DType in_dtypes[4];
  for (size_t i = 0; i < nv; ++i) in_dtypes[i] = weak(values[i]) ? c : values[i]->dtype;
  DType compute = r.uniform ? c : resolve_loop(def, in_dtypes, nv);
  // NEP 50: a Python int must fit the integer dtype it is converted to.
  if (is_integer(compute))
    for (size_t i = 0; i < nv; ++i)
      if (const Node* n = values[i]; n->weak && n->attrs.scalar.kind == 1) {
        const Scalar& v = n->attrs.scalar;
        int bits = dtype_itemsize(compute) * 8;
        bool fits = is_unsigned_int(compute)
                        ? (!v.negative || v.mag == 0) && (bits == 64 || v.mag < (uint64_t(1) << bits))
                        : (v.negative ? v.mag <= (uint64_t(1) << (bits - 1))
                                      : v.mag < (uint64_t(1) << (bits - 1)));
        if (!fits)
          throw OverflowError(std::string("Python integer ") + (v.negative ? "-" : "") +
                              std::to_string(v.mag) + " out of bounds for " + dtype_name(compute));
      }
  DType out = compute;
  switch (r.out) {
    case DTypeRule::Same: break;
    case DTypeRule::Bool: out = DType::Bool; break;
    case DTypeRule::Real: out = real_of(compute); break;
    case DTypeRule::UInt8: out = DType::UInt8; break;
    case DTypeRule::Int32: out = DType::Int32; break;
    case DTypeRule::Complex: out = compute == DType::Float32 ? DType::Complex64 : DType::Complex128; break;
  }
  Shape shape = inputs.empty() ? Shape{} : inputs[0]->shape;
  for (size_t i = 1; i < inputs.size(); ++i)
    if (inputs[i]->shape != shape) shape = broadcast_shapes(shape, inputs[i]->shape);
  return {out, compute, shape};
}

DType elementwise_input_dtype(const Node& n, size_t i) {
  const DTypeRule& r = n.def().dtype_rule;
  if (r.bool_inputs >> i & 1) return DType::Bool;
  if (r.int_inputs >> i & 1) return DType::Int64;
  return n.compute;
}

Scalar reduction_identity(ScalarOp combine, DType t) {
  Scalar s;
  s.kind = is_inexact(t) ? 2 : 1;
  switch (combine) {
    case ScalarOp::Add:
      s.re = 0.0;  // NumPy: sum([-0.0]) and sum([]) are +0.0
      s.mag = 0;
      break;
    case ScalarOp::Mul: s.re = 1; s.mag = 1; break;
    case ScalarOp::Max:
      s.re = -std::numeric_limits<double>::infinity();
      if (is_signed_int(t)) { s.negative = true; s.mag = uint64_t(1) << (dtype_itemsize(t) * 8 - 1); }
      break;
    case ScalarOp::Min:
      s.re = std::numeric_limits<double>::infinity();
      if (is_signed_int(t)) s.mag = (uint64_t(1) << (dtype_itemsize(t) * 8 - 1)) - 1;
      else if (is_unsigned_int(t)) s.mag = dtype_itemsize(t) == 8 ? ~uint64_t(0) : (uint64_t(1) << (dtype_itemsize(t) * 8)) - 1;
      else if (is_bool(t)) s.mag = 1;
      break;
    default: NPT_ASSERT(false, "not a reduction combine op");
  }
  return s;
}

DType reduction_default_dtype(const OpDef& def, DType in) {
  NPT_ASSERT(def.kind == OpKind::Reduction, def.name + " is not a reduction");
  if (!def.widens_small_ints || dtype_itemsize(in) >= 8 || is_inexact(in)) return in;
  return is_unsigned_int(in) ? DType::UInt64 : DType::Int64;  // bool and signed: int64
}

DType reduction_acc_dtype(ScalarOp combine, DType out) {
  // float16/float32 (complex64) sums and products accumulate in float64
  // (complex128), then round once.
  if ((combine == ScalarOp::Add || combine == ScalarOp::Mul) &&
      (out == DType::Float16 || out == DType::Float32))
    return DType::Float64;
  if ((combine == ScalarOp::Add || combine == ScalarOp::Mul) && out == DType::Complex64)
    return DType::Complex128;
  return out;
}

}  // namespace npt

namespace npt {
const char* scalar_op_name(ScalarOp s) {
  static const char* const names[] = {
#define NPT_SCALAR_NAME(e, name) name,
      NPT_SCALAR_OPS(NPT_SCALAR_NAME)
#undef NPT_SCALAR_NAME
  };
  return names[static_cast<int>(s)];
}
}  // namespace npt
