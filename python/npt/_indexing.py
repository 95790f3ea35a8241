"""Basic indexing as views: one slice node plus a reshape for ints and None."""
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, _reshape


def getitem(a, key):
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
    r = a
    if not trivial:
        r = ndarray(_npt.apply("slice", [a._h], shape=sizes, ints=starts_steps))
    final = tuple(final)
    return r if final == r.shape else _reshape(r, final)
