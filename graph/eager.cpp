// The registry's eager implementations on ATen: an elementwise primitive is
// its ScalarOp's line here (ATen as a third backend, beside LLVM and CUDA),
// a reduction its combine's ATen reduction, and movement, source and opaque
// primitives one function each. Running a graph op by op on these is the
// reference executor (runtime/reference.cpp).
//
// They follow NumPy, not ATen, where the two differ (integer division by
// zero, shifts past the width, float->int conversions, NaN in sign, ...).
// ATen lacks arithmetic on uint16/uint32/uint64: those compute in a wider
// (or, for uint64, the same-width) signed "carrier" dtype, which wraps the
// same; the few uint64 ops whose results depend on the sign bit
// (division, gcd, ...) throw ReferenceUnsupported.
#include "graph/eager.h"

#include <ATen/ATen.h>

#include <array>
#include <cmath>
#include <limits>

#include "core/aten_dtype.h"
#include "core/buffer.h"
#include "core/complex_host.h"
#include "core/error.h"
#include "graph/node.h"
#include "graph/order.h"
#include "graph/random.h"

namespace npt {
namespace {

using T = at::Tensor;
using Ts = std::vector<T>;

DType carrier(DType t) {
  switch (t) {
    case DType::UInt16: return DType::Int32;
    case DType::UInt32: case DType::UInt64: return DType::Int64;
    default: return t;
  }
}
at::ScalarType st(DType t) { return aten_dtype(t); }
T to(const T& x, DType t) { return x.scalar_type() == st(t) ? x : x.to(st(t)); }
// x (holding dtype t's values, in t or its carrier) in t's carrier, and back
T in_carrier(const T& x, DType t) { return to(x, carrier(t)); }
T from_carrier(const T& x, DType t) { return to(x, t); }

T full_like_scalar(const T& like, double v) { return at::full({}, v, like.options()); }
T int_scalar(const T& like, int64_t v) { return at::full({}, v, like.options()); }
int bits_of(DType t) { return dtype_itemsize(t) * 8; }
int64_t min_of(DType t) { return is_signed_int(t) ? (int64_t)(~uint64_t(0) << (bits_of(t) - 1)) : 0; }

[[noreturn]] void unsupported(const char* what, DType t) {
  throw ReferenceUnsupported(std::string("the reference executor has no ") + what + " for " + dtype_name(t));
}

// uint64 values in an int64 carrier compare with the sign bit flipped.
T ordered(const T& x, DType t) {
  return t == DType::UInt64 ? at::bitwise_xor(x, int_scalar(x, INT64_MIN)) : x;
}

// float -> integer as NumPy's C casts on x86 (see codegen/llvm_emit.cpp)
T float_to_int(const T& x, DType to_t) {
  T v = x.scalar_type() == at::kHalf ? x.to(at::kFloat) : x;
  auto convert = [](const T& v, int bits) {  // MIN when out of range or NaN
    double lim = std::ldexp(1.0, bits - 1);
    T ok = at::logical_and(at::ge(v, -lim), at::lt(v, lim));
    at::ScalarType it = bits == 64 ? at::kLong : at::kInt;
    T safe = at::where(ok, v, at::zeros_like(v)).to(it);
    return at::where(ok, safe, at::full({}, bits == 64 ? INT64_MIN : INT32_MIN, safe.options()));
  };
  if (to_t == DType::UInt64 || to_t == DType::UInt32) {
    int bits = bits_of(to_t);
    double top = std::ldexp(1.0, bits - 1);
    T low = convert(v, bits), high = at::bitwise_xor(convert(at::sub(v, top), bits),
                                                     int_scalar(low, bits == 64 ? INT64_MIN : INT32_MIN));
    T r = at::where(at::ge(v, top), high, low);  // bits of the unsigned result
    return to_t == DType::UInt32 ? at::bitwise_and(r.to(at::kLong), int_scalar(r.to(at::kLong), 0xFFFFFFFFLL))
                                 : r;
  }
  T r = convert(v, to_t == DType::Int64 ? 64 : 32);
  return to_t == DType::Int64 ? r : r.to(st(carrier(to_t)));  // narrow types wrap
}

// float64 -> float16 rounded once, as NumPy (ATen goes through float32 and
// rounds twice): to float32 rounding to odd, then to half.
T double_to_half(const T& x) {
  T r = x.to(at::kFloat);
  T bits = r.view(at::kInt);
  T inexact = at::logical_and(at::ne(r.to(at::kDouble), x), at::logical_not(at::isnan(x)));
  T even = at::eq(at::bitwise_and(bits, 1), 0);
  T outward = at::gt(x.abs(), r.to(at::kDouble).abs());
  T odd = at::where(outward, at::add(bits, 1), at::sub(bits, 1));
  return at::where(at::logical_and(inexact, even), odd, bits).view(at::kFloat).to(at::kHalf);
}

T cast(const T& x, DType from, DType to_t) {
  if (is_complex(from) && !is_complex(to_t)) {  // NumPy: the real part (to bool: either part nonzero)
    if (to_t == DType::Bool) return at::logical_or(at::ne(at::real(x), 0), at::ne(at::imag(x), 0));
    return cast(at::real(x).contiguous(), real_of(from), to_t);
  }
  if (is_complex(to_t) && !is_complex(from)) {
    T r = cast(x, from, real_of(to_t));
    r = r.scalar_type() == st(real_of(to_t)) ? r : r.to(st(real_of(to_t)));
    return at::complex(r, at::zeros_like(r));
  }
  if (to_t == DType::Bool) return at::ne(x, 0);
  if (from == DType::Float64 && to_t == DType::Float16) return double_to_half(x);
  if (is_float(from) && is_integer(to_t)) return float_to_int(x, to_t);
  if (from == DType::UInt64 && is_float(to_t)) {  // the carrier's negative values are >= 2**63
    T d = x.to(at::kDouble);
    return at::where(at::lt(x, 0), at::add(d, std::ldexp(1.0, 64)), d).to(st(to_t));
  }
  if (is_integer(to_t) && !is_bool(from) && !is_float(from)) {
    // integer -> integer wraps: through the target's width
    T r = x.to(at::kLong);
    if (to_t == DType::UInt16 || to_t == DType::UInt32)
      r = at::bitwise_and(r, int_scalar(r, (int64_t(1) << bits_of(to_t)) - 1));
    return r.to(st(carrier(to_t)));
  }
  return x.to(st(carrier(to_t)));
}

// f(x, y) element by element in double precision, rounded once to t: for
// the few functions whose ATen kernels are not exact on edge values
// (fmod by a subnormal, ...).
template <class F>
T map_double(const T& x, const T& y, DType t, F f) {
  std::vector<int64_t> shape = at::infer_size(x.sizes(), y.sizes());
  T xd = x.to(at::kDouble).expand(shape).contiguous(), yd = y.to(at::kDouble).expand(shape).contiguous();
  T out = at::empty_like(xd);
  const double *px = xd.data_ptr<double>(), *py = yd.data_ptr<double>();
  double* po = out.data_ptr<double>();
  for (int64_t i = 0; i < out.numel(); ++i) po[i] = f(px[i], py[i]);
  return t == DType::Float16 ? double_to_half(out) : out.to(st(t));
}

double py_remainder(double a, double b) {  // NumPy's float remainder (the divisor's sign)
  double mod = std::fmod(a, b);
  if (b == 0) return mod;
  if (mod != 0) {
    if ((b < 0) != (mod < 0)) mod += b;
  } else {
    mod = std::copysign(0.0, b);
  }
  return mod;
}

// NumPy's integer floor division / remainder / fmod: a zero divisor gives 0,
// and MIN // -1 wraps (ATen would trap).
T int_divmod(const T& a, const T& b, DType t, int which) {
  if (t == DType::UInt64) unsupported("integer division", t);
  T zero = at::eq(b, 0);
  T ovf = is_signed_int(t) ? at::logical_and(at::eq(a, int_scalar(a, min_of(t))), at::eq(b, -1))
                           : at::zeros_like(zero);
  T bad = at::logical_or(zero, ovf);
  T bs = at::where(bad, at::ones_like(b), b);
  T r = which == 0 ? at::floor_divide(a, bs) : which == 1 ? at::remainder(a, bs) : at::fmod(a, bs);
  r = at::where(ovf, which == 0 ? a : at::zeros_like(r), r);  // MIN // -1 wraps to MIN; MIN % -1 is 0
  return at::where(zero, at::zeros_like(r), r);
}

T shift(const T& x, const T& n, DType t, bool left) {
  int bits = bits_of(t);
  T in_range = at::logical_and(at::ge(n, 0), at::lt(n, bits));
  T ns = at::where(in_range, n, at::zeros_like(n));
  T r;
  if (left) {
    r = at::bitwise_left_shift(x, ns);
  } else if (t == DType::UInt64) {  // logical shift of the carrier's bits
    T mask = at::where(at::eq(ns, 0), int_scalar(x, -1),
                       at::bitwise_right_shift(int_scalar(x, INT64_MAX), at::sub(ns, 1)));
    r = at::bitwise_and(at::bitwise_right_shift(x, ns), mask);
  } else {
    r = at::bitwise_right_shift(x, ns);
  }
  T out = (!left && is_signed_int(t)) ? at::where(at::lt(x, 0), int_scalar(x, -1), at::zeros_like(x))
                                      : at::zeros_like(x);
  return at::where(in_range, r, out);
}

// float16 computes in float32 and rounds once, as NumPy's half loops.
template <class F>
T via_float(const T& x, DType t, F f) {
  if (t != DType::Float16) return f(x);
  return f(x.to(at::kFloat)).to(at::kHalf);
}

T minmax(const T& x, const T& y, DType t, bool max, bool nan_wins) {
  if (is_float(t)) {
    T better = max ? (t == DType::Float16 ? at::ge(x, y) : at::gt(x, y))
                   : (t == DType::Float16 ? at::le(x, y) : at::lt(x, y));
    T nan = nan_wins ? at::isnan(x) : at::isnan(y);
    return at::where(at::logical_or(better, nan), x, y);
  }
  T lt = at::lt(ordered(x, t), ordered(y, t));
  return at::where(max ? lt : at::logical_not(lt), y, x);
}

T ldexp(const T& x, const T& e, DType t) {
  // exact: std::ldexp in double (the exponent saturated as the kernels do), then one rounding
  T ec = at::clamp(e, INT32_MIN, INT32_MAX).to(at::kDouble);
  return map_double(x, ec, t, [](double v, double k) { return std::ldexp(v, static_cast<int>(k)); });
}

T popcount(const T& x, DType t) {
  T m = is_signed_int(t) ? at::abs(x) : x;
  m = m.to(at::kLong);
  T count = at::zeros_like(m);
  for (int k = 0; k < bits_of(t); ++k)
    count = at::add(count, at::bitwise_and(at::bitwise_right_shift(m, k), 1));
  return count.to(at::kByte);
}

T gcd_lcm(const T& x, const T& y, DType t, bool gcd) {
  if (t == DType::UInt64) unsupported(gcd ? "gcd" : "lcm", t);
  T a = at::abs(x.to(at::kLong)), b = at::abs(y.to(at::kLong));  // magnitudes
  if (t == DType::Int64 && at::logical_or(at::lt(a, 0), at::lt(b, 0)).any().item<bool>())
    unsupported("gcd/lcm of INT64_MIN (|MIN| is not an int64)", t);
  T g = at::gcd(a, b);
  // lcm = a / gcd * b, wrapping as NumPy's (a zero gives 0: no division by gcd 0)
  T r = gcd ? g : at::mul(at::floor_divide(a, at::where(at::eq(g, 0), at::ones_like(g), g)), b);
  return cast(r, DType::Int64, t);
}

// Everything a ScalarOp's ATen line sees: compute dtype t, result dtype out.
struct ALine {
  const Ts& a;
  DType t, out;
  const T& x() const { return a[0]; }
  const T& y() const { return a[1]; }
  bool f() const { return is_float(t); }
};
using AtenLine = T (*)(const ALine&);

#define A [](const ALine& l) -> T
#define FL(fn) A { return via_float(l.x(), l.t, [](const T& v) { return fn(v); }); }
const std::vector<std::pair<ScalarOp, AtenLine>>& aten_line_list() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, AtenLine>> lines = {
    {S::Cast, A { return cast(l.x(), l.t, l.out); }},
    {S::Neg, A { return at::neg(l.x()); }},
    {S::Abs, A { return is_unsigned_int(l.t) ? l.x() : at::abs(l.x()); }},
    {S::Sign, A {
      if (is_unsigned_int(l.t)) return at::ne(l.x(), 0).to(l.x().scalar_type());
      return l.f() ? at::where(at::isnan(l.x()), l.x(), at::sign(l.x())) : at::sign(l.x());
    }},
    {S::Exp, FL(at::exp)}, {S::Expm1, FL(at::expm1)}, {S::Log, FL(at::log)},
    {S::Log1p, FL(at::log1p)}, {S::Log2, FL(at::log2)}, {S::Log10, FL(at::log10)},
    {S::Sqrt, FL(at::sqrt)}, {S::Sin, FL(at::sin)}, {S::Cos, FL(at::cos)}, {S::Tan, FL(at::tan)},
    {S::Asin, FL(at::asin)}, {S::Acos, FL(at::acos)}, {S::Atan, FL(at::atan)},
    {S::Tanh, FL(at::tanh)}, {S::Sinh, FL(at::sinh)}, {S::Cosh, FL(at::cosh)},
    {S::Acosh, FL(at::acosh)}, {S::Asinh, FL(at::asinh)}, {S::Atanh, FL(at::atanh)},
    {S::Exp2, FL(at::exp2)}, {S::Erf, FL(at::erf)}, {S::Erfc, FL(at::erfc)},
    {S::ErfInv, FL(at::erfinv)},
    {S::Cbrt, A {
      return via_float(l.x(), l.t, [](const T& v) {
        return at::mul(at::sign(v), at::pow(at::abs(v), 1.0 / 3.0));
      });
    }},
    {S::Floor, A { return l.f() ? at::floor(l.x()) : l.x(); }},
    {S::Ceil, A { return l.f() ? at::ceil(l.x()) : l.x(); }},
    {S::Trunc, A { return l.f() ? at::trunc(l.x()) : l.x(); }},
    {S::Rint, FL(at::round)},  // half to even
    {S::SignBit, A { return at::signbit(l.x()); }},
    {S::PopCount, A { return popcount(l.x(), l.t); }},
    {S::FrexpMant, A { return via_float(l.x(), l.t, [](const T& v) { return std::get<0>(at::frexp(v)); }); }},
    {S::FrexpExp, A {
      T v = l.t == DType::Float16 ? l.x().to(at::kFloat) : l.x();
      return std::get<1>(at::frexp(v));
    }},
    {S::Not, A { return l.t == DType::Bool ? at::logical_not(l.x()) : at::bitwise_not(l.x()); }},
    {S::IsNan, A { return at::isnan(l.x()); }},
    {S::IsInf, A { return at::isinf(l.x()); }},
    {S::IsFinite, A { return at::isfinite(l.x()); }},
    {S::Add, A { return l.t == DType::Bool ? at::logical_or(l.x(), l.y()) : at::add(l.x(), l.y()); }},
    {S::Sub, A { return at::sub(l.x(), l.y()); }},
    {S::Mul, A { return l.t == DType::Bool ? at::logical_and(l.x(), l.y()) : at::mul(l.x(), l.y()); }},
    {S::Div, A { return at::div(l.x(), l.y()); }},
    {S::FloorDiv, A { return l.f() ? at::floor_divide(l.x(), l.y()) : int_divmod(l.x(), l.y(), l.t, 0); }},
    {S::Mod, A { return l.f() ? map_double(l.x(), l.y(), l.t, py_remainder) : int_divmod(l.x(), l.y(), l.t, 1); }},
    {S::FMod, A {
      return l.f() ? map_double(l.x(), l.y(), l.t, [](double a, double b) { return std::fmod(a, b); })
                   : int_divmod(l.x(), l.y(), l.t, 2);
    }},
    {S::Pow, A {
      if (l.f()) return via_float(l.x(), l.t, [&](const T& v) { return at::pow(v, to(l.y(), dtype_of_aten(v.scalar_type()))); });
      if (is_signed_int(l.t) && at::lt(l.y(), 0).any().item<bool>())
        throw ValueError("Integers to negative integer powers are not allowed.");
      if (l.t == DType::UInt64) unsupported("power", l.t);
      return at::pow(l.x(), l.y());
    }},
    {S::Max, A { return minmax(l.x(), l.y(), l.t, true, true); }},
    {S::Min, A { return minmax(l.x(), l.y(), l.t, false, true); }},
    {S::FMax, A { return minmax(l.x(), l.y(), l.t, true, false); }},
    {S::FMin, A { return minmax(l.x(), l.y(), l.t, false, false); }},
    {S::Eq, A { return at::eq(l.x(), l.y()); }},
    {S::Ne, A { return at::ne(l.x(), l.y()); }},
    {S::Lt, A { return at::lt(ordered(l.x(), l.t), ordered(l.y(), l.t)); }},
    {S::Le, A { return at::le(ordered(l.x(), l.t), ordered(l.y(), l.t)); }},
    {S::And, A { return at::bitwise_and(l.x(), l.y()); }},
    {S::Or, A { return at::bitwise_or(l.x(), l.y()); }},
    {S::Xor, A { return at::bitwise_xor(l.x(), l.y()); }},
    {S::Shl, A { return shift(l.x(), l.y(), l.t, true); }},
    {S::Shr, A { return shift(l.x(), l.y(), l.t, false); }},
    {S::Atan2, A { return via_float(l.x(), l.t, [&](const T& v) { return at::atan2(v, to(l.y(), dtype_of_aten(v.scalar_type()))); }); }},
    {S::Hypot, A { return via_float(l.x(), l.t, [&](const T& v) { return at::hypot(v, to(l.y(), dtype_of_aten(v.scalar_type()))); }); }},
    {S::CopySign, A { return at::copysign(l.x(), l.y()); }},
    {S::NextAfter, A {
      if (l.t != DType::Float16) return at::nextafter(l.x(), l.y());
      // float16 on bits: one step toward y (NumPy's half loop returns x when x == y)
      T hx = l.x().view(at::kShort).to(at::kInt), x = l.x().to(at::kFloat), y = l.y().to(at::kFloat);
      T outward = at::eq(at::lt(x, y), at::gt(x, 0));
      T stepped = at::where(outward, at::add(hx, 1), at::sub(hx, 1));
      T from_zero = at::where(at::gt(y, 0), int_scalar(hx, 1), int_scalar(hx, -32767));  // 0x8001
      T bits = at::where(at::eq(x, 0), from_zero, stepped).to(at::kShort).view(at::kHalf);
      T r = at::where(at::eq(x, y), l.x(), bits);
      return at::where(at::logical_or(at::isnan(x), at::isnan(y)), full_like_scalar(l.x(), NAN), r);
    }},
    {S::LdExp, A { return ldexp(l.x(), l.y(), l.t); }},
    {S::Gcd, A { return gcd_lcm(l.x(), l.y(), l.t, true); }},
    {S::Lcm, A { return gcd_lcm(l.x(), l.y(), l.t, false); }},
    {S::Select, A { return at::where(l.a[0], l.a[1], l.a[2]); }},
    {S::Conj, A { return l.x(); }},  // (real values are their own conjugate)
    {S::MakeComplex, A { return at::complex(l.x(), l.y()); }},
  };
  return lines;
}

// Complex operands: NumPy's functions element by element, as the CPU
// kernels' helpers compute them (core/complex_host.h: glibc's C99 functions
// and NumPy's own formulas; ATen's complex kernels differ on infinite and
// NaN parts), ATen for the parts, and NumPy's lexicographic order.
template <class R, class F>
T cx_map(const Ts& xs, F f) {
  std::vector<int64_t> shape = xs[0].sizes().vec();
  for (auto& x : xs) shape = at::infer_size(shape, x.sizes());
  Ts in;
  for (auto& x : xs) in.push_back(x.expand(shape).contiguous());
  T out = at::empty(shape, in[0].options());
  auto part = [](const T& t) { return reinterpret_cast<const npt_cx<R>*>(t.data_ptr()); };
  auto* o = reinterpret_cast<npt_cx<R>*>(out.data_ptr());
  for (int64_t i = 0; i < out.numel(); ++i)
    o[i] = in.size() == 1 ? f(part(in[0])[i], part(in[0])[i]) : f(part(in[0])[i], part(in[1])[i]);
  return out;
}
// f(z) or f(a, b) on complex64 (in float) or complex128 values
template <class F>
T cx_apply(const ALine& l, F f) {
  return l.t == DType::Complex64 ? cx_map<float>(l.a, f) : cx_map<double>(l.a, f);
}
#define CX1(expr) A { return cx_apply(l, [](auto z, auto) { return expr; }); }
#define CX2(expr) A { return cx_apply(l, [](auto a, auto b) { return expr; }); }
#define CSTD(fn) CX1(from_std(std::fn(to_std(z))))

T cx_less(const T& x, const T& y, bool or_equal) {
  T xr = at::real(x), xi = at::imag(x), yr = at::real(y), yi = at::imag(y);
  T by_re = at::logical_and(at::lt(xr, yr), at::logical_not(at::logical_or(at::isnan(xi), at::isnan(yi))));
  return at::logical_or(by_re, at::logical_and(at::eq(xr, yr), or_equal ? at::le(xi, yi) : at::lt(xi, yi)));
}
T cx_choose(const T& x, const T& y, bool max, bool nan_wins) {
  T ordered = max ? cx_less(y, x, true) : cx_less(x, y, true);
  return at::where(at::logical_or(ordered, at::isnan(nan_wins ? x : y)), x, y);
}

const std::vector<std::pair<ScalarOp, AtenLine>>& aten_complex_line_list() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, AtenLine>> lines = {
    {S::Cast, A { return cast(l.x(), l.t, l.out); }},
    {S::Neg, A { return at::neg(l.x()); }},
    {S::Conj, A { return at::conj_physical(l.x()); }},
    {S::Real, A { return at::real(l.x()).contiguous(); }},
    {S::Imag, A { return at::imag(l.x()).contiguous(); }},
    {S::Abs, A { return at::abs(l.x()); }},
    {S::Sign, CX1(npt_csign(z))}, {S::Exp, CSTD(exp)}, {S::Expm1, CX1(npt_cexpm1(z))},
    {S::Log, CSTD(log)}, {S::Log1p, CX1(npt_clog1p(z))}, {S::Log2, CX1(npt_clog2(z))},
    {S::Log10, CX1(npt_clog10(z))}, {S::Sqrt, CSTD(sqrt)}, {S::Sin, CSTD(sin)}, {S::Cos, CSTD(cos)},
    {S::Tan, CSTD(tan)}, {S::Asin, CSTD(asin)}, {S::Acos, CSTD(acos)}, {S::Atan, CSTD(atan)},
    {S::Tanh, CSTD(tanh)}, {S::Sinh, CSTD(sinh)}, {S::Cosh, CSTD(cosh)}, {S::Acosh, CSTD(acosh)},
    {S::Asinh, CSTD(asinh)}, {S::Atanh, CSTD(atanh)}, {S::Exp2, CX1(npt_cexp2(z))},
    {S::Rint, A { return at::complex(at::round(at::real(l.x())), at::round(at::imag(l.x()))); }},
    {S::IsNan, A { return at::isnan(l.x()); }},
    {S::IsInf, A { return at::isinf(l.x()); }},
    {S::IsFinite, A { return at::isfinite(l.x()); }},
    {S::Add, A { return at::complex(at::add(at::real(l.x()), at::real(l.y())), at::add(at::imag(l.x()), at::imag(l.y()))); }},
    {S::Sub, A { return at::complex(at::sub(at::real(l.x()), at::real(l.y())), at::sub(at::imag(l.x()), at::imag(l.y()))); }},
    {S::Mul, CX2(npt_cmul_fused(a, b))}, {S::Div, CX2(npt_cdiv(a, b))}, {S::Pow, CX2(npt_cpow(a, b))},
    {S::Max, A { return cx_choose(l.x(), l.y(), true, true); }},
    {S::Min, A { return cx_choose(l.x(), l.y(), false, true); }},
    {S::FMax, A { return cx_choose(l.x(), l.y(), true, false); }},
    {S::FMin, A { return cx_choose(l.x(), l.y(), false, false); }},
    {S::Eq, A { return at::eq(l.x(), l.y()); }},
    {S::Ne, A { return at::ne(l.x(), l.y()); }},
    {S::Lt, A { return cx_less(l.x(), l.y(), false); }},
    {S::Le, A { return cx_less(l.x(), l.y(), true); }},
    {S::Select, A { return at::where(l.a[0], l.a[1], l.a[2]); }},
  };
  return lines;
}
#undef CX1
#undef CX2
#undef CSTD
#undef FL
#undef A

const std::array<AtenLine, kNumScalarOps>& aten_lines() {
  static const auto table = index_lines(aten_line_list());
  return table;
}
const std::array<AtenLine, kNumScalarOps>& aten_complex_lines() {
  static const auto table = index_lines(aten_complex_line_list());
  return table;
}

// ---- one eager implementation per kind --------------------------------------
T eager_elementwise(const Node& n, const Ts& ins) {
  const OpDef& d = n.def();
  Ts a;
  for (size_t i = 0; i < ins.size(); ++i) {
    DType t = d.scalar == ScalarOp::Cast ? n.inputs()[i]->dtype : elementwise_input_dtype(n, i);
    a.push_back(in_carrier(ins[i], t));
  }
  DType t = d.scalar == ScalarOp::Cast ? n.inputs()[0]->dtype
            : d.scalar == ScalarOp::Select ? n.compute : elementwise_input_dtype(n, 0);
  bool cx = is_complex(t) || (d.scalar == ScalarOp::Cast && is_complex(n.dtype));
  AtenLine line = (cx ? aten_complex_lines() : aten_lines())[static_cast<int>(d.scalar)];
  NPT_ASSERT(line, d.name + ": no ATen line");
  T r = line(ALine{a, t, n.dtype});
  return from_carrier(r, n.dtype).expand(c10::IntArrayRef(n.shape));
}

T eager_reduction(const Node& n, const Ts& ins) {
  ScalarOp c = n.def().scalar;
  DType acc = reduction_acc_dtype(c, n.dtype);
  DType in_t = n.inputs()[0]->dtype;
  T x = in_carrier(ins[0], in_t);
  if (in_t != acc) x = cast(x, in_t, acc);
  std::vector<int64_t> dims(n.attrs.ints.begin(), n.attrs.ints.end());
  T r;
  if (dims.empty()) {
    r = x;  // (ATen reads an empty dim list as "all dims")
  } else if (acc == DType::Bool) {  // sum/max of bools is "any", prod/min "all"
    r = c == ScalarOp::Add || c == ScalarOp::Max ? at::ne(x.to(at::kLong).sum(dims), 0)
                                                 : at::eq(at::logical_not(x).to(at::kLong).sum(dims), 0);
  } else if (c == ScalarOp::Add) {
    r = x.sum(dims);
  } else if (c == ScalarOp::Mul) {
    r = x;
    for (auto it = dims.rbegin(); it != dims.rend(); ++it) r = r.prod(*it);
  } else {
    T o = ordered(x, acc);
    r = ordered(c == ScalarOp::Max ? o.amax(dims) : o.amin(dims), acc);
  }
  if (acc != n.dtype) r = cast(in_carrier(r, acc), acc, n.dtype);
  return from_carrier(r, n.dtype).reshape(c10::IntArrayRef(n.shape));
}

T eager_constant(const Node& n, const Ts&) {
  const Scalar& s = n.attrs.scalar;
  auto opts = at::TensorOptions().dtype(st(carrier(n.dtype)));
  if (is_complex(n.dtype)) {
    double re = s.kind == 1 ? (s.negative ? -(double)s.mag : (double)s.mag) : s.re;
    return at::full({}, c10::complex<double>(re, s.im), opts);
  }
  if (is_float(n.dtype)) return at::full({}, s.kind == 1 ? (s.negative ? -(double)s.mag : (double)s.mag) : s.re, opts);
  if (is_bool(n.dtype)) return at::full({}, s.kind == 1 ? s.mag != 0 : (s.re != 0 || s.im != 0), opts);
  int64_t bits = s.kind == 1 ? (int64_t)(s.negative ? ~s.mag + 1 : s.mag)
                             : (int64_t)(std::isfinite(s.re) ? std::trunc(s.re) : 0);
  return cast(at::full({}, bits, at::TensorOptions().dtype(at::kLong)), DType::Int64, n.dtype);
}

T eager_iota(const Node& n, const Ts&) {
  int64_t axis = n.attrs.ints[0];
  std::vector<int64_t> view(n.shape.size(), 1);
  view[axis] = n.shape[axis];
  return at::arange(n.shape[axis], at::TensorOptions().dtype(at::kLong))
      .view(view)
      .expand(c10::IntArrayRef(n.shape));
}

T eager_input(const Node& n, const Ts&) {
  NPT_ASSERT(n.materialized(), "input without a value");
  return n.value().tensor();
}

T eager_param(const Node& n, const Ts&) {
  throw InternalError("the reference executor needs the value bound to " + n.str());
}

// The indices a slice (start, step) takes along a dim, for `len` results.
T slice_indices(int64_t len, int64_t start, int64_t step) {
  return at::arange(len, at::TensorOptions().dtype(at::kLong)).mul(step).add(start);
}

T eager_slice(const Node& n, const Ts& ins) {
  T x = ins[0];
  for (size_t d = 0; d < n.shape.size(); ++d) {
    int64_t start = n.attrs.ints[2 * d], step = n.attrs.ints[2 * d + 1], len = n.shape[d];
    if (start == 0 && step == 1 && len == x.size(d)) continue;
    x = x.index_select(static_cast<int64_t>(d), slice_indices(len, start, step));
  }
  return x;
}

// unslice: the slice's cotangent placed into zeros of the input's shape
T eager_unslice(const Node& n, const Ts& ins) {
  T out = at::zeros(c10::IntArrayRef(n.shape), ins[0].options());
  c10::List<std::optional<T>> indices;  // one broadcast index tensor per dim
  for (size_t d = 0; d < n.shape.size(); ++d) {
    std::vector<int64_t> view(n.shape.size(), 1);
    view[d] = ins[0].size(d);
    indices.push_back(slice_indices(view[d], n.attrs.ints[2 * d], n.attrs.ints[2 * d + 1]).view(view));
  }
  return out.index_put_(indices, ins[0]);
}

// update: the base with the region overwritten (a negative step writes the
// flipped value at the positive-step region it covers). eager_update_into
// writes into the base's own memory; eager_update into a copy.
T eager_update_into(const Node& n, const Ts& ins) {
  T out = ins[0];
  T region = out, value = ins[1];
  for (size_t d = 0; d < n.attrs.shape.size(); ++d) {
    int64_t start = n.attrs.ints[2 * d], step = n.attrs.ints[2 * d + 1], len = n.attrs.shape[d];
    if (len == 0) return out;
    if (step < 0) {
      start += (len - 1) * step;
      step = -step;
      value = value.flip({static_cast<int64_t>(d)});
    }
    region = region.slice(static_cast<int64_t>(d), start, start + (len - 1) * step + 1, step);
  }
  region.copy_(value);
  return out;
}

// gather and scatter: ATen's advanced indexing, which follows NumPy's rule
// for where the indexed dims land; index arrays from input `first` on go to
// the dims attrs.ints, the others are whole.
c10::List<std::optional<T>> index_list(const Node& n, const Ts& ins, size_t first) {
  c10::List<std::optional<T>> list;
  int64_t d = 0;
  for (size_t k = 0; k < n.attrs.ints.size(); ++k, ++d) {
    for (; d < n.attrs.ints[k]; ++d) list.push_back(std::nullopt);
    list.push_back(ins[first + k]);
  }
  return list;
}

T eager_gather(const Node& n, const Ts& ins) { return at::index(ins[0], index_list(n, ins, 1)); }

T eager_scatter_into(const Node& n, const Ts& ins) {
  return ins[0].index_put_(index_list(n, ins, 2), ins[1], n.def().name == "scatter_add");
}

T eager_scatter(const Node& n, const Ts& ins) {
  Ts c = ins;
  c[0] = ins[0].clone(at::MemoryFormat::Contiguous);
  return eager_scatter_into(n, c);
}

// The node's output in a buffer from npt's pool (on the CPU): a fresh
// allocation of tens of MB costs a page fault per 4 KB on first write, which
// doubles the time of a memory-bound op.
T pooled_output(const Node& n, const T& like) {
  if (like.is_cuda()) return at::empty(c10::IntArrayRef(n.shape), like.options().dtype(aten_dtype(n.dtype)));
  return Buffer::empty(n.dtype, n.shape).tensor();
}

// cumsum in the node's dtype (ATen would widen unsigned ints to int64). ATen
// has no uint16/32/64 cumsum: it adds in int64, whose wrapping sums have the
// same low bits, and reads them back in the node's dtype.
T eager_cumsum(const Node& n, const Ts& ins) {
  const int64_t axis = n.attrs.ints[0];
  if (n.dtype == DType::UInt64) return at::cumsum(ins[0].to(at::kLong), axis).view(at::kUInt64);
  if (n.dtype == DType::UInt32 || n.dtype == DType::UInt16)  // (in int64: the low bits wrap the same)
    return at::cumsum(ins[0].to(at::kLong), axis).to(aten_dtype(n.dtype));
  T out = pooled_output(n, ins[0]);
  return at::cumsum_out(out, ins[0], axis, aten_dtype(n.dtype));
}

T eager_cumprod(const Node& n, const Ts& ins) {  // (int64 products wrap as uint64's do)
  const int64_t axis = n.attrs.ints[0];
  if (n.dtype == DType::UInt64) return at::cumprod(ins[0].view(at::kLong), axis).view(at::kUInt64);
  if (n.dtype == DType::UInt32 || n.dtype == DType::UInt16)
    return at::cumprod(ins[0].to(at::kLong), axis).to(aten_dtype(n.dtype));
  T out = pooled_output(n, ins[0]);
  return at::cumprod_out(out, ins[0], axis, aten_dtype(n.dtype));
}

// ---- spectral and linear algebra (ATen's FFT and LAPACK/MAGMA kernels) ------

const char* fft_norm(int64_t code) { return code == 0 ? "backward" : code == 1 ? "ortho" : "forward"; }

// (ATen's FFT refuses an empty batch: the empty result made here)
T empty_result(const Node& n, const T& like) {
  return at::zeros(c10::IntArrayRef(n.shape), like.options().dtype(aten_dtype(n.dtype)));
}
T eager_fft_c2c(const Node& n, const Ts& in) {  // ints: forward, norm, axes...
  if (in[0].numel() == 0) return empty_result(n, in[0]);
  std::vector<int64_t> axes(n.attrs.ints.begin() + 2, n.attrs.ints.end());
  const char* norm = fft_norm(n.attrs.ints[1]);
  return n.attrs.ints[0] ? at::fft_fftn(in[0], c10::nullopt, axes, norm) : at::fft_ifftn(in[0], c10::nullopt, axes, norm);
}
T eager_fft_r2c(const Node& n, const Ts& in) {  // ints: norm, axis
  if (in[0].numel() == 0) return empty_result(n, in[0]);
  return at::fft_rfft(in[0], c10::nullopt, n.attrs.ints[1], fft_norm(n.attrs.ints[0]));
}
T eager_fft_c2r(const Node& n, const Ts& in) {  // ints: norm, axis, length
  if (in[0].numel() == 0) return empty_result(n, in[0]);
  return at::fft_irfft(in[0], n.attrs.ints[2], n.attrs.ints[1], fft_norm(n.attrs.ints[0]));
}

// LAPACK's info != 0 for any matrix of the batch: NumPy's LinAlgError.
void check_info(const T& info, const char* what) {
  if (info.numel() && info.ne(0).any().item<bool>()) throw LinAlgError(what);
}
// inv; with ints[0] = 1, a singular matrix's inverse is all NaN instead of
// an error (NumPy's cond inverts with errors ignored, then reads NaN as inf)
T eager_inv(const Node& n, const Ts& in) {
  auto [r, info] = at::linalg_inv_ex(in[0]);
  if (!n.attrs.ints.empty() && n.attrs.ints[0] == 1) {
    const T bad = info.ne(0).reshape(info.sizes().vec()).unsqueeze(-1).unsqueeze(-1);
    return at::where(bad, at::full({}, std::numeric_limits<double>::quiet_NaN(), r.options()), r);
  }
  check_info(info, "Singular matrix");
  return r;
}
T eager_solve(const Node&, const Ts& in) {
  auto [r, info] = at::linalg_solve_ex(in[0], in[1]);
  check_info(info, "Singular matrix");
  return r;
}
T eager_cholesky(const Node&, const Ts& in) {
  auto [r, info] = at::linalg_cholesky_ex(in[0]);
  check_info(info, "Matrix is not positive definite");
  return r;
}
// Several results in one node: each flattened per matrix and laid side by
// side along a last axis, in the node's dtype (the front end slices them out).
T packed(const std::vector<T>& parts, const Shape& batch, at::ScalarType t) {
  std::vector<T> flat;
  std::vector<int64_t> b(batch.begin(), batch.end());
  for (const T& p : parts) {
    std::vector<int64_t> s = b;
    int64_t per = 1;  // (explicit: -1 is ambiguous for an empty batch)
    for (int64_t d = static_cast<int64_t>(b.size()); d < p.dim(); ++d) per *= p.size(d);
    s.push_back(per);
    flat.push_back(p.to(t).reshape(s));
  }
  return at::cat(flat, -1);
}
Shape batch_of(const T& a) { return Shape(a.sizes().begin(), a.sizes().end() - 2); }
T eager_slogdet(const Node& n, const Ts& in) {  // [sign, log|det|]
  auto [sign, logabs, lu, piv] = at::_linalg_slogdet(in[0]);
  return packed({sign, logabs}, batch_of(in[0]), aten_dtype(n.dtype));
}
// (LAPACK's failure to converge reaches us as ATen's error)
template <typename F>
auto converging(const char* what, F f) {
  try {
    return f();
  } catch (const c10::Error&) {
    throw LinAlgError(what);
  }
}
T eager_eigh(const Node& n, const Ts& in) {  // [V, w] (ints: 1 for the upper triangle)
  auto [w, v] = converging("Eigenvalues did not converge", [&] { return at::linalg_eigh(in[0], n.attrs.ints[0] ? "U" : "L"); });
  return packed({v, w}, batch_of(in[0]), aten_dtype(n.dtype));
}
T eager_eigvalsh(const Node& n, const Ts& in) {
  return converging("Eigenvalues did not converge", [&] { return at::linalg_eigvalsh(in[0], n.attrs.ints[0] ? "U" : "L"); });
}
T eager_svd(const Node& n, const Ts& in) {  // [U, S, Vh] (ints: full_matrices)
  auto [u, s, vh] = converging("SVD did not converge", [&] { return at::_linalg_svd(in[0], n.attrs.ints[0] != 0, true); });
  return packed({u, s, vh}, batch_of(in[0]), aten_dtype(n.dtype));
}
T eager_svdvals(const Node&, const Ts& in) {
  return converging("SVD did not converge", [&] { return at::linalg_svdvals(in[0]); });
}
T eager_eig(const Node& n, const Ts& in) {  // [V, w], complex
  auto [w, v] = converging("Eigenvalues did not converge", [&] { return at::linalg_eig(in[0]); });
  return packed({v, w}, batch_of(in[0]), aten_dtype(n.dtype));
}
T eager_geqrf(const Node& n, const Ts& in) {  // [LAPACK's A after geqrf, tau]
  auto [a, tau] = at::geqrf(in[0]);
  return packed({a, tau}, batch_of(in[0]), aten_dtype(n.dtype));
}
T eager_qr(const Node& n, const Ts& in) {  // [Q, R] (ints: 0 reduced, 1 complete)
  auto [q, r] = at::linalg_qr(in[0], n.attrs.ints[0] ? "complete" : "reduced");
  return packed({q, r}, batch_of(in[0]), aten_dtype(n.dtype));
}

// argmax/argmin's input in a dtype ATen orders (it has none for bool and
// uint16/32/64): the same order in uint8, int64, or uint64's bits with the
// sign bit flipped.
T arg_ordered(const T& x) {
  switch (x.scalar_type()) {
    case at::kBool: return x.to(at::kByte);
    case at::kUInt16: case at::kUInt32: return x.to(at::kLong);
    case at::kUInt64: return at::bitwise_xor(x.view(at::kLong), int_scalar(x.view(at::kLong), INT64_MIN));
    default: return x;
  }
}

T eager_concatenate(const Node& n, const Ts& ins) {
  T out = pooled_output(n, ins[0]);
  return at::cat_out(out, ins, n.attrs.ints[0]);
}

T eager_update(const Node& n, const Ts& ins) {
  return eager_update_into(n, {ins[0].clone(at::MemoryFormat::Contiguous), ins[1]});
}

using Eager = T (*)(const Node&, const Ts&);
#define E [](const Node& n, const Ts& in) -> T
const std::vector<std::pair<const char*, Eager>>& named_eager() {
  static const std::vector<std::pair<const char*, Eager>> table = {
    {"input", eager_input}, {"param", eager_param}, {"constant", eager_constant}, {"iota", eager_iota},
    {"broadcast_to", E { return in[0].expand(c10::IntArrayRef(n.shape)); }},
    {"reshape", E { return in[0].reshape(c10::IntArrayRef(n.shape)); }},
    {"permute", E { return in[0].permute(c10::IntArrayRef(n.attrs.ints)); }},
    {"slice", eager_slice},
    {"diagonal", E { return at::diagonal(in[0], n.attrs.ints[0], n.attrs.ints[1], n.attrs.ints[2]); }},
    {"tag", E { return in[0]; }},
    {"matmul", E { return at::matmul(in[0], in[1]); }},
    {"unslice", eager_unslice},
    {"update", eager_update},
    {"gather", eager_gather},
    {"concatenate", eager_concatenate},
    {"argmax", E { return at::argmax(arg_ordered(in[0]), n.attrs.ints[0]); }},
    {"argmin", E { return at::argmin(arg_ordered(in[0]), n.attrs.ints[0]); }},
    {"sort", E { return numpy_sort(in[0], n.attrs.ints[0], false); }},
    {"argsort", E { return numpy_sort(in[0], n.attrs.ints[0], true); }},
    {"cumsum", eager_cumsum},
    {"cumprod", eager_cumprod},
    {"fft_c2c", eager_fft_c2c},
    {"fft_r2c", eager_fft_r2c},
    {"fft_c2r", eager_fft_c2r},
    {"inv", eager_inv},
    {"solve", eager_solve},
    {"det", E { return at::linalg_det(in[0]); }},
    {"slogdet", eager_slogdet},
    {"cholesky", eager_cholesky},
    {"eigh", eager_eigh},
    {"eigvalsh", eager_eigvalsh},
    {"svd", eager_svd},
    {"svdvals", eager_svdvals},
    {"qr", eager_qr},
    {"eig", eager_eig},
    {"geqrf", eager_geqrf},
    {"random", E { return random_draw(n.attrs.ints[0], n.attrs.ints, n.attrs.dtype, n.attrs.shape, in); }},
    {"bitcast", E {
      const int64_t bytes = numel(n.shape) * dtype_itemsize(n.dtype);
      T b = in[0].contiguous().reshape({-1});
      b = (b.is_complex() ? at::view_as_real(b).reshape({-1}) : b).view(at::kByte);
      // (a fresh tensor when the bytes are not aligned for the dtype)
      T v = b.narrow(0, n.attrs.ints[0], bytes);
      if (n.attrs.ints[0] % dtype_itemsize(n.dtype) != 0) v = v.clone();
      return v.view(aten_dtype(n.dtype)).reshape(c10::IntArrayRef(n.shape));
    }},
    {"searchsorted", E { return numpy_searchsorted(in[0], in[1], n.attrs.ints[0] != 0); }},
    {"scatter", eager_scatter},
    {"scatter_add", eager_scatter},
  };
  return table;
}
#undef E

// The opaque ops that can write their result into input 0's memory.
const std::vector<std::pair<const char*, Eager>>& named_eager_into() {
  static const std::vector<std::pair<const char*, Eager>> table = {
      {"update", eager_update_into}, {"scatter", eager_scatter_into}, {"scatter_add", eager_scatter_into}};
  return table;
}

}  // namespace

bool aten_has_line(ScalarOp op) { return aten_lines()[static_cast<int>(op)] != nullptr; }
bool aten_has_complex_line(ScalarOp op) { return aten_complex_lines()[static_cast<int>(op)] != nullptr; }

void attach_eager(std::vector<OpDef>& table) {
  for (OpDef& d : table) {
    if (d.kind == OpKind::Elementwise) d.eager = eager_elementwise;
    if (d.kind == OpKind::Reduction) d.eager = eager_reduction;
    for (auto& [name, fn] : named_eager())
      if (d.name == name) d.eager = fn;
    for (auto& [name, fn] : named_eager_into())
      if (d.name == name) d.eager_into = fn;
  }
}

}  // namespace npt
