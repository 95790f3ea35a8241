"""NumPy's unique family, set functions, isin and bincount, written once over
sort, argsort and searchsorted. How many distinct values there are decides
a result's shape, so unique reads one mask (the "new value here" flags of
the sorted values) at the call and gathers the rest lazily: the values stay
differentiable, the indices come from the sort. npt's results are always
sorted (NumPy's `sorted=False` and unique_values may give hash order)."""
import numpy as _np
from numpy.lib._arraysetops_impl import UniqueAllResult, UniqueCountsResult, UniqueInverseResult

from . import _npt
from ._array import ndarray, asarray
from ._sorting import argsort, sort, searchsorted, lexsort
from ._writes import _axis, take

__all__ = ["unique", "unique_all", "unique_counts", "unique_inverse", "unique_values", "intersect1d",
           "union1d", "setdiff1d", "setxor1d", "isin", "bincount"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def _starts(aux, equal_nan):
    """Host bool mask over the sorted 1-D aux: True where a new value starts
    (NaNs, sorted last, are one value when equal_nan)."""
    from ._manipulation import concatenate
    u = _uf()
    n = aux.shape[0]
    if n == 0:
        return _np.zeros(0, bool)
    new = concatenate([asarray([True], device=aux.device), u.not_equal(aux[1:], aux[:-1])])
    mask = new._numpy("unique()").copy()
    if equal_nan and aux.dtype.kind in "fc":
        nan = u.isnan(aux)._numpy("unique()")
        if nan.any():
            mask[_np.argmax(nan) + 1:] = False
    return mask


def _unique_1d(x, return_index, return_inverse, return_counts, equal_nan):
    x = x.reshape(-1)
    need_perm = return_index or return_inverse
    perm = argsort(x) if need_perm else None
    aux = take(x, perm) if need_perm else sort(x)
    mask = _starts(aux, equal_nan)
    return _results(lambda first: take(aux, first), perm, mask, x.device, return_index, return_inverse,
                    return_counts)


def _results(values, perm, mask, device, return_index, return_inverse, return_counts):
    """unique's results from the sorted order perm and the host mask of where
    a new value starts in it: values(first indices), then the first indices,
    the inverse and the counts asked for."""
    first = _np.flatnonzero(mask)
    fi = asarray(first, device=device)
    out = [values(fi)]
    if return_index:
        out.append(take(perm, fi))
    if return_inverse:
        inv = _np.empty(mask.shape, _np.int64)
        inv[perm._numpy("unique()")] = _np.cumsum(mask) - 1
        out.append(asarray(inv, device=device))
    if return_counts:
        out.append(asarray(_np.diff(_np.append(first, mask.size)), device=device))
    return out


def _unique_axis(a, axis, return_index, return_inverse, return_counts):
    """unique slices along axis: the slices flattened to rows, sorted
    lexicographically (lexsort of the columns), NaN rows all distinct."""
    from ._manipulation import moveaxis, concatenate
    u = _uf()
    ax = _axis(axis, a.ndim)
    moved = moveaxis(a, ax, 0)
    rows = moved.reshape(moved.shape[0], int(_np.prod(moved.shape[1:])))
    n, m = rows.shape
    if n and m:
        perm = lexsort(tuple(rows[:, j] for j in range(m - 1, -1, -1)))
    else:
        perm = asarray(_np.arange(n), device=a.device)
    aux = take(rows, perm, axis=0)
    if n == 0:
        mask = _np.zeros(0, bool)
    elif m == 0:
        mask = _np.zeros(n, bool)
        mask[0] = True
    else:
        diff = u.not_equal(aux[1:], aux[:-1]).any(axis=1)
        mask = concatenate([asarray([True], device=a.device), diff])._numpy("unique()")
    def values(first):
        return moveaxis(take(aux, first, axis=0).reshape((first.shape[0],) + moved.shape[1:]), 0, ax)
    return _results(values, perm, mask, a.device, return_index, return_inverse, return_counts)


def unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *,
           equal_nan=True, sorted=True):
    """numpy.unique: the sorted distinct values (or slices along axis), with
    the first indices, the inverse and the counts on request."""
    a = asarray(ar)
    if axis is None or a.ndim == 1:
        if axis is not None:
            _axis(axis, 1)
        out = _unique_1d(a, return_index, return_inverse, return_counts, equal_nan)
        if return_inverse:  # (NumPy 2: the inverse has the input's shape)
            i = 1 + bool(return_index)
            out[i] = out[i].reshape(a.shape)
    else:
        out = _unique_axis(a, axis, return_index, return_inverse, return_counts)
        if return_inverse:
            i = 1 + bool(return_index)
            out[i] = out[i].reshape(-1)
    return out[0] if len(out) == 1 else tuple(out)


def unique_all(x):
    """numpy.unique_all (Array API): values, first indices, inverse, counts."""
    return UniqueAllResult(*unique(x, True, True, True, equal_nan=False))


def unique_counts(x):
    """numpy.unique_counts (Array API): values and counts."""
    return UniqueCountsResult(*unique(x, return_counts=True, equal_nan=False))


def unique_inverse(x):
    """numpy.unique_inverse (Array API): values and the inverse (x's shape)."""
    return UniqueInverseResult(*unique(x, return_inverse=True, equal_nan=False))


def unique_values(x):
    """numpy.unique_values (Array API): the distinct values (NaNs distinct)."""
    return unique(x, equal_nan=False)


def _ravel(a):
    return asarray(a).reshape(-1)


def intersect1d(ar1, ar2, assume_unique=False, return_indices=False):
    """numpy.intersect1d: the sorted values in both (with their first indices
    in each on request)."""
    from ._manipulation import concatenate
    u = _uf()
    a, b = _ravel(ar1), _ravel(ar2)
    if return_indices:
        if assume_unique:
            ia, ib = asarray(_np.arange(a.shape[0]), device=a.device), asarray(_np.arange(b.shape[0]), device=b.device)
        else:
            a, ia = unique(a, return_index=True)
            b, ib = unique(b, return_index=True)
    elif not assume_unique:
        a, b = unique(a), unique(b)
    both = concatenate([a, b])
    perm = argsort(both)
    aux = take(both, perm)
    if aux.shape[0] == 0:
        hit = _np.zeros(0, _np.int64)
    else:
        hit = _np.flatnonzero(u.equal(aux[1:], aux[:-1])._numpy("intersect1d()"))
    hit = asarray(hit, device=a.device)
    r = take(aux, hit)
    if not return_indices:
        return r
    p = perm._numpy("intersect1d()")
    h = hit._numpy("intersect1d()")
    i1 = p[h]
    i2 = p[h + 1] - a.shape[0]
    return r, take(ia, asarray(i1, device=a.device)), take(ib, asarray(i2, device=a.device))


def union1d(ar1, ar2):
    """numpy.union1d: the sorted distinct values of either."""
    from ._manipulation import concatenate
    return unique(concatenate([_ravel(ar1), _ravel(ar2)]))


def setdiff1d(ar1, ar2, assume_unique=False):
    """numpy.setdiff1d: the sorted distinct values of ar1 not in ar2."""
    a = _ravel(ar1) if assume_unique else unique(ar1)
    b = _ravel(ar2) if assume_unique else unique(ar2)
    keep = isin(a, b, assume_unique=True, invert=True)
    return a[keep]


def setxor1d(ar1, ar2, assume_unique=False):
    """numpy.setxor1d: the sorted values in exactly one of the two."""
    from ._manipulation import concatenate
    u = _uf()
    a = _ravel(ar1) if assume_unique else unique(ar1)
    b = _ravel(ar2) if assume_unique else unique(ar2)
    aux = sort(concatenate([a, b]))
    n = aux.shape[0]
    if n == 0:
        return aux
    t = asarray([True], device=aux.device)
    flag = concatenate([t, u.not_equal(aux[1:], aux[:-1]), t])
    return aux[flag[1:] & flag[:-1]]


_ISIN_KINDS = (None, "sort", "table")


def isin(element, test_elements, assume_unique=False, invert=False, *, kind=None):
    """numpy.isin: whether each element is among test_elements (a binary
    search of the sorted test elements; lazy)."""
    from ._creation import zeros
    u = _uf()
    e = asarray(element)
    t = _ravel(test_elements)
    if kind not in _ISIN_KINDS:
        raise ValueError(f"Invalid kind: '{kind}'. Please use None, 'sort' or 'table'.")
    if kind == "table" and not (e.dtype.kind in "iub" and t.dtype.kind in "iub"):
        raise ValueError("The 'table' method is only supported for boolean or integer arrays. "
                         "Please select 'sort' or None for kind.")
    n = t.shape[0]
    if n == 0:
        found = zeros(e.shape, bool, device=e.device)
    else:
        s = sort(t)
        at = searchsorted(s, e)
        found = u.equal(take(s, u.minimum(at, n - 1)), e)
    return u.logical_not(found) if invert else found


def bincount(x, /, weights=None, minlength=0):
    """numpy.bincount: how often each non-negative int occurs (or the sum of
    its weights): a scatter_add into zeros of length max(x)+1 (x is read for
    that length)."""
    from ._creation import zeros
    a = asarray(x)
    if a.ndim != 1:
        raise ValueError("object too deep for desired array" if a.ndim > 1 else "object of too small depth for desired array")
    if a.dtype.kind not in "iub":
        raise TypeError(f"Cannot cast array data from dtype('{a.dtype}') to dtype('int64') according to the rule 'safe'")
    if minlength is None:
        raise TypeError("use 0 instead of None for minlength")
    minlength = int(minlength)
    if minlength < 0:
        raise ValueError("'minlength' must not be negative")
    if a.shape[0] == 0:  # (NumPy: int zeros, whatever the weights)
        return zeros(minlength, _np.int64, device=a.device)
    v = a._numpy("bincount()")
    if v.size and v.min() < 0:
        raise ValueError("'list' argument must have no negative elements")
    length = max(int(v.max()) + 1 if v.size else 0, minlength)
    idx = a.astype(_np.int64)
    if weights is None:
        vals, dt = None, _np.int64
    else:
        w = asarray(weights)
        if w.shape != a.shape:
            raise ValueError("The weights and list don't have the same length.")
        if w.dtype.kind == "c":
            raise TypeError(f"Cannot cast array data from dtype('{w.dtype}') to dtype('float64') according to the rule 'safe'")
        vals, dt = w.astype(_np.float64), _np.float64
    base = zeros(length, dt, device=a.device)
    if vals is None:
        from ._creation import ones
        vals = ones(a.shape, dt, device=a.device)
    return ndarray(_npt.apply("scatter_add", [base._h, vals._h, idx._h], ints=[0]))
