"""Dask arrays whose chunks are npt arrays: from_array, meta=, map_blocks
with an @npt.jit function, elementwise chains and reductions across chunks,
on the threaded scheduler and on a dask.distributed LocalCluster of worker
processes (loopback only), each checked against the same computation on
NumPy chunks."""
import numpy as np
import pytest

import npt

da = pytest.importorskip("dask.array")  # (installed by scripts/setup.sh)
import dask  # noqa: E402


def _data():
    return np.random.default_rng(0).standard_normal((1000, 60))


def _close(got, want):
    assert isinstance(got, npt.ndarray), type(got)
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, atol=1e-12)


def _programs(d):
    """(name, dask program) over a chunked array d; each runs on npt and NumPy chunks."""
    return [
        ("chain", (da.sin(d) ** 2 + da.cos(d) * d - 1).sum(axis=0)),
        ("mean", d.mean()),
        ("std", d.std(axis=1)),
        ("max", da.max(da.abs(d), axis=0)),
        ("where", da.where(d > 0, d, 0.0).sum()),
        ("matmul", d.T @ d),
        ("cumsum", da.cumsum(d, axis=0)[-1]),
        ("transpose", (d.T * 2)[:, :10].sum(axis=1)),
    ]


def test_chunks_are_npt_arrays():
    x = _data()
    d = da.from_array(npt.asarray(x), chunks=(250, 60), asarray=False)
    assert isinstance(d._meta, npt.ndarray)
    assert "chunktype=npt.ndarray" in repr(d)
    parts = d.blocks[1].compute(scheduler="sync")
    assert isinstance(parts, npt.ndarray) and parts.shape == (250, 60)


@pytest.mark.parametrize("i", range(8))
def test_programs_threaded(i):
    x = _data()
    ours = _programs(da.from_array(npt.asarray(x), chunks=(250, 60), asarray=False))[i]
    theirs = _programs(da.from_array(x, chunks=(250, 60)))[i]
    _close(ours[1].compute(scheduler="threads"), theirs[1].compute(scheduler="threads"))


def _jit_chunk():
    @npt.jit
    def f(b):
        return np.exp(-b ** 2) * 3 + np.tanh(b)
    return f


def test_map_blocks_with_jit_and_meta():
    x = _data()
    f = _jit_chunk()
    d = da.from_array(npt.asarray(x), chunks=(200, 60), asarray=False)
    m = d.map_blocks(f, meta=npt.empty((0, 0)))
    assert isinstance(m._meta, npt.ndarray)
    r = m.sum(axis=0).compute(scheduler="threads")
    _close(r, (np.exp(-x ** 2) * 3 + np.tanh(x)).sum(axis=0))
    # every chunk has one shape: one trace, replayed (one per thread at most,
    # where the scheduler's threads miss the cache at once)
    assert 1 <= f.traces <= 2


def _gen(block_info=None):
    """A chunk of the test's sequence made in npt on the worker (nothing sent)."""
    lo, hi = block_info[None]["array-location"][0]
    return npt.arange(lo, hi, dtype=np.float64) * 1e-3


def test_local_cluster_of_worker_processes():
    distributed = pytest.importorskip("distributed")
    x = _data()
    f = _jit_chunk()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, worker_dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        assert len(client.scheduler_info()["workers"]) == 2
        d = da.from_array(npt.asarray(x), chunks=(250, 60), asarray=False)
        for (name, ours), (_, theirs) in zip(_programs(d), _programs(da.from_array(x, chunks=(250, 60)))):
            _close(client.compute(ours).result(), theirs.compute(scheduler="sync"))
        m = d.map_blocks(f, meta=npt.empty((0, 0))).sum()
        _close(client.compute(m).result(), (np.exp(-x ** 2) * 3 + np.tanh(x)).sum())
        # chunks made on the workers, reduced there: only partial sums travel
        s = da.map_blocks(_gen, chunks=((25_000,) * 8,), dtype=np.float64, meta=npt.empty(0))
        seq = np.arange(200_000) * 1e-3
        _close(client.compute(da.sin(s).sum()).result(), np.sin(seq).sum())
        where = client.run(lambda: type(__import__("npt").ones(1)).__module__)
        assert set(where.values()) == {"npt._array"}  # (npt runs in each worker process)
