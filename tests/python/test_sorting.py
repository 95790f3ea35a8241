"""Sorting, arg-extremes and scans against NumPy, from one table over
dtypes and shapes (0-d, empty, NaN and ties included): values, dtypes,
shapes and errors; sort and cumsum gradients against finite differences."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_same, assert_same_exception, numpy_or_exc

SHAPES = [(), (0,), (7,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "float16", "int32", "uint8", "bool", "int64"]
CASES = {
    "argmax": lambda np, a: np.argmax(a),
    "argmax axis": lambda np, a: np.argmax(a, axis=0),
    "argmax keepdims": lambda np, a: np.argmax(a, axis=-1, keepdims=True),
    "argmax method": lambda np, a: a.argmax(),
    "argmin": lambda np, a: np.argmin(a),
    "argmin axis": lambda np, a: np.argmin(a, axis=-1),
    "argmin keepdims None": lambda np, a: np.argmin(a, keepdims=True),
    "argmax out": lambda np, a: np.argmax(a, axis=0, out=np.zeros(a.shape[1:], "int64")),
    "sort": lambda np, a: np.sort(a),
    "sort axis": lambda np, a: np.sort(a, axis=0),
    "sort None": lambda np, a: np.sort(a, axis=None),
    "sort kind": lambda np, a: np.sort(a, kind="stable"),
    "sort bad kind": lambda np, a: np.sort(a, kind="bogus"),
    # (npt's argsort is stable: NumPy's default is not, so ties are compared
    # with NumPy's stable order)
    "argsort": lambda np, a: np.argsort(a, kind="stable" if np is numpy else None),
    "argsort axis": lambda np, a: np.argsort(a, axis=0, stable=True),
    "argsort method": lambda np, a: a.argsort(axis=None, kind="stable"),
    "cumsum": lambda np, a: np.cumsum(a),
    "cumsum axis": lambda np, a: np.cumsum(a, axis=-1),
    "cumsum dtype": lambda np, a: a.cumsum(axis=0, dtype="float64"),
    "cumulative_sum": lambda np, a: np.cumulative_sum(a),
    "cumulative_sum initial": lambda np, a: np.cumulative_sum(a, axis=0, include_initial=True),
}


def _data(shape, dtype):
    n = int(numpy.prod(shape))
    x = numpy.sin(numpy.arange(n) * 1.7) * 4
    if dtype == "bool":
        return numpy.asarray((x > 0).reshape(shape))
    x = numpy.round(x)  # ties
    if numpy.dtype(dtype).kind == "f" and n > 3:
        x[2] = numpy.nan
        x[n - 1] = numpy.nan
    if numpy.dtype(dtype).kind == "u":
        x = numpy.abs(x)
    return numpy.asarray(x.astype(dtype).reshape(shape))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_sorting(name, shape, dtype):
    f = CASES[name]
    x = _data(shape, dtype)
    want, err = numpy_or_exc(f, numpy, x)
    got, gerr = numpy_or_exc(f, npt, npt.asarray(x))
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    rtol = 1e-3 if dtype == "float16" and name.startswith("cum") else None  # (ATen sums float16 in float32)
    assert_same(got, numpy.asarray(want), rtol=rtol)


def test_in_place_sort_is_seen_by_views():
    x = numpy.array([[3.0, numpy.nan, 1.0], [2.0, -1.0, 0.5]])
    a = npt.asarray(x.copy())
    v = a[:, 1]
    a.sort(axis=1)
    x.sort(axis=1)
    assert_same(a, x)
    assert_same(v, x[:, 1])


@pytest.mark.parametrize("f", [lambda m, t: m.sort(t, axis=0), lambda m, t: m.sort(t, axis=None),
                               lambda m, t: m.cumsum(t, axis=1), lambda m, t: m.cumulative_sum(t.ravel())])
def test_gradients(f):
    x0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4)
    w = numpy.cos(numpy.arange(numpy.asarray(f(numpy, x0)).size)).reshape(numpy.shape(f(numpy, x0)))
    assert_grad_matches_fd(lambda t: (f(npt, t) * w).sum(), x0, atol=1e-8)


def test_complex_is_not_supported_yet():
    for f in (npt.sort, npt.argmax, npt.cumsum):
        with pytest.raises(NotImplementedError, match="complex"):
            f(npt.asarray([1j, 2]))
