// CUDA codegen, compile-only: every elementwise primitive of the registry
// and representative fused kernels go through emit_cuda and NVRTC (CUBIN
// for sm_90). Needs NVRTC, not a GPU; skipped only where NVRTC is missing.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

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

TEST(CudaCodegen, CubinsAreCachedOnDisk) {
  REQUIRE_NVRTC();
  std::string dir = ::testing::TempDir() + "npt_cache_" + std::to_string(::getpid());
  const char* outer = std::getenv("NPT_CACHE_DIR");
  std::string saved = outer ? outer : "";
  setenv("NPT_CACHE_DIR", dir.c_str(), 1);
  std::string src = "extern \"C\" __global__ void k(float* x) { x[threadIdx.x] *= 2.0f; }";
  bool hit = true;
  NvrtcOutput a = nvrtc_compile_cached(src, "k", 90, &hit);
  ASSERT_TRUE(a.ok) << a.log;
  EXPECT_FALSE(hit);
  NvrtcOutput b = nvrtc_compile_cached(src, "k", 90, &hit);
  EXPECT_TRUE(hit);
  EXPECT_EQ(a.cubin, b.cubin);
  nvrtc_compile_cached(src, "k", 80, &hit);  // another arch is another key
  EXPECT_FALSE(hit);
  struct stat st;
  ASSERT_EQ(stat((dir + "/cuda").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0077, 0u);  // private to the user
  if (outer) setenv("NPT_CACHE_DIR", saved.c_str(), 1);
  else unsetenv("NPT_CACHE_DIR");
}

TEST(CudaCodegen, EveryElementwisePrimitiveCompiles) {
  REQUIRE_NVRTC();
  for (DType t : {DType::Float32, DType::Float64, DType::Int32, DType::UInt8, DType::Bool,
                  DType::Float16, DType::Int64, DType::Complex64, DType::Complex128}) {
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
                             DType::Float16, DType::Float32, DType::Float64,
                             DType::Complex64, DType::Complex128};
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
  // reductions of every accumulator kind: bool (all/any), small ints, uint64, float16
  for (DType t : {DType::Bool, DType::Int8, DType::UInt64, DType::Float16, DType::Int32}) {
    auto v = input(t, {16, 8});
    for (const char* r : {"reduce_sum", "reduce_prod", "reduce_max", "reduce_min"}) {
      Attrs a;
      a.ints = {1};
      a.dtype = t;
      src += cuda_of({make_node(r, a, {v})}, std::string(r) + "_" + dtype_name(t), &kernels);
    }
  }
  // complex sums and products (complex64 accumulates in complex128), and a
  // complex expression with its casts
  for (DType t : {DType::Complex64, DType::Complex128}) {
    auto v = input(t, {16, 8});
    for (const char* r : {"reduce_sum", "reduce_prod"}) {
      Attrs a;
      a.ints = {1};
      a.dtype = t;
      src += cuda_of({make_node(r, a, {make_node("exp", {}, {v})})}, std::string(r) + "_" + dtype_name(t), &kernels);
    }
    auto wide = input(t, {64, 32});
    src += cuda_of({make_node("absolute", {}, {make_node("multiply", {}, {wide, make_node("cast", f64, {x})})})},
                   std::string("cx_mixed_") + dtype_name(t), &kernels);
  }
  EXPECT_EQ(kernels, 31);
  expect_compiles(src, "fused");
}

// ---- semantics of the generated CUDA C, checked on the host ---------------
// The same source, with a small shim for CUDA's keywords and builtins, is
// compiled by the host C++ compiler and run single-threaded (one block of
// one thread covers the whole grid-stride loop). Its results must equal the
// LLVM backend's (itself tested against NumPy) for every primitive.

#include <dlfcn.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>

#include "runtime/runtime.h"

namespace {

const char* kHostShim = R"(
#include <cmath>
#include <cstring>
using namespace std;
#define __global__
#define __device__
#define __forceinline__ inline
struct npt_dim3 { unsigned x, y, z; };
static npt_dim3 threadIdx = {0, 0, 0}, blockIdx = {0, 0, 0}, blockDim = {1, 1, 1}, gridDim = {1, 1, 1};
inline float __int_as_float(int i) { float f; memcpy(&f, &i, 4); return f; }
inline double __longlong_as_double(long long i) { double d; memcpy(&d, &i, 8); return d; }
inline int __popcll(unsigned long long x) { return __builtin_popcountll(x); }
inline int atomicExch(int* p, int v) { int o = *p; *p = v; return o; }
inline double erfinv(double y) {  // CUDA's; Newton from 0 is enough for the test's inputs
  if (!(y > -1 && y < 1)) return y == 1 ? INFINITY : y == -1 ? -INFINITY : NAN;
  double x = 0;
  for (int i = 0; i < 60; ++i) x -= (std::erf(x) - y) / (1.1283791670955126 * std::exp(-x * x));
  return x;
}
inline float erfinvf(float y) { return (float)erfinv(y); }
)";

struct HostArgs {  // NptArgs of the generated code
  char* ptrs[32];
  long long meta[224];
};
using HostKernel = void (*)(long long, long long, long long, HostArgs);

struct HostLib {
  void* handle = nullptr;
  std::string error;
  HostLib(const std::string& src, const std::string& tag) {
    std::string dir = ::testing::TempDir();
    std::string cu = dir + "npt_host_" + tag + ".cpp", so = dir + "npt_host_" + tag + ".so";
    std::ofstream(cu) << kHostShim << src;
    std::string cmd = "c++ -std=c++17 -O1 -shared -fPIC -w -o " + so + " " + cu + " 2> " + so + ".log";
    if (std::system(cmd.c_str()) != 0) {
      std::ifstream log(so + ".log");
      error.assign(std::istreambuf_iterator<char>(log), {});
      return;
    }
    handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) error = dlerror();
  }
  ~HostLib() {
    if (handle) dlclose(handle);
  }
  HostKernel get(const std::string& name) { return reinterpret_cast<HostKernel>(dlsym(handle, name.c_str())); }
};

Buffer filled(DType t, int64_t n, std::mt19937& rng, bool divisor) {
  Buffer b = Buffer::empty(t, {n});
  for (int64_t i = 0; i < n; ++i) {
    double v = is_float(t) ? std::uniform_real_distribution<double>(0.05, 0.95)(rng) * (i % 3 == 0 ? -3 : 3)
                           : static_cast<double>(std::uniform_int_distribution<int>(-9, 9)(rng));
    if (divisor && v == 0) v = 3;
    if (is_unsigned_int(t)) v = std::fabs(v);
    if (t == DType::Bool) v = i % 3 == 0;
    switch (t) {
      case DType::Bool: static_cast<uint8_t*>(b.data())[i] = v != 0; break;
      case DType::Int8: static_cast<int8_t*>(b.data())[i] = static_cast<int8_t>(v); break;
      case DType::UInt8: static_cast<uint8_t*>(b.data())[i] = static_cast<uint8_t>(v); break;
      case DType::Int32: static_cast<int32_t*>(b.data())[i] = static_cast<int32_t>(v); break;
      case DType::Int64: static_cast<int64_t*>(b.data())[i] = static_cast<int64_t>(v); break;
      case DType::Float32: static_cast<float*>(b.data())[i] = static_cast<float>(v); break;
      case DType::Float64: static_cast<double*>(b.data())[i] = v; break;
      default: break;
    }
  }
  return b;
}

double element(const Buffer& b, int64_t i) {
  switch (b.dtype()) {
    case DType::Bool: case DType::UInt8: return static_cast<const uint8_t*>(b.data())[i];
    case DType::Int8: return static_cast<const int8_t*>(b.data())[i];
    case DType::Int32: return static_cast<const int32_t*>(b.data())[i];
    case DType::Int64: return static_cast<double>(static_cast<const int64_t*>(b.data())[i]);
    case DType::Float32: return static_cast<const float*>(b.data())[i];
    case DType::Float64: return static_cast<const double*>(b.data())[i];
    default: return NAN;
  }
}

}  // namespace

TEST(CudaCodegen, ElementwiseSemanticsMatchTheCpuBackendOnHost) {
  if (std::system("c++ --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "no host C++ compiler";
  const int64_t n = 257;
  for (DType t : {DType::Float32, DType::Float64, DType::Int32, DType::Int8, DType::UInt8, DType::Bool}) {
    std::mt19937 rng(42);
    NodeRef a = make_input(filled(t, n, rng, false)), b = make_input(filled(t, n, rng, true));
    NodeRef c = make_input(filled(DType::Bool, n, rng, false));
    struct Case { std::string name; NodeRef y; const KernelSpec* spec = nullptr; Partition p; };
    std::vector<Case> cases;
    std::string src;
    for (const OpDef& d : registry_table()) {
      if (d.kind != OpKind::Elementwise || d.name == "cast") continue;
      if (d.name == "power" && is_signed_int(t)) continue;  // int ** negative: NumPy raises
      std::vector<NodeRef> ins = d.arity == 1 ? std::vector<NodeRef>{a}
                                 : d.arity == 2 ? std::vector<NodeRef>{a, b} : std::vector<NodeRef>{c, a, b};
      NodeRef y;
      try {
        y = make_node(d.name, {}, ins);
      } catch (const std::exception&) {
        continue;
      }
      Case k;
      k.name = d.name + "_" + dtype_name(t);
      k.y = y;
      k.p = partition(dce(cse(canonicalize(Graph::from_outputs({y})))));
      ASSERT_EQ(k.p.num_kernels(), 1) << k.name;
      cases.push_back(std::move(k));
    }
    ASSERT_GT(cases.size(), t == DType::Bool ? 12u : 20u) << dtype_name(t);
    for (auto& k : cases) {
      k.spec = &k.p.steps[0].kernel;
      Variant v;
      v.inner.assign(k.spec->operands.size() + 1, 1);
      src += emit_cuda(*k.spec, v, k.name);
    }
    HostLib lib(src, dtype_name(t));
    ASSERT_TRUE(lib.handle) << lib.error;
    for (auto& k : cases) {
      // CPU reference
      evaluate({k.y});
      const Buffer& want = k.y->value();
      // the CUDA kernel on the host: slots of this partition -> buffers
      const KernelSpec& s = *k.spec;
      std::vector<Buffer> keep;
      std::vector<char*> ptrs;
      std::vector<long long> meta = {n, 1};
      for (auto& op : s.operands) {
        const Slot& slot = k.p.slots[op.slot];
        Buffer buf;
        if (slot.kind == Slot::Leaf) buf = slot.node->value();
        else {  // a scalar constant: written as the CPU executor does, via a 0-d evaluate
          NodeRef cn = slot.node;
          evaluate({cn});
          buf = cn->value();
        }
        keep.push_back(buf);
        ptrs.push_back(static_cast<char*>(buf.data()));
        meta.push_back(op.offset);
        meta.push_back(op.strides.empty() ? 0 : op.strides[0]);
      }
      Buffer out = Buffer::empty(s.outputs[0].dtype, {n});
      ptrs.push_back(static_cast<char*>(out.data()));
      ptrs.push_back(nullptr);
      meta.push_back(0);
      meta.push_back(1);
      HostKernel fn = lib.get(k.name);
      ASSERT_TRUE(fn) << k.name;
      HostArgs args{};
      std::copy(ptrs.begin(), ptrs.end(), args.ptrs);
      std::copy(meta.begin(), meta.end(), args.meta);
      fn(1, n, 1, args);
      double rtol = out.dtype() == DType::Float32 ? 4e-6 : 1e-13;  // (erf of int8 is float32)
      for (int64_t i = 0; i < n; ++i) {
        double g = element(out, i), w = element(want, i);
        if (std::isnan(w)) {
          EXPECT_TRUE(std::isnan(g)) << k.name << " at " << i;
        } else if (std::isinf(w)) {
          EXPECT_EQ(g, w) << k.name << " at " << i;
        } else {
          EXPECT_NEAR(g, w, rtol * std::max(1.0, std::fabs(w))) << k.name << " at " << i;
        }
      }
    }
  }
}

// An integer power with a negative exponent sets the launch's error word
// (the host raises NumPy's ValueError), as on the CPU; run on the host.
TEST(CudaCodegen, NegativeIntegerPowerSetsTheErrorWord) {
  if (std::system("c++ --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "no host C++ compiler";
  const int64_t n = 5;
  Buffer a = Buffer::empty(DType::Int32, {n}), b = Buffer::empty(DType::Int32, {n});
  for (int64_t i = 0; i < n; ++i) {
    static_cast<int32_t*>(a.data())[i] = 3;
    static_cast<int32_t*>(b.data())[i] = i == 3 ? -1 : static_cast<int32_t>(i);
  }
  NodeRef y = make_node("power", {}, {make_input(a), make_input(b)});
  Partition p = partition(dce(cse(canonicalize(Graph::from_outputs({y})))));
  ASSERT_EQ(p.num_kernels(), 1);
  const KernelSpec& k = p.steps[0].kernel;
  EXPECT_TRUE(k.sets_error_word());
  Variant v;
  v.inner.assign(k.operands.size() + 1, 1);
  std::string src = emit_cuda(k, v, "ipow");
  EXPECT_NE(src.find("npt_ipow_checked"), std::string::npos);
  HostLib lib(src, "ipow");
  ASSERT_TRUE(lib.handle) << lib.error;
  Buffer out = Buffer::empty(DType::Int32, {n});
  int32_t err = 0;
  HostArgs args{};
  int np = 0;
  for (auto& op : k.operands) args.ptrs[np++] = static_cast<char*>(p.slots[op.slot].node->value().data());
  args.ptrs[np++] = static_cast<char*>(out.data());
  args.ptrs[np++] = nullptr;
  args.ptrs[np++] = reinterpret_cast<char*>(&err);
  std::vector<long long> meta = {n, 1};
  for (auto& op : k.operands) meta.push_back(op.offset), meta.push_back(op.strides.empty() ? 0 : op.strides[0]);
  meta.push_back(0);
  meta.push_back(1);
  std::copy(meta.begin(), meta.end(), args.meta);
  lib.get("ipow")(1, n, 1, args);
  EXPECT_EQ(err, 1);
  EXPECT_EQ(static_cast<int32_t*>(out.data())[2], 9);
  // an unsigned power has no word to set
  NodeRef u = make_node("power", {}, {make_input(Buffer::empty(DType::UInt8, {n})), make_input(Buffer::empty(DType::UInt8, {n}))});
  Partition pu = partition(dce(cse(canonicalize(Graph::from_outputs({u})))));
  EXPECT_FALSE(pu.steps[0].kernel.sets_error_word());
}

// The complex lines (npt_cx values, complex_math.h's formulas and the
// prelude's textbook C99 functions) on the host against the LLVM backend's
// (glibc's functions, as NumPy's), on values away from branch cuts and overflow.
TEST(CudaCodegen, ComplexSemanticsMatchTheCpuBackendOnHost) {
  if (std::system("c++ --version > /dev/null 2>&1") != 0) GTEST_SKIP() << "no host C++ compiler";
  const int64_t n = 64;
  for (DType t : {DType::Complex64, DType::Complex128}) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> part(-1.8, 1.8);
    auto filled_cx = [&]() {
      Buffer b = Buffer::empty(t, {n});
      for (int64_t i = 0; i < 2 * n; ++i) {
        double v = part(rng);
        if (std::fabs(v) < 0.05) v = 0.3;  // off the axes (branch cuts of log, sqrt, ...)
        if (t == DType::Complex64) static_cast<float*>(b.data())[i] = static_cast<float>(v);
        else static_cast<double*>(b.data())[i] = v;
      }
      return b;
    };
    NodeRef a = make_input(filled_cx()), b = make_input(filled_cx());
    std::vector<std::pair<std::string, NodeRef>> cases;
    std::string src;
    for (const OpDef& d : registry_table()) {
      if (d.kind != OpKind::Elementwise || d.name == "cast" || d.name == "where" || d.arity > 2) continue;
      if (!(d.dtype_rule.loops & kComplexLoops) || d.dtype_rule.as_bool) continue;
      std::vector<NodeRef> ins = d.arity == 1 ? std::vector<NodeRef>{a} : std::vector<NodeRef>{a, b};
      cases.push_back({d.name + "_" + dtype_name(t), make_node(d.name, {}, ins)});
    }
    ASSERT_GT(cases.size(), 35u);
    std::vector<Partition> parts;
    for (auto& [name, y] : cases) {
      parts.push_back(partition(dce(cse(canonicalize(Graph::from_outputs({y}))))));
      ASSERT_EQ(parts.back().num_kernels(), 1) << name;
      Variant v;
      v.inner.assign(parts.back().steps[0].kernel.operands.size() + 1, 1);
      src += emit_cuda(parts.back().steps[0].kernel, v, name);
    }
    HostLib lib(src, dtype_name(t));
    ASSERT_TRUE(lib.handle) << lib.error;
    for (size_t c = 0; c < cases.size(); ++c) {
      const auto& [name, y] = cases[c];
      evaluate({y});  // the CPU backend
      const Buffer& want = y->value();
      const KernelSpec& s = parts[c].steps[0].kernel;
      HostArgs args{};
      std::vector<long long> meta = {n, 1};
      int np = 0;
      for (auto& op : s.operands) {
        args.ptrs[np++] = static_cast<char*>(parts[c].slots[op.slot].node->value().data());
        meta.push_back(op.offset);
        meta.push_back(op.strides.empty() ? 0 : op.strides[0]);
      }
      Buffer out = Buffer::empty(s.outputs[0].dtype, {n});
      args.ptrs[np++] = static_cast<char*>(out.data());
      args.ptrs[np++] = nullptr;
      meta.push_back(0);
      meta.push_back(1);
      std::copy(meta.begin(), meta.end(), args.meta);
      HostKernel fn = lib.get(name);
      ASSERT_TRUE(fn) << name;
      fn(1, n, 1, args);
      // every result as doubles: (re, im) pairs for complex outputs
      auto numbers = [&](const Buffer& buf) {
        std::vector<double> v;
        int64_t m = is_complex(buf.dtype()) ? 2 * n : n;
        for (int64_t i = 0; i < m; ++i) {
          switch (buf.dtype()) {
            case DType::Complex64: case DType::Float32: v.push_back(static_cast<const float*>(buf.data())[i]); break;
            case DType::Complex128: case DType::Float64: v.push_back(static_cast<const double*>(buf.data())[i]); break;
            case DType::Bool: v.push_back(static_cast<const uint8_t*>(buf.data())[i]); break;
            default: ADD_FAILURE() << name << ": dtype " << dtype_name(buf.dtype());
          }
        }
        return v;
      };
      std::vector<double> g = numbers(out), w = numbers(want);
      ASSERT_EQ(g.size(), w.size()) << name;
      double tol = real_of(t) == DType::Float32 ? 2e-5 : 1e-12;
      for (size_t i = 0; i < g.size(); ++i) {
        double scale = std::max(1.0, std::max(std::fabs(w[i]), std::fabs(w[i ^ (is_complex(out.dtype()) ? 1 : 0)])));
        EXPECT_NEAR(g[i], w[i], tol * scale) << name << " at " << i;
      }
    }
  }
}
