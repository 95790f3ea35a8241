"""NumPy's shape and manipulation functions, each written once as a
composition: views (reshape, transpose, flip, split, ...) where NumPy
returns views, the `concatenate` primitive (ATen's cat) for joins, and
`gather` (take) for repeats. Signatures, dtypes and errors are NumPy 2's.
"""
import builtins
import operator

import numpy as _np

from . import _npt
from ._array import ndarray, asarray, _reshape
from ._views import make_view
from ._writes import _axis, expand_dims, store, swapaxes, take

__all__ = ["reshape", "ravel", "transpose", "permute_dims", "moveaxis", "rollaxis",
           "matrix_transpose", "broadcast_arrays", "broadcast_shapes", "atleast_1d", "atleast_2d",
           "atleast_3d", "concatenate", "concat", "stack", "unstack", "vstack", "hstack", "dstack",
           "column_stack", "split", "array_split", "hsplit", "vsplit", "dsplit", "flip", "fliplr",
           "flipud", "roll", "rot90", "tile", "repeat", "append"]


# ---- views ---------------------------------------------------------------------

def reshape(a, /, shape, order="C", *, copy=None):
    """numpy.reshape: a view where NumPy's is one (copy=True: always a copy)."""
    a = asarray(a)
    if order != "C":
        raise NotImplementedError("npt: only order='C' reshapes are supported")
    shape = (shape,) if isinstance(shape, (int, _np.integer)) else tuple(shape)
    r = _reshape(a, shape)
    if copy:
        return ndarray(r._h)
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
    return r if r is not a else ndarray(a._h)


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
        return ndarray(a.reshape(shape)._h)
    # (r0, s0, r1, s1, ...) broadcast from (1, s0, 1, s1, ...), then merged
    inter = [x for r, s in zip(reps, shape) for x in (1, s)]
    wide = [x for r, s in zip(reps, shape) for x in (r, s)]
    h = _npt.apply("reshape", [a._h], shape=inter)
    h = _npt.apply("broadcast_to", [h], shape=wide)
    return ndarray(_npt.apply("reshape", [h], shape=[r * s for r, s in zip(reps, shape)]))
