"""The performance table of issue 13, in one run: npt (eager and @npt.jit)
against NumPy, numexpr, numba (parallel), jax.jit and torch.compile where
they are installed (`scripts/setup.sh --bench` installs the optional ones),
each row in the same process, peers in rotating order, best of the runs.

Rows: a transcendental chain and an arithmetic chain over 10M float32, the
variance pattern, row softmax and row logsumexp over 4096x4096 float32, 10
ops on 100 float64 (microseconds per call: the small-array path),
Black-Scholes over 1M float64 (npt.special.erf), a 1-D Jacobi stencil loop,
and an MLP's value_and_grad (batch 1024, width 256) against
jax.jit(jax.value_and_grad) and torch autograd. It prints each time, the
speed-up over NumPy (NumPy's time / the peer's), and for the memory-bound
rows the bandwidth floor (bytes that must move / a measured copy bandwidth);
--csv writes the same table.

  .venv/bin/python bench/bench_suite.py [--repeat 7] [--quick] [--csv out.csv]
"""
import argparse
import csv
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402
from bench_elementwise import times_ms  # noqa: E402  (the one timing loop of bench/)


def _optional(name):
    try:
        return __import__(name)
    except Exception:
        return None


numexpr = _optional("numexpr")
numba = _optional("numba")
torch = _optional("torch")
jax = _optional("jax")
if jax is not None:
    jax.config.update("jax_enable_x64", True)
    import jax.numpy as jnp
    import jax.scipy.special as jsp


def best_ms(fn, repeat):
    """Best of `repeat` timed calls after two warm ones (compiles, page faults)."""
    return min(times_ms(fn, repeat, warm=2))


def copy_bandwidth(n, repeat):
    """GB/s of the faster copy of n float32 (bytes read + written): NumPy's
    (one thread) or npt's kernel on all its threads, which the floor of a
    threaded npt must be measured against."""
    src = np.ones(n, dtype=np.float32)
    dst = np.zeros_like(src)
    ms = best_ms(lambda: np.copyto(dst, src), repeat)
    x = npt.array(src)
    ms = min(ms, best_ms(lambda: npt.evaluate(x * 1.0), repeat))
    return 2 * src.nbytes / (ms * 1e-3) / 1e9


# ---- the programs, written once over a module m (numpy, npt, jnp, torch) ----

def sin_chain(m, x):
    return (m.sin(x) * 2 + x * x - 1) / (x + 3)


def arith_chain(m, x):
    return ((x * 1.5 + 2) * x - 0.5) / (x + 3)


def variance(m, x):
    return ((x - x.mean()) ** 2).mean()


def softmax(m, x):
    e = m.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def logsumexp(m, x):
    mx = x.max(axis=1, keepdims=True)
    return m.log(m.exp(x - mx).sum(axis=1)) + mx[:, 0]


def ten_ops(m, x):
    for _ in range(5):
        x = m.sin(x) * 0.5 + 1.0
    return x


def black_scholes(m, erf, s, k, t, r=0.02, v=0.3):
    d1 = (m.log(s / k) + (r + 0.5 * v * v) * t) / (v * m.sqrt(t))
    d2 = d1 - v * m.sqrt(t)
    cdf = lambda z: 0.5 * (1 + erf(z / math.sqrt(2)))  # noqa: E731
    return s * cdf(d1) - k * m.exp(-r * t) * cdf(d2)


def jacobi(m, a, steps):
    for _ in range(steps):
        a[1:-1] = 0.5 * (a[:-2] + a[2:])
    return a


_TORCH = []


def torch_mod():
    """torch under NumPy's names for the programs above (one object, so that
    torch.compile's guards hold across calls)."""
    if not _TORCH:
        import types
        _TORCH.append(types.SimpleNamespace(sin=torch.sin, cos=torch.cos, exp=torch.exp, log=torch.log,
                                            sqrt=torch.sqrt, tanh=torch.tanh))
    return _TORCH[0]


# ---- rows ------------------------------------------------------------------

class Row:
    def __init__(self, name, unit="ms", floor_bytes=None):
        self.name, self.unit, self.floor_bytes, self.times = name, unit, floor_bytes, {}


def _materialize(r):
    if isinstance(r, npt.ndarray):
        return np.asarray(r)
    if hasattr(r, "block_until_ready"):
        return r.block_until_ready()
    return r


def _candidates(f, arrays):
    """NumPy, npt eager and npt.jit running program f(m, *arrays), npt on its own copies."""
    ours = [npt.array(a) for a in arrays]
    jf = npt.jit(lambda *xs: f(npt, *xs))
    return {"numpy": lambda: f(np, *arrays), "npt": lambda: _materialize(f(npt, *ours)),
            "npt.jit": lambda: _materialize(jf(*ours))}


def _add_jax(cands, f, arrays, peers):
    """jax.jit's run of program f(jnp, *arrays), where JAX is installed."""
    if "jax" in peers:
        js = [jnp.asarray(a) for a in arrays]
        jj = jax.jit(lambda *xs: f(jnp, *xs))
        cands["jax.jit"] = lambda: jj(*js).block_until_ready()


def elementwise_rows(args, peers):
    n = 1_000_000 if args.quick else 10_000_000
    xn = np.linspace(0.1, 1, n, dtype=np.float32)
    rows = []
    size = f"{n // 1_000_000}M"
    for name, f, expr, nbytes in ((f"sin chain {size} f32", sin_chain, "(sin(x)*2+x*x-1)/(x+3)", 8),
                                  (f"arith chain {size} f32", arith_chain, "((x*1.5+2)*x-0.5)/(x+3)", 8),
                                  (f"((x-x.mean())**2).mean() {size} f32", variance, None, 4)):
        row = Row(name, floor_bytes=nbytes * n)
        cands = _candidates(f, [xn])
        if "numexpr" in peers and expr:
            cands["numexpr"] = lambda expr=expr: numexpr.evaluate(expr, local_dict={"x": xn})
        if "numba" in peers and f is not variance:
            nf = numba.njit(parallel=True, fastmath=False)(
                (lambda x: (np.sin(x) * 2 + x * x - 1) / (x + 3)) if f is sin_chain
                else (lambda x: ((x * 1.5 + 2) * x - 0.5) / (x + 3)))
            cands["numba"] = lambda nf=nf: nf(xn)
        _add_jax(cands, f, [xn], peers)
        if "torch.compile" in peers:
            xt = torch.from_numpy(xn)
            tc = torch.compile(lambda x, f=f: f(torch_mod(), x))
            cands["torch.compile"] = lambda tc=tc: tc(xt)
        rows.append((row, cands))
    rng = np.random.default_rng(0)
    side = 1024 if args.quick else 4096
    mn = rng.standard_normal((side, side)).astype(np.float32)
    for name, f, nbytes in ((f"row softmax {side}² f32", softmax, 8), (f"logsumexp rows {side}² f32", logsumexp, 4)):
        row = Row(name, floor_bytes=nbytes * side * side)
        cands = _candidates(f, [mn])
        _add_jax(cands, f, [mn], peers)
        if "torch.compile" in peers:
            mt = torch.from_numpy(mn)
            tc = torch.compile(lambda x, f=f: (torch.softmax(x, 1) if f is softmax else torch.logsumexp(x, 1)))
            cands["torch.compile"] = lambda tc=tc: tc(mt)
        rows.append((row, cands))
    return rows


def small_rows(args, peers):
    xn = np.linspace(0, 1, 100)
    xp = npt.evaluate(npt.array(xn))
    row = Row("10 ops on 100 f64", unit="us")
    calls = 200 if args.quick else 2000

    def per_call(fn):
        def run():
            for _ in range(calls):
                fn()
        return lambda: run()

    jf = npt.jit(lambda x: ten_ops(npt, x))
    cands = {"numpy": per_call(lambda: ten_ops(np, xn)),
             "npt": per_call(lambda: _materialize(ten_ops(npt, xp))),
             "npt.jit": per_call(lambda: _materialize(jf(xp)))}
    if "numba" in peers:
        @numba.njit
        def nb(x):
            for _ in range(5):
                x = np.sin(x) * 0.5 + 1.0
            return x
        cands["numba"] = per_call(lambda: nb(xn))
    if "jax" in peers:
        xj = jnp.asarray(xn)
        jj = jax.jit(lambda x: ten_ops(jnp, x))
        cands["jax.jit"] = per_call(lambda: jj(xj).block_until_ready())
    if "torch.compile" in peers:
        xt = torch.from_numpy(xn)
        tc = torch.compile(lambda x: ten_ops(torch_mod(), x))
        cands["torch.compile"] = per_call(lambda: tc(xt))
    row.scale = 1e3 / calls  # (ms per batch of calls -> us per call)
    return [(row, cands)]


def black_scholes_rows(args, peers):
    n = 100_000 if args.quick else 1_000_000
    rng = np.random.default_rng(1)
    s, k, t = rng.uniform(50, 150, n), rng.uniform(50, 150, n), rng.uniform(0.1, 2, n)
    import scipy.special as ssp
    row = Row(f"Black-Scholes {n // 1000}K f64", floor_bytes=32 * n)
    erf = {np: ssp.erf, npt: npt.special.erf}
    if "jax" in peers:
        erf[jnp] = jsp.erf

    def bs(m, a, b, c):
        return black_scholes(m, erf[m], a, b, c)

    cands = _candidates(bs, [s, k, t])
    _add_jax(cands, bs, [s, k, t], peers)
    if "torch.compile" in peers:
        ts_, tk, tt = (torch.from_numpy(a) for a in (s, k, t))
        tc = torch.compile(lambda a, b, c: black_scholes(torch_mod(), torch.erf, a, b, c))
        cands["torch.compile"] = lambda: tc(ts_, tk, tt)
    return [(row, cands)]


def stencil_rows(args, peers):
    n, steps = (10_000, 20) if args.quick else (100_000, 100)
    x0 = np.linspace(0, 1, n)
    row = Row(f"1-D Jacobi {n // 1000}K x {steps} steps")
    cands = {"numpy": lambda: jacobi(np, x0.copy(), steps),
             "npt": lambda: _materialize(jacobi(npt, npt.array(x0), steps))}
    jf = npt.jit(lambda a: jacobi(npt, a, steps))
    cands["npt.jit"] = lambda: _materialize(jf(npt.array(x0)))
    if "numba" in peers:
        @numba.njit
        def nb(a, steps):
            for _ in range(steps):
                a[1:-1] = 0.5 * (a[:-2] + a[2:])
            return a
        cands["numba"] = lambda: nb(x0.copy(), steps)
    return [(row, cands)]


def mlp_rows(args, peers):
    rng = np.random.default_rng(0)
    B, D, H, O = 1024, 256, 256, 10
    Xn, Yn = rng.normal(size=(B, D)).astype(np.float32), rng.normal(size=(B, O)).astype(np.float32)
    W1n = (rng.normal(size=(D, H)) / np.sqrt(D)).astype(np.float32)
    W2n = (rng.normal(size=(H, O)) / np.sqrt(H)).astype(np.float32)
    b1n, b2n = np.zeros(H, np.float32), np.zeros(O, np.float32)

    def loss(W1, b1, W2, b2, X, Y, m=npt):
        h = m.tanh(X @ W1 + b1)
        return ((h @ W2 + b2 - Y) ** 2).mean()

    row = Row("MLP value_and_grad 1024x256 f32")
    vg = npt.jit(npt.value_and_grad(loss, argnums=(0, 1, 2, 3)))
    a = [npt.evaluate(npt.array(v)) for v in (W1n, b1n, W2n, b2n, Xn, Yn)]
    cands = {"npt.jit": lambda: npt.evaluate(*vg(*a)[1])}
    if torch is not None:
        tp = [torch.tensor(v, requires_grad=True) for v in (W1n, b1n, W2n, b2n)]
        tX, tY = torch.from_numpy(Xn), torch.from_numpy(Yn)

        def torch_vg():
            for p in tp:
                p.grad = None
            l = ((torch.tanh(tX @ tp[0] + tp[1]) @ tp[2] + tp[3] - tY) ** 2).mean()
            l.backward()
        cands["torch autograd"] = torch_vg
    if "jax" in peers:
        jvg = jax.jit(jax.value_and_grad(lambda *v: loss(*v, m=jnp), argnums=(0, 1, 2, 3)))
        ja = [jnp.asarray(v) for v in (W1n, b1n, W2n, b2n, Xn, Yn)]
        cands["jax.jit"] = lambda: jax.block_until_ready(jvg(*ja))
    return [(row, cands)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    ap.add_argument("--csv", help="write the table here")
    ap.add_argument("--no-torch-compile", action="store_true", help="skip torch.compile (slow to compile)")
    args = ap.parse_args()
    peers = {"numexpr": numexpr, "numba": numba, "jax": jax,
             "torch.compile": None if args.no_torch_compile else torch}
    peers = {k for k, v in peers.items() if v is not None}
    bw = copy_bandwidth(1_000_000 if args.quick else 10_000_000, args.repeat)
    print(f"npt threads {npt.get_num_threads()}; cpu {npt.cache_info()['cpu']}; copy bandwidth {bw:.1f} GB/s; "
          f"peers: {', '.join(sorted(peers)) or 'none'}; best of {args.repeat}")
    rows = []
    for make in (elementwise_rows, small_rows, black_scholes_rows, stencil_rows, mlp_rows):
        for row, cands in make(args, peers):
            names = list(cands)
            for rot in range(len(names)):  # (rotating order: no peer always runs first)
                for name in names[rot:] + names[:rot]:
                    t = best_ms(cands[name], 1 if rot else args.repeat)
                    row.times[name] = min(row.times.get(name, math.inf), t * getattr(row, "scale", 1.0))
            rows.append(row)
            base = row.times.get("numpy")
            cells = []
            for name, t in row.times.items():
                ratio = f" ({base / t:.1f}x)" if base else ""
                cells.append(f"{name} {t:.3g} {row.unit}{ratio}")
            floor = ""
            if row.floor_bytes:
                floor_ms = row.floor_bytes / (bw * 1e9) * 1e3
                best = min(v for k, v in row.times.items() if k.startswith("npt"))
                floor = f"; floor {floor_ms:.2f} ms (npt at {best / floor_ms:.1f}x it)"
            print(f"{row.name:34} " + ", ".join(cells) + floor, flush=True)
    if args.csv:
        cols = sorted({k for r in rows for k in r.times})
        with open(args.csv, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["workload", "unit"] + cols + ["floor_ms"])
            for r in rows:
                floor = r.floor_bytes / (bw * 1e9) * 1e3 if r.floor_bytes else ""
                w.writerow([r.name, r.unit] + [r.times.get(c, "") for c in cols] + [floor])
        print(f"wrote {args.csv}")


if __name__ == "__main__":
    main()
