"""npt vs NumPy (and numexpr when installed) on fused elementwise work.

Prints, measured in one run: median times, ratios over NumPy, and the
bandwidth floor (bytes that must move / a measured copy bandwidth), with npt
on one thread and on all threads.

  .venv/bin/python bench/bench_elementwise.py [--n 10000000] [--repeat 15]
"""
import argparse
import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402

try:
    import numexpr
except ImportError:
    numexpr = None


def times_ms(fn, repeat, warm=1):
    """`repeat` timed calls of fn (ms) after `warm` untimed ones (compile, page
    in): the one timing loop of bench/."""
    for _ in range(warm):
        fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return times


def median_ms(fn, repeat):
    return statistics.median(times_ms(fn, repeat))


def copy_bandwidth(n, repeat):
    """GB/s of a plain copy (bytes read + written), into a pre-touched buffer."""
    src = np.ones(n, dtype=np.float32)
    dst = np.empty_like(src)
    dst.fill(0)
    ms = median_ms(lambda: np.copyto(dst, src), repeat)
    return 2 * src.nbytes / (ms * 1e-3) / 1e9


WORKLOADS = [
    # name, numpy/npt function (same code), numexpr string, bytes that must move (per element)
    ("6-op chain ((x*1.5+2)*x-0.5)/(x+3)",
     lambda m, x: ((x * 1.5 + 2) * x - 0.5) / (x + 3), "((x*1.5+2)*x-0.5)/(x+3)", 8),
    ("sin chain (sin(x)*2+x*x-1)/(x+3)",
     lambda m, x: (m.sin(x) * 2 + x * x - 1) / (x + 3), "(sin(x)*2+x*x-1)/(x+3)", 8),
    ("variance ((x - x.mean())**2).mean()",
     lambda m, x: ((x - x.mean()) ** 2).mean(), None, 4),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    n = args.n
    xn = np.linspace(0, 1, n, dtype=np.float32)
    xp = npt.evaluate(npt.array(xn))
    bw = copy_bandwidth(n, args.repeat)
    nthreads = npt.get_num_threads()
    print(f"n = {n:,} float32; copy bandwidth {bw:.1f} GB/s; npt threads: 1 and {nthreads}; "
          f"cpu {npt.cache_info()['cpu']}")
    header = f"{'workload':40} {'floor':>7} {'numpy':>8} {'numexpr':>9} {'npt 1T':>14} {'npt {}T'.format(nthreads):>14}  {'1T/floor':>8}"
    print(header)
    print("-" * len(header))
    for name, f, ne_expr, bpe in WORKLOADS:
        floor = bpe * n / (bw * 1e9) * 1e3
        t_np = median_ms(lambda: f(np, xn), args.repeat)
        t_ne = None
        if numexpr is not None and ne_expr:
            t_ne = median_ms(lambda: numexpr.evaluate(ne_expr, local_dict={"x": xn}), args.repeat)
        res = {}
        for th in (1, nthreads):
            npt.set_num_threads(th)
            res[th] = median_ms(lambda: npt.evaluate(f(npt, xp)), args.repeat)
        npt.set_num_threads(nthreads)
        ok = np.allclose(np.asarray(f(npt, xp)), f(np, xn), rtol=1e-4, atol=1e-5)
        ne = f"{t_ne:6.2f} ({t_np / t_ne:.1f}x)" if t_ne else "      -"
        print(f"{name:40} {floor:6.2f}  {t_np:7.2f} {ne:>9} "
              f"{res[1]:6.2f} ({t_np / res[1]:4.1f}x) {res[nthreads]:6.2f} ({t_np / res[nthreads]:4.1f}x)"
              f"  {res[1] / floor:6.2f}x{'' if ok else '  MISMATCH'}")
    print("times: median ms; (Nx) = speedup over NumPy; 1T/floor = npt one-thread time / floor")


if __name__ == "__main__":
    main()
