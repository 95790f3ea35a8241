"""The unique family, set functions, isin and bincount against NumPy, from
one table over dtypes and shapes (0-d, empty, NaN and repeats included):
values, dtypes, shapes and errors; unique's values differentiable."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_like_numpy, assert_same

SHAPES = [(), (0,), (7,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "float16", "int32", "uint8", "bool", "int64", "complex128"]


def _sorted(np, r):
    """NumPy's unique_values (and sorted=False) may give hash order: compare sorted."""
    return np.sort(r)


CASES = {
    "unique": lambda np, a: np.unique(a),
    "unique index": lambda np, a: np.unique(a, return_index=True),
    "unique inverse": lambda np, a: np.unique(a, return_inverse=True),
    "unique counts": lambda np, a: np.unique(a, return_counts=True),
    "unique all": lambda np, a: np.unique(a, True, True, True),
    "unique nan distinct": lambda np, a: np.unique(a, return_counts=True, equal_nan=False),
    "unique unsorted": lambda np, a: _sorted(np, np.unique(a, sorted=False)),
    "unique axis 0": lambda np, a: np.unique(a, True, True, True, axis=0),
    "unique axis -1": lambda np, a: np.unique(a, return_inverse=True, axis=-1),
    "unique_all": lambda np, a: tuple(np.unique_all(a)),
    "unique_counts": lambda np, a: tuple(np.unique_counts(a)),
    "unique_inverse": lambda np, a: tuple(np.unique_inverse(a)),
    "unique_values": lambda np, a: _sorted(np, np.unique_values(a)),
    "intersect1d": lambda np, a: np.intersect1d(a, a[..., ::2] if a.ndim else a),
    "intersect1d indices": lambda np, a: np.intersect1d(a, np.flip(a), return_indices=True),
    "intersect1d unique": lambda np, a: np.intersect1d(np.unique(a), np.unique(a)[1:], assume_unique=True),
    "union1d": lambda np, a: np.union1d(a, np.zeros(3, a.dtype)),
    "setdiff1d": lambda np, a: np.setdiff1d(a, a.ravel()[:2]),
    "setdiff1d unique": lambda np, a: np.setdiff1d(np.unique(a), np.unique(a)[:1], assume_unique=True),
    "setxor1d": lambda np, a: np.setxor1d(a, a.ravel()[1:4]),
    "isin": lambda np, a: np.isin(a, a.ravel()[:3]),
    "isin invert": lambda np, a: np.isin(a, [0, 1], invert=True),
    "isin empty": lambda np, a: np.isin(a, []),
    "isin scalar": lambda np, a: np.isin(1, a),
    "isin bad kind": lambda np, a: np.isin(a, [1], kind="hash"),
    "isin table": lambda np, a: np.isin(a, [1, 2], kind="table"),
    "bincount": lambda np, a: np.bincount(a.ravel()),
    "bincount weights": lambda np, a: np.bincount(a.ravel(), weights=np.arange(a.size) * 0.5),
    "bincount minlength": lambda np, a: np.bincount(a.ravel(), minlength=50),
    "bincount 2-D": lambda np, a: np.bincount(a),
    "bincount bad minlength": lambda np, a: np.bincount(a.ravel(), minlength=-1),
    "bincount negative": lambda np, a: np.bincount(a.ravel().astype("int64") - 1),
    "bincount weights shape": lambda np, a: np.bincount(a.ravel(), weights=np.ones(a.size + 1)),
}


def _data(shape, dtype):
    n = int(numpy.prod(shape))
    x = numpy.round(numpy.sin(numpy.arange(n) * 1.7) * 4)  # repeats
    if dtype == "bool":
        return numpy.asarray((x > 0).reshape(shape))
    if numpy.dtype(dtype).kind == "f" and n > 3:
        x[2] = numpy.nan
        x[n - 1] = numpy.nan
    if numpy.dtype(dtype).kind == "u":
        x = numpy.abs(x)
    if dtype == "complex128":
        x = x + 1j * numpy.round(numpy.cos(numpy.arange(n) * 0.9))
    return numpy.asarray(x.astype(dtype).reshape(shape))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_sets(name, shape, dtype):
    f = CASES[name]
    x = _data(shape, dtype)
    if "axis" in name and dtype == "float16":
        x = numpy.nan_to_num(x)  # (NumPy sorts float16 rows with NaN out of its NaN-last order)
    assert_like_numpy(f, x)


def test_unique_results_are_numpys_named_tuples():
    x = numpy.array([3, 1, 3, 2])
    r = npt.unique_all(x)
    assert type(r) is type(numpy.unique_all(x))  # NumPy's own class
    assert r._fields == numpy.unique_all(x)._fields
    assert npt.unique_counts(x)._fields == numpy.unique_counts(x)._fields
    assert npt.unique_inverse(x)._fields == numpy.unique_inverse(x)._fields


def test_unique_values_are_differentiable():
    x0 = numpy.array([0.5, -1.0, 0.7, 2.0, -1.5, 3.0])  # (distinct: a repeat has no derivative)
    w = numpy.array([1.0, -2.0, 0.5, 3.0, 1.5, -1.0])
    assert_grad_matches_fd(lambda t: (npt.unique(t) * w).sum(), x0, atol=1e-8)
    assert_grad_matches_fd(lambda t: (npt.unique(t.reshape(3, 2), axis=0) ** 2).sum(), x0, atol=1e-8)


def test_bincount_weights_are_differentiable():
    idx = numpy.array([0, 2, 2, 1, 4])
    w = numpy.array([1.0, 2.0, -1.0, 0.5, 3.0])
    assert_grad_matches_fd(lambda t: (npt.bincount(idx, weights=t) ** 2).sum(), w, atol=1e-8)


def test_isin_stays_lazy_under_jit():
    f = npt.jit(lambda a, b: npt.isin(a, b))
    a, b = numpy.array([1.0, 5.0, 2.0, numpy.nan]), numpy.array([2.0, 1.0, numpy.nan])
    assert_same(f(a, b), numpy.isin(a, b))
