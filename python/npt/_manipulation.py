"""NumPy's shape and manipulation functions, each written once as a
composition: views (reshape, transpose, flip, split, ...) where NumPy
returns views, the `concatenate` primitive (ATen's cat) for joins (block,
pad, insert, r_/c_), and `gather` (take) for repeats and deletions.
Signatures, dtypes and errors are NumPy 2's.
"""
import builtins
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, asarray, _reshape, new_owner
from ._views import make_view
from ._writes import _axis, expand_dims, store, swapaxes, take

__all__ = ["reshape", "ravel", "transpose", "permute_dims", "moveaxis", "rollaxis",
           "matrix_transpose", "broadcast_arrays", "broadcast_shapes", "atleast_1d", "atleast_2d",
           "atleast_3d", "concatenate", "concat", "stack", "unstack", "vstack", "hstack", "dstack",
           "column_stack", "split", "array_split", "hsplit", "vsplit", "dsplit", "flip", "fliplr",
           "flipud", "roll", "rot90", "tile", "repeat", "append", "block", "pad", "resize", "insert",
           "delete", "trim_zeros", "r_", "c_"]


# ---- views ---------------------------------------------------------------------

def reshape(a, /, shape, order="C", *, copy=None):
    """numpy.reshape: a view where NumPy's is one (copy=True: always a copy)."""
    a = asarray(a)
    if order != "C":
        raise NotImplementedError("npt: only order='C' reshapes are supported")
    shape = (shape,) if isinstance(shape, (int, _np.integer)) else tuple(shape)
    r = _reshape(a, shape)
    if copy:
        return new_owner(r._h)
    if copy is False and r._v is None:  # _reshape made a new array: NumPy would copy
        raise ValueError("Unable to avoid creating a copy while reshaping.")
    return r


def ravel(a, order="C"):
    """numpy.ravel: a 1-D view where NumPy's is one."""
    if order not in ("C", "K", "A"):
        raise NotImplementedError("npt: only order='C' ravel is supported")
    return asarray(a).ravel()


def transpose(a, axes=None):
    """numpy.transpose: a view with the dims permuted (reversed by default)."""
    a = asarray(a)
    return a.transpose() if axes is None else a.transpose(tuple(axes))


def permute_dims(a, axes=None):
    """numpy.permute_dims (Array API): transpose."""
    return transpose(a, axes)


def matrix_transpose(x, /):
    """numpy.matrix_transpose: the last two dims swapped (a view)."""
    x = asarray(x)
    if x.ndim < 2:
        raise ValueError(f"Input array must be at least 2-dimensional, but it is {x.ndim}")
    return swapaxes(x, -1, -2)


def _axes_arg(axis, ndim, name):
    axes = (axis,) if isinstance(axis, (int, _np.integer)) else tuple(axis)
    out = [_axis(a, ndim, name) for a in axes]
    if len(set(out)) != len(out):
        raise ValueError(f"repeated axis in `{name}` argument")
    return out


def moveaxis(a, source, destination):
    """numpy.moveaxis: a view with the source dims moved to destination."""
    a = asarray(a)
    src = _axes_arg(source, a.ndim, "source")
    dst = _axes_arg(destination, a.ndim, "destination")
    if len(src) != len(dst):
        raise ValueError("`source` and `destination` arguments must have the same number of elements")
    order = [d for d in range(a.ndim) if d not in src]
    for d, s in sorted(zip(dst, src)):
        order.insert(d, s)
    return a.transpose(order)


def rollaxis(a, axis, start=0):
    """numpy.rollaxis: axis moved to before position start (a view)."""
    a = asarray(a)
    n = a.ndim
    axis = _axis(axis, n)
    if not -n <= start <= n:
        raise _np.exceptions.AxisError(f"'start' arg requires {-n} <= start < {n + 1}, but {start} was passed in")
    if start < 0:
        start += n
    if axis < start:
        start -= 1
    if axis == start:
        return make_view(a)
    order = [d for d in range(n) if d != axis]
    order.insert(start, axis)
    return a.transpose(order)


def flip(m, axis=None):
    """numpy.flip: a view with the order of elements along axis reversed."""
    m = asarray(m)
    axes = range(m.ndim) if axis is None else _axes_arg(axis, m.ndim, None)
    key = [slice(None)] * m.ndim
    for d in axes:
        key[d] = slice(None, None, -1)
    return m[tuple(key)]


def fliplr(m):
    """numpy.fliplr: the columns reversed (a view)."""
    m = asarray(m)
    if m.ndim < 2:
        raise ValueError("Input must be >= 2-d.")
    return m[:, ::-1]


def flipud(m):
    """numpy.flipud: the rows reversed (a view)."""
    m = asarray(m)
    if m.ndim < 1:
        raise ValueError("Input must be >= 1-d.")
    return m[::-1, ...]


def rot90(m, k=1, axes=(0, 1)):
    """numpy.rot90: rotated by 90 degrees k times in the plane of axes (a view)."""
    m = asarray(m)
    axes = tuple(axes)
    if len(axes) != 2:
        raise ValueError("len(axes) must be 2.")
    if axes[0] == axes[1] or builtins.abs(axes[0] - axes[1]) == m.ndim:
        raise ValueError("Axes must be different.")
    if not (-m.ndim <= axes[0] < m.ndim and -m.ndim <= axes[1] < m.ndim):
        raise ValueError(f"Axes={axes} out of range for array of ndim={m.ndim}.")
    k %= 4
    if k == 0:
        return m[...]
    if k == 2:
        return flip(flip(m, axes[0]), axes[1])
    perm = list(range(m.ndim))
    perm[axes[0]], perm[axes[1]] = perm[axes[1]], perm[axes[0]]
    if k == 1:
        return flip(m, axes[1]).transpose(perm)
    return flip(m.transpose(perm), axes[1])


def broadcast_shapes(*args):
    """numpy.broadcast_shapes: NumPy's own (shapes only)."""
    return _np.broadcast_shapes(*args)


def broadcast_arrays(*args, subok=False):
    """numpy.broadcast_arrays: read-only views broadcast to one shape."""
    from ._writes import broadcast_to
    arrays = [asarray(a) for a in args]
    shape = _np.broadcast_shapes(*[a.shape for a in arrays])
    return tuple(a if a.shape == shape else broadcast_to(a, shape) for a in arrays)


def _atleast(arys, nd, where):
    out = []
    for a in arys:
        a = asarray(a)
        if a.ndim < nd:
            a = a.reshape(where(a.shape))
        out.append(a)
    return out[0] if len(out) == 1 else tuple(out)


def atleast_1d(*arys):
    """numpy.atleast_1d: 0-d inputs as 1-element 1-D views."""
    return _atleast(arys, 1, lambda s: (1,))


def atleast_2d(*arys):
    """numpy.atleast_2d: inputs viewed with at least 2 dims (leading 1s)."""
    return _atleast(arys, 2, lambda s: (1,) * (2 - len(s)) + s)


def atleast_3d(*arys):
    """numpy.atleast_3d: (N,) -> (1, N, 1), (M, N) -> (M, N, 1)."""
    return _atleast(arys, 3, lambda s: (1, 1, 1) if not s else (1,) + s + (1,) if len(s) == 1 else s + (1,))


# ---- joins ----------------------------------------------------------------------

def _join_dtype(arrays, dtype, casting):
    if dtype is None:
        return None
    dtype = _np.dtype(dtype)
    for a in arrays:
        if not _np.can_cast(a.dtype, dtype, casting):
            raise TypeError(f"Cannot cast array data from {a.dtype!r} to {dtype!r} according to the "
                            f"rule '{casting}'")
    return dtype


def concatenate(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """numpy.concatenate: the arrays joined along an existing axis."""
    if out is not None and dtype is not None:
        raise TypeError("concatenate() only takes `out` or `dtype` as an argument, but both were provided.")
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError("need at least one array to concatenate")
    if axis is None:
        arrays, axis = [a.reshape(-1) for a in arrays], 0
    if arrays[0].ndim == 0:
        raise ValueError("zero-dimensional arrays cannot be concatenated")
    axis = _axis(axis, arrays[0].ndim)
    dt = _join_dtype(arrays, dtype, casting)
    if dt is not None:
        arrays = [a.astype(dt) for a in arrays]
    r = ndarray(_npt.apply("concatenate", [a._h for a in arrays], ints=[axis]))
    return r if out is None else store(out, r, "concatenate", casting=casting, exact_shape=True)


def concat(arrays, /, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """numpy.concat (Array API): concatenate."""
    return concatenate(arrays, axis, out, dtype=dtype, casting=casting)


def stack(arrays, axis=0, out=None, *, dtype=None, casting="same_kind"):
    """numpy.stack: the arrays joined along a new axis."""
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError("need at least one array to stack")
    if builtins.any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError("all input arrays must have the same shape")
    axis = _axis(axis, arrays[0].ndim + 1)
    return concatenate([expand_dims(a, axis) for a in arrays], axis, out, dtype=dtype, casting=casting)


def unstack(x, /, *, axis=0):
    """numpy.unstack: views of x, one per index along axis."""
    x = asarray(x)
    if x.ndim == 0:
        raise ValueError("Input array must be at least 1-d.")
    m = moveaxis(x, axis, 0)
    return tuple(m[i] for i in range(m.shape[0]))  # (1-D: copies, as NumPy's scalars)


def vstack(tup, *, dtype=None, casting="same_kind"):
    """numpy.vstack: joined along the first axis (1-D inputs as rows)."""
    arrs = atleast_2d(*tup)
    return concatenate(arrs if isinstance(arrs, tuple) else [arrs], 0, dtype=dtype, casting=casting)


def hstack(tup, *, dtype=None, casting="same_kind"):
    """numpy.hstack: joined along the second axis (the first for 1-D inputs)."""
    arrs = atleast_1d(*tup)
    arrs = arrs if isinstance(arrs, tuple) else [arrs]
    axis = 0 if arrs and arrs[0].ndim == 1 else 1
    return concatenate(arrs, axis, dtype=dtype, casting=casting)


def dstack(tup):
    """numpy.dstack: joined along the third axis."""
    arrs = atleast_3d(*tup)
    return concatenate(arrs if isinstance(arrs, tuple) else [arrs], 2)


def column_stack(tup):
    """numpy.column_stack: 1-D inputs as columns, then hstack."""
    arrs = []
    for v in tup:
        a = asarray(v)
        arrs.append(a.reshape(-1, 1) if a.ndim < 2 else a)
    return concatenate(arrs, 1)


def append(arr, values, axis=None):
    """numpy.append: values joined at the end (both flattened when axis is None)."""
    arr = asarray(arr)
    values = asarray(values)
    if axis is None:
        return concatenate([arr.reshape(-1), values.reshape(-1)], 0)
    return concatenate([arr, values], axis)


# ---- splits -------------------------------------------------------------------------

def array_split(ary, indices_or_sections, axis=0):
    """numpy.array_split: views of ary, split at the indices or into sections."""
    ary = asarray(ary)
    n = ary.shape[axis]  # (NumPy's IndexError for a 0-d array or an axis past the end)
    try:
        cuts = [0] + [int(i) for i in indices_or_sections] + [n]
    except TypeError:
        sections = operator.index(indices_or_sections)
        if sections <= 0:
            raise ValueError("number sections must be larger than 0.") from None
        each, extra = divmod(n, sections)
        sizes = [0] + extra * [each + 1] + (sections - extra) * [each]
        cuts = list(_np.cumsum(sizes))
    axis = _axis(axis, ary.ndim)
    out = []
    for lo, hi in zip(cuts[:-1], cuts[1:]):
        out.append(ary[(slice(None),) * axis + (slice(int(lo), int(hi)), Ellipsis)])
    return out


def split(ary, indices_or_sections, axis=0):
    """numpy.split: array_split, with sections that must divide the axis."""
    ary = asarray(ary)
    try:
        len(indices_or_sections)
    except TypeError:
        sections = operator.index(indices_or_sections)
        if sections and ary.shape[axis] % sections:
            raise ValueError("array split does not result in an equal division") from None
    return array_split(ary, indices_or_sections, axis)


def hsplit(ary, indices_or_sections):
    """numpy.hsplit: split along the second axis (the first for 1-D)."""
    ary = asarray(ary)
    if ary.ndim == 0:
        raise ValueError("hsplit only works on arrays of 1 or more dimensions")
    return split(ary, indices_or_sections, 1 if ary.ndim > 1 else 0)


def vsplit(ary, indices_or_sections):
    """numpy.vsplit: split along the first axis."""
    ary = asarray(ary)
    if ary.ndim < 2:
        raise ValueError("vsplit only works on arrays of 2 or more dimensions")
    return split(ary, indices_or_sections, 0)


def dsplit(ary, indices_or_sections):
    """numpy.dsplit: split along the third axis."""
    ary = asarray(ary)
    if ary.ndim < 3:
        raise ValueError("dsplit only works on arrays of 3 or more dimensions")
    return split(ary, indices_or_sections, 2)


# ---- copies ---------------------------------------------------------------------------

def roll(a, shift, axis=None):
    """numpy.roll: elements shifted along axis, those past the end wrapping round."""
    a = asarray(a)
    if axis is None:
        return roll(a.reshape(-1), shift, 0).reshape(a.shape)
    axes = (axis,) if isinstance(axis, (int, _np.integer)) else tuple(axis)
    shifts = (shift,) * len(axes) if isinstance(shift, (int, _np.integer)) else tuple(shift)
    if len(shifts) != len(axes):
        shifts, axes = _np.broadcast_arrays(_np.asarray(shifts), _np.asarray(axes))
    total = {}
    for s, ax in zip(shifts, axes):
        ax = _axis(int(ax), a.ndim)
        total[ax] = total.get(ax, 0) + int(s)
    r = a
    for ax, s in total.items():
        n = a.shape[ax]
        if n == 0 or s % n == 0:
            continue
        s %= n
        lead = (slice(None),) * ax
        r = concatenate([r[lead + (slice(n - s, None),)], r[lead + (slice(0, n - s),)]], ax)
    return r if r is not a else new_owner(a._h)


def repeat(a, repeats, axis=None):
    """numpy.repeat: each element repeated (a gather of the repeated indices)."""
    a = asarray(a)
    if axis is None or a.ndim == 0:  # (NumPy repeats a 0-d array as a 1-element one)
        a, axis = a.reshape(-1), 0 if axis is None else axis
    axis = _axis(axis, a.ndim)
    reps = _np.asarray(repeats)
    if reps.dtype.kind not in "iu" and reps.size:
        raise TypeError(f"Cannot cast array data from {reps.dtype!r} to dtype('int64') according to "
                        "the rule 'safe'")
    idx = _np.repeat(_np.arange(a.shape[axis]), reps.astype(_np.intp))  # NumPy's checks and errors
    return take(a, idx, axis)


def tile(A, reps):
    """numpy.tile: A repeated reps times along each dim (a broadcast, then a copy)."""
    a = asarray(A)
    reps = (operator.index(reps),) if isinstance(reps, (int, _np.integer)) else tuple(
        operator.index(r) for r in reps)
    nd = builtins.max(len(reps), a.ndim)
    reps = (1,) * (nd - len(reps)) + reps
    shape = (1,) * (nd - a.ndim) + a.shape
    if builtins.all(r == 1 for r in reps):
        return new_owner(a.reshape(shape)._h)
    # (r0, s0, r1, s1, ...) broadcast from (1, s0, 1, s1, ...), then merged
    inter = [x for r, s in zip(reps, shape) for x in (1, s)]
    wide = [x for r, s in zip(reps, shape) for x in (r, s)]
    h = _npt.apply("reshape", [a._h], shape=inter)
    h = _npt.apply("broadcast_to", [h], shape=wide)
    return ndarray(_npt.apply("reshape", [h], shape=[r * s for r, s in zip(reps, shape)]))


def resize(a, new_shape):
    """numpy.resize: a's flattened values repeated (tiled) to fill new_shape."""
    if isinstance(new_shape, (int, _np.integer)):
        new_shape = (new_shape,)
    a = ravel(a)
    new_size = 1
    for dim_length in new_shape:
        new_size *= dim_length
        if dim_length < 0:
            raise ValueError("all elements of `new_shape` must be non-negative")
    if a.size == 0 or new_size == 0:
        from ._creation import zeros_like
        return zeros_like(a, shape=new_shape)
    repeats = -(-new_size // a.size)
    return reshape(tile(a, repeats)[:new_size], new_shape)


# ---- block -------------------------------------------------------------------------------

def _block_index(index):
    return "arrays" + "".join(f"[{i}]" for i in index if i is not None)


def _block_depths(arrays, parent_index=()):
    """NumPy's _block_check_depths_match: (index of the first deepest leaf,
    the largest leaf ndim); NumPy's errors for tuples and ragged nesting."""
    if isinstance(arrays, tuple):
        raise TypeError(f"{_block_index(parent_index)} is a tuple. Only lists can be used to arrange "
                        "blocks, and np.block does not allow implicit conversion from tuple to ndarray.")
    if isinstance(arrays, list) and arrays:
        found = [_block_depths(arr, parent_index + (i,)) for i, arr in enumerate(arrays)]
        first_index, max_ndim = found[0]
        for index, ndim in found[1:]:
            max_ndim = builtins.max(max_ndim, ndim)
            if len(index) != len(first_index):
                raise ValueError(f"List depths are mismatched. First element was at depth "
                                 f"{len(first_index)}, but there is an element at depth {len(index)} "
                                 f"({_block_index(index)})")
            if index[-1] is None:  # an empty list at the bottom: reported below
                first_index = index
        return first_index, max_ndim
    if isinstance(arrays, list):
        return parent_index + (None,), 0
    return parent_index, arrays.ndim if isinstance(arrays, ndarray) else _np.ndim(arrays)


def _block(arrays, max_depth, result_ndim, depth=0):
    from ._array import array
    if depth < max_depth:
        parts = [_block(arr, max_depth, result_ndim, depth + 1) for arr in arrays]
        return concatenate(parts, axis=-(max_depth - depth))
    return array(arrays, ndmin=result_ndim, copy=None)


def block(arrays):
    """numpy.block: nested lists of blocks joined, the innermost along the last axis."""
    bottom_index, arr_ndim = _block_depths(arrays)
    list_ndim = len(bottom_index)
    if bottom_index and bottom_index[-1] is None:
        raise ValueError(f"List at {_block_index(bottom_index)} cannot be empty")
    r = _block(arrays, list_ndim, builtins.max(arr_ndim, list_ndim))
    return new_owner(r._h) if list_ndim == 0 else r


# ---- pad ---------------------------------------------------------------------------------

def _along(axis, s):
    """The index that applies slice s on axis and takes every other dim whole."""
    return (slice(None),) * axis + (s, Ellipsis)


def _as_pairs(x, ndim, as_index=False):
    """NumPy's pad argument broadcast to ndim (before, after) pairs, with its
    errors; the pairs hold what NumPy's hold (NumPy or Python scalars)."""
    if x is None:
        return ((None, None),) * ndim
    x = _np.array(x)
    if as_index:
        x = _np.round(x).astype(_np.intp, copy=False)
    if x.ndim < 3:
        if x.size == 1:
            x = x.ravel()
            if as_index and x < 0:
                raise ValueError("index can't contain negative values")
            return ((x[0], x[0]),) * ndim
        if x.size == 2 and x.shape != (2, 1):
            x = x.ravel()
            if as_index and (x[0] < 0 or x[1] < 0):
                raise ValueError("index can't contain negative values")
            return ((x[0], x[1]),) * ndim
    if as_index and x.min() < 0:
        raise ValueError("index can't contain negative values")
    return _np.broadcast_to(x, (ndim, 2)).tolist()


def _grow(cur, axis, left, right):
    """cur with the blocks left and right (or None) joined on either side along axis."""
    parts = [p for p in (left, cur, right) if p is cur or (p is not None and p.shape[axis])]
    return cur if len(parts) == 1 else concatenate(parts, axis)


def _filled(cur, axis, width, value):
    """A block of cur's shape with `width` along axis: a fill value cast as NumPy's setitem casts."""
    from ._indexing import value_node
    shape = cur.shape[:axis] + (int(width),) + cur.shape[axis + 1:]
    host = _np.zeros(1, cur.dtype)
    host[0:1] = value  # NumPy's own cast of a scalar into a slice, errors and all
    return ndarray(value_node(host[0], cur.dtype, shape, like=cur._h))


def _spread(v, axis, width):
    """v (length 1 along axis) repeated `width` times along axis (a broadcast)."""
    from ._writes import broadcast_to
    return broadcast_to(v, v.shape[:axis] + (int(width),) + v.shape[axis + 1:])


def _edges(cur, axis):
    n = cur.shape[axis]
    return cur[_along(axis, slice(0, 1))], cur[_along(axis, slice(n - 1, n))]


def _ramp(cur, axis, width, end_value, edge):
    """NumPy's linspace(end_value, edge, width, endpoint=False, dtype=cur.dtype, axis=axis)."""
    from ._builders import linspace_arrays
    return linspace_arrays(end_value, reshape(edge, edge.shape[:axis] + edge.shape[axis + 1:]),
                           int(width), endpoint=False, dtype=cur.dtype, axis=axis)


def _stats(cur, axis, length_pair, stat, name):
    """NumPy's _get_stats: the statistic of the first and last stat_length
    values along axis (rounded for integer arrays), cast to cur's dtype."""
    n = cur.shape[axis]
    left_length, right_length = (n if v is None or n < v else int(v) for v in length_pair)
    if (left_length == 0 or right_length == 0) and name in ("maximum", "minimum"):
        raise ValueError("stat_length of 0 yields no value for padding")

    def of(chunk):
        r = stat(chunk, axis=axis, keepdims=True)
        if cur.dtype.kind in "iu" and r.dtype.kind == "f":
            from ._ufuncs import rint
            r = rint(r)
        return r.astype(cur.dtype)
    left = of(cur[_along(axis, slice(0, left_length))])
    if left_length == right_length == n:
        return left, left
    return left, of(cur[_along(axis, slice(n - right_length, n))])


def _reflect_step(cur, axis, left_pad, right_pad, method, period, include_edge):
    """One round of NumPy's _set_reflect_both: the reflected chunks on both
    sides (at most one period each) joined to cur; returns the new cur and
    the pad widths still to fill."""
    n = cur.shape[axis]
    if include_edge:
        old_length, eo = n // period * period, 1
    else:
        old_length, eo = (n - 1) // (period - 1) * (period - 1), 0
    left = right = None
    if left_pad > 0:
        k = builtins.min(old_length, left_pad)
        left = cur[_along(axis, slice(1 - eo, k + 1 - eo))][_along(axis, slice(None, None, -1))]
        if method == "odd":
            left = (2 * cur[_along(axis, slice(0, 1))] - left).astype(cur.dtype)
        left_pad -= k
    if right_pad > 0:
        k = builtins.min(old_length, right_pad)
        right = cur[_along(axis, slice(n - 1 + eo - k, n - 1 + eo))][_along(axis, slice(None, None, -1))]
        if method == "odd":
            right = (2 * cur[_along(axis, slice(n - 1, n))] - right).astype(cur.dtype)
        right_pad -= k
    return _grow(cur, axis, left, right), left_pad, right_pad


def _wrap_step(cur, axis, left_pad, right_pad, period):
    """One round of NumPy's _set_wrap_both: at most one period wrapped round on each side."""
    n = cur.shape[axis]
    period = n // period * period
    left = right = None
    if left_pad > 0:
        k = builtins.min(period, left_pad)
        left = cur[_along(axis, slice(period - k, period))]
        left_pad -= k
    if right_pad > 0:
        k = builtins.min(period, right_pad)
        right = cur[_along(axis, slice(n - period, n - period + k))]
        right_pad -= k
    return _grow(cur, axis, left, right), left_pad, right_pad


def _pad_constant(a, widths, values):
    """a padded with the (before, after) fill values of each axis: a new array."""
    out = a
    for axis, (lw, rw), (lv, rv) in zip(range(a.ndim), widths, values):
        out = _grow(out, axis, _filled(out, axis, lw, lv), _filled(out, axis, rw, rv))
    return new_owner(out._h) if out is a else out


_PAD_KWARGS = {"empty": [], "edge": [], "wrap": [], "constant": ["constant_values"],
               "linear_ramp": ["end_values"], "maximum": ["stat_length"], "mean": ["stat_length"],
               "median": ["stat_length"], "minimum": ["stat_length"], "reflect": ["reflect_type"],
               "symmetric": ["reflect_type"]}


def _pad_width(pad_width, ndim):
    if isinstance(pad_width, dict):
        import typing
        seq = [(0, 0)] * ndim
        for axis, width in pad_width.items():
            match width:
                case int(both):
                    seq[axis] = both, both
                case tuple((int(before), int(after))):
                    seq[axis] = before, after
                case _ as invalid:
                    typing.assert_never(invalid)
        pad_width = seq
    pad_width = _np.asarray(pad_width)
    if not pad_width.dtype.kind == "i":
        raise TypeError("`pad_width` must be of integral type.")
    return _as_pairs(pad_width, ndim, as_index=True)


def pad(array, pad_width, mode="constant", **kwargs):
    """numpy.pad, every mode, axis by axis as NumPy pads: each axis's pad
    blocks (fills, edge broadcasts, ramps, statistics, reflected or wrapped
    slices of what is there so far) joined to the array by concatenate, so
    the result is lazy and differentiable. A callable mode is called, as
    NumPy calls it, on 1-D views of a zero-padded array that it writes into.
    mode='empty' fills with zeros (npt's empty)."""
    a = asarray(array)
    widths = _pad_width(pad_width, a.ndim)
    if callable(mode):
        padded = _pad_constant(a, widths, ((0, 0),) * a.ndim)
        for axis in range(padded.ndim):
            view = moveaxis(padded, axis, -1)
            for ind in _np.ndindex(view.shape[:-1]):
                mode(view[ind + (Ellipsis,)], widths[axis], axis, kwargs)
        return padded
    try:
        unsupported = set(kwargs) - set(_PAD_KWARGS[mode])
    except KeyError:
        raise ValueError(f"mode '{mode}' is not supported") from None
    if unsupported:
        raise ValueError(f"unsupported keyword arguments for mode '{mode}': {unsupported}")
    if mode in ("constant", "empty"):
        values = _as_pairs(kwargs.get("constant_values", 0) if mode == "constant" else 0, a.ndim)
        return _pad_constant(a, widths, values)
    out = a
    if a.size == 0:
        # only constant and empty extend empty axes; the result is empty too
        for axis, pair in enumerate(widths):
            if a.shape[axis] == 0 and builtins.any(pair):
                raise ValueError(f"can't extend empty axis {axis} using modes other than 'constant' "
                                 "or 'empty'")
        from ._creation import zeros
        return zeros(tuple(n + lw + rw for n, (lw, rw) in zip(a.shape, widths)), a.dtype,
                     device=a.device)
    if mode == "edge":
        for axis, (lw, rw) in enumerate(widths):
            le, re = _edges(out, axis)
            out = _grow(out, axis, _spread(le, axis, lw), _spread(re, axis, rw))
    elif mode == "linear_ramp":
        ends = _as_pairs(kwargs.get("end_values", 0), a.ndim)
        for axis, (lw, rw), (lv, rv) in zip(range(a.ndim), widths, ends):
            le, re = _edges(out, axis)
            left = _ramp(out, axis, lw, lv, le) if lw else None
            right = flip(_ramp(out, axis, rw, rv, re), axis) if rw else None
            out = _grow(out, axis, left, right)
    elif mode in ("maximum", "minimum", "mean", "median"):
        from ._nanfunctions import median
        from ._reductions import amax, amin, mean
        stat = {"maximum": amax, "minimum": amin, "mean": mean, "median": median}[mode]
        lengths = _as_pairs(kwargs.get("stat_length"), a.ndim, as_index=True)
        for axis, (lw, rw), length_pair in zip(range(a.ndim), widths, lengths):
            ls, rs = _stats(out, axis, length_pair, stat, mode)  # (NumPy's errors even for no pad)
            if not lw and not rw:
                continue
            out = _grow(out, axis, _spread(ls, axis, lw), _spread(rs, axis, rw))
    elif mode in ("reflect", "symmetric"):
        method = kwargs.get("reflect_type", "even")
        for axis, (lw, rw) in enumerate(widths):
            if a.shape[axis] == 1 and (lw > 0 or rw > 0):
                # extending a singleton axis repeats its edge (NumPy's legacy behaviour)
                le, re = _edges(out, axis)
                out = _grow(out, axis, _spread(le, axis, lw), _spread(re, axis, rw))
                continue
            while lw > 0 or rw > 0:  # a round per period the pads need
                out, lw, rw = _reflect_step(out, axis, lw, rw, method, a.shape[axis], mode == "symmetric")
    elif mode == "wrap":
        for axis, (lw, rw) in enumerate(widths):
            while lw > 0 or rw > 0:
                out, lw, rw = _wrap_step(out, axis, lw, rw, a.shape[axis])
    return new_owner(out._h) if out is a else out


# ---- insert, delete, trim_zeros -----------------------------------------------------------

def _flat_axis(arr, axis):
    """NumPy's insert/delete preamble: the array (flattened when axis is None) and the axis."""
    if axis is None:
        return ravel(arr) if arr.ndim != 1 else arr, 0
    return arr, _axis(axis, arr.ndim)


def delete(arr, obj, axis=None):
    """numpy.delete: the array without the entries obj names along axis (slices
    joined, or a gather of the kept indices)."""
    arr, axis = _flat_axis(asarray(arr), axis)
    N = arr.shape[axis]
    if isinstance(obj, slice):
        keep = _np.ones(N, dtype=bool)
        keep[obj] = False
        if keep.all():
            return new_owner(arr._h)
        return take(arr, _np.flatnonzero(keep), axis)
    if isinstance(obj, (int, _np.integer)) and not isinstance(obj, bool):
        single = True
    else:
        single = False
        _obj = obj
        obj = _np.asarray(obj)
        if obj.size == 0 and not isinstance(_obj, (_np.ndarray, ndarray)):
            obj = obj.astype(_np.intp)
        elif obj.size == 1 and obj.dtype.kind in "ui":
            obj = obj.item()
            single = True
    if single:
        if obj < -N or obj >= N:
            raise IndexError(f"index {obj} is out of bounds for axis {axis} with size {N}")
        if obj < 0:
            obj += N
        return concatenate([arr[_along(axis, slice(None, obj))], arr[_along(axis, slice(obj + 1, None))]],
                           axis)
    if obj.dtype == bool:
        if obj.shape != (N,):
            raise ValueError("boolean array argument obj to delete must be one dimensional and match "
                             f"the axis length of {N}")
        keep = ~obj
    else:
        keep = _np.ones(N, dtype=bool)
        keep[obj,] = False
    return take(arr, _np.flatnonzero(keep), axis)


def insert(arr, obj, values, axis=None):
    """numpy.insert: values inserted before the indices obj along axis (one
    index: slices and the values joined; several: the values joined at the
    end, then gathered into place)."""
    from ._array import array
    from ._indexing import value_node
    arr, axis = _flat_axis(asarray(arr), axis)
    N = arr.shape[axis]
    if isinstance(obj, slice):
        indices = _np.arange(*obj.indices(N), dtype=_np.intp)
    else:
        indices = _np.array(obj.__array__() if isinstance(obj, ndarray) else obj)
        if indices.dtype == bool:
            if obj.ndim != 1:
                raise ValueError("boolean array argument obj to insert must be one dimensional")
            indices = _np.flatnonzero(indices)
        elif indices.ndim > 1:
            raise ValueError("index array argument obj to insert must be one dimensional or scalar")
    if indices.size == 1:
        index = indices.item()
        if index < -N or index > N:
            raise IndexError(f"index {obj} is out of bounds for axis {axis} with size {N}")
        if index < 0:
            index += N
        values = array(values, copy=None, ndmin=arr.ndim, dtype=arr.dtype)
        if indices.ndim == 0:  # a[:, 0] = v broadcasts as a[:, 0:1] = moveaxis(v, 0, axis)
            values = moveaxis(values, 0, axis)
        shape = arr.shape[:axis] + (values.shape[axis],) + arr.shape[axis + 1:]
        values = ndarray(value_node(values, arr.dtype, shape, like=arr._h))
        return concatenate([arr[_along(axis, slice(None, index))], values,
                            arr[_along(axis, slice(index, None))]], axis)
    if indices.size == 0 and not isinstance(obj, (_np.ndarray, ndarray)):
        indices = indices.astype(_np.intp)
    indices[indices < 0] += N
    numnew = len(indices)
    order = indices.argsort(kind="mergesort")
    indices[order] += _np.arange(numnew)
    old_mask = _np.ones(N + numnew, dtype=bool)
    old_mask[indices] = False  # (NumPy's IndexError for indices past the end)
    shape = arr.shape[:axis] + (numnew,) + arr.shape[axis + 1:]
    values = ndarray(value_node(values, arr.dtype, shape, advanced=True, like=arr._h))
    where_from = _np.empty(N + numnew, dtype=_np.intp)
    where_from[old_mask] = _np.arange(N)
    where_from[indices] = N + _np.arange(numnew)
    return ndarray(take(concatenate([arr, values], axis), where_from, axis)._h)  # (C-ordered, as NumPy's)


def trim_zeros(filt, trim="fb", axis=None):
    """numpy.trim_zeros: the leading and/or trailing zeros cut off (along
    every axis, or those of axis=): a view; where the zeros end is read at
    the call (it decides the shape)."""
    f = filt if isinstance(filt, ndarray) else None
    host = None if f is not None else _np.asarray(filt)
    ndim = f.ndim if f is not None else host.ndim
    trim = trim.lower()
    if trim not in {"fb", "bf", "f", "b"}:
        raise ValueError(f"unexpected character(s) in `trim`: {trim!r}")
    if axis is None:
        axes = tuple(range(ndim))
    else:
        axes = _np.lib.array_utils.normalize_axis_tuple(axis, ndim, argname="axis")
    if not axes:
        return filt
    if f is not None:  # only the mask of nonzeros comes to the host
        from ._ufuncs import not_equal
        host = not_equal(f, 0).__array__()
    nonzero = _np.argwhere(host)
    if nonzero.size == 0:
        start = stop = _np.zeros(host.ndim, dtype=_np.intp)
    else:
        start, stop = nonzero.min(axis=0), nonzero.max(axis=0) + 1
        if "f" not in trim:
            start = (None,) * host.ndim
        if "b" not in trim:
            stop = (None,) * host.ndim
    sl = tuple(slice(start[ax], stop[ax]) if ax in axes else slice(None) for ax in range(host.ndim))
    target = filt if isinstance(filt, (ndarray, list, tuple)) else asarray(filt)
    return target[sl[0]] if len(sl) == 1 else target[sl]


# ---- r_ and c_ ------------------------------------------------------------------------------

class AxisConcatenator:
    """NumPy's index-trick concatenator (r_, c_): slices become aranges (a
    complex step: a linspace of that many points), string directives set
    the axis, ndmin and where 1-D inputs go ('0,2,0'), scalars promote
    weakly. npt has no matrix class: the 'r' and 'c' directives give the
    2-D array np.asarray(np.r_['r', ...]) would (a row, or a column)."""
    __slots__ = ("axis", "matrix", "ndmin", "trans1d")

    def __init__(self, axis=0, matrix=False, ndmin=1, trans1d=-1):
        self.axis, self.matrix, self.ndmin, self.trans1d = axis, matrix, ndmin, trans1d

    def __getitem__(self, key):
        from ._array import array
        from ._creation import arange, linspace
        if isinstance(key, str):
            raise NotImplementedError("npt: the matrix-builder string form of r_/c_ (np.bmat) is not "
                                      "supported")
        if not isinstance(key, tuple):
            key = (key,)
        trans1d, ndmin, matrix, axis = self.trans1d, self.ndmin, self.matrix, self.axis
        col = False
        objs, type_objs = [], []
        for k, item in enumerate(key):
            scalar = False
            if isinstance(item, slice):
                step = 1 if item.step is None else item.step
                start = 0 if item.start is None else item.start
                if isinstance(step, (_np.complexfloating, complex)):
                    newobj = linspace(start, item.stop, num=int(builtins.abs(step)))
                else:
                    newobj = arange(start, item.stop, step)
                if ndmin > 1:
                    newobj = array(newobj, copy=None, ndmin=ndmin)
                    if trans1d != -1:
                        newobj = swapaxes(newobj, -1, trans1d)
            elif isinstance(item, str):
                if k != 0:
                    raise ValueError("special directives must be the first entry.")
                if item in ("r", "c"):
                    matrix, col = True, item == "c"
                    continue
                if "," in item:
                    vec = item.split(",")
                    try:
                        axis, ndmin = [int(x) for x in vec[:2]]
                        if len(vec) == 3:
                            trans1d = int(vec[2])
                        continue
                    except Exception as e:
                        raise ValueError(f"unknown special directive {item!r}") from e
                try:
                    axis = int(item)
                    continue
                except (ValueError, TypeError) as e:
                    raise ValueError("unknown special directive") from e
            elif type(item) in _np.ScalarType:
                scalar = True
                newobj = item
            else:
                item_ndim = item.ndim if isinstance(item, ndarray) else _np.ndim(item)
                newobj = array(item, copy=None, ndmin=ndmin)
                if trans1d != -1 and item_ndim < ndmin:
                    k2 = ndmin - item_ndim
                    k1 = trans1d + k2 + 1 if trans1d < 0 else trans1d
                    defaxes = list(range(ndmin))
                    newobj = newobj.transpose(defaxes[:k1] + defaxes[k2:] + defaxes[k1:k2])
            objs.append(newobj)
            type_objs.append(item if scalar else newobj.dtype)
        if type_objs:
            final_dtype = _np.result_type(*type_objs)
            objs = [array(obj, copy=None, ndmin=ndmin, dtype=final_dtype) for obj in objs]
        res = concatenate(tuple(objs), axis=axis)
        if matrix:
            if res.ndim > 2:
                raise ValueError("matrix must be 2-dimensional")
            oldndim = res.ndim
            res = res.reshape((1,) * (2 - res.ndim) + res.shape)
            if oldndim == 1 and col:
                res = res.T
        return res

    def __len__(self):
        return 0


class RClass(AxisConcatenator):
    """numpy.r_: slices, scalars and arrays joined along the first axis."""
    __slots__ = ()

    def __init__(self):
        AxisConcatenator.__init__(self, 0)


class CClass(AxisConcatenator):
    """numpy.c_: joined along the last axis, 1-D inputs as columns."""
    __slots__ = ()

    def __init__(self):
        AxisConcatenator.__init__(self, -1, ndmin=2, trans1d=0)


r_ = RClass()
c_ = CClass()
