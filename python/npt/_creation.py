"""Array creation, lazy: constants broadcast, and iota for index-valued arrays."""
import math
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, asarray
from ._device import check_device, place
from ._dtypes import dtype_name


def _shape(shape):
    if isinstance(shape, (int, _np.integer)):
        shape = (shape,)
    shape = tuple(operator.index(d) for d in shape)
    for d in shape:
        if d < 0:
            raise ValueError("negative dimensions are not allowed")
    return shape


def check_layout(order, like, orders="CF"):
    """order= and like= as NumPy checks them. npt keeps its own layout (values
    are the same in every order); like= is an npt array or None."""
    if order not in tuple(orders) and not (order is None and "K" in orders):
        raise ValueError(f"order must be one of {', '.join(repr(o) for o in orders)} (got {order!r})")
    if like is not None and not isinstance(like, ndarray):
        raise NotImplementedError("npt: like= other than an npt array (NumPy's __array_function__ "
                                  "dispatch) is not supported")


def full(shape, fill_value, dtype=None, order="C", *, device=None, like=None):
    """numpy.full."""
    check_layout(order, like)
    index = check_device(device)
    shape = _shape(shape)
    if isinstance(fill_value, ndarray):
        fill_value = fill_value.item()
    fill = _np.asarray(fill_value)
    name = dtype_name(dtype if dtype is not None else fill.dtype)
    if fill.ndim:
        return asarray(_np.broadcast_to(fill, shape).astype(name), device=device)
    c = _npt.scalar(fill.item(), False, name)
    if index >= 0:  # a 0-d value on the device, broadcast lazily there
        c = _npt.to_device(c, index)
    if not shape:
        return ndarray(c)
    return ndarray(_npt.apply("broadcast_to", [c], shape=list(shape)))


def zeros(shape, dtype=None, order="C", *, device=None, like=None):
    """numpy.zeros."""
    return full(shape, 0, float if dtype is None else dtype, order, device=device, like=like)


def ones(shape, dtype=None, order="C", *, device=None, like=None):
    """numpy.ones."""
    return full(shape, 1, float if dtype is None else dtype, order, device=device, like=like)


def empty(shape, dtype=None, order="C", *, device=None, like=None):
    """numpy.empty (npt fills with zeros: values are lazy anyway)."""
    return full(shape, 0, float if dtype is None else dtype, order, device=device, like=like)


def _like(a, dtype, shape):
    a = a if isinstance(a, ndarray) else asarray(a)
    return (a.shape if shape is None else shape), (a.dtype if dtype is None else dtype)


def zeros_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """numpy.zeros_like."""
    check_layout(order, None, "KACF")
    return zeros(*_like(a, dtype, shape), device=_like_device(a, device))


def ones_like(a, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """numpy.ones_like."""
    check_layout(order, None, "KACF")
    return ones(*_like(a, dtype, shape), device=_like_device(a, device))


def empty_like(prototype, /, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """numpy.empty_like (zeros: values are lazy anyway)."""
    check_layout(order, None, "KACF")
    return empty(*_like(prototype, dtype, shape), device=_like_device(prototype, device))


def full_like(a, fill_value, dtype=None, order="K", subok=True, shape=None, *, device=None):
    """numpy.full_like."""
    check_layout(order, None, "KACF")
    s, d = _like(a, dtype, shape)
    return full(s, fill_value, d, device=_like_device(a, device))


def _like_device(a, device):
    """NumPy's *_like: the prototype's device unless one is given."""
    if device is not None:
        return device
    return a.device if isinstance(a, ndarray) else None


def _iota(n, shape=None, axis=0, device=-1):
    shape = (n,) if shape is None else shape
    return ndarray(_npt.apply("iota", [], shape=list(shape), ints=[axis], device=device))


def arange(start_or_stop, /, stop=None, step=1, *, dtype=None, device=None, like=None):
    """numpy.arange: start + i * delta, computed in the result dtype."""
    check_layout("C", like)
    index = check_device(device)
    start = start_or_stop
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if step == 0:
        raise ZeroDivisionError("division by zero")
    name = dtype_name(dtype if dtype is not None else _arange_dtype(start, stop, step))
    n = builtins_max(0, math.ceil((stop - start) / step))
    dt = _np.dtype(name)
    first = _np.asarray(start).astype(dt)
    delta = (_np.asarray(start + step).astype(dt) - first).item() if dt.kind != "b" else step
    i = _iota(n, device=index).astype(name)
    if dt.kind == "b":
        return i
    return i * _np.asarray(delta, dtype=dt)[()] + first[()]


def _arange_dtype(start, stop, step):
    """NumPy's dtype for arange(start, stop, step): it follows the types of all
    three (arange(3.) is float64), never their values, so NumPy answers for an
    empty range of the same types."""
    def same_type(v, value):
        t = v.dtype.type if hasattr(v, "dtype") else type(v)
        return t(value)
    return _np.arange(same_type(start, 0), same_type(stop, 0), same_type(step, 1)).dtype


def builtins_max(a, b):
    return a if a > b else b


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0, *,
             device=None):
    """numpy.linspace for scalar endpoints, computed in the end points' inexact
    type as NumPy does (float32 ones in float32)."""
    index = check_device(device)
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    if _np.ndim(start) or _np.ndim(stop):
        raise NotImplementedError("npt: linspace with array endpoints is not supported yet")
    div = (num - 1) if endpoint else num
    dt = _np.result_type(start, stop, float(num))
    start, stop = _np.asarray(start, dt)[()], _np.asarray(stop, dt)[()]
    delta = _np.subtract(stop, start, dtype=dt)
    y = _iota(num, device=index).astype(dt.name)
    if div > 0:
        step = delta / div
        y = y * step if step != 0 else y / div * delta
    else:
        step = _np.nan
        y = y * delta
    y = y + start
    if endpoint and num > 1:
        from ._ufuncs import where
        y = where(_iota(num, device=index) == num - 1, stop, y)
    out = dtype_name(dtype if dtype is not None else dt)
    if _np.dtype(out).kind in "iu":
        from ._ufuncs import floor_divide
        y = floor_divide(y, 1.0)
    y = y.astype(out)
    return (y, step) if retstep else y


def eye(N, M=None, k=0, dtype=float, order="C", *, device=None, like=None):
    """numpy.eye: row index + k == column index."""
    check_layout(order, like)
    index = check_device(device)
    M = N if M is None else M
    rows = _iota(N, (N, M), 0, index)
    cols = _iota(M, (N, M), 1, index)
    return (rows + k == cols).astype(dtype_name(dtype))
