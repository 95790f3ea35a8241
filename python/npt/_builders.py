"""NumPy's array builders and index helpers, as compositions: masks from
iota comparisons (tri, tril, triu), the diagonal view and scatters (diag,
trace), broadcasts (meshgrid, indices, ix_). Index helpers whose inputs are
indices (unravel_index, ravel_multi_index) read them, as NumPy checks
their bounds at the call.
"""
import math
import operator

import numpy as _np

from ._array import ndarray, asarray, new_owner
from ._creation import _iota, eye, zeros, ones, arange, linspace, check_layout
from ._dtypes import dtype_name
from ._writes import diagonal

__all__ = ["identity", "tri", "tril", "triu", "diag", "diagflat", "vander", "trace", "logspace",
           "meshgrid", "fromfunction", "copy", "asanyarray", "ascontiguousarray", "indices", "ix_",
           "diag_indices", "tril_indices", "triu_indices", "unravel_index", "ravel_multi_index",
           "geomspace", "asfortranarray", "mgrid", "ogrid", "diag_indices_from", "tril_indices_from",
           "triu_indices_from", "mask_indices", "fill_diagonal", "bartlett", "blackman", "hamming", "hanning",
           "kaiser"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def identity(n, dtype=None, *, like=None):
    """numpy.identity: the n x n identity matrix."""
    check_layout("C", like)
    return eye(n, dtype=float if dtype is None else dtype)


def _tri_mask(N, M, k, device=-1):
    rows = _iota(N, (N, M), 0, device)
    cols = _iota(M, (N, M), 1, device)
    return cols <= rows + k


def tri(N, M=None, k=0, dtype=float, *, like=None):
    """numpy.tri: ones at and below the k-th diagonal."""
    check_layout("C", like)
    M = N if M is None else M
    return _tri_mask(N, M, k).astype(dtype_name(dtype))


def _triangle(m, k, lower):
    m = asarray(m)
    if m.ndim == 0:
        raise TypeError("tri() missing 1 required positional argument: 'N'")
    N, M = m.shape[-2:] if m.ndim >= 2 else (m.shape[0], m.shape[0])  # (a 1-D m: its square, as NumPy)
    mask = _tri_mask(N, M, k if lower else k - 1, m._h.device)
    if not lower:
        mask = _uf().logical_not(mask)
    return _uf().where(mask, m, zeros((), m.dtype, device=m.device))


def tril(m, k=0):
    """numpy.tril: the lower triangle (at and below the k-th diagonal), zeros above."""
    return _triangle(m, operator.index(k), True)


def triu(m, k=0):
    """numpy.triu: the upper triangle (at and above the k-th diagonal), zeros below."""
    return _triangle(m, operator.index(k), False)


def diag(v, k=0):
    """numpy.diag: a 1-D v as the k-th diagonal of a square matrix; a 2-D v's
    k-th diagonal (a read-only view)."""
    v = asarray(v)
    k = operator.index(k)
    if v.ndim == 1:
        n = v.shape[0] + abs(k)
        out = zeros((n, n), v.dtype, device=v.device)
        i = _np.arange(v.shape[0])
        out[(i, i + k) if k >= 0 else (i - k, i)] = v
        return new_owner(out._h)
    if v.ndim == 2:
        return diagonal(v, k)
    raise ValueError("Input must be 1- or 2-d.")


def diagflat(v, k=0):
    """numpy.diagflat: the flattened input as the k-th diagonal."""
    return diag(asarray(v).reshape(-1), k)


def vander(x, N=None, increasing=False):
    """numpy.vander: columns are powers of x (decreasing unless increasing)."""
    x = asarray(x)
    if x.ndim != 1:
        raise ValueError("x must be a one-dimensional array or sequence.")
    N = x.shape[0] if N is None else operator.index(N)
    dt = _np.promote_types(x.dtype, int)
    powers = _np.arange(N) if increasing else _np.arange(N)[::-1].copy()
    return _uf().power(x.astype(dt).reshape(-1, 1), asarray(powers.astype(dt), device=x.device))


def trace(a, offset=0, axis1=0, axis2=1, dtype=None, out=None):
    """numpy.trace: the sum along the diagonal."""
    from ._reductions import sum as _sum
    return _sum(diagonal(a, offset, axis1, axis2), -1, dtype, out)


def logspace(start, stop, num=50, endpoint=True, base=10.0, dtype=None, axis=0):
    """numpy.logspace: base ** linspace(start, stop)."""
    b = asarray(base)
    if b.ndim:
        raise NotImplementedError("npt: logspace with an array of bases is not supported yet "
                                  "(linspace with array endpoints)")
    y = linspace(start, stop, num=num, endpoint=endpoint, axis=axis)
    r = _uf().power(b, y)
    return r if dtype is None else r.astype(dtype)


def meshgrid(*xi, copy=True, sparse=False, indexing="xy"):
    """numpy.meshgrid: coordinate arrays from coordinate vectors."""
    if indexing not in ("xy", "ij"):
        raise ValueError("Valid values for `indexing` are 'xy' and 'ij'.")
    nd = len(xi)
    out = []
    for i, x in enumerate(xi):
        shape = [1] * nd
        shape[i] = -1
        out.append(asarray(x).reshape(shape))
    if indexing == "xy" and nd > 1:
        for k in range(len(out)):
            s = list(out[k].shape)
            s[0], s[1] = s[1], s[0]
            out[k] = out[k].reshape(s)
    if not sparse:
        from ._writes import broadcast_to
        shape = _np.broadcast_shapes(*[o.shape for o in out])
        out = [broadcast_to(o, shape) for o in out]
    if copy:
        out = [new_owner(o._h) for o in out]
    return tuple(out)


def indices(dimensions, dtype=int, sparse=False):
    """numpy.indices: arrays of the index along each dim of the grid."""
    dimensions = tuple(dimensions)
    name = dtype_name(dtype)
    out = []
    for d, n in enumerate(dimensions):
        shape = tuple(n if i == d else (1 if sparse else m) for i, m in enumerate(dimensions))
        out.append(_iota(n, shape, d).astype(name))
    if sparse:
        return tuple(out)
    from ._manipulation import stack
    return stack(out) if out else zeros((0,), name)


def fromfunction(function, shape, *, dtype=float, like=None, **kwargs):
    """numpy.fromfunction: function called once with the index arrays."""
    check_layout("C", like)
    return function(*indices(shape, dtype=dtype), **kwargs)


def copy(a, order="K", subok=False):
    """numpy.copy: a new array with a's values."""
    return new_owner(asarray(a)._h)


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """numpy.asanyarray: asarray (npt has no subclasses)."""
    return asarray(a, dtype=dtype, order=order, device=device, copy=copy, like=like)


def ascontiguousarray(a, dtype=None, *, like=None):
    """numpy.ascontiguousarray: a itself when C-contiguous, else a copy (at least 1-D)."""
    check_layout("C", like)
    r = asarray(a, dtype=dtype)
    if r.ndim == 0:
        r = r.reshape(1)
    return r if r.flags.c_contiguous else new_owner(r._h)


def ix_(*args):
    """numpy.ix_: open-mesh index arrays from 1-D sequences (masks as their nonzero)."""
    out = []
    nd = len(args)
    for k, seq in enumerate(args):
        x = seq._numpy("ix_()") if isinstance(seq, ndarray) else _np.asarray(seq)
        if x.ndim != 1:
            raise ValueError("Cross index must be 1 dimensional")
        if x.size == 0:
            x = x.astype(_np.intp)
        if x.dtype.kind == "b":
            x = x.nonzero()[0]
        shape = [1] * nd
        shape[k] = x.size
        out.append(asarray(x.reshape(shape)))
    return tuple(out)


def _from_numpy(r):
    return tuple(asarray(x) for x in r) if isinstance(r, tuple) else asarray(r)


def diag_indices(n, ndim=2):
    """numpy.diag_indices: the index arrays of the main diagonal."""
    return _from_numpy(_np.diag_indices(n, ndim))


def tril_indices(n, k=0, m=None):
    """numpy.tril_indices: the indices of the lower triangle."""
    return _from_numpy(_np.tril_indices(n, k, m))


def triu_indices(n, k=0, m=None):
    """numpy.triu_indices: the indices of the upper triangle."""
    return _from_numpy(_np.triu_indices(n, k, m))


def _square_from(arr):
    if arr.ndim != 2:
        raise ValueError("input array must be 2-d")
    return arr.shape


def diag_indices_from(arr):
    """numpy.diag_indices_from: diag_indices for arr's (equal) dimensions."""
    arr = asarray(arr)
    if arr.ndim < 2:
        raise ValueError("input array must be at least 2-d")
    if len(set(arr.shape)) != 1:
        raise ValueError("All dimensions of input must be of equal length")
    return diag_indices(arr.shape[0], arr.ndim)


def tril_indices_from(arr, k=0):
    """numpy.tril_indices_from: tril_indices for a 2-d arr's shape."""
    n, m = _square_from(asarray(arr))
    return tril_indices(n, k=k, m=m)


def triu_indices_from(arr, k=0):
    """numpy.triu_indices_from: triu_indices for a 2-d arr's shape."""
    n, m = _square_from(asarray(arr))
    return triu_indices(n, k=k, m=m)


def mask_indices(n, mask_func, k=0):
    """numpy.mask_indices: the indices where mask_func(ones((n, n)), k) is nonzero."""
    from ._writes import nonzero
    from ._creation import ones
    return nonzero(asarray(mask_func(ones((n, n), dtype=int), k)) != 0)


def fill_diagonal(a, val, wrap=False):
    """numpy.fill_diagonal: writes val (repeated as needed) on a's main
    diagonal, in place."""
    if a.ndim < 2:
        raise ValueError("array must be at least 2-d")
    end = None
    if a.ndim == 2:
        step = a.shape[1] + 1
        if not wrap:
            end = a.shape[1] * a.shape[1]
    else:
        if len(set(a.shape)) != 1:
            raise ValueError("All dimensions of input must be of equal length")
        step = 1 + int(_np.cumprod(a.shape[:-1]).sum())
    count = len(range(0, a.size if end is None else min(end, a.size), step))
    if isinstance(a, _np.ndarray):
        a.flat[:end:step] = _np.asarray(val)
        return
    from ._writes import put
    v = asarray(val).reshape(-1)
    if v.size == 0 or count == 0:
        return
    if v.size < count:  # (repeated as NumPy's flat assignment repeats it)
        from ._manipulation import tile
        v = tile(v, -(-count // v.size))
    put(a, arange(0, step * count, step), v[:count])


def _window_n(M):
    """The symmetric window's n = 1-M, 3-M, ..., M-1 over M-1 (float64), or
    the empty/one-point windows."""
    if M < 1:
        return None, asarray(_np.array([], dtype=_np.result_type(M, 0.0)))
    if M == 1:
        return None, ones(1, dtype=_np.result_type(M, 0.0))
    n = arange(1 - M, M, 2)
    return n / (M - 1), None


def bartlett(M):
    """numpy.bartlett: the triangular window."""
    x, small = _window_n(M)
    if small is not None:
        return small
    return _uf().where(x <= 0, 1 + x, 1 - x)


def _cosine_window(M, *coefs):
    x, small = _window_n(M)
    if small is not None:
        return small
    out = coefs[0]
    for k, c in enumerate(coefs[1:], 1):
        out = out + c * _uf().cos(_np.pi * k * x)
    return out


def blackman(M):
    """numpy.blackman: the Blackman window."""
    return _cosine_window(M, 0.42, 0.5, 0.08)


def hamming(M):
    """numpy.hamming: the Hamming window."""
    return _cosine_window(M, 0.54, 0.46)


def hanning(M):
    """numpy.hanning: the Hann window."""
    return _cosine_window(M, 0.5, 0.5)


def kaiser(M, beta):
    """numpy.kaiser: the Kaiser window, I0(beta sqrt(1 - t^2)) / I0(beta)."""
    if M == 1:
        return ones(1, dtype=_np.result_type(M, 0.0))
    if M < 1:
        return asarray(_np.array([], dtype=_np.result_type(M, 0.0)))
    u = _uf()
    n = arange(0, M)
    alpha = (M - 1) / 2.0
    from ._logic import i0
    return i0(beta * u.sqrt(1 - ((n - alpha) / alpha) ** 2.0)) / i0(asarray(float(beta)))


def _concrete(x, what):
    if isinstance(x, ndarray):
        return x._numpy(what)
    if isinstance(x, (tuple, list)):
        return type(x)(_concrete(v, what) for v in x)
    return x


def unravel_index(indices, shape, order="C"):
    """numpy.unravel_index: flat indices as coordinate arrays (read at the call)."""
    return _from_numpy(_np.unravel_index(_concrete(indices, "unravel_index()"), shape, order))


def ravel_multi_index(multi_index, dims, mode="raise", order="C"):
    """numpy.ravel_multi_index: coordinate arrays as flat indices (read at the call)."""
    return _from_numpy(_np.ravel_multi_index(_concrete(multi_index, "ravel_multi_index()"), dims,
                                             mode, order))


def asfortranarray(a, dtype=None, *, like=None):
    """numpy.asfortranarray: a itself when Fortran-ordered, else an
    F-ordered copy, at least 1-D. npt's buffers are C-ordered, so the copy
    is the transposed view of a C buffer (its .flags are NumPy's)."""
    if like is not None and not isinstance(like, ndarray):
        return _np.asfortranarray(a, dtype=dtype, like=like)
    r = asarray(a, dtype=dtype, order="F")
    return r.reshape(1) if r.ndim == 0 else r


def _stand_in(x):
    """What NumPy's dtype rules see of x: a 0-d NumPy array of an npt array's dtype."""
    return _np.zeros((), x.dtype) if isinstance(x, ndarray) else x


def linspace_arrays(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """numpy.linspace for array (or scalar) endpoints, computed as NumPy
    computes it: in the inexact dtype of the endpoints, i * step (or, when a
    step is zero, i / div * delta) + start, the endpoint set exactly,
    floored for integer dtypes. Lazy in start and stop."""
    from ._manipulation import concatenate, moveaxis
    num = operator.index(num)
    if num < 0:
        raise ValueError(f"Number of samples, {num}, must be non-negative.")
    div = (num - 1) if endpoint else num
    dt = _np.linspace(_stand_in(start), _stand_in(stop), num=2).dtype  # NumPy's result dtype
    s = asarray(start).astype(dt)
    e = asarray(stop).astype(dt)
    delta = e - s
    y = _iota(num).astype(dt.name).reshape((-1,) + (1,) * delta.ndim)
    if div > 0:
        step = delta / div
        # NumPy divides first when any step is zero (denormal deltas, gh-5437)
        from ._reductions import any as _any
        y = _uf().where(_any(step == 0), y / div * delta, y * step)
    else:
        y = y * delta
    y = y + s
    if endpoint and num > 1:
        shape = y.shape[1:]
        from ._writes import broadcast_to
        y = concatenate([y[:-1], broadcast_to(e, shape).reshape((1,) + shape)], 0)
    if axis != 0:
        y = moveaxis(y, 0, axis)
    if dtype is not None and _np.issubdtype(dtype, _np.integer):
        y = _uf().floor(y)
    return y.astype(dt if dtype is None else dtype)


def geomspace(start, stop, num=50, endpoint=True, dtype=None, axis=0):
    """numpy.geomspace: numbers spaced evenly on a log scale, as NumPy computes
    them (start rotated to the positive reals by its sign, 10 ** linspace of
    the log10s, the end points set exactly); array start/stop broadcast."""
    from ._manipulation import concatenate, moveaxis
    from ._reductions import any as _any
    from ._writes import broadcast_to
    start = asarray(start)
    stop = asarray(stop)
    if bool(_any(start == 0)) or bool(_any(stop == 0)):
        raise ValueError("Geometric sequence cannot include zero")
    dt = _np.result_type(_stand_in(start), _stand_in(stop), float(num), _np.zeros((), dtype))
    dtype = dt if dtype is None else _np.dtype(dtype)
    start = start.astype(dt)
    stop = stop.astype(dt)
    out_sign = _uf().sign(start)
    start = (start / out_sign).astype(dt)
    stop = (stop / out_sign).astype(dt)
    y = linspace_arrays(_uf().log10(start), _uf().log10(stop), num=num, endpoint=endpoint)
    result = _uf().power(10.0, y).astype(dt)
    if num > 0:
        shape = result.shape[1:]
        ends = [broadcast_to(start, shape).reshape((1,) + shape)]
        middle = result[1:-1] if num > 1 and endpoint else result[1:]
        if num > 1 and endpoint:
            ends.append(broadcast_to(stop, shape).reshape((1,) + shape))
        result = concatenate([ends[0], middle] + ends[1:], 0)
    result = (result * out_sign).astype(dt)
    if axis != 0:
        result = moveaxis(result, 0, axis)
    return result.astype(dtype)


class nd_grid:
    """NumPy's mesh-grid index trick (mgrid, ogrid): a slice's step is the
    spacing, or (a complex step) the number of points with the stop included."""
    __slots__ = ("sparse",)

    def __init__(self, sparse=False):
        self.sparse = sparse

    def __getitem__(self, key):
        from ._creation import arange
        try:
            size = []
            num_list = [0]  # (NumPy's dtype: at least int_'s, as arange's)
            for k in range(len(key)):
                step, start, stop = key[k].step, key[k].start, key[k].stop
                start = 0 if start is None else start
                step = 1 if step is None else step
                if isinstance(step, (_np.complexfloating, complex)):
                    step = abs(step)
                    size.append(int(step))
                else:
                    size.append(math.ceil((stop - start) / step))
                num_list += [start, stop, step]
            typ = _np.result_type(*num_list)
            if self.sparse:
                nn = [_iota(n).astype(typ.name) for n in size]
            else:
                nn = list(indices(size, typ))
            for k, kk in enumerate(key):
                step = 1 if kk.step is None else kk.step
                start = 0 if kk.start is None else kk.start
                if isinstance(step, (_np.complexfloating, complex)):
                    step = int(abs(step))
                    if step != 1:
                        step = (kk.stop - start) / float(step - 1)
                nn[k] = nn[k] * step + start
                if not self.sparse:  # (NumPy stores it back into its typ grid)
                    nn[k] = nn[k].astype(typ)
            if self.sparse:
                for k in range(len(size)):
                    shape = [1] * len(size)
                    shape[k] = size[k]
                    nn[k] = nn[k].reshape(shape)
                return tuple(nn)
            from ._manipulation import stack
            return stack(nn) if nn else zeros((0,), typ)
        except (IndexError, TypeError):
            step, stop, start = key.step, key.stop, key.start
            start = 0 if start is None else start
            if isinstance(step, (_np.complexfloating, complex)):
                step_float = abs(step)
                step = length = int(step_float)
                if step != 1:
                    step = (key.stop - start) / float(step - 1)
                typ = _np.result_type(start, stop, step_float)
                return arange(0, length, 1, dtype=typ) * step + start
            return arange(start, stop, step)

    def __len__(self):
        return 0




class MGridClass(nd_grid):
    """numpy.mgrid: a dense mesh grid, mgrid[0:2, 0:3:3j] (one array of the grids stacked)."""
    __slots__ = ()

    def __init__(self):
        super().__init__(sparse=False)


class OGridClass(nd_grid):
    """numpy.ogrid: an open mesh grid (a tuple of arrays, each varying on one axis)."""
    __slots__ = ()

    def __init__(self):
        super().__init__(sparse=True)


mgrid = MGridClass()
ogrid = OGridClass()
