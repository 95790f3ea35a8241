"""npt vs NumPy on the breadth functions of issue 10, in one run: std, var,
cumsum, sort, concatenate, median and unique over 10M
float64, median of the runs, npt's result materialized each time.

  .venv/bin/python bench/bench_breadth.py [--n 10000000] [--repeat 7]
"""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402
from bench_elementwise import median_ms  # noqa: E402  (the one timing loop of bench/)

WORKLOADS = [
    ("std", lambda m, x, y: m.std(x)),
    ("var axis=1 (1000 rows)", lambda m, x, y: m.var(x.reshape(1000, -1), axis=1)),
    ("cumsum", lambda m, x, y: m.cumsum(x)),
    ("sort", lambda m, x, y: m.sort(x)),
    ("concatenate", lambda m, x, y: m.concatenate([x, y])),
    ("median", lambda m, x, y: m.median(x)),
    ("unique", lambda m, x, y: m.unique(m.round(x * 1000))),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    rng = np.random.default_rng(0)
    xn, yn = rng.normal(size=args.n), rng.normal(size=args.n)
    xp, yp = npt.evaluate(npt.array(xn)), npt.evaluate(npt.array(yn))
    print(f"n = {args.n:,} float64; npt threads {npt.get_num_threads()}; cpu {npt.cache_info()['cpu']}")
    print(f"{'workload':26} {'numpy ms':>9} {'npt ms':>9} {'npt/numpy':>9}  same")
    for name, f in WORKLOADS:
        t_np = median_ms(lambda: f(np, xn, yn), args.repeat)
        t_npt = median_ms(lambda: np.asarray(f(npt, xp, yp)), args.repeat)
        same = np.allclose(np.asarray(f(npt, xp, yp)), f(np, xn, yn), rtol=1e-9, atol=1e-9)
        print(f"{name:26} {t_np:9.1f} {t_npt:9.1f} {t_npt / t_np:9.2f}  {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
