// KernelSpec -> CUDA C. cuda_scalar() is the one place ScalarOps become CUDA
// expressions (the LLVM backend's emit_scalar() is its twin). float16 values
// live in registers as float and are rounded back after every op, as NumPy's
// float16 loops do.
#include "codegen/cuda_emit.h"

#include <cmath>
#include <sstream>

#include "core/error.h"

namespace npt {
namespace {

const char* ctype(DType t) {  // register type
  switch (t) {
    case DType::Bool: return "bool";
    case DType::Int8: return "signed char";
    case DType::Int16: return "short";
    case DType::Int32: return "int";
    case DType::Int64: return "long long";
    case DType::UInt8: return "unsigned char";
    case DType::UInt16: return "unsigned short";
    case DType::UInt32: return "unsigned int";
    case DType::UInt64: return "unsigned long long";
    case DType::Float16: return "float";
    case DType::Float32: return "float";
    case DType::Float64: return "double";
    default:
      throw CompileError(std::string("npt: the CUDA code generator does not support dtype ") +
                         dtype_name(t));
  }
}
const char* mtype(DType t) { return t == DType::Float16 ? "__half" : ctype(t); }

// Device helpers shared by all kernels: NumPy's semantics where C differs.
const char* kPrelude = R"(
#ifndef NPT_PRELUDE
#define NPT_PRELUDE
typedef long long i64;
struct NptArgs { char* ptrs[32]; i64 meta[224]; };  // == CudaArgs (cuda_driver.h)
template <class T> __device__ __forceinline__ T npt_max(T a, T b) { return a > b ? a : b; }
template <class T> __device__ __forceinline__ T npt_min(T a, T b) { return a < b ? a : b; }
__device__ __forceinline__ float npt_max(float a, float b) { return (a != a || a > b) ? a : b; }
__device__ __forceinline__ double npt_max(double a, double b) { return (a != a || a > b) ? a : b; }
__device__ __forceinline__ float npt_min(float a, float b) { return (a != a || a < b) ? a : b; }
__device__ __forceinline__ double npt_min(double a, double b) { return (a != a || a < b) ? a : b; }
template <class T> __device__ __forceinline__ T npt_fmod_py(T a, T b) {
  T m = fmod(a, b);
  if (m != 0) { if ((b < 0) != (m < 0)) m += b; } else { m = copysign(T(0), b); }
  return m;
}
template <class T> __device__ __forceinline__ T npt_fdiv_py(T a, T b) {
  if (b == 0) return a / b;
  T m = fmod(a, b), d = (a - m) / b;
  if (m != 0 && ((b < 0) != (m < 0))) d -= 1;
  if (d == 0) return copysign(T(0), a / b);
  T f = floor(d);
  if (d - f > T(0.5)) f += 1;
  return f;
}
template <class T> __device__ __forceinline__ T npt_idiv_py(T a, T b) {
  if (b == 0) return 0;
  if (T(-1) < T(0) && b == T(-1)) return T(0) - a;  // wraps like NumPy at MIN / -1
  T q = a / b, r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? q - 1 : q;
}
template <class T> __device__ __forceinline__ T npt_imod_py(T a, T b) {
  if (b == 0) return 0;
  if (T(-1) < T(0) && b == T(-1)) return 0;
  T r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}
template <class T> __device__ __forceinline__ T npt_ipow(T b, T e) {
  if (T(-1) < T(0) && e < T(0)) return 0;  // NumPy raises; the host checks
  T r = 1;
  for (unsigned long long k = (unsigned long long)e; k; k >>= 1, b *= b) if (k & 1) r *= b;
  return r;
}
template <class T> __device__ __forceinline__ T npt_sign(T x) {
  return x > T(0) ? T(1) : (x < T(0) ? T(-1) : (x == T(0) ? T(0) : x));
}
#endif
)";

std::string num(double v, DType t) {
  if (std::isnan(v)) return t == DType::Float64 ? "__longlong_as_double(0x7ff8000000000000ULL)" : "__int_as_float(0x7fc00000)";
  if (std::isinf(v)) {
    std::string inf = t == DType::Float64 ? "__longlong_as_double(0x7ff0000000000000ULL)" : "__int_as_float(0x7f800000)";
    return v < 0 ? "(-" + inf + ")" : inf;
  }
  std::ostringstream os;
  os.precision(17);
  os << v;
  std::string s = os.str();
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return t == DType::Float64 ? s : s + "f";
}

std::string constant(DType t, const Scalar& s) {
  if (is_float(t)) return num(s.re, t == DType::Float64 ? DType::Float64 : DType::Float32);
  if (t == DType::Bool) return s.mag ? "true" : "false";
  uint64_t bits = s.negative ? ~s.mag + 1 : s.mag;
  return "(" + std::string(ctype(t)) + ")" + std::to_string(bits) + "ULL";
}

// The per-backend line for every ScalarOp (CUDA).
std::string cuda_scalar(ScalarOp op, DType t, DType out, const std::vector<std::string>& a) {
  bool f = is_float(t), f64 = t == DType::Float64;
  std::string x = a.empty() ? "" : a[0], y = a.size() > 1 ? a[1] : "";
  auto fn = [&](const char* name) {  // float32 math on float16/float32, double on float64
    return std::string(name) + (f64 ? "" : "f") + "(" + x + ")";
  };
  switch (op) {
    case ScalarOp::Cast: {
      if (out == DType::Bool) return "(" + x + " != 0)";
      if (is_float(t) && is_integer(out))
        return out == DType::UInt64 ? "(" + x + " < 0 ? (unsigned long long)(long long)" + x +
                                          " : (unsigned long long)" + x + ")"
                                    : "(" + std::string(ctype(out)) + ")(long long)" + x;
      return "(" + std::string(ctype(out)) + ")" + x;
    }
    case ScalarOp::Neg: return "(" + std::string(ctype(t)) + ")(-" + x + ")";
    case ScalarOp::Abs:
      return f ? fn("fabs") : is_signed_int(t) ? "(" + std::string(ctype(t)) + ")(" + x + " < 0 ? -" + x + " : " + x + ")" : x;
    case ScalarOp::Sign: return "npt_sign(" + x + ")";
    case ScalarOp::Exp: return fn("exp");
    case ScalarOp::Expm1: return fn("expm1");
    case ScalarOp::Log: return fn("log");
    case ScalarOp::Log1p: return fn("log1p");
    case ScalarOp::Log2: return fn("log2");
    case ScalarOp::Log10: return fn("log10");
    case ScalarOp::Sqrt: return fn("sqrt");
    case ScalarOp::Sin: return fn("sin");
    case ScalarOp::Cos: return fn("cos");
    case ScalarOp::Tan: return fn("tan");
    case ScalarOp::Asin: return fn("asin");
    case ScalarOp::Acos: return fn("acos");
    case ScalarOp::Atan: return fn("atan");
    case ScalarOp::Tanh: return fn("tanh");
    case ScalarOp::Sinh: return fn("sinh");
    case ScalarOp::Cosh: return fn("cosh");
    case ScalarOp::Not: return "(!" + x + ")";
    case ScalarOp::IsNan: return f ? "(" + x + " != " + x + ")" : "false";
    case ScalarOp::IsInf: return f ? "(" + fn("fabs") + " == " + num(INFINITY, t) + ")" : "false";
    case ScalarOp::IsFinite: return f ? "(" + fn("fabs") + " < " + num(INFINITY, t) + ")" : "true";
    case ScalarOp::Add:
      return t == DType::Bool ? "(" + x + " || " + y + ")" : "(" + std::string(ctype(t)) + ")(" + x + " + " + y + ")";
    case ScalarOp::Sub: return "(" + std::string(ctype(t)) + ")(" + x + " - " + y + ")";
    case ScalarOp::Mul:
      return t == DType::Bool ? "(" + x + " && " + y + ")" : "(" + std::string(ctype(t)) + ")(" + x + " * " + y + ")";
    case ScalarOp::Div: return "(" + x + " / " + y + ")";
    case ScalarOp::FloorDiv: return f ? "npt_fdiv_py(" + x + ", " + y + ")" : "npt_idiv_py(" + x + ", " + y + ")";
    case ScalarOp::Mod: return f ? "npt_fmod_py(" + x + ", " + y + ")" : "npt_imod_py(" + x + ", " + y + ")";
    case ScalarOp::Pow: return f ? (f64 ? "pow(" : "powf(") + x + ", " + y + ")" : "npt_ipow(" + x + ", " + y + ")";
    case ScalarOp::Max: return "npt_max(" + x + ", " + y + ")";
    case ScalarOp::Min: return "npt_min(" + x + ", " + y + ")";
    case ScalarOp::Eq: return "(" + x + " == " + y + ")";
    case ScalarOp::Ne: return "(" + x + " != " + y + ")";
    case ScalarOp::Lt: return "(" + x + " < " + y + ")";
    case ScalarOp::Le: return "(" + x + " <= " + y + ")";
    case ScalarOp::And: return "(" + x + " && " + y + ")";
    case ScalarOp::Or: return "(" + x + " || " + y + ")";
    case ScalarOp::Select: return "(" + a[0] + " ? " + a[1] + " : " + a[2] + ")";
    default: break;
  }
  throw CompileError(std::string("npt: the CUDA code generator has no rule for ") + scalar_op_name(op));
}

std::string combine(ScalarOp op, DType t, const std::string& acc, const std::string& x) {
  if (t == DType::Bool)
    return op == ScalarOp::Add || op == ScalarOp::Max ? "(" + acc + " || " + x + ")" : "(" + acc + " && " + x + ")";
  switch (op) {
    case ScalarOp::Add: return acc + " + " + x;
    case ScalarOp::Mul: return acc + " * " + x;
    case ScalarOp::Max: return "npt_max(" + acc + ", " + x + ")";
    case ScalarOp::Min: return "npt_min(" + acc + ", " + x + ")";
    default: throw CompileError("npt: no CUDA combine for this reduction");
  }
}

}  // namespace

std::string emit_cuda(const KernelSpec& s, const Variant& v, const std::string& name) {
  const int K = v.K, R = v.R, D = K + R;
  const int nops = static_cast<int>(s.operands.size());
  std::ostringstream o;
  bool half = false;
  for (auto& op : s.operands) half |= op.dtype == DType::Float16;
  for (auto& out : s.outputs) half |= out.dtype == DType::Float16 || out.acc == DType::Float16;
  for (auto& in : s.instrs) half |= in.dtype == DType::Float16;
  if (half) o << "#include <cuda_fp16.h>\n";
  o << kPrelude;
  // accessor list: operands, then store outputs (their meta follows the operands')
  std::vector<std::pair<int, DType>> store_outs;  // (output index, dtype)
  for (size_t j = 0; j < s.outputs.size(); ++j)
    if (s.outputs[j].reduce == ScalarOp::None) store_outs.push_back({static_cast<int>(j), s.outputs[j].dtype});
  const int nacc = nops + static_cast<int>(store_outs.size());
  auto base = [&](int a) { return D + 1 + a * (1 + D); };
  auto load = [&](DType t, const std::string& p, const std::string& idx) {
    std::string e = "((const " + std::string(mtype(t)) + "*)" + p + ")[" + idx + "]";
    return t == DType::Float16 ? "__half2float(" + e + ")" : e;
  };
  auto rounded = [&](DType t, const std::string& e) {  // float16: round after every op
    return t == DType::Float16 ? "__half2float(__float2half(" + e + "))" : e;
  };
  // body: evaluates the expression at linear index c within row `row`
  auto body = [&](bool reduce) {
    std::ostringstream b;
    b << "      i64 rem = c;\n";
    b << "      i64 off[" << std::max(nacc, 1) << "];\n";
    b << "      for (int a = 0; a < " << nacc << "; ++a) off[a] = roff[a];\n";
    b << "      for (int d = " << D - 1 << "; d >= " << K << "; --d) { i64 cd = rem % meta[d]; rem /= meta[d];\n";
    b << "        for (int a = 0; a < " << nacc << "; ++a) off[a] += cd * meta[" << D + 2 << " + a * " << 1 + D << " + d]; }\n";
    for (size_t i = 0; i < s.instrs.size(); ++i) {
      const Instr& in = s.instrs[i];
      std::string lhs = "      " + std::string(ctype(in.dtype)) + " v" + std::to_string(i) + " = ";
      if (in.op == ScalarOp::Load) {
        b << lhs << load(in.dtype, "ptrs[" + std::to_string(in.operand) + "]", "off[" + std::to_string(in.operand) + "]") << ";\n";
      } else if (in.op == ScalarOp::Index) {
        b << lhs << "off[" << in.operand << "];\n";
      } else {
        std::vector<std::string> args;
        for (int x : in.args) args.push_back("v" + std::to_string(x));
        DType t = in.args.empty() ? in.dtype : s.instrs[in.args[in.op == ScalarOp::Select ? 1 : 0]].dtype;
        b << lhs << rounded(in.dtype, cuda_scalar(in.op, t, in.dtype, args)) << ";\n";
      }
    }
    for (size_t k = 0; k < store_outs.size(); ++k) {
      auto [j, t] = store_outs[k];
      std::string val = "v" + std::to_string(s.outputs[j].instr);
      std::string p = "((" + std::string(mtype(t)) + "*)ptrs[" + std::to_string(nops + 2 * j) + "])";
      b << "      " << p << "[off[" << nops + k << "]] = " << (t == DType::Float16 ? "__float2half(" + val + ")" : val) << ";\n";
    }
    if (reduce)
      for (size_t j = 0; j < s.outputs.size(); ++j) {
        const KernelOutput& out = s.outputs[j];
        if (out.reduce == ScalarOp::None) continue;
        std::string x = "(" + std::string(ctype(out.acc)) + ")v" + std::to_string(out.instr);
        b << "      acc" << j << " = " << combine(out.reduce, out.acc, "acc" + std::to_string(j), x) << ";\n";
      }
    return b.str();
  };
  auto row_offsets = [&]() {
    std::ostringstream b;
    b << "    i64 roff[" << std::max(nacc, 1) << "];\n";
    b << "    for (int a = 0; a < " << nacc << "; ++a) roff[a] = meta[" << D + 1 << " + a * " << 1 + D << "];\n";
    b << "    { i64 rr = row; for (int d = " << K - 1 << "; d >= 0; --d) { i64 cd = rr % meta[d]; rr /= meta[d];\n";
    b << "      for (int a = 0; a < " << nacc << "; ++a) roff[a] += cd * meta[" << D + 2 << " + a * " << 1 + D << " + d]; } }\n";
    return b.str();
  };
  (void)base;
  o << "extern \"C\" __global__ void " << name
    << "(i64 rows, i64 cols, i64 P, NptArgs args) {\n"
    << "  char* const* ptrs = args.ptrs;\n  const i64* meta = args.meta;\n";
  if (!s.has_reduction()) {
    o << "  const i64 row = 0;\n" << row_offsets();
    o << "  for (i64 c = (i64)blockIdx.x * blockDim.x + threadIdx.x; c < cols; c += (i64)gridDim.x * blockDim.x) {\n";
    o << body(false) << "  }\n}\n";
    return o.str();
  }
  // reductions: block (part, row)
  o << "  const i64 row = blockIdx.y + (i64)blockIdx.z * 65535, part = blockIdx.x;\n";
  o << "  if (row >= rows) return;\n" << row_offsets();
  for (size_t j = 0; j < s.outputs.size(); ++j) {
    const KernelOutput& out = s.outputs[j];
    if (out.reduce == ScalarOp::None) continue;
    o << "  " << ctype(out.acc) << " acc" << j << " = " << constant(out.acc, reduction_identity(out.reduce, out.acc)) << ";\n";
  }
  o << "  const i64 c0 = cols * part / P, c1 = cols * (part + 1) / P;\n";
  o << "  for (i64 c = c0 + threadIdx.x; c < c1; c += blockDim.x) {\n" << body(true) << "  }\n";
  o << "  __shared__ char npt_smem[32 * 8];\n";
  for (size_t j = 0; j < s.outputs.size(); ++j) {
    const KernelOutput& out = s.outputs[j];
    if (out.reduce == ScalarOp::None) continue;
    std::string t = ctype(out.acc), acc = "acc" + std::to_string(j);
    // warp shuffle, then one value per warp through shared memory
    o << "  for (int sh = 16; sh > 0; sh >>= 1) { " << t << " other = __shfl_down_sync(0xffffffffu, " << acc
      << ", sh); " << acc << " = " << combine(out.reduce, out.acc, acc, "other") << "; }\n";
    o << "  { " << t << "* sm = (" << t << "*)npt_smem; if ((threadIdx.x & 31) == 0) sm[threadIdx.x >> 5] = " << acc
      << "; __syncthreads();\n";
    o << "    if (threadIdx.x < 32) { " << acc << " = threadIdx.x < (blockDim.x >> 5) ? sm[threadIdx.x] : "
      << constant(out.acc, reduction_identity(out.reduce, out.acc)) << ";\n";
    o << "      for (int sh = 16; sh > 0; sh >>= 1) { " << t << " other = __shfl_down_sync(0xffffffffu, " << acc
      << ", sh); " << acc << " = " << combine(out.reduce, out.acc, acc, "other") << "; }\n";
    o << "      if (threadIdx.x == 0) ((" << t << "*)ptrs[" << nops + 2 * j << "])[row * P + part] = " << acc << "; }\n";
    o << "    __syncthreads(); }\n";
  }
  o << "}\n";
  // finish: one thread per row combines the P partials and casts
  o << "extern \"C\" __global__ void " << name << "_finish(i64 rows, i64 cols, i64 P, NptArgs args) {\n";
  o << "  char* const* ptrs = args.ptrs;\n";
  o << "  i64 row = (i64)blockIdx.x * blockDim.x + threadIdx.x;\n  if (row >= rows) return;\n";
  for (size_t j = 0; j < s.outputs.size(); ++j) {
    const KernelOutput& out = s.outputs[j];
    if (out.reduce == ScalarOp::None) continue;
    std::string t = ctype(out.acc);
    o << "  { " << t << " acc = " << constant(out.acc, reduction_identity(out.reduce, out.acc)) << ";\n";
    o << "    for (i64 p = 0; p < P; ++p) { " << t << " x = ((const " << t << "*)ptrs[" << nops + 2 * j
      << "])[row * P + p]; acc = " << combine(out.reduce, out.acc, "acc", "x") << "; }\n";
    std::string val = cuda_scalar(ScalarOp::Cast, out.acc, out.dtype, {"acc"});
    if (out.dtype == DType::Float16) val = "__float2half((float)" + val + ")";
    o << "    ((" << mtype(out.dtype) << "*)ptrs[" << nops + 2 * j + 1 << "])[row] = " << val << "; }\n";
  }
  o << "}\n";
  return o.str();
}

}  // namespace npt
