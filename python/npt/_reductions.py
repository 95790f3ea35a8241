"""Reductions: sum/prod/max/min are primitives; mean, all, any compose them."""
import builtins
import operator

import numpy as _np

from . import _npt
from ._array import asarray, ndarray, _reshape, fast_op
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


_NoValue = _np._NoValue


def _options(name, out, keepdims, where):
    return False if keepdims is _NoValue else bool(keepdims)


def _into_out(fn):
    """A reduction with out=: its result stored there (NumPy's unsafe cast,
    and the exact shape), and out returned."""
    import functools
    import inspect
    pos = list(inspect.signature(fn).parameters).index("out")

    @functools.wraps(fn)
    def reduction(*args, **kwargs):
        if len(args) > pos:
            out, args = args[pos], args[:pos] + (None,) + args[pos + 1:]
        else:
            out = kwargs.pop("out", None)
        r = fn(*args, **kwargs)
        if out is None:
            return r
        if not isinstance(out, ndarray):
            raise TypeError("return arrays must be of ArrayType")
        if out.shape != r.shape:  # NumPy's error, from NumPy on stand-ins that hold no memory
            from ._writes import stand_in
            getattr(_np, fn.__name__)(stand_in(args[0]), *args[1:], out=stand_in(out, True), **kwargs)
            raise ValueError(f"output parameter for reduction operation {fn.__name__} has shape "
                             f"{out.shape}, expected {r.shape}")
        from ._writes import store
        return store(out, r, fn.__name__, casting="unsafe")
    return reduction



def _masked(a, where, fill):
    """a with the elements where= leaves out replaced by the reduction's identity."""
    if where is _NoValue or where is True:
        return a
    from ._ufuncs import where as _where
    return _where(where, a, fill)


def _with_initial(r, initial, combine):
    """A reduction combined with initial=."""
    if initial is _NoValue:
        return r
    return combine(r, initial).astype(r.dtype)


@_into_out
def sum(a, axis=None, dtype=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.sum."""
    from ._ufuncs import add
    keep = _options("sum", out, keepdims, where)
    a = asarray(a)
    r = _reduce("reduce_sum", _masked(a, where, 0), axis, dtype, keep)
    return _with_initial(r, initial, add)


# a.sum() and a.prod() of an ndarray without options: recorded in C
sum = fast_op("reduce_sum", 1, sum, reduce_all=True)


@_into_out
def prod(a, axis=None, dtype=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.prod."""
    from ._ufuncs import multiply
    keep = _options("prod", out, keepdims, where)
    a = asarray(a)
    r = _reduce("reduce_prod", _masked(a, where, 1), axis, dtype, keep)
    return _with_initial(r, initial, multiply)


prod = fast_op("reduce_prod", 1, prod, reduce_all=True)


def _extremum(op, name, ufunc_name, a, axis, out, keepdims, initial, where):
    from . import _ufuncs
    keep = _options(name, out, keepdims, where)
    a = asarray(a)
    combine = getattr(_ufuncs, ufunc_name)
    if where is not _NoValue and where is not True:
        if initial is _NoValue:
            raise ValueError(f"reduction operation '{ufunc_name}' does not have an identity, so to "
                             "use a where mask one has to specify 'initial'")
        a = _masked(a, where, initial)
    if initial is not _NoValue:
        axes = normalize_axes(axis, a.ndim)
        if builtins.any(a.shape[d] == 0 for d in axes):  # empty: just initial
            from ._creation import full
            shape = tuple(1 if d in axes else n for d, n in enumerate(a.shape) if keep or d not in axes)
            return full(shape, initial, dtype=a.dtype)
    r = _reduce(op, a, axis, None, keep)
    return _with_initial(r, initial, combine)


@_into_out
def max(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.max (NaN propagates)."""
    return _extremum("reduce_max", "max", "maximum", a, axis, out, keepdims, initial, where)


@_into_out
def min(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.min (NaN propagates)."""
    return _extremum("reduce_min", "min", "minimum", a, axis, out, keepdims, initial, where)


def amax(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.amax (numpy.max's other name)."""
    return max(a, axis, out, keepdims, initial, where)


def amin(a, axis=None, out=None, keepdims=_NoValue, initial=_NoValue, where=_NoValue):
    """numpy.amin (numpy.min's other name)."""
    return min(a, axis, out, keepdims, initial, where)


@_into_out
def all(a, axis=None, out=None, keepdims=_NoValue, *, where=_NoValue):
    """numpy.all: the product of the array seen as bool."""
    keep = _options("all", out, keepdims, where)
    a = asarray(a).astype("bool")
    return _reduce("reduce_prod", _masked(a, where, True), axis, "bool", keep)


@_into_out
def any(a, axis=None, out=None, keepdims=_NoValue, *, where=_NoValue):
    """numpy.any: the sum of the array seen as bool."""
    keep = _options("any", out, keepdims, where)
    a = asarray(a).astype("bool")
    return _reduce("reduce_sum", _masked(a, where, False), axis, "bool", keep)


@_into_out
def mean(a, axis=None, dtype=None, out=None, keepdims=_NoValue, *, where=_NoValue):
    """numpy.mean: sum / count, accumulating as NumPy does."""
    keep = _options("mean", out, keepdims, where)
    a = asarray(a)
    kind = a.dtype.kind
    if dtype is not None:
        acc = out_dt = dtype_name(dtype)
    elif kind in "biu":
        acc = out_dt = "float64"
    elif a.dtype.name == "float16":
        acc, out_dt = "float32", "float16"
    else:
        acc = out_dt = a.dtype.name
    if where is not _NoValue and where is not True:  # the count of the kept elements
        from ._creation import ones
        count = sum(ones(a.shape, dtype="int64"), axis, None, None, keep, where=where)
        return (sum(a, axis, acc, None, keep, where=where) / count).astype(out_dt)
    axes = normalize_axes(axis, a.ndim)
    count = 1
    for d in axes:
        count *= a.shape[d]
    s = _reduce("reduce_sum", a, axis, acc, keep)
    r = s / count if count else s / _np.float64(0).astype(acc)  # 0/0: NaN, as NumPy
    return r.astype(out_dt)


def _register_ufunc_reductions():
    """ufunc.reduce for the ufuncs whose reductions are primitives (or compose them)."""
    from ._ufunc import REDUCTIONS
    REDUCTIONS.update(
        add=lambda a, axis, dtype, keepdims: sum(a, axis, dtype, None, keepdims),
        multiply=lambda a, axis, dtype, keepdims: prod(a, axis, dtype, None, keepdims),
        maximum=lambda a, axis, dtype, keepdims: _reduce("reduce_max", a, axis, dtype, keepdims),
        minimum=lambda a, axis, dtype, keepdims: _reduce("reduce_min", a, axis, dtype, keepdims),
        logical_and=lambda a, axis, dtype, keepdims: all(a, axis, None, keepdims),
        logical_or=lambda a, axis, dtype, keepdims: any(a, axis, None, keepdims))


_register_ufunc_reductions()
