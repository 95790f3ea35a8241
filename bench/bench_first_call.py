"""First-call latency of a new program structure: compile first
(NPT_TIERED=0), tiered (the reference executor while the kernel compiles
in the background), and a warm start from the kernel disk cache, against
the same ops run eagerly by torch (ATen, what the reference tier runs).

Each mode runs in fresh processes; each process first warms ATen and the JIT
on another structure, then times the first call of new 10-op structures
(5 unary/binary ops twice, then a sum; 100 float64), one per structure, and
reads the compile and disk-load times npt reports. Medians over structures.

  .venv/bin/python bench/bench_first_call.py [--structures 8]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

CHILD = r"""
import json, sys, time
sys.path.insert(0, {python!r})
import numpy as np
import torch
import npt
OPS = ["sin", "cos", "exp", "tanh", "arctan", "sinh", "expm1", "log1p"]
def program(m, x, s):
    y = x
    for i in range(5):
        y = getattr(m, OPS[(s + 3 * i) % len(OPS)])(y * 0.5) + 0.1 * (s + 1)  # (bounded values)
    return y.sum()
xn = np.linspace(0.1, 0.9, 100)
x = npt.array(xn)
xt = torch.from_numpy(xn)
float(npt.sqrt(x * 2 + 1).sum()); program(torch, xt, 0)  # warm ATen and the JIT elsewhere
time.sleep(0.2)
out = []
for s in range({first}, {first} + {n}):
    before = npt.cache_info()
    t = time.perf_counter(); v = float(program(npt, x, s)); t1 = time.perf_counter()
    after = npt.cache_info()
    assert abs(v - float(program(np, xn, s))) < 1e-9 * abs(v)
    t2 = time.perf_counter(); program(torch, xt, s).item(); t3 = time.perf_counter()
    out.append(dict(first_ms=(t1 - t) * 1e3, torch_ms=(t3 - t2) * 1e3,
                    compile_ms=after["compile_ms"] - before["compile_ms"],
                    compiles=after["compiles"] - before["compiles"],
                    load_ms=after["disk_load_ms"] - before["disk_load_ms"],
                    loads=after["disk_loads"] - before["disk_loads"]))
    time.sleep(0.1)  # (the background compile finishes; the next structure is new again)
print(json.dumps(out))
"""


def child(n, first, **env):
    code = CHILD.format(python=os.path.join(ROOT, "python"), n=n, first=first)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=dict(os.environ, **env), timeout=600)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-3000:])
    return json.loads(p.stdout)


def med(rows, k):
    return statistics.median(r[k] for r in rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--structures", type=int, default=8)
    n = ap.parse_args().structures
    with tempfile.TemporaryDirectory() as cache:
        compile_first = child(n, 0, NPT_TIERED="0", NPT_DISK_CACHE="0")
        tiered = child(n, 0, NPT_TIERED="1", NPT_DISK_CACHE="0")
        child(n, 0, NPT_TIERED="0", NPT_CACHE_DIR=cache)  # fills the disk cache
        warm = child(n, 0, NPT_TIERED="1", NPT_CACHE_DIR=cache)
    eager = med(compile_first + tiered + warm, "torch_ms")
    print(f"first call of a new 10-op structure (+ sum) on 100 float64; median of {n} structures")
    print(f"  torch eager (ATen) of the same ops      {eager * 1e3:9.0f} us")
    for name, rows in (("npt, compile first (NPT_TIERED=0)", compile_first), ("npt, tiered (default)", tiered),
                       ("npt, warm start from the disk cache", warm)):
        print(f"  {name:40} {med(rows, 'first_ms') * 1e3:9.0f} us   ({med(rows, 'first_ms') / eager:5.1f}x eager)")
    print(f"  cold compile of the kernel               {med(compile_first, 'compile_ms'):9.2f} ms")
    loads = [r["load_ms"] / r["loads"] for r in warm if r["loads"]]
    print(f"  loading it from the disk cache           {statistics.median(loads):9.3f} ms per kernel"
          f" ({sum(r['loads'] for r in warm)} loads, {sum(r['compiles'] for r in warm)} compiles)")


if __name__ == "__main__":
    main()
