"""Sorting, arg-extremes and scans along one axis: registry primitives on
ATen (sort and argsort stable, NaN last as NumPy's; argmax/argmin the
first extreme, NaN first; cumsum in NumPy's accumulation dtype). NumPy's
default sort is not stable, so where elements tie its argsort may order
them otherwise; npt's is always the stable order (kind="stable"'s)."""
import numpy as _np

from . import _npt
from ._array import ndarray, asarray
from ._writes import _axis, store, write, check_writeable

__all__ = ["argmax", "argmin", "sort", "argsort", "cumsum", "cumulative_sum"]

_KINDS = (None, "quick", "quicksort", "heap", "heapsort", "stable", "mergesort")


def _no_complex(a, what):
    if a.dtype.kind == "c":
        raise NotImplementedError(f"npt: {what} of complex arrays is not supported yet")


def _along(a, axis):
    """(a, axis): flattened for axis=None."""
    if axis is None:
        return a.reshape(-1), 0
    if a.ndim == 0:
        a = a.reshape(1)  # (NumPy treats a 0-d array as one element along axis 0 / -1)
    return a, _axis(axis, a.ndim)


def _arg(op, a, axis, out, keepdims):
    a = asarray(a)
    _no_complex(a, op)
    keep = keepdims is not _np._NoValue and bool(keepdims)
    x, ax = _along(a, axis)
    r = ndarray(_npt.apply(op, [x._h], ints=[ax]))
    if keep:
        r = r.reshape(tuple(1 for _ in range(a.ndim)) if axis is None else
                      tuple(1 if d == ax else n for d, n in enumerate(a.shape)))
    return r if out is None else store(out, r, op, casting="unsafe", exact_shape=True)


def argmax(a, axis=None, out=None, *, keepdims=_np._NoValue):
    """numpy.argmax: the index of the first maximum (of the first NaN, if any)."""
    return _arg("argmax", a, axis, out, keepdims)


def argmin(a, axis=None, out=None, *, keepdims=_np._NoValue):
    """numpy.argmin: the index of the first minimum (of the first NaN, if any)."""
    return _arg("argmin", a, axis, out, keepdims)


def _sort_args(a, kind, order, what):
    if kind not in _KINDS:
        raise ValueError(f"sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')")
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")
    _no_complex(a, what)


def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """numpy.sort: a sorted copy (stable; NaNs last)."""
    a = asarray(a)
    _sort_args(a, kind, order, "sort")
    if a.ndim == 0 and axis is not None:
        raise _np.exceptions.AxisError(axis, 0)
    x, ax = _along(a, axis)
    return ndarray(_npt.apply("sort", [x._h], ints=[ax]))


def argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    """numpy.argsort: the indices that sort a (stable; NaNs last)."""
    a = asarray(a)
    _sort_args(a, kind, order, "argsort")
    x, ax = _along(a, axis)
    return ndarray(_npt.apply("argsort", [x._h], ints=[ax]))


def sort_in_place(self, axis=-1, kind=None, order=None, *, stable=None):
    """a.sort(): a sorted in place (a write, seen by a's views)."""
    check_writeable(self)
    if self.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0)
    write(self, sort(self, axis, kind, order, stable=stable)._h)


def cumsum(a, axis=None, dtype=None, out=None):
    """numpy.cumsum: running sums along axis (of the flattened array by default)."""
    a = asarray(a)
    x, ax = _along(a, axis)
    dt = _np.cumsum(_np.zeros(0, a.dtype), dtype=dtype).dtype.name  # NumPy's accumulation dtype
    if x.dtype.kind == "c" or _np.dtype(dt).kind == "c":
        _no_complex(x if x.dtype.kind == "c" else x.astype(dt), "cumsum")
    r = ndarray(_npt.apply("cumsum", [x._h], ints=[ax], dtype=dt))
    return r if out is None else store(out, r, "cumsum", casting="unsafe", exact_shape=True)


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """numpy.cumulative_sum (Array API): cumsum, with a leading 0 when include_initial."""
    x = asarray(x)
    if axis is None:
        if x.ndim > 1:
            raise ValueError("For arrays which have more than one dimension ``axis`` argument is required.")
        axis = 0
    r = cumsum(x, axis, dtype)
    if include_initial:
        from ._creation import zeros
        from ._manipulation import concatenate
        ax = _axis(axis, r.ndim)
        shape = tuple(1 if d == ax else n for d, n in enumerate(r.shape))
        r = concatenate([zeros(shape, r.dtype, device=r.device), r], ax)
    return r if out is None else store(out, r, "cumulative_sum", casting="unsafe", exact_shape=True)
