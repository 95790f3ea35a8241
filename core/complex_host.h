// core/complex_math.h for host code, over glibc's C99 complex functions
// (std::complex forwards to them; NumPy's loops call them too). Included by
// the CPU kernels' runtime helpers and by the reference executor, so both
// compute NumPy's complex functions the same way.
#pragma once
#include <cmath>
#include <complex>

// complex_math.h calls the real functions unqualified, for float and double
using std::atan2, std::copysign, std::cos, std::exp, std::expm1, std::fabs, std::hypot, std::isinf,
    std::log, std::sin;
#define NPT_CX_FN inline
template <class R>
struct npt_cx;
template <class R>
npt_cx<R> npt_cexp_base(npt_cx<R> z);
template <class R>
npt_cx<R> npt_clog_base(npt_cx<R> z);
template <class R>
npt_cx<R> npt_cpow_base(npt_cx<R> a, npt_cx<R> b);
#include "core/complex_math.h"

template <class R>
std::complex<R> to_std(const npt_cx<R>& z) {
  return {z.re, z.im};
}
template <class R>
npt_cx<R> from_std(const std::complex<R>& z) {
  return npt_cpack<R>(z.real(), z.imag());
}
template <class R>
npt_cx<R> npt_cexp_base(npt_cx<R> z) {
  return from_std(std::exp(to_std(z)));
}
template <class R>
npt_cx<R> npt_clog_base(npt_cx<R> z) {
  return from_std(std::log(to_std(z)));
}
template <class R>
npt_cx<R> npt_cpow_base(npt_cx<R> a, npt_cx<R> b) {
  return from_std(std::pow(to_std(a), to_std(b)));
}
// NumPy's product as its vector loops compute it where the CPU has FMA (and
// npt's kernels on every CPU, codegen/llvm_emit.cpp).
template <class R>
npt_cx<R> npt_cmul_fused(npt_cx<R> a, npt_cx<R> b) {
  return npt_cpack<R>(std::fma(a.re, b.re, -(a.im * b.im)), std::fma(a.re, b.im, a.im * b.re));
}
