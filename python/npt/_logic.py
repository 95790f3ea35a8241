"""NumPy's comparisons with a tolerance (isclose, allclose, array_equal, ...),
rounding, and the numerical helpers that are compositions of ufuncs,
slices, gathers and reductions: unwrap, i0 (Clenshaw's Chebyshev series),
interp (searchsorted, then gathers of the neighbours), convolve/correlate
(shifted slices of the longer input summed, or for long kernels a gather
of its windows and one fused multiply-sum), cross, gradient and
trapezoid. All stay lazy and differentiable; the ones that answer with a
Python bool (allclose, array_equal, array_equiv) or whose dtype depends on
the values (real_if_close) read their result."""
import builtins
import operator
import warnings

import numpy as _np

from . import _npt
from ._array import ndarray, asarray
from ._reductions import sum as _sum, all as _all, any as _any
from ._writes import _axis, stand_in

__all__ = ["isclose", "allclose", "array_equal", "array_equiv", "isscalar", "isneginf", "isposinf",
           "real_if_close", "round", "around", "unwrap", "i0", "interp", "convolve", "correlate",
           "cross", "gradient", "trapezoid"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def _ndim(x):
    return x.ndim if isinstance(x, ndarray) else _np.ndim(x)


def _gather(src, idx):
    """src[idx] for a 1-D src and (lazy) in-range integer indices of any shape."""
    return ndarray(_npt.apply("gather", [src._h, idx._h], ints=[0]))


# ---- comparisons ------------------------------------------------------------------

def _finite_tolerance(t):
    if isinstance(t, ndarray):
        return t._h.traced or bool(_np.all(_np.isfinite(t._numpy("isclose()"))))
    return bool(_np.all(_np.isfinite(t)))


def isclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    """numpy.isclose: |a - b| <= atol + rtol * |b| elementwise (inf equal to itself)."""
    uf = _uf()
    x, y, atol, rtol = (v if isinstance(v, (int, float, complex)) else asarray(v)
                        for v in (a, b, atol, rtol))
    if isinstance(y, ndarray):
        dt = _np.result_type(y.dtype, 1.)  # y inexact (abs of the most negative int)
        y = y.astype(dt, copy=False)
    elif isinstance(y, int):
        y = float(y)
    if not (_finite_tolerance(atol) and _finite_tolerance(rtol)):
        err_s = _np.geterr()["invalid"]
        err_msg = f"One of rtol or atol is not valid, atol: {atol}, rtol: {rtol}"
        if err_s == "warn":
            warnings.warn(err_msg, RuntimeWarning, stacklevel=2)
        elif err_s == "raise":
            raise FloatingPointError(err_msg)
        elif err_s == "print":
            print(err_msg)
    result = uf.bitwise_or(uf.bitwise_and(uf.less_equal(abs(x - y), atol + rtol * abs(y)),
                                          uf.isfinite(y)), uf.equal(x, y))
    if equal_nan:
        result = uf.bitwise_or(result, uf.bitwise_and(uf.isnan(x), uf.isnan(y)))
    return result


def allclose(a, b, rtol=1.e-5, atol=1.e-8, equal_nan=False):
    """numpy.allclose: whether isclose holds everywhere (a Python bool: read)."""
    return builtins.bool(_all(isclose(a, b, rtol=rtol, atol=atol, equal_nan=equal_nan)))


def array_equal(a1, a2, equal_nan=False):
    """numpy.array_equal: the same shape and elements (a Python bool: read)."""
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:  # noqa: BLE001  (NumPy's: anything not an array is not equal)
        return False
    if a1.shape != a2.shape:
        return False
    uf = _uf()
    eq = uf.equal(a1, a2)
    if equal_nan and a1 is not a2:
        n1, n2 = uf.isnan(a1), uf.isnan(a2)  # NaNs in the same places, the rest equal
        eq = uf.logical_and(uf.equal(n1, n2), uf.logical_or(n1, eq))
    elif equal_nan:
        return True
    return builtins.bool(_all(eq))


def array_equiv(a1, a2):
    """numpy.array_equiv: broadcastable shapes and equal elements (a Python bool: read)."""
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except Exception:  # noqa: BLE001
        return False
    try:
        _np.broadcast_shapes(a1.shape, a2.shape)
    except ValueError:
        return False
    return builtins.bool(_all(_uf().equal(a1, a2)))


def isscalar(element):
    """numpy.isscalar: NumPy's own (an npt array, even 0-d, is no scalar)."""
    return _np.isscalar(element)


def _isinf_signed(x, out, negative):
    uf = _uf()
    is_inf = uf.isinf(x)
    try:
        sign = uf.signbit(x)
    except TypeError as e:
        dtype = asarray(x).dtype
        raise TypeError(f"This operation is not supported for {dtype} values because it would be "
                        "ambiguous.") from e
    if not negative:
        sign = uf.logical_not(sign)
    return uf.logical_and(is_inf, sign) if out is None else uf.logical_and(is_inf, sign, out=out)


def isposinf(x, out=None):
    """numpy.isposinf: isinf(x) & ~signbit(x)."""
    return _isinf_signed(x, out, False)


def isneginf(x, out=None):
    """numpy.isneginf: isinf(x) & signbit(x)."""
    return _isinf_signed(x, out, True)


def real_if_close(a, tol=100):
    """numpy.real_if_close: the real part when every imaginary part is within tol
    machine epsilons of 0 (the values decide the dtype: read)."""
    a = asarray(a)
    if a.dtype.kind != "c":
        return a
    if tol > 1:
        tol = _np.finfo(a.dtype).eps * tol
    if builtins.bool(_all(_uf().less(_uf().absolute(a.imag), tol))):
        a = a.real
    return a


# ---- rounding --------------------------------------------------------------------

def _power_of_ten(n):
    """10.0 ** n as NumPy's round computes it (exact up to 1e8, then repeated * 10)."""
    if n < 9:
        return float(10 ** n)
    r = 1e9
    for _ in range(n - 9):
        r *= 10.
    return r


def _round_real(a, decimals, out):
    uf = _uf()
    if decimals >= 0 and a.dtype.kind in "iu":
        if out is None:
            return a
        from ._writes import store
        return store(out, a, "round", (a,))
    if decimals == 0:
        return uf.rint(a) if out is None else uf.rint(a, out=out)
    op1, op2 = (uf.multiply, uf.divide) if decimals >= 0 else (uf.divide, uf.multiply)
    f = _power_of_ten(builtins.abs(decimals))
    if out is None and a.dtype.kind in "iu":  # in float64, then back to a's dtype
        return op2(uf.rint(op1(a, f)), f).astype(a.dtype)
    if out is None:
        if a.dtype.kind == "b":  # (NumPy's bool result array refuses the float product)
            from ._creation import zeros
            op1(a, f, out=zeros(a.shape, a.dtype))
        return op2(uf.rint(op1(a, f)), f)
    op1(a, f, out=out)
    uf.rint(out, out=out)
    return op2(out, f, out=out)


def round(a, decimals=0, out=None):
    """numpy.round: to the given number of decimals, halves to even (rint of a scaled)."""
    a = asarray(a)
    decimals = operator.index(decimals)
    if out is not None:
        if not isinstance(out, ndarray):
            raise TypeError("output must be an array")
        if out.size != a.size:
            raise ValueError("invalid output shape")
    if a.dtype.kind == "c":
        re, im = _round_real(a.real, decimals, None), _round_real(a.imag, decimals, None)
        if out is None:
            return _uf()._complex(re, im)
        out.real = re
        out.imag = im
        return out
    return _round_real(a, decimals, out)


def around(a, decimals=0, out=None):
    """numpy.around: numpy.round."""
    return round(a, decimals, out)


# ---- phases, Bessel ----------------------------------------------------------------

def unwrap(p, discont=None, axis=-1, *, period=2 * _np.pi):
    """numpy.unwrap: jumps larger than discont along axis replaced by their
    complement modulo period (a running sum of the corrections)."""
    from ._manipulation import concatenate
    from ._sorting import cumsum
    from ._statistics import diff
    uf = _uf()
    p = asarray(p)
    nd = p.ndim
    dd = diff(p, axis=axis)
    if discont is None:
        discont = period / 2
    slice1 = [slice(None, None)] * nd
    slice1[axis] = slice(1, None)
    slice0 = list(slice1)
    slice0[axis] = slice(0, 1)
    per = stand_in(period) if isinstance(period, ndarray) else period
    dtype = _np.result_type(stand_in(dd), per)
    if dtype.kind in "iu":
        interval_high, rem = divmod(period, 2)
        boundary_ambiguous = rem == 0
    else:
        interval_high = period / 2
        boundary_ambiguous = True
    interval_low = -interval_high
    ddmod = uf.remainder(dd - interval_low, period) + interval_low
    if boundary_ambiguous:
        # |dd| == period/2 maps to -period/2 above: give it dd's sign instead
        mask = uf.logical_and(uf.equal(ddmod, interval_low), uf.greater(dd, 0))
        ddmod = uf.where(mask, interval_high, ddmod).astype(ddmod.dtype)
    ph_correct = ddmod - dd
    ph_correct = uf.where(uf.less(abs(dd), discont), 0, ph_correct).astype(ph_correct.dtype)
    rest = (p[tuple(slice1)] + cumsum(ph_correct, axis)).astype(dtype)
    return concatenate([p[tuple(slice0)].astype(dtype), rest], axis)


# Chebyshev coefficients of exp(-x) I0(x) on [0, 8] and of exp(-x) sqrt(x) I0(x)
# on (8, inf) in 8/x (Cephes, as numpy.i0)
_I0A = [-4.41534164647933937950E-18, 3.33079451882223809783E-17, -2.43127984654795469359E-16,
        1.71539128555513303061E-15, -1.16853328779934516808E-14, 7.67618549860493561688E-14,
        -4.85644678311192946090E-13, 2.95505266312963983461E-12, -1.72682629144155570723E-11,
        9.67580903537323691224E-11, -5.18979560163526290666E-10, 2.65982372468238665035E-9,
        -1.30002500998624804212E-8, 6.04699502254191894932E-8, -2.67079385394061173391E-7,
        1.11738753912010371815E-6, -4.41673835845875056359E-6, 1.64484480707288970893E-5,
        -5.75419501008210370398E-5, 1.88502885095841655729E-4, -5.76375574538582365885E-4,
        1.63947561694133579842E-3, -4.32430999505057594430E-3, 1.05464603945949983183E-2,
        -2.37374148058994688156E-2, 4.93052842396707084878E-2, -9.49010970480476444210E-2,
        1.71620901522208775349E-1, -3.04682672343198398683E-1, 6.76795274409476084995E-1]
_I0B = [-7.23318048787475395456E-18, -4.83050448594418207126E-18, 4.46562142029675999901E-17,
        3.46122286769746109310E-17, -2.82762398051658348494E-16, -3.42548561967721913462E-16,
        1.77256013305652638360E-15, 3.81168066935262242075E-15, -9.55484669882830764870E-15,
        -4.15056934728722208663E-14, 1.54008621752140982691E-14, 3.85277838274214270114E-13,
        7.18012445138366623367E-13, -1.79417853150680611778E-12, -1.32158118404477131188E-11,
        -3.14991652796324136454E-11, 1.18891471078464383424E-11, 4.94060238822496958910E-10,
        3.39623202570838634515E-9, 2.26666899049817806459E-8, 2.04891858946906374183E-7,
        2.89137052083475648297E-6, 6.88975834691682398426E-5, 3.36911647825569408990E-3,
        8.04490411014108831608E-1]


def _chbevl(x, vals):
    """Clenshaw's recurrence for a Chebyshev series (numpy's _chbevl, op for op)."""
    b0, b1, b2 = vals[0], 0.0, 0.0
    for v in vals[1:]:
        b2 = b1
        b1 = b0
        b0 = x * b1 - b2 + v
    return 0.5 * (b0 - b2)


def i0(x):
    """numpy.i0: the modified Bessel function of the first kind, order 0 (NumPy's
    Chebyshev expansions on [0, 8] and (8, inf))."""
    uf = _uf()
    x = asarray(x)
    if x.dtype.kind == "c":
        raise TypeError("i0 not supported for complex values")
    if x.dtype.kind != "f":
        x = x.astype(float)
    x = uf.absolute(x)
    # each branch on inputs kept inside its own interval, so the branch not
    # taken is finite and gives no NaN gradient through the where
    lo = uf.minimum(x, 8.0)
    hi = uf.maximum(x, 8.0)
    small = uf.exp(lo) * _chbevl(lo / 2.0 - 2, _I0A)
    large = uf.exp(hi) * _chbevl(32.0 / hi - 2.0, _I0B) / uf.sqrt(hi)
    return uf.where(uf.less_equal(x, 8.0), small, large)


# ---- interpolation ---------------------------------------------------------------

def _points(v, dtype):
    """fp or xp for interp: 1-D, of dtype (NumPy's depth errors)."""
    v = asarray(v)
    if v.ndim > 1:
        raise ValueError("object too deep for desired array")
    if v.ndim < 1:
        raise ValueError("object of too small depth for desired array")
    return v.astype(dtype, copy=False)


def _fill(v, dtype):
    """left= / right= as a 0-d npt array of dtype."""
    if isinstance(v, ndarray):
        if v.ndim:
            raise TypeError("only 0-dimensional arrays can be converted to Python scalars")
        return v.astype(dtype, copy=False)
    return asarray(_np.asarray(v, dtype))


def _lerp(x, xp, fp, j, cplx):
    """fp's linear interpolation at x between the points j and j + 1 (NumPy's loop:
    the other end where that gives NaN, fp[j] where both ends are equal)."""
    uf = _uf()
    xj, xj1 = _gather(xp, j), _gather(xp, j + 1)
    fj, fj1 = _gather(fp, j), _gather(fp, j + 1)
    if cplx:  # NumPy scales each part by 1 / dx
        inv = 1.0 / (xj1 - xj)
        parts = []
        for fa, fb in ((fj.real, fj1.real), (fj.imag, fj1.imag)):
            slope = (fb - fa) * inv
            parts.append(_lerp_part(x, xj, xj1, fa, fb, slope))
        return uf._complex(*parts)
    slope = (fj1 - fj) / (xj1 - xj)
    return _lerp_part(x, xj, xj1, fj, fj1, slope)


def _lerp_part(x, xj, xj1, fa, fb, slope):
    uf = _uf()
    r = slope * (x - xj) + fa
    r2 = slope * (x - xj1) + fb
    r2 = uf.where(uf.logical_and(uf.isnan(r2), uf.equal(fa, fb)), fa, r2)
    return uf.where(uf.isnan(r), r2, r)


def interp(x, xp, fp, left=None, right=None, period=None):
    """numpy.interp: the piecewise-linear interpolant of (xp, fp) at x (float64,
    or complex128 for complex fp)."""
    uf = _uf()
    fp = asarray(fp)
    cplx = fp.dtype.kind == "c"
    dt = _np.dtype(_np.complex128 if cplx else _np.float64)
    if period is not None:
        if isinstance(period, ndarray):
            period = period._numpy("interp(period=...)")
        if period == 0:
            raise ValueError("period must be a non-zero value")
        period = builtins.abs(period)
        left = right = None
        x = asarray(x).astype(_np.float64, copy=False)
        xp = asarray(xp).astype(_np.float64, copy=False)
        fp = fp.astype(dt, copy=False)
        if xp.ndim != 1 or fp.ndim != 1:
            raise ValueError("Data points must be 1-D sequences")
        if xp.shape[0] != fp.shape[0]:
            raise ValueError("fp and xp are not of the same length")
        from ._manipulation import concatenate
        from ._sorting import argsort
        x = uf.remainder(x, period)
        xp = uf.remainder(xp, period)
        order = argsort(xp)
        xp, fp = _gather(xp, order), _gather(fp, order)
        xp = concatenate((xp[-1:] - period, xp, xp[0:1] + period))
        fp = concatenate((fp[-1:], fp, fp[0:1]))
    fp = _points(fp, dt)
    xp = _points(xp, _np.float64)
    x = asarray(x).astype(_np.float64, copy=False)
    n = xp.shape[0]
    if n == 0:
        raise ValueError("array of sample points is empty")
    if fp.shape[0] != n:
        raise ValueError("fp and xp are not of the same length.")
    if not isinstance(left, ndarray) and not isinstance(right, ndarray):
        _np.interp(0.0, [0.0], _np.zeros(1, dt), left=left, right=right)  # NumPy's errors for them
    lval = fp[0] if left is None else _fill(left, dt)
    rval = fp[-1] if right is None else _fill(right, dt)
    if n == 1:
        r = uf.where(uf.less(x, xp[0]), lval, uf.where(uf.greater(x, xp[0]), rval, fp[0]))
        return r.astype(dt, copy=False)
    from ._sorting import searchsorted
    count = searchsorted(xp, x, side="right")  # the points at or below x; j the last of them
    j = uf.minimum(uf.maximum(count - 1, 0), n - 2)
    r = _lerp(x, xp, fp, j, cplx)
    # exactly on a point: its value (the line through it gives that value too,
    # and the gradient, unless its slope is infinite)
    fj = _gather(fp, j)
    on_point = uf.logical_and(uf.equal(x, _gather(xp, j)), uf.not_equal(r, fj))
    r = uf.where(on_point, fj, r)
    r = uf.where(uf.equal(count, n), fp[-1], r)
    r = uf.where(uf.greater(x, xp[-1]), rval, uf.where(uf.less(x, xp[0]), lval, r))
    return uf.where(uf.isnan(x), x.astype(dt), r).astype(dt, copy=False)


# ---- convolution -------------------------------------------------------------------

_MODES = {"valid": 0, "same": 1, "full": 2}


def _mode(mode):
    if isinstance(mode, str):
        if mode in _MODES:
            return _MODES[mode]
        if mode[:1] in ("v", "V", "s", "S", "f", "F"):  # (the inexact matches NumPy 1 allowed)
            raise ValueError("Use one of 'valid', 'same', or 'full' for convolve/correlate mode")
        raise ValueError(f"mode must be one of 'valid', 'same', or 'full' (got {mode!r})")
    if isinstance(mode, (int, _np.integer)) and not isinstance(mode, (bool, _np.bool_)):
        if mode not in (0, 1, 2):
            raise ValueError("integer convolve/correlate mode must be 0, 1, or 2")
        return int(mode)
    raise TypeError("convolve/correlate mode not understood")


_SHIFTED_MAX = 8  # the longest kernel summed as shifted slices (one fused kernel, no windows)


def _sliding_sum(x, y, mode):
    """out[j] = sum_i xpad[j + i] * y[i], xpad being x with NumPy's zero padding for
    mode (len(x) >= len(y); x and y of one dtype). A short y: a sum of len(y)
    shifted slices of x, which fuses into one kernel; a longer one: a gather
    of the windows of x (len(y) values each), then one fused multiply-sum."""
    from ._creation import zeros
    from ._manipulation import concatenate
    uf = _uf()
    n1, n2 = x.shape[0], y.shape[0]
    left, right = {0: (0, 0), 1: (n2 // 2, n2 - n2 // 2 - 1), 2: (n2 - 1, n2 - 1)}[mode]
    dt = x.dtype
    if left or right:
        x = concatenate([zeros((left,), dt), x, zeros((right,), dt)])
    length = n1 - n2 + 1 + left + right
    boolean = dt.kind == "b"  # NumPy's bool dot: any of the ands
    acc = _np.dtype(_np.float32) if dt == _np.float16 else dt  # (NumPy's half dot: in float32)
    x, y = x.astype(acc, copy=False), y.astype(acc, copy=False)
    if n2 <= _SHIFTED_MAX:
        r = None
        for i in range(n2):  # (in NumPy's order: the first term first)
            t = uf.logical_and(x[i:i + length], y[i]) if boolean else x[i:i + length] * y[i]
            r = t if r is None else (uf.logical_or(r, t) if boolean else r + t)
        return r.astype(dt, copy=False)
    windows = x[_np.arange(length)[:, None] + _np.arange(n2)[None, :]]
    if boolean:
        return _any(uf.logical_and(windows, y), axis=-1)
    return _sum(windows * y, axis=-1, dtype=acc).astype(dt, copy=False)


def _one_d(v):
    v = asarray(v)
    if v.ndim > 1:
        raise ValueError("object too deep for desired array")
    if v.ndim < 1:
        raise ValueError("object of too small depth for desired array")
    return v


def correlate(a, v, mode="valid"):
    """numpy.correlate: c[k] = sum_n a[n + k] * conj(v[n]) (NumPy's modes)."""
    m = _mode(mode)
    a, v = _one_d(a), _one_d(v)
    if a.shape[0] == 0:
        raise ValueError("first array argument cannot be empty")
    if v.shape[0] == 0:
        raise ValueError("second array argument cannot be empty")
    dt = _np.result_type(a.dtype, v.dtype)
    a, v = a.astype(dt, copy=False), v.astype(dt, copy=False)
    if dt.kind == "c":
        v = _uf().conjugate(v)
    if a.shape[0] >= v.shape[0]:
        return _sliding_sum(a, v, m)
    return _sliding_sum(v, a, m)[::-1]  # (NumPy swaps them and reverses the result)


def convolve(a, v, mode="full"):
    """numpy.convolve: the discrete linear convolution (the longer one slides)."""
    a, v = asarray(a), asarray(v)
    a = a.reshape(1) if a.ndim == 0 else a
    v = v.reshape(1) if v.ndim == 0 else v
    if len(a) == 0:
        raise ValueError("a cannot be empty")
    if len(v) == 0:
        raise ValueError("v cannot be empty")
    if len(v) > len(a):
        a, v = v, a
    m = _mode(mode)
    if a.ndim > 1 or v.ndim > 1:
        raise ValueError("object too deep for desired array")
    dt = _np.result_type(a.dtype, v.dtype)
    return _sliding_sum(a.astype(dt, copy=False), v.astype(dt, copy=False)[::-1], m)


# ---- vector calculus ---------------------------------------------------------------

def cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None):
    """numpy.cross: the cross product of 3- (or deprecated 2-) vectors along axes."""
    from ._manipulation import moveaxis, stack
    uf = _uf()
    if axis is not None:
        axisa, axisb, axisc = (axis,) * 3
    a, b = asarray(a), asarray(b)
    if a.ndim < 1 or b.ndim < 1:
        raise ValueError("At least one array has zero dimension")
    axisa = _axis(axisa, a.ndim, "axisa")
    axisb = _axis(axisb, b.ndim, "axisb")
    a, b = moveaxis(a, axisa, -1), moveaxis(b, axisb, -1)
    if a.shape[-1] not in (2, 3) or b.shape[-1] not in (2, 3):
        raise ValueError("incompatible dimensions for cross product\n(dimension must be 2 or 3)")
    if a.shape[-1] == 2 or b.shape[-1] == 2:
        warnings.warn("Arrays of 2-dimensional vectors are deprecated. Use arrays of "
                      "3-dimensional vectors instead. (deprecated in NumPy 2.0)",
                      DeprecationWarning, stacklevel=2)
    shape = _np.broadcast(stand_in(a[..., 0]), stand_in(b[..., 0])).shape
    if a.shape[-1] == 3 or b.shape[-1] == 3:
        axisc = _axis(axisc, len(shape) + 1, "axisc")
    dtype = _np.promote_types(a.dtype, b.dtype)
    a, b = a.astype(dtype, copy=False), b.astype(dtype, copy=False)
    a0, a1, b0, b1 = a[..., 0], a[..., 1], b[..., 0], b[..., 1]
    if a.shape[-1] == 2 and b.shape[-1] == 2:
        return a0 * b1 - a1 * b0
    if a.shape[-1] == 2:  # a2 = 0
        b2 = b[..., 2]
        cp = [a1 * b2, uf.negative(a0 * b2), a0 * b1 - a1 * b0]
    elif b.shape[-1] == 2:  # b2 = 0
        a2 = a[..., 2]
        cp = [uf.negative(a2 * b1), a2 * b0, a0 * b1 - a1 * b0]
    else:
        a2, b2 = a[..., 2], b[..., 2]
        cp = [a1 * b2 - a2 * b1, a2 * b0 - a0 * b2, a0 * b1 - a1 * b0]
    return stack(cp, axisc)  # (each component has the broadcast shape)


def _distances(d, n):
    """One coordinate array of gradient's varargs: its differences, or the one
    spacing when they are all equal (checked only for host arrays: npt arrays
    keep the general formula, so they stay lazy)."""
    from ._statistics import diff
    if isinstance(d, ndarray):
        if d.ndim != 1:
            raise ValueError("distances must be either scalars or 1d")
        if d.shape[0] != n:
            raise ValueError("when 1d, distances must match the length of the corresponding dimension")
        if d.dtype.kind in "iu":
            d = d.astype(_np.float64)
        if n <= 1:  # (NumPy's check of the differences for one spacing)
            raise IndexError("index 0 is out of bounds for axis 0 with size 0")
        return diff(d)
    d = _np.asanyarray(d)
    if d.ndim != 1:
        raise ValueError("distances must be either scalars or 1d")
    if len(d) != n:
        raise ValueError("when 1d, distances must match the length of the corresponding dimension")
    if _np.issubdtype(d.dtype, _np.integer):
        d = d.astype(_np.float64)
    diffx = _np.diff(d)
    if (diffx == diffx[0]).all():
        return diffx[0]
    return asarray(diffx)


def gradient(f, *varargs, axis=None, edge_order=1):
    """numpy.gradient: second-order central differences inside, first- or
    second-order one-sided ones at the ends, along each axis."""
    from ._manipulation import concatenate
    f = asarray(f)
    N = f.ndim
    axes = tuple(range(N)) if axis is None else _np.lib.array_utils.normalize_axis_tuple(axis, N)
    len_axes = len(axes)
    n = len(varargs)
    if n == 0:
        dx = [1.0] * len_axes
    elif n == 1 and _ndim(varargs[0]) == 0:
        dx = list(varargs) * len_axes
    elif n == len_axes:
        dx = list(varargs)
        for i, distances in enumerate(dx):
            if _ndim(distances) == 0:
                continue
            dx[i] = _distances(distances, f.shape[axes[i]])
    else:
        raise TypeError("invalid number of arguments")
    if edge_order > 2:
        raise ValueError("'edge_order' greater than 2 not supported")
    otype = f.dtype
    if otype.kind not in "fc":
        if otype.kind in "iu":
            f = f.astype(_np.float64)
        otype = _np.dtype(_np.float64)

    outvals = []
    for ax, ax_dx in zip(axes, dx):
        if f.shape[ax] < edge_order + 1:
            raise ValueError("Shape of array too small to calculate a numerical gradient, at least "
                             "(edge_order + 1) elements are required.")

        def at(s):
            return f[(slice(None),) * ax + (s,)]
        uniform = _ndim(ax_dx) == 0
        if uniform:
            inner = (at(slice(2, None)) - at(slice(None, -2))) / (2. * ax_dx)
        else:
            dx1, dx2 = ax_dx[0:-1], ax_dx[1:]
            a = -(dx2) / (dx1 * (dx1 + dx2))
            b = (dx2 - dx1) / (dx1 * dx2)
            c = dx1 / (dx2 * (dx1 + dx2))
            shape = [1] * N
            shape[ax] = -1
            a, b, c = a.reshape(shape), b.reshape(shape), c.reshape(shape)
            inner = a * at(slice(None, -2)) + b * at(slice(1, -1)) + c * at(slice(2, None))
        first, last = at(slice(0, 1)), at(slice(-1, None))
        if edge_order == 1:
            dx_0 = ax_dx if uniform else ax_dx[0]
            dx_n = ax_dx if uniform else ax_dx[-1]
            lo = (at(slice(1, 2)) - first) / dx_0
            hi = (last - at(slice(-2, -1))) / dx_n
        else:
            if uniform:
                a, b, c = -1.5 / ax_dx, 2. / ax_dx, -0.5 / ax_dx
            else:
                dx1, dx2 = ax_dx[0], ax_dx[1]
                a = -(2. * dx1 + dx2) / (dx1 * (dx1 + dx2))
                b = (dx1 + dx2) / (dx1 * dx2)
                c = - dx1 / (dx2 * (dx1 + dx2))
            lo = a * first + b * at(slice(1, 2)) + c * at(slice(2, 3))
            if uniform:
                a, b, c = 0.5 / ax_dx, -2. / ax_dx, 1.5 / ax_dx
            else:
                dx1, dx2 = ax_dx[-2], ax_dx[-1]
                a = (dx2) / (dx1 * (dx1 + dx2))
                b = - (dx2 + dx1) / (dx1 * dx2)
                c = (2. * dx2 + dx1) / (dx2 * (dx1 + dx2))
            hi = a * at(slice(-3, -2)) + b * at(slice(-2, -1)) + c * last
        # (NumPy writes each part into one array of otype)
        parts = [asarray(p).astype(otype, copy=False) for p in (lo, inner, hi)]
        outvals.append(concatenate(parts, ax))
    if len_axes == 1:
        return outvals[0]
    return tuple(outvals)


def trapezoid(y, x=None, dx=1.0, axis=-1):
    """numpy.trapezoid: the integral along axis by the composite trapezoidal rule."""
    from ._statistics import diff
    y = asarray(y)
    if x is None:
        d = dx
    else:
        x = asarray(x)
        if x.ndim == 1:
            d = diff(x)
            shape = [1] * y.ndim
            shape[axis] = d.shape[0]
            d = d.reshape(shape)
        else:
            d = diff(x, axis=axis)
    nd = y.ndim
    slice1 = [slice(None)] * nd
    slice2 = [slice(None)] * nd
    slice1[axis] = slice(1, None)
    slice2[axis] = slice(None, -1)
    return _sum(d * (y[tuple(slice1)] + y[tuple(slice2)]) / 2.0, axis)
