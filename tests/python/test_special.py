"""npt.special against closed forms, Python's math module and torch.special
(SciPy is not a dependency): values, dtypes and gradients."""
import math

import numpy as np
import pytest

import npt
from test_autodiff import check_grad


def test_xlogy_closed_form():
    x = np.array([0.0, 1.0, 2.0, 0.0, 3.0, 0.0])
    y = np.array([0.0, 2.0, np.nan, np.nan, 0.5, 5.0])
    want = np.array([0.0, math.log(2.0), np.nan, np.nan, 3 * math.log(0.5), 0.0])
    got = npt.special.xlogy(npt.asarray(x), npt.asarray(y))
    assert got.dtype == np.float64
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-15)
    rng = np.random.default_rng(1)
    check_grad(lambda m, a, b: (npt.special.xlogy if m is npt else
                                (lambda u, v: u * np.log(v)))(a, b),
               rng.uniform(0.5, 2, (3, 4)), rng.uniform(0.5, 2, (4,)), argnums=(0, 1))


@pytest.mark.parametrize("name", ["erf", "erfc"])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_erf_family_against_math(name, dtype):
    ref = np.vectorize(getattr(math, name))
    x = np.concatenate([np.linspace(-6, 6, 241), [0.0, -0.0, np.inf, -np.inf, np.nan, 1e-300, 27.0]])
    x = x.astype(dtype)
    got = getattr(npt.special, name)(npt.asarray(x))
    assert got.dtype == np.dtype(dtype)
    want = ref(x.astype(np.float64))
    rtol = 1e-15 if dtype == "float64" else 3e-7
    np.testing.assert_allclose(np.asarray(got), want, rtol=rtol, atol=1e-300 if dtype == "float64" else 1e-38)
    assert np.array_equal(np.signbit(np.asarray(got)[:-1]), np.signbit(want[:-1]))


@pytest.mark.parametrize("dtype,want", [("bool", "float32"), ("int8", "float32"), ("uint16", "float32"),
                                        ("int32", "float64"), ("int64", "float64"),
                                        ("float16", "float32"), ("float32", "float32")])
def test_erf_family_dtypes_follow_scipys_loops(dtype, want):
    """SciPy's erf has float32 and float64 loops: NumPy's type resolution picks
    the first one each input casts to safely (float16 -> float32)."""
    for name in ("erf", "erfc"):
        assert getattr(npt.special, name)(npt.asarray(np.ones(3, dtype))).dtype == np.dtype(want)
    assert npt.special.erf(2).dtype == np.float64 and npt.special.erf(2.0).dtype == np.float64


@pytest.mark.parametrize("name", ["erf", "erfc"])
def test_erf_family_gradients(name):
    ref = np.vectorize(getattr(math, name))
    rng = np.random.default_rng(2)
    check_grad(lambda m, x: getattr(npt.special, name)(x) if m is npt else ref(x),
               rng.uniform(-2, 2, (3, 4)))


@pytest.mark.parametrize("dtype,rtol", [("float64", 1e-15), ("float32", 2e-7)])
def test_erfinv_against_torch_and_erf(dtype, rtol):
    torch = pytest.importorskip("torch")
    y = np.concatenate([np.linspace(-1, 1, 2001), [1 - 1e-16, -1 + 1e-16, 1e-300, 0.0, -0.0, 0.5,
                                                   1.5, -2.0, np.nan, np.inf]]).astype(dtype)
    got = npt.special.erfinv(npt.asarray(y))
    assert got.dtype == np.dtype(dtype)
    g = np.asarray(got)
    w = torch.special.erfinv(torch.from_numpy(y)).numpy()
    np.testing.assert_allclose(g, w, rtol=rtol, atol=1e-300)
    num = ~np.isnan(w)
    assert np.array_equal(np.signbit(g[num]), np.signbit(w[num]))
    inner = np.abs(y) < 0.999
    np.testing.assert_allclose(np.vectorize(math.erf)(g[inner].astype(np.float64)), y[inner],
                               rtol=4 * rtol, atol=1e-300)


def test_erfinv_gradient():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    ref = lambda v: torch.special.erfinv(torch.from_numpy(np.asarray(v))).numpy()  # noqa: E731
    check_grad(lambda m, x: npt.special.erfinv(x) if m is npt else ref(x), rng.uniform(-0.9, 0.9, (3, 4)))
