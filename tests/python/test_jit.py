"""@npt.jit: trace once per signature, replay without Python; retrace on new
shapes without recompiling kernels; concretization errors name the line."""
import numpy as np
import pytest

import npt


def test_traces_once_per_signature_and_replays():
    calls = []

    @npt.jit
    def f(x, y):
        calls.append(1)  # runs only while tracing
        return npt.tanh(x * y) + 1

    x, y = npt.asarray(np.linspace(0, 1, 50)), npt.asarray(np.linspace(1, 2, 50))
    want = np.tanh(np.linspace(0, 1, 50) * np.linspace(1, 2, 50)) + 1
    for _ in range(5):
        np.testing.assert_allclose(np.asarray(f(x, y)), want, rtol=1e-12)
    assert f.traces == 1 and len(calls) == 1
    # a new dtype retraces
    f(x.astype(np.float32), y.astype(np.float32))
    assert f.traces == 2


def test_new_shape_retraces_but_reuses_kernels():
    @npt.jit
    def f(x):
        return npt.sum(npt.exp(npt.sin(x)) * 3.0)

    f(npt.ones(100))
    compiles = npt.cache_info()["compiles"]
    r = f(npt.ones(1234))
    assert f.traces == 2
    assert npt.cache_info()["compiles"] == compiles
    assert float(r) == pytest.approx(1234 * 3 * np.exp(np.sin(1.0)))


def test_static_argnums_and_argnames():
    @npt.jit(static_argnums=1, static_argnames="mode")
    def f(x, n, mode="add"):
        for _ in range(n):
            x = x + 1 if mode == "add" else x * 2
        return x

    x = npt.zeros(3)
    np.testing.assert_array_equal(np.asarray(f(x, 3)), [3, 3, 3])
    np.testing.assert_array_equal(np.asarray(f(x + 1, 2, mode="mul")), [4, 4, 4])
    f(x, 3)
    assert f.traces == 2
    g = npt.jit(lambda x, k: x * k, static_argnums=(1,))
    np.testing.assert_array_equal(np.asarray(g(x + 1, 5)), [5, 5, 5])


def test_data_dependent_branch_raises_with_the_users_line():
    @npt.jit
    def f(x):
        if npt.sum(x) > 0:  # the offending line
            return x
        return -x

    with pytest.raises(npt.ConcretizationError) as e:
        f(npt.ones(3))
    msg = str(e.value)
    assert "bool()" in msg and "test_jit.py" in msg and "the offending line" in msg
    assert "static_argnums" in msg
    with pytest.raises(TypeError):  # it is a TypeError, as in JAX
        npt.jit(lambda x: float(x))(npt.ones(()))


def test_jit_of_grad_and_grad_of_jit_agree():
    rng = np.random.default_rng(3)
    X = npt.asarray(rng.normal(size=(16, 4)))
    t = npt.asarray((rng.uniform(size=16) > 0.5).astype(np.float64))
    w = npt.asarray(rng.normal(size=4))

    def loss(w, X, t):
        return npt.mean((npt.tanh(X @ w) - t) ** 2)

    g1 = npt.jit(npt.grad(loss))(w, X, t)
    g2 = npt.grad(npt.jit(loss))(w, X, t)
    g3 = npt.grad(loss)(w, X, t)
    np.testing.assert_allclose(np.asarray(g1), np.asarray(g3), rtol=1e-12)
    np.testing.assert_allclose(np.asarray(g2), np.asarray(g3), rtol=1e-12)


def test_pytree_inputs_and_outputs():
    @npt.jit
    def f(p, x):
        return {"y": p["a"] * x, "z": (x + p["b"],)}

    p = {"a": npt.asarray(2.0), "b": npt.asarray([1.0, 2.0])}
    out = f(p, npt.asarray([3.0, 4.0]))
    np.testing.assert_array_equal(np.asarray(out["y"]), [6.0, 8.0])
    np.testing.assert_array_equal(np.asarray(out["z"][0]), [4.0, 6.0])
    f(p, npt.asarray([0.0, 0.0]))
    assert f.traces == 1


def test_returning_an_argument_and_numpy_inputs():
    f = npt.jit(lambda x, y: (x, y * 2))
    a, b = f(np.arange(3.0), np.ones(2))
    np.testing.assert_array_equal(np.asarray(a), [0.0, 1.0, 2.0])
    np.testing.assert_array_equal(np.asarray(b), [2.0, 2.0])


def test_explain_functions():
    @npt.jit
    def f(x):
        return npt.sum(npt.sin(x) ** 2 + npt.cos(x) ** 2)

    x = npt.ones(10)
    r = npt.explain(f)(x)
    s = str(r)
    assert "param" in s and "traces 1" in s and len(r.kernels) == 1
    r2 = npt.explain(lambda x: npt.exp(x) * 2)(x)
    assert len(r2.kernels) == 1
