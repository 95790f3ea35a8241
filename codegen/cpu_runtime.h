// The functions generated CPU code may call besides libm/libmvec/libc: npt's
// own helpers (integer powers) and the compiler runtime routines LLVM emits
// calls to where a CPU lacks an instruction (float16 conversions without
// F16C or AVX512-FP16, 128-bit division). The JIT defines every one of them
// itself, so no kernel depends on what else the process has loaded.
#pragma once
#include <cstdint>
#include <vector>

namespace npt {

struct RuntimeSymbol {
  const char* name;
  void* address;
};

// Every helper, by the name generated code calls it.
const std::vector<RuntimeSymbol>& cpu_runtime_symbols();

// Integer power with NumPy's wrapping. A negative exponent sets *err (the
// executor raises NumPy's ValueError) and gives 0.
extern "C" int64_t npt_ipow(int64_t b, int64_t e, int32_t* err);
extern "C" uint64_t npt_upow(uint64_t b, uint64_t e);
// gcd and lcm of magnitudes (callers wrap the result to the dtype).
extern "C" uint64_t npt_gcd(uint64_t a, uint64_t b);
extern "C" uint64_t npt_lcm(uint64_t a, uint64_t b);
// The inverse error function (libm has none): y in [-1, 1] -> x with erf(x) = y.
extern "C" double npt_erfinv(double y);
extern "C" float npt_erfinvf(float y);
// nextafter on float16 (NumPy's, on bits).
extern "C" _Float16 npt_nextafter_f16(_Float16 x, _Float16 y);

// Complex helpers, npt_c<name> (complex128) and npt_c<name>f (complex64):
// the parts in, the result's parts out. The C99 ones are glibc's (as NumPy's
// loops call them), the others NumPy's own formulas (complex_math.h).
struct NptCx {
  double re, im;
};
#define NPT_CX_COMPLEX_STD(X)                                                                \
  X(exp, std::exp) X(log, std::log) X(sqrt, std::sqrt) X(sin, std::sin) X(cos, std::cos)  \
  X(tan, std::tan) X(sinh, std::sinh) X(cosh, std::cosh) X(tanh, std::tanh)              \
  X(asin, std::asin) X(acos, std::acos) X(atan, std::atan) X(asinh, std::asinh)          \
  X(acosh, std::acosh) X(atanh, std::atanh)
#define NPT_CX_COMPLEX_OWN(X) X(sign) X(expm1) X(log1p) X(exp2) X(log2) X(log10)
#define NPT_CX_COMPLEX_OWN2(X) X(div) X(pow)
#define NPT_CX_DECLARE(name, ...)                                   \
  extern "C" NptCx npt_c##name(double re, double im);               \
  extern "C" NptCx npt_c##name##f(double re, double im);
#define NPT_CX_DECLARE2(name)                                                           \
  extern "C" NptCx npt_c##name(double ar, double ai, double br, double bi);             \
  extern "C" NptCx npt_c##name##f(double ar, double ai, double br, double bi);
NPT_CX_COMPLEX_STD(NPT_CX_DECLARE)
NPT_CX_COMPLEX_OWN(NPT_CX_DECLARE)
NPT_CX_COMPLEX_OWN2(NPT_CX_DECLARE2)
#undef NPT_CX_DECLARE
#undef NPT_CX_DECLARE2

}  // namespace npt
