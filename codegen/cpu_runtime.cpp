// The CPU kernels' runtime helpers (see cpu_runtime.h). The float16 routines
// take and return _Float16 so they follow the x86-64 psABI that LLVM uses
// for half (the value in the low 16 bits of an XMM register), and compute on
// bits (core/half.h), never through the compiler's own conversions.
#include "codegen/cpu_runtime.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "core/half.h"

#include "core/complex_host.h"

namespace npt {
namespace {

uint16_t bits_of(_Float16 h) {
  uint16_t b;
  std::memcpy(&b, &h, 2);
  return b;
}
_Float16 half_of(uint16_t b) {
  _Float16 h;
  std::memcpy(&h, &b, 2);
  return h;
}

float extend_hf_sf(_Float16 h) { return half_bits_to_float(bits_of(h)); }
double extend_hf_df(_Float16 h) { return half_bits_to_double(bits_of(h)); }
_Float16 trunc_sf_hf(float f) { return half_of(float_to_half_bits(f)); }
_Float16 trunc_df_hf(double d) { return half_of(double_to_half_bits(d)); }

// 128-bit division: the compiler's own routines, reached through our symbols.
__int128 div_ti(__int128 a, __int128 b) { return a / b; }
__int128 mod_ti(__int128 a, __int128 b) { return a % b; }
unsigned __int128 udiv_ti(unsigned __int128 a, unsigned __int128 b) { return a / b; }
unsigned __int128 umod_ti(unsigned __int128 a, unsigned __int128 b) { return a % b; }

template <class F>
void* addr(F* f) {
  return reinterpret_cast<void*>(f);
}

}  // namespace

extern "C" int64_t npt_ipow(int64_t b, int64_t e, int32_t* err) {
  if (e < 0) {
    __atomic_store_n(err, 1, __ATOMIC_RELAXED);
    return 0;
  }
  uint64_t r = 1, x = static_cast<uint64_t>(b);
  for (uint64_t k = static_cast<uint64_t>(e); k; k >>= 1, x *= x)
    if (k & 1) r *= x;
  return static_cast<int64_t>(r);
}

extern "C" uint64_t npt_upow(uint64_t b, uint64_t e) {
  uint64_t r = 1;
  for (; e; e >>= 1, b *= b)
    if (e & 1) r *= b;
  return r;
}

extern "C" uint64_t npt_gcd(uint64_t a, uint64_t b) {
  while (b) {
    uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

extern "C" uint64_t npt_lcm(uint64_t a, uint64_t b) {
  uint64_t g = npt_gcd(a, b);
  return g ? a / g * b : 0;
}

extern "C" _Float16 npt_nextafter_f16(_Float16 x, _Float16 y) {
  uint16_t hx = bits_of(x), hy = bits_of(y);
  double dx = half_bits_to_double(hx), dy = half_bits_to_double(hy);
  if (dx != dx || dy != dy) return half_of(0x7e00);  // NaN
  if (dx == dy) return x;  // NumPy's half loop: x (libm's nextafter gives y: -0.0 vs 0.0)
  if (dx == 0) return half_of(dy > 0 ? 0x0001 : 0x8001);  // the smallest subnormal toward y
  // one step of the bits: away from zero when moving outward, else toward it
  bool outward = (dx < dy) == (dx > 0);
  return half_of(static_cast<uint16_t>(outward ? hx + 1 : hx - 1));
}

// Giles' single-precision approximation ("Approximating the erfinv function",
// GPU Computing Gems, 2011) as the start, then Newton steps on erf (or, in
// the tails, on log erfc against log(1 - |y|), exact near 1) to double accuracy.
extern "C" double npt_erfinv(double y) {
  if (std::isnan(y) || y < -1 || y > 1) return std::numeric_limits<double>::quiet_NaN();
  if (y == 1 || y == -1) return std::copysign(std::numeric_limits<double>::infinity(), y);
  if (y == 0) return y;  // keeps the sign of -0.0
  double w = -std::log((1 - y) * (1 + y)), p;
  if (w < 5) {
    w -= 2.5;
    p = 2.81022636e-08;
    for (double c : {3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
                     -0.00417768164, 0.246640727, 1.50140941})
      p = c + p * w;
  } else {
    w = std::sqrt(w) - 3;
    p = -0.000200214257;
    for (double c : {0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
                     0.00943887047, 1.00167406, 2.83297682})
      p = c + p * w;
  }
  double a = std::fabs(y), x = std::fabs(p * y);
  const double k = 2 / std::sqrt(M_PI);
  for (int i = 0; i < 6; ++i) {
    double step;
    if (a < 0.5) {  // Newton on erf(x) = a
      step = (std::erf(x) - a) / (k * std::exp(-x * x));
    } else {  // Newton on log erfc(x) = log(1 - a): nearly quadratic in the tail
      double e = std::erfc(x);
      step = (std::log(e) - std::log1p(-a)) / (-k * std::exp(-x * x) / e);
    }
    x -= step;
    if (std::fabs(step) <= 1e-17 * x) break;
  }
  return std::copysign(x, y);
}

extern "C" float npt_erfinvf(float y) { return static_cast<float>(npt_erfinv(y)); }

// ---- complex helpers -------------------------------------------------------
// One function per complex op, for each precision: complex64's computes in
// float, complex128's in double; both take the parts as doubles and return
// them as a pair of doubles (xmm0:xmm1 by the psABI, LLVM's {double, double}).
namespace {
template <class R>
NptCx out(npt_cx<R> z) { return {static_cast<double>(z.re), static_cast<double>(z.im)}; }
template <class R>
npt_cx<R> in(double re, double im) { return npt_cpack<R>(static_cast<R>(re), static_cast<R>(im)); }
template <class R, class F>
NptCx via_std(double re, double im, F f) {
  return out(from_std(f(std::complex<R>(static_cast<R>(re), static_cast<R>(im)))));
}
}  // namespace

#define NPT_CX_STD(name, fn)                                                                 \
  extern "C" NptCx npt_c##name(double re, double im) {                                      \
    return via_std<double>(re, im, [](auto z) { return fn(z); });                           \
  }                                                                                          \
  extern "C" NptCx npt_c##name##f(double re, double im) {                                   \
    return via_std<float>(re, im, [](auto z) { return fn(z); });                            \
  }
#define NPT_CX_OWN(name)                                                                      \
  extern "C" NptCx npt_c##name(double re, double im) { return out(::npt_c##name(in<double>(re, im))); } \
  extern "C" NptCx npt_c##name##f(double re, double im) { return out(::npt_c##name(in<float>(re, im))); }
#define NPT_CX_OWN2(name)                                                                     \
  extern "C" NptCx npt_c##name(double ar, double ai, double br, double bi) {                \
    return out(::npt_c##name(in<double>(ar, ai), in<double>(br, bi)));                        \
  }                                                                                          \
  extern "C" NptCx npt_c##name##f(double ar, double ai, double br, double bi) {             \
    return out(::npt_c##name(in<float>(ar, ai), in<float>(br, bi)));                          \
  }
NPT_CX_COMPLEX_STD(NPT_CX_STD)
NPT_CX_COMPLEX_OWN(NPT_CX_OWN)
NPT_CX_COMPLEX_OWN2(NPT_CX_OWN2)
#undef NPT_CX_STD
#undef NPT_CX_OWN
#undef NPT_CX_OWN2

const std::vector<RuntimeSymbol>& cpu_runtime_symbols() {
  static const std::vector<RuntimeSymbol> table = {
      {"npt_ipow", addr(&npt_ipow)},
      {"npt_upow", addr(&npt_upow)},
      {"npt_gcd", addr(&npt_gcd)},
      {"npt_lcm", addr(&npt_lcm)},
      {"npt_nextafter_f16", addr(&npt_nextafter_f16)},
      {"npt_erfinv", addr(&npt_erfinv)},
      {"npt_erfinvf", addr(&npt_erfinvf)},
#define NPT_CX_SYMBOL(name, ...) {"npt_c" #name, addr(&npt_c##name)}, {"npt_c" #name "f", addr(&npt_c##name##f)},
      NPT_CX_COMPLEX_STD(NPT_CX_SYMBOL) NPT_CX_COMPLEX_OWN(NPT_CX_SYMBOL) NPT_CX_COMPLEX_OWN2(NPT_CX_SYMBOL)
#undef NPT_CX_SYMBOL
      // float16 <-> float/double (compiler-rt and libgcc names)
      {"__extendhfsf2", addr(&extend_hf_sf)},
      {"__gnu_h2f_ieee", addr(&extend_hf_sf)},
      {"__extendhfdf2", addr(&extend_hf_df)},
      {"__truncsfhf2", addr(&trunc_sf_hf)},
      {"__gnu_f2h_ieee", addr(&trunc_sf_hf)},
      {"__truncdfhf2", addr(&trunc_df_hf)},
      // 128-bit integer division
      {"__divti3", addr(&div_ti)},
      {"__modti3", addr(&mod_ti)},
      {"__udivti3", addr(&udiv_ti)},
      {"__umodti3", addr(&umod_ti)},
  };
  return table;
}

}  // namespace npt
