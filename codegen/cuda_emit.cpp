// KernelSpec -> CUDA C. cuda_line_list() is the one place ScalarOps become
// CUDA expressions (the LLVM backend's llvm_line_list() is its twin). float16 values
// live in registers as float and are rounded back after every op, as NumPy's
// float16 loops do.
#include "codegen/cuda_emit.h"
#include "codegen/backend_lines.h"

#include <array>
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
    case DType::Complex64: return "npt_cx<float>";  // {re, im}, NumPy's layout
    case DType::Complex128: return "npt_cx<double>";
  }
  throw CompileError(std::string("npt: the CUDA code generator does not support dtype ") + dtype_name(t));
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
  T r = 1;
  for (unsigned long long k = (unsigned long long)e; k; k >>= 1, b *= b) if (k & 1) r *= b;
  return r;
}
// signed: a negative exponent sets the launch's error word (the host raises
// NumPy's ValueError), as the CPU kernels do
template <class T> __device__ __forceinline__ T npt_ipow_checked(T b, T e, int* err) {
  if (e < T(0)) { atomicExch(err, 1); return 0; }
  return npt_ipow(b, e);
}
template <class T> __device__ __forceinline__ T npt_sign(T x) {
  return x > T(0) ? T(1) : (x < T(0) ? T(-1) : (x == T(0) ? T(0) : x));
}
// fmax/fmin pass NaN over; ties go to b, except in float16's loop (the _h forms)
template <class T> __device__ __forceinline__ T npt_fmax(T a, T b) { return (a > b || b != b) ? a : b; }
template <class T> __device__ __forceinline__ T npt_fmin(T a, T b) { return (a < b || b != b) ? a : b; }
__device__ __forceinline__ float npt_fmax_h(float a, float b) { return (a >= b || b != b) ? a : b; }
__device__ __forceinline__ float npt_fmin_h(float a, float b) { return (a <= b || b != b) ? a : b; }
__device__ __forceinline__ float npt_max_h(float a, float b) { return (a >= b || a != a) ? a : b; }
__device__ __forceinline__ float npt_min_h(float a, float b) { return (a <= b || a != a) ? a : b; }
// shifts: a count outside [0, bits) shifts everything out
template <class T> __device__ __forceinline__ T npt_shl(T a, T n) {
  return (unsigned long long)n < sizeof(T) * 8 ? (T)(a << n) : T(0);
}
template <class T> __device__ __forceinline__ T npt_shr(T a, T n) {
  return (unsigned long long)n < sizeof(T) * 8 ? (T)(a >> n) : (a < T(0) ? T(-1) : T(0));
}
template <class T> __device__ __forceinline__ T npt_fmod_int(T a, T b) {
  if (b == 0 || (T(-1) < T(0) && b == T(-1))) return 0;
  return a % b;
}
// the magnitude as unsigned (|MIN| = 2**(bits-1))
template <class T> __device__ __forceinline__ unsigned long long npt_mag(T x) {
  return x < T(0) ? 0ULL - (unsigned long long)(long long)x : (unsigned long long)x;
}
__device__ __forceinline__ unsigned long long npt_gcd(unsigned long long a, unsigned long long b) {
  while (b) { unsigned long long t = a % b; a = b; b = t; }
  return a;
}
__device__ __forceinline__ unsigned long long npt_lcm(unsigned long long a, unsigned long long b) {
  unsigned long long g = npt_gcd(a, b);
  return g ? a / g * b : 0;
}
template <class T> __device__ __forceinline__ unsigned char npt_popcount(T x) { return __popcll(npt_mag(x)); }
template <class T> __device__ __forceinline__ T npt_frexp_mant(T x) {
  int e;
  T m = frexp(x, &e);
  return isfinite(x) ? m : x;
}
template <class T> __device__ __forceinline__ int npt_frexp_exp(T x) {
  int e = 0;
  frexp(x, &e);
  return isfinite(x) ? e : 0;
}
// float -> integer as x86's conversions: MIN when out of range or NaN
template <class F> __device__ __forceinline__ long long npt_cvt64(F v) {
  return (v >= F(-9223372036854775808.0) && v < F(9223372036854775808.0)) ? (long long)v
                                                                          : (long long)0x8000000000000000ULL;
}
template <class F> __device__ __forceinline__ int npt_cvt32(F v) {
  return (v >= F(-2147483648.0) && v < F(2147483648.0)) ? (int)v : (int)0x80000000U;
}
template <class F> __device__ __forceinline__ unsigned long long npt_cvtu64(F v) {
  const F top = F(9223372036854775808.0);
  return v >= top ? (unsigned long long)npt_cvt64(v - top) ^ 0x8000000000000000ULL
                  : (unsigned long long)npt_cvt64(v);
}
template <class F> __device__ __forceinline__ unsigned int npt_cvtu32(F v) {
  const F top = F(2147483648.0);
  return v >= top ? (unsigned int)npt_cvt32(v - top) ^ 0x80000000U : (unsigned int)npt_cvt32(v);
}
__device__ __forceinline__ int npt_exp32(long long e) {
  return e < -2147483647LL ? -2147483647 : (e > 2147483647LL ? 2147483647 : (int)e);
}
#endif
#ifndef NPT_PRELUDE_COMPLEX
#define NPT_PRELUDE_COMPLEX
#define NPT_CX_FN __device__ __forceinline__
template <class R> struct npt_cx;
template <class R> NPT_CX_FN npt_cx<R> npt_cexp_base(npt_cx<R> z);
template <class R> NPT_CX_FN npt_cx<R> npt_clog_base(npt_cx<R> z);
template <class R> NPT_CX_FN npt_cx<R> npt_cpow_base(npt_cx<R> a, npt_cx<R> b);
)" 
#include "complex_math_text.inc"
R"(
// C99's complex functions as textbook formulas (the CPU calls glibc's, as
// NumPy does): values agree, but results with infinite or NaN parts can
// differ from NumPy's on the GPU.
template <class R> NPT_CX_FN npt_cx<R> npt_cadd(npt_cx<R> a, npt_cx<R> b) { return npt_cpack<R>(a.re + b.re, a.im + b.im); }
template <class R> NPT_CX_FN npt_cx<R> npt_csub(npt_cx<R> a, npt_cx<R> b) { return npt_cpack<R>(a.re - b.re, a.im - b.im); }
// the product as the CPU kernels fuse it (NumPy's vector loop with FMA)
template <class R> NPT_CX_FN npt_cx<R> npt_cmul_fused(npt_cx<R> a, npt_cx<R> b) {
  return npt_cpack<R>(fma(a.re, b.re, -(a.im * b.im)), fma(a.re, b.im, a.im * b.re));
}
template <class R> NPT_CX_FN npt_cx<R> npt_cscale(npt_cx<R> a, R k) { return npt_cpack<R>(a.re * k, a.im * k); }
template <class R> NPT_CX_FN npt_cx<R> npt_ctimes_i(npt_cx<R> a) { return npt_cpack<R>(-a.im, a.re); }
template <class R> NPT_CX_FN npt_cx<R> npt_cexp(npt_cx<R> z) {
  R e = exp(z.re);
  if (z.im == 0) return npt_cpack<R>(e, z.im);
  return npt_cpack<R>(e * cos(z.im), e * sin(z.im));
}
template <class R> NPT_CX_FN npt_cx<R> npt_clog(npt_cx<R> z) {
  return npt_cpack<R>(log(hypot(z.re, z.im)), atan2(z.im, z.re));
}
template <class R> NPT_CX_FN npt_cx<R> npt_csqrt(npt_cx<R> z) {
  if (z.re == 0 && z.im == 0) return npt_cpack<R>(R(0), z.im);
  if (isinf(z.im)) return npt_cpack<R>(fabs(z.im), z.im);
  R t = sqrt((fabs(z.re) + hypot(z.re, z.im)) / 2);
  return z.re >= 0 ? npt_cpack<R>(t, z.im / (2 * t)) : npt_cpack<R>(fabs(z.im) / (2 * t), copysign(t, z.im));
}
template <class R> NPT_CX_FN npt_cx<R> npt_cexp_base(npt_cx<R> z) { return npt_cexp(z); }
template <class R> NPT_CX_FN npt_cx<R> npt_clog_base(npt_cx<R> z) { return npt_clog(z); }
template <class R> NPT_CX_FN npt_cx<R> npt_cpow_base(npt_cx<R> a, npt_cx<R> b) {
  return npt_cexp(npt_cmul(b, npt_clog(a)));
}
template <class R> NPT_CX_FN npt_cx<R> npt_csin(npt_cx<R> z) {
  return npt_cpack<R>(sin(z.re) * cosh(z.im), cos(z.re) * sinh(z.im));
}
template <class R> NPT_CX_FN npt_cx<R> npt_ccos(npt_cx<R> z) {
  return npt_cpack<R>(cos(z.re) * cosh(z.im), -(sin(z.re) * sinh(z.im)));
}
template <class R> NPT_CX_FN npt_cx<R> npt_csinh(npt_cx<R> z) {
  return npt_cpack<R>(sinh(z.re) * cos(z.im), cosh(z.re) * sin(z.im));
}
template <class R> NPT_CX_FN npt_cx<R> npt_ccosh(npt_cx<R> z) {
  return npt_cpack<R>(cosh(z.re) * cos(z.im), sinh(z.re) * sin(z.im));
}
template <class R> NPT_CX_FN npt_cx<R> npt_ctanh(npt_cx<R> z) {  // (sinh 2x + i sin 2y) / (cosh 2x + cos 2y)
  if (fabs(z.re) > R(20)) return npt_cpack<R>(copysign(R(1), z.re), copysign(R(0), sin(2 * z.im)));
  R d = cosh(2 * z.re) + cos(2 * z.im);
  return npt_cpack<R>(sinh(2 * z.re) / d, sin(2 * z.im) / d);
}
template <class R> NPT_CX_FN npt_cx<R> npt_ctan(npt_cx<R> z) {  // tan z = -i tanh(iz)
  npt_cx<R> t = npt_ctanh(npt_ctimes_i(z));
  return npt_cpack<R>(t.im, -t.re);
}
template <class R> NPT_CX_FN npt_cx<R> npt_casinh(npt_cx<R> z) {  // log(z + sqrt(z*z + 1))
  npt_cx<R> w = npt_cmul(z, z);
  w.re += 1;
  return npt_clog(npt_cadd(z, npt_csqrt(w)));
}
template <class R> NPT_CX_FN npt_cx<R> npt_casin(npt_cx<R> z) {  // -i asinh(iz)
  npt_cx<R> a = npt_casinh(npt_ctimes_i(z));
  return npt_cpack<R>(a.im, -a.re);
}
template <class R> NPT_CX_FN npt_cx<R> npt_cacos(npt_cx<R> z) {  // pi/2 - asin z
  npt_cx<R> a = npt_casin(z);
  return npt_cpack<R>(R(1.57079632679489661923) - a.re, -a.im);
}
template <class R> NPT_CX_FN npt_cx<R> npt_cacosh(npt_cx<R> z) {  // log(z + sqrt(z + 1) sqrt(z - 1))
  npt_cx<R> p = npt_csqrt(npt_cpack<R>(z.re + 1, z.im)), m = npt_csqrt(npt_cpack<R>(z.re - 1, z.im));
  return npt_clog(npt_cadd(z, npt_cmul(p, m)));
}
template <class R> NPT_CX_FN npt_cx<R> npt_catanh(npt_cx<R> z) {  // (log(1 + z) - log(1 - z)) / 2
  npt_cx<R> d = npt_csub(npt_clog(npt_cpack<R>(1 + z.re, z.im)), npt_clog(npt_cpack<R>(1 - z.re, -z.im)));
  return npt_cscale(d, R(0.5));
}
template <class R> NPT_CX_FN npt_cx<R> npt_catan(npt_cx<R> z) {  // -i atanh(iz)
  npt_cx<R> a = npt_catanh(npt_ctimes_i(z));
  return npt_cpack<R>(a.im, -a.re);
}
// NumPy's lexicographic order; maximum/minimum let a NaN operand win, fmax/fmin pass it over
template <class R> NPT_CX_FN bool npt_cless(npt_cx<R> x, npt_cx<R> y, bool or_equal) {
  return (x.re < y.re && x.im == x.im && y.im == y.im) || (x.re == y.re && (or_equal ? x.im <= y.im : x.im < y.im));
}
template <class R> NPT_CX_FN bool npt_cisnan(npt_cx<R> z) { return z.re != z.re || z.im != z.im; }
template <class R> NPT_CX_FN npt_cx<R> npt_cchoose(npt_cx<R> x, npt_cx<R> y, bool max, bool nan_wins) {
  bool ordered = max ? npt_cless(y, x, true) : npt_cless(x, y, true);
  return (ordered || npt_cisnan(nan_wins ? x : y)) ? x : y;
}
template <class T> NPT_CX_FN T npt_shfl_down(T v, int sh) { return __shfl_down_sync(0xffffffffu, v, sh); }
template <class R> NPT_CX_FN npt_cx<R> npt_shfl_down(npt_cx<R> v, int sh) {
  return npt_cpack<R>(__shfl_down_sync(0xffffffffu, v.re, sh), __shfl_down_sync(0xffffffffu, v.im, sh));
}
#endif
#if defined(__CUDA_FP16_H__) && !defined(NPT_PRELUDE_HALF)
#define NPT_PRELUDE_HALF
// nextafter for float16 values held in float registers: a step of the half's bits
__device__ __forceinline__ float npt_nextafter_half(float x, float y) {
  if (x != x || y != y) return x + y;
  if (x == y) return x;  // as NumPy's half loop
  unsigned short h = __half_as_ushort(__float2half(x));
  if (x == 0) h = y > 0 ? 1 : 0x8001;
  else if ((x < y) == (x > 0)) ++h;
  else --h;
  return __half2float(__ushort_as_half(h));
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
  if (is_complex(t)) {
    DType r = real_of(t);
    double re = s.kind == 1 ? (s.negative ? -(double)s.mag : (double)s.mag) : s.re;
    return std::string("npt_cpack<") + ctype(r) + ">(" + num(re, r) + ", " + num(s.im, r) + ")";
  }
  if (is_float(t)) return num(s.re, t == DType::Float64 ? DType::Float64 : DType::Float32);
  if (t == DType::Bool) return s.mag ? "true" : "false";
  uint64_t bits = s.negative ? ~s.mag + 1 : s.mag;
  return "(" + std::string(ctype(t)) + ")" + std::to_string(bits) + "ULL";
}

// What a ScalarOp's CUDA line sees: the compute dtype t, the result dtype
// and the operand expressions.
struct CLine {
  ScalarOp op;
  DType t, out;
  const std::vector<std::string>& a;
  bool f, f64;
  std::string x, y;
  std::string ct() const { return ctype(t); }
  // float32 math on float16/float32, double on float64
  std::string fn(const char* name) const {
    return std::string(name) + (f64 ? "" : "f") + "(" + x + (a.size() > 1 ? ", " + y : "") + ")";
  }
  std::string call(const char* name) const {
    return std::string(name) + "(" + x + (a.size() > 1 ? ", " + y : "") + ")";
  }
  std::string infix(const char* op) const { return "(" + x + " " + op + " " + y + ")"; }
};
using CudaLine = std::string (*)(const CLine&);

// The CUDA line of every ScalarOp (the twin of the LLVM backend's table).
const std::vector<std::pair<ScalarOp, CudaLine>>& cuda_line_list() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, CudaLine>> lines = {
    {S::Cast, [](const CLine& l) -> std::string {
      if (l.out == DType::Bool) return "(" + l.x + " != 0)";
      if (l.f && is_integer(l.out)) {  // x86's conversions, as the CPU backend (see there)
        if (l.out == DType::UInt64) return "npt_cvtu64(" + l.x + ")";
        if (l.out == DType::UInt32) return "npt_cvtu32(" + l.x + ")";
        return "(" + std::string(ctype(l.out)) + (l.out == DType::Int64 ? ")npt_cvt64(" : ")npt_cvt32(") + l.x + ")";
      }
      return "(" + std::string(ctype(l.out)) + ")" + l.x;
    }},
    {S::Neg, [](const CLine& l) { return "(" + l.ct() + ")(-" + l.x + ")"; }},
    {S::Abs, [](const CLine& l) {
      return l.f ? l.fn("fabs") : is_signed_int(l.t) ? "(" + l.ct() + ")(" + l.x + " < 0 ? -" + l.x + " : " + l.x + ")" : l.x;
    }},
    {S::Sign, [](const CLine& l) { return l.call("npt_sign"); }},
    {S::Exp, [](const CLine& l) { return l.fn("exp"); }},
    {S::Expm1, [](const CLine& l) { return l.fn("expm1"); }},
    {S::Log, [](const CLine& l) { return l.fn("log"); }},
    {S::Log1p, [](const CLine& l) { return l.fn("log1p"); }},
    {S::Log2, [](const CLine& l) { return l.fn("log2"); }},
    {S::Log10, [](const CLine& l) { return l.fn("log10"); }},
    {S::Sqrt, [](const CLine& l) { return l.fn("sqrt"); }},
    {S::Sin, [](const CLine& l) { return l.fn("sin"); }},
    {S::Cos, [](const CLine& l) { return l.fn("cos"); }},
    {S::Tan, [](const CLine& l) { return l.fn("tan"); }},
    {S::Asin, [](const CLine& l) { return l.fn("asin"); }},
    {S::Acos, [](const CLine& l) { return l.fn("acos"); }},
    {S::Atan, [](const CLine& l) { return l.fn("atan"); }},
    {S::Tanh, [](const CLine& l) { return l.fn("tanh"); }},
    {S::Sinh, [](const CLine& l) { return l.fn("sinh"); }},
    {S::Cosh, [](const CLine& l) { return l.fn("cosh"); }},
    {S::Acosh, [](const CLine& l) { return l.fn("acosh"); }},
    {S::Asinh, [](const CLine& l) { return l.fn("asinh"); }},
    {S::Atanh, [](const CLine& l) { return l.fn("atanh"); }},
    {S::Cbrt, [](const CLine& l) { return l.fn("cbrt"); }},
    {S::Exp2, [](const CLine& l) { return l.fn("exp2"); }},
    {S::Erf, [](const CLine& l) { return l.fn("erf"); }},
    {S::Erfc, [](const CLine& l) { return l.fn("erfc"); }},
    {S::ErfInv, [](const CLine& l) { return l.fn("erfinv"); }},
    {S::Floor, [](const CLine& l) { return l.f ? l.fn("floor") : l.x; }},
    {S::Ceil, [](const CLine& l) { return l.f ? l.fn("ceil") : l.x; }},
    {S::Trunc, [](const CLine& l) { return l.f ? l.fn("trunc") : l.x; }},
    {S::Rint, [](const CLine& l) { return l.fn("rint"); }},
    {S::SignBit, [](const CLine& l) { return "(signbit(" + l.x + ") != 0)"; }},
    {S::PopCount, [](const CLine& l) { return l.call("npt_popcount"); }},
    {S::FrexpMant, [](const CLine& l) { return l.call("npt_frexp_mant"); }},
    {S::FrexpExp, [](const CLine& l) { return l.call("npt_frexp_exp"); }},
    {S::Not, [](const CLine& l) { return (l.t == DType::Bool ? "(!" : "(" + l.ct() + ")(~") + l.x + ")"; }},
    {S::IsNan, [](const CLine& l) -> std::string { return l.f ? "(" + l.x + " != " + l.x + ")" : "false"; }},
    {S::IsInf, [](const CLine& l) -> std::string {
      return l.f ? "(" + l.fn("fabs") + " == " + num(INFINITY, l.t) + ")" : "false";
    }},
    {S::IsFinite, [](const CLine& l) -> std::string {
      return l.f ? "(" + l.fn("fabs") + " < " + num(INFINITY, l.t) + ")" : "true";
    }},
    {S::Add, [](const CLine& l) { return l.t == DType::Bool ? l.infix("||") : "(" + l.ct() + ")" + l.infix("+"); }},
    {S::Sub, [](const CLine& l) { return "(" + l.ct() + ")" + l.infix("-"); }},
    {S::Mul, [](const CLine& l) { return l.t == DType::Bool ? l.infix("&&") : "(" + l.ct() + ")" + l.infix("*"); }},
    {S::Div, [](const CLine& l) { return l.infix("/"); }},
    {S::FloorDiv, [](const CLine& l) { return l.call(l.f ? "npt_fdiv_py" : "npt_idiv_py"); }},
    {S::Mod, [](const CLine& l) { return l.call(l.f ? "npt_fmod_py" : "npt_imod_py"); }},
    {S::Pow, [](const CLine& l) -> std::string {
      if (l.f) return l.fn("pow");
      if (is_signed_int(l.t)) return "npt_ipow_checked(" + l.x + ", " + l.y + ", npt_err)";
      return l.call("npt_ipow");
    }},
    {S::Max, [](const CLine& l) { return l.call(l.t == DType::Float16 ? "npt_max_h" : "npt_max"); }},
    {S::Min, [](const CLine& l) { return l.call(l.t == DType::Float16 ? "npt_min_h" : "npt_min"); }},
    {S::FMax, [](const CLine& l) { return l.call(l.t == DType::Float16 ? "npt_fmax_h" : "npt_fmax"); }},
    {S::FMin, [](const CLine& l) { return l.call(l.t == DType::Float16 ? "npt_fmin_h" : "npt_fmin"); }},
    {S::Eq, [](const CLine& l) { return l.infix("=="); }},
    {S::Ne, [](const CLine& l) { return l.infix("!="); }},
    {S::Lt, [](const CLine& l) { return l.infix("<"); }},
    {S::Le, [](const CLine& l) { return l.infix("<="); }},
    {S::And, [](const CLine& l) { return "(" + l.ct() + ")" + l.infix("&"); }},  // logical on bool
    {S::Or, [](const CLine& l) { return "(" + l.ct() + ")" + l.infix("|"); }},
    {S::Xor, [](const CLine& l) { return "(" + l.ct() + ")" + l.infix("^"); }},
    {S::Shl, [](const CLine& l) { return l.call("npt_shl"); }},
    {S::Shr, [](const CLine& l) { return l.call("npt_shr"); }},
    {S::Atan2, [](const CLine& l) { return l.fn("atan2"); }},
    {S::Hypot, [](const CLine& l) { return l.fn("hypot"); }},
    {S::CopySign, [](const CLine& l) { return l.fn("copysign"); }},
    {S::NextAfter, [](const CLine& l) { return l.t == DType::Float16 ? l.call("npt_nextafter_half") : l.fn("nextafter"); }},
    {S::FMod, [](const CLine& l) { return l.f ? l.fn("fmod") : l.call("npt_fmod_int"); }},
    {S::LdExp, [](const CLine& l) {
      return std::string(l.f64 ? "ldexp(" : "ldexpf(") + l.x + ", npt_exp32(" + l.y + "))";
    }},
    {S::Gcd, [](const CLine& l) { return "(" + l.ct() + ")npt_gcd(npt_mag(" + l.x + "), npt_mag(" + l.y + "))"; }},
    {S::Lcm, [](const CLine& l) { return "(" + l.ct() + ")npt_lcm(npt_mag(" + l.x + "), npt_mag(" + l.y + "))"; }},
    {S::Select, [](const CLine& l) { return "(" + l.a[0] + " ? " + l.a[1] + " : " + l.a[2] + ")"; }},
    {S::Conj, [](const CLine& l) { return l.x; }},  // (real values are their own conjugate)
    {S::MakeComplex, [](const CLine& l) { return "npt_cpack<" + l.ct() + ">(" + l.x + ", " + l.y + ")"; }},
  };
  return lines;
}

const std::array<CudaLine, kNumScalarOps>& cuda_lines() {
  static const auto table = index_lines(cuda_line_list());
  return table;
}

std::string cuda_scalar(ScalarOp op, DType t, DType out, const std::vector<std::string>& a);

// The lines for complex operands (npt_cx values; the twin of the LLVM
// backend's complex table): NumPy's own formulas come from complex_math.h,
// which the CPU runtime compiles too.
const std::vector<std::pair<ScalarOp, CudaLine>>& cuda_complex_line_list() {
  using S = ScalarOp;
#define CX(name) [](const CLine& l) { return l.call("npt_c" name); }
  static const std::vector<std::pair<ScalarOp, CudaLine>> lines = {
    {S::Cast, [](const CLine& l) -> std::string {
      if (!is_complex(l.t)) {  // real -> complex: the value and a zero imaginary part
        std::string r = ctype(real_of(l.out));
        return "npt_cpack<" + r + ">((" + r + ")" + l.x + ", (" + r + ")0)";
      }
      if (is_complex(l.out)) {
        std::string r = ctype(real_of(l.out));
        return "npt_cpack<" + r + ">((" + r + ")" + l.x + ".re, (" + r + ")" + l.x + ".im)";
      }
      if (l.out == DType::Bool) return "(" + l.x + ".re != 0 || " + l.x + ".im != 0)";
      return cuda_scalar(S::Cast, real_of(l.t), l.out, {l.x + ".re"});  // the real part
    }},
    {S::Neg, [](const CLine& l) { return "npt_cpack<" + std::string(ctype(real_of(l.t))) + ">(-" + l.x + ".re, -" + l.x + ".im)"; }},
    {S::Conj, [](const CLine& l) { return "npt_cpack<" + std::string(ctype(real_of(l.t))) + ">(" + l.x + ".re, -" + l.x + ".im)"; }},
    {S::Real, [](const CLine& l) { return l.x + ".re"; }},
    {S::Imag, [](const CLine& l) { return l.x + ".im"; }},
    {S::Abs, [](const CLine& l) { return "hypot(" + l.x + ".re, " + l.x + ".im)"; }},
    {S::Rint, [](const CLine& l) { return "npt_cpack<" + std::string(ctype(real_of(l.t))) + ">(rint(" + l.x + ".re), rint(" + l.x + ".im))"; }},
    {S::IsNan, [](const CLine& l) { return l.call("npt_cisnan"); }},
    {S::IsInf, [](const CLine& l) { return "(isinf(" + l.x + ".re) || isinf(" + l.x + ".im))"; }},
    {S::IsFinite, [](const CLine& l) { return "(isfinite(" + l.x + ".re) && isfinite(" + l.x + ".im))"; }},
    {S::Add, CX("add")}, {S::Sub, CX("sub")}, {S::Mul, CX("mul_fused")},
    {S::Max, [](const CLine& l) { return "npt_cchoose(" + l.x + ", " + l.y + ", true, true)"; }},
    {S::Min, [](const CLine& l) { return "npt_cchoose(" + l.x + ", " + l.y + ", false, true)"; }},
    {S::FMax, [](const CLine& l) { return "npt_cchoose(" + l.x + ", " + l.y + ", true, false)"; }},
    {S::FMin, [](const CLine& l) { return "npt_cchoose(" + l.x + ", " + l.y + ", false, false)"; }},
    {S::Eq, [](const CLine& l) { return "(" + l.x + ".re == " + l.y + ".re && " + l.x + ".im == " + l.y + ".im)"; }},
    {S::Ne, [](const CLine& l) { return "(" + l.x + ".re != " + l.y + ".re || " + l.x + ".im != " + l.y + ".im)"; }},
    {S::Lt, [](const CLine& l) { return "npt_cless(" + l.x + ", " + l.y + ", false)"; }},
    {S::Le, [](const CLine& l) { return "npt_cless(" + l.x + ", " + l.y + ", true)"; }},
    {S::Select, [](const CLine& l) { return "(" + l.a[0] + " ? " + l.a[1] + " : " + l.a[2] + ")"; }},
  };
#undef CX
  return lines;
}

const std::array<CudaLine, kNumScalarOps>& cuda_complex_lines() {
  static const auto table = [] {
    auto lines = cuda_complex_line_list();
    for (ScalarOp op : complex_helpers())  // npt_c<name>, the prelude's
      lines.push_back({op, [](const CLine& l) { return l.call((std::string("npt_c") + scalar_op_name(l.op)).c_str()); }});
    return index_lines(lines);
  }();
  return table;
}

std::string cuda_scalar(ScalarOp op, DType t, DType out, const std::vector<std::string>& a) {
  bool cx = is_complex(t) || (op == ScalarOp::Cast && is_complex(out));
  CudaLine line = (cx ? cuda_complex_lines() : cuda_lines())[static_cast<int>(op)];
  if (!line)
    throw CompileError(std::string("npt: the CUDA code generator has no rule for ") + scalar_op_name(op) +
                       (cx ? " on complex values" : ""));
  CLine l{op, t, out, a, is_float(t), t == DType::Float64, a.empty() ? "" : a[0], a.size() > 1 ? a[1] : ""};
  return line(l);
}

std::string combine(ScalarOp op, DType t, const std::string& acc, const std::string& x) {
  if (is_complex(t)) {
    if (op == ScalarOp::Add) return "npt_cadd(" + acc + ", " + x + ")";
    if (op == ScalarOp::Mul) return "npt_cmul_fused(" + acc + ", " + x + ")";
    throw CompileError("npt: no CUDA combine for this complex reduction");
  }
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

bool cuda_has_line(ScalarOp op) { return cuda_lines()[static_cast<int>(op)] != nullptr; }
bool cuda_has_complex_line(ScalarOp op) { return cuda_complex_lines()[static_cast<int>(op)] != nullptr; }

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
        DType vt = s.instrs[out.instr].dtype;
        std::string x = vt == out.acc ? "v" + std::to_string(out.instr)
                                      : cuda_scalar(ScalarOp::Cast, vt, out.acc, {"v" + std::to_string(out.instr)});
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
    << "  char* const* ptrs = args.ptrs;\n  const i64* meta = args.meta;\n"
    << "  int* const npt_err = (int*)ptrs[" << nops + 2 * s.outputs.size() << "];  // the launch's error word\n"
    << "  (void)npt_err;\n";
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
  o << "  __shared__ __align__(16) char npt_smem[32 * 16];\n";
  for (size_t j = 0; j < s.outputs.size(); ++j) {
    const KernelOutput& out = s.outputs[j];
    if (out.reduce == ScalarOp::None) continue;
    std::string t = ctype(out.acc), acc = "acc" + std::to_string(j);
    // warp shuffle, then one value per warp through shared memory
    o << "  for (int sh = 16; sh > 0; sh >>= 1) { " << t << " other = npt_shfl_down(" << acc
      << ", sh); " << acc << " = " << combine(out.reduce, out.acc, acc, "other") << "; }\n";
    o << "  { " << t << "* sm = (" << t << "*)npt_smem; if ((threadIdx.x & 31) == 0) sm[threadIdx.x >> 5] = " << acc
      << "; __syncthreads();\n";
    o << "    if (threadIdx.x < 32) { " << acc << " = threadIdx.x < (blockDim.x >> 5) ? sm[threadIdx.x] : "
      << constant(out.acc, reduction_identity(out.reduce, out.acc)) << ";\n";
    o << "      for (int sh = 16; sh > 0; sh >>= 1) { " << t << " other = npt_shfl_down(" << acc
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
