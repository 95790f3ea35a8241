"""Sorting, arg-extremes and scans against NumPy, from one table over
dtypes and shapes (0-d, empty, NaN and ties included): values, dtypes,
shapes and errors; sort and cumsum gradients against finite differences."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_like_numpy, assert_same

SHAPES = [(), (0,), (7,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "float16", "int32", "uint8", "bool", "int64", "complex128", "uint16", "uint64"]
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
    "cumsum uint16": lambda np, a: np.cumsum(a, dtype="uint16"),
    "cumprod uint32": lambda np, a: np.cumprod(a, axis=-1, dtype="uint32"),
    "cumprod": lambda np, a: np.cumprod(a),
    "cumprod axis": lambda np, a: np.cumprod(a, axis=-1),
    "cumprod dtype": lambda np, a: a.cumprod(axis=0, dtype="float64"),
    "cumulative_prod": lambda np, a: np.cumulative_prod(a),
    "cumulative_prod initial": lambda np, a: np.cumulative_prod(a, axis=0, include_initial=True),
    "searchsorted": lambda np, a: np.searchsorted(np.sort(a.ravel()), a),
    "searchsorted right": lambda np, a: np.searchsorted(np.sort(a.ravel()), a, side="right"),
    "searchsorted sorter": lambda np, a: np.searchsorted(a.ravel(), a[..., :1], sorter=np.argsort(a.ravel(), kind="stable")),
    "searchsorted scalar": lambda np, a: np.searchsorted(np.sort(a.ravel()), 1),
    "searchsorted bad side": lambda np, a: np.searchsorted(a.ravel(), a, side="middle"),
    "searchsorted 2-D": lambda np, a: np.searchsorted(a, 1),
    "digitize": lambda np, a: np.digitize(a, [-2, 0, 0.5, 3]),
    "digitize right": lambda np, a: np.digitize(a, [-2, 0, 0.5, 3], right=True),
    "digitize decreasing": lambda np, a: np.digitize(a, [3, 1, 0, -2]),
    "digitize decreasing right": lambda np, a: np.digitize(a, [3, 1, 0, -2], right=True),
    "digitize not monotonic": lambda np, a: np.digitize(a, [3, 1, 4]),
    "lexsort": lambda np, a: np.lexsort((a, -a if a.dtype.kind in "fic" else a)),
    "lexsort axis 0": lambda np, a: np.lexsort((a, a), axis=0),
    "lexsort array": lambda np, a: np.lexsort(np.stack([a, a])),
    "sort_complex": lambda np, a: np.sort_complex(a),
    "argpartition kth": lambda np, a: np.take_along_axis(
        a, np.argpartition(a, 1, axis=-1), -1)[..., 1] if a.ndim else np.argpartition(a, 0, axis=None),
    "partition kth": lambda np, a: np.partition(a, (0, -1), axis=0)[[0, -1]],
    "partition bad kth": lambda np, a: np.partition(a, 99, axis=None),
    "partition bool kth": lambda np, a: np.partition(a, True, axis=None),
    "partition bad kind": lambda np, a: np.partition(a, 0, kind="quick"),
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
    if dtype == "complex128":  # ties in the real part; NaN in either part
        x = x + 1j * numpy.round(numpy.cos(numpy.arange(n) * 0.9) * 2)
        if n > 5:
            x[4] = complex(1, numpy.nan)
    return numpy.asarray(x.astype(dtype).reshape(shape))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_sorting(name, shape, dtype):
    f = CASES[name]
    x = _data(shape, dtype)
    rtol = 1e-3 if dtype == "float16" and name.startswith("cum") else None  # (ATen sums float16 in float32)
    assert_like_numpy(f, x, rtol=rtol)


def test_in_place_sort_is_seen_by_views():
    x = numpy.array([[3.0, numpy.nan, 1.0], [2.0, -1.0, 0.5]])
    a = npt.asarray(x.copy())
    v = a[:, 1]
    a.sort(axis=1)
    x.sort(axis=1)
    assert_same(a, x)
    assert_same(v, x[:, 1])


@pytest.mark.parametrize("f", [lambda m, t: m.sort(t, axis=0), lambda m, t: m.sort(t, axis=None),
                               lambda m, t: m.cumsum(t, axis=1), lambda m, t: m.cumulative_sum(t.ravel()),
                               lambda m, t: m.sort_complex(t), lambda m, t: m.partition(t, 1)])
def test_gradients(f):
    x0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4)
    w = numpy.cos(numpy.arange(numpy.asarray(f(numpy, x0)).size)).reshape(numpy.shape(f(numpy, x0)))
    assert_grad_matches_fd(lambda t: npt.real(f(npt, t) * w).sum(), x0, atol=1e-8)


@pytest.mark.parametrize("f", [lambda m, t: m.cumprod(t, axis=1), lambda m, t: m.cumprod(t),
                               lambda m, t: m.cumulative_prod(t, axis=0, include_initial=True)])
def test_cumprod_gradients_past_zeros(f):
    x0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4)
    x0[1, 1] = x0[2, 0] = x0[2, 2] = 0.0  # one zero, then two, in a row
    w = numpy.cos(numpy.arange(numpy.asarray(f(numpy, x0)).size)).reshape(numpy.shape(f(numpy, x0)))
    assert_grad_matches_fd(lambda t: (f(npt, t) * w).sum(), x0, atol=1e-8)


def test_complex_gradients():
    """Complex sort and cumprod: the VJP of a real loss of the real and imaginary parts."""
    z0 = numpy.array([1 + 2j, -0.5 + 1j, 0.3 - 1j, 1.4 + 0.5j])
    for f in (lambda m, t: m.sort(t), lambda m, t: m.cumprod(t)):
        def loss(m, re, im):
            y = f(m, re + 1j * im)
            return (m.real(y) * numpy.arange(1.0, 5.0) + m.imag(y) ** 2).sum()
        g = npt.grad(lambda r, i: loss(npt, r, i), argnums=(0, 1))(z0.real, z0.imag)
        for k, part in enumerate((z0.real, z0.imag)):
            fd = numpy.zeros(4)
            for i in range(4):
                d = numpy.zeros(4)
                d[i] = 1e-6
                args = [z0.real, z0.imag]
                hi = [a + d if j == k else a for j, a in enumerate(args)]
                lo = [a - d if j == k else a for j, a in enumerate(args)]
                fd[i] = (loss(numpy, *hi) - loss(numpy, *lo)) / 2e-6
            numpy.testing.assert_allclose(numpy.asarray(g[k]), fd, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("kth", [0, 3, -1, (1, 4)])
@pytest.mark.parametrize("dtype", ["float64", "int32"])
def test_partition_is_a_partition(kth, dtype):
    x = _data((3, 6), dtype)
    for axis in (-1, 0):
        if axis == 0 and max(numpy.atleast_1d(kth)) > 2:
            continue
        got = numpy.asarray(npt.partition(x, kth, axis=axis))
        idx = numpy.asarray(npt.argpartition(x, kth, axis=axis))
        want = numpy.partition(x, kth, axis=axis)
        ks = numpy.atleast_1d(kth)
        # the kth elements are NumPy's; the rest on the right side of them
        numpy.testing.assert_array_equal(numpy.take(got, ks, axis), numpy.take(want, ks, axis))
        numpy.testing.assert_array_equal(numpy.take_along_axis(x, idx, axis), got)
        numpy.testing.assert_array_equal(numpy.sort(got, axis=axis), numpy.sort(x, axis=axis))
        for k in ks:
            kv = numpy.take(got, [k], axis)
            n = got.shape[axis]
            before = numpy.take(got, range(0, k % n), axis)
            after = numpy.take(got, range(k % n + 1, n), axis)
            assert numpy.all((before <= kv) | numpy.isnan(kv)) and numpy.all((after >= kv) | numpy.isnan(after))


def _wide_values(dtype, shape, rng):
    """Every class of value: NaN of both signs, ±0, ±inf, repeats, the whole integer range."""
    if dtype == "bool":
        return rng.integers(0, 2, shape).astype(bool)
    if numpy.dtype(dtype).kind == "f":
        x = numpy.round(rng.normal(size=shape) * 5).astype(dtype)
        flat = x.reshape(-1)
        flat[::7], flat[3::11], flat[5::13] = numpy.nan, -0.0, -numpy.nan
        flat[1::17], flat[2::19] = numpy.inf, -numpy.inf
        return x
    info = numpy.iinfo(dtype)
    x = rng.integers(info.min, info.max, shape, dtype=dtype, endpoint=True)
    x.reshape(-1)[::5] = 3
    return x


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int64", "int32", "int16", "int8",
                                   "uint64", "uint32", "uint16", "uint8", "bool"])
@pytest.mark.parametrize("shape, axis", [((300_000,), 0), ((1000,), 0), ((100,), 0), ((3, 5000), 1),
                                         ((5000, 3), 0), ((7, 2, 300), 1)], ids=str)
def test_radix_sort_against_numpys_stable_sort(dtype, shape, axis):
    # (the CPU sort is a radix sort: one row split over the threads, or many
    # rows one per task, or std::stable_sort for short rows)
    x = _wide_values(dtype, shape, numpy.random.default_rng(len(shape) + shape[0]))
    want = numpy.sort(x, axis=axis, kind="stable")
    got = numpy.asarray(npt.sort(x, axis=axis))
    numpy.testing.assert_array_equal(got, want)
    numpy.testing.assert_array_equal(numpy.asarray(npt.argsort(x, axis=axis)),
                                     numpy.argsort(x, axis=axis, kind="stable"))


def test_arg_extremes_over_the_whole_unsigned_range():
    x = numpy.array([[3, 2**63 + 5, 2**64 - 1, 0, 2**63 - 1], [7, 1, 2**63, 2**64 - 1, 5]], dtype=numpy.uint64)
    for dt in ("uint64", "uint32", "uint16"):
        y = x.astype(dt) if dt == "uint64" else (x % numpy.iinfo(dt).max).astype(dt)
        for f in ("argmax", "argmin"):
            for axis in (None, 0, 1):
                assert_same(getattr(npt, f)(y, axis=axis), getattr(numpy, f)(y, axis=axis))
