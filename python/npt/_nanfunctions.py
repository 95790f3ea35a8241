"""NumPy's order statistics and NaN-ignoring reductions, as compositions.

median/quantile/percentile sort along the axis (the sort primitive), then
gather the two neighbours of each virtual index and interpolate as NumPy's
_lerp does; a slice holding a NaN gives NaN. The nan* functions replace NaN
by the reduction's identity (or count the non-NaN elements), with NumPy's
warnings and errors for all-NaN slices, which they read: those decide an
error or a warning, as in NumPy.
"""
import warnings

import numpy as _np

from ._array import asarray
from ._reductions import _into_out, _NoValue, normalize_axes, sum as _sum, prod as _prod, \
    max as _max, min as _min

__all__ = ["median", "quantile", "percentile", "nansum", "nanprod", "nanmean", "nanvar", "nanstd",
           "nanmax", "nanmin", "nanargmax", "nanargmin", "nancumsum"]

_METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
            "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
            "midpoint", "nearest")


def _uf():
    from . import _ufuncs
    return _ufuncs


def _last_axis_sorted(a, axis):
    """a sorted along axis, moved last (a flattened copy for axis=None), and
    the result's shape with keepdims (the axes kept as 1)."""
    from ._manipulation import moveaxis
    from ._sorting import sort
    if axis is None:
        return sort(a.reshape(-1)), tuple(1 for _ in a.shape)
    axes = sorted(_np.lib.array_utils.normalize_axis_tuple(axis, a.ndim))  # NumPy's errors
    kept = [d for d in range(a.ndim) if d not in axes]
    m = moveaxis(a, axes, list(range(a.ndim - len(axes), a.ndim))) if axes else a
    m = m.reshape(tuple(a.shape[d] for d in kept) + (int(_np.prod([a.shape[d] for d in axes])),))
    return sort(m, axis=-1), tuple(1 if d in axes else n for d, n in enumerate(a.shape))


def _quantile(a, q, axis, method, keepdims, what, q_given):
    a = asarray(a)
    if a.dtype.kind == "c":
        raise NotImplementedError(f"npt: {what} of complex arrays is not supported yet")
    if method not in _METHODS:
        raise ValueError(f"'{method}' is not a valid method. Use one of: dict_keys({list(_METHODS)})")
    if method not in ("linear", "lower", "higher", "midpoint", "nearest"):
        raise NotImplementedError(f"npt: {what}(method='{method}') is not supported yet")
    qa = _np.asarray(q, dtype=_np.float64 if not hasattr(q, "dtype") else None)
    s, kshape = _last_axis_sorted(a, axis)
    n = s.shape[-1]
    # NumPy's dtypes: the input's for the methods that pick an element, else
    # the input's inexact dtype promoted with q's (a Python float is weak)
    picks = method in ("lower", "higher", "nearest")
    qd = q_given if isinstance(q_given, (int, float)) else _np.asarray(q_given)
    dt = a.dtype if picks or a.dtype.kind == "b" else _np.result_type(
        a.dtype if a.dtype.kind == "f" else _np.float64, qd)
    if n == 0:
        raise IndexError("index -1 is out of bounds for axis 0 with size 0")
    vi = qa * (n - 1)
    lo = _np.floor(vi).astype(_np.int64)
    hi = _np.minimum(lo + 1, n - 1)
    t = vi - lo
    if method == "lower":
        hi, t = lo, _np.zeros_like(t)
    elif method == "higher":
        lo = hi = _np.ceil(vi).astype(_np.int64)
        t = _np.zeros_like(t)
    elif method == "nearest":
        lo = hi = _np.around(vi).astype(_np.int64)
        t = _np.zeros_like(t)
    elif method == "midpoint":  # halfway between the neighbours, unless the index is whole
        t = _np.where(vi % 1 != 0, 0.5, 0.0)
    from ._writes import take
    sf = s.astype(dt)
    av = take(sf, lo.ravel(), axis=-1)
    bv = take(sf, hi.ravel(), axis=-1)
    if picks:
        r = av
    else:
        tt = asarray(t.ravel().astype(dt), device=a.device)
        diff = bv - av
        r = _uf().where(tt >= 0.5, bv - diff * (1 - tt), av + diff * tt)  # NumPy's _lerp
    last = take(s, [n - 1], axis=-1)
    if a.dtype.kind == "f":
        r = _uf().where(_uf().isnan(last), _np.array(_np.nan, dt), r)
    # (..., q) -> q's dims first, then the kept ones
    from ._manipulation import moveaxis
    r = moveaxis(r.reshape(r.shape[:-1] + qa.shape), list(range(r.ndim - 1, r.ndim - 1 + qa.ndim)),
                 list(range(qa.ndim)))
    if keepdims:
        r = r.reshape(qa.shape + kshape)
    return r.astype(dt)


def _check_q(q, scale, word):
    qa = _np.asarray(q)
    if qa.dtype.kind not in "biuf":
        raise TypeError("a must be an array of real numbers")
    if ((qa / scale < 0) | (qa / scale > 1)).any():
        raise ValueError(f"{word} must be in the range [0, {1 if scale == 1 else 100}]")
    return qa / scale if scale != 1 else qa


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
             weights=None):
    """numpy.quantile: the q-th quantiles along axis (linear, lower, higher, midpoint, nearest)."""
    if weights is not None:
        raise NotImplementedError("npt: quantile(weights=) is not supported yet")
    r = _quantile(a, _check_q(q, 1, "Quantiles"), axis, method, keepdims, "quantile", q)
    from ._writes import store
    return r if out is None else store(out, r, "quantile", casting="unsafe", exact_shape=True)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
               weights=None):
    """numpy.percentile: quantile(a, q / 100)."""
    if weights is not None:
        raise NotImplementedError("npt: percentile(weights=) is not supported yet")
    r = _quantile(a, _check_q(q, 100, "Percentiles"), axis, method, keepdims, "percentile",
                  q / 100 if isinstance(q, (int, float)) else _np.asarray(q) / 100)
    from ._writes import store
    return r if out is None else store(out, r, "percentile", casting="unsafe", exact_shape=True)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """numpy.median: the mean of the middle one or two sorted values (NaN if any is NaN)."""
    a = asarray(a)
    if a.dtype.kind == "c":
        raise NotImplementedError("npt: median of complex arrays is not supported yet")
    s, kshape = _last_axis_sorted(a, axis)
    n = s.shape[-1]
    from ._reductions import mean
    if n == 0:
        return mean(a, axis, None, out, keepdims)  # NaN, with NumPy's "Mean of empty slice"
    from ._writes import take
    mid = [n // 2 - 1, n // 2] if n % 2 == 0 else [n // 2]
    r = mean(take(s, mid, axis=-1), -1)
    if a.dtype.kind == "f":
        r = _uf().where(_uf().isnan(take(s, n - 1, axis=-1)), _np.array(_np.nan, r.dtype), r)
    if keepdims:
        r = r.reshape(kshape)
    from ._writes import store
    return r if out is None else store(out, r, "median", casting="unsafe", exact_shape=True)


# ---- NaN-ignoring reductions ----------------------------------------------------

def _filled(a, fill):
    """a with its NaNs replaced by fill (a itself for non-float dtypes)."""
    a = asarray(a)
    if a.dtype.kind not in "fc":
        return a
    return _uf().where(_uf().isnan(a), _np.array(fill, a.dtype) if a.dtype.kind == "f" else fill, a)


def _all_nan(a, axis, keepdims):
    """Whether any slice is all NaN (read: it decides a warning or an error)."""
    a = asarray(a)
    if a.dtype.kind not in "fc":
        return False
    from ._reductions import all as _all
    return bool(_np.asarray(_all(_uf().isnan(a), axis, None, keepdims)).any())


@_into_out
def nansum(a, axis=None, dtype=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.nansum: sum, NaNs counted as zero."""
    return _sum(_filled(a, 0), axis, dtype, None, keepdims, initial, where)


@_into_out
def nanprod(a, axis=None, dtype=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.nanprod: prod, NaNs counted as one."""
    return _prod(_filled(a, 1), axis, dtype, None, keepdims, initial, where)


def _count(a, axis, keepdims, where):
    """The number of non-NaN elements (a has an inexact dtype)."""
    return _sum(_uf().logical_not(_uf().isnan(asarray(a))), axis, "intp", None, keepdims, where=where)


@_into_out
def nanmean(a, axis=None, dtype=None, out=None, keepdims=_NoValue, *, where=_NoValue):
    """numpy.nanmean: the mean of the non-NaN elements."""
    a = asarray(a)
    if a.dtype.kind not in "fc":
        from ._reductions import mean
        return mean(a, axis, dtype, None, keepdims, where=where)
    cnt = _count(a, axis, keepdims, where)
    if bool((_np.asarray(cnt) == 0).any()):
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)
    s = _sum(_filled(a, 0), axis, dtype, None, keepdims, where=where)
    return (s / cnt).astype(s.dtype)


def _nanvar(a, axis, dtype, ddof, keepdims, where, mean, correction):
    a = asarray(a)
    from ._statistics import _var
    if a.dtype.kind not in "fc":
        return _var(a, axis, dtype, ddof, keepdims, where, mean, correction)
    if correction is not _NoValue:
        if ddof != 0:
            raise ValueError("ddof and correction can't be provided simultaneously.")
        ddof = correction
    keep = keepdims is not _NoValue and bool(keepdims)
    cnt = _count(a, axis, True, where)
    if mean is _NoValue:
        total = _sum(_filled(a, 0), axis, dtype, None, True, where=where)
        m = (total / cnt).astype(total.dtype)
    else:
        m = asarray(mean)
    x = _filled(a - m, 0)
    sq = (x.real * x.real + x.imag * x.imag) if x.dtype.kind == "c" else x * x
    s = _sum(sq, axis, dtype, None, keep, where=where)
    dof = _uf().subtract(_count(a, axis, keep, where), ddof)
    if bool((_np.asarray(dof) <= 0).any()):
        warnings.warn("Degrees of freedom <= 0 for slice.", RuntimeWarning, stacklevel=3)
    r = s / _uf().maximum(dof, 0)
    return r.astype(s.dtype)


@_into_out
def nanvar(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, where=_NoValue, mean=_NoValue,
           correction=_NoValue):
    """numpy.nanvar: var of the non-NaN elements."""
    return _nanvar(a, axis, dtype, ddof, keepdims, where, mean, correction)


@_into_out
def nanstd(a, axis=None, dtype=None, out=None, ddof=0, keepdims=_NoValue, *, where=_NoValue, mean=_NoValue,
           correction=_NoValue):
    """numpy.nanstd: the square root of nanvar."""
    return _uf().sqrt(_nanvar(a, axis, dtype, ddof, keepdims, where, mean, correction))


def _nan_extreme(fn, fill, a, axis, keepdims, initial, where):
    a = asarray(a)
    try:
        r = fn(_filled(a, fill), axis, None, keepdims, initial, where)
    except ValueError as e:  # NumPy reduces with fmax/fmin here
        raise ValueError(str(e).replace("maximum", "fmax").replace("minimum", "fmin")) from None
    if a.dtype.kind != "f":
        return r
    keep = keepdims is not _NoValue and bool(keepdims)
    if _all_nan(a, axis, keep):
        warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=3)
    from ._reductions import all as _all
    empty = _all(_uf().isnan(a), axis, None, keep)
    return _uf().where(empty, _np.array(_np.nan, a.dtype), r)


@_into_out
def nanmax(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.nanmax: max ignoring NaNs (NaN, with a warning, for an all-NaN slice)."""
    return _nan_extreme(_max, -_np.inf, a, axis, keepdims, initial, where)


@_into_out
def nanmin(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.nanmin: min ignoring NaNs (NaN, with a warning, for an all-NaN slice)."""
    return _nan_extreme(_min, _np.inf, a, axis, keepdims, initial, where)


def _nan_arg(name, fill, a, axis, out, keepdims):
    from ._sorting import argmax, argmin
    a = asarray(a)
    fn = argmax if name == "nanargmax" else argmin
    if a.dtype.kind != "f":
        return fn(a, axis, out, keepdims=keepdims)
    r = fn(_filled(a, fill), axis, None, keepdims=keepdims)  # (NumPy's error for an empty slice first)
    if _all_nan(a, axis, False):
        raise ValueError("All-NaN slice encountered")
    if out is not None:
        from ._writes import store
        return store(out, r, name, casting="unsafe", exact_shape=True)
    return r


def nanargmax(a, axis=None, out=None, *, keepdims=_NoValue):
    """numpy.nanargmax: argmax ignoring NaNs (ValueError for an all-NaN slice)."""
    return _nan_arg("nanargmax", -_np.inf, a, axis, out, keepdims)


def nanargmin(a, axis=None, out=None, *, keepdims=_NoValue):
    """numpy.nanargmin: argmin ignoring NaNs (ValueError for an all-NaN slice)."""
    return _nan_arg("nanargmin", _np.inf, a, axis, out, keepdims)


def nancumsum(a, axis=None, dtype=None, out=None):
    """numpy.nancumsum: cumsum, NaNs counted as zero."""
    from ._sorting import cumsum
    return cumsum(_filled(a, 0), axis, dtype, out)
