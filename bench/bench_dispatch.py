"""Dispatch overhead and a 2-layer MLP's value_and_grad, against peers
measured in the same run (NumPy, torch eager, torch autograd; JAX when
installed).

  .venv/bin/python bench/bench_dispatch.py
"""
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402
from bench_elementwise import times_ms  # noqa: E402  (the one timing loop of bench/)

try:
    import torch
    torch.set_num_threads(npt.get_num_threads())
except Exception:  # torch's Python module is optional here
    torch = None
try:
    import jax
    import jax.numpy as jnp
except Exception:
    jax = None


def per_call_us(fn, n, repeat=5):
    fn()
    best = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        best.append((time.perf_counter() - t0) / n * 1e6)
    return statistics.median(best)


def median_ms(fn, repeat=11):
    return statistics.median(times_ms(fn, repeat, warm=2))


def ten_ops(m, x):
    for _ in range(5):
        x = m.sin(x) * 0.5 + 1.0
    return x


def dispatch():
    print("== dispatch overhead (100-element float64 arrays), median of 5 runs ==")
    xn = np.linspace(0, 1, 100)
    xp = npt.evaluate(npt.array(xn))
    rows = []
    rows.append(("npt: record one lazy op (x + 1.0)", per_call_us(lambda: xp + 1.0, 20000)))
    rows.append(("numpy: one ufunc (x + 1.0)", per_call_us(lambda: xn + 1.0, 20000)))
    if torch is not None:
        xt = torch.from_numpy(xn)
        rows.append(("torch eager: one op (x + 1.0)", per_call_us(lambda: xt + 1.0, 20000)))
    f = npt.jit(lambda x: ten_ops(npt, x))
    rows.append(("npt: cached @npt.jit call, 10 ops", per_call_us(lambda: f(xp), 5000)))
    rows.append(("numpy: the same 10 ops", per_call_us(lambda: ten_ops(np, xn), 5000)))
    if torch is not None:
        rows.append(("torch eager: the same 10 ops", per_call_us(lambda: ten_ops(torch, xt), 5000)))
    if jax is not None:
        jf = jax.jit(lambda x: ten_ops(jnp, x))
        xj = jnp.asarray(xn)
        rows.append(("jax.jit: cached call, 10 ops",
                     per_call_us(lambda: jf(xj).block_until_ready(), 5000)))
    else:
        rows.append(("jax.jit: not installed", float("nan")))
    for name, us in rows:
        print(f"  {name:42} {us:8.2f} us")
    assert f.traces == 1
    return rows


def mlp():
    print("== value_and_grad of a 2-layer MLP loss (batch 1024, width 256, float32) ==")
    rng = np.random.default_rng(0)
    B, D, H, O = 1024, 256, 256, 10
    Xn = rng.normal(size=(B, D)).astype(np.float32)
    Yn = rng.normal(size=(B, O)).astype(np.float32)
    W1n = (rng.normal(size=(D, H)) / np.sqrt(D)).astype(np.float32)
    b1n = np.zeros(H, np.float32)
    W2n = (rng.normal(size=(H, O)) / np.sqrt(H)).astype(np.float32)
    b2n = np.zeros(O, np.float32)

    def loss(W1, b1, W2, b2, X, Y, m=npt):
        h = m.tanh(X @ W1 + b1)
        return m.mean((h @ W2 + b2 - Y) ** 2)

    vg = npt.jit(npt.value_and_grad(loss, argnums=(0, 1, 2, 3)))
    args = [npt.evaluate(npt.array(a)) for a in (W1n, b1n, W2n, b2n, Xn, Yn)]
    val, grads = vg(*args)
    t_npt = median_ms(lambda: npt.evaluate(*vg(*args)[1]))
    print(f"  npt jit(value_and_grad)          {t_npt:8.2f} ms  (loss {float(val):.5f})")
    res = {"npt": t_npt}
    if torch is not None:
        tp = [torch.tensor(a, requires_grad=True) for a in (W1n, b1n, W2n, b2n)]
        tX, tY = torch.from_numpy(Xn), torch.from_numpy(Yn)

        def torch_vg():
            for p in tp:
                p.grad = None
            h = torch.tanh(tX @ tp[0] + tp[1])
            l = ((h @ tp[2] + tp[3] - tY) ** 2).mean()
            l.backward()
            return l

        t_torch = median_ms(torch_vg)
        lt = torch_vg().detach()
        err = max(float(np.max(np.abs(np.asarray(g) - p.grad.numpy()))) for g, p in zip(grads, tp))
        print(f"  torch autograd (eager)           {t_torch:8.2f} ms  (loss {lt.item():.5f}; "
              f"max |grad diff| {err:.1e})")
        print(f"  ratio torch / npt                {t_torch / t_npt:8.2f}x")
        res["torch"] = t_torch
    if jax is not None:
        jvg = jax.jit(jax.value_and_grad(lambda *a: loss(*a, m=jnp), argnums=(0, 1, 2, 3)))
        ja = [jnp.asarray(a) for a in (W1n, b1n, W2n, b2n, Xn, Yn)]
        t_jax = median_ms(lambda: jax.block_until_ready(jvg(*ja)))
        print(f"  jax.jit(value_and_grad)          {t_jax:8.2f} ms  ratio jax / npt {t_jax / t_npt:.2f}x")
    else:
        print("  jax: not installed")
    return res


if __name__ == "__main__":
    print(f"npt threads: {npt.get_num_threads()}; cpu {npt.cache_info()['cpu']}")
    dispatch()
    mlp()
