"""npt.linalg: NumPy's numpy.linalg on stacks of matrices (the last two
dims), on the registry's ATen primitives (inv, solve, det, slogdet,
cholesky, eigh, eigvalsh, svd, svdvals, qr; the decompositions with several
results pack them into one node, sliced here) and compositions of them
(pinv, lstsq, matrix_rank, norms, cond, matrix_power, multi_dot, the tensor
forms). NumPy's dtypes (integers and bool as float64, float32 kept, float16
refused), its result namedtuples, and numpy.linalg.LinAlgError itself,
raised when the values are computed (a singular matrix is found then).
Gradients: through inv, solve, det, slogdet, cholesky, eigh, eigvalsh,
svdvals, the real reduced svd, and everything built on them (pinv, lstsq,
norms); qr's and eig's factors and complex svd have none yet
(NotImplementedError)."""
import builtins
import operator

import numpy as _np
from numpy.linalg import LinAlgError
from numpy.linalg._linalg import EigResult, EighResult, QRResult, SlogdetResult, SVDResult

from . import _npt
from ._array import ndarray, asarray

__all__ = ["LinAlgError", "cholesky", "cond", "cross", "det", "diagonal", "eig", "eigh", "eigvals", "eigvalsh", "inv",
           "lstsq", "matmul", "matrix_norm", "matrix_power", "matrix_rank", "matrix_transpose",
           "multi_dot", "norm", "outer", "pinv", "qr", "slogdet", "solve", "svd", "svdvals", "tensordot",
           "tensorinv", "tensorsolve", "trace", "vecdot", "vector_norm"]


def _u():
    from . import _ufuncs
    return _ufuncs


def _linalg_dtype(*arrays):
    """NumPy's linalg dtype: float64 (complex128) unless every input is single precision."""
    single, cx = True, False
    for a in arrays:
        k = a.dtype
        if k == _np.float16:
            raise TypeError("array type float16 is unsupported in linalg")
        cx |= k.kind == "c"
        single &= k in (_np.float32, _np.complex64)
    if cx:
        return _np.dtype(_np.complex64 if single else _np.complex128)
    return _np.dtype(_np.float32 if single else _np.float64)


def _stack(a, square=True):
    a = asarray(a)
    if a.ndim < 2:
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be at least two-dimensional")
    if square and a.shape[-1] != a.shape[-2]:
        raise LinAlgError("Last 2 dimensions of the array must be square")
    return a


def _apply(op, xs, ints=()):
    return ndarray(_npt.apply(op, [x._h for x in xs], ints=list(ints)))


def _part(p, at, n, shape):
    """Elements [at, at+n) of packed p's last axis, reshaped to (..., *shape)."""
    return p[..., at:at + n].reshape(p.shape[:-1] + tuple(shape))


def _real_dtype(t):
    return _np.dtype(_np.float32 if t in (_np.float32, _np.complex64) else _np.float64)


def _mH(x):
    return _u().conjugate(x.mT) if x.dtype.kind == "c" else x.mT


# ---- inverses, solves, determinants --------------------------------------------

def inv(a):
    """numpy.linalg.inv: the inverse of each matrix (LinAlgError if singular)."""
    a = _stack(a)
    return _apply("inv", [a.astype(_linalg_dtype(a))])


def solve(a, b):
    """numpy.linalg.solve: x with a @ x == b; b a vector when 1-D (NumPy 2)."""
    a = _stack(a)
    b = asarray(b)
    t = _linalg_dtype(a, b)
    n = a.shape[-1]
    vector = b.ndim == 1
    if vector:
        if b.shape[0] != n:
            raise ValueError("solve1: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                             f"signature (m,m),(m)->(m) (size {b.shape[0]} is different from {n})")
        b = b.reshape(n, 1)
    elif b.shape[-2] != n:
        raise ValueError("solve: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                         f"signature (m,m),(m,n)->(m,n) (size {b.shape[-2]} is different from {n})")
    from ._manipulation import broadcast_shapes
    from ._writes import broadcast_to
    batch = broadcast_shapes(a.shape[:-2], b.shape[:-2])
    a2 = broadcast_to(a.astype(t), batch + a.shape[-2:])
    b2 = broadcast_to(b.astype(t), batch + b.shape[-2:])
    r = _apply("solve", [a2, b2])
    return r.reshape(r.shape[:-1]) if vector else r


def det(a):
    """numpy.linalg.det: the determinant of each matrix."""
    a = _stack(a)
    return _apply("det", [a.astype(_linalg_dtype(a))])


def slogdet(a):
    """numpy.linalg.slogdet: (sign, log|det|) of each matrix, an SlogdetResult."""
    a = _stack(a)
    t = _linalg_dtype(a)
    p = _apply("slogdet", [a.astype(t)])
    sign, logabs = p[..., 0], p[..., 1]
    if t.kind == "c":
        logabs = _u().real(logabs)
    return SlogdetResult(sign, logabs)


def matrix_power(a, n):
    """numpy.linalg.matrix_power: a to the integer power n (repeated squaring;
    the inverse's powers for n < 0)."""
    a = _stack(a)
    try:
        n = operator.index(n)
    except TypeError as e:
        raise TypeError("exponent must be an integer") from e
    from ._builders import identity
    if n == 0:
        from ._writes import broadcast_to
        return broadcast_to(identity(a.shape[-1], a.dtype), a.shape).astype(a.dtype, copy=True)
    if n < 0:
        a = inv(a)
        n = -n
    result, z = None, a
    while True:
        if n & 1:
            result = z if result is None else result @ z
        n >>= 1
        if not n:
            return result
        z = z @ z


# ---- decompositions ---------------------------------------------------------------

def cholesky(a, /, *, upper=False):
    """numpy.linalg.cholesky: L with a = L L^H (upper: U = L^H)."""
    a = _stack(a)
    low = _apply("cholesky", [a.astype(_linalg_dtype(a))])
    return _mH(low) if upper else low


def _uplo(UPLO):
    if UPLO not in ("L", "U"):
        raise ValueError("UPLO argument must be 'L' or 'U'")
    return int(UPLO == "U")


def eigh(a, UPLO="L"):
    """numpy.linalg.eigh: ascending eigenvalues (real) and eigenvectors of
    each Hermitian matrix (one triangle read), an EighResult."""
    uplo = _uplo(UPLO)
    a = _stack(a)
    t = _linalg_dtype(a)
    n = a.shape[-1]
    p = _apply("eigh", [a.astype(t)], [uplo])
    v, w = _part(p, 0, n * n, (n, n)), _part(p, n * n, n, (n,))
    return EighResult(_u().real(w) if t.kind == "c" else w, v)


def eig(a):
    """numpy.linalg.eig: the eigenvalues and right eigenvectors of each
    general matrix, an EigResult: complex, or real when the input is real and
    every eigenvalue is (NumPy's rule; the values are read for it)."""
    a = _stack(a)
    t = _linalg_dtype(a)
    n = a.shape[-1]
    p = _apply("eig", [a.astype(t)])
    v, w = _part(p, 0, n * n, (n, n)), _part(p, n * n, n, (n,))
    if t.kind != "c" and not bool((_u().imag(w) != 0).any()):
        w, v = _u().real(w), _u().real(v)
    return EigResult(w, v)


def eigvals(a):
    """numpy.linalg.eigvals: the eigenvalues of each general matrix (eig's rule for the dtype)."""
    return eig(a).eigenvalues


def eigvalsh(a, UPLO="L"):
    """numpy.linalg.eigvalsh: the eigenvalues of each Hermitian matrix, ascending."""
    uplo = _uplo(UPLO)
    a = _stack(a)
    return _apply("eigvalsh", [a.astype(_linalg_dtype(a))], [uplo])


def svdvals(x, /):
    """numpy.linalg.svdvals: the singular values, descending."""
    x = _stack(x, square=False)
    return _apply("svdvals", [x.astype(_linalg_dtype(x))])


def svd(a, full_matrices=True, compute_uv=True, hermitian=False):
    """numpy.linalg.svd: U, S, Vh with a = U diag(S) Vh (an SVDResult), or S alone."""
    a = _stack(a, square=False)
    t = _linalg_dtype(a)
    a = a.astype(t)
    if hermitian:
        from ._sorting import argsort
        from ._writes import take_along_axis
        w, v = eigh(a)
        s = _u().absolute(w)
        order = argsort(s, axis=-1)[..., ::-1]
        s = take_along_axis(s, order, -1)
        if not compute_uv:
            return s
        signs = _u().sign(take_along_axis(w, order, -1))
        u = take_along_axis(v, order[..., None, :], -1)
        return SVDResult(u, s, _mH(u * signs[..., None, :].astype(u.dtype)))
    if not compute_uv:
        return svdvals(a)
    m, n = a.shape[-2:]
    k = builtins.min(m, n)
    ur, vr = (m, n) if full_matrices else (k, k)
    p = _apply("svd", [a], [int(bool(full_matrices))])
    u, s, vh = _part(p, 0, m * ur, (m, ur)), _part(p, m * ur, k, (k,)), _part(p, m * ur + k, vr * n, (vr, n))
    return SVDResult(u, _u().real(s) if t.kind == "c" else s, vh)


def qr(a, mode="reduced"):
    """numpy.linalg.qr: Q, R (a QRResult) for 'reduced' and 'complete', R for
    'r', and LAPACK's Householder form (h, tau) for 'raw'."""
    if mode not in ("reduced", "complete", "r", "raw"):
        raise ValueError(f"Unrecognized mode '{mode}'")
    a = _stack(a, square=False)
    t = _linalg_dtype(a)
    m, n = a.shape[-2:]
    if mode == "raw":  # (h is LAPACK's column-major matrix read as rows: a's transpose, F-ordered)
        p = _apply("geqrf", [a.astype(t)])
        k = builtins.min(m, n)
        return _part(p, 0, m * n, (m, n)).mT, _part(p, m * n, k, (k,))
    k = m if mode == "complete" else builtins.min(m, n)
    p = _apply("qr", [a.astype(t)], [int(mode == "complete")])
    q, r = _part(p, 0, m * k, (m, k)), _part(p, m * k, k * n, (k, n))
    return r if mode == "r" else QRResult(q, r)


# ---- compositions -----------------------------------------------------------------

def pinv(a, rcond=None, hermitian=False, *, rtol=_np._NoValue):
    """numpy.linalg.pinv: the pseudo-inverse from the SVD, singular values at
    or below rcond * max(S) dropped."""
    a = _stack(a, square=False)
    m, n = a.shape[-2:]
    if m == 0 or n == 0:  # (NumPy: an empty result in a's own dtype, before its dtype check)
        from ._creation import zeros
        return zeros(a.shape[:-2] + (n, m), a.dtype)
    t = _linalg_dtype(a)
    if rcond is not None and rtol is not _np._NoValue:
        raise ValueError("`rtol` and `rcond` can't be both set.")
    if rcond is None:
        rcond = 1e-15 if rtol is _np._NoValue or rtol is None else rtol
        if rtol is None:
            rcond = builtins.max(m, n) * _np.finfo(t).eps
    u, s, vh = svd(a.astype(t), full_matrices=False, hermitian=hermitian)
    cutoff = _u().multiply(asarray(rcond)[..., None], s.max(axis=-1, keepdims=True, initial=0))
    big = s > cutoff
    sinv = _u().where(big, 1 / _u().where(big, s, 1), 0).astype(s.dtype)
    return _mH(vh) @ (sinv[..., None] * _mH(u))


def matrix_rank(A, tol=None, hermitian=False, *, rtol=None):
    """numpy.linalg.matrix_rank: the number of singular values above the tolerance."""
    A = asarray(A)
    if A.ndim < 2:
        from ._reductions import all as _all
        return asarray(int(not bool(_all(A == 0))))
    s = svd(A, compute_uv=False, hermitian=hermitian)
    if tol is None:
        if rtol is None:
            rtol = builtins.max(A.shape[-2:]) * _np.finfo(s.dtype).eps
        else:
            rtol = asarray(rtol)[..., None]
        tol = s.max(axis=-1, keepdims=True, initial=0) * rtol
    else:
        tol = asarray(tol)[..., None]
    from ._statistics import count_nonzero
    return count_nonzero(s > tol, axis=-1)


def lstsq(a, b, rcond=None):
    """numpy.linalg.lstsq: the least-squares solution (from the pseudo-inverse),
    residuals, rank and singular values of a 2-D a."""
    a, b = asarray(a), asarray(b)
    if a.ndim != 2:
        raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    if b.ndim not in (1, 2):
        raise LinAlgError(f"{b.ndim}-dimensional array given. Array must be one or two-dimensional")
    m, n = a.shape
    if b.shape[0] != m:
        raise LinAlgError("Incompatible dimensions")
    t = _linalg_dtype(a, b)
    a, b = a.astype(t), b.astype(t)
    if rcond is None:
        rcond = _np.finfo(t).eps * builtins.max(m, n)
    s = svdvals(a)
    x = pinv(a, rcond=rcond) @ b
    smax = float(s.max()) if s.shape[0] else 0.0
    rank = int((_np.asarray(s) > rcond * smax).sum())
    if rank == n and m > n:
        r = b - a @ x
        res = (_u().absolute(r) ** 2).sum(axis=0)
        res = res.reshape(1) if b.ndim == 1 else res
    else:
        from ._creation import zeros
        res = zeros((0,), _real_dtype(t))
    return x, res.astype(_real_dtype(t)), _np.int32(rank), s  # (the rank as LAPACK gives it, as NumPy)


def multi_dot(arrays, *, out=None):
    """numpy.linalg.multi_dot: the chained product (first 1-D as a row, last as a column)."""
    arrays = [asarray(a) for a in arrays]
    if len(arrays) < 2:
        raise ValueError("Expecting at least two arrays.")
    first, last = arrays[0].ndim == 1, arrays[-1].ndim == 1
    if first:
        arrays[0] = arrays[0][None, :]
    if last:
        arrays[-1] = arrays[-1][:, None]
    for a in arrays:
        if a.ndim != 2:
            raise LinAlgError(f"{a.ndim}-dimensional array given. Array must be two-dimensional")
    for a, b in zip(arrays, arrays[1:]):
        if a.shape[1] != b.shape[0]:
            from ._linalg import not_aligned
            raise ValueError(not_aligned(a.shape, b.shape, 1, 0))
    r = _chain(arrays)
    if first and last:
        r = r[0, 0]
    elif first:
        r = r[0]
    elif last:
        r = r[:, 0]
    if out is not None:
        from ._writes import store
        return store(out, r, "multi_dot", casting="unsafe", exact_shape=True)
    return r


def _chain(ms):
    """The product of matrices in the order of fewest multiplications (NumPy's DP)."""
    n = len(ms)
    dims = [ms[0].shape[0]] + [m.shape[1] for m in ms]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j] = None
            for k in range(i, j):
                c = cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1]
                if cost[i][j] is None or c < cost[i][j]:
                    cost[i][j], split[i][j] = c, k

    def prod(i, j):
        return ms[i] if i == j else prod(i, split[i][j]) @ prod(split[i][j] + 1, j)
    return prod(0, n - 1)


def tensorinv(a, ind=2):
    """numpy.linalg.tensorinv: the inverse over the first ind dims vs the rest."""
    a = asarray(a)
    if ind <= 0:
        raise ValueError("Invalid ind argument.")
    old = a.shape
    prod = int(_np.prod(old[ind:]))
    inv_shape = old[ind:] + old[:ind]
    return inv(a.reshape(-1, prod)).reshape(inv_shape)


def tensorsolve(a, b, axes=None):
    """numpy.linalg.tensorsolve: x with tensordot(a, x, x.ndim) == b."""
    a, b = asarray(a), asarray(b)
    if axes is not None:
        allaxes = list(range(a.ndim))
        for k in axes:
            allaxes.remove(k)
            allaxes.insert(a.ndim, k)
        a = a.transpose(allaxes)
    oldshape = a.shape[-(a.ndim - b.ndim):]
    prod = int(_np.prod(oldshape))
    if a.size != prod ** 2:
        raise LinAlgError("Input arrays must satisfy the requirement             "
                          "prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])")
    return solve(a.reshape(-1, prod), b.ravel()).reshape(oldshape)


# ---- norms --------------------------------------------------------------------------

def vector_norm(x, /, *, axis=None, keepdims=False, ord=2):
    """numpy.linalg.vector_norm: the ord-norm over axis (all of x by default)."""
    x = asarray(x)
    if x.dtype.kind not in "fc":
        x = x.astype(_np.float64)
    if axis is None:
        r = _vnorm(x.reshape(-1), ord, 0)
        return r.reshape((1,) * x.ndim) if keepdims else r
    axes = (axis,) if isinstance(axis, (int, _np.integer)) else tuple(axis)
    from ._manipulation import moveaxis
    axes = tuple(_np.lib.array_utils.normalize_axis_tuple(axes, x.ndim))
    rest = [d for d in range(x.ndim) if d not in axes]
    m = moveaxis(x, axes, list(range(len(rest), x.ndim)))
    m = m.reshape(tuple(x.shape[d] for d in rest) + (int(_np.prod([x.shape[d] for d in axes])),))
    r = _vnorm(m, ord, -1)
    if keepdims:
        r = r.reshape(tuple(1 if d in axes else n for d, n in enumerate(x.shape)))
    return r


def _vnorm(x, ord, axis):
    u = _u()
    a = u.absolute(x)
    if ord == _np.inf:
        return a.max(axis=axis)
    if ord == -_np.inf:
        return a.min(axis=axis)
    if ord == 0:
        return (a != 0).astype(a.dtype).sum(axis=axis)
    if ord == 1:
        return a.sum(axis=axis)
    if ord is None or ord == 2:
        return u.sqrt((a * a).sum(axis=axis))
    if isinstance(ord, str):
        raise ValueError(f"Invalid norm order '{ord}' for vectors")
    return (a ** ord).sum(axis=axis) ** (1.0 / ord)


def matrix_norm(x, /, *, keepdims=False, ord="fro"):
    """numpy.linalg.matrix_norm: the ord-norm of each matrix (the last two dims)."""
    return norm(x, ord=ord, axis=(-2, -1), keepdims=keepdims)


def norm(x, ord=None, axis=None, keepdims=False):
    """numpy.linalg.norm: vector norms (1 axis) or matrix norms (2 axes)."""
    x = asarray(x)
    if x.dtype.kind not in "fc":
        x = x.astype(_np.float64)
    if axis is None:
        if ord is None or (ord in ("f", "fro") and x.ndim == 2) or (ord == 2 and x.ndim == 1):
            r = _vnorm(x.reshape(-1), 2, 0)
            return r.reshape((1,) * x.ndim) if keepdims else r
        axis = tuple(range(x.ndim))
    elif not isinstance(axis, tuple):
        try:
            axis = (operator.index(axis),)
        except TypeError as e:
            raise TypeError("'axis' must be None, an integer or a tuple of integers") from e
    if len(axis) == 1:
        return vector_norm(x, axis=axis, keepdims=keepdims, ord=2 if ord is None else ord)
    if len(axis) != 2:
        raise ValueError("Improper number of dimensions to norm.")
    r0, c0 = (_np.lib.array_utils.normalize_axis_index(a, x.ndim) for a in axis)
    if r0 == c0:
        raise ValueError("Duplicate axes given.")
    u = _u()
    from ._manipulation import moveaxis
    m = moveaxis(x, (r0, c0), (-2, -1))
    if ord in (None, "fro", "f"):
        r = u.sqrt((u.absolute(m) ** 2).sum(axis=(-2, -1)))
    elif ord == "nuc":
        r = svdvals(m).sum(axis=-1)
    elif ord in (2, -2):
        s = svdvals(m)
        r = s.max(axis=-1, initial=0) if ord == 2 else s.min(axis=-1)
    elif ord in (1, -1):
        c = u.absolute(m).sum(axis=-2)
        r = c.max(axis=-1) if ord == 1 else c.min(axis=-1)
    elif ord in (_np.inf, -_np.inf):
        c = u.absolute(m).sum(axis=-1)
        r = c.max(axis=-1) if ord == _np.inf else c.min(axis=-1)
    else:
        raise ValueError("Invalid norm order for matrices.")
    if keepdims:
        r = r.reshape(tuple(1 if d in (r0, c0) else n for d, n in enumerate(x.shape)))
    return r


def cond(x, p=None):
    """numpy.linalg.cond: the condition number in norm p (the SVD's ratio for p None, 2, -2)."""
    x = _stack(x, square=p not in (None, 2, -2))
    if p is None or p in (2, -2):
        s = svdvals(x)
        return s[..., 0] / s[..., -1] if p != -2 else s[..., -1] / s[..., 0]
    # a singular matrix's inverse is NaN (not an error), and its condition
    # number inf, unless x itself holds a NaN (NumPy's rule)
    xi = _apply("inv", [x.astype(_linalg_dtype(x))], ints=[1])
    r = norm(x, p, axis=(-2, -1)) * norm(xi, p, axis=(-2, -1))
    from ._reductions import any as _any
    u = _u()
    return u.where(u.isnan(r) & ~_any(u.isnan(x), axis=(-2, -1)), _np.inf, r).astype(r.dtype)


# ---- the Array API's linalg functions -------------------------------------------

def matmul(x1, x2, /):
    """numpy.linalg.matmul: numpy.matmul."""
    return _u().matmul(x1, x2)


def matrix_transpose(x, /):
    """numpy.linalg.matrix_transpose: the last two dims swapped."""
    from ._manipulation import matrix_transpose as mt
    return mt(x)


def outer(x1, x2, /):
    """numpy.linalg.outer: the outer product of two 1-D arrays."""
    x1, x2 = asarray(x1), asarray(x2)
    if x1.ndim != 1 or x2.ndim != 1:
        raise ValueError(f"Input arrays must be one-dimensional, but they are x1.ndim={x1.ndim} and "
                         f"x2.ndim={x2.ndim}.")
    return _u().multiply(x1[:, None], x2[None, :])


def tensordot(x1, x2, /, *, axes=2):
    """numpy.linalg.tensordot: numpy.tensordot."""
    from ._linalg import tensordot as td
    return td(x1, x2, axes)


def vecdot(x1, x2, /, *, axis=-1):
    """numpy.linalg.vecdot: the dot product of vectors along axis (x1 conjugated)."""
    return _u().vecdot(x1, x2, axis=axis)


def trace(x, /, *, offset=0, dtype=None):
    """numpy.linalg.trace: the sum of each matrix's diagonal (the last two dims)."""
    from ._builders import trace as tr
    return tr(x, offset=offset, axis1=-2, axis2=-1, dtype=dtype)


def diagonal(x, /, *, offset=0):
    """numpy.linalg.diagonal: each matrix's diagonal (the last two dims)."""
    from ._writes import diagonal as dg
    return dg(x, offset=offset, axis1=-2, axis2=-1)


def cross(x1, x2, /, *, axis=-1):
    """numpy.linalg.cross: the cross product of 3-vectors along axis."""
    x1, x2 = asarray(x1), asarray(x2)
    if x1.shape[axis] != 3 or x2.shape[axis] != 3:
        raise ValueError("Both input arrays must be (arrays of) 3-dimensional vectors, but they are "
                         f"{x1.shape[axis]} and {x2.shape[axis]} dimensional instead.")
    from ._logic import cross as cr
    return cr(x1, x2, axis=axis)
