"""npt vs NumPy on the breadth functions of issue 11, in one run: linalg
(solve, svd, eigh), fft (1-D 2**20, 2-D 2048x2048), einsum (a contraction
and an elementwise-and-reduce pattern) and default_rng().standard_normal
(10M). Median of the runs; npt's result materialized each time; "same"
checks npt's values against NumPy's (exactly for the random draw).

  .venv/bin/python bench/bench_breadth2.py [--repeat 5] [--n 1000]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402
from bench_elementwise import median_ms  # noqa: E402  (the one timing loop of bench/)


def _close(a, b, rtol=1e-8, atol=1e-8):  # noqa: D103
    return np.allclose(a, b, rtol=rtol, atol=atol)


def workloads(n):
    """(name, f(module, *inputs), inputs, same): f runs on NumPy's inputs
    and on the same values already in npt (converted once, outside the timing)."""
    rng = np.random.default_rng(0)
    a = rng.normal(size=(n, n)) + n * np.eye(n)
    b = rng.normal(size=(n, 8))
    s = a + a.T
    x1 = rng.normal(size=2 ** 20)
    x2 = rng.normal(size=(2048, 2048))
    p, q = rng.normal(size=(64, 128, 96)), rng.normal(size=(64, 96, 80))
    u, v = rng.normal(size=(4000, 1000)), rng.normal(size=(4000, 1000))
    return [
        (f"solve {n}x{n}, 8 rhs", lambda m, a, b: m.linalg.solve(a, b), (a, b), _close),
        (f"svd {n}x{n} (values)", lambda m, a: m.linalg.svd(a, compute_uv=False), (a,), _close),
        (f"svd {n}x{n} (full)", lambda m, a: m.linalg.svd(a)[1], (a,), _close),
        (f"eigh {n}x{n}", lambda m, s: m.linalg.eigh(s)[0], (s,), _close),
        ("fft 2^20", lambda m, x: m.fft.fft(x), (x1,), _close),
        ("fft2 2048x2048", lambda m, x: m.fft.fft2(x), (x2,), lambda r, e: _close(r, e, 1e-8, 1e-6)),
        ("einsum bij,bjk->bik", lambda m, p, q: m.einsum("bij,bjk->bik", p, q), (p, q), _close),
        ("einsum ij,ij->i", lambda m, u, v: m.einsum("ij,ij->i", u, v), (u, v), _close),
        ("standard_normal 10M", lambda m: m.random.default_rng(42).standard_normal(10_000_000), (),
         np.array_equal),
    ]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--n", type=int, default=1000)
    args = ap.parse_args()
    print(f"npt threads {npt.get_num_threads()}; cpu {npt.cache_info()['cpu']}")
    print(f"{'workload':24} {'numpy ms':>9} {'npt ms':>9} {'npt/numpy':>9}  same")
    for name, f, ins, same in workloads(args.n):
        ins_npt = [npt.evaluate(npt.array(x)) for x in ins]
        t_np = median_ms(lambda: f(np, *ins), args.repeat)
        t_npt = median_ms(lambda: np.asarray(f(npt, *ins_npt)), args.repeat)
        ok = same(np.asarray(f(npt, *ins_npt)), f(np, *ins))
        print(f"{name:24} {t_np:9.1f} {t_npt:9.1f} {t_npt / t_np:9.2f}  {'yes' if ok else 'NO'}", flush=True)


if __name__ == "__main__":
    main()
