// CUDA codegen, compile-only: every elementwise primitive of the registry
// and representative fused kernels go through emit_cuda and NVRTC (CUBIN
// for sm_90). Needs NVRTC, not a GPU; skipped only where NVRTC is missing.
#include <gtest/gtest.h>

#include "codegen/cuda_emit.h"
#include "codegen/nvrtc.h"
#include "core/error.h"
#include "fusion/partition.h"
#include "graph/passes/passes.h"

using namespace npt;

namespace {

NodeRef input(DType t, Shape s) { return make_input(Buffer::empty(t, s)); }

// CUDA source of every kernel of the plan for `outs`.
std::string cuda_of(const std::vector<NodeRef>& outs, const std::string& prefix, int* kernels) {
  Partition p = partition(dce(cse(canonicalize(Graph::from_outputs(outs)))));
  std::string src;
  int i = 0;
  for (auto& st : p.steps) {
    if (!st.is_kernel) continue;
    const KernelSpec& k = st.kernel;
    Variant v;
    v.K = k.has_reduction() ? 1 : 0;
    v.R = 1;
    v.inner.assign(k.operands.size() + k.outputs.size(), 1);
    src += emit_cuda(k, v, prefix + "_" + std::to_string(i++));
  }
  if (kernels) *kernels += i;
  return src;
}

void expect_compiles(const std::string& src, const std::string& what) {
  NvrtcOutput out = nvrtc_compile(src, what, 90);
  EXPECT_TRUE(out.ok) << what << ":\n" << out.log << "\n--- source ---\n" << src;
  if (out.ok) EXPECT_GT(out.cubin.size(), 100u);
}

#define REQUIRE_NVRTC()                                                      \
  do {                                                                       \
    std::string why;                                                         \
    if (!nvrtc_available(&why)) GTEST_SKIP() << "NVRTC unavailable: " << why; \
  } while (0)

}  // namespace

TEST(CudaCodegen, NvrtcReportsErrorsWithoutThrowing) {
  REQUIRE_NVRTC();
  EXPECT_GT(nvrtc_version(), 11000);
  NvrtcOutput bad = nvrtc_compile("extern \"C\" __global__ void k() { undefined_thing(); }", "bad", 90);
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.log.find("undefined_thing"), std::string::npos);
}

TEST(CudaCodegen, EveryElementwisePrimitiveCompiles) {
  REQUIRE_NVRTC();
  for (DType t : {DType::Float32, DType::Float64, DType::Int32, DType::UInt8, DType::Bool,
                  DType::Float16, DType::Int64}) {
    std::string src;
    int kernels = 0, ops = 0;
    for (const OpDef& d : registry_table()) {
      if (d.kind != OpKind::Elementwise || d.name == "cast") continue;
      std::vector<NodeRef> ins;
      for (int i = 0; i < d.arity; ++i) ins.push_back(input(i == 0 && d.name == "where" ? DType::Bool : t, {16}));
      NodeRef y;
      try {
        y = make_node(d.name, {}, ins);
      } catch (const std::exception&) {
        continue;  // NumPy has no loop for this dtype (e.g. negative of bool)
      }
      ++ops;
      src += cuda_of({y}, d.name + std::string("_") + dtype_name(t), &kernels);
    }
    EXPECT_GT(ops, 20) << dtype_name(t);
    EXPECT_EQ(kernels, ops);
    expect_compiles(src, std::string("primitives_") + dtype_name(t));
  }
}

TEST(CudaCodegen, CastsBetweenAllRealDtypesCompile) {
  REQUIRE_NVRTC();
  std::string src;
  std::vector<DType> real = {DType::Bool, DType::Int8, DType::Int16, DType::Int32, DType::Int64,
                             DType::UInt8, DType::UInt16, DType::UInt32, DType::UInt64,
                             DType::Float16, DType::Float32, DType::Float64};
  for (DType a : real)
    for (DType b : real) {
      if (a == b) continue;
      Attrs at;
      at.dtype = b;
      src += cuda_of({make_node("cast", at, {input(a, {8})})},
                     std::string("cast_") + dtype_name(a) + "_" + dtype_name(b), nullptr);
    }
  expect_compiles(src, "casts");
}

TEST(CudaCodegen, FusedKernelsCompile) {
  REQUIRE_NVRTC();
  auto x = input(DType::Float32, {64, 32});
  Scalar two;
  two.re = 2;
  auto w2 = make_constant(two, DType::Float64, true);
  auto sq = [&](NodeRef v) { return make_node("power", {}, {v, w2}); };
  auto y = make_node("add", {}, {sq(make_node("sin", {}, {x})), sq(make_node("cos", {}, {x}))});
  Attrs all;
  all.ints = {0, 1};
  all.dtype = DType::Float32;
  Attrs rows = all;
  rows.ints = {1};
  Attrs perm;
  perm.ints = {1, 0};
  auto xt = make_node("permute", perm, {x});
  Attrs h;
  h.dtype = DType::Float16;
  auto xh = make_node("cast", h, {x});
  Attrs hsum = rows;
  hsum.dtype = DType::Float16;
  int kernels = 0;
  std::string src;
  src += cuda_of({make_node("reduce_sum", all, {y})}, "sum_all", &kernels);              // 1 reduction
  src += cuda_of({y, make_node("reduce_max", rows, {y})}, "multi", &kernels);          // store + reduce
  src += cuda_of({make_node("multiply", {}, {xt, make_node("exp", {}, {xt})})}, "view", &kernels);
  src += cuda_of({make_node("reduce_sum", hsum, {make_node("tanh", {}, {xh})})}, "half", &kernels);
  Attrs io;
  io.shape = {64, 32};
  io.ints = {1};
  auto iota = make_node("iota", io, {});
  Attrs f64;
  f64.dtype = DType::Float64;
  src += cuda_of({make_node("where", {}, {make_node("less", {}, {iota, make_node("cast", f64, {x})}), x, w2})},
                 "iota", &kernels);
  EXPECT_EQ(kernels, 5);
  expect_compiles(src, "fused");
}
