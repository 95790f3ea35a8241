"""NEP 13 and NEP 18: NumPy's ufuncs and functions called on npt arrays run
npt's (lazy results), mixed with NumPy arrays and scalars; what npt lacks runs
NumPy's on the values (python/npt/_protocols.py)."""
import warnings

import numpy as np
import pytest

import npt

from _helpers import assert_same


def _lazy(r):
    assert isinstance(r, npt.ndarray), type(r)
    return r


def _data():
    rng = np.random.default_rng(0)
    return rng.standard_normal((3, 4)), rng.standard_normal((3, 4))


UFUNCS = sorted(n for n in np.__all__ if isinstance(getattr(np, n), np.ufunc))  # (not dir(np): numexpr adds expm1x)


@pytest.mark.parametrize("name", UFUNCS)
def test_every_numpy_ufunc_dispatches_to_npt(name):
    uf = getattr(np, name)
    x, y = _data()
    args = [x, y, x][:uf.nin]
    if name in ("ldexp",):
        args[1] = np.arange(12).reshape(3, 4) % 5
    if name in ("left_shift", "right_shift", "bitwise_and", "bitwise_or", "bitwise_xor", "gcd", "lcm",
                "invert", "bitwise_not", "bitwise_count", "bitwise_invert", "bitwise_left_shift",
                "bitwise_right_shift"):
        args = [np.arange(12).reshape(3, 4) % 7 + i for i in range(uf.nin)]
    if name in ("isnat",):
        pytest.skip("datetime-only ufunc (npt has no datetime dtypes)")
    if uf.signature is not None:  # matmul, vecdot, vecmat, matvec: shapes that contract
        args = [x, y.T] if name == "matmul" else [x, y] if name == "vecdot" else [x, y[0]] if name == "matvec" \
            else [x[:, 0], y]
    ours = [npt.asarray(args[0])] + list(args[1:])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        r, e = uf(*ours), uf(*args)
    for a, b in zip(r if uf.nout > 1 else (r,), e if uf.nout > 1 else (e,)):
        assert_same(_lazy(a), b)


def test_operators_with_numpy_on_the_left():
    x, y = _data()
    a = npt.asarray(y)
    for r, e in ((x + a, x + y), (x * a, x * y), (x @ a.T, x @ y.T), (x < a, x < y),
                 (np.float32(2) * a, np.float32(2) * y), (x ** npt.asarray(np.abs(y)), x ** np.abs(y))):
        assert_same(_lazy(r), e)


def test_in_place_into_numpy_array_writes_it():
    x, y = _data()
    z = x.copy()
    z += npt.asarray(y)  # NumPy's out= is a NumPy array: NumPy writes into it
    assert type(z) is np.ndarray
    np.testing.assert_array_equal(z, x + y)
    out = np.empty((3, 4))
    r = np.multiply(npt.asarray(x), y, out=out)
    assert r is out
    np.testing.assert_array_equal(out, x * y)


def test_npt_out_and_where():
    x, y = _data()
    o = npt.zeros((3, 4))
    r = np.add(npt.asarray(x), y, out=o)
    assert r is o
    assert_same(o, x + y)
    r = np.add(npt.asarray(x), y, out=(npt.zeros((3, 4)),), where=x > 0)
    e = np.add(x, y, out=np.zeros((3, 4)), where=x > 0)
    assert_same(r, e)


@pytest.mark.parametrize("method,args,kwargs", [
    ("reduce", (), {}), ("reduce", (), {"axis": 1}), ("reduce", (), {"axis": None, "keepdims": True}),
    ("accumulate", (), {"axis": 1}), ("outer", ("y",), {}), ("reduceat", ([0, 2],), {"axis": 1}),
])
@pytest.mark.parametrize("uf", [np.add, np.multiply, np.maximum])
def test_ufunc_methods(uf, method, args, kwargs):
    x, y = _data()
    args_np = tuple(y[0] if a == "y" else a for a in args)
    e = getattr(uf, method)(x, *args_np, **kwargs)
    r = getattr(uf, method)(npt.asarray(x), *args_np, **kwargs)
    if method == "reduceat" or (method == "accumulate" and uf is np.maximum):
        # methods npt lacks: NumPy's, on the values
        assert type(r) is np.ndarray
        np.testing.assert_array_equal(r, e)
    else:
        assert_same(_lazy(r), e)


def test_ufunc_at():
    a = npt.arange(6.0)
    np.add.at(a, [0, 0, 3], 1.5)  # npt's at: a written in place
    e = np.arange(6.0)
    np.add.at(e, [0, 0, 3], 1.5)
    assert_same(a, e)
    n = np.arange(6.0)
    np.add.at(n, [1, 1], npt.asarray([2.0, 3.0]))  # into a NumPy array: NumPy's
    np.testing.assert_array_equal(n, [0, 6, 2, 3, 4, 5])


FUNCTIONS = [
    ("concatenate", lambda a, b: ([a, b],), {"axis": 1}),
    ("stack", lambda a, b: ([a, b],), {}),
    ("mean", lambda a, b: (a,), {"axis": 0}),
    ("std", lambda a, b: (a,), {"ddof": 1}),
    ("sum", lambda a, b: (a,), {}),
    ("where", lambda a, b: (a > 0, a, b), {}),
    ("sort", lambda a, b: (a,), {"axis": 0}),
    ("cumsum", lambda a, b: (a,), {}),
    ("reshape", lambda a, b: (a, (4, 3)), {}),
    ("transpose", lambda a, b: (a,), {}),
    ("einsum", lambda a, b: ("ij,ij->i", a, b), {}),
    ("dot", lambda a, b: (a, b.T), {}),
    ("clip", lambda a, b: (a, -0.5, 0.5), {}),
    ("linalg.solve", lambda a, b: (a[:, :3] @ a[:, :3].T + 3 * np.eye(3), b), {}),
    ("linalg.norm", lambda a, b: (a,), {"axis": 1}),
    ("linalg.svd", lambda a, b: (a,), {"compute_uv": False}),
    ("fft.fft", lambda a, b: (a,), {}),
    ("fft.rfft2", lambda a, b: (a,), {}),
    ("median", lambda a, b: (a,), {}),
    ("unique", lambda a, b: (np.round(a),), {}),
]


def _get(mod, name):
    for part in name.split("."):
        mod = getattr(mod, part)
    return mod


@pytest.mark.parametrize("name,make,kwargs", FUNCTIONS, ids=[f[0] for f in FUNCTIONS])
def test_numpy_functions_dispatch_to_npt(name, make, kwargs):
    x, y = _data()
    f = _get(np, name)
    e = f(*make(x, y), **kwargs)
    r = f(*make(npt.asarray(x), y), **kwargs)
    assert_same(_lazy(r), e, rtol=1e-12)


def test_every_npt_function_is_in_the_table():
    from npt._protocols import _function_table
    table = _function_table()
    assert table[np.concatenate] is npt.concatenate
    assert table[np.linalg.solve] is npt.linalg.solve
    assert table[np.fft.fft] is npt.fft.fft
    from npt._namespace import EXCLUDED
    for mod in (np, np.linalg, np.fft):  # (np.random's functions do not dispatch)
        for name in dir(mod):
            f = getattr(mod, name)
            if name.startswith("_") or not callable(f) or isinstance(f, (type, np.ufunc)):
                continue
            assert f in table or name in EXCLUDED, f"{mod.__name__}.{name} does not dispatch to npt"


def test_like_creates_npt_arrays():
    a = npt.ones(3)
    assert_same(_lazy(np.zeros(4, like=a)), np.zeros(4))
    assert_same(_lazy(np.arange(5, like=a)), np.arange(5))
    assert_same(_lazy(np.array([1, 2], like=a)), np.array([1, 2]))


def test_functions_npt_lacks_run_numpys():
    # busday_count is one of npt's exclusions (datetime): NumPy's own result
    r = np.is_busday(np.array(["2026-12-03"], dtype="datetime64[D]"), weekmask=npt.asarray([1, 1, 1, 1, 1, 0, 0]))
    assert type(r) is np.ndarray and r.tolist() == [True]
    r = np.asmatrix(npt.asarray([[1.0, 2.0]]))
    assert isinstance(r, np.matrix)


def test_foreign_array_types_get_not_implemented():
    class Other:
        def __array_function__(self, func, types, args, kwargs):
            return NotImplemented

        def __array_ufunc__(self, uf, method, *inputs, **kwargs):
            return NotImplemented

    with pytest.raises(TypeError, match="no implementation found"):
        np.concatenate([npt.ones(2), Other()])
    with pytest.raises(TypeError, match="operand type"):
        np.add(npt.ones(2), Other())


def test_results_feed_back_into_fusion_and_grad():
    x = np.linspace(0, 1, 8)

    @npt.jit
    def f(a):
        return np.sum(np.sin(a) * np.exp(a))  # NumPy's names inside jit

    assert_same(f(npt.asarray(x)), np.sum(np.sin(x) * np.exp(x)), rtol=1e-12)
    g = npt.grad(lambda a: np.sum(np.sin(a) ** 2))(npt.asarray(x))
    assert_same(g, 2 * np.sin(x) * np.cos(x), rtol=1e-12)


def test_errors_are_numpys():
    with pytest.raises(ValueError, match="all the input array dimensions"):
        np.concatenate([npt.ones((2, 3)), np.ones((2, 4))])
    with pytest.raises(np.linalg.LinAlgError):
        np.asarray(np.linalg.inv(npt.zeros((2, 2))))  # (raised when the lazy value is computed)
    with pytest.raises(TypeError):
        np.add(npt.ones(2), npt.ones(2), bogus=1)
