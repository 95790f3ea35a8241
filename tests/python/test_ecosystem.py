"""npt arrays in the libraries users hold NumPy arrays in: SciPy (special,
linalg, signal) and pandas take them as they take NumPy arrays, with the
same results (compared against the same call on the NumPy values), and
pickle and copy keep an array's values, dtype and device."""
import copy
import pickle

import numpy as np
import pandas as pd
import pytest
import scipy.linalg
import scipy.signal
import scipy.special

import npt

from _helpers import assert_same


def _pair(shape=(4, 4), seed=0):
    x = np.random.default_rng(seed).standard_normal(shape)
    return npt.asarray(x) * 1, x  # (npt's computed value and NumPy's)


def _same_result(got, want):
    if isinstance(want, tuple):
        assert len(got) == len(want)
        for g, w in zip(got, want):
            _same_result(g, w)
        return
    got = np.asarray(got)
    assert got.dtype == np.asarray(want).dtype and got.shape == np.shape(want)
    np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-14)


SCIPY = [
    ("special.erf", lambda a, b: (a,)), ("special.gamma", lambda a, b: (a,)),
    ("special.logsumexp", lambda a, b: (a,)), ("special.expit", lambda a, b: (a,)),
    ("special.jv", lambda a, b: (1.5, a)), ("special.softmax", lambda a, b: (a,)),
    ("linalg.solve", lambda a, b: (a @ a.T + 4 * np.eye(4), b[:, 0])),
    ("linalg.lu_factor", lambda a, b: (a,)), ("linalg.expm", lambda a, b: (a * 0.1,)),
    ("linalg.cholesky", lambda a, b: (a @ a.T + np.eye(4),)), ("linalg.qr", lambda a, b: (a,)),
    ("linalg.svdvals", lambda a, b: (a,)), ("linalg.eigh", lambda a, b: (a + a.T,)),
    ("signal.convolve", lambda a, b: (a[0], b[1])), ("signal.fftconvolve", lambda a, b: (a, b)),
    ("signal.lfilter", lambda a, b: ([1.0], [1.0, -0.5], a[0])), ("signal.welch", lambda a, b: (a.ravel(), 1.0, "hann", 8)),
]


@pytest.mark.parametrize("name,make", SCIPY, ids=[s[0] for s in SCIPY])
def test_scipy_takes_npt_arrays(name, make):
    mod, fn = name.split(".")
    f = getattr(getattr(scipy, mod), fn)
    a, x = _pair()
    b, y = _pair(seed=1)
    _same_result(f(*make(a, b)), f(*make(x, y)))


def test_pandas_takes_npt_arrays():
    a, x = _pair((5, 3))
    s, e = pd.Series(a[:, 0]), pd.Series(x[:, 0])
    pd.testing.assert_series_equal(s, e)
    df, de = pd.DataFrame(a, columns=list("abc")), pd.DataFrame(x, columns=list("abc"))
    pd.testing.assert_frame_equal(df, de)
    pd.testing.assert_frame_equal(df.describe(), de.describe())
    i = npt.arange(5)
    pd.testing.assert_series_equal(pd.Series(x[:, 1], index=i), pd.Series(x[:, 1], index=np.arange(5)))
    # and back: pandas' values (NumPy arrays) into npt
    assert_same(npt.asarray(df.to_numpy()) + 1, de.to_numpy() + 1)
    assert_same(npt.sum(df["a"].to_numpy()), x[:, 0].sum())


@pytest.mark.parametrize("make", [
    lambda: npt.arange(12.0).reshape(3, 4) * 2,
    lambda: npt.asarray(np.array([1 + 2j, 3 - 1j], dtype=np.complex64)),
    lambda: npt.asarray(np.array([True, False])),
    lambda: npt.asarray(np.float16([0.5, 1.5])),
    lambda: npt.asarray(np.int8(-3)),
    lambda: npt.arange(10)[::3],  # a view: pickled as its values
], ids=["f64", "c64", "bool", "f16", "0d", "view"])
def test_pickle_and_copy_keep_values_dtype_and_device(make):
    a = make()
    want = np.asarray(a).copy()
    for b in (pickle.loads(pickle.dumps(a)), pickle.loads(pickle.dumps(a, protocol=5)),
              copy.copy(a), copy.deepcopy(a)):
        assert isinstance(b, npt.ndarray) and b is not a
        assert b.device == a.device
        assert_same(b, want)
        assert b.flags.writeable


def test_copies_are_independent():
    a = npt.arange(4.0)
    for b in (copy.copy(a), copy.deepcopy(a), pickle.loads(pickle.dumps(a))):
        b[0] = 9.0
        assert float(a[0]) == 0.0
    c = copy.deepcopy({"w": a, "again": a})  # (deepcopy's memo: one copy for one array)
    assert c["w"] is c["again"]


def test_pickle_computes_lazy_values_once():
    a = npt.exp(npt.linspace(0, 1, 5))
    assert not a._h.materialized
    s = pickle.dumps(a)
    assert a._h.materialized  # (the value was computed for the pickle, and kept)
    assert_same(pickle.loads(s), np.exp(np.linspace(0, 1, 5)))


@npt.jit
def _module_level(x):
    return np.sin(x) * 2


def _plain(x, n):
    return x ** n


def test_jitted_functions_pickle_by_reference():
    f = pickle.loads(pickle.dumps(_module_level))
    assert f is _module_level  # (by its module and name, as a function pickles)
    g = npt.jit(_plain, static_argnums=1)  # (no module name of its own: the wrapped function, jitted again)
    h = pickle.loads(pickle.dumps(g))
    assert isinstance(h, type(g)) and h is not g and h.fun is _plain and h.static_argnums == (1,)
    x = np.linspace(0, 1, 4)
    assert_same(h(npt.asarray(x), 3), x ** 3, rtol=1e-12)
    with pytest.raises((pickle.PicklingError, AttributeError, TypeError)):
        pickle.dumps(npt.jit(lambda x: x + 1))  # (a lambda has no name to pickle by, as in Python)
