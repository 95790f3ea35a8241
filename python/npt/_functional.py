"""NumPy's functional helpers: piecewise, select and choose as chains of
`where` (one fused kernel), apply_along_axis and apply_over_axes as the
loops NumPy runs, and vectorize and frompyfunc, which call a Python function
per element exactly as NumPy's do (on the materialized values)."""
import operator

import numpy as _np

from ._array import ndarray, asarray

__all__ = ["piecewise", "select", "choose", "apply_along_axis", "apply_over_axes", "vectorize", "frompyfunc"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def piecewise(x, condlist, funclist, *args, **kw):
    """numpy.piecewise: funclist[i] where condlist[i]; a function is called
    on the elements its condition selects, as NumPy calls it."""
    x = asarray(x)
    n2 = len(funclist)
    # one condition (a scalar, or a sequence of scalars) is a list of one
    if _np.isscalar(condlist) or (not isinstance(condlist[0], (list, ndarray, _np.ndarray)) and x.ndim != 0):
        condlist = [condlist]
    conds = asarray(condlist, dtype=bool)
    n = len(conds)
    if n == n2 - 1:  # the last function is `otherwise`
        from ._reductions import any as _any
        from ._manipulation import concatenate
        conds = concatenate([conds, ~_any(conds, axis=0, keepdims=True)], axis=0)
        n += 1
    elif n != n2:
        raise ValueError(f"with {n} condition(s), either {n} or {n + 1} functions are expected")
    from ._creation import zeros_like
    y = zeros_like(x)
    for k, func in enumerate(funclist):
        cond = conds[k]
        if not callable(func):
            y[cond] = func
        else:
            vals = x[cond]
            if vals.size > 0:
                y[cond] = func(vals, *args, **kw)
    return y


def select(condlist, choicelist, default=0):
    """numpy.select: the first choice whose condition holds, else default."""
    if len(condlist) != len(choicelist):
        raise ValueError("list of cases must be same length as list of conditions")
    if len(condlist) == 0:
        raise ValueError("select with an empty condition list is not possible")
    choices = [asarray(c) for c in choicelist] + [asarray(default)]
    from ._dtypes import result_type
    try:
        dtype = result_type(*choices)
    except TypeError as e:
        raise TypeError(f"Choicelist and default value do not have a common dtype: {e}") from None
    conds = [asarray(c) for c in condlist]
    for i, c in enumerate(conds):
        if c.dtype != _np.bool_:
            raise TypeError(f"invalid entry {i} in condlist: should be boolean ndarray")
    out = choices[-1].astype(dtype)
    for c, v in zip(reversed(conds), reversed(choices[:-1])):
        out = _uf().where(c, v.astype(dtype), out)
    shape = _np.broadcast_shapes(*[a.shape for a in conds + choices])
    from ._writes import broadcast_to
    return broadcast_to(out, shape) if out.shape != shape else out


def choose(a, choices, out=None, mode="raise"):
    """numpy.choose: choices[a] elementwise (a chain of where, one kernel)."""
    if mode not in ("raise", "wrap", "clip"):
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{mode}')")
    idx = asarray(a)
    if idx.dtype.kind not in "biu":
        raise TypeError("Cannot cast array data from dtype('%s') to dtype('int64') according to the rule 'safe'"
                        % idx.dtype.name)
    cs = [asarray(c) for c in (choices if not isinstance(choices, ndarray) else list(choices))]
    if isinstance(choices, _np.ndarray):
        cs = [asarray(c) for c in choices]
    n = len(cs)
    if n == 0:
        raise ValueError("0-length sequence.")
    if mode == "raise":
        from ._transforms import _state
        if not _state.tracing:
            v = _np.asarray(idx)
            if v.size and (v.min() < 0 or v.max() >= n):
                raise ValueError("invalid entry in choice array")
    elif mode == "wrap":
        idx = idx % n
    else:
        idx = _uf().clip(idx, 0, n - 1)
    from ._dtypes import result_type
    dtype = result_type(*cs)
    res = cs[-1].astype(dtype)
    for k in range(n - 2, -1, -1):
        res = _uf().where(idx == k, cs[k].astype(dtype), res)
    shape = _np.broadcast_shapes(idx.shape, *[c.shape for c in cs])
    from ._writes import broadcast_to
    res = broadcast_to(res, shape) if res.shape != shape else res
    if out is not None:
        out[...] = res
        return out
    return res


def apply_along_axis(func1d, axis, arr, *args, **kwargs):
    """numpy.apply_along_axis: func1d on each 1-D slice along axis."""
    from ._manipulation import moveaxis, stack
    from ._writes import _axis
    arr = asarray(arr)
    nd = arr.ndim
    axis = _axis(axis, nd)
    inarr = moveaxis(arr, axis, -1)
    outer = inarr.shape[:-1]
    if 0 in outer:
        raise ValueError("Cannot apply_along_axis when any iteration dimensions are 0")
    results = [asarray(func1d(inarr[ind], *args, **kwargs)) for ind in _np.ndindex(*outer)]
    dtype, rshape = results[0].dtype, results[0].shape
    res = stack([r.astype(dtype) for r in results], axis=0).reshape(outer + rshape)
    # the result's own axes go where `axis` was
    k = len(rshape)
    perm = list(range(axis)) + list(range(len(outer), len(outer) + k)) + list(range(axis, len(outer)))
    return res.transpose(perm) if perm != list(range(res.ndim)) else res


def apply_over_axes(func, a, axes):
    """numpy.apply_over_axes: func(a, axis) over each axis, keeping the dimensions."""
    from ._writes import expand_dims
    val = asarray(a)
    n = val.ndim
    if asarray(axes).ndim == 0:
        axes = (axes,)
    for axis in axes:
        if axis < 0:
            axis = n + axis
        res = asarray(func(val, axis))
        if res.ndim == val.ndim:
            val = res
        else:
            res = expand_dims(res, axis)
            if res.ndim == val.ndim:
                val = res
            else:
                raise ValueError("function is not returning an array of the correct shape")
    return val


def _host(x):
    return x._numpy("vectorize's Python function") if isinstance(x, ndarray) else x


def _wrap(r):
    if isinstance(r, tuple):
        return tuple(_wrap(v) for v in r)
    if isinstance(r, _np.ndarray) and r.dtype != object:
        return asarray(r)
    return r


class vectorize:
    """numpy.vectorize: a Python function called per element (per core
    slice with `signature`), as NumPy calls it: on the materialized values."""

    def __init__(self, pyfunc=_np._NoValue, otypes=None, doc=None, excluded=None, cache=False, signature=None):
        if pyfunc is _np._NoValue:  # used as @vectorize(otypes=...)
            self._kw = dict(otypes=otypes, doc=doc, excluded=excluded, cache=cache, signature=signature)
            self._np = None
            return
        self._np = _np.vectorize(pyfunc, otypes=otypes, doc=doc, excluded=excluded, cache=cache,
                                 signature=signature)
        self.pyfunc, self.otypes, self.excluded = pyfunc, self._np.otypes, self._np.excluded
        self.signature, self.cache = signature, cache
        self.__doc__ = self._np.__doc__

    def __call__(self, *args, **kwargs):
        if self._np is None:
            return vectorize(args[0], **self._kw)
        return _wrap(self._np(*[_host(a) for a in args], **{k: _host(v) for k, v in kwargs.items()}))


def frompyfunc(func, /, nin, nout, **kwargs):
    """numpy.frompyfunc: a ufunc calling func per element. Its results are
    object arrays, which npt does not have: they are NumPy's object arrays."""
    uf = _np.frompyfunc(func, operator.index(nin), operator.index(nout), **kwargs)

    def call(*args, **kwargs):
        return uf(*[_host(a) for a in args], **kwargs)

    call.__name__ = uf.__name__
    call.nin, call.nout, call.identity = uf.nin, uf.nout, uf.identity
    call.ufunc = uf
    return call
