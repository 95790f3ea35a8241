"""NumPy's legacy polynomial API (numpy.poly1d and the poly* functions) as
compositions of npt ops: Horner's rule as one fused elementwise chain,
products by convolve, fits by lstsq on the scaled Vandermonde matrix, roots
as the eigenvalues of the companion matrix. Where NumPy decides a shape from
the values (leading zeros trimmed, the long division's remainder) the small
coefficient arrays are read."""
import warnings

import numpy as _np

from ._array import ndarray, asarray

__all__ = ["poly", "polyadd", "polysub", "polymul", "polydiv", "polyder", "polyint", "polyfit",
           "polyval", "roots", "poly1d"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def _m():
    from . import _manipulation
    return _manipulation


def _is_poly(p):
    return isinstance(p, (poly1d, _np.poly1d))


def _coeffs(p):
    """p's coefficients, at least 1-D (a poly1d gives its coeffs, as NumPy's __array__)."""
    if _is_poly(p):
        p = p.coeffs
    return _m().atleast_1d(asarray(p))


def _elements(p):
    """The 0-d elements of a 1-D array (lazy views)."""
    return [p[i] for i in range(p.shape[0])]


def _iterable(a):
    """NumPy's poly and roots dispatch on their argument itself, so a 0-d one
    (not iterable) fails there, before the function runs."""
    a = asarray(a)
    if a.ndim == 0:
        raise TypeError("dispatcher for __array_function__ did not return an iterable")
    return a


def _mintype(dt):
    """numpy.mintypecode(dt.char) for one dtype: the smallest of float32,
    float64, complex64, complex128 it fits in (float64 for the rest)."""
    return dt if dt.name in ("float32", "float64", "complex64", "complex128") else _np.dtype("float64")


# ---- values -----------------------------------------------------------------

def polyval(p, x):
    """numpy.polyval: p[0]*x**(N-1) + ... + p[N-1] by Horner's rule, starting
    from zeros_like(x) as NumPy (so 0*inf is nan there too): one elementwise
    chain, fused into one kernel."""
    p = asarray(p.coeffs if _is_poly(p) else p)
    if _is_poly(x):
        y = 0
    else:
        from ._creation import zeros_like
        x = asarray(x)
        y = zeros_like(x)
    if p.ndim == 0:
        raise TypeError("iteration over a 0-d array")
    for pv in _elements(p):
        y = y * x + pv
    return y


def poly(seq_of_zeros):
    """numpy.poly: the monic coefficients with the given roots (or a square
    matrix's eigenvalues' polynomial), by one convolution per root; real when
    the roots come in conjugate pairs."""
    z = _iterable(seq_of_zeros)
    sh = z.shape
    if len(sh) == 2 and sh[0] == sh[1] and sh[0] != 0:
        from .linalg import eigvals
        z = eigvals(z)
    elif len(sh) == 1:
        z = z.astype(_mintype(z.dtype))
    else:
        raise ValueError("input must be 1d or non-empty square 2d array.")
    if z.shape[0] == 0:
        return 1.0
    from ._creation import ones
    from ._logic import convolve
    dt = z.dtype
    a = ones((1,), dt)
    one = ones((1,), dt)
    for zero in _elements(z):
        a = convolve(a, _m().concatenate([one, (-zero).reshape(1)]))
    if dt.kind == "c":
        r = z._numpy("poly()").astype(complex)
        if _np.all(_np.sort(r) == _np.sort(r.conjugate())):  # (conjugate pairs: a real polynomial)
            a = ndarray(a.real._h)
    return a


def roots(p):
    """numpy.roots: the eigenvalues of the companion matrix of p with its
    leading zeros cut, and as many zero roots as p has trailing zeros."""
    from ._creation import zeros, eye
    p = _iterable(p)
    if p.ndim != 1:
        raise ValueError("Input must be a rank-1 array.")
    nz = _np.nonzero(p._numpy("roots()"))[0]  # (the zeros decide the degree)
    if len(nz) == 0:
        return zeros((0,), "float64")
    trailing = p.shape[0] - int(nz[-1]) - 1
    p = p[int(nz[0]):int(nz[-1]) + 1]
    if p.dtype.kind not in "fc":
        p = p.astype("float64")
    n = p.shape[0]
    if n > 1:
        from .linalg import eigvals
        top = (-p[1:] / p[0]).reshape(1, n - 1)
        companion = _m().concatenate([top, eye(n - 2, n - 1, dtype=p.dtype)])
        r = eigvals(companion)
    else:
        r = zeros((0,), "float64")
    if trailing:
        r = _m().concatenate([r, zeros((trailing,), r.dtype)])
    return r


# ---- arithmetic -------------------------------------------------------------

def _padded(a1, a2, op):
    from ._creation import zeros
    d = a2.shape[0] - a1.shape[0]
    if d > 0:
        a1 = _m().concatenate([zeros((d,), a1.dtype), a1])
    elif d < 0:
        a2 = _m().concatenate([zeros((-d,), a2.dtype), a2])
    return op(a1, a2)


def polyadd(a1, a2):
    """numpy.polyadd: the sum, the shorter one padded with leading zeros."""
    true_poly = _is_poly(a1) or _is_poly(a2)
    val = _padded(_coeffs(a1), _coeffs(a2), _uf().add)
    return poly1d(val) if true_poly else val


def polysub(a1, a2):
    """numpy.polysub: the difference, the shorter one padded with leading zeros."""
    true_poly = _is_poly(a1) or _is_poly(a2)
    val = _padded(_coeffs(a1), _coeffs(a2), _uf().subtract)
    return poly1d(val) if true_poly else val


def polymul(a1, a2):
    """numpy.polymul: the product, the convolution of the coefficients
    (each with its leading zeros cut, as NumPy's poly1d does)."""
    from ._logic import convolve
    true_poly = _is_poly(a1) or _is_poly(a2)
    val = convolve(poly1d(a1).coeffs, poly1d(a2).coeffs)
    return poly1d(val) if true_poly else val


def polydiv(u, v):
    """numpy.polydiv: quotient and remainder of the long division. Each step
    depends on the last and the remainder's length on its values, so the
    small coefficient arrays are read and divided in their dtype (the same
    roundings as NumPy's), the results handed back as npt arrays."""
    true_poly = _is_poly(u) or _is_poly(v)
    u = _coeffs(u)._numpy("polydiv()") + 0.0
    v = _coeffs(v)._numpy("polydiv()") + 0.0
    w = u[0] + v[0]
    m, n = len(u) - 1, len(v) - 1
    scale = 1.0 / v[0]
    q = _np.zeros((max(m - n + 1, 1),), w.dtype)
    r = u.astype(w.dtype)
    for k in range(m - n + 1):
        d = scale * r[k]
        q[k] = d
        r[k:k + n + 1] -= d * v
    while _np.allclose(r[0], 0, rtol=1e-14) and r.shape[-1] > 1:
        r = r[1:]
    q, r = asarray(q), asarray(r)
    if true_poly:
        return poly1d(q), poly1d(r)
    return q, r


# ---- calculus -----------------------------------------------------------------

def polyder(p, m=1):
    """numpy.polyder: the m-th derivative, p[:-1] * (n, ..., 1) m times."""
    from ._creation import arange
    m = int(m)
    if m < 0:
        raise ValueError("Order of derivative must be positive (see polyint)")
    true_poly = _is_poly(p)
    val = asarray(p.coeffs if true_poly else p)
    if val.ndim == 0:
        raise TypeError("len() of unsized object")
    for _ in range(m):
        n = val.shape[0] - 1
        val = val[:-1] * arange(n, 0, -1)
    return poly1d(val) if true_poly else val


def polyint(p, m=1, k=None):
    """numpy.polyint: the m-th antiderivative, p / (n, ..., 1) with the
    integration constant k[i] appended at step i."""
    from ._creation import arange, zeros, ones
    m = int(m)
    if m < 0:
        raise ValueError("Order of integral must be positive (see polyder)")
    true_poly = _is_poly(p)
    val = asarray(p.coeffs if true_poly else p)
    ks = zeros((m,), "float64") if k is None else _m().atleast_1d(asarray(k))
    for step in range(m):
        left = m - step
        if ks.shape[0] == 1 and left > 1:
            ks = ks[0] * ones((left,), "float64")
        if ks.shape[0] < left:
            raise ValueError("k must be a scalar or a rank-1 array of length 1 or >m.")
        if val.ndim == 0:
            raise TypeError("len() of unsized object")
        val = _m().concatenate([val / arange(val.shape[0], 0, -1), ks[0].reshape(1)])
        ks = ks[1:]
    return poly1d(val) if true_poly else val


# ---- fitting -----------------------------------------------------------------

def polyfit(x, y, deg, rcond=None, full=False, w=None, cov=False):
    """numpy.polyfit: the least-squares fit of a degree-deg polynomial,
    lstsq on the Vandermonde matrix with unit-norm columns (and the rows
    weighted by w); full: (p, residuals, rank, sv, rcond); cov: with the
    (scaled, or 'unscaled') covariance of the coefficients."""
    from ._builders import vander
    from ._reductions import sum as _sum
    from . import linalg
    order = int(deg) + 1
    x = asarray(x) + 0.0
    y = asarray(y) + 0.0
    if deg < 0:
        raise ValueError("expected deg >= 0")
    if x.ndim != 1:
        raise TypeError("expected 1D vector for x")
    if x.size == 0:
        raise TypeError("expected non-empty vector for x")
    if y.ndim < 1 or y.ndim > 2:
        raise TypeError("expected 1D or 2D array for y")
    if x.shape[0] != y.shape[0]:
        raise TypeError("expected x and y to have same length")
    if rcond is None:
        rcond = len(x) * _np.finfo(x.dtype).eps
    lhs = vander(x, order)
    rhs = y
    if w is not None:
        w = asarray(w) + 0.0
        if w.ndim != 1:
            raise TypeError("expected a 1-d array for weights")
        if w.shape[0] != y.shape[0]:
            raise TypeError("expected w and y to have the same length")
        # (NumPy scales in place: the products are cast back to each one's dtype)
        lhs = (lhs * w[:, None]).astype(lhs.dtype)
        rhs = (rhs * (w[:, None] if rhs.ndim == 2 else w)).astype(rhs.dtype)
    scale = _uf().sqrt(_sum(lhs * lhs, axis=0))
    lhs = (lhs / scale).astype(lhs.dtype)
    c, resids, rank, s = linalg.lstsq(lhs, rhs, rcond)
    c = (c.T / scale).T
    if rank != order and not full:
        warnings.warn("Polyfit may be poorly conditioned", _np.exceptions.RankWarning, stacklevel=2)
    if full:
        return c, resids, rank, s, rcond
    if cov:
        from ._einsum import outer
        vbase = linalg.inv(lhs.T @ lhs)
        vbase = (vbase / outer(scale, scale)).astype(vbase.dtype)
        if cov == "unscaled":
            fac = 1
        else:
            if len(x) <= order:
                raise ValueError("the number of data points must exceed order "
                                 "to scale the covariance matrix")
            fac = resids / (len(x) - order)
        if y.ndim == 1:
            return c, vbase * fac
        return c, vbase[:, :, None] * fac
    return c


# ---- poly1d -----------------------------------------------------------------

class poly1d:
    """numpy.poly1d: a one-dimensional polynomial, its coefficients (highest
    power first, leading zeros cut) an npt array; arithmetic builds new
    poly1d's from the poly* functions, printing is NumPy's."""
    __hash__ = None

    @property
    def coeffs(self):
        """The coefficients, highest power first."""
        return self._coeffs

    @coeffs.setter
    def coeffs(self, value):
        if value is not self._coeffs:
            raise AttributeError("Cannot set attribute")

    @property
    def variable(self):
        """The name of the variable, for printing."""
        return self._variable

    @property
    def order(self):
        """The degree."""
        return len(self._coeffs) - 1

    @property
    def roots(self):
        """The roots, numpy.roots of the coefficients."""
        return roots(self._coeffs)

    @property
    def _coeffs(self):
        return self.__dict__["coeffs"]

    @_coeffs.setter
    def _coeffs(self, coeffs):
        self.__dict__["coeffs"] = coeffs

    r = roots
    c = coef = coefficients = coeffs
    o = order

    def __init__(self, c_or_r, r=False, variable=None):
        if _is_poly(c_or_r):
            self._variable = c_or_r._variable
            self._coeffs = asarray(c_or_r._coeffs)
            if set(c_or_r.__dict__) - set(self.__dict__):
                warnings.warn("In the future extra properties will not be copied "
                              "across when constructing one poly1d from another", FutureWarning, stacklevel=2)
                self.__dict__.update({k: v for k, v in c_or_r.__dict__.items() if k != "coeffs"})
            if variable is not None:
                self._variable = variable
            return
        if r:
            c_or_r = poly(c_or_r)
        c = _m().atleast_1d(asarray(c_or_r))
        if c.ndim > 1:
            raise ValueError("Polynomial must be 1d only.")
        c = _m().trim_zeros(c, trim="f")
        if c.shape[0] == 0:
            from ._creation import zeros
            c = zeros((1,), c.dtype)
        self._coeffs = c
        self._variable = "x" if variable is None else variable

    def __array__(self, t=None, copy=None):
        a = self.coeffs._numpy()
        return _np.asarray(a, t, copy=copy) if t else _np.asarray(a, copy=copy)

    def _numpy_poly(self):
        return _np.poly1d(self.coeffs._numpy("poly1d printing"), variable=self.variable)

    def __repr__(self):
        return repr(self._numpy_poly())

    def __str__(self):
        return str(self._numpy_poly())

    def __len__(self):
        return self.order

    def __call__(self, val):
        return polyval(self.coeffs, val)

    def __neg__(self):
        return poly1d(-self.coeffs)

    def __pos__(self):
        return self

    def __mul__(self, other):
        if _np.isscalar(other):
            return poly1d(self.coeffs * other)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __rmul__(self, other):
        if _np.isscalar(other):
            return poly1d(other * self.coeffs)
        return poly1d(polymul(self.coeffs, poly1d(other).coeffs))

    def __add__(self, other):
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    def __radd__(self, other):
        return poly1d(polyadd(self.coeffs, poly1d(other).coeffs))

    def __pow__(self, val):
        if not _np.isscalar(val) or int(val) != val or val < 0:
            raise ValueError("Power to non-negative integers only.")
        res = [1]
        for _ in range(val):
            res = polymul(self.coeffs, res)
        return poly1d(res)

    def __sub__(self, other):
        return poly1d(polysub(self.coeffs, poly1d(other).coeffs))

    def __rsub__(self, other):
        return poly1d(polysub(poly1d(other).coeffs, self.coeffs))

    def __truediv__(self, other):
        if _np.isscalar(other):
            return poly1d(self.coeffs / other)
        return polydiv(self, poly1d(other))

    def __rtruediv__(self, other):
        if _np.isscalar(other):
            return poly1d(other / self.coeffs)
        return polydiv(poly1d(other), self)

    def __eq__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        if self.coeffs.shape != other.coeffs.shape:
            return False
        return _np.bool_(bool((self.coeffs == other.coeffs).all()))

    def __ne__(self, other):
        if not isinstance(other, poly1d):
            return NotImplemented
        return not self.__eq__(other)

    def __getitem__(self, val):
        if val > self.order or val < 0:
            from ._creation import zeros
            return zeros((), self.coeffs.dtype)
        return self.coeffs[self.order - val]

    def __setitem__(self, key, val):
        if key < 0:
            raise ValueError("Does not support negative powers.")
        ind = self.order - key
        if key > self.order:
            from ._creation import zeros
            self._coeffs = _m().concatenate([zeros((key - self.order,), self.coeffs.dtype), self.coeffs])
            ind = 0
        self._coeffs[ind] = val

    def __iter__(self):
        return iter(_elements(self.coeffs))

    def integ(self, m=1, k=0):
        """The m-th antiderivative (polyint), integration constants k."""
        return poly1d(polyint(self.coeffs, m=m, k=k))

    def deriv(self, m=1):
        """The m-th derivative (polyder)."""
        return poly1d(polyder(self.coeffs, m=m))
