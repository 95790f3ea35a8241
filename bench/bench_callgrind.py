"""Instruction counts of the small-array path under valgrind's callgrind:
stable on noisy shared machines, where microsecond timings are not. Each
workload runs in two child processes under callgrind, one that sets up and
warms up only and one that then runs N more iterations; the difference over
N is the instructions per iteration (import, setup and compiles cancel out).

Workloads: recording one lazy op on 100 float64 (npt; the constant differs
each time, so no node is reused), the 10 ops on 100
float64 of bench_suite eager (npt and NumPy, values read each time), and a
cached @npt.jit call of them.

  .venv/bin/python bench/bench_callgrind.py [--n 200]   (needs valgrind: apt install valgrind)
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")

SETUP = """
import sys
sys.path.insert(0, {python!r})
import numpy as np
import npt

def ten_ops(m, x):
    for _ in range(5):
        x = m.sin(x) * 0.5 + 1.0
    return x

xn = np.linspace(0, 1, 100)
xp = npt.evaluate(npt.array(xn))
jf = npt.jit(lambda x: ten_ops(npt, x))
"""

WORKLOADS = {
    "npt: record one lazy op (x + c)": "xp + _i * 1e-9",  # (a new c each time: no node is reused)
    "npt: 10 ops on 100 f64, eager (values read)": "np.asarray(ten_ops(npt, xp))",
    "npt: cached @npt.jit call of the 10 ops": "np.asarray(jf(xp))",
    "numpy: 10 ops on 100 f64": "ten_ops(np, xn)",
}


def instructions(code, workdir):
    out = os.path.join(workdir, "cg.out")
    # one npt thread: idle pool threads would add instructions that vary run to
    # run; compiles in the warm-up, in the foreground, and never the disk cache
    # (the second run would load what the first compiled: a negative difference)
    env = dict(os.environ, NPT_NUM_THREADS="1", OMP_NUM_THREADS="1", NPT_TIERED="0", NPT_DISK_CACHE="0")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", code],
                       capture_output=True, text=True, env=env)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-3000:])
    m = re.search(r"Collected : (\d+)", p.stderr)
    return int(m.group(1))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="iterations measured per workload")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed (apt install valgrind)")
    setup = SETUP.format(python=os.path.join(ROOT, "python"))
    print(f"instructions per iteration (callgrind; difference of {args.n} + warm-up and warm-up alone)")
    with tempfile.TemporaryDirectory() as d:
        for name, stmt in WORKLOADS.items():
            warm = setup + f"for _i in range(20):\n    {stmt}\n"
            base = instructions(warm, d)
            full = instructions(warm + f"for _i in range({args.n}):\n    {stmt}\n", d)
            print(f"  {name:46} {(full - base) / args.n:12,.0f}", flush=True)


if __name__ == "__main__":
    main()
