"""Gradients: every differentiable primitive against central finite
differences (float64, rel. error <= 1e-6), random pipelines against
torch.autograd, second derivatives against closed forms, and the API's
errors and pytrees."""
import numpy as np
import pytest

import npt

from _helpers import fd_grad


def check_grad(fn, *arrays, argnums=0, rtol=1e-6, atol=1e-7):
    """fn(m, *xs) is written once for m in (numpy, npt); compares d sum(fn * w)."""
    rng = np.random.default_rng(7)
    out = np.asarray(fn(np, *arrays))
    w = rng.uniform(0.5, 1.5, size=out.shape)
    def loss_np(*xs):
        return float(np.sum(fn(np, *xs) * w))
    def loss_npt(*xs):
        return npt.sum(fn(npt, *xs) * w)
    nums = (argnums,) if isinstance(argnums, int) else argnums
    got = npt.grad(loss_npt, argnums=nums)(*[npt.asarray(a) for a in arrays])
    for k, i in enumerate(nums):
        def f_i(xi, i=i):
            xs = list(arrays)
            xs[i] = xi
            return loss_np(*xs)
        want = fd_grad(f_i, arrays[i])
        g = np.asarray(got[k])
        assert g.shape == np.shape(arrays[i]) and g.dtype == np.float64
        np.testing.assert_allclose(g, want, rtol=rtol, atol=atol)


RNG = np.random.default_rng(0)
X = RNG.uniform(0.2, 0.8, size=(3, 4))       # inside every unary domain
Y = RNG.uniform(0.5, 1.5, size=(4,))          # broadcasts against X
U = RNG.uniform(-2, 2, size=(3, 4))

UNARY = ["negative", "absolute", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt", "sin",
         "cos", "tan", "arcsin", "arccos", "arctan", "tanh", "sinh", "cosh", "square"]


@pytest.mark.parametrize("op", UNARY)
def test_unary_vjp_matches_finite_differences(op):
    check_grad(lambda m, x: getattr(m, op)(x), X)


@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "power", "maximum",
                                "minimum", "remainder"])
def test_binary_vjp_with_broadcasting(op):
    a = X + 1.0  # power: positive base; remainder: away from jumps
    check_grad(lambda m, x, y: getattr(m, op)(x, y), a, Y, argnums=(0, 1))


def test_scalar_operands_and_python_scalars():
    check_grad(lambda m, x: 3.0 * x ** 3 - 2 / x + x ** 0.5, X)
    check_grad(lambda m, x: 2.0 ** x, X)


def test_where_and_clip():
    check_grad(lambda m, x, y: m.where(x > 0.5, x * y, y - x), X, Y, argnums=(0, 1))
    check_grad(lambda m, x: m.clip(x, 0.3, 0.7), X)


@pytest.mark.parametrize("axis", [None, 0, 1, -1, (0, 1)])
@pytest.mark.parametrize("red", ["sum", "prod", "max", "min", "mean"])
def test_reductions_with_axes(red, axis):
    check_grad(lambda m, x: getattr(m, red)(x * 1.0, axis=axis), U)


def test_reductions_keepdims_and_3d():
    z = RNG.uniform(-1, 1, size=(2, 3, 4))
    check_grad(lambda m, x: m.sum(x ** 2, axis=(0, 2), keepdims=True) * x, z)
    check_grad(lambda m, x: m.max(x, axis=1, keepdims=True) - x, z)


def test_movement_ops():
    z = RNG.uniform(-1, 1, size=(4, 6))
    check_grad(lambda m, x: m.sin(x.T), z)
    check_grad(lambda m, x: m.exp(x.reshape(3, 8)), z)
    check_grad(lambda m, x: x[::2, 1::3] * x[1::2, ::-3], z)
    check_grad(lambda m, x: x[1, 2:5] + x[:, None, 0].sum(), z)
    check_grad(lambda m, x: x.astype(np.float32).astype(np.float64) * 0 + x, z)


def test_matmul_all_ranks():
    a = RNG.uniform(-1, 1, size=(3, 4))
    b = RNG.uniform(-1, 1, size=(4, 2))
    v = RNG.uniform(-1, 1, size=(4,))
    bat = RNG.uniform(-1, 1, size=(2, 3, 4))
    check_grad(lambda m, x, y: m.tanh(x @ y), a, b, argnums=(0, 1))
    check_grad(lambda m, x, y: x @ y, a, v, argnums=(0, 1))
    check_grad(lambda m, x, y: x @ y, v, b, argnums=(0, 1))
    check_grad(lambda m, x, y: x @ y, v, v, argnums=(0, 1))
    check_grad(lambda m, x, y: x @ y, bat, b, argnums=(0, 1))


def test_second_derivatives_closed_forms():
    x = np.linspace(-1.5, 1.5, 7)
    def d2(f):
        inner = lambda t: npt.sum(npt.grad(lambda s: npt.sum(f(s)))(t))
        return np.asarray(npt.grad(inner)(npt.asarray(x)))
    np.testing.assert_allclose(d2(npt.sin), -np.sin(x), rtol=1e-12)
    np.testing.assert_allclose(d2(npt.exp), np.exp(x), rtol=1e-12)
    t = np.tanh(x)
    np.testing.assert_allclose(d2(npt.tanh), -2 * t * (1 - t * t), rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(d2(lambda s: s ** 3), 6 * x, rtol=1e-12)
    # scalar grad of grad
    g2 = npt.grad(npt.grad(lambda s: s ** 3))(npt.asarray(2.0))
    assert float(g2) == 12.0


# ---- random pipelines against torch.autograd ---------------------------------

try:
    import torch
except ImportError:  # only the comparison below needs torch's Python module
    torch = None

PIPE_OPS = [
    ("sin", lambda m, a: m.sin(a), lambda a: torch.sin(a)),
    ("tanh", lambda m, a: m.tanh(a), lambda a: torch.tanh(a)),
    ("exp", lambda m, a: m.exp(a * 0.3), lambda a: torch.exp(a * 0.3)),
    ("sq", lambda m, a: a * a, lambda a: a * a),
    ("mul_b", lambda m, a, b: a * b, lambda a, b: a * b),
    ("add_b", lambda m, a, b: a + b, lambda a, b: a + b),
    ("div_b", lambda m, a, b: a / (b * b + 1.0), lambda a, b: a / (b * b + 1.0)),
    ("max_b", lambda m, a, b: m.maximum(a, b), lambda a, b: torch.maximum(a, b)),
    ("rowsum", lambda m, a: m.sum(a, axis=1, keepdims=True) + a,
     lambda a: a.sum(dim=1, keepdim=True) + a),
    ("mean0", lambda m, a: a - m.mean(a, axis=0), lambda a: a - a.mean(dim=0)),
]


@pytest.mark.skipif(torch is None, reason="torch's Python module is not importable")
@pytest.mark.parametrize("seed", range(12))
def test_random_pipelines_match_torch_autograd(seed):
    rng = np.random.default_rng(100 + seed)
    a = rng.uniform(-1, 1, size=(5, 6))
    b = rng.uniform(-1, 1, size=(6,))  # broadcast operand
    steps = [PIPE_OPS[i] for i in rng.integers(0, len(PIPE_OPS), size=rng.integers(3, 9))]

    def run(m, x, y, torch_mode=False):
        for _, f_np, f_t in steps:
            nargs = f_t.__code__.co_argcount
            if torch_mode:
                x = f_t(x, y) if nargs == 2 else f_t(x)
            else:
                x = f_np(m, x, y) if nargs == 2 else f_np(m, x)
        return x

    ta = torch.tensor(a, requires_grad=True)
    tb = torch.tensor(b, requires_grad=True)
    run(None, ta, tb, torch_mode=True).sum().backward()
    ga, gb = npt.grad(lambda x, y: npt.sum(run(npt, x, y)), argnums=(0, 1))(
        npt.asarray(a), npt.asarray(b))
    names = [s[0] for s in steps]
    want_b = tb.grad.numpy() if tb.grad is not None else np.zeros_like(b)  # b unused: zeros
    np.testing.assert_allclose(np.asarray(ga), ta.grad.numpy(), rtol=1e-6, atol=1e-10, err_msg=str(names))
    np.testing.assert_allclose(np.asarray(gb), want_b, rtol=1e-6, atol=1e-10, err_msg=str(names))


# ---- API --------------------------------------------------------------------

def test_pytrees_argnums_and_aux():
    params = {"w": npt.asarray([1.0, 2.0]), "b": (npt.asarray(0.5),)}
    x = npt.asarray([3.0, -1.0])
    def loss(p, x):
        y = p["w"] * x + p["b"][0]
        return npt.sum(y * y), y
    (val, aux), g = npt.value_and_grad(loss, has_aux=True)(params, x)
    y = np.array([1 * 3 + 0.5, 2 * -1 + 0.5])
    assert float(val) == pytest.approx(float(np.sum(y * y)))
    np.testing.assert_allclose(np.asarray(aux), y)
    np.testing.assert_allclose(np.asarray(g["w"]), 2 * y * np.array([3.0, -1.0]))
    np.testing.assert_allclose(float(g["b"][0]), 2 * y.sum())
    gw, gx = npt.grad(lambda p, x: loss(p, x)[0], argnums=(0, 1))(params, x)
    np.testing.assert_allclose(np.asarray(gx), 2 * y * np.array([1.0, 2.0]))


def test_vjp_of_vector_function():
    x = npt.asarray([0.1, 0.2, 0.3])
    out, f_vjp = npt.vjp(lambda t: npt.sin(t) * 2, x)
    (g,) = f_vjp(npt.asarray([1.0, 0.0, 2.0]))
    np.testing.assert_allclose(np.asarray(g), 2 * np.cos([0.1, 0.2, 0.3]) * [1, 0, 2])


def test_same_array_as_argument_and_constant():
    x = npt.asarray([1.0, 2.0])
    # d/dw sum(w * x) at w = x is x, not 2x
    np.testing.assert_allclose(np.asarray(npt.grad(lambda w: npt.sum(w * x))(x)), [1.0, 2.0])


def test_unused_argument_gets_zeros():
    g = npt.grad(lambda a, b: npt.sum(a * 2.0), argnums=1)(npt.ones(3), npt.ones(2))
    np.testing.assert_array_equal(np.asarray(g), np.zeros(2))


def test_errors():
    x = npt.ones(3)
    with pytest.raises(TypeError, match="scalar-output"):
        npt.grad(lambda t: t * 2)(x)
    with pytest.raises(TypeError, match="inexact"):
        npt.grad(lambda t: npt.sum(t))(npt.arange(3))
    with pytest.raises(TypeError, match="return an array"):
        npt.grad(lambda t: 3.0)(x)
    with pytest.raises(TypeError, match="pair"):
        npt.grad(lambda t: npt.sum(t), has_aux=True)(x)


def test_backward_fuses_with_forward():
    x = npt.evaluate(npt.linspace(0, 1, 1000))
    g = npt.grad(lambda t: npt.sum(npt.sin(t) ** 2))(x)
    # forward sin, cos and the product chain: one elementwise kernel
    assert len(npt.explain(g).kernels) == 1
    np.testing.assert_allclose(np.asarray(g), np.sin(2 * np.asarray(x)), rtol=1e-12, atol=1e-15)


def test_gradient_through_a_long_loop():
    # 30k recorded steps: graphs this deep must be cut into bounded kernels
    # and released without recursion (no stack overflow)
    def f(x):
        for _ in range(30_000):
            x = x * 0.9999 + 0.001
        return npt.sum(x)
    g = npt.grad(f)(npt.ones(10))
    np.testing.assert_allclose(np.asarray(g), np.full(10, 0.9999 ** 30_000), rtol=1e-10)
