// The op registry: one entry per primitive. Adding a primitive is one entry
// here plus, for a new ScalarOp, one line per backend in codegen/.
#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "core/error.h"
#include "graph/node.h"

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
  if (is_complex(a.dtype) || is_complex(in[0]->dtype))
    throw NotImplementedError(std::string("npt: casts involving complex dtypes are not supported by "
                              "the code generator yet (") + dtype_name(in[0]->dtype) + " -> " +
                              dtype_name(a.dtype) + ")");
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
                     " into shape " + shape_str(a.shape));
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
  if (is_complex(a.dtype) || is_complex(in[0]->dtype))
    throw NotImplementedError(std::string("npt: reductions of complex arrays are not supported yet (") +
                              opname + ")");
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
  if (is_complex(t)) throw NotImplementedError("npt: complex matmul is not supported yet");
  return {t, t, out};
}

OpDef elementwise(const std::string& name, int arity, ScalarOp s, DTypeRule r, bool diff) {
  OpDef d{name, OpKind::Elementwise, arity, s, r, nullptr, nullptr, diff};
  return d;
}

const char* kNoBoolNeg =
    "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or "
    "the logical_not function instead.";
const char* kNoBoolSub =
    "numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` "
    "operator, or the logical_xor function instead.";
const char* kNoBoolSign = "ufunc 'sign' did not contain a loop with signature matching types";

std::vector<OpDef> build_table() {
  using R = DTypeRule;
  R same{};
  R fl{R::FloatLoop};
  R cmp{R::Common, true};
  R logical{R::AsBool, true};
  R pred{R::Common, true};
  R int8b{};
  int8b.bool_as_int8 = true;
  R nocx = int8b;
  nocx.no_complex = true;
  R neg{};
  neg.bool_error = kNoBoolNeg;
  R sub{};
  sub.bool_error = kNoBoolSub;
  R sgn{};
  sgn.bool_error = kNoBoolSign;
  R abs{};
  abs.complex_to_real = true;
  R tdiv{R::TrueDiv};

  std::vector<OpDef> t;
  auto add = [&](OpDef d) { t.push_back(std::move(d)); };
  auto src = [&](const std::string& n, decltype(OpDef::infer) f) {
    add(OpDef{n, OpKind::Source, 0, ScalarOp::None, {}, f, nullptr, false});
  };
  auto mov = [&](const std::string& n, int arity, decltype(OpDef::infer) f, ScalarOp s = ScalarOp::None) {
    add(OpDef{n, OpKind::Movement, arity, s, {}, f, nullptr, true});
  };
  auto red = [&](const std::string& n, ScalarOp combine, bool needs_identity) {
    std::string nm = n;
    add(OpDef{n, OpKind::Reduction, 1, combine, {},
              [nm, needs_identity](const Ins& in, const Attrs& a) {
                return infer_reduce(in, a, reduce_name(nm), needs_identity);
              },
              nullptr, combine != ScalarOp::And && combine != ScalarOp::Or});
  };

  // sources
  src("input", infer_input);
  src("constant", infer_constant);
  src("iota", infer_iota);
  // elementwise: name, arity, scalar op, dtype rule, differentiable
  add(OpDef{"cast", OpKind::Elementwise, 1, ScalarOp::Cast, {}, infer_cast, nullptr, true});
  add(elementwise("negative", 1, ScalarOp::Neg, neg, true));
  add(elementwise("absolute", 1, ScalarOp::Abs, abs, true));
  add(elementwise("sign", 1, ScalarOp::Sign, sgn, false));
  add(elementwise("exp", 1, ScalarOp::Exp, fl, true));
  add(elementwise("expm1", 1, ScalarOp::Expm1, fl, true));
  add(elementwise("log", 1, ScalarOp::Log, fl, true));
  add(elementwise("log1p", 1, ScalarOp::Log1p, fl, true));
  add(elementwise("log2", 1, ScalarOp::Log2, fl, true));
  add(elementwise("log10", 1, ScalarOp::Log10, fl, true));
  add(elementwise("sqrt", 1, ScalarOp::Sqrt, fl, true));
  add(elementwise("sin", 1, ScalarOp::Sin, fl, true));
  add(elementwise("cos", 1, ScalarOp::Cos, fl, true));
  add(elementwise("tan", 1, ScalarOp::Tan, fl, true));
  add(elementwise("arcsin", 1, ScalarOp::Asin, fl, true));
  add(elementwise("arccos", 1, ScalarOp::Acos, fl, true));
  add(elementwise("arctan", 1, ScalarOp::Atan, fl, true));
  add(elementwise("tanh", 1, ScalarOp::Tanh, fl, true));
  add(elementwise("sinh", 1, ScalarOp::Sinh, fl, true));
  add(elementwise("cosh", 1, ScalarOp::Cosh, fl, true));
  add(elementwise("logical_not", 1, ScalarOp::Not, logical, false));
  add(elementwise("isnan", 1, ScalarOp::IsNan, pred, false));
  add(elementwise("isinf", 1, ScalarOp::IsInf, pred, false));
  add(elementwise("isfinite", 1, ScalarOp::IsFinite, pred, false));
  add(elementwise("add", 2, ScalarOp::Add, same, true));
  add(elementwise("subtract", 2, ScalarOp::Sub, sub, true));
  add(elementwise("multiply", 2, ScalarOp::Mul, same, true));
  add(elementwise("divide", 2, ScalarOp::Div, tdiv, true));
  add(elementwise("floor_divide", 2, ScalarOp::FloorDiv, nocx, false));
  add(elementwise("remainder", 2, ScalarOp::Mod, nocx, true));
  add(elementwise("power", 2, ScalarOp::Pow, int8b, true));
  add(elementwise("maximum", 2, ScalarOp::Max, same, true));
  add(elementwise("minimum", 2, ScalarOp::Min, same, true));
  add(elementwise("equal", 2, ScalarOp::Eq, cmp, false));
  add(elementwise("not_equal", 2, ScalarOp::Ne, cmp, false));
  add(elementwise("less", 2, ScalarOp::Lt, cmp, false));
  add(elementwise("less_equal", 2, ScalarOp::Le, cmp, false));
  add(elementwise("logical_and", 2, ScalarOp::And, logical, false));
  add(elementwise("logical_or", 2, ScalarOp::Or, logical, false));
  add(elementwise("where", 3, ScalarOp::Select, same, true));
  // reductions: combine op; whether an empty reduction is an error
  red("reduce_sum", ScalarOp::Add, false);
  red("reduce_prod", ScalarOp::Mul, false);
  red("reduce_max", ScalarOp::Max, true);
  red("reduce_min", ScalarOp::Min, true);
  // movement (views; folded into index maps by fusion)
  mov("broadcast_to", 1, infer_broadcast);
  mov("reshape", 1, infer_reshape);
  mov("permute", 1, infer_permute);
  mov("slice", 1, infer_slice);
  // opaque (ATen kernels; fusion barriers)
  add(OpDef{"matmul", OpKind::Opaque, 2, ScalarOp::None, {}, infer_matmul, nullptr, true});
  (void)same_as_input;
  return t;
}

const std::vector<OpDef>& table() {
  static const std::vector<OpDef> t = build_table();
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

std::vector<std::string> check_registry() {
  std::vector<std::string> problems;
  for (auto& d : table()) {
    if (d.kind == OpKind::Elementwise && d.scalar == ScalarOp::None)
      problems.push_back(d.name + ": elementwise op without scalar semantics");
    if (d.kind == OpKind::Reduction && d.scalar == ScalarOp::None)
      problems.push_back(d.name + ": reduction without a combine op");
    if (d.kind != OpKind::Elementwise && !d.infer)
      problems.push_back(d.name + ": no shape/dtype rule");
    if (d.name == "cast" && !d.infer) problems.push_back("cast: no rule");
  }
  return problems;
}

DType common_dtype(const std::vector<const Node*>& inputs) {
  bool any_strong = false;
  DType strong = DType::Bool;
  int weak_kind = -1;
  for (auto* n : inputs) {
    if (n->weak) {
      weak_kind = std::max(weak_kind, n->attrs.scalar.kind);
    } else {
      strong = any_strong ? promote(strong, n->dtype) : n->dtype;
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

Inferred infer_elementwise(const OpDef& def, const std::vector<const Node*>& inputs) {
  const DTypeRule& r = def.dtype_rule;
  // where: the condition is cast to bool, the two branches promote.
  std::vector<const Node*> values(inputs.begin() + (def.scalar == ScalarOp::Select ? 1 : 0), inputs.end());
  DType c = common_dtype(values);
  DType compute = c;
  switch (r.compute) {
    case DTypeRule::Common: break;
    case DTypeRule::FloatLoop: compute = float_result(c); break;
    case DTypeRule::TrueDiv: compute = is_inexact(c) ? c : DType::Float64; break;
    case DTypeRule::AsBool: compute = DType::Bool; break;
  }
  if (c == DType::Bool && r.bool_error) {
    std::string msg = r.bool_error;
    if (def.scalar == ScalarOp::Sign) msg += " " + dtype_class(c) + " -> None";
    throw TypeError(msg);
  }
  if (c == DType::Bool && r.bool_as_int8) compute = DType::Int8;
  if (r.no_complex && is_complex(c))
    throw TypeError("ufunc '" + def.name + "' not supported for the input types, and the inputs "
                    "could not be safely coerced to any supported types according to the casting "
                    "rule ''safe''");
  // NEP 50: a Python int must fit the integer dtype it is converted to.
  if (is_integer(c))
    for (auto* n : values)
      if (n->weak && n->attrs.scalar.kind == 1) {
        const Scalar& v = n->attrs.scalar;
        int bits = dtype_itemsize(c) * 8;
        bool fits = is_unsigned_int(c)
                        ? (!v.negative || v.mag == 0) && (bits == 64 || v.mag < (uint64_t(1) << bits))
                        : (v.negative ? v.mag <= (uint64_t(1) << (bits - 1))
                                      : v.mag < (uint64_t(1) << (bits - 1)));
        if (!fits)
          throw OverflowError(std::string("Python integer ") + (v.negative ? "-" : "") +
                              std::to_string(v.mag) + " out of bounds for " + dtype_name(c));
      }
  DType out = r.out_bool ? DType::Bool : (r.complex_to_real ? real_of(compute) : compute);
  if (is_complex(compute))
    throw NotImplementedError("npt: complex arithmetic is not supported by the code generator yet "
                              "(op '" + def.name + "' on " + dtype_name(compute) + ")");
  Shape shape;
  for (auto* n : inputs) shape = broadcast_shapes(shape, n->shape);
  return {out, compute, shape};
}

Scalar reduction_identity(ScalarOp combine, DType t) {
  Scalar s;
  s.kind = is_float(t) ? 2 : 1;
  switch (combine) {
    case ScalarOp::Add:
      s.re = -0.0;  // -0.0 is the additive identity for floats (keeps -0.0 sums)
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

DType reduction_acc_dtype(ScalarOp combine, DType out) {
  // float16/float32 sums and products accumulate in float64, then round once.
  if ((combine == ScalarOp::Add || combine == ScalarOp::Mul) &&
      (out == DType::Float16 || out == DType::Float32))
    return DType::Float64;
  return out;
}

}  // namespace npt

namespace npt {
const char* scalar_op_name(ScalarOp s) {
  static const char* names[] = {
      "none", "load", "index", "cast", "neg", "abs", "sign", "exp", "expm1", "log", "log1p",
      "log2", "log10", "sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "tanh", "sinh",
      "cosh", "not", "isnan", "isinf", "isfinite", "add", "sub", "mul", "div", "floordiv",
      "mod", "pow", "max", "min", "eq", "ne", "lt", "le", "and", "or", "select"};
  return names[static_cast<int>(s)];
}
}  // namespace npt
