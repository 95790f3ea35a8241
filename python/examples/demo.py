"""npt demo: NumPy code, lazy, fused into one JIT-compiled kernel.

Run: .venv/bin/python python/examples/demo.py
"""
import statistics
import time

import numpy

import npt as np  # the same code runs with `import numpy as np`


def pipeline(np, x):
    """Standardize a signal, squash it, and measure its energy."""
    z = (x - 0.5) / 0.29
    y = np.tanh(z) * np.exp(-0.5 * z * z) + np.sin(x) ** 2 + np.cos(x) ** 2
    return (y * y).mean()


def timed(fn, repeat=7):
    fn()
    ts = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts) * 1e3


def main():
    n = 10_000_000
    x = np.linspace(0, 1, n, dtype=np.float32)
    xn = numpy.asarray(x)  # materializes x once (a fused iota kernel)

    e = pipeline(np, x)
    print(f"e = pipeline(x): shape {e.shape}, dtype {e.dtype} -- known before computing")
    print()
    print(np.explain(e))
    print()
    print(f"npt   = {float(e):.6f}")
    print(f"numpy = {float(pipeline(numpy, xn)):.6f}")
    t_np = timed(lambda: pipeline(numpy, xn))
    t_npt = timed(lambda: float(pipeline(np, x)))
    print(f"time on {n:,} float32: numpy {t_np:.1f} ms, npt {t_npt:.1f} ms "
          f"({t_np / t_npt:.1f}x, {np.get_num_threads()} threads)")
    print("cache:", np.cache_info())
    print()
    fit_logistic_regression()


def fit_logistic_regression():
    """Gradient descent with npt.grad inside @npt.jit: one traced step."""
    rng = numpy.random.default_rng(0)
    n, d = 4096, 8
    true_w = rng.normal(size=d)
    X = np.asarray(rng.normal(size=(n, d)))
    y = np.asarray((rng.uniform(size=n) < 1 / (1 + numpy.exp(-(numpy.asarray(X) @ true_w)))) * 1.0)

    def loss(w, b, X, y):
        z = X @ w + b
        # mean log-loss, written stably: log(1 + e^z) - y z
        return np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)

    @np.jit
    def step(w, b, X, y):
        value, (gw, gb) = np.value_and_grad(loss, argnums=(0, 1))(w, b, X, y)
        return value, w - 0.5 * gw, b - 0.5 * gb

    w, b = np.zeros(d), np.zeros(())
    print("logistic regression by gradient descent (npt.grad inside @npt.jit):")
    for it in range(60):
        value, w, b = step(w, b, X, y)
        if it % 10 == 0 or it == 59:
            print(f"  step {it:2d}  loss {float(value):.4f}")
    print(f"  traced {step.traces} time(s); |w - w_true| / |w_true| = "
          f"{numpy.linalg.norm(numpy.asarray(w) - true_w) / numpy.linalg.norm(true_w):.3f}")


if __name__ == "__main__":
    main()
