"""NumPy's statistics that are compositions of reductions: var and std in
two passes over memory (the mean, then one fused kernel for the sum of
squared deviations), ptp, count_nonzero, average, diff and ediff1d."""
import warnings

import numpy as _np

from ._array import asarray
from ._reductions import _into_out, _NoValue, normalize_axes, mean as _mean, sum as _sum, max as _max, \
    min as _min
from ._writes import _axis

__all__ = ["var", "std", "ptp", "count_nonzero", "average", "diff", "ediff1d"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def resolve_ddof(ddof, correction):
    """var's ddof, or the Array API's correction (not both, as NumPy)."""
    if correction is _NoValue:
        return ddof
    if ddof != 0:
        raise ValueError("ddof and correction can't be provided simultaneously.")
    return correction


def abs2(x):
    """|x|^2 elementwise (the real and imaginary parts squared for complex)."""
    return (x.real * x.real + x.imag * x.imag) if x.dtype.kind == "c" else x * x


def _var(a, axis, dtype, ddof, keepdims, where, mean, correction):
    ddof = resolve_ddof(ddof, correction)
    a = asarray(a)
    keep = keepdims is not _NoValue and bool(keepdims)
    kind = a.dtype.kind
    if dtype is not None:
        calc = _np.dtype(dtype)
    elif kind in "biu":
        calc = _np.dtype("float64")
    elif a.dtype.name == "float16":
        calc = _np.dtype("float32")
    else:
        calc = a.dtype
    w = None if where is _NoValue or where is True else where
    axes = normalize_axes(axis, a.ndim)
    if w is None:
        n = 1
        for d in axes:
            n *= a.shape[d]
    else:
        from ._creation import ones
        n = _sum(ones(a.shape, dtype="int64"), axis, None, None, keep, where=w)
    m = _mean(a, axis, calc, None, True, where=where) if mean is _NoValue else asarray(mean)
    s = _sum(abs2(a - m), axis, dtype, None, keep, where=where)  # (in the dtype they promote to, as NumPy's)
    if isinstance(n, int):
        if n - ddof <= 0:
            warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=3)
        r = s / (n - ddof) if n - ddof > 0 else s / _np.float64(0).astype(s.dtype)
    else:
        r = s / _uf().maximum(n - ddof, 0)
    if a.dtype.name == "float16" and dtype is None:
        return r.astype("float16")
    return r.astype(s.dtype)


@_into_out
def var(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, where=_NoValue, mean=_NoValue,
        correction=_NoValue):
    """numpy.var: mean((a - a.mean())**2) / (n - ddof) * n, in two passes."""
    return _var(a, axis, dtype, ddof, keepdims, where, mean, correction)


@_into_out
def std(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, where=_NoValue, mean=_NoValue,
        correction=_NoValue):
    """numpy.std: the square root of var."""
    v = _var(a, axis, dtype, ddof, keepdims, where, mean, correction)
    return _uf().sqrt(v)


@_into_out
def ptp(a, axis=None, out=None, keepdims=_NoValue):
    """numpy.ptp: max - min along axis."""
    a = asarray(a)
    return _uf().subtract(_max(a, axis, None, keepdims), _min(a, axis, None, keepdims))


def count_nonzero(a, axis=None, *, keepdims=False):
    """numpy.count_nonzero: the number of non-zero elements (intp)."""
    a = asarray(a)
    return _sum(a != 0 if a.dtype.kind != "b" else a, axis, "intp", None, keepdims)


def average(a, axis=None, weights=None, returned=False, *, keepdims=_NoValue):
    """numpy.average: the weighted mean (and the sum of the weights when returned)."""
    a = asarray(a)
    keep = keepdims is not _NoValue and bool(keepdims)
    if axis is not None:
        _np.lib.array_utils.normalize_axis_tuple(axis, a.ndim, "axis")  # NumPy's AxisError
    if weights is None:
        r = _mean(a, axis, None, None, keep)
        if not returned:
            return r
        if r.size == 0:
            raise ZeroDivisionError("division by zero")  # (NumPy's a.size / avg.size)
        n = a.size // r.size
        from ._creation import full
        return r, full(r.shape, n, dtype=r.dtype)
    w = asarray(weights)
    if a.shape != w.shape:
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        axes = normalize_axes(axis, a.ndim)
        if w.shape != tuple(a.shape[d] for d in axes):
            raise ValueError("Shape of weights must be consistent with shape of a along specified axis.")
        shape = [1] * a.ndim
        for k, d in enumerate(axes):
            shape[d] = w.shape[k]
        w = w.reshape(shape)
    rt = _np.result_type(a.dtype, w.dtype, *([_np.float64] if a.dtype.kind in "biu" else []))
    from ._writes import broadcast_to
    wsum = _sum(w if w.shape == a.shape else broadcast_to(w, a.shape), axis, rt, None, keep)
    if (_np.asarray(wsum) == 0).any():  # (the weights decide an error: read them)
        raise ZeroDivisionError("Weights sum to zero, can't be normalized")
    r = _sum(_uf().multiply(a, w), axis, rt, None, keep) / wsum
    if returned:
        return r, wsum if wsum.shape == r.shape else _uf().multiply(wsum, _np.ones(r.shape, rt))
    return r


def diff(a, n=1, axis=-1, prepend=_NoValue, append=_NoValue):
    """numpy.diff: the n-th discrete difference along axis."""
    if n == 0:
        return asarray(a)
    if n < 0:
        raise ValueError(f"order must be non-negative but got {n!r}")
    a = asarray(a)
    if a.ndim == 0:
        raise ValueError("diff requires input that is at least one dimensional")
    axis = _axis(axis, a.ndim)
    from ._manipulation import concatenate
    parts = []
    for extra in (prepend, None, append):
        if extra is None:
            parts.append(a)
        elif extra is not _NoValue:
            e = asarray(extra)
            if e.ndim == 0:
                shape = list(a.shape)
                shape[axis] = 1
                from ._writes import broadcast_to
                e = broadcast_to(e, tuple(shape))
            parts.append(e)
    if len(parts) > 1:
        a = concatenate(parts, axis)
    lo = (slice(None),) * axis + (slice(1, None),)
    hi = (slice(None),) * axis + (slice(None, -1),)
    op = _uf().not_equal if a.dtype.kind == "b" else _uf().subtract
    for _ in range(n):
        a = op(a[lo], a[hi])
    return a


def ediff1d(ary, to_end=None, to_begin=None):
    """numpy.ediff1d: differences of the flattened array, with ends added."""
    a = asarray(ary).reshape(-1)
    from ._manipulation import concatenate
    ends = []
    for extra, what in ((to_begin, "to_begin"), (to_end, "to_end")):
        if extra is None:
            ends.append(None)
            continue
        e = asarray(extra)
        if not _np.can_cast(e.dtype, a.dtype, "same_kind"):
            raise TypeError(f"dtype of `{what}` must be compatible with input `ary` under the "
                            "`same_kind` rule.")
        ends.append(e.astype(a.dtype).reshape(-1))
    d = a[1:] - a[:-1]
    parts = [p for p in (ends[0], d, ends[1]) if p is not None]
    return concatenate(parts) if len(parts) > 1 else d
