"""NumPy's dispatch protocols (NEP 13 ``__array_ufunc__``, NEP 18
``__array_function__``) for npt arrays.

``numpy.sin(a)``, ``numpy.add.reduce(a)``, ``numpy.concatenate([a, b])`` or
``numpy.linalg.solve(a, b)`` with an npt array among the arguments run npt's
function of the same name, so the result is a lazy npt array, fused with the
rest of the graph and differentiable. NumPy arrays, lists and scalars may be
mixed in, as with npt's own functions.

Where npt has no such function or method (a NumPy function in
``npt._namespace.EXCLUDED``, a ufunc method npt lacks, a ufunc of another
library such as ``scipy.special``), the one rule is: the npt arguments are
materialized and NumPy's own function runs, returning what NumPy returns
(NumPy arrays). The same happens when a NumPy array is the ``out=`` of a
ufunc (``np_array += npt_array`` writes into the NumPy array, as NumPy does).

Arguments of other array types that implement the protocols (Dask, CuPy,
...) make npt return NotImplemented, so that NumPy asks them or raises its
TypeError.
"""
import threading

import numpy as _np

from ._array import ndarray

_local = threading.local()


def _active():
    s = getattr(_local, "active", None)
    if s is None:
        s = _local.active = set()
    return s


_FUNCTIONS = None


def _function_table():
    """NumPy's function -> npt's, for every public NumPy function npt has (main
    namespace, linalg, fft), found by name once."""
    global _FUNCTIONS
    if _FUNCTIONS is None:
        import npt
        table = {}
        for np_mod, our_mod in ((_np, npt), (_np.linalg, npt.linalg), (_np.fft, npt.fft)):
            for name in dir(np_mod):
                if name.startswith("_"):
                    continue
                f, g = getattr(np_mod, name), getattr(our_mod, name, None)
                if g is None or isinstance(f, (type, _np.ufunc)) or not callable(f):
                    continue
                try:
                    table[f] = g
                except TypeError:  # (an unhashable callable)
                    pass
        _FUNCTIONS = table
    return _FUNCTIONS


_UFUNCS = None


def _ufunc_table():
    """NumPy's ufunc objects -> npt's (all of NumPy's 106 have one)."""
    global _UFUNCS
    if _UFUNCS is None:
        import npt
        _UFUNCS = {u: getattr(npt, n) for n in dir(_np) if isinstance(u := getattr(_np, n), _np.ufunc)
                   and isinstance(getattr(npt, n, None), npt.ufunc)}
    return _UFUNCS


def _to_numpy(x):
    """x with every npt array in it (nested in lists, tuples and dicts) materialized."""
    if isinstance(x, ndarray):
        return _np.asarray(x)
    t = type(x)
    if t is list or t is tuple:
        return t(_to_numpy(v) for v in x)
    if t is dict:
        return {k: _to_numpy(v) for k, v in x.items()}
    return x


def _foreign(types):
    """Some argument type implements the protocols and is neither npt's nor NumPy's."""
    return any(not issubclass(t, (ndarray, _np.ndarray, _np.generic)) for t in types)


def _array_function(self, func, types, args, kwargs):
    if _foreign(types):
        return NotImplemented
    ours = _function_table().get(func)
    active = _active()
    if ours is None or func in active:
        # NumPy's own function on the values (also for npt's code that calls
        # the NumPy function it implements: what such a call did before)
        return func(*_to_numpy(args), **_to_numpy(kwargs))
    active.add(func)
    try:
        return ours(*args, **kwargs)
    finally:
        active.discard(func)


def _array_ufunc(self, uf, method, *inputs, **kwargs):
    out = kwargs.get("out", ())
    if _foreign(type(x) for x in (*inputs, *out) if hasattr(x, "__array_ufunc__")):
        return NotImplemented
    ours = _ufunc_table().get(uf)
    key = (uf, method)
    active = _active()
    numpy_target = any(isinstance(o, _np.ndarray) for o in out) or (
        method == "at" and isinstance(inputs[0], _np.ndarray))
    if ours is not None and not numpy_target and key not in active:
        if len(out) == 1 and method != "__call__":
            kwargs["out"] = out[0]
        elif not out:
            kwargs.pop("out", None)
        active.add(key)
        try:
            f = ours if method == "__call__" else getattr(ours, method)
            return f(*inputs, **kwargs)
        except NotImplementedError:
            pass  # a method npt lacks (reduceat, accumulate of most ufuncs): NumPy's, below
        finally:
            active.discard(key)
    # NumPy's ufunc on the values; writes into NumPy arrays given as out= or to .at
    f = uf if method == "__call__" else getattr(uf, method)
    if method == "at":
        return f(inputs[0], *_to_numpy(inputs[1:]), **_to_numpy(kwargs))
    kw = dict(kwargs)
    if out:
        kw["out"] = tuple(o if isinstance(o, _np.ndarray) else _np.array(o) for o in out)
    r = f(*_to_numpy(inputs), **_to_numpy(kw))
    # an npt array given as out= gets the values
    from ._writes import copyto
    for o, k in zip(out, kw.get("out", ())):
        if isinstance(o, ndarray):
            copyto(o, k, casting="unsafe")
    if out:
        rs = tuple(o for o in out)
        return rs[0] if len(rs) == 1 else rs
    return r


ndarray.__array_function__ = _array_function
ndarray.__array_ufunc__ = _array_ufunc
