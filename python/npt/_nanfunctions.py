"""NumPy's order statistics and NaN-ignoring reductions, as compositions.

median/quantile/percentile and their nan* forms sort along the axis (the
sort primitive), compute NumPy's virtual index of each quantile in each
slice (Hyndman and Fan's definitions, as NumPy's methods), gather the two
sorted neighbours with take_along_axis and interpolate as NumPy's _lerp
does, so the result is a lazy composition that gradients flow through. One
body serves both: n is the static slice length for quantile (the indexes
are computed on the host with NumPy), and the lazy per-slice count of
non-NaN values for nanquantile (NaNs sort last, so the valid values are a
prefix). A slice holding a NaN gives NaN; an all-NaN slice gives NaN and
NumPy's warning in the nan* forms. Weights (method='inverted_cdf' only)
pick the first sorted value whose normalized cumulative weight reaches q.
The other nan* functions replace NaN by the reduction's identity (or count
the non-NaN elements), with NumPy's warnings and errors for all-NaN slices,
which they read: those decide an error or a warning, as in NumPy.
"""
import warnings

import numpy as _np

from ._array import asarray, ndarray
from ._reductions import _into_out, _NoValue, normalize_axes, sum as _sum, prod as _prod, \
    max as _max, min as _min

__all__ = ["median", "quantile", "percentile", "nanmedian", "nanquantile", "nanpercentile", "nansum",
           "nanprod", "nanmean", "nanvar", "nanstd", "nanmax", "nanmin", "nanargmax", "nanargmin",
           "nancumsum", "nancumprod"]

# NumPy's methods, in its order (its error message lists them so): each is
# either discrete (an integer index, the element itself) or continuous, with
# Hyndman and Fan's (alpha, beta) where the virtual index is
# n*q + alpha + q*(1 - alpha - beta) - 1
_METHODS = ("inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
            "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
            "midpoint", "nearest")
_DISCRETE = ("inverted_cdf", "closest_observation", "lower", "higher", "nearest")
_ALPHA_BETA = {"interpolated_inverted_cdf": (0, 1), "hazen": (0.5, 0.5), "weibull": (0, 0),
               "median_unbiased": (1 / 3.0, 1 / 3.0), "normal_unbiased": (3 / 8.0, 3 / 8.0)}


def _uf():
    from . import _ufuncs
    return _ufuncs


def _last_axis(a, axis):
    """a with the axes of axis moved last and merged into one (a flattened
    view for axis=None), and the result's shape with keepdims (those axes
    kept as 1)."""
    if axis is None:
        return a.reshape(-1), tuple(1 for _ in a.shape)
    axes = sorted(_np.lib.array_utils.normalize_axis_tuple(axis, a.ndim))  # NumPy's errors
    kept = [d for d in range(a.ndim) if d not in axes]
    from ._manipulation import moveaxis
    m = moveaxis(a, axes, list(range(a.ndim - len(axes), a.ndim))) if axes else a
    m = m.reshape(tuple(a.shape[d] for d in kept) + (int(_np.prod([a.shape[d] for d in axes])),))
    return m, tuple(1 if d in axes else n for d, n in enumerate(a.shape))


def _last_axis_sorted(a, axis):
    """_last_axis, sorted along that last axis (NaNs last)."""
    from ._sorting import sort
    m, kshape = _last_axis(a, axis)
    return sort(m, axis=-1), kshape


def _gather(s, i):
    """s's elements at the indexes i along the last axis (i: one row for
    every slice, a host array, or one row per slice, a lazy one)."""
    from ._writes import take_along_axis
    if isinstance(i, _np.ndarray):
        i = i.reshape((1,) * (s.ndim - 1) + i.shape)
    return take_along_axis(s, i, axis=-1)


# ---- quantiles: one body for quantile and nanquantile --------------------------

def _virtual_index(method, n, q, xp):
    """NumPy's virtual index of the quantiles q among n sorted values (n an
    int and xp NumPy, or a lazy count in the dtype NumPy's weak int n takes
    with q, and xp npt's ufuncs); an integer index for the discrete methods."""
    if method == "linear":
        return (n - 1) * q  # (rather than n*q + 1 + 0 - 1, as NumPy, for its rounding)
    if method in ("lower", "higher", "nearest"):
        rnd = {"lower": xp.floor, "higher": xp.ceil, "nearest": xp.rint}[method]  # (rint: half to even)
        return rnd((n - 1) * q).astype(_np.int64)
    if method == "midpoint":
        return 0.5 * (xp.floor((n - 1) * q) + xp.ceil((n - 1) * q))
    if method == "averaged_inverted_cdf":
        return n * q - 1
    if method in ("inverted_cdf", "closest_observation"):
        # the next order statistic, or this one where the index is whole
        # (closest_observation: where it is whole and even, 1-based)
        v = n * q - 1 if method == "inverted_cdf" else n * q - 1 - 0.5
        lo = xp.floor(v)
        keep = v == lo
        if method == "closest_observation":
            keep = keep & (lo % 2 == 1)
        return xp.maximum(xp.where(keep, lo, lo + 1), 0).astype(_np.int64)
    alpha, beta = _ALPHA_BETA[method]
    return n * q + (alpha + q * (1 - alpha - beta)) - 1


def _lerp(a, b, t):
    """NumPy's _lerp: a + (b - a)*t, or b - (b - a)*(1 - t) where t >= 0.5
    (exact at both ends), in the dtype of the first."""
    d = b - a
    r = a + d * t
    return _uf().where(t >= 0.5, (b - d * (1 - t)).astype(r.dtype), r)


def _interpolated(s, n, q, method, weak_q, xp):
    """The quantiles q of the sorted slices s (the last axis; n values valid
    in each): the shape (..., q.size)."""
    vi = _virtual_index(method, n, q, xp)
    top = s.shape[-1] - 1
    if method in _DISCRETE or (method == "linear" and vi.dtype.kind in "iu"):
        # the elements themselves, in s's dtype (clamped: an all-NaN slice has n = 0)
        return _gather(s, xp.maximum(xp.minimum(vi, top), 0))
    # NumPy's neighbours: the last valid value for both above the top, the
    # first below the bottom (there gamma cannot matter: one value twice)
    prev = xp.floor(vi)
    above, below = vi >= n - 1, vi < 0
    last = xp.maximum(n - 1, 0)
    i = xp.where(above, last, xp.where(below, 0, prev)).astype(_np.int64)
    j = xp.where(above, last, xp.where(below, 0, prev + 1)).astype(_np.int64)
    gamma = vi - prev
    if method == "averaged_inverted_cdf":
        gamma = xp.where(gamma == 0, 0.5, 1.0)
    elif method == "midpoint":
        gamma = xp.where(xp.floor(vi) == vi, 0.0, 0.5)
    gamma = gamma.astype(vi.dtype)
    if weak_q:  # NumPy's gamma is then a Python float: weak
        gamma = gamma.astype(_np.result_type(s.dtype, 0.0))
    return _lerp(_gather(s, xp.minimum(i, top)), _gather(s, xp.minimum(j, top)), gamma)


def _weighted(s, w, q, nan):
    """method='inverted_cdf' with weights w (sorted with s): the first value
    whose normalized cumulative weight reaches q (NumPy's searchsorted on
    the cdf, its leading zeros skipped), shape (..., q.size)."""
    from ._sorting import cumsum
    u = _uf()
    cdf = cumsum(w, axis=-1, dtype=_np.float64)
    total = cdf[..., -1:]
    bad = u.isnan(total / total)
    if nan:  # (an all-NaN slice is all zero weight; it is NaN, not an error)
        bad = bad & u.logical_not(u.isnan(s[..., :1]))
    if bool(_np.asarray(bad).any()):
        raise ValueError("Weights included NaN, inf or were all zero.")
    cdf = cdf / total
    if q.dtype.kind == "f":
        cdf = cdf.astype(q.dtype)
    cdf = u.where(cdf == 0, -1, cdf)
    below = u.less(cdf[..., None, :], asarray(q, device=s.device)[:, None])
    i = _sum(below, -1, _np.int64)
    return _gather(s, u.minimum(i, s.shape[-1] - 1))


def _quantile(a, q, axis, method, keepdims, weights, weak_q, nan):
    """The body of quantile, percentile, nanquantile and nanpercentile (q
    checked, in [0, 1], a NumPy array; weights checked, broadcast to a)."""
    u = _uf()
    m, kshape = _last_axis(a, axis)
    if q.ndim > 2:
        raise ValueError("q must be a scalar or 1d")
    if weights is None and method not in _METHODS:
        raise ValueError(f"{method!r} is not a valid method. Use one of: dict_keys({list(_METHODS)})")
    if m.shape[-1] == 0:
        raise IndexError("index -1 is out of bounds for axis 0 with size 0")
    nan = nan and a.dtype.kind == "f"
    qf = q.reshape(-1)
    if weights is not None:
        from ._sorting import argsort
        from ._writes import take_along_axis
        order = argsort(m, axis=-1)
        s = take_along_axis(m, order, -1)
        w = take_along_axis(_last_axis(weights, axis)[0], order, -1)
        if nan:
            w = u.where(u.isnan(s), 0, w)
        r = _weighted(s, w, qf, nan)
    else:
        from ._sorting import sort
        s = sort(m, axis=-1)
        if nan:  # the lazy count of valid values, as NumPy's weak int n meets q
            cnt = _sum(u.logical_not(u.isnan(s)), -1, _np.int64, None, True)
            n = cnt.astype(_np.result_type(q.dtype, 1))
            r = _interpolated(s, n, asarray(qf, device=a.device), method, weak_q, u)
        else:
            r = _interpolated(s, s.shape[-1], qf, method, weak_q, _np)
    if nan:  # NaN where no value is valid, with NumPy's warning
        empty = u.isnan(s[..., :1])
        if bool(_np.asarray(empty).any()):
            warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=4)
        r = u.where(empty, _np.array(_np.nan, r.dtype), r)
    elif a.dtype.kind == "f":  # a slice holding a NaN is NaN (it sorts last)
        last = s[..., -1:]
        r = u.where(u.isnan(last), last.astype(r.dtype), r)
    # (..., q) -> q's dims first, then the kept ones
    from ._manipulation import moveaxis
    r = moveaxis(r.reshape(r.shape[:-1] + q.shape), list(range(r.ndim - 1, r.ndim - 1 + q.ndim)),
                 list(range(q.ndim)))
    return r.reshape(q.shape + kshape) if keepdims else r


def _q_arg(q, percent):
    """q as NumPy's array (over 100 for percentiles), checked to be in range
    as NumPy checks it, and whether it is a weak Python scalar."""
    weak = type(q) in (int, float)
    q = _np.true_divide(_np.asarray(q), 100) if percent else _np.asarray(q)
    if q.ndim == 1 and q.size < 10:
        ok = all(0.0 <= x <= 1.0 for x in q)
    else:
        ok = q.min() >= 0 and q.max() <= 1
    if not ok:
        raise ValueError("Percentiles must be in the range [0, 100]" if percent else
                         "Quantiles must be in the range [0, 1]")
    return q, weak


def _weights_arg(weights, a, axis, method):
    """weights checked as NumPy checks them, broadcast to a's shape."""
    if method != "inverted_cdf":
        raise ValueError(f"Only method 'inverted_cdf' supports weights. Got: {method}.")
    if axis is not None:
        axis = _np.lib.array_utils.normalize_axis_tuple(axis, a.ndim, argname="axis")
    w = asarray(weights)
    if w.shape != a.shape:
        if axis is None:
            raise TypeError("Axis must be specified when shapes of a and weights differ.")
        if w.shape != tuple(a.shape[d] for d in axis):
            raise ValueError("Shape of weights must be consistent with shape of a along specified axis.")
        w = w.transpose(tuple(int(i) for i in _np.argsort(axis)))
        w = w.reshape(tuple(n if d in axis else 1 for d, n in enumerate(a.shape)))
        from ._writes import broadcast_to
        w = broadcast_to(w, a.shape)
    if bool(_np.asarray(w < 0).any()):
        raise ValueError("Weights must be non-negative.")
    return w


def _store(out, r, how, name):
    """out[...] = r as NumPy stores each of these (returns out): "mean"
    (median: its mean's out, the exact shape, same_kind casting), "lerp"
    (quantile: its add's out, broadcast, same_kind), "assign" (the nan*
    forms: out[...] = result, broadcast, unsafe)."""
    from ._array import _shape_text
    from ._writes import _broadcastable, store
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    if how == "lerp":
        return store(out, r, "add", (r, r), casting="same_kind")
    if how == "mean":
        if out.ndim != r.ndim:
            raise ValueError("output parameter for reduction operation add has the wrong number of "
                             f"dimensions: Found {out.ndim} but expected {r.ndim}")
        if out.shape != r.shape:
            raise ValueError(f"{name}: the output operand's shape {_shape_text(out.shape, ',')} is not the "
                             f"result's {_shape_text(r.shape, ',')}")
        if not _np.can_cast(r.dtype, out.dtype, "same_kind"):
            raise TypeError(f"Cannot cast array data from {r.dtype!r} to {out.dtype!r} according to the "
                            "rule 'same_kind'")
    elif not _broadcastable(r.shape, out.shape):
        raise ValueError(f"could not broadcast input array from shape {_shape_text(r.shape, ',')} into "
                         f"shape {_shape_text(out.shape, ',')}")
    return store(out, r, name, casting="unsafe")


def _quantile_call(name, a, q, axis, out, method, keepdims, weights, nan):
    """quantile and its kin: NumPy's checks in NumPy's order, then the body."""
    a = asarray(a)
    if a.dtype.kind == "c":
        raise TypeError("a must be an array of real numbers")
    q, weak = _q_arg(q, name.endswith("percentile"))
    if weights is not None:
        weights = _weights_arg(weights, a, axis, method)
    keepdims = keepdims is not _NoValue and bool(keepdims)
    if nan and a.size == 0:  # NumPy's nan* forms: nanmean's result, whatever q
        return nanmean(a, axis, out=out, keepdims=keepdims)
    r = _quantile(a, q, axis, method, keepdims, weights, weak, nan)
    return r if out is None else _store(out, r, "assign" if nan else "lerp", name)


def quantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
             weights=None):
    """numpy.quantile: the q-th quantiles along axis, by any of NumPy's methods."""
    return _quantile_call("quantile", a, q, axis, out, method, keepdims, weights, False)


def percentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=False, *,
               weights=None):
    """numpy.percentile: quantile(a, q / 100)."""
    return _quantile_call("percentile", a, q, axis, out, method, keepdims, weights, False)


def nanquantile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=_NoValue, *,
                weights=None):
    """numpy.nanquantile: quantile of the non-NaN values of each slice."""
    return _quantile_call("nanquantile", a, q, axis, out, method, keepdims, weights, True)


def nanpercentile(a, q, axis=None, out=None, overwrite_input=False, method="linear", keepdims=_NoValue, *,
                  weights=None):
    """numpy.nanpercentile: nanquantile(a, q / 100)."""
    return _quantile_call("nanpercentile", a, q, axis, out, method, keepdims, weights, True)


def _middle_mean(s, n):
    """The mean of the middle one or two of n sorted values of each slice
    (n an int, or the lazy per-slice count)."""
    from ._reductions import mean
    from ._writes import take
    if isinstance(n, int):  # (one value is taken alone, as NumPy's median takes it)
        return mean(take(s, [n // 2 - 1, n // 2] if n % 2 == 0 else [n // 2], axis=-1), -1)
    from ._manipulation import concatenate
    lo = _uf().maximum((n - 1) // 2, 0)
    return mean(_gather(s, concatenate([lo, n // 2], axis=-1)), -1)


def median(a, axis=None, out=None, overwrite_input=False, keepdims=False):
    """numpy.median: the mean of the middle one or two sorted values (NaN if any is NaN)."""
    a = asarray(a)
    if a.dtype.kind == "c":
        raise NotImplementedError("npt: median of complex arrays is not supported yet")
    s, kshape = _last_axis_sorted(a, axis)
    n = s.shape[-1]
    from ._reductions import mean
    if n == 0:  # NaN, with NumPy's warning (npt's mean does not give it: it is static here)
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=2)
        return mean(a, axis, None, out, keepdims)
    r = _middle_mean(s, n)
    if a.dtype.kind == "f":
        r = _uf().where(_uf().isnan(s[..., -1]), _np.array(_np.nan, r.dtype), r)
    if keepdims:
        r = r.reshape(kshape)
    return r if out is None else _store(out, r, "mean", "median")


def nanmedian(a, axis=None, out=None, overwrite_input=False, keepdims=_NoValue):
    """numpy.nanmedian: the median of the non-NaN values of each slice (NaN,
    with a warning, for an all-NaN slice)."""
    a = asarray(a)
    keep = keepdims is not _NoValue and bool(keepdims)
    if a.size == 0:
        return nanmean(a, axis, out=out, keepdims=keepdims)
    if a.dtype.kind != "f":
        r = median(a, axis, keepdims=keep)
        return r if out is None else _store(out, r, "assign", "nanmedian")
    u = _uf()
    s, kshape = _last_axis_sorted(a, axis)
    cnt = _sum(u.logical_not(u.isnan(s)), -1, _np.int64, None, True)
    # NumPy's masked median: (low + high) / 2 in a's dtype, the one middle value twice
    r = _middle_mean(s, cnt)
    if bool(_np.asarray(cnt == 0).any()):
        warnings.warn("All-NaN slice encountered", RuntimeWarning, stacklevel=2)
    r = u.where(u.isnan(s[..., 0]), _np.array(_np.nan, r.dtype), r)
    if keep:
        r = r.reshape(kshape)
    return r if out is None else _store(out, r, "assign", "nanmedian")


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
        if where is _NoValue and 0 in [a.shape[d] for d in normalize_axes(axis, a.ndim)]:
            warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)  # (static; npt's mean omits it)
        return mean(a, axis, dtype, None, keepdims, where=where)
    cnt = _count(a, axis, keepdims, where)
    if bool((_np.asarray(cnt) == 0).any()):
        warnings.warn("Mean of empty slice", RuntimeWarning, stacklevel=3)
    s = _sum(_filled(a, 0), axis, dtype, None, keepdims, where=where)
    return (s / cnt).astype(s.dtype)


def _nanvar(a, axis, dtype, ddof, keepdims, where, mean, correction):
    a = asarray(a)
    from ._statistics import _var, abs2, resolve_ddof
    if a.dtype.kind not in "fc":
        return _var(a, axis, dtype, ddof, keepdims, where, mean, correction)
    ddof = resolve_ddof(ddof, correction)
    keep = keepdims is not _NoValue and bool(keepdims)
    cnt = _count(a, axis, True, where)
    if mean is _NoValue:
        total = _sum(_filled(a, 0), axis, dtype, None, True, where=where)
        m = (total / cnt).astype(total.dtype)
    else:
        m = asarray(mean)
    s = _sum(abs2(_filled(a - m, 0)), axis, dtype, None, keep, where=where)
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


def nancumprod(a, axis=None, dtype=None, out=None):
    """numpy.nancumprod: cumprod, NaNs counted as one."""
    from ._sorting import cumprod
    return cumprod(_filled(a, 1), axis, dtype, out)
