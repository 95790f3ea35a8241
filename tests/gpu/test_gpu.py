"""npt on a CUDA device against NumPy on the host: elementwise chains,
reductions with their producers, views, several outputs, matmul on ATen's
CUDA kernels, and the device rules (no silent copies between devices)."""
import numpy as np
import pytest

import npt

DTYPES = ["float32", "float64", "int32", "int64", "uint8", "bool", "float16"]
UNARY = ["negative", "absolute", "exp", "log", "sqrt", "sin", "cos", "tanh", "arctan", "expm1",
         "log1p", "isnan", "logical_not"]
BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "maximum",
          "minimum", "less", "equal", "power"]


def values(dtype, shape, rng, positive=False):
    if dtype == "bool":
        return rng.integers(0, 2, size=shape).astype(bool)
    lo = 1 if positive or np.dtype(dtype).kind == "u" else -5
    if np.dtype(dtype).kind in "iu":
        return rng.integers(lo, 6, size=shape).astype(dtype)
    return rng.uniform(0.1 if positive else -3, 3, size=shape).astype(dtype)


def same(got, want, dtype):
    got = np.asarray(got)  # copies to the host
    assert got.dtype == want.dtype and got.shape == want.shape
    # ("linalg": float64 through cuSOLVER, whose rounding is not LAPACK's)
    tol = {"float16": 2e-3, "float32": 1e-5, "float64": 1e-12, "linalg": 1e-9}.get(dtype, 0)
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol, equal_nan=True)


def on_gpu(a):
    return npt.asarray(a, device="cuda")


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", UNARY)
def test_unary(op, dtype):
    rng = np.random.default_rng(0)
    a = values(dtype, (257, 33), rng, positive=op in ("log", "sqrt", "log1p"))
    try:
        want = getattr(np, op)(a)
    except TypeError:
        with pytest.raises(TypeError):
            getattr(npt, op)(on_gpu(a))
        return
    r = getattr(npt, op)(on_gpu(a))
    assert r.device == "cuda:0"
    same(r, want, str(want.dtype))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("op", BINARY)
def test_binary_broadcast(op, dtype):
    rng = np.random.default_rng(1)
    a = values(dtype, (64, 1, 5), rng, positive=op == "power")
    b = values(dtype, (7, 5), rng, positive=op in ("floor_divide", "remainder", "power"))
    if op == "power" and np.dtype(dtype).kind in "iu":
        b = np.minimum(b, 3).astype(dtype)
    with np.errstate(all="ignore"):
        try:
            want = getattr(np, op)(a, b)
        except TypeError:
            return
    same(getattr(npt, op)(on_gpu(a), on_gpu(b)), want, str(want.dtype))


@pytest.mark.parametrize("axis", [None, 0, 1, (0, 2), -1])
@pytest.mark.parametrize("red", ["sum", "prod", "max", "min", "mean", "all", "any"])
def test_reductions_absorb_producers(red, axis):
    rng = np.random.default_rng(2)
    a = rng.uniform(0.5, 1.5, size=(33, 65, 9))
    want = getattr(np, red)(np.sin(a) * 2 + a, axis=axis)
    x = on_gpu(a)
    r = getattr(npt, red)(npt.sin(x) * 2 + x, axis=axis)
    same(r, np.asarray(want), str(np.asarray(want).dtype))


def test_large_full_reduction_fills_the_gpu():
    a = np.random.default_rng(3).uniform(size=10_000_000).astype(np.float32)
    x = on_gpu(a)
    np.testing.assert_allclose(float(npt.sum(x * x)), float(np.sum(a.astype(np.float64) ** 2)),
                               rtol=1e-5)


def test_views_and_several_outputs():
    a = np.arange(24.0).reshape(4, 6)
    x = on_gpu(a)
    t = x.T[::-1, 1:]
    s = npt.exp(t * 0.1)
    total = npt.sum(s, axis=0)
    npt.evaluate(s, total)  # one plan, two outputs
    same(s, np.exp(a.T[::-1, 1:] * 0.1), "float64")
    same(total, np.exp(a.T[::-1, 1:] * 0.1).sum(axis=0), "float64")


def test_matmul_on_aten_cuda_kernels():
    rng = np.random.default_rng(4)
    a, b = rng.normal(size=(64, 32)), rng.normal(size=(32, 16))
    same(npt.tanh(on_gpu(a) @ on_gpu(b)), np.tanh(a @ b), "float64")


def test_creation_on_device_and_copies():
    z = npt.zeros((3, 4), device="cuda")
    assert z.device == "cuda:0"
    same(z + npt.arange(4, device="cuda"), np.zeros((3, 4)) + np.arange(4), "float64")
    h = z.to("cpu")
    assert h.device == "cpu"
    assert npt.ones(3).to("cuda").device == "cuda:0"
    assert npt.asarray([1.0, 2.0], device="cuda").tolist() == [1.0, 2.0]


def test_mixing_devices_is_an_error_at_the_call():
    with pytest.raises(RuntimeError, match="device"):
        npt.ones(3, device="cuda") + npt.ones(3)


def test_grad_on_device():
    a = np.linspace(0.1, 1, 50)
    g = npt.grad(lambda t: npt.sum(npt.sin(t) ** 2))(on_gpu(a))
    same(g, np.sin(2 * a), "float64")


def test_jit_on_device_and_plans_per_device():
    a = np.linspace(0, 1, 1000)
    f = npt.jit(lambda t: npt.sum(npt.tanh(t) * 2.0))
    np.testing.assert_allclose(float(f(on_gpu(a))), np.sum(np.tanh(a) * 2.0), rtol=1e-12)
    # the same structure on the CPU is another plan (and another kernel)
    np.testing.assert_allclose(float(f(npt.asarray(a))), np.sum(np.tanh(a) * 2.0), rtol=1e-12)
    assert f.traces == 2
    c, g = npt.asarray(a) * 3.0, on_gpu(a) * 3.0
    same(c, a * 3.0, "float64")
    same(g, a * 3.0, "float64")


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64"])
def test_negative_integer_power_raises_as_on_the_cpu(dtype):
    base = np.arange(1000, dtype=dtype) % 5
    exps = base.copy()
    exps[777] = -1
    with pytest.raises(ValueError, match="Integers to negative integer powers are not allowed."):
        np.asarray(npt.power(on_gpu(base), on_gpu(exps)))
    np.testing.assert_array_equal(np.asarray(npt.power(on_gpu(base), on_gpu(base))), base ** base)
    u = base.astype("uint8")
    np.testing.assert_array_equal(np.asarray(npt.power(on_gpu(u), on_gpu(u))), u ** u)


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
def test_complex_kernels(dtype):
    """Complex values on the device: the prelude's functions (textbook C99
    formulas) and core/complex_math.h's, a reduction, and the parts."""
    rng = np.random.default_rng(3)
    z = (rng.uniform(-2, 2, (64, 33)) + 1j * rng.uniform(-2, 2, (64, 33))).astype(dtype)
    w = (rng.uniform(0.5, 2, (33,)) - 1j * rng.uniform(0.5, 2, (33,))).astype(dtype)
    a, b = npt.asarray(z, device="cuda"), npt.asarray(w, device="cuda")
    tol = 1e-5 if dtype == "complex64" else 1e-12
    for f in (lambda m, x, y: m.exp(x) * y - m.sqrt(x) / y, lambda m, x, y: m.sin(x) ** 3 + m.log(y),
              lambda m, x, y: m.tanh(x) + m.arcsinh(y) * m.sign(x), lambda m, x, y: m.abs(x * y),
              lambda m, x, y: (x < y) | (x == y), lambda m, x, y: m.sum(x * y, axis=0),
              lambda m, x, y: m.prod(x / 4, axis=1), lambda m, x, y: m.real(x) + m.imag(x * y)):
        got, want = np.asarray(f(npt, a, b)), f(np, z, w)
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=tol * 10, atol=tol * 10)


def test_writes_and_advanced_indexing_on_device():
    # gather/scatter run on ATen's CUDA kernels; index arrays and host values
    # go to the array's device; updates run in place there too
    a = np.arange(24.0).reshape(4, 6)
    x, e = on_gpu(a.copy()), a.copy()
    x[1:3, ::2] = -1.0
    e[1:3, ::2] = -1.0
    x[[0, 3], [5, 0]] = [7.0, 8.0]
    e[[0, 3], [5, 0]] = [7.0, 8.0]
    x[x > 20] = 0.0
    e[e > 20] = 0.0
    x += 1.0
    e += 1.0
    npt.add.at(x, ([0, 0, 2], [1, 1, 3]), 2.0)
    np.add.at(e, ([0, 0, 2], [1, 1, 3]), 2.0)
    npt.multiply.at(x, [1, 1], 0.5)
    np.multiply.at(e, [1, 1], 0.5)
    npt.copyto(x[:, 0], np.arange(4.0), where=np.array([True, False, True, False]))
    np.copyto(e[:, 0], np.arange(4.0), where=np.array([True, False, True, False]))
    npt.sin(x[0], out=x[1])
    np.sin(e[0], out=e[1])
    same(x, e, "float64")
    same(x[[2, 0]][:, [1, 1]], e[[2, 0]][:, [1, 1]], "float64")
    same(npt.take_along_axis(x, np.array([[0], [5], [2], [1]]), axis=1),
         np.take_along_axis(e, np.array([[0], [5], [2], [1]]), axis=1), "float64")
    assert [np.asarray(i).tolist() for i in npt.nonzero(x > 5)] == [i.tolist() for i in np.nonzero(e > 5)]


def test_write_loop_and_gradient_on_device():
    a = np.sin(np.arange(1000.0))
    x, e = on_gpu(a.copy()), a.copy()
    for _ in range(50):
        x[1:-1] = 0.5 * (x[:-2] + x[2:])
        e[1:-1] = 0.5 * (e[:-2] + e[2:])
    same(x, e, "float64")

    def f(t):
        y = npt.zeros(t.shape[0], device="cuda")
        y[1:] = npt.sin(t[:-1])
        y[[0, 0]] = t[[3, 4]]  # repeated: the last value stays
        return (y * y).sum()
    g = npt.grad(f)(on_gpu(a))
    want = np.zeros_like(a)
    want[:-1] = 2 * np.sin(a[:-1]) * np.cos(a[:-1])
    want[4] += 2 * a[4]
    same(g, want, "float64")


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64", "complex128"])
def test_breadth_primitives_on_device(dtype):
    # sort/argsort/argmax/cumsum/cumprod/concatenate on ATen's CUDA kernels;
    # searchsorted's NumPy-order kernel is host code (a copy each way)
    rng = np.random.default_rng(3)
    a = np.round(rng.normal(size=(5, 40)) * 3).astype(dtype)
    if dtype == "complex128":
        a = a + 1j * np.round(rng.normal(size=a.shape))
    if np.dtype(dtype).kind == "f":
        a[1, 3] = a[4, 0] = np.nan
    x = on_gpu(a)
    tol = dtype if dtype != "complex128" else "float64"
    same(npt.sort(x, axis=1), np.sort(a, axis=1), tol)
    same(npt.argsort(x, axis=0), np.argsort(a, axis=0, kind="stable"), "int64")
    same(npt.argmax(x, axis=1), np.argmax(a, axis=1), "int64")
    same(npt.cumsum(x, axis=1), np.cumsum(a, axis=1), tol)
    same(npt.cumprod(x[:, :6], axis=1), np.cumprod(a[:, :6], axis=1), tol)
    same(npt.concatenate([x, x[:2]]), np.concatenate([a, a[:2]]), tol)
    s = np.sort(a.ravel())
    same(npt.searchsorted(on_gpu(s), x), np.searchsorted(s, a), "int64")
    u, inv, cnt = npt.unique(x, return_inverse=True, return_counts=True)
    eu, einv, ecnt = np.unique(a, return_inverse=True, return_counts=True)
    same(u, eu, tol)
    same(inv, einv, "int64")
    same(cnt, ecnt, "int64")
    assert npt.unique(x).device == "cuda:0"
    if dtype == "float64":
        g = npt.grad(lambda t: (npt.cumprod(npt.sort(t, axis=1), axis=1)[:, :4] ** 2).sum())(on_gpu(a[[0, 2, 3]]))
        gc = npt.grad(lambda t: (npt.cumprod(npt.sort(t, axis=1), axis=1)[:, :4] ** 2).sum())(a[[0, 2, 3]])
        same(g, np.asarray(gc), "float64")


def test_linalg_on_device():
    # inv/solve/det/slogdet/cholesky/eigh/svd/qr on ATen's CUDA kernels
    # (cuSOLVER/MAGMA), a singular matrix's LinAlgError, and a gradient
    rng = np.random.default_rng(4)
    a = rng.normal(size=(3, 4, 4))
    spd = a @ a.swapaxes(-1, -2) + 4 * np.eye(4)
    x, s = on_gpu(a), on_gpu(spd)
    same(npt.linalg.inv(x), np.linalg.inv(a), "linalg")
    same(npt.linalg.solve(x, x[..., :2]), np.linalg.solve(a, a[..., :2]), "linalg")
    same(npt.linalg.det(x), np.linalg.det(a), "linalg")
    same(npt.linalg.slogdet(x).logabsdet, np.linalg.slogdet(a).logabsdet, "linalg")
    same(npt.linalg.cholesky(s), np.linalg.cholesky(spd), "linalg")
    same(npt.linalg.eigvalsh(s), np.linalg.eigvalsh(spd), "linalg")
    same(npt.linalg.svdvals(x), np.linalg.svdvals(a), "linalg")
    u, sv, vh = npt.linalg.svd(x)
    np.testing.assert_allclose((np.asarray(u) * np.asarray(sv)[..., None, :]) @ np.asarray(vh), a, atol=1e-10)
    q, r = npt.linalg.qr(x)
    np.testing.assert_allclose(np.asarray(q) @ np.asarray(r), a, atol=1e-10)
    with pytest.raises(np.linalg.LinAlgError):
        np.asarray(npt.linalg.inv(on_gpu(np.ones((2, 2)))))
    g = npt.grad(lambda t: npt.linalg.slogdet(t).logabsdet.sum() + npt.linalg.inv(t).sum())(x)
    gc = npt.grad(lambda t: npt.linalg.slogdet(t).logabsdet.sum() + npt.linalg.inv(t).sum())(a)
    same(g, np.asarray(gc), "linalg")


def test_fft_on_device():
    # the fft primitives on cuFFT (through ATen), and their VJPs
    rng = np.random.default_rng(6)
    a = rng.normal(size=(4, 32))
    x = on_gpu(a)
    same(npt.fft.fft(x), np.fft.fft(a), "linalg")
    same(npt.fft.ifft(x, n=40, norm="ortho"), np.fft.ifft(a, n=40, norm="ortho"), "linalg")
    same(npt.fft.rfft(x), np.fft.rfft(a), "linalg")
    same(npt.fft.irfft(npt.fft.rfft(x), n=32), np.fft.irfft(np.fft.rfft(a), n=32), "linalg")
    same(npt.fft.fft2(x.astype("complex64")), np.fft.fft2(a.astype("complex64")), "float32")
    g = npt.grad(lambda t: (npt.abs(npt.fft.rfft(t, norm="forward")) ** 2).sum())(x)
    gc = npt.grad(lambda t: (npt.abs(npt.fft.rfft(t, norm="forward")) ** 2).sum())(a)
    same(g, np.asarray(gc), "linalg")


def test_dlpack_with_torch_shares_device_memory():
    # zero-copy both ways on the device, as on the CPU (tests/python/test_dlpack.py)
    import torch
    t = torch.arange(6.0, device="cuda").reshape(2, 3)
    a = npt.asarray(t)
    assert a.device == "cuda:0" and npt._npt.data_ptr(a._h) == t.data_ptr()
    b = a * 2  # (reads shared memory: computed at its call)
    t[0, 0] = 10.0
    same(b, np.arange(6.0, dtype=np.float32).reshape(2, 3) * 2, "float32")
    same(a, t.cpu().numpy(), "float32")
    z = npt.ones(4, device="cuda") * 3
    tz = z._torch()
    assert tz.is_cuda and tz.data_ptr() == npt._npt.data_ptr(z._h)
    tz[0] = 7.0
    same(z, np.array([7.0, 3, 3, 3]), "float64")
    z[1] = -1.0
    assert tz.cpu().tolist() == [7.0, -1.0, 3.0, 3.0]
    same(npt.asarray(np.from_dlpack(z, device="cpu")), np.array([7.0, -1, 3, 3]), "float64")
    assert npt.from_dlpack(t).device == "cuda:0"
