"""Indexing as NumPy's. Basic indices (ints, slices, `...`, None) are views:
one slice step plus a reshape. Advanced indices (integer arrays, boolean
masks) are a basic view, then a `gather` of it, a copy; writes through any
index are an `update` or a `scatter` of that view, carried to its base.
Masks and concrete index arrays are read at the call (they decide the shape,
and NumPy checks bounds there); the arrays indexed stay lazy."""
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, node_of, _shape_text
from ._dtypes import dtype_name
from ._views import check_writeable, make_view, make_view_of, write


_BAD_INDEX = ("only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer "
              "or boolean arrays are valid indices")


def _basic(a, key):
    """(slice sizes, (start, step) per dim, result shape, whether it is all of a)."""
    shape = a.shape
    if type(key) is slice and shape:  # a[i:j:k] (a loop's stencil): the first dim only
        n = shape[0]
        start, stop, step = key.indices(n)
        size = len(range(start, stop, step))
        if size == 0:
            start = 0
        sizes = [size, *shape[1:]]
        return sizes, [start, step] + [0, 1] * (len(shape) - 1), tuple(sizes), \
            start == 0 and step == 1 and size == n
    if not isinstance(key, tuple):
        key = (key,)
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if n_real > a.ndim:
        raise IndexError(f"too many indices for array: array is {a.ndim}-dimensional, "
                         f"but {n_real} were indexed")
    at = [i for i, k in enumerate(key) if k is Ellipsis]  # (`in` would compare arrays with ...)
    if at:
        i = at[0]
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
                raise IndexError(_BAD_INDEX) from None
            if i < -n or i >= n:
                raise IndexError(f"index {i} is out of bounds for axis {dim} with size {n}")
            i %= n
            trivial &= n == 1
            starts_steps += [i, 1]
            sizes.append(1)
        dim += 1
    return sizes, starts_steps, tuple(final), trivial


# ---- advanced indices --------------------------------------------------------

def _entry(k):
    """One index as (kind, value): "basic" (int, slice, None, ...), "int"
    (an integer array: NumPy's or a traced npt handle), "bool" (a mask)."""
    if k is None or k is Ellipsis or isinstance(k, slice):
        return "basic", k
    if isinstance(k, (bool, _np.bool_)):
        return "bool", _np.array(bool(k))
    if isinstance(k, ndarray):
        if k.dtype.kind in "iu" and k._h.traced:
            return ("basic", k) if k.ndim == 0 else ("int", k)
        k = k._numpy("indexing with an array")  # it decides the result's shape
    elif isinstance(k, list):
        k = _np.asarray(k)
        if k.size == 0 and k.dtype.kind == "f":
            k = k.astype(_np.intp)  # [] indexes nothing
        elif k.dtype.kind not in "iub":
            raise IndexError(_BAD_INDEX)
    elif not isinstance(k, _np.ndarray):
        return "basic", k
    if k.dtype.kind == "b":
        return "bool", k
    if k.dtype.kind not in "iu":
        raise IndexError("arrays used as indices must be of integer (or boolean) type")
    return ("basic", int(k)) if k.ndim == 0 else ("int", k)


def _entries(a, key):
    """The key as entries, or None when it is all basic."""
    if not isinstance(key, tuple):
        key = (key,)
    entries = [_entry(k) for k in key]
    if all(kind == "basic" for kind, _ in entries):
        return None
    dims = [v.ndim if kind == "bool" else 0 if v is None or v is Ellipsis else 1 for kind, v in entries]
    if sum(1 for kind, v in entries if v is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if sum(dims) > a.ndim:
        raise IndexError(f"too many indices for array: array is {a.ndim}-dimensional, "
                         f"but {sum(dims)} were indexed")
    fill = [("basic", slice(None))] * (a.ndim - sum(dims))
    for i, (kind, v) in enumerate(entries):
        if v is Ellipsis:
            return entries[:i] + fill + entries[i + 1:]
    return entries + fill


def _const(x, h):
    """NumPy array x as a leaf on the device of handle h (index arrays, host values)."""
    n = node_of(x)
    return n if h.device < 0 else _npt.to_device(n, h.device)


def _broadcast_text(shapes):
    return " ".join(_shape_text(s, ",") for s in shapes) + " "


class _Advanced:
    """An advanced index of `a`: the basic view it reads (`view`), and the
    index arrays (handles, int64) on that view's dims `dims`, broadcast to
    `bshape`, which starts at dim `bstart` of the result's `shape`. When the
    indices are concrete, `concrete` holds them (non-negative) and
    `positions` the flat positions they read in the indexed dims, in order;
    both are None for traced indices."""

    def __init__(self, a, entries):
        basic, arrays, dims, axes = [], [], [], []
        ydim = axis = 0
        for kind, v in entries:
            if kind == "basic":
                basic.append(v)
                if v is not None:
                    if not isinstance(v, slice):  # an int among arrays is a 0-d index array
                        basic[-1] = slice(None)
                        try:
                            arrays.append(_np.array(operator.index(v)))
                        except TypeError:
                            raise IndexError(_BAD_INDEX) from None
                        dims.append(ydim)
                        axes.append(axis)
                    axis += 1
                ydim += 1
            elif kind == "int":
                basic.append(slice(None))
                arrays.append(v)
                dims.append(ydim)
                axes.append(axis)
                ydim += 1
                axis += 1
            elif v.ndim == 0:  # a scalar bool: a new dim, taken once or not at all
                basic.append(None)
                arrays.append(_np.zeros(1 if v else 0, _np.intp))
                dims.append(ydim)
                axes.append(None)
                ydim += 1
            else:
                for j in range(v.ndim):
                    n = a.shape[axis + j]
                    if v.shape[j] != n:
                        raise IndexError(f"boolean index did not match indexed array along axis "
                                         f"{axis + j}; size of axis is {n} but size of corresponding "
                                         f"boolean axis is {v.shape[j]}")
                for j, nz in enumerate(_np.nonzero(v)):
                    basic.append(slice(None))
                    arrays.append(nz)
                    dims.append(ydim + j)
                    axes.append(axis + j)
                ydim += v.ndim
                axis += v.ndim
        sizes, starts_steps, final, trivial = _basic(a, tuple(basic))
        self.view = a if trivial and final == a.shape else getitem(a, tuple(basic))
        vshape = self.view.shape
        concrete = all(isinstance(x, _np.ndarray) for x in arrays)
        try:
            self.bshape = _np.broadcast_shapes(*[tuple(x.shape) for x in arrays])
        except ValueError:
            raise IndexError("shape mismatch: indexing arrays could not be broadcast together with "
                             "shapes " + _broadcast_text([x.shape for x in arrays])) from None
        handles, self.concrete = [], [] if concrete else None
        for x, d, ax in zip(arrays, dims, axes):
            n = vshape[d]
            if isinstance(x, _np.ndarray):
                bad = (x < -n) | (x >= n)
                if bad.any():
                    raise IndexError(f"index {x[bad].flat[0]} is out of bounds for axis {ax} with size {n}")
                x = _np.where(x < 0, x + n, x).astype(_np.int64)
                handles.append(_const(x, a._h))
                if concrete:  # (mixed with traced indices: the positions are unknown)
                    self.concrete.append(x)
            else:
                h = x._h
                handles.append(h if h.dtype == "int64" else _npt.apply("cast", [h], dtype="int64"))
        self.handles, self.dims = handles, dims
        adjacent = all(b == c + 1 for c, b in zip(dims, dims[1:]))
        rest = [vshape[d] for d in range(len(vshape)) if d not in dims]
        if adjacent:
            before = [vshape[d] for d in range(dims[0])]
            self.shape = tuple(before) + self.bshape + tuple(rest[len(before):])
            self.bstart = len(before)
        else:
            self.shape = self.bshape + tuple(rest)
            self.bstart = 0
        self.positions = None
        if concrete:
            full = [_np.broadcast_to(x, self.bshape) for x in self.concrete]
            sizes = [vshape[d] for d in dims]  # (a zero-size dim: the indices are empty)
            self.positions = _np.ravel_multi_index(full, sizes).ravel() if all(sizes) \
                else _np.zeros(0, _np.intp)

    def gather(self, h):
        return _npt.apply("gather", [h] + self.handles, ints=self.dims)

    def scatter(self, h, value, op="scatter"):
        return _npt.apply(op, [h, value] + self.handles, ints=self.dims)

    def scatter_last(self, h, value):
        """h with `value` (a handle of the result's shape) written at the
        positions, where a position given more than once keeps its last value
        (NumPy's in-order loop): the repeats before it are dropped first, so
        the write is the same in any order and only the kept value gets a
        gradient."""
        pos = self.positions
        if pos is None or len(_np.unique(pos)) == pos.size:
            return self.scatter(h, value)
        last = {p: i for i, p in enumerate(pos.tolist())}
        keep = _np.array(sorted(last.values()), _np.int64)
        nb = len(self.bshape)
        pre, post = self.shape[:self.bstart], self.shape[self.bstart + nb:]
        flat = _npt.apply("reshape", [value], shape=list(pre) + [pos.size] + list(post))
        value = _npt.apply("gather", [flat, _const(keep, h)], ints=[len(pre)])
        idx = [_const(_np.broadcast_to(x, self.bshape).ravel()[keep], h) for x in self.concrete]
        return _npt.apply("scatter", [h, value] + idx, ints=self.dims)


def _bool_assignment_value(value, count):
    """NumPy's own checks for `a[mask] = value` with one full-rank mask."""
    v = value if isinstance(value, (ndarray, _np.ndarray)) else _np.asarray(value)
    if v.ndim > 1:
        raise TypeError(f"NumPy boolean array indexing assignment requires a 0 or 1-dimensional "
                        f"input, input has {v.ndim} dimensions")
    if v.ndim == 1 and v.shape[0] not in (1, count):
        raise ValueError(f"NumPy boolean array indexing assignment cannot assign {v.shape[0]} input "
                         f"values to the {count} output values where the mask is true")


_BASIC_TYPES = frozenset((int, slice, type(None), type(Ellipsis)))


def _plain(key):
    """Whether key is made of Python ints, slices, None and ... only (no arrays to look at)."""
    t = type(key)
    if t is tuple:
        return all(type(k) in _BASIC_TYPES for k in key)
    return t in _BASIC_TYPES


def getitem(a, key):
    entries = None if _plain(key) else _entries(a, key)
    if entries is not None:
        adv = _Advanced(a, entries)
        h = adv.gather(adv.view._h)
        if not adv.bstart:
            return ndarray(h)
        # NumPy lays such a result out with the indexed dims outermost: a
        # transposed view of a base in that order (its .base, flags and
        # reshape-copies follow)
        nb, nd = len(adv.bshape), len(adv.shape)
        order = list(range(adv.bstart, adv.bstart + nb)) + list(range(adv.bstart)) + \
            list(range(adv.bstart + nb, nd))
        base = ndarray(_npt.apply("permute", [h], ints=order))
        return make_view(base, "permute", (), tuple(int(i) for i in _np.argsort(order)))
    sizes, starts_steps, final, trivial = _basic(a, key)
    if not final and not any(k is Ellipsis for k in (key if isinstance(key, tuple) else (key,))):
        # every dim taken by an integer: NumPy returns a scalar, a copy that
        # later writes to `a` do not reach (npt's is a 0-d array of its own)
        return ndarray(_npt.apply("reshape", [_npt.apply("slice", [a._h], shape=sizes,
                                                                   ints=starts_steps)], shape=[]))
    steps = [] if trivial else [("slice", tuple(sizes), tuple(starts_steps))]
    if final != (a.shape if trivial else tuple(sizes)):
        steps.append(("reshape", final, ()))
    return make_view_of(a, steps)


def value_node(value, dtype, shape, advanced=False, like=None):
    """`value` as a node of `dtype` (NumPy's unsafe setitem cast) broadcast to
    `shape` (leading length-1 dims of the value dropped first, as NumPy);
    host values go to the device of handle `like`."""
    name = dtype_name(dtype)
    if isinstance(value, ndarray):
        h = value._h
        if h.dtype != name:
            h = _npt.apply("cast", [h], dtype=name)
    elif isinstance(value, (int, float, complex, bool, _np.generic)):
        h = _npt.scalar(_np.array(value, dtype=dtype).item(), False, name)
    elif isinstance(value, (list, tuple)):  # elements converted one by one, as NumPy's setitem
        h = node_of(_np.array(value, dtype=dtype))
    else:
        h = node_of(_np.asarray(value).astype(dtype))
    if like is not None and like.device >= 0 and not isinstance(value, ndarray) and h.device != like.device:
        h = _npt.to_device(h, like.device)
    vs = tuple(h.shape)
    while len(vs) > len(shape) and vs[0] == 1:
        vs = vs[1:]
    ok = len(vs) <= len(shape) and all(v in (1, s) for v, s in zip(vs[::-1], shape[::-1]))
    if not ok and advanced:
        raise ValueError(f"shape mismatch: value array of shape {_shape_text(h.shape, ',')} could not "
                         f"be broadcast to indexing result of shape {_shape_text(shape, ',')}")
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
    entries = None if _plain(key) else _entries(a, key)
    if entries is not None:
        masks = [v for kind, v in entries if kind == "bool"]
        if len(entries) == 1 and masks and masks[0].ndim == a.ndim and a.ndim:
            _bool_assignment_value(value, int(masks[0].sum()))
        adv = _Advanced(a, entries)
        h = value_node(value, a.dtype, adv.shape, advanced=True, like=a._h)
        write(adv.view, adv.scatter_last(adv.view._h, h))
        return
    sizes, starts_steps, final, trivial = _basic(a, key)
    h = value_node(value, a.dtype, final, like=a._h)
    if tuple(sizes) != final:
        h = _npt.apply("reshape", [h], shape=list(sizes))
    if not trivial:
        h = _npt.apply("update", [a._h, h], shape=list(sizes), ints=starts_steps)
    write(a, h)
