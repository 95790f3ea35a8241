"""Write loops, npt vs NumPy in the same run: 1-D and 2-D Jacobi stencils
(100 steps of `a[1:-1] = 0.5 * (a[:-2] + a[2:])` and its 2-D form) and a
row-by-row assignment loop. Each case runs in a fresh process, so the peak
RSS it reports is its own.

  .venv/bin/python bench/bench_writes.py [--n1 1000000] [--n2 1000] [--repeat 5]
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import numpy

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))


def jacobi1(np, a, steps):
    for _ in range(steps):
        a[1:-1] = 0.5 * (a[:-2] + a[2:])
    return a


def jacobi2(np, a, steps):
    for _ in range(steps):
        a[1:-1, 1:-1] = 0.25 * (a[:-2, 1:-1] + a[2:, 1:-1] + a[1:-1, :-2] + a[1:-1, 2:])
    return a


def rows(np, a, steps):
    out = np.zeros(a.shape)
    for i in range(a.shape[0]):
        out[i] = a[i] * 2.0 + 1.0
    return out


CASES = {"jacobi 1-D": (jacobi1, "n1", 1), "jacobi 2-D": (jacobi2, "n2", 2), "row assignment": (rows, "n2", 2)}


def child(lib, case, n, repeat):
    fn, _, ndim = CASES[case]
    if lib == "npt":
        import npt as np
    else:
        np = numpy
    shape = (n,) if ndim == 1 else (n, n)
    x0 = numpy.sin(numpy.arange(numpy.prod(shape), dtype=numpy.float64)).reshape(shape)
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB, before any step
    times = []
    for _ in range(repeat + 1):
        a = np.asarray(x0.copy())
        t0 = time.perf_counter()
        r = fn(np, a, 100)
        numpy.asarray(r)  # materialize
        times.append(time.perf_counter() - t0)
    out = numpy.asarray(r)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # MiB
    return {"ms": statistics.median(times[1:]) * 1e3, "rss": rss, "grew": rss - rss0, "sum": float(out.sum())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n1", type=int, default=1_000_000)
    ap.add_argument("--n2", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--child", nargs=3)
    args = ap.parse_args()
    if args.child:
        lib, case, n = args.child
        print(json.dumps(child(lib, case, int(n), args.repeat)))
        return
    hdr = (f"{'case':16} {'size':>10} {'numpy ms':>9} {'npt ms':>9} {'npt/numpy':>9} {'numpy MiB':>10} "
           f"{'npt MiB':>8} {'numpy +MiB':>10} {'npt +MiB':>8}  same")
    print(hdr)
    print("-" * len(hdr))
    for case, (_, size_arg, ndim) in CASES.items():
        n = getattr(args, size_arg)
        res = {}
        for lib in ("numpy", "npt"):
            out = subprocess.run([sys.executable, __file__, "--repeat", str(args.repeat), "--child", lib, case, str(n)],
                                 capture_output=True, text=True, check=True)
            res[lib] = json.loads(out.stdout)
        a, b = res["numpy"], res["npt"]
        same = abs(a["sum"] - b["sum"]) <= 1e-9 * max(1.0, abs(a["sum"]))
        size = f"{n}" if ndim == 1 else f"{n}x{n}"
        print(f"{case:16} {size:>10} {a['ms']:9.1f} {b['ms']:9.1f} {b['ms'] / a['ms']:9.2f} "
              f"{a['rss']:10.0f} {b['rss']:8.0f} {a['grew']:10.0f} {b['grew']:8.0f}  {'yes' if same else 'NO'}")
    print("ms: median of the runs of 100 steps (rows: one pass over every row); MiB: peak RSS of the "
          "process; +MiB: how much the peak grew from before the first step (imports, the input array and "
          "LibTorch come before)")


if __name__ == "__main__":
    main()
