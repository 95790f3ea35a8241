// NumPy's complex functions where NumPy has its own formula rather than
// C99's: division (Smith's method), sign (z / |z|), powers (small integer
// exponents by repeated multiplication, as NumPy's npy_cpow), and expm1,
// log1p, exp2, log2 and log10 from real functions or from exp and log.
//
// Written once for every backend: host code compiles it through
// core/complex_host.h (the CPU kernels' runtime helpers, codegen/cpu_runtime.cpp,
// and the reference executor, graph/eager.cpp) and the CUDA prelude embeds
// its text (the build makes it a string, codegen/CMakeLists.txt), so none
// can drift from the others.
// The includer defines NPT_CX_FN (the function qualifier) and, for each real
// type R, npt_cexp_base, npt_clog_base and npt_cpow_base (C99's cexp, clog
// and cpow: glibc's on the CPU, as NumPy calls them) and puts the real math
// functions (fabs, hypot, ...) in scope with float and double overloads.
#ifndef NPT_COMPLEX_MATH_H
#define NPT_COMPLEX_MATH_H

template <class R>
struct npt_cx {
  R re, im;
};

template <class R>
NPT_CX_FN npt_cx<R> npt_cpack(R re, R im) {
  npt_cx<R> z;
  z.re = re;
  z.im = im;
  return z;
}

template <class R>
NPT_CX_FN npt_cx<R> npt_cmul(npt_cx<R> a, npt_cx<R> b) {
  return npt_cpack<R>(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re);
}

// Smith's method: scale by the larger part of b, so |b|**2 never overflows.
template <class R>
NPT_CX_FN npt_cx<R> npt_cdiv(npt_cx<R> a, npt_cx<R> b) {
  R abr = fabs(b.re), abi = fabs(b.im);
  if (abr >= abi) {
    if (abr == 0 && abi == 0) return npt_cpack<R>(a.re / abr, a.im / abi);  // inf or nan parts
    R ratio = b.im / b.re, scale = R(1) / (b.re + b.im * ratio);
    return npt_cpack<R>((a.re + a.im * ratio) * scale, (a.im - a.re * ratio) * scale);
  }
  R ratio = b.re / b.im, scale = R(1) / (b.im + b.re * ratio);
  return npt_cpack<R>((a.re * ratio + a.im) * scale, (a.im * ratio - a.re) * scale);
}

// NumPy 2's complex sign: z / |z|, 0 at 0. Where |z| is infinite (an
// infinite part, or finite parts whose magnitude overflows) the result
// points along an infinite real part, else along the imaginary axis; NaN
// when both parts are infinite or |z| is NaN.
template <class R>
NPT_CX_FN npt_cx<R> npt_csign(npt_cx<R> z) {
  R a = hypot(z.re, z.im);
  if (a != a) return npt_cpack<R>(a, a);
  if (isinf(a)) {
    if (isinf(z.re)) {
      R nan = a - a;
      return isinf(z.im) ? npt_cpack<R>(nan, nan) : npt_cpack<R>(copysign(R(1), z.re), R(0));
    }
    return npt_cpack<R>(R(0), copysign(R(1), z.im));
  }
  if (a == 0) return npt_cpack<R>(R(0), R(0));
  return npt_cpack<R>(z.re / a, z.im / a);
}

// a ** b as NumPy: b == 0 gives 1; a zero base gives 0 for Re(b) > 0 and NaN
// otherwise; a real integer exponent in (-100, 100) multiplies (1/a**-n
// for negative ones); anything else is C99's cpow.
template <class R>
NPT_CX_FN npt_cx<R> npt_cpow(npt_cx<R> a, npt_cx<R> b) {
  if (b.re == 0 && b.im == 0) return npt_cpack<R>(R(1), R(0));
  if (a.re == 0 && a.im == 0) {
    if (b.re > 0) return npt_cpack<R>(R(0), R(0));
    R nan = R(0) / R(0);
    return npt_cpack<R>(nan, nan);
  }
  if (b.im == 0 && b.re > -100 && b.re < 100 && (R)(long long)b.re == b.re) {
    long long n = (long long)b.re;
    if (n == 1) return a;
    if (n == 2) return npt_cmul(a, a);
    if (n == 3) return npt_cmul(a, npt_cmul(a, a));
    long long k = n < 0 ? -n : n;
    npt_cx<R> acc = npt_cpack<R>(R(1), R(0)), p = a;
    for (;;) {
      if (k & 1) acc = npt_cmul(acc, p);
      k >>= 1;
      if (!k) break;
      p = npt_cmul(p, p);
    }
    return n < 0 ? npt_cdiv(npt_cpack<R>(R(1), R(0)), acc) : acc;
  }
  return npt_cpow_base(a, b);
}

template <class R>
NPT_CX_FN npt_cx<R> npt_cexpm1(npt_cx<R> z) {
  R h = sin(z.im / 2);
  return npt_cpack<R>(expm1(z.re) * cos(z.im) - 2 * h * h, exp(z.re) * sin(z.im));
}

template <class R>
NPT_CX_FN npt_cx<R> npt_clog1p(npt_cx<R> z) {
  return npt_cpack<R>(log(hypot(z.re + 1, z.im)), atan2(z.im, z.re + 1));
}

template <class R>
NPT_CX_FN npt_cx<R> npt_cexp2(npt_cx<R> z) {
  const R ln2 = R(0.693147180559945309417232121458176568);
  return npt_cexp_base(npt_cpack<R>(z.re * ln2, z.im * ln2));
}

template <class R>
NPT_CX_FN npt_cx<R> npt_clog_scaled(npt_cx<R> z, R scale) {
  npt_cx<R> l = npt_clog_base(z);
  return npt_cpack<R>(l.re * scale, l.im * scale);
}
template <class R>
NPT_CX_FN npt_cx<R> npt_clog2(npt_cx<R> z) {
  return npt_clog_scaled(z, R(1.442695040888963407359924681001892137));
}
template <class R>
NPT_CX_FN npt_cx<R> npt_clog10(npt_cx<R> z) {
  return npt_clog_scaled(z, R(0.434294481903251827651128918916605082));
}

#endif  // NPT_COMPLEX_MATH_H
