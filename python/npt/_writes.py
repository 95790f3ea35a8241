"""NumPy's functions that write into an array, its index reads, and the
view functions beside them (squeeze, expand_dims, swapaxes, broadcast_to,
diagonal).

Writes are compositions: a new value (a `where`, a `scatter` or an
`update`) made the array's new version by `_views.write`, so they are lazy,
run in place when they can and differentiate like any other op. Reads by
index are `gather`s. What decides a result's shape (a mask, the indices) is
read at the call; the arrays themselves stay lazy.
"""
import builtins
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, asarray, _shape_text
from ._indexing import _Advanced, _const, _entries, setitem, value_node
from ._views import check_writeable, make_view, write


def _array_arg(a, what="first operand must be array"):
    if not isinstance(a, ndarray):
        raise TypeError(what)
    return a


def _axis(axis, ndim, prefix=None):
    try:
        return _np.lib.array_utils.normalize_axis_index(operator.index(axis), ndim, prefix)
    except _np.exceptions.AxisError as e:
        raise _np.exceptions.AxisError(str(e)) from None


def _like(x, a):
    """x as an npt array: an npt array as it is, host data on a's device."""
    return x if isinstance(x, ndarray) else asarray(x, device=a.device)


def _uf():
    from . import _ufuncs
    return _ufuncs


# ---- storing a result: out=, where=, casting ---------------------------------

def store(out, r, name, operands=(), casting="same_kind", where=True, exact_shape=False):
    """out[...] = r as a ufunc (or a reduction, `exact_shape`) stores its
    result: NumPy's shape rule, casting rule and errors, where= keeping the
    elements it masks out. Returns out."""
    if not isinstance(out, ndarray):
        raise TypeError("return arrays must be of ArrayType")
    check_writeable(out)
    if r.shape != out.shape:
        if exact_shape or not _broadcastable(r.shape, out.shape):
            _numpys_error(name, operands, out, casting)
            raise ValueError(f"non-broadcastable output operand with shape {_shape_text(out.shape, ',')} "
                             f"doesn't match the broadcast shape {_shape_text(r.shape, ',')}")
        r = ndarray(_npt.apply("broadcast_to", [r._h], shape=list(out.shape)))
    if r.dtype != out.dtype:
        if not _np.can_cast(r.dtype, out.dtype, casting):
            _numpys_error(name, operands, out, casting)
            raise TypeError(f"Cannot cast ufunc '{name}' output from {r.dtype!r} to {out.dtype!r} "
                            f"with casting rule '{casting}'")
        r = ndarray(_npt.apply("cast", [r._h], dtype=out._h.dtype))
    if where is not True:
        r = _uf().where(where, r, out)
        if r.shape != out.shape:
            raise ValueError(f"non-broadcastable operand with shape {_shape_text(r.shape, ',')} "
                             f"doesn't match the broadcast shape {_shape_text(out.shape, ',')}")
    write(out, r._h)
    return out


def _broadcastable(src, dst):
    if len(src) > len(dst):
        return False
    return builtins.all(s in (1, d) for s, d in zip(src[::-1], dst[::-1]))


def _numpys_error(name, operands, out, casting):
    """Raise NumPy's own error for this store, from NumPy run on stand-ins of
    the operands' shapes and dtypes that hold no memory (zero strides)."""
    fn = getattr(_np, name, None)
    if fn is None:
        return
    def stand_in(o):
        if isinstance(o, (int, float, complex, bool)):
            return o
        dt = o.dtype if isinstance(o, (ndarray, _np.ndarray)) else _np.asarray(o).dtype
        return _np.broadcast_to(_np.zeros((), dt), _np.shape(o))
    # one element seen everywhere (NumPy raises before it writes)
    target = _np.lib.stride_tricks.as_strided(_np.zeros(1, out.dtype), out.shape, (0,) * out.ndim)
    kw = {"casting": casting} if isinstance(fn, _np.ufunc) else {}
    try:
        fn(*(stand_in(o) for o in operands), out=target, **kw)
    except (TypeError, ValueError):
        raise
    except Exception:
        return


def stand_in(o, writeable=False):
    """A NumPy array of o's shape and dtype over one element (zero strides),
    for asking NumPy which error it raises; Python scalars stay as they are."""
    if isinstance(o, (int, float, complex, bool)):
        return o
    dt = o.dtype if isinstance(o, (ndarray, _np.ndarray)) else _np.asarray(o).dtype
    shape = _np.shape(o) if not isinstance(o, ndarray) else o.shape
    return _np.lib.stride_tricks.as_strided(_np.zeros(1, dt), shape, (0,) * len(shape),
                                            writeable=writeable)


def out_arrays(name, out, nout):
    """out= as a tuple of nout entries (None or an npt array), as NumPy checks it."""
    if out is None:
        return (None,) * nout
    if not isinstance(out, tuple):
        out = (out,)
    if len(out) != nout:
        raise ValueError("The 'out' tuple must have exactly one entry per ufunc output")
    for o in out:
        if o is not None and not isinstance(o, ndarray):
            raise TypeError("return arrays must be of ArrayType")
    return out


# ---- ufunc.at -------------------------------------------------------------

def ufunc_at(uf, a, indices, b):
    """uf.at(a, indices, b): unbuffered, a[indices] = uf(a[indices], b) with
    each repeated index applied again, in order (NumPy's loop)."""
    _array_arg(a)
    if uf.nin == 2 and b is None:
        raise ValueError("second operand needed for ufunc")
    if uf.nin == 1 and b is not None:
        raise ValueError("second operand provided when ufunc is unary")
    check_writeable(a)
    call = (lambda x, y: uf(x, y, casting="unsafe")) if uf.nin == 2 else (lambda x, y: uf(x, casting="unsafe"))
    entries = _entries(a, indices)
    if entries is None:  # basic indices: each element once
        view = a[indices]
        try:
            r = call(view, b)
        except ValueError:
            r = None
        _check_at_shape(None if r is None else r.shape, view.shape)
        write(view, r.astype(a.dtype)._h)
        return
    adv = _Advanced(a, entries)
    view = adv.view
    cur = ndarray(adv.gather(view._h))
    bv = None if b is None else _like(b, a)
    try:
        probe = call(cur, bv)
    except ValueError:
        probe = None
    _check_at_shape(None if probe is None else probe.shape, adv.shape)
    bb = None if bv is None else ndarray(value_node(bv, bv.dtype, adv.shape, like=a._h))
    if uf.__name__ in ("add", "subtract") and probe.dtype == a.dtype:
        # one scatter_add: x - y is x + (-y) exactly, and ATen adds in index order
        v = bb if uf.__name__ == "add" else _uf().negative(bb)
        write(view, adv.scatter(view._h, v.astype(a.dtype)._h, "scatter_add"))
        return
    pos = adv.positions
    if pos is None:
        raise NotImplementedError(f"npt: {uf.__name__}.at with traced indices (only add and "
                                  "subtract can run without reading them)")
    # rounds: the k-th occurrence of every position in round k, which has no
    # repeats, so a gather, the ufunc and a scatter compute it exactly
    order = _np.argsort(pos, kind="stable")
    first = _np.r_[True, pos[order][1:] != pos[order][:-1]]
    starts = _np.maximum.accumulate(_np.where(first, _np.arange(pos.size), 0))
    occurrence = _np.empty(pos.size, _np.int64)
    occurrence[order] = _np.arange(pos.size) - starts
    flat = [_np.broadcast_to(_np.asarray(x), adv.bshape).ravel() for x in adv.concrete]
    h = view._h
    nb, pre = len(adv.bshape), adv.shape[:adv.bstart]
    post = adv.shape[adv.bstart + nb:]
    bf = None if bb is None else _npt.apply("reshape", [bb._h], shape=list(pre) + [pos.size] + list(post))
    for k in range(int(occurrence.max()) + 1 if pos.size else 0):
        sel = _np.nonzero(occurrence == k)[0]
        idx = [_const(x[sel], h) for x in flat]
        rnd = _npt.apply("gather", [h] + idx, ints=adv.dims)
        bk = None
        if bf is not None:
            bk = ndarray(_npt.apply("gather", [bf, _const(sel.astype(_np.int64), h)], ints=[len(pre)]))
        new = call(ndarray(rnd), bk).astype(a.dtype)
        h = _npt.apply("scatter", [h, new._h] + idx, ints=adv.dims)
    write(view, h)


def _check_at_shape(got, want):
    if got is None or got != tuple(want):
        raise ValueError("array is not broadcastable to correct shape")


# ---- reads by index ---------------------------------------------------------

def take(a, indices, axis=None, out=None, mode="raise"):
    """numpy.take: elements of a (flattened when axis is None) at indices."""
    a = asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    axis = _axis(axis, a.ndim)
    idx = _mode_indices(indices, a.shape[axis], mode)
    key = (slice(None),) * axis + (idx,)
    entries = _entries(a, key)
    if entries is None:  # an integer index: a copy of the basic read (NumPy's take never returns a view)
        r = ndarray(a[key]._h)
    else:  # the gather as it comes, C-ordered as NumPy's take (a[key] would lay it out as indexing does)
        adv = _Advanced(a, entries)
        r = ndarray(adv.gather(adv.view._h))
    return r if out is None else _store_exact(out, r, "take")


def _store_exact(out, r, what):
    """take's and compress's out=: the exact shape, NumPy's unsafe cast."""
    if not isinstance(out, ndarray):
        raise TypeError("output must be an array")
    if out.shape != r.shape:
        raise ValueError("output array does not match result of ndarray.take")
    return store(out, r, what, casting="unsafe")


def _mode_indices(indices, n, mode):
    if isinstance(indices, ndarray) and indices._h.traced:
        return indices
    idx = _np.asarray(indices.__array__() if isinstance(indices, ndarray) else indices)
    if idx.dtype.kind not in "iu":
        if idx.size == 0:
            idx = idx.astype(_np.intp)
        else:
            raise TypeError(f"Cannot cast array data from {idx.dtype!r} to dtype('int64') according "
                            "to the rule 'safe'")
    if mode == "wrap":
        return _np.mod(idx, n) if n else idx
    if mode == "clip":
        return _np.clip(idx, 0, max(n - 1, 0))
    if mode != "raise":
        raise ValueError(f"clipmode must be one of 'clip', 'raise', or 'wrap' (got '{mode}')")
    return idx


def _along_axis_key(arr, indices, axis):
    """The index tuple that pairs `indices` with every other dim's position."""
    if not isinstance(indices, (ndarray, _np.ndarray)) or indices.dtype.kind not in "iu":
        raise IndexError("`indices` must be an integer array")
    if axis is None:
        if indices.ndim != 1:
            raise ValueError("when axis=None, `indices` must have a single dimension.")
        return arr.reshape(-1), (indices,)
    axis = _axis(axis, arr.ndim)
    if indices.ndim != arr.ndim:
        raise ValueError("`indices` and `arr` must have the same number of dimensions")
    key = []
    for d in range(arr.ndim):
        if d == axis:
            key.append(indices)
        else:
            shape = [1] * arr.ndim
            shape[d] = arr.shape[d]
            key.append(_np.arange(arr.shape[d]).reshape(shape))
    return arr, tuple(key)


def take_along_axis(arr, indices, axis=-1):
    """numpy.take_along_axis: arr's elements at indices along axis."""
    a, key = _along_axis_key(asarray(arr), indices, axis)
    return a[key]


def put_along_axis(arr, indices, values, axis):
    """numpy.put_along_axis: arr[... indices along axis ...] = values."""
    _array_arg(arr, "argument 1 must be numpy.ndarray, not " + type(arr).__name__)
    a, key = _along_axis_key(arr, indices, axis)
    setitem(a, key, values)


def nonzero(a):
    """numpy.nonzero: the indices of the non-zero elements, one array per dim."""
    x = _concrete(a, "nonzero")
    return tuple(_on_device_of(i, a) for i in _np.nonzero(x))


def _concrete(a, what):
    """a's values (they decide the result's shape)."""
    if isinstance(a, ndarray):
        return a._numpy(f"{what}()")
    return _np.asarray(a)


def _on_device_of(x, a):
    """Host result x (indices) as an npt array on a's device."""
    return asarray(x, device=a.device if isinstance(a, ndarray) else None)


def argwhere(a):
    """numpy.argwhere: (N, ndim) indices of the non-zero elements."""
    return _on_device_of(_np.argwhere(_concrete(a, "argwhere")), a)


def flatnonzero(a):
    """numpy.flatnonzero: indices of the non-zero elements of a.ravel()."""
    return _on_device_of(_np.flatnonzero(_concrete(a, "flatnonzero")), a)


def extract(condition, arr):
    """numpy.extract: arr.ravel()[nonzero(condition.ravel())]."""
    idx = _np.nonzero(_concrete(condition, "extract").ravel())[0]
    return take(asarray(arr).reshape(-1), idx)


def compress(condition, a, axis=None, out=None):
    """numpy.compress: the slices of a along axis where condition is true."""
    c = _concrete(condition, "compress")
    if c.ndim != 1:
        raise ValueError("condition must be a 1-d array")
    a = asarray(a)
    if axis is None:
        a, axis = a.reshape(-1), 0
    axis = _axis(axis, a.ndim)
    idx = _np.nonzero(c)[0]
    if idx.size and idx[-1] >= a.shape[axis]:
        raise IndexError(f"index {idx[-1]} is out of bounds for axis {axis} with size {a.shape[axis]}")
    r = take(a, idx, axis)
    return r if out is None else _store_exact(out, r, "compress")


# ---- writes -------------------------------------------------------------------

def put(a, ind, v, mode="raise"):
    """numpy.put: a.flat[ind] = v, v repeated as needed."""
    _array_arg(a, "argument 1 must be numpy.ndarray, not " + type(a).__name__)
    check_writeable(a)
    n = a.size
    idx = _np.asarray(_mode_indices(ind, n, mode)).ravel()
    if mode == "raise" and idx.size:
        bad = (idx < -n) | (idx >= n)
        if bad.any():
            raise IndexError(f"index {idx[bad][0]} is out of bounds for axis 0 with size {n}")
    vals = _like(v, a).astype(a.dtype).reshape(-1)
    if idx.size == 0:
        return
    if vals.size == 0:
        return
    vals = _cycle(vals, idx.size)
    flat = ndarray(_npt.apply("reshape", [a._h], shape=[n]))
    setitem(flat, idx, vals)
    write(a, _npt.apply("reshape", [flat._h], shape=list(a.shape)))


def _cycle(vals, n):
    """vals repeated to n elements (NumPy's put/place/putmask rule)."""
    m = vals.size
    if m == n:
        return vals
    return vals[_np.arange(n) % m]


def place(arr, mask, vals):
    """numpy.place: arr[mask] = vals, vals repeated as needed."""
    _array_arg(arr, "argument 1 must be numpy.ndarray, not " + type(arr).__name__)
    check_writeable(arr)
    m = _concrete(mask, "place").astype(bool)
    if m.size != arr.size:
        raise ValueError("place: mask and data must be the same size")
    count = int(m.sum())
    vals = _like(vals, arr).astype(arr.dtype).reshape(-1)
    if count and vals.size == 0:
        raise ValueError("Cannot insert from an empty array!")
    if count == 0:
        return
    flat = ndarray(_npt.apply("reshape", [arr._h], shape=[arr.size]))
    setitem(flat, _np.nonzero(m.ravel())[0], _cycle(vals, count))
    write(arr, _npt.apply("reshape", [flat._h], shape=list(arr.shape)))


def putmask(a, /, mask, values):
    """numpy.putmask: a.flat[i] = values.flat[i % len(values)] where mask.flat[i]."""
    _array_arg(a, "argument a of putmask must be a numpy array")
    check_writeable(a)
    m = _like(mask, a)
    if m.size != a.size:
        raise ValueError("putmask: mask and data must be the same size")
    vals = _like(values, a).astype(a.dtype).reshape(-1)
    if vals.size == 0:
        return
    full = _cycle(vals, a.size).reshape(a.shape)
    write(a, _uf().where(m.reshape(a.shape), full, a)._h)


def copyto(dst, src, casting="same_kind", where=True):
    """numpy.copyto: dst[...] = src where `where`, under the casting rule."""
    _array_arg(dst, "copyto() argument 1 must be numpy.ndarray, not " + type(dst).__name__)
    weak = isinstance(src, (int, float, complex, bool))
    s = _like(src, dst) if not weak else None
    if s is not None and s.dtype != dst.dtype and not _np.can_cast(s.dtype, dst.dtype, casting):
        raise TypeError(f"Cannot cast array data from {s.dtype!r} to {dst.dtype!r} according to the "
                        f"rule '{casting}'")
    if weak:
        if casting != "unsafe":
            _np.copyto(_np.empty((0,), dst.dtype), src, casting=casting)  # NumPy's errors for the scalar
        s = _like(_np.array(src).astype(dst.dtype) if not isinstance(src, bool) or dst.dtype.kind == "b"
                  else _np.array(src, dst.dtype), dst)
    if not _broadcastable(s.shape, dst.shape):
        raise ValueError(f"could not broadcast input array from shape {_shape_text(s.shape, ',')} into "
                         f"shape {_shape_text(dst.shape, ',')}")
    check_writeable(dst)
    new = ndarray(value_node(s, dst.dtype, dst.shape, like=dst._h))
    if where is not True:
        w = _like(where, dst)
        if w.dtype != _np.bool_:
            raise TypeError(f"Cannot cast array data from {w.dtype!r} to dtype('bool') according to "
                            "the rule 'safe'")
        new = _uf().where(w, new, dst)
        if new.shape != dst.shape:
            raise ValueError(f"could not broadcast where mask from shape {_shape_text(w.shape, ',')} "
                             f"into shape {_shape_text(dst.shape, ',')}")
    write(dst, new._h)


def fill(self, value):
    """a.fill(value): every element set to value."""
    setitem(self, Ellipsis, value)


# ---- views ------------------------------------------------------------------

def squeeze(a, axis=None):
    """numpy.squeeze: a view without the given (or every) length-1 dim."""
    a = asarray(a)
    if axis is None:
        axes = [d for d, n in enumerate(a.shape) if n == 1]
    else:
        axes = [_axis(x, a.ndim) for x in (axis if isinstance(axis, tuple) else (axis,))]
        if any(a.shape[d] != 1 for d in axes):
            raise ValueError("cannot select an axis to squeeze out which has size not equal to one")
    shape = tuple(n for d, n in enumerate(a.shape) if d not in axes)
    return make_view(a, "reshape", shape) if shape != a.shape else make_view(a)


def expand_dims(a, axis):
    """numpy.expand_dims: a view with length-1 dims inserted at axis."""
    a = asarray(a)
    axes = axis if isinstance(axis, (tuple, list)) else (axis,)
    nd = a.ndim + len(axes)
    where = sorted(_axis(x, nd) for x in axes)
    if len(set(where)) != len(where):
        raise ValueError("repeated axis")
    it = iter(a.shape)
    shape = tuple(1 if d in where else next(it) for d in range(nd))
    return make_view(a, "reshape", shape)


def swapaxes(a, axis1, axis2):
    """numpy.swapaxes: a view with two dims exchanged."""
    a = asarray(a)
    i, j = _axis(axis1, a.ndim), _axis(axis2, a.ndim)
    perm = list(range(a.ndim))
    perm[i], perm[j] = perm[j], perm[i]
    return a.transpose(perm)


def broadcast_to(array, shape, subok=False):
    """numpy.broadcast_to: a read-only view of array with the given shape."""
    a = asarray(array)
    shape = (operator.index(shape),) if not isinstance(shape, (tuple, list)) else tuple(
        operator.index(s) for s in shape)
    if any(s < 0 for s in shape):
        raise ValueError("all elements of broadcast shape must be non-negative")
    if not _broadcastable(a.shape, shape):
        raise ValueError(f"operands could not be broadcast together with remapped shapes "
                         f"[original->remapped]: {_shape_text(a.shape, ',')}  and requested shape "
                         f"{_shape_text(shape, ',')}")
    r = make_view(a, "broadcast_to", shape) if shape != a.shape else make_view(a)
    r._v.writeable = False
    return r


def diagonal(a, offset=0, axis1=0, axis2=1):
    """numpy.diagonal: a read-only view of the diagonal of the axis1/axis2 planes (last)."""
    a = asarray(a)
    if a.ndim < 2:
        raise ValueError("diag requires an array of at least two dimensions")
    i, j = _axis(axis1, a.ndim, "axis1"), _axis(axis2, a.ndim, "axis2")
    if i == j:
        raise ValueError("axis1 and axis2 cannot be the same")
    offset = operator.index(offset)
    h = _npt.apply("diagonal", [a._h], ints=[offset, i, j])  # its shape, by the registry's rule
    r = make_view(a, "diagonal", tuple(h.shape), (offset, i, j))
    r._v.writeable = False
    return r
