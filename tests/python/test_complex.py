"""complex64 and complex128 end to end, against NumPy: creation, casts, the
parts (.real, .imag, np.real, np.imag, angle, conj), weak Python complex
scalars, reductions, matmul, printing, fused chains, and gradients of
real-valued functions of complex inputs (PyTorch's convention, checked by
finite differences). The ufuncs themselves are in test_ufunc_table.py."""
import warnings

import numpy as np
import pytest

import npt
from _helpers import ALL_DTYPES, REAL_DTYPES, assert_same, values

CX = ["complex64", "complex128"]


def z_of(dtype, shape=(3, 4), rng=None):
    return values(dtype, shape, "any", rng)


@pytest.mark.parametrize("dtype", CX)
def test_creation(dtype):
    assert_same(npt.zeros(3, dtype=dtype), np.zeros(3, dtype=dtype))
    assert_same(npt.ones((2, 2), dtype=dtype), np.ones((2, 2), dtype=dtype))
    assert_same(npt.full(3, 1 - 2j, dtype=dtype), np.full(3, 1 - 2j, dtype=dtype))
    assert_same(npt.asarray([1 + 2j, 3]), np.asarray([1 + 2j, 3]))
    assert_same(npt.array([[1j, 2], [3, 4]], dtype=dtype), np.array([[1j, 2], [3, 4]], dtype=dtype))
    assert_same(npt.full(2, 1j), np.full(2, 1j))
    assert_same(npt.zeros_like(np.ones(2, dtype)), np.zeros_like(np.ones(2, dtype)))


@pytest.mark.parametrize("src", ALL_DTYPES)
@pytest.mark.parametrize("dst", ALL_DTYPES)
def test_casts_to_and_from_complex(src, dst):
    if "complex" not in src + dst:
        return
    x = np.concatenate([values(src, (6,), "any"), np.zeros(2, src)])
    with warnings.catch_warnings(record=True) as w_np:
        warnings.simplefilter("always")
        want = x.astype(dst)
    with warnings.catch_warnings(record=True) as w_npt:
        warnings.simplefilter("always")
        got = npt.asarray(x).astype(dst)
    assert [type(w.message) for w in w_npt] == [type(w.message) for w in w_np], (src, dst)
    assert_same(got, want, rtol=0)


def test_complex_edge_casts():
    z = np.array([complex(np.nan, 0), complex(0, np.nan), complex(0, -0.0), complex(np.inf, 1),
                  complex(3.7, -2), complex(-1e300, 1)])
    for dt in ("bool", "complex64"):
        with np.errstate(all="ignore"):
            assert_same(npt.asarray(z).astype(dt), z.astype(dt), rtol=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with np.errstate(all="ignore"):
            for dt in ("float32", "int32", "uint8"):
                assert_same(npt.asarray(z).astype(dt), z.astype(dt), rtol=0)


@pytest.mark.parametrize("dtype", REAL_DTYPES + CX)
def test_weak_python_complex_scalars(dtype):
    x = values(dtype, (5,), "pos")
    for f in (lambda a: a + 1j, lambda a: a * (2 - 3j), lambda a: (1 + 1j) - a, lambda a: a == 1j):
        with np.errstate(all="ignore"):
            want = f(x)
        assert_same(f(npt.asarray(x)), want)


@pytest.mark.parametrize("dtype", REAL_DTYPES + CX)
def test_parts(dtype, rng):
    x = z_of(dtype, rng=rng)
    a = npt.asarray(x)
    assert_same(a.real, x.real, rtol=0)
    assert_same(a.imag, x.imag, rtol=0)
    assert_same(npt.real(a), np.real(x), rtol=0)
    assert_same(npt.imag(a), np.imag(x), rtol=0)
    assert_same(a.conj(), x.conj(), rtol=0) if dtype != "bool" else None
    assert_same(npt.conjugate(a), np.conjugate(x), rtol=0) if dtype != "bool" else None
    assert_same(npt.angle(a), np.angle(x), rtol=1e-6 if "64" in dtype else 1e-3)
    assert_same(npt.angle(a, deg=True), np.angle(x, deg=True), rtol=1e-6 if "64" in dtype else 1e-3)
    assert npt.iscomplexobj(a) == np.iscomplexobj(x)
    assert npt.isrealobj(a) == np.isrealobj(x)
    assert_same(npt.iscomplex(a), np.iscomplex(x))
    assert_same(npt.isreal(a), np.isreal(x))


@pytest.mark.parametrize("dtype", CX)
@pytest.mark.parametrize("axis", [None, 0, 1, (0, 1)])
def test_reductions(dtype, axis, rng):
    x = z_of(dtype, rng=rng)
    a = npt.asarray(x)
    for name in ("sum", "prod", "mean"):
        want = getattr(np, name)(x, axis=axis)
        assert_same(getattr(npt, name)(a, axis=axis), want, rtol=1e-5 if dtype == "complex64" else 1e-12)
        want = getattr(np, name)(x, axis=axis, keepdims=True)
        assert_same(getattr(a, name)(axis=axis, keepdims=True), want,
                    rtol=1e-5 if dtype == "complex64" else 1e-12)
    assert_same(npt.sum(a, dtype="complex128"), np.sum(x, dtype="complex128"), rtol=1e-12)
    assert_same(npt.add.reduce(a, axis=0), np.add.reduce(x, axis=0), rtol=1e-5)


@pytest.mark.parametrize("dtype", CX)
def test_matmul_and_dot(dtype, rng):
    x, y = z_of(dtype, (3, 4), rng), z_of(dtype, (4, 2), rng)
    tol = 1e-5 if dtype == "complex64" else 1e-12
    assert_same(npt.asarray(x) @ npt.asarray(y), x @ y, rtol=tol)
    y32 = y.real.astype("float32")
    assert_same(npt.matmul(npt.asarray(x), y32), np.matmul(x, y32), rtol=tol)
    assert_same(npt.dot(npt.asarray(x[0]), x[1]), np.dot(x[0], x[1]), rtol=tol)
    assert_same(npt.vecdot(x, x), np.vecdot(x, x), rtol=tol)  # (conjugates the first)


@pytest.mark.parametrize("dtype", CX)
def test_printing(dtype):
    x = np.array([1 + 2j, -0.5j, np.nan + np.inf * 1j, 3], dtype=dtype)
    a = npt.asarray(x)
    assert str(a) == str(x)
    assert repr(a) == repr(x)
    assert complex(npt.asarray(x)[0]) == complex(x[0])


def test_fused_chain(rng):
    x = values("float64", (1000,), "any", rng)
    a = npt.asarray(x)
    y = npt.sum(npt.abs(npt.exp(1j * a) * (2 - 1j) + a) ** 2)
    assert_same(y, np.sum(np.abs(np.exp(1j * x) * (2 - 1j) + x) ** 2), rtol=1e-12)


def test_comparisons_are_lexicographic():
    x = np.array([1 + 1j, 1 + 2j, 2 + 0j, complex(np.nan, 0), 1 + 1j])
    y = np.array([1 + 2j, 1 + 1j, 1 + 5j, 0j, 1 + 1j])
    for op in ("__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__"):
        with np.errstate(invalid="ignore"):
            want = getattr(x, op)(y)
        assert_same(getattr(npt.asarray(x), op)(npt.asarray(y)), want)


# ---- gradients: PyTorch's convention ------------------------------------------
# For a real loss L of z = x + iy, npt.grad gives dL/dx + i dL/dy (so that
# z - lr * grad descends), as torch.autograd does; JAX's grad is its conjugate.
def fd_complex_grad(f, z, h=1e-6):
    g = np.zeros_like(z)
    for i in np.ndindex(z.shape):
        for d in (1, 1j):
            zp, zm = z.copy(), z.copy()
            zp[i] += h * d
            zm[i] -= h * d
            g[i] += d * (f(zp) - f(zm)) / (2 * h)
    return g


LOSSES = {
    "abs2": lambda m, z: m.sum(m.abs(z) ** 2),
    "exp_mul": lambda m, z: m.sum(m.abs(m.exp(z) * z - 1j) ** 2),
    "real_part": lambda m, z: m.sum(m.real(m.sin(z) / (z + 3))),
    "imag_part": lambda m, z: m.sum(m.imag(m.log(z) * m.sqrt(z))),
    "angle": lambda m, z: m.sum(m.angle(z * z)),
    "conj_power": lambda m, z: m.sum(m.real(m.conj(z) * z ** 3)),
    "tanh_cos": lambda m, z: m.sum(m.abs(m.tanh(z) + m.cos(z))),
    "prod": lambda m, z: m.real(m.prod(z) + m.mean(z * 1j)),
    "sign": lambda m, z: m.sum(m.real(m.sign(z) * (1 + 2j)) + m.imag(m.sign(z * z))),
}


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_complex_gradient_matches_finite_differences(name, rng):
    f = LOSSES[name]
    z0 = (rng.uniform(0.3, 1.2, (2, 3)) + 1j * rng.uniform(-1, 1, (2, 3)))
    got = npt.grad(lambda z: f(npt, z))(npt.asarray(z0))
    assert got.dtype == np.complex128 and got.shape == z0.shape
    want = fd_complex_grad(lambda z: float(f(np, z)), z0)
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-6, atol=1e-7)


def test_gradient_of_a_real_input_through_complex_values(rng):
    x0 = rng.uniform(-1, 1, (5,))
    f = lambda m, x: m.sum(m.real(m.exp(1j * x) * (2 + 1j)) + m.abs(x + 2j))  # noqa: E731
    got = npt.grad(lambda x: f(npt, x))(npt.asarray(x0))
    assert got.dtype == np.float64
    h = 1e-6
    want = [(f(np, x0 + h * e) - f(np, x0 - h * e)) / (2 * h) for e in np.eye(5)]
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-6, atol=1e-8)


def test_complex_matmul_gradient(rng):
    a0 = rng.uniform(-1, 1, (2, 3)) + 1j * rng.uniform(-1, 1, (2, 3))
    b0 = rng.uniform(-1, 1, (3, 2)) + 1j * rng.uniform(-1, 1, (3, 2))
    f = lambda m, a, b: m.sum(m.abs(a @ b) ** 2)  # noqa: E731
    ga, gb = npt.grad(lambda a, b: f(npt, a, b), argnums=(0, 1))(npt.asarray(a0), npt.asarray(b0))
    np.testing.assert_allclose(np.asarray(ga), fd_complex_grad(lambda a: f(np, a, b0), a0), rtol=1e-6)
    np.testing.assert_allclose(np.asarray(gb), fd_complex_grad(lambda b: f(np, a0, b), b0), rtol=1e-6)
