"""Sorting, arg-extremes and scans along one axis: registry primitives on
ATen (sort and argsort stable, NaN last as NumPy's; argmax/argmin the
first extreme, NaN first; cumsum in NumPy's accumulation dtype). NumPy's
default sort is not stable, so where elements tie its argsort may order
them otherwise; npt's is always the stable order (kind="stable"'s)."""
import numpy as _np

from . import _npt
from ._array import ndarray, asarray, node_of
from ._writes import _axis, store, write, check_writeable

__all__ = ["argmax", "argmin", "sort", "argsort", "cumsum", "cumprod", "cumulative_sum", "cumulative_prod",
           "searchsorted", "digitize", "lexsort", "partition", "argpartition", "sort_complex"]

_KINDS = (None, "quick", "quicksort", "heap", "heapsort", "stable", "mergesort")


def _along(a, axis):
    """(a, axis): flattened for axis=None."""
    if axis is None:
        return a.reshape(-1), 0
    if a.ndim == 0:
        a = a.reshape(1)  # (NumPy treats a 0-d array as one element along axis 0 / -1)
    return a, _axis(axis, a.ndim)


def _arg(op, a, axis, out, keepdims):
    a = asarray(a)
    keep = keepdims is not _np._NoValue and bool(keepdims)
    x, ax = _along(a, axis)
    if x.dtype.kind == "c":
        r = _complex_arg(op, x, ax)
    else:
        r = ndarray(_npt.apply(op, [x._h], ints=[ax]))
    if keep:
        r = r.reshape(tuple(1 for _ in range(a.ndim)) if axis is None else
                      tuple(1 if d == ax else n for d, n in enumerate(a.shape)))
    return r if out is None else store(out, r, op, casting="unsafe", exact_shape=True)


def _complex_arg(op, x, ax):
    """argmax/argmin of complex x in NumPy's order: the first NaN (in either
    part) if any; else the first of the extreme real parts whose imaginary
    part is extreme among them."""
    from ._ufuncs import real, imag, isnan, where, logical_or, logical_and, equal
    from ._reductions import max as rmax, min as rmin, any as rany
    if x.shape[ax] == 0:
        raise ValueError(f"attempt to get {op} of an empty sequence")
    ext, far = (rmax, -_np.inf) if op == "argmax" else (rmin, _np.inf)
    re, im = real(x), imag(x)
    nan = logical_or(isnan(re), isnan(im))
    cand = equal(re, ext(re, axis=ax, keepdims=True))
    imc = where(cand, im, far)
    hit = logical_and(cand, equal(im, ext(imc, axis=ax, keepdims=True)))
    first = lambda m: ndarray(_npt.apply("argmax", [m._h], ints=[ax]))
    return where(rany(nan, axis=ax), first(nan), first(hit))


def argmax(a, axis=None, out=None, *, keepdims=_np._NoValue):
    """numpy.argmax: the index of the first maximum (of the first NaN, if any)."""
    return _arg("argmax", a, axis, out, keepdims)


def argmin(a, axis=None, out=None, *, keepdims=_np._NoValue):
    """numpy.argmin: the index of the first minimum (of the first NaN, if any)."""
    return _arg("argmin", a, axis, out, keepdims)


def _sort_args(a, kind, order):
    if kind not in _KINDS:
        raise ValueError(f"sort kind must be one of 'quick', 'heap', or 'stable' (got '{kind}')")
    if order is not None:
        raise ValueError("Cannot specify order when the array has no fields.")


def _complex_argsort(x, ax):
    """The stable argsort of complex x in NumPy's order: values without NaN
    lexicographically, then those with a NaN imaginary part by the real part,
    then NaN real parts by the imaginary part, then both NaN (lexsort keys)."""
    from ._ufuncs import real, imag, isnan, where
    re, im = real(x), imag(x)
    group = where(isnan(re), 2, 0) + where(isnan(im), 1, 0)
    return lexsort((im, re, group.astype(_np.int8)), axis=ax)


def sort(a, axis=-1, kind=None, order=None, *, stable=None):
    """numpy.sort: a sorted copy (stable; NaNs last)."""
    a = asarray(a)
    _sort_args(a, kind, order)
    if a.ndim == 0 and axis is not None:
        raise _np.exceptions.AxisError(axis, 0)
    x, ax = _along(a, axis)
    if x.dtype.kind == "c":
        from ._writes import take_along_axis
        return take_along_axis(x, _complex_argsort(x, ax), ax)
    return ndarray(_npt.apply("sort", [x._h], ints=[ax]))


def argsort(a, axis=-1, kind=None, order=None, *, stable=None):
    """numpy.argsort: the indices that sort a (stable; NaNs last)."""
    a = asarray(a)
    _sort_args(a, kind, order)
    x, ax = _along(a, axis)
    if x.dtype.kind == "c":
        return _complex_argsort(x, ax)
    return ndarray(_npt.apply("argsort", [x._h], ints=[ax]))


def sort_in_place(self, axis=-1, kind=None, order=None, *, stable=None):
    """a.sort(): a sorted in place (a write, seen by a's views)."""
    check_writeable(self)
    if self.ndim == 0:
        raise _np.exceptions.AxisError(axis, 0)
    write(self, sort(self, axis, kind, order, stable=stable)._h)


def _scan(op, a, axis, dtype, out):
    a = asarray(a)
    x, ax = _along(a, axis)
    dt = getattr(_np, op)(_np.zeros(0, a.dtype), dtype=dtype).dtype.name  # NumPy's accumulation dtype
    r = ndarray(_npt.apply(op, [x._h], ints=[ax], dtype=dt))
    return r if out is None else store(out, r, op, casting="unsafe", exact_shape=True)


def partition_in_place(self, kth, axis=-1, kind="introselect", order=None):
    """a.partition(kth): a partitioned in place (sorted along axis, a write)."""
    check_writeable(self)
    write(self, partition(self, kth, axis, kind, order)._h)


def cumsum(a, axis=None, dtype=None, out=None):
    """numpy.cumsum: running sums along axis (of the flattened array by default)."""
    return _scan("cumsum", a, axis, dtype, out)


def cumprod(a, axis=None, dtype=None, out=None):
    """numpy.cumprod: running products along axis (of the flattened array by default)."""
    return _scan("cumprod", a, axis, dtype, out)


def _cumulative(scan, name, identity, x, axis, dtype, out, include_initial):
    x = asarray(x)
    if axis is None:
        if x.ndim > 1:
            raise ValueError("For arrays which have more than one dimension ``axis`` argument is required.")
        axis = 0
    r = scan(x, axis, dtype)
    if include_initial:
        from ._creation import full
        from ._manipulation import concatenate
        ax = _axis(axis, r.ndim)
        shape = tuple(1 if d == ax else n for d, n in enumerate(r.shape))
        r = concatenate([full(shape, identity, r.dtype, device=r.device), r], ax)
    return r if out is None else store(out, r, name, casting="unsafe", exact_shape=True)


def cumulative_sum(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """numpy.cumulative_sum (Array API): cumsum, with a leading 0 when include_initial."""
    return _cumulative(cumsum, "cumulative_sum", 0, x, axis, dtype, out, include_initial)


def cumulative_prod(x, /, *, axis=None, dtype=None, out=None, include_initial=False):
    """numpy.cumulative_prod (Array API): cumprod, with a leading 1 when include_initial."""
    return _cumulative(cumprod, "cumulative_prod", 1, x, axis, dtype, out, include_initial)


def searchsorted(a, v, side="left", sorter=None):
    """numpy.searchsorted: where v's elements would go into the sorted 1-D a
    (NumPy's order: NaN last), as int64 indices of v's shape."""
    a = asarray(a)
    if a.ndim != 1:
        raise ValueError("object too deep for desired array" if a.ndim > 1 else "object of too small depth for desired array")
    if not isinstance(side, str):
        raise TypeError(f"search side must be str, not {type(side).__name__}")
    if side not in ("left", "right"):
        raise ValueError(f"search side must be 'left' or 'right' (got {side!r})")
    if sorter is not None:
        from ._writes import take
        sorter = asarray(sorter)
        if sorter.dtype.kind not in "iu":
            raise TypeError(f"Cannot cast array data from dtype('{sorter.dtype}') to dtype('int64') according to the rule 'safe'")
        if sorter.shape != a.shape:
            raise ValueError("sorter.size must equal a.size")
        a = take(a, sorter)
    return ndarray(_npt.apply("searchsorted", [a._h, node_of(v)], ints=[int(side == "right")]))


def digitize(x, bins, right=False):
    """numpy.digitize: the index of the bin each x falls in (bins monotonic,
    increasing or decreasing; checked, so bins are read)."""
    x = asarray(x)
    b = asarray(bins)
    if x.dtype.kind == "c":
        raise TypeError("x may not be complex")
    if b.ndim != 1:
        raise ValueError("object too deep for desired array" if b.ndim > 1 else "object of too small depth for desired array")
    bv = b._numpy("digitize()")
    with _np.errstate(invalid="ignore"):
        d = _np.diff(bv)
    if not (_np.all(d >= 0) or _np.all(d <= 0)):
        raise ValueError("bins must be monotonically increasing or decreasing")
    side = "left" if right else "right"
    if bv.size > 1 and bv[0] > bv[-1]:  # decreasing: search the reversed bins
        return b.shape[0] - searchsorted(b[::-1], x, side=side)
    return searchsorted(b, x, side=side)


def lexsort(keys, axis=-1):
    """numpy.lexsort: the indirect stable sort by several keys, the last one
    primary (a stable argsort per key, the least significant first)."""
    from ._writes import take_along_axis
    if isinstance(keys, (tuple, list)):
        ks = [asarray(k) for k in keys]
    else:
        a = asarray(keys)
        if a.ndim == 0:
            raise TypeError("need sequence of keys with len > 0 in lexsort")
        ks = [a[i] for i in range(a.shape[0])]
    if not ks:
        raise TypeError("need sequence of keys with len > 0 in lexsort")
    if len({k.shape for k in ks}) > 1:
        raise ValueError("all keys need to be the same shape")
    if ks[0].ndim == 0:
        if axis not in (-1, 0):
            raise _np.exceptions.AxisError(axis, 0)
        return asarray(0)
    ax = _axis(axis, ks[0].ndim)
    idx = argsort(ks[0], axis=ax)
    for k in ks[1:]:
        idx = take_along_axis(idx, argsort(take_along_axis(k, idx, ax), axis=ax), ax)
    return idx


def _kth(kth, n, axis):
    ks = _np.atleast_1d(_np.asarray(kth))
    if ks.dtype.kind not in "iu":
        if ks.dtype.kind == "b":
            raise ValueError("Booleans unacceptable as partition index")
        raise TypeError("Partition index must be integer")
    for k in ks:
        if n and not -n <= k < n:
            raise ValueError(f"kth(={int(k) + n if k < 0 else int(k)}) out of bounds ({n})")


def _partition_args(a, kth, axis, kind):
    """(a along axis, axis) after NumPy's checks of kind, axis and kth."""
    a = asarray(a)
    if kind != "introselect":
        raise ValueError(f"select kind must be 'introselect' (got '{kind}')")
    if a.ndim == 0 and axis is not None:
        raise _np.exceptions.AxisError(axis, 0)
    x, ax = _along(a, axis)
    _kth(kth, x.shape[ax], ax)
    return x, ax


def partition(a, kth, axis=-1, kind="introselect", order=None):
    """numpy.partition: a copy with each kth element where a sort puts it,
    smaller ones before and larger after. npt sorts the whole axis, which is
    one valid partition (NumPy's introselect leaves the sides in another
    order)."""
    x, ax = _partition_args(a, kth, axis, kind)
    return sort(x, axis=ax)


def argpartition(a, kth, axis=-1, kind="introselect", order=None):
    """numpy.argpartition: the indices that partition a (those of a stable sort)."""
    x, ax = _partition_args(a, kth, axis, kind)
    return argsort(x, axis=ax)


def sort_complex(a):
    """numpy.sort_complex: sorted along the last axis, as complex (complex64
    for the small integer types, complex128 otherwise)."""
    b = sort(a)
    if b.dtype.kind == "c":
        return b
    return b.astype(_np.complex64 if b.dtype.char in "bhBH" else _np.complex128)
