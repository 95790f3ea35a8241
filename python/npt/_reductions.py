"""Reductions: sum/prod/max/min are primitives; mean, all, any compose them."""
import builtins
import operator

import numpy as _np

from . import _npt
from ._array import asarray, ndarray, _reshape
from ._dtypes import dtype_name


def normalize_axes(axis, ndim):
    if axis is None:
        return list(range(ndim))
    if isinstance(axis, tuple):
        axes = [operator.index(a) for a in axis]
    else:
        axes = [operator.index(axis)]
    out = []
    for a in axes:
        if a < -ndim or a >= ndim:
            raise _np.exceptions.AxisError(a, ndim)
        out.append(a % ndim if ndim else a)
    if len(set(out)) != len(out):
        raise ValueError("duplicate value in 'axis'")
    return sorted(out)


def _keep(r, a, axes, keepdims):
    if not keepdims:
        return r
    shape = tuple(1 if d in axes else n for d, n in enumerate(a.shape))
    return _reshape(r, shape)


def _reduce(op, a, axis, dtype, keepdims):
    a = asarray(a)
    if a.ndim == 0 and type(axis) is int and axis in (0, -1):
        axis = ()  # NumPy's ufunc reductions accept axis 0 / -1 on 0-d arrays
    axes = normalize_axes(axis, a.ndim)
    # without dtype= the registry's rule gives the output dtype
    name = dtype_name(dtype) if dtype is not None else ""
    r = ndarray(_npt.apply(op, [a._h], ints=axes, dtype=name))
    return _keep(r, a, axes, keepdims)


def sum(a, axis=None, dtype=None, keepdims=False):
    """numpy.sum."""
    return _reduce("reduce_sum", a, axis, dtype, keepdims)


def prod(a, axis=None, dtype=None, keepdims=False):
    """numpy.prod."""
    return _reduce("reduce_prod", a, axis, dtype, keepdims)


def max(a, axis=None, keepdims=False):
    """numpy.max (NaN propagates)."""
    return _reduce("reduce_max", a, axis, None, keepdims)


def min(a, axis=None, keepdims=False):
    """numpy.min (NaN propagates)."""
    return _reduce("reduce_min", a, axis, None, keepdims)


amax, amin = max, min


def all(a, axis=None, keepdims=False):
    """numpy.all: the product of the array seen as bool."""
    a = asarray(a)
    return _reduce("reduce_prod", a.astype("bool"), axis, "bool", keepdims)


def any(a, axis=None, keepdims=False):
    """numpy.any: the sum of the array seen as bool."""
    a = asarray(a)
    return _reduce("reduce_sum", a.astype("bool"), axis, "bool", keepdims)


def mean(a, axis=None, dtype=None, keepdims=False):
    """numpy.mean: sum / count, accumulating as NumPy does."""
    a = asarray(a)
    kind = a.dtype.kind
    if dtype is not None:
        acc = out = dtype_name(dtype)
    elif kind in "biu":
        acc = out = "float64"
    elif a.dtype.name == "float16":
        acc, out = "float32", "float16"
    else:
        acc = out = a.dtype.name
    axes = normalize_axes(axis, a.ndim)
    count = 1
    for d in axes:
        count *= a.shape[d]
    s = _reduce("reduce_sum", a, axis, acc, keepdims)
    r = s / count if count else s / _np.float64(0).astype(acc)  # 0/0: NaN, as NumPy
    return r.astype(out)


def _register_ufunc_reductions():
    """ufunc.reduce for the ufuncs whose reductions are primitives (or compose them)."""
    from ._ufunc import REDUCTIONS
    REDUCTIONS.update(
        add=lambda a, axis, dtype, keepdims: sum(a, axis, dtype, keepdims),
        multiply=lambda a, axis, dtype, keepdims: prod(a, axis, dtype, keepdims),
        maximum=lambda a, axis, dtype, keepdims: _reduce("reduce_max", a, axis, dtype, keepdims),
        minimum=lambda a, axis, dtype, keepdims: _reduce("reduce_min", a, axis, dtype, keepdims),
        logical_and=lambda a, axis, dtype, keepdims: all(a, axis, keepdims),
        logical_or=lambda a, axis, dtype, keepdims: any(a, axis, keepdims))


_register_ufunc_reductions()
