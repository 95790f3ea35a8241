"""ndarray methods that are NumPy module functions: one table, and each
method is the module's function itself (self is its first argument)."""
import builtins

from . import _builders, _io, _linalg, _logic, _manipulation, _reductions, _sorting, _statistics, _ufuncs, _writes
from ._array import ndarray

METHODS = {
    "sum": _reductions.sum, "prod": _reductions.prod, "mean": _reductions.mean,
    "max": _reductions.max, "min": _reductions.min, "all": _reductions.all,
    "any": _reductions.any, "clip": _ufuncs.clip, "dot": _linalg.dot,
    "take": _writes.take, "put": _writes.put, "nonzero": _writes.nonzero,
    "repeat": _manipulation.repeat, "var": _statistics.var, "std": _statistics.std,
    "trace": _builders.trace, "argmax": _sorting.argmax, "argmin": _sorting.argmin,
    "argsort": _sorting.argsort, "cumsum": _sorting.cumsum, "cumprod": _sorting.cumprod,
    "searchsorted": _sorting.searchsorted, "argpartition": _sorting.argpartition, "round": _logic.round, "squeeze": _writes.squeeze, "swapaxes": _writes.swapaxes, "diagonal": _writes.diagonal,
}

for _name, _fn in METHODS.items():
    setattr(ndarray, _name, _fn)


# methods that are ufuncs in NumPy's namespace (ufunc objects do not bind self)
def conj(self):
    """a.conj(): the complex conjugate, elementwise (numpy.conjugate)."""
    return _ufuncs.conjugate(self)


ndarray.conj = ndarray.conjugate = conj


def compress(self, condition, axis=None, out=None):
    """a.compress(condition, axis=None, out=None): numpy.compress(condition, a, ...)."""
    return _writes.compress(condition, self, axis, out)


ndarray.compress = compress
ndarray.fill = _writes.fill
ndarray.sort = _sorting.sort_in_place
ndarray.partition = _sorting.partition_in_place


# ---- bytes, layout and in-place reshaping -------------------------------------

def _strides(self):
    """a.strides: the bytes between elements of the view npt's chain gives."""
    from ._views import layout
    lay = layout(self)
    st = lay[1] if lay is not None else _views_c_strides(self.shape)
    return tuple(int(s) * self.itemsize for s in st)


def _views_c_strides(shape):
    from ._views import _c_strides
    return _c_strides(shape)


ndarray.strides = property(_strides)


def _bitcast(a, dtype, shape, offset=0):
    """a's bytes (in C order) from `offset` on, read as `shape` values of `dtype`."""
    from . import _npt
    return ndarray(_npt.apply("bitcast", [a._h], shape=list(shape), ints=[offset], dtype=dtype.name))


def view(self, dtype=None, type=None):
    """a.view(): the same data as another array (shares memory), or
    a.view(dtype): its bytes read as dtype. npt's dtype views are read-only
    (a write through them would not reach `a`)."""
    import numpy as _np
    from ._views import make_view
    if isinstance(dtype, builtins.type) and issubclass(dtype, (ndarray, _np.ndarray)):
        dtype, type = None, dtype
    if type is not None and type is not ndarray:
        raise TypeError("npt: view(type=...) supports npt.ndarray only")
    if dtype is None or _np.dtype(dtype) == self.dtype:
        return make_view(self)
    new = _np.dtype(dtype)
    old = self.dtype.itemsize
    shape = list(self.shape)
    if new.itemsize != old:
        if self.ndim == 0:
            raise ValueError("Changing the dtype of a 0d array is only supported if the itemsize is unchanged")
        if shape[-1] != 1 and self.strides[-1] != old:
            raise ValueError("To change to a dtype of a different size, the last axis must be contiguous")
        total = shape[-1] * old
        if new.itemsize < old and old % new.itemsize:
            raise ValueError("When changing to a smaller dtype, its size must be a divisor of the size of "
                             "original dtype")
        if new.itemsize > old and total % new.itemsize:
            raise ValueError("When changing to a larger dtype, its size must be a divisor of the total size "
                             "in bytes of the last axis of the array.")
        shape[-1] = total // new.itemsize
    r = _bitcast(self, new, shape)
    r.flags.writeable = False
    return r


ndarray.view = view


def _field_check(self, dtype, offset):
    import numpy as _np
    d = _np.dtype(dtype)
    if offset < 0:
        raise ValueError("offset is negative")
    if d.itemsize > self.itemsize:
        raise ValueError("new type is larger than original type")
    if offset + d.itemsize > self.itemsize:
        raise ValueError("new type plus offset is larger than original type")
    return d


def getfield(self, dtype, offset=0):
    """a.getfield(dtype, offset): each element's bytes from offset read as dtype."""
    import numpy as _np
    d = _field_check(self, dtype, offset)
    if offset == 0 and d.itemsize == self.itemsize:
        return _bitcast(self, d, self.shape)
    b = _bitcast(self, _np.dtype(_np.uint8), self.shape + (self.itemsize,))
    part = b[..., offset:offset + d.itemsize].copy()
    return _bitcast(part, d, self.shape)


def setfield(self, val, dtype, offset=0):
    """a.setfield(val, dtype, offset): val as dtype written into each element's
    bytes from offset."""
    import numpy as _np
    from ._array import asarray
    from ._writes import broadcast_to
    d = _field_check(self, dtype, offset)
    u8 = _np.dtype(_np.uint8)
    v = broadcast_to(asarray(val).astype(d), self.shape).copy()
    b = _bitcast(self, u8, self.shape + (self.itemsize,)).copy()
    b[..., offset:offset + d.itemsize] = _bitcast(v, u8, self.shape + (d.itemsize,))
    self[...] = _bitcast(b, self.dtype, self.shape)


def byteswap(self, inplace=False):
    """a.byteswap(): each element's bytes reversed (each part's, for complex)."""
    import numpy as _np
    part = self.itemsize // 2 if self.dtype.kind == "c" else self.itemsize
    if part == 1:
        out = self.copy()
    else:
        b = _bitcast(self, _np.dtype(_np.uint8), self.shape + (self.itemsize // part, part))
        out = _bitcast(b[..., ::-1].copy(), self.dtype, self.shape)
    if inplace:
        self[...] = out
        return self
    return out


ndarray.getfield, ndarray.setfield, ndarray.byteswap = getfield, setfield, byteswap


def tobytes(self, order="C"):
    """a.tobytes(order): the values' bytes, as NumPy's tobytes."""
    return self._numpy(".tobytes()").tobytes(order)


def _reduce(self):
    """pickle.dumps(a): a's values (computed once, as NumPy's pickle of them)
    and its device; loads as an npt array there."""
    return _rebuild, (self._numpy("pickling"), self.device)


def _rebuild(values, device="cpu"):
    from ._array import _from_host
    from ._device import check_device
    return _from_host(values, check_device(device))  # (a copy: the loaded NumPy array is not shared)


def _copy(self, memo=None):
    """copy.copy(a), copy.deepcopy(a): a new array of a's values (npt's
    values are immutable: no buffer is copied until one of them is written)."""
    from ._array import new_owner
    return new_owner(self._h)


ndarray.tobytes, ndarray.dumps, ndarray.dump, ndarray.tofile = tobytes, _io.dumps, _io.dump, _io.tofile
ndarray.__reduce__ = _reduce
ndarray.__copy__ = ndarray.__deepcopy__ = _copy
# The host memory interfaces are those of the materialized values (npt does
# not see writes made through them).
ndarray.ctypes = property(lambda self: self._numpy(".ctypes").ctypes)
ndarray.data = property(lambda self: memoryview(self._numpy(".data")).toreadonly())


def choose(self, choices, out=None, mode="raise"):
    """a.choose(choices, out=None, mode='raise'): numpy.choose(a, choices, ...)."""
    from ._functional import choose as _choose
    return _choose(self, choices, out, mode)


ndarray.choose = choose


def resize(self, *new_shape, refcheck=True):
    """a.resize(new_shape): a itself reshaped in place, zero-filled past its
    old size (numpy.resize repeats instead)."""
    import numpy as _np
    from ._views import owner
    if len(new_shape) == 1 and not isinstance(new_shape[0], int):
        new_shape = tuple(new_shape[0]) if new_shape[0] is not None else ()
    shape = tuple(int(d) for d in new_shape)
    if any(d < 0 for d in shape):
        raise ValueError("negative dimensions not allowed")
    if owner(self) is not self:
        raise ValueError("cannot resize this array: it does not own its data")
    if refcheck and any(r() is not None for r in (self._views or [])):
        raise ValueError("cannot resize an array that references or is referenced\n"
                         "by another array in this way.\nUse the np.resize function or refcheck=False")
    n = int(_np.prod(shape))
    flat = self.reshape(-1)
    if n > flat.size:
        from ._creation import zeros
        from ._manipulation import concatenate
        flat = concatenate([flat, zeros(n - flat.size, dtype=self.dtype)])
    self._h = flat[:n].reshape(shape).copy()._h


ndarray.resize = resize


def setflags(self, write=None, align=None, uic=None):
    """a.setflags(write=...): WRITEABLE as NumPy sets it (npt's buffers are
    always aligned)."""
    if uic:
        raise ValueError("cannot set WRITEBACKIFCOPY flag to True of this array")
    if align is False:
        pass  # (NumPy clears ALIGNED; npt's buffers stay aligned)
    if write is not None:
        self.flags.writeable = bool(write)


ndarray.setflags = setflags


class flatiter:
    """a.flat: a's elements in C order, to index, assign and iterate."""

    def __init__(self, a):
        self.base = a

    def __len__(self):
        return self.base.size

    def _flat(self):
        return self.base.reshape(-1)

    def __getitem__(self, key):
        return self._flat()[key]

    def __setitem__(self, key, value):
        import numpy as _np
        from ._array import asarray
        from ._writes import put
        idx = _np.arange(self.base.size)[key]
        v = asarray(value).astype(self.base.dtype).reshape(-1)
        if _np.size(idx) == 0:
            return
        put(self.base, asarray(_np.atleast_1d(idx)), v)

    def __iter__(self):
        return iter(self.base._numpy("iterating a.flat").reshape(-1).tolist())

    def __array__(self, dtype=None, copy=None):
        r = self.base._numpy("a.flat").reshape(-1)
        return r if dtype is None else r.astype(dtype)

    def copy(self):
        return self.base.flatten()


ndarray.flat = property(flatiter, lambda self, value: flatiter(self).__setitem__(slice(None), value))
