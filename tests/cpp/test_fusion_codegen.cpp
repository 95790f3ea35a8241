// fusion/ kernel counts (without running) and codegen of every primitive
// against a scalar reference.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <functional>

#include "codegen/kernel_cache.h"
#include "core/error.h"
#include "fusion/partition.h"
#include "graph/passes/passes.h"
#include "runtime/runtime.h"

using namespace npt;

namespace {

// These tests count compiles and run the kernels from the first call:
// tiered execution (tests/python/test_tiered.py) is off for the binary,
// before anything reads NPT_TIERED.
const int kCompileFirst = setenv("NPT_TIERED", "0", /*overwrite=*/0);
NodeRef input(DType t, Shape s) { return make_input(Buffer::empty(t, s)); }
NodeRef op(const std::string& name, std::vector<NodeRef> in, Attrs a = {}) {
  return make_node(name, a, in);
}
NodeRef weak(double v) {
  Scalar s;
  s.kind = 2;
  s.re = v;
  return make_constant(s, DType::Float64, true);
}
Partition plan(std::vector<NodeRef> outs) {
  Graph g = dce(cse(canonicalize(Graph::from_outputs(outs))));
  EXPECT_TRUE(verify(g, true).empty());
  return partition(g);
}
NodeRef reduce(const std::string& name, NodeRef x, std::vector<int64_t> axes, DType t) {
  Attrs a;
  a.ints = axes;
  a.dtype = t;
  return op(name, {x}, a);
}
}  // namespace

TEST(Fusion, ElementwiseChainIsOneKernel) {
  auto x = input(DType::Float32, {1000});
  auto two = weak(2);
  auto y = op("add", {op("power", {op("sin", {x}), two}), op("power", {op("cos", {x}), two})});
  EXPECT_EQ(plan({y}).num_kernels(), 1);
}

TEST(Fusion, ReductionAbsorbsProducers) {
  auto x = input(DType::Float32, {1000});
  auto y = op("add", {op("sin", {x}), op("cos", {x})});
  EXPECT_EQ(plan({reduce("reduce_sum", y, {0}, DType::Float32)}).num_kernels(), 1);
}

TEST(Fusion, SeveralOutputsShareOneKernel) {
  auto x = input(DType::Float32, {64});
  auto s = op("sin", {x});
  auto t = op("multiply", {s, s});
  Partition p = plan({s, t, reduce("reduce_sum", t, {0}, DType::Float32)});
  ASSERT_EQ(p.num_kernels(), 1);
  EXPECT_EQ(p.steps[0].kernel.outputs.size(), 3u);
}

TEST(Fusion, ViewsAreIndexMaps) {
  auto a = input(DType::Float64, {4, 5});
  Attrs perm;
  perm.ints = {1, 0};
  auto at = op("permute", {a}, perm);
  auto b = input(DType::Float64, {5, 4});
  Partition p = plan({op("add", {at, b})});
  ASSERT_EQ(p.num_kernels(), 1);
  const KernelSpec& k = p.steps[0].kernel;
  // the transposed operand reads with strides (1, 5): no copy kernel
  bool found = false;
  for (auto& o : k.operands) found |= o.strides == std::vector<int64_t>{1, 5};
  EXPECT_TRUE(found);
}

TEST(Fusion, IncompatibleReshapeMaterializesFirst) {
  auto a = input(DType::Float64, {4, 5});
  Attrs perm;
  perm.ints = {1, 0};
  Attrs flat;
  flat.shape = {20};
  auto r = op("reshape", {op("exp", {op("permute", {a}, perm)})}, flat);
  Partition p = plan({op("sin", {r})});
  // the reshape cannot fold into the transposed leaf: exp(a.T) is stored, then read flat
  EXPECT_EQ(p.num_kernels(), 2);
  auto r2 = op("reshape", {op("permute", {a}, perm)}, flat);
  EXPECT_EQ(plan({op("sin", {r2})}).num_kernels(), 2);  // transpose copy, then sin
}

TEST(Fusion, MeanOfSquaredDeviationsCountsKernels) {
  auto x = input(DType::Float32, {1000});
  auto s = reduce("reduce_sum", x, {0}, DType::Float32);
  auto m = op("divide", {s, weak(1000)});
  auto d = op("subtract", {x, m});
  auto v = reduce("reduce_sum", op("multiply", {d, d}), {0}, DType::Float32);
  Partition p = plan({op("divide", {v, weak(1000)})});
  EXPECT_EQ(p.num_kernels(), 3);  // sum; fused (x - s/n)^2 sum; final divide
}

TEST(Fusion, MatmulIsABarrier) {
  auto a = input(DType::Float32, {8, 4});
  auto b = input(DType::Float32, {4, 3});
  auto c = op("tanh", {op("matmul", {op("exp", {a}), b})});
  Partition p = plan({c});
  EXPECT_EQ(p.num_kernels(), 2);
  EXPECT_EQ(p.steps.size(), 3u);
}

// ---- codegen: each primitive against a scalar reference -----------------

namespace {
std::vector<double> run_unary(const std::string& name, DType t, const std::vector<double>& xs) {
  Buffer b = Buffer::empty(DType::Float64, {(int64_t)xs.size()});
  std::copy(xs.begin(), xs.end(), static_cast<double*>(b.data()));
  Attrs c;
  c.dtype = t;
  auto x = op("cast", {make_input(b)}, c);
  c.dtype = DType::Float64;
  auto y = op("cast", {op(name, {x})}, c);
  evaluate({y});
  const double* p = static_cast<const double*>(y->value().data());
  return std::vector<double>(p, p + xs.size());
}
std::vector<double> run_binary(const std::string& name, DType t, const std::vector<double>& xs,
                               const std::vector<double>& ys) {
  auto mk = [&](const std::vector<double>& v) {
    Buffer b = Buffer::empty(DType::Float64, {(int64_t)v.size()});
    std::copy(v.begin(), v.end(), static_cast<double*>(b.data()));
    Attrs c;
    c.dtype = t;
    return op("cast", {make_input(b)}, c);
  };
  Attrs c;
  c.dtype = DType::Float64;
  auto y = op("cast", {op(name, {mk(xs), mk(ys)})}, c);
  evaluate({y});
  const double* p = static_cast<const double*>(y->value().data());
  return std::vector<double>(p, p + xs.size());
}
}  // namespace

TEST(Codegen, UnaryFloatPrimitivesMatchLibm) {
  std::vector<double> xs;
  for (int i = 0; i < 37; ++i) xs.push_back(-0.9 + 0.05 * i);
  std::vector<std::pair<std::string, std::function<double(double)>>> cases = {
      {"negative", [](double x) { return -x; }}, {"absolute", [](double x) { return std::fabs(x); }},
      {"exp", [](double x) { return std::exp(x); }}, {"expm1", [](double x) { return std::expm1(x); }},
      {"sin", [](double x) { return std::sin(x); }}, {"cos", [](double x) { return std::cos(x); }},
      {"tan", [](double x) { return std::tan(x); }}, {"arcsin", [](double x) { return std::asin(x); }},
      {"arccos", [](double x) { return std::acos(x); }}, {"arctan", [](double x) { return std::atan(x); }},
      {"tanh", [](double x) { return std::tanh(x); }}, {"sinh", [](double x) { return std::sinh(x); }},
      {"cosh", [](double x) { return std::cosh(x); }}, {"log1p", [](double x) { return std::log1p(x); }},
      {"sign", [](double x) { return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0; }},
  };
  for (auto& [name, ref] : cases) {
    for (DType t : {DType::Float64, DType::Float32}) {
      auto got = run_unary(name, t, xs);
      for (size_t i = 0; i < xs.size(); ++i) {
        double want = t == DType::Float32 ? (double)(float)ref((float)xs[i]) : ref(xs[i]);
        EXPECT_NEAR(got[i], want, 4e-6 * std::max(1.0, std::fabs(want))) << name << " at " << xs[i];
      }
    }
  }
  std::vector<double> pos;
  for (int i = 1; i < 30; ++i) pos.push_back(0.37 * i);
  for (auto& [name, ref] : std::vector<std::pair<std::string, std::function<double(double)>>>{
           {"log", [](double x) { return std::log(x); }}, {"log2", [](double x) { return std::log2(x); }},
           {"log10", [](double x) { return std::log10(x); }}, {"sqrt", [](double x) { return std::sqrt(x); }}}) {
    auto got = run_unary(name, DType::Float64, pos);
    for (size_t i = 0; i < pos.size(); ++i) EXPECT_NEAR(got[i], ref(pos[i]), 1e-12 * std::fabs(ref(pos[i])) + 1e-15) << name;
  }
}

TEST(Codegen, BinaryPrimitivesMatchScalarReference) {
  std::vector<double> xs = {-7, -3.5, -1, 0, 2, 5.25, 9, 13};
  std::vector<double> ys = {2, -2, 3, 7, -4, 2.5, -3, 5};
  auto pyfloordiv = [](double a, double b) { return std::floor(a / b); };
  auto pymod = [](double a, double b) { double m = std::fmod(a, b); return (m != 0 && ((m < 0) != (b < 0))) ? m + b : m; };
  std::vector<std::pair<std::string, std::function<double(double, double)>>> cases = {
      {"add", [](double a, double b) { return a + b; }}, {"subtract", [](double a, double b) { return a - b; }},
      {"multiply", [](double a, double b) { return a * b; }}, {"divide", [](double a, double b) { return a / b; }},
      {"floor_divide", pyfloordiv}, {"remainder", pymod},
      {"maximum", [](double a, double b) { return std::max(a, b); }},
      {"minimum", [](double a, double b) { return std::min(a, b); }},
      {"equal", [](double a, double b) { return double(a == b); }},
      {"less", [](double a, double b) { return double(a < b); }},
      {"less_equal", [](double a, double b) { return double(a <= b); }},
  };
  for (auto& [name, ref] : cases) {
    auto got = run_binary(name, DType::Float64, xs, ys);
    for (size_t i = 0; i < xs.size(); ++i) EXPECT_DOUBLE_EQ(got[i], ref(xs[i], ys[i])) << name << " " << xs[i] << "," << ys[i];
  }
  // integer floor division and remainder follow Python (and divide by 0 gives 0)
  std::vector<double> ix = {-7, 7, -7, 7, 5, -128}, iy = {2, -2, -2, 0, 3, -1};
  auto q = run_binary("floor_divide", DType::Int8, ix, iy);
  auto r = run_binary("remainder", DType::Int8, ix, iy);
  std::vector<double> wq = {-4, -4, 3, 0, 1, -128}, wr = {1, -1, -1, 0, 2, 0};
  EXPECT_EQ(q, wq);
  EXPECT_EQ(r, wr);
  auto p = run_binary("power", DType::Int64, {3, -2, 10}, {4, 3, 0});
  EXPECT_EQ(p, (std::vector<double>{81, -8, 1}));
}

TEST(Codegen, ShapeGenericKernelsAreReused) {
  auto run = [](int64_t n) {
    auto x = input(DType::Float32, {n});
    evaluate({op("exp", {op("sin", {x})})});
  };
  run(100);
  int64_t compiles = cache_stats().compiles;
  run(12345);
  run(7);
  EXPECT_EQ(cache_stats().compiles, compiles);
}

TEST(Codegen, ReductionsOverAxes) {
  Buffer b = Buffer::empty(DType::Float64, {3, 4, 5});
  double* p = static_cast<double*>(b.data());
  for (int i = 0; i < 60; ++i) p[i] = i;
  auto x = make_input(b);
  auto s = reduce("reduce_sum", x, {0, 2}, DType::Float64);
  evaluate({s});
  const double* r = static_cast<const double*>(s->value().data());
  for (int j = 0; j < 4; ++j) {
    double want = 0;
    for (int i = 0; i < 3; ++i)
      for (int k = 0; k < 5; ++k) want += i * 20 + j * 5 + k;
    EXPECT_EQ(r[j], want);
  }
}

// Driven by the registry (as the NVRTC test is for CUDA): every elementwise
// primitive and every reduction compiles for the CPU target, for each dtype
// NumPy has a loop for. A ScalarOp without an LLVM line fails here. Under
// NPT_CPU (scripts/test.sh) this also covers the other CPU levels.
TEST(Codegen, EveryPrimitiveCompilesForTheCpu) {
  for (DType t : {DType::Float32, DType::Float64, DType::Int32, DType::UInt8, DType::Bool,
                  DType::Float16, DType::Int64, DType::UInt64}) {
    int ops = 0;
    for (const OpDef& d : registry_table()) {
      if ((d.kind != OpKind::Elementwise && d.kind != OpKind::Reduction) || d.name == "cast") continue;
      std::vector<NodeRef> ins;
      for (int i = 0; i < d.arity; ++i)
        ins.push_back(input(i == 0 && d.name == "where" ? DType::Bool : t, {9, 7}));
      NodeRef y;
      try {
        Attrs a;
        if (d.kind == OpKind::Reduction) {
          a.ints = {1};
          a.dtype = reduction_default_dtype(d, t);
        }
        y = make_node(d.name, a, ins);
      } catch (const std::exception&) {
        continue;  // NumPy has no loop for this dtype (e.g. negative of bool)
      }
      ++ops;
      PlanReport r;
      ASSERT_NO_THROW(r = explain({y}, false)) << d.name << " on " << dtype_name(t);  // plans and compiles
      EXPECT_FALSE(r.kernels.empty()) << d.name;
    }
    EXPECT_GT(ops, 24) << dtype_name(t);
  }
}

// The registry check over every slot of every primitive: removing any one
// (scalar semantics, dtype loops, shape rule, gradient marker or VJP, eager
// ATen implementation, or a backend's line for its ScalarOp, ATen's
// included) is reported, naming the primitive.
TEST(Registry, EverySlotOfEveryPrimitiveIsChecked) {
  const std::vector<BackendLines>& backends = code_generators();
  ASSERT_GE(backends.size(), 2u);  // (llvm,) cuda and aten
  EXPECT_TRUE(check_registry(registry_table(), backends).empty());
  auto expect_reported = [&](const std::vector<OpDef>& ops, const std::vector<BackendLines>& b,
                             const std::string& name, const char* slot) {
    auto problems = check_registry(ops, b);
    bool named = false;
    for (auto& p : problems) named |= p.rfind(name + ":", 0) == 0;
    EXPECT_TRUE(named) << "removing the " << slot << " of " << name << " went unreported";
  };
  int checked = 0, complex_lines = 0;
  for (size_t i = 0; i < registry_table().size(); ++i) {
    const OpDef& d = registry_table()[i];
    auto without = [&](auto&& change) {
      std::vector<OpDef> ops = registry_table();
      change(ops[i]);
      return ops;
    };
    if (d.scalar != ScalarOp::None) {
      expect_reported(without([](OpDef& o) { o.scalar = ScalarOp::None; }), backends, d.name, "scalar op");
      // each backend's line for this op's ScalarOp
      for (size_t k = 0; k < backends.size(); ++k) {
        static ScalarOp removed;
        static size_t which;
        removed = d.scalar;
        which = k;
        std::vector<BackendLines> b = backends;
        if (d.kind != OpKind::Elementwise || (d.dtype_rule.loops & ~kComplexLoops) || d.dtype_rule.as_bool ||
            d.scalar == ScalarOp::Cast) {
          b[k].has = +[](ScalarOp s) { return s != removed && code_generators()[which].has(s); };
          expect_reported(registry_table(), b, d.name, "backend line");
        }
        // and its complex line, where its loops include complex ones
        if (d.kind == OpKind::Elementwise && !d.dtype_rule.as_bool &&
            ((d.dtype_rule.loops & kComplexLoops) || d.scalar == ScalarOp::Cast)) {
          b = backends;
          b[k].has_complex = +[](ScalarOp s) { return s != removed && code_generators()[which].has_complex(s); };
          expect_reported(registry_table(), b, d.name, "complex backend line");
          ++complex_lines;
        }
      }
    }
    if (d.kind == OpKind::Elementwise && !d.infer)
      expect_reported(without([](OpDef& o) { o.dtype_rule.loops = 0; o.dtype_rule.as_bool = false; }),
                      backends, d.name, "dtype loops");
    if (d.kind != OpKind::Elementwise)
      expect_reported(without([](OpDef& o) { o.infer = nullptr; }), backends, d.name, "shape rule");
    if (d.kind == OpKind::Movement)
      expect_reported(without([](OpDef& o) { o.view = nullptr; }), backends, d.name, "view rule");
    expect_reported(without([](OpDef& o) { o.grad = Grad::Unset; }), backends, d.name, "gradient marker");
    expect_reported(without([](OpDef& o) { o.eager = nullptr; }), backends, d.name, "eager (ATen) implementation");
    if (d.grad == Grad::Rule)
      expect_reported(without([](OpDef& o) { o.vjp = nullptr; }), backends, d.name, "VJP");
    ++checked;
  }
  EXPECT_EQ(checked, num_ops());
  EXPECT_GT(complex_lines, 40 * static_cast<int>(backends.size()));
}
