// The op registry: every primitive is declared once, in graph/registry.cpp,
// with its kind, dtype rule, shape rule, scalar semantics (a ScalarOp that
// each backend maps to code, one line per backend) and a slot for its VJP.
#pragma once
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/dtype.h"
#include "core/shape.h"

namespace at { class Tensor; }

namespace npt {

enum class OpKind { Source, Elementwise, Reduction, Movement, Opaque };
const char* kind_name(OpKind k);

// The closed set of scalar operations backends implement, as one list
// (enumerator, name): the enum and the names both come from it. Primitives
// map onto these; fused kernels are expressions over them.
#define NPT_SCALAR_OPS(X)                                                                  \
  X(None, "none")                                                                          \
  /* data movement inside a kernel */                                                      \
  X(Load, "load") X(Index, "index") X(Cast, "cast")                                        \
  /* unary */                                                                              \
  X(Neg, "neg") X(Abs, "abs") X(Sign, "sign") X(Exp, "exp") X(Expm1, "expm1")              \
  X(Log, "log") X(Log1p, "log1p") X(Log2, "log2") X(Log10, "log10") X(Sqrt, "sqrt")        \
  X(Sin, "sin") X(Cos, "cos") X(Tan, "tan") X(Asin, "asin") X(Acos, "acos")                \
  X(Atan, "atan") X(Tanh, "tanh") X(Sinh, "sinh") X(Cosh, "cosh") X(Not, "not")            \
  X(IsNan, "isnan") X(IsInf, "isinf") X(IsFinite, "isfinite") X(Acosh, "acosh")           \
  X(Asinh, "asinh") X(Atanh, "atanh") X(Floor, "floor") X(Ceil, "ceil") X(Trunc, "trunc")  \
  X(Rint, "rint") X(Cbrt, "cbrt") X(Exp2, "exp2") X(SignBit, "signbit")                    \
  X(PopCount, "popcount") X(FrexpMant, "frexp_mant") X(FrexpExp, "frexp_exp")              \
  X(Erf, "erf") X(Erfc, "erfc") X(ErfInv, "erfinv") X(Conj, "conj") X(Real, "real")        \
  X(Imag, "imag")                                                                          \
  /* binary */                                                                             \
  X(MakeComplex, "complex")                                                                \
  /* binary */                                                                             \
  X(Add, "add") X(Sub, "sub") X(Mul, "mul") X(Div, "div") X(FloorDiv, "floordiv")          \
  X(Mod, "mod") X(Pow, "pow") X(Max, "max") X(Min, "min") X(Eq, "eq") X(Ne, "ne")          \
  X(Lt, "lt") X(Le, "le") X(And, "and") X(Or, "or") X(Xor, "xor") X(Shl, "shl")            \
  X(Shr, "shr") X(Atan2, "atan2") X(Hypot, "hypot") X(CopySign, "copysign")                \
  X(NextAfter, "nextafter") X(FMod, "fmod") X(LdExp, "ldexp") X(FMax, "fmax")              \
  X(FMin, "fmin") X(Gcd, "gcd") X(Lcm, "lcm")                                              \
  /* ternary */                                                                            \
  X(Select, "select")

enum class ScalarOp {
#define NPT_SCALAR_ENUM(e, name) e,
  NPT_SCALAR_OPS(NPT_SCALAR_ENUM)
#undef NPT_SCALAR_ENUM
};
constexpr int kNumScalarOps = 0
#define NPT_SCALAR_COUNT(e, name) +1
    NPT_SCALAR_OPS(NPT_SCALAR_COUNT);
#undef NPT_SCALAR_COUNT
const char* scalar_op_name(ScalarOp s);

// A backend's lines (ScalarOp -> its code), listed once, as an array indexed
// by ScalarOp; an op without a line is null (check_registry reports it).
template <class Line>
std::array<Line, kNumScalarOps> index_lines(const std::vector<std::pair<ScalarOp, Line>>& lines) {
  std::array<Line, kNumScalarOps> t{};
  for (auto& [op, line] : lines) t[static_cast<int>(op)] = line;
  return t;
}

// Small attribute bag; which fields an op reads is stated in its entry.
struct Scalar {
  int kind = 2;          // 0 bool, 1 int, 2 float, 3 complex (the Python type)
  bool negative = false; // for ints: sign
  uint64_t mag = 0;      // for ints: magnitude
  double re = 0, im = 0; // for bool/float/complex (and ints, approximately)
  bool operator==(const Scalar& o) const {
    return kind == o.kind && negative == o.negative && mag == o.mag && same(re, o.re) && same(im, o.im);
  }
  // The same constant: equal with the same sign (x * -0.0 is not x * 0.0),
  // or both NaN.
  static bool same(double a, double b) {
    return a != a ? b != b : a == b && std::signbit(a) == std::signbit(b);
  }
};

struct Attrs {
  Shape shape;                // reshape/broadcast_to target, iota shape
  std::vector<int64_t> ints;  // axes (reduce, permute); slice: start, step per dim; iota axis
  DType dtype = DType::Float64;  // cast target; reduce output dtype
  Scalar scalar;              // constant value
  int device = -1;            // sources (iota, param, input): -1 cpu, N cuda:N
  bool operator==(const Attrs& o) const {
    return shape == o.shape && ints == o.ints && dtype == o.dtype && scalar == o.scalar &&
           device == o.device;
  }
};
uint64_t hash_attrs(const Attrs& a);

class Node;

// Dtype rule for elementwise primitives, as data, after NumPy's ufunc type
// resolution: weak Python scalars take the dtype the inputs promote to
// (NEP 50), and the loop is the first dtype in NumPy's loop order (bool,
// int8, uint8, int16, ... float64, complex64, complex128) that is in `loops`
// and that every input casts to safely (so arctan2(int8, uint8) is float16).
// The op computes in that dtype; `out` says what it returns. No such loop is
// NumPy's "not supported for the input types" TypeError.
constexpr uint16_t loop_bit(DType t) { return uint16_t(1u << static_cast<int>(t)); }
constexpr uint16_t kBoolLoop = loop_bit(DType::Bool);
constexpr uint16_t kIntLoops = 0x1FE;  // int8..uint64
constexpr uint16_t kFloatLoops = loop_bit(DType::Float16) | loop_bit(DType::Float32) | loop_bit(DType::Float64);
constexpr uint16_t kComplexLoops = loop_bit(DType::Complex64) | loop_bit(DType::Complex128);
constexpr uint16_t kAllLoops = kBoolLoop | kIntLoops | kFloatLoops | kComplexLoops;
struct DTypeRule {
  uint16_t loops = kAllLoops;
  enum Out { Same, Bool, Real, UInt8, Int32, Complex } out = Same;  // Real: complex -> its real
                                                                       // part; Complex: the reverse
  bool ints_to_f64 = false;  // true division: bool and integers compute in float64
  bool as_bool = false;      // logical ops: every input is read as bool
  const char* bool_error = nullptr;  // TypeError text when given bool
  bool uniform = false;  // NumPy's uniform resolver (sign, gcd): the common dtype's own loop or
                         // its "did not contain a loop" TypeError, no upcast to a later loop
  unsigned bool_inputs = 0;  // bit i: input i is a condition, cast to bool, not promoted (where)
  unsigned int_inputs = 0;   // bit i: input i is an integer operand, cast to int64 (ldexp's exponent)
};

// Result of an op's inference: dtype and shape of the output, and the dtype
// its inputs are cast to by canonicalization.
struct Inferred {
  DType dtype;
  DType compute;
  Shape shape;
};

// A VJP: given the cotangent `g` of a node's result `y` (whose inputs are
// y->inputs()), returns one cotangent per input (nullptr: symbolic zero),
// in y's dtype and shape; autodiff sums them down to each input's shape.
using VjpFn = std::function<std::vector<std::shared_ptr<const Node>>(
    const std::shared_ptr<const Node>& g, const std::shared_ptr<const Node>& y)>;

// How a primitive takes part in reverse mode; every entry says which, so a
// forgotten VJP is a registry error, never a silent zero gradient.
enum class Grad {
  Unset,             // (an entry that says nothing: check_registry reports it)
  Rule,              // `vjp` gives the cotangents
  Zero,              // piecewise constant (sign, floor_divide): zero almost everywhere
  NotDifferentiable,  // no real-valued result to differentiate (sources, predicates)
  Missing            // differentiable, but its VJP is not written yet: autodiff raises
};

const char* grad_name(Grad g);  // "unset", "rule", "zero", "not_differentiable", "missing"

struct OpDef {
  std::string name;
  OpKind kind;
  int arity;  // -1: any
  ScalarOp scalar = ScalarOp::None;  // elementwise semantics or reduction combine
  DTypeRule dtype_rule;              // elementwise only
  // Shape/dtype inference for non-elementwise kinds; raises NumPy's errors.
  std::function<Inferred(const std::vector<const Node*>&, const Attrs&)> infer;
  Grad grad = Grad::Unset;
  VjpFn vjp;  // set exactly when grad == Rule
  // Reductions: without a dtype= the output keeps the input's dtype, or for
  // sum and prod widens bool and small integers to int64/uint64 (NumPy's).
  bool widens_small_ints = false;
  // The Python namespace the front end puts the primitive in: "" NumPy's (a
  // NumPy ufunc of the same name), "special" npt.special (scipy.special's).
  std::string module;
  // The eager implementation on ATen (graph/eager.cpp): the node's value from
  // its inputs' values, NumPy's semantics. The reference executor runs these.
  at::Tensor (*eager)(const Node& node, const std::vector<at::Tensor>& inputs) = nullptr;
  // Opaque ops that can overwrite input 0 (update): the same result written
  // into inputs[0]'s own memory, returned. The executor calls it when it can
  // donate that buffer: no later reader, not an output, not shared.
  at::Tensor (*eager_into)(const Node& node, const std::vector<at::Tensor>& inputs) = nullptr;
  // Movement ops: the view rule, the index map of the result given its
  // input's (which fusion folds into kernel operands); false where the view
  // cannot be a strided one (a reshape NumPy would copy). A source with one
  // (iota) is its own index map: fusion reads its values as indices.
  bool (*view)(const StridedView& in, const Node& node, StridedView& out) = nullptr;
  // Views that can be written through (slice, reshape, permute, real,
  // imag): the new value of the view's input, given its current value, the
  // view node and the view's new value. nullptr: a read-only view.
  std::shared_ptr<const Node> (*write_back)(const std::shared_ptr<const Node>& input, const Node& view,
                                            const std::shared_ptr<const Node>& new_view) = nullptr;
  // Opaque ops: inputs from this one on are int64 index arrays (gather,
  // scatter), which canonicalization leaves as they are; -1: none.
  int index_inputs_from = -1;
};

using OpId = int;
const OpDef& op_def(OpId id);
OpId op_id(const std::string& name);  // InternalError if unknown
int num_ops();

// A code generator's coverage, for the registry check: whether it has its
// line for a ScalarOp (codegen/ provides one per backend).
struct BackendLines {
  const char* name;
  bool (*has)(ScalarOp);
  bool (*has_complex)(ScalarOp);  // its line for complex operands (their own table)
};

// Verify the table: every elementwise op has a scalar op with a line in
// every backend (and a complex line where its loops include complex ones), every non-elementwise op an infer rule, every op a gradient
// marker, and a VJP exactly when it says Grad::Rule. Returns the problems
// found (empty when good).
std::vector<std::string> check_registry(const std::vector<BackendLines>& backends);
// The same check on any table (tests break a copy of the real one).
std::vector<std::string> check_registry(const std::vector<OpDef>& table,
                                        const std::vector<BackendLines>& backends);
const std::vector<OpDef>& registry_table();

// Elementwise dtype resolution shared by inference and canonicalization:
// the common dtype of `inputs` by NEP 50 (weak Python scalars included).
DType common_dtype(const Node* const* inputs, size_t n);
// The loop (compute dtype) elementwise `def` picks for inputs of these dtypes
// (weak scalars already given theirs): TypeError as NumPy's when none.
DType resolve_loop(const OpDef& def, const DType* inputs, size_t n);
Inferred infer_elementwise(const OpDef& def, const std::vector<const Node*>& inputs);
// The dtype canonicalization gives input i of elementwise node n: its compute
// dtype, or bool for a condition input.
DType elementwise_input_dtype(const Node& n, size_t i);

// Identity element of a reduction's combine op for dtype t (as a double or
// integer pattern); used by codegen.
Scalar reduction_identity(ScalarOp combine, DType t);
// Output dtype of reduction `def` over an `in` array when no dtype= is given.
DType reduction_default_dtype(const OpDef& def, DType in);
// Accumulator dtype of a reduction that outputs `out`.
DType reduction_acc_dtype(ScalarOp combine, DType out);

}  // namespace npt
