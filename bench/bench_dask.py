"""Dask over npt chunks vs Dask over NumPy chunks, in one run: a fused
elementwise pipeline and its sum over 100M float32 elements in chunks, on a
dask.distributed LocalCluster of 1 and then 2 worker processes (one thread
each; npt's kernels one thread each too, so the two sides use the same
cores). Each chunk is made on its worker (nothing is sent but the partial
sums). Median of the runs after one warm-up (which compiles npt's kernel in
each worker); "same" checks the two sums agree.

  .venv/bin/python bench/bench_dask.py [--n 100_000_000] [--chunk 10_000_000] [--repeat 5]
"""
import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "python"))
import npt  # noqa: E402


def _gen(mod, block_info=None, chunk=None):
    """One chunk of the input, made on the worker: x = i * 1e-8, as float32
    (the chunk-th block of that many elements, with `chunk`)."""
    if chunk is None:
        lo, hi = block_info[None]["array-location"][0]
    else:
        lo = block_info[None]["chunk-location"][0] * chunk
        hi = lo + chunk
    return (mod.arange(lo, hi, dtype=np.float64) * 1e-8).astype(np.float32)


def gen_numpy(block_info=None):  # noqa: D103
    return _gen(np, block_info)


def gen_npt(block_info=None):  # noqa: D103
    return _gen(npt, block_info)


def pipeline(da, x):
    """The per-element work: a chain NumPy runs op by op, npt as one kernel."""
    return (da.sin(x) ** 2 + da.cos(x) * x + da.exp(-x) * 0.5).sum(dtype=np.float64)


def _partial(mod, block_info, chunk):
    """One chunk's partial sum of the pipeline, made and reduced in its task
    (npt's computed there: a lazy result would be computed wherever it is
    read, which Dask cannot see)."""
    s = pipeline(mod, _gen(mod, block_info, chunk)).reshape(1)
    return npt.evaluate(s) if mod is npt else s


def partial_numpy(block_info=None, chunk=None):  # noqa: D103
    return _partial(np, block_info, chunk)


def partial_npt(block_info=None, chunk=None):  # noqa: D103
    return _partial(npt, block_info, chunk)


def run(client, da, n, chunk, gen, meta, repeat, blocks):
    k = n // chunk
    if blocks:  # each task makes its chunk and returns its partial sum
        y = da.map_blocks(gen, chunks=((1,) * k,), dtype=np.float64, meta=meta[:0].astype(np.float64),
                          chunk=chunk).sum()
    else:  # Dask's own elementwise ops and sum over the chunks
        y = pipeline(da, da.map_blocks(gen, chunks=((chunk,) * k,), dtype=np.float32, meta=meta))
    value = float(client.compute(y).result())  # (the warm-up: npt compiles its kernel on each worker)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.compute(y).result()
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2] * 1e3, value


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000_000)
    ap.add_argument("--chunk", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    import dask.array as da
    import distributed
    print(f"n = {args.n:,} float32 in chunks of {args.chunk:,}; one thread per worker; median of {args.repeat}")
    print(f"{'program':>34} {'workers':>8} {'numpy ms':>10} {'npt ms':>10} {'npt/numpy':>10} {'same':>6}")
    for workers in (1, 2):
        with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None,
                                      worker_dashboard_address=None) as cluster, \
                distributed.Client(cluster) as client:
            client.run(lambda: __import__("npt").set_num_threads(1))
            for name, gens, blocks in (("dask ops over the chunks", (gen_numpy, gen_npt), False),
                                       ("map_blocks: a partial sum per task", (partial_numpy, partial_npt), True)):
                t_np, v_np = run(client, da, args.n, args.chunk, gens[0], np.empty(0, np.float32), args.repeat,
                                 blocks)
                t_npt, v_npt = run(client, da, args.n, args.chunk, gens[1], npt.empty(0, np.float32),
                                   args.repeat, blocks)
                same = abs(v_np - v_npt) <= 1e-6 * abs(v_np)
                print(f"{name:>34} {workers:>8} {t_np:>10.1f} {t_npt:>10.1f} {t_npt / t_np:>10.2f} {str(same):>6}")


if __name__ == "__main__":
    main()
