"""One run of the thread stress test (test_threads.py starts it as a fresh process).

Eight threads start together right after `import npt` (first-use
initialization races happen then) and each runs a mix of programs: new graph
structures so that kernels compile at the same time, a lazy array that every
thread materializes, a shared jitted function traced for new shapes, grad,
ndarray methods that import lazily, imports of their own, and a thread that
changes the pool size. Every result is checked against NumPy or a closed
form. Exit status: 0 when all agree, 1 on a difference, 3 on a hang.

Usage: python _thread_stress.py SEED
"""
import importlib
import os
import sys
import threading
import traceback

import numpy

import npt as np

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 0
NTHREADS = 8
TIMEOUT_S = float(os.environ.get("NPT_STRESS_TIMEOUT", "120"))

UNARY = ["sin", "cos", "exp", "tanh", "arctan", "sqrt", "log1p", "expm1", "sinh", "absolute"]


def close(got, want, rtol):
    numpy.testing.assert_allclose(numpy.asarray(got), want, rtol=rtol, atol=rtol)


def issue_repro(t):
    """The program that hung: NumPy's generator, then a small npt expression."""
    x = numpy.random.default_rng(t).random(1000 + 37 * t)
    r = float((np.sin(np.asarray(x)) * (t + 1) + np.asarray(x) ** 2).sum())
    close(r, (numpy.sin(x) * (t + 1) + x ** 2).sum(), 1e-12)


def fresh_structure(t):
    """A graph structure no other thread builds: its kernel compiles now."""
    k = SEED * NTHREADS + t
    f, g = UNARY[k % len(UNARY)], UNARY[(k // len(UNARY) + t) % len(UNARY)]
    dtype = ["float32", "float64"][k % 2]
    shape = [(70001,), (150, 201), (6, 35, 11)][k % 3]  # big enough to split over the pool
    rng = numpy.random.default_rng(k)
    a = rng.uniform(0.1, 1.0, shape).astype(dtype)
    x = np.asarray(a)
    c = float(k % 5 + 2)
    got = (getattr(np, f)(getattr(np, g)(x)) * c + x).mean(axis=-1)
    want = (getattr(numpy, f)(getattr(numpy, g)(a)) * c + a).mean(axis=-1)
    close(got, want, 2e-5 if dtype == "float32" else 1e-12)


def shared_lazy(t, shared, base):
    """Every thread reads (and so materializes) the same lazy array."""
    close(shared + t, numpy.cos(base) * 2 + 1 + t, 1e-12)
    close(float(shared.sum()), (numpy.cos(base) * 2 + 1).sum(), 1e-12)


@np.jit
def jitted(a, b):
    return np.tanh(a @ b).sum(axis=0) * 2


def shared_jit(t):
    """One jitted function, traced for a new shape on each thread."""
    rng = numpy.random.default_rng(100 + t)
    a, b = rng.normal(size=(3 + t, 4)), rng.normal(size=(4, 2 + t))
    close(jitted(np.asarray(a), np.asarray(b)), numpy.tanh(a @ b).sum(axis=0) * 2, 1e-12)


def gradient(t):
    """grad of sum(sin(w x)^2) against its closed form sum(sin(2 w x) x)."""
    x = numpy.linspace(-1, 1, 500 + t)
    w = 0.5 + t
    g = np.grad(lambda w_: np.sum(np.sin(w_ * np.asarray(x)) ** 2))(np.asarray(w))
    close(g, numpy.sum(numpy.sin(2 * w * x) * x), 1e-10)


def lazy_imports(t):
    """Methods that import inside npt, and imports of the thread's own."""
    importlib.import_module(["decimal", "fractions", "statistics", "json", "csv", "uuid",
                             "difflib", "calendar"][t])
    a = numpy.arange(-5, 5, dtype="int16")
    close(np.asarray(a).clip(-2, 3), a.clip(-2, 3), 0)
    report = str(np.explain(np.asarray(a) * 2))
    assert "kernel" in report


def pool_resize(t):
    """Changing the pool size while other threads launch kernels."""
    if t == NTHREADS - 1:
        n = np.get_num_threads()
        np.set_num_threads(1)
        np.set_num_threads(n)


def worker(t, barrier, shared, base, errors):
    programs = [issue_repro, fresh_structure, lambda t: shared_lazy(t, shared, base), shared_jit,
                gradient, lazy_imports, pool_resize]
    order = programs[t % len(programs):] + programs[:t % len(programs)]
    barrier.wait()
    for p in order:
        try:
            p(t)
        except Exception:  # noqa: BLE001  (reported by the main thread)
            errors.append(f"thread {t}: {traceback.format_exc()}")


def main():
    # Built from npt's own creation functions: the first conversion from or
    # to NumPy happens in the threads (pybind11's NumPy table is made then).
    base = numpy.linspace(SEED, SEED + 1, 257 * 129).reshape(257, 129)
    shared = np.cos(np.linspace(SEED, SEED + 1, 257 * 129).reshape(257, 129)) * 2 + 1  # lazy
    barrier = threading.Barrier(NTHREADS)
    errors = []
    threads = [threading.Thread(target=worker, args=(t, barrier, shared, base, errors), daemon=True)
               for t in range(NTHREADS)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(TIMEOUT_S)
    if any(th.is_alive() for th in threads):
        sys.stdout.write(f"HANG: threads still running after {TIMEOUT_S} s (seed {SEED})\n")
        sys.stdout.flush()
        os._exit(3)
    if errors:
        sys.stdout.write("\n".join(errors))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
