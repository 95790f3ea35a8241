"""Threads share npt: record, evaluate, jit and grad at once, never hang, never differ.

Each run is a fresh process (_thread_stress.py): the deadlock this guards
against needed first-use initialization to race, which only a new process
has. 50 runs, two at a time, each under a timeout.
"""
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np

import npt

HERE = os.path.dirname(os.path.abspath(__file__))
RUNS = 50
TIMEOUT_S = 120


def _run(seed):
    env = dict(os.environ, NPT_STRESS_TIMEOUT=str(TIMEOUT_S - 30))
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "_thread_stress.py"), str(seed)],
                           capture_output=True, text=True, timeout=TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return seed, "HANG (killed after the test's timeout)"
    if p.returncode == 0:
        return seed, None
    return seed, f"exit {p.returncode}:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}"


def test_threads_stress_in_fresh_processes():
    with ThreadPoolExecutor(2) as ex:
        results = list(ex.map(_run, range(RUNS)))
    bad = [(s, why) for s, why in results if why]
    assert not bad, f"{len(bad)} of {RUNS} runs failed; first: seed {bad[0][0]}: {bad[0][1]}"


def _run_threads(fn, n, timeout_s=120):
    threads = [threading.Thread(target=fn, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout_s)
    assert not any(t.is_alive() for t in threads), "threads hung"


def test_threads_share_arrays_in_process():
    """The same in one process: a lazy array evaluated by many threads at once
    is computed once and seen the same by all."""
    base = np.random.default_rng(0).random(100_000)
    shared = npt.exp(npt.asarray(base)) - 1
    want = np.exp(base) - 1
    out, barrier = [None] * 8, threading.Barrier(8)

    def read(i):
        barrier.wait()
        out[i] = np.asarray(shared + i)

    _run_threads(read, 8)
    for i, o in enumerate(out):
        np.testing.assert_allclose(o, want + i, rtol=1e-12, atol=1e-14)


def test_kernel_errors_stay_with_their_launch():
    """An integer power with a negative exponent raises on its own thread
    only: the error is the launch's, not a flag shared by all kernels."""
    big = np.arange(200_000, dtype=np.int64) % 7  # several pool tasks per launch
    neg = big.copy()
    neg[123_456] = -1
    failures, barrier = [], threading.Barrier(8)

    def run(i):
        barrier.wait()
        for _ in range(20):
            exps = neg if i % 2 else big
            try:
                got = np.asarray(npt.power(npt.asarray(big), npt.asarray(exps)))
                if i % 2:
                    failures.append(f"thread {i}: no error for a negative exponent")
                elif not np.array_equal(got, big ** big):
                    failures.append(f"thread {i}: wrong values")
            except ValueError as e:
                if not i % 2 or "negative integer powers" not in str(e):
                    failures.append(f"thread {i}: {e!r}")

    _run_threads(run, 8)
    assert not failures, failures[:5]
