"""The tape-style gradients (x._requires_grad_(), loss._backward(), x._grad,
npt._no_grad()) against torch.autograd on the same programs, writes
included."""
import numpy as np
import pytest
import torch

import npt


def _close(a, t):
    np.testing.assert_allclose(np.asarray(a), t.detach().numpy(), rtol=1e-12, atol=1e-14)


def _pair(*arrays):
    """The same values as npt leaves and torch leaves, both requiring grad."""
    return ([npt.array(a)._requires_grad_() for a in arrays],
            [torch.tensor(a, requires_grad=True) for a in arrays])


R = np.random.default_rng(0)
X, Y = R.standard_normal((32, 8)), R.standard_normal((32, 2))
W1, B1, W2 = R.standard_normal((8, 16)) * 0.3, R.standard_normal(16) * 0.1, R.standard_normal((16, 2)) * 0.3


def _mlp(m, w1, b1, w2, x, y):
    h = m.tanh(x @ w1 + b1)
    return ((h @ w2 - y) ** 2).mean()


def test_mlp_training_loop_matches_torch():
    ps, ts = _pair(W1, B1, W2)
    x, y = npt.array(X), npt.array(Y)
    tx, ty = torch.tensor(X), torch.tensor(Y)
    for _ in range(3):
        loss = _mlp(npt, *ps, x, y)
        print(float(loss))  # (values read between the forward and backward passes)
        loss._backward()
        tl = _mlp(torch, *ts, tx, ty)
        tl.backward()
        _close(loss, tl)
        for p, t in zip(ps, ts):
            _close(p._grad, t.grad)
        with npt._no_grad():
            for p in ps:
                p -= 0.1 * p._grad
                p._grad = None
        with torch.no_grad():
            for t in ts:
                t -= 0.1 * t.grad
                t.grad = None
    for p, t in zip(ps, ts):
        _close(p, t)
        assert p._requires_grad and p._grad is None


def test_gradients_accumulate_until_reset():
    (a,), (t,) = _pair(np.linspace(-1, 1, 5))
    for _ in range(2):
        (npt.sin(a) * a).sum()._backward()
        (torch.sin(t) * t).sum().backward()
    _close(a._grad, t.grad)
    a._grad = None
    assert a._grad is None


def test_writes_into_intermediates_differentiate():
    (a, b), (ta, tb) = _pair(np.linspace(0.5, 2, 6), np.linspace(-1, 1, 6))
    h = a * b
    h[1:4] = npt.exp(h[1:4]) * 2       # a write into a slice
    h[0] += a[5] ** 2                  # an in-place op
    h[np.array([True, False, True, False, False, True])] *= 3.0  # through a mask
    (h ** 2).sum()._backward()
    th = ta * tb
    th = th.clone()
    th[1:4] = torch.exp(th[1:4]) * 2
    th[0] += ta[5] ** 2
    th[torch.tensor([True, False, True, False, False, True])] *= 3.0
    (th ** 2).sum().backward()
    _close(a._grad, ta.grad)
    _close(b._grad, tb.grad)


def test_backward_with_a_cotangent_and_leaves_it_does_not_reach():
    (a, unused), (ta, _) = _pair(np.linspace(0, 1, 4), np.ones(3))
    g = np.array([1.0, -2.0, 0.5, 3.0])
    (npt.cos(a) * 2)._backward(g)
    (torch.cos(ta) * 2).backward(torch.tensor(g))
    _close(a._grad, ta.grad)
    assert unused._grad is None  # (as torch leaves a leaf the loss does not use)


def test_no_grad_results_are_off_the_tape():
    (a,), _ = _pair(np.arange(3.0))
    with npt._no_grad():
        c = (a * 2).sum()
    assert_values = np.asarray(c)
    assert assert_values == 6.0
    with pytest.raises(RuntimeError, match="does not require grad"):
        c._backward()
    with pytest.raises(RuntimeError, match="does not require grad"):
        npt.ones(3).sum()._backward()

    @npt._no_grad()  # (a decorator too, as torch.no_grad)
    def f(v):
        return (v ** 2).sum()
    with pytest.raises(RuntimeError, match="does not require grad"):
        f(a)._backward()


def test_errors_as_torch():
    with pytest.raises(RuntimeError, match="floating point and complex dtype"):
        npt.arange(3)._requires_grad_()
    (a,), _ = _pair(np.ones((2, 2)))
    with pytest.raises(RuntimeError, match="implicitly created only for scalar outputs"):
        (a * 2)._backward()
    with pytest.raises(RuntimeError, match="Mismatch in shape"):
        (a * 2)._backward(np.ones(3))
    b = npt.ones(3)._requires_grad_()
    b._requires_grad_(False)
    assert not b._requires_grad


def test_the_tape_lets_go_of_history_when_its_leaves_die():
    import gc
    (a,), _ = _pair(np.ones(4))
    (a * 3).sum()._backward()
    del a
    gc.collect()
    from npt import _tape
    assert not _tape._leaves  # (and history is no longer kept for materialized values)
    x = npt.array(np.ones(3)) + 1
    npt.evaluate(x)
    assert x._h.materialized


def test_a_leaf_of_shared_memory_becomes_npts_own_copy():
    x = np.linspace(0, 1, 4)
    keep = x.copy()
    w = npt.asarray(x)._requires_grad_()
    t = torch.tensor(keep, requires_grad=True)
    x[0] = 100.0  # (NumPy's later write: the leaf is npt's copy now)
    (npt.sin(w) * w).sum()._backward()
    (torch.sin(t) * t).sum().backward()
    _close(w._grad, t.grad)
    with npt._no_grad():
        w -= 1.0
    assert x[1:].tolist() == keep[1:].tolist()
