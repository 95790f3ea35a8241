"""NumPy's array builders and index helpers, as compositions: masks from
iota comparisons (tri, tril, triu), the diagonal view and scatters (diag,
trace), broadcasts (meshgrid, indices, ix_). Index helpers whose inputs are
indices (unravel_index, ravel_multi_index) read them, as NumPy checks
their bounds at the call.
"""
import operator

import numpy as _np

from ._array import ndarray, asarray
from ._creation import _iota, eye, zeros, linspace, check_layout
from ._dtypes import dtype_name
from ._writes import diagonal

__all__ = ["identity", "tri", "tril", "triu", "diag", "diagflat", "vander", "trace", "logspace",
           "meshgrid", "fromfunction", "copy", "asanyarray", "ascontiguousarray", "indices", "ix_",
           "diag_indices", "tril_indices", "triu_indices", "unravel_index", "ravel_multi_index"]


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
        return ndarray(out._h)
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
        out = [ndarray(o._h) for o in out]
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
    return ndarray(asarray(a)._h)


def asanyarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """numpy.asanyarray: asarray (npt has no subclasses)."""
    return asarray(a, dtype=dtype, order=order, device=device, copy=copy, like=like)


def ascontiguousarray(a, dtype=None, *, like=None):
    """numpy.ascontiguousarray: a itself when C-contiguous, else a copy (at least 1-D)."""
    check_layout("C", like)
    r = asarray(a, dtype=dtype)
    if r.ndim == 0:
        r = r.reshape(1)
    return r if r.flags.c_contiguous else ndarray(r._h)


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
