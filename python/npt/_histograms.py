"""NumPy's histograms (histogram, histogram_bin_edges, histogram2d,
histogramdd) and covariances (cov, corrcoef) as compositions of npt ops.

A histogram's counts are one scatter_add of the values' bin indices
(searchsorted into the edges, the last edge inclusive, everything outside
sent to one extra bin that is cut off), so the data stays lazy; NumPy's
cumulative algorithm (sort, cumsum, searchsorted) is kept for weighted
counts into given edges, where its roundings are the answer. The edges are
small and decide shapes and errors: their end points, the bin-width
estimators' statistics and the monotonicity checks are read.
"""
import builtins
import operator
import warnings

import numpy as _np

from ._array import ndarray, asarray
from ._creation import linspace
from . import _npt

__all__ = ["histogram", "histogram_bin_edges", "histogram2d", "histogramdd", "cov", "corrcoef"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def _m():
    from . import _manipulation
    return _manipulation


def _scalar(x, what):
    """One value of an npt 0-d array, as a NumPy scalar of its dtype."""
    return x._numpy(what)[()]


# ---- counting ---------------------------------------------------------------

def _scatter_add(n, index, vals, dt):
    """bincount(index, vals, minlength=n) for indices known to be in [0, n):
    one scatter_add into zeros (ones counted when vals is None), in dt."""
    from ._creation import zeros, ones
    base = zeros((n,), dt)
    if vals is None:
        vals = ones(index.shape, dt)
    return ndarray(_npt.apply("scatter_add", [base._h, vals.astype(dt)._h, index.astype("int64")._h], ints=[0]))


def _bin_index(edges, x):
    """The bin of each x among len(edges) - 1 bins (edges[i] <= x < edges[i+1],
    the last bin closed); len(edges) - 1 for x outside (NaN included)."""
    uf = _uf()
    from ._sorting import searchsorted
    nb = edges.shape[0] - 1
    i = searchsorted(edges, x, side="right") - 1
    i = uf.where(x == edges[-1], nb - 1, i)
    return uf.where((i < 0) | (i >= nb), nb, i)


def _unsigned_subtract(a, b):
    """a - b (a >= b) of two values; signed ints give the difference in
    their unsigned type, which holds it."""
    dt = _np.result_type(a, b)
    if dt.kind == "i":
        u = _np.dtype(f"uint{dt.itemsize * 8}")
        with _np.errstate(over="ignore"):
            return _np.subtract(_np.asarray(a, dt), _np.asarray(b, dt), casting="unsafe", dtype=u)
    return _np.subtract(a, b, dtype=dt)


# ---- bin-width estimators (x: the data in range, not empty; scalars read) ----

def _scalar_ptp(x):
    return _unsigned_subtract(_scalar(x.max(), "histogram()"), _scalar(x.min(), "histogram()"))


def _std(x):
    from ._statistics import std
    return _scalar(std(x), "histogram()")


def _width_sqrt(x, rng):
    return _scalar_ptp(x) / _np.sqrt(x.size)


def _width_sturges(x, rng):
    return _scalar_ptp(x) / (_np.log2(x.size) + 1.0)


def _width_rice(x, rng):
    return _scalar_ptp(x) / (2.0 * x.size ** (1.0 / 3))


def _width_scott(x, rng):
    return (24.0 * _np.pi ** 0.5 / x.size) ** (1.0 / 3.0) * _std(x)


def _width_stone(x, rng):
    """The width minimizing Stone's cross-validated ISE estimate over 1 ..
    max(100, sqrt(n)) bins (each candidate one histogram of x)."""
    from ._reductions import sum as _sum
    n = x.size
    ptp = _scalar_ptp(x)
    if n <= 1 or ptp == 0:
        return 0
    upper = max(100, int(_np.sqrt(n)))
    best, best_j = None, None
    for nbins in range(1, upper + 1):
        p = histogram(x, bins=nbins, range=rng)[0] / n
        j = (2 - (n + 1) * _scalar(_sum(p * p), "histogram()")) / (ptp / nbins)
        if best_j is None or j < best_j:
            best, best_j = nbins, j
    if best == upper:
        warnings.warn("The number of bins estimated may be suboptimal.", RuntimeWarning, stacklevel=4)
    return ptp / best


def _width_doane(x, rng):
    from ._reductions import mean
    if x.size > 2:
        sg1 = _np.sqrt(6.0 * (x.size - 2) / ((x.size + 1.0) * (x.size + 3)))
        sigma = _std(x)
        if sigma > 0.0:
            d = x - mean(x)
            t = (d / sigma).astype(d.dtype)
            g1 = _scalar(mean(t ** 3), "histogram()")
            return _scalar_ptp(x) / (1.0 + _np.log2(x.size) + _np.log2(1.0 + _np.absolute(g1) / sg1))
    return 0.0


def _width_fd(x, rng):
    from ._nanfunctions import percentile
    q = percentile(x, [75, 25])._numpy("histogram()")
    return 2.0 * _np.subtract(q[0], q[1]) * x.size ** (-1.0 / 3.0)


def _width_auto(x, rng):
    fd = _width_fd(x, rng)
    sturges = _width_sturges(x, rng)
    sqrt = _width_sqrt(x, rng)
    return min(max(fd, sqrt / 2), sturges)


_ESTIMATORS = {"stone": _width_stone, "auto": _width_auto, "doane": _width_doane, "fd": _width_fd,
               "rice": _width_rice, "scott": _width_scott, "sqrt": _width_sqrt, "sturges": _width_sturges}


# ---- edges ------------------------------------------------------------------

def _ravel_and_check_weights(a, weights):
    a = asarray(a)
    if a.dtype == _np.bool_:
        warnings.warn(f"Converting input from {a.dtype} to {_np.uint8} for compatibility.",
                      RuntimeWarning, stacklevel=3)
        a = a.astype(_np.uint8)
    if weights is not None:
        weights = asarray(weights)
        if weights.shape != a.shape:
            raise ValueError("weights should have the same shape as a.")
        weights = weights.reshape(-1)
    return a.reshape(-1), weights


def _outer_edges(a, rng):
    """The first and last edge: range's, or the data's min and max (read),
    widened by 0.5 each way when equal."""
    if rng is not None:
        first, last = rng
        if first > last:
            raise ValueError("max must be larger than min in range parameter.")
        if not (_np.isfinite(first) and _np.isfinite(last)):
            raise ValueError(f"supplied range of [{first}, {last}] is not finite")
    elif a.size == 0:
        first, last = 0, 1
    else:
        from ._reductions import min as _min, max as _max
        first, last = _scalar(_min(a), "histogram()"), _scalar(_max(a), "histogram()")
        if not (_np.isfinite(first) and _np.isfinite(last)):
            raise ValueError(f"autodetected range of [{first}, {last}] is not finite")
    if first == last:
        first = first - 0.5
        last = last + 0.5
    return first, last


def _increasing(edges):
    """Whether the edges (read) never decrease."""
    e = edges._numpy("histogram()")
    return not _np.any(e[:-1] > e[1:])


def _bin_edges(a, bins, rng, weights):
    """The edges, and whether they are equal-width (NumPy's fast path)."""
    n = None
    if isinstance(bins, str):
        if bins not in _ESTIMATORS:
            raise ValueError(f"{bins!r} is not a valid estimator for `bins`")
        if weights is not None:
            raise TypeError("Automated estimation of the number of bins is not supported for weighted data")
        first, last = _outer_edges(a, rng)
        if rng is not None:
            keep = (a >= first) & (a <= last)
            if not bool(keep.all()):
                a = a[keep]
        if a.size == 0:
            n = 1
        else:
            width = _ESTIMATORS[bins](a, (first, last))
            if width:
                if a.dtype.kind in "iu" and width < 1:
                    width = 1
                n = int(_np.ceil(_unsigned_subtract(last, first) / width))
            else:
                n = 1
    elif _np.ndim(bins) == 0:
        try:
            n = operator.index(bins)
        except TypeError as e:
            raise TypeError("`bins` must be an integer, a string, or an array") from e
        if n < 1:
            raise ValueError("`bins` must be positive, when an integer")
        first, last = _outer_edges(a, rng)
    elif _np.ndim(bins) == 1:
        edges = asarray(bins)
        if not _increasing(edges):
            raise ValueError("`bins` must increase monotonically, when an array")
        return edges, False
    else:
        raise ValueError("`bins` must be 1d, when an array")
    bin_type = _np.result_type(first, last, _np.empty(0, a.dtype))
    if bin_type.kind in "biu":
        bin_type = _np.result_type(bin_type, float)
    edges = linspace(first, last, n + 1, dtype=bin_type)
    e = edges._numpy("histogram()")
    if _np.any(e[:-1] >= e[1:]):
        raise ValueError(f"Too many bins for data range. Cannot create {n} finite-sized bins.")
    return edges, True


def histogram_bin_edges(a, bins=10, range=None, weights=None):  # noqa: A002  (NumPy's name)
    """numpy.histogram_bin_edges: the edges histogram would use."""
    a, weights = _ravel_and_check_weights(a, weights)
    return _bin_edges(a, bins, range, weights)[0]


def histogram(a, bins=10, range=None, density=None, weights=None):  # noqa: A002
    """numpy.histogram: the counts (int64, or the sum of the weights in their
    dtype) in each bin, and the edges; density: normalized to integrate to 1."""
    a, weights = _ravel_and_check_weights(a, weights)
    edges, uniform = _bin_edges(a, bins, range, weights)
    nb = edges.shape[0] - 1
    ntype = _np.dtype("int64") if weights is None else weights.dtype
    if weights is not None and not uniform:
        n = _cumulative_counts(a, weights, edges, ntype)
    else:
        x = a.astype(edges.dtype) if uniform else a
        idx = _bin_index(edges, x)
        if ntype.kind == "c":
            re = _scatter_add(nb + 1, idx, weights.real, "float64")[:nb]
            im = _scatter_add(nb + 1, idx, weights.imag, "float64")[:nb]
            part = _np.finfo(ntype).dtype
            n = _uf()._complex(re.astype(part), im.astype(part))
        else:
            acc = "int64" if weights is None else "float64"
            n = _scatter_add(nb + 1, idx, weights, acc)[:nb].astype(ntype)
    if density:
        from ._reductions import sum as _sum
        from ._statistics import diff
        db = diff(edges).astype("float64")  # (NumPy: the widths as float)
        return n / db / _sum(n), edges
    return n, edges


def _cumulative_counts(a, weights, edges, ntype):
    """NumPy's weighted counts into given edges: the weights' running sum in
    the order of the sorted values, differenced at the edges."""
    from ._sorting import argsort, searchsorted, cumsum
    from ._statistics import diff
    from ._writes import take
    from ._creation import zeros
    order = argsort(a)
    sa, sw = take(a, order), take(weights, order)
    cw = _m().concatenate([zeros((1,), ntype), cumsum(sw)])
    if not _np.can_cast(cw.dtype, ntype, "same_kind"):  # (NumPy adds them into ntype counts in place)
        acc = _np.zeros(0, ntype)
        acc += _np.zeros(0, cw.dtype)  # (raises NumPy's own casting error)
    at = _m().concatenate([searchsorted(sa, edges[:-1], side="left"),
                           searchsorted(sa, edges[-1:], side="right")])
    return diff(take(cw, at).astype(ntype))


# ---- histogramdd ------------------------------------------------------------

def histogramdd(sample, bins=10, range=None, density=None, weights=None):  # noqa: A002
    """numpy.histogramdd: the D-dimensional histogram of N points (an (N, D)
    array, or a sequence of D coordinate arrays): one scatter_add of the
    raveled bin indices, outliers in a bin at each end that is cut off."""
    from ._statistics import diff
    if isinstance(sample, (list, tuple)) and any(isinstance(s, ndarray) for s in sample):
        sample = _m().atleast_2d(_m().stack([asarray(s) for s in sample])).T  # (NumPy: the array of the sequence)
    try:
        N, D = sample.shape
    except (AttributeError, ValueError):
        sample = _m().atleast_2d(asarray(sample)).T
        N, D = sample.shape
    sample = asarray(sample)
    if weights is not None:
        weights = asarray(weights)
    try:
        if len(bins) != D:
            raise ValueError("The dimension of bins must be equal to the dimension of the sample x.")
    except TypeError:
        bins = D * [bins]
    if range is None:
        range = (None,) * D  # noqa: A001
    elif len(range) != D:
        raise ValueError("range argument must have one entry per dimension")
    edges, dedges, nbin = [], [], []
    for i in builtins.range(D):
        if _np.ndim(bins[i]) == 0:
            if bins[i] < 1:
                raise ValueError(f"`bins[{i}]` must be positive, when an integer")
            smin, smax = _outer_edges(sample[:, i], range[i])
            try:
                n = operator.index(bins[i])
            except TypeError as e:
                raise TypeError(f"`bins[{i}]` must be an integer, when a scalar") from e
            e = linspace(smin, smax, n + 1)
        elif _np.ndim(bins[i]) == 1:
            e = asarray(bins[i])
            if not _increasing(e):
                raise ValueError(f"`bins[{i}]` must be monotonically increasing, when an array")
        else:
            raise ValueError(f"`bins[{i}]` must be a scalar or 1d array")
        edges.append(e)
        nbin.append(e.shape[0] + 1)  # (an outlier bin at each end)
        dedges.append(diff(e))
    flat = None
    stride = 1
    for i in reversed(builtins.range(D)):
        from ._sorting import searchsorted
        col = sample[:, i]
        k = searchsorted(edges[i], col, side="right")
        k = k - (col == edges[i][-1]).astype(k.dtype)
        flat = k * stride if flat is None else flat + k * stride
        stride *= nbin[i]
    if weights is not None:
        if weights.dtype.kind == "c" or not _np.can_cast(weights.dtype, _np.float64, "safe"):
            raise TypeError(f"Cannot cast array data from dtype('{weights.dtype}') to dtype('float64') "
                            "according to the rule 'safe'")
        if weights.ndim != 1:
            raise ValueError("object too deep for desired array" if weights.ndim > 1
                             else "object of too small depth for desired array")
        if weights.shape[0] != N:
            raise ValueError("The weights and list don't have the same length.")
    if flat is None:  # (D == 0: NumPy's bincount of nothing)
        flat = asarray(_np.zeros((N,), _np.int64))
    hist = _scatter_add(stride, flat, weights, "float64" if weights is not None else "int64")
    hist = hist.reshape(tuple(nbin)).astype("float64")
    hist = hist[(slice(1, -1),) * D]
    if density:
        from ._reductions import sum as _sum
        s = _sum(hist)
        for i in builtins.range(D):
            shape = [1] * D
            shape[i] = nbin[i] - 2
            hist = hist / dedges[i].reshape(shape)
        hist = hist / s
    return hist, edges


def histogram2d(x, y, bins=10, range=None, density=None, weights=None):  # noqa: A002
    """numpy.histogram2d: histogramdd of the points (x, y)."""
    if len(x) != len(y):
        raise ValueError("x and y must have the same length.")
    try:
        nb = len(bins)
    except TypeError:
        nb = 1
    if nb not in {1, 2}:
        xedges = yedges = asarray(bins)
        bins = [xedges, yedges]
    hist, edges = histogramdd([asarray(x), asarray(y)], bins, range, density, weights)
    return hist, edges[0], edges[1]


# ---- covariance ---------------------------------------------------------------

def _as_2d(a, dt):
    return _m().atleast_2d(a).astype(dt)


def _check_weights(w, name, nobs):
    w = asarray(w, dtype=float)
    if w.ndim > 1:
        raise RuntimeError(f"cannot handle multidimensional {name}")
    if w.shape[0] != nobs:
        raise RuntimeError(f"incompatible numbers of samples and {name}")
    if bool((w < 0).any()):
        raise ValueError(f"{name} cannot be negative")
    return w


def cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None):
    """numpy.cov: the covariance matrix of the variables (rows, or columns
    when not rowvar): the centered X times its conjugate transpose, over the
    degrees of freedom (frequency and reliability weights as NumPy)."""
    from ._statistics import average
    from ._creation import zeros
    from ._logic import round as _round
    if ddof is not None and ddof != int(ddof):
        raise ValueError("ddof must be integer")
    m = asarray(m)
    if m.ndim > 2:
        raise ValueError("m has more than 2 dimensions")
    if y is not None:
        y = asarray(y)
        if y.ndim > 2:
            raise ValueError("y has more than 2 dimensions")
    if dtype is None:
        dtype = _np.result_type(m.dtype, _np.float64) if y is None else \
            _np.result_type(m.dtype, y.dtype, _np.float64)
    X = _as_2d(m, dtype)
    if not rowvar and m.ndim != 1:
        X = X.T
    if X.shape[0] == 0:
        return zeros((0, 0), "float64")
    if y is not None:
        y = _as_2d(y, dtype)
        if not rowvar and y.shape[0] != 1:
            y = y.T
        X = _m().concatenate([X, y], axis=0)
    if ddof is None:
        ddof = 1 if bias == 0 else 0
    w = None
    if fweights is not None:
        f = asarray(fweights, dtype=float)
        if not bool((f == _round(f)).all()):
            raise TypeError("fweights must be integer")
        w = _check_weights(f, "fweights", X.shape[1])
    if aweights is not None:
        aw = _check_weights(aweights, "aweights", X.shape[1])
        w = aw if w is None else w * aw
    avg, w_sum = average(X, axis=1, weights=w, returned=True)
    w_sum = _scalar(w_sum[0], "cov()")
    if w is None:
        fact = X.shape[1] - ddof
    elif ddof == 0:
        fact = w_sum
    elif aweights is None:
        fact = w_sum - ddof
    else:
        from ._reductions import sum as _sum
        fact = w_sum - ddof * _scalar(_sum(w * aw), "cov()") / w_sum
    if fact <= 0:
        warnings.warn("Degrees of freedom <= 0 for slice", RuntimeWarning, stacklevel=2)
        fact = 0.0
    X = (X - avg[:, None]).astype(X.dtype)  # (NumPy centers in place: X keeps its dtype)
    xt = X.T if w is None else (X * w).T
    c = X @ _uf().conjugate(xt)
    c = (c * _np.true_divide(1, fact)).astype(c.dtype)
    from ._writes import squeeze
    return squeeze(c)


def corrcoef(x, y=None, rowvar=True, *, dtype=None):
    """numpy.corrcoef: the covariance over the outer product of the standard
    deviations, clipped to [-1, 1] (each part, for complex)."""
    from ._builders import diag
    uf = _uf()
    c = cov(x, y, rowvar, dtype=dtype)
    try:
        d = diag(c)
    except ValueError:
        return c / c
    sd = uf.sqrt(uf.real(d))
    c = (c / sd[:, None]).astype(c.dtype)
    c = (c / sd[None, :]).astype(c.dtype)
    if c.dtype.kind == "c":
        return uf._complex(uf.clip(uf.real(c), -1, 1), uf.clip(uf.imag(c), -1, 1))
    return uf.clip(c, -1, 1)
