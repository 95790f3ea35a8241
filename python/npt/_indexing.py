"""Basic indexing: views (one slice step plus a reshape for ints and None),
and writes through the same index (an update of the slice's region)."""
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, node_of, _shape_text
from ._dtypes import dtype_name
from ._views import check_writeable, make_view, write


def _basic(a, key):
    """(slice sizes, (start, step) per dim, result shape, whether it is all of a)."""
    if not isinstance(key, tuple):
        key = (key,)
    for k in key:
        if isinstance(k, (list, ndarray, _np.ndarray)) or isinstance(k, bool):
            raise NotImplementedError("npt: advanced (array or boolean) indexing is not "
                                      "supported yet; use basic slicing")
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if n_real > a.ndim:
        raise IndexError(f"too many indices for array: array is {a.ndim}-dimensional, "
                         f"but {n_real} were indexed")
    if Ellipsis in key:
        i = key.index(Ellipsis)
        key = key[:i] + (slice(None),) * (a.ndim - n_real) + key[i + 1:]
    else:
        key = key + (slice(None),) * (a.ndim - n_real)
    starts_steps, sizes, final = [], [], []
    dim = 0
    trivial = True
    for k in key:
        if k is None:
            final.append(1)
            continue
        n = a.shape[dim]
        if isinstance(k, slice):
            start, stop, step = k.indices(n)
            size = len(range(start, stop, step))
            if size == 0:
                start = 0
            trivial &= (start == 0 and step == 1 and size == n)
            starts_steps += [start, step]
            sizes.append(size)
            final.append(size)
        else:
            try:
                i = operator.index(k)
            except TypeError:
                raise IndexError("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis "
                                 "(`None`) and integer or boolean arrays are valid indices") from None
            if i < -n or i >= n:
                raise IndexError(f"index {i} is out of bounds for axis {dim} with size {n}")
            i %= n
            trivial &= n == 1
            starts_steps += [i, 1]
            sizes.append(1)
        dim += 1
    return sizes, starts_steps, tuple(final), trivial


def getitem(a, key):
    sizes, starts_steps, final, trivial = _basic(a, key)
    r = a if trivial else make_view(a, "slice", sizes, starts_steps)
    if final != r.shape:
        return make_view(r, "reshape", final)
    return make_view(a) if r is a else r


def value_node(value, dtype, shape):
    """`value` as a node of `dtype` (NumPy's unsafe setitem cast) broadcast to
    `shape` (leading length-1 dims of the value dropped first, as NumPy)."""
    name = dtype_name(dtype)
    if isinstance(value, ndarray):
        h = value._h
        if h.dtype != name:
            h = _npt.apply("cast", [h], dtype=name)
    elif isinstance(value, (int, float, complex, bool, _np.generic)):
        h = _npt.scalar(_np.array(value, dtype=dtype).item(), False, name)
    else:
        h = node_of(_np.asarray(value).astype(dtype))
    vs = tuple(h.shape)
    while len(vs) > len(shape) and vs[0] == 1:
        vs = vs[1:]
    ok = len(vs) <= len(shape) and all(v in (1, s) for v, s in zip(vs[::-1], shape[::-1]))
    if not ok:
        raise ValueError(f"could not broadcast input array from shape {_shape_text(h.shape, ',')} "
                         f"into shape {_shape_text(shape, ',')}")
    if vs != tuple(h.shape):
        h = _npt.apply("reshape", [h], shape=list(vs))
    if vs != tuple(shape):
        h = _npt.apply("broadcast_to", [h], shape=list(shape))
    return h


def setitem(a, key, value):
    """a[key] = value: a new version of a's region, seen by a's base and views."""
    check_writeable(a)
    sizes, starts_steps, final, trivial = _basic(a, key)
    h = value_node(value, a.dtype, final)
    if tuple(sizes) != final:
        h = _npt.apply("reshape", [h], shape=list(sizes))
    if not trivial:
        h = _npt.apply("update", [a._h, h], shape=list(sizes), ints=starts_steps)
    write(a, h)
