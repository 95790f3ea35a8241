"""The lazy ndarray: creation, attributes, views, indexing, conversions, matmul (vs NumPy)."""
import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import npt
from _helpers import REAL_DTYPES, assert_same, check_like_numpy, values


# ---- creation ------------------------------------------------------------------------------
@pytest.mark.parametrize("obj", [
    [1, 2, 3], [1.5, 2.0], [[1, 2], [3, 4]], [True, False], 7, 2.5, True, [],
    [[1.0, 2.0, 3.0]], [1, 2.5], np.arange(6).reshape(2, 3), np.float32(3.5),
])
def test_array_and_asarray_from_python(obj):
    assert_same(npt.array(obj), np.array(obj))
    assert_same(npt.asarray(obj), np.asarray(obj))


@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_array_with_dtype(dtype):
    assert_same(npt.array([0, 1, 2], dtype=dtype), np.array([0, 1, 2], dtype=dtype))
    assert_same(npt.asarray([[1, 0]], dtype=dtype), np.asarray([[1, 0]], dtype=dtype))


def test_array_ndmin():
    assert_same(npt.array([1, 2], ndmin=3), np.array([1, 2], ndmin=3))


def test_asarray_of_npt_array_is_identity():
    x = npt.ones(3)
    assert npt.asarray(x) is x
    assert_same(npt.asarray(x, dtype=np.int32), np.ones(3, dtype=np.int32))


# 0-d shapes are covered (in a subprocess) by test_0d_constant_creation below.
@pytest.mark.parametrize("shape", [0, 3, (0,), (2, 3), (2, 0, 4), [2, 2], (1, 1, 1)])
@pytest.mark.parametrize("dtype", [None, "bool", "int8", "uint32", "int64", "float16",
                                   "float32", "float64", int, float, bool])
def test_zeros_ones_full_empty(shape, dtype):
    kw = {} if dtype is None else {"dtype": dtype}
    assert_same(npt.zeros(shape, **kw), np.zeros(shape, **kw))
    assert_same(npt.ones(shape, **kw), np.ones(shape, **kw))
    assert_same(npt.full(shape, 3, **kw), np.full(shape, 3, **kw))
    e, ee = npt.empty(shape, **kw), np.empty(shape, **kw)
    assert e.shape == ee.shape and e.dtype == ee.dtype
    assert np.asarray(e).shape == ee.shape


@pytest.mark.parametrize("fill", [7, 2.5, True, np.float32(1.5), np.int8(-3), -1])
def test_full_fill_value_dtype(fill):
    assert_same(npt.full((2, 3), fill), np.full((2, 3), fill))


_0D_SCRIPT = r"""
import numpy as np, npt
bad = []
for dtype in [None, "int8", "float32", "float64", "bool", "uint16"]:
    kw = {} if dtype is None else {"dtype": dtype}
    for name, make, ref in [("zeros", npt.zeros, np.zeros), ("ones", npt.ones, np.ones),
                            ("full5", lambda s, **k: npt.full(s, 5, **k),
                             lambda s, **k: np.full(s, 5, **k))]:
        r, e = make((), **kw), ref((), **kw)
        got = np.asarray(r)
        if r.shape != () or got.dtype != e.dtype or got.item() != e.item():
            bad.append((name, dtype, got.item()))
z = npt.zeros(())  # kept alive: its (interned) constant node is now "materialized"
np.asarray(z)
if np.asarray(npt.zeros(3)).tolist() != [0.0, 0.0, 0.0]:
    bad.append(("zeros(3) after zeros(())", np.asarray(npt.zeros(3)).tolist()))
print("BAD" if bad else "OK", bad)
"""


def test_0d_constant_creation():
    """Run in a subprocess: the bug corrupts npt's interned constants for later tests."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-c", _0D_SCRIPT], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("OK"), out.stdout


def test_full_with_array_fill():
    assert_same(npt.full((2, 3), [1, 2, 3]), np.full((2, 3), [1, 2, 3]))


def test_negative_dimensions_raise():
    with pytest.raises(ValueError):
        np.zeros((2, -1))
    with pytest.raises(ValueError):
        npt.zeros((2, -1))


@pytest.mark.parametrize("src_dtype", ["int8", "float32", "bool", "uint16"])
@pytest.mark.parametrize("dtype", [None, "float64", "int32", "bool"])
def test_like_functions(src_dtype, dtype, rng):
    a = values(src_dtype, (2, 3), "any", rng)
    x = npt.asarray(a)
    kw = {} if dtype is None else {"dtype": dtype}
    assert_same(npt.zeros_like(x, **kw), np.zeros_like(a, **kw))
    assert_same(npt.ones_like(x, **kw), np.ones_like(a, **kw))
    assert_same(npt.full_like(x, 1, **kw), np.full_like(a, 1, **kw))
    e, ee = npt.empty_like(x, **kw), np.empty_like(a, **kw)
    assert e.shape == ee.shape and e.dtype == ee.dtype
    # *_like also accept NumPy arrays
    assert_same(npt.ones_like(a, **kw), np.ones_like(a, **kw))


def test_full_like_float_fill_into_int():
    a = np.arange(4, dtype=np.int32)
    assert_same(npt.full_like(npt.asarray(a), 2.7), np.full_like(a, 2.7))


@pytest.mark.parametrize("args,kw", [
    ((10,), {}), ((1, 2, 0.1), {}), ((5,), {"dtype": np.float32}), ((0,), {}), ((3, 3), {}),
    ((5, 1, -1), {}), ((-3, 4), {}), ((0.5, 4), {}), ((10, 0, -3), {}), ((2, 10, 3), {}),
    ((1, 2, 0.3), {}), ((4,), {"dtype": "int8"}), ((0, 1, 0.25), {"dtype": np.float16}),
    ((3,), {"dtype": np.uint8}), ((np.int64(5),), {}), ((0.0, 1.0, 0.1), {}),
    ((1, 11, 2), {"dtype": np.float64}), ((-1.5, 1.5, 0.5), {}),
    # the dtype follows start, stop and step together, not start alone
    ((3.,), {}), ((0, 3.), {}), ((0, 3, 1.), {}), ((np.float32(3),), {}), ((np.int8(0), np.int16(3)), {}),
    ((True,), {}), ((1, 3, np.float16(0.5)), {}), ((np.float32(0), 3), {}), ((np.uint8(4),), {}),
])
def test_arange(args, kw):
    r, e = npt.arange(*args, **kw), np.arange(*args, **kw)
    assert_same(r, e, rtol=1e-12 if e.dtype == np.float64 else None, atol=1e-12)


def test_arange_numpy_int32_stop():
    assert_same(npt.arange(np.int32(5)), np.arange(np.int32(5)))


def test_arange_zero_step_raises():
    with pytest.raises(ZeroDivisionError):
        np.arange(0, 5, 0)
    with pytest.raises(ZeroDivisionError):
        npt.arange(0, 5, 0)


@pytest.mark.parametrize("args,kw", [
    ((0, 1, 7), {}), ((0, 1, 5), {"endpoint": False}), ((0, 10, 5), {"dtype": int}),
    ((0, 1), {}), ((2.0, 3.0, 1), {}), ((2.0, 3.0, 0), {}), ((-1, 1, 11), {}),
    ((1, 0, 4), {}), ((0, 1, 9), {"dtype": np.float32}), ((0, 100, 7), {"dtype": np.int32}),
    ((5, 5, 3), {}), ((-7, 3, 6), {"dtype": np.int16}), ((0, 1, 2), {"endpoint": False}),
])
def test_linspace(args, kw):
    assert_same(npt.linspace(*args, **kw), np.linspace(*args, **kw), rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("t", [np.float16, np.float32, np.float64, np.complex64, int])
def test_linspace_computes_in_the_end_points_type(t):
    """float32 end points: NumPy computes in float32 (not float64 then a cast)."""
    rng = np.random.default_rng(0)
    for _ in range(50):
        a, b = rng.normal(size=2) * 5
        a, b = (t(round(a)), t(round(b))) if t is int else (t(a), t(b))
        for num, endpoint in ((14, True), (7, False), (2, True)):
            want = np.linspace(a, b, num, endpoint=endpoint)
            got = np.asarray(npt.linspace(a, b, num, endpoint=endpoint))
            assert got.dtype == want.dtype
            np.testing.assert_array_equal(got, want)


def test_linspace_retstep():
    r, step = npt.linspace(0, 1, 5, retstep=True)
    e, estep = np.linspace(0, 1, 5, retstep=True)
    assert_same(r, e, rtol=1e-12)
    assert step == estep


def test_linspace_negative_num_raises():
    with pytest.raises(ValueError):
        np.linspace(0, 1, -1)
    with pytest.raises(ValueError):
        npt.linspace(0, 1, -1)


@pytest.mark.parametrize("args,kw", [
    ((3,), {}), ((3, 4), {"k": 1, "dtype": int}), ((4,), {"k": -1}), ((2, 5), {"k": 3}),
    ((3,), {"dtype": bool}), ((0,), {}), ((3, 2), {"k": -5}), ((4, 4), {"dtype": np.float32}),
])
def test_eye(args, kw):
    assert_same(npt.eye(*args, **kw), np.eye(*args, **kw))


# ---- attributes ----------------------------------------------------------------------------
@pytest.mark.parametrize("shape", [(), (0,), (5,), (2, 3), (2, 3, 4), (1, 0, 2)])
@pytest.mark.parametrize("dtype", ["bool", "int16", "float32", "uint64"])
def test_attributes(shape, dtype, rng):
    a = values(dtype, shape, "any", rng)
    x = npt.asarray(a)
    assert x.shape == a.shape
    assert isinstance(x.shape, tuple)
    assert x.dtype == a.dtype
    assert x.ndim == a.ndim
    assert x.size == a.size
    assert x.itemsize == a.itemsize
    assert x.nbytes == a.nbytes
    assert_same(x.T, a.T)
    assert x.T.shape == a.T.shape


def test_attributes_need_no_computation():
    """Shape and dtype of a lazy expression are known before anything is computed."""
    x = npt.ones((4, 5), dtype=npt.float32)
    y = npt.sin(x) * 2 + npt.arange(5)
    assert y.shape == (4, 5)
    assert y.dtype == np.float64
    assert y.ndim == 2 and y.size == 20
    assert not y._h.materialized


# ---- astype / reshape / transpose ------------------------------------------------------------
@pytest.mark.parametrize("src", REAL_DTYPES)
@pytest.mark.parametrize("dst", REAL_DTYPES)
def test_astype(src, dst, rng):
    a = values(src, (7,), "pos", rng)  # positive values: every cast is well defined
    check_like_numpy(lambda: a.astype(dst), lambda: npt.asarray(a).astype(dst), rtol=0)


@pytest.mark.parametrize("src", ["float32", "float64"])
@pytest.mark.parametrize("dst", ["int8", "int32", "int64", "uint8", "bool"])
def test_astype_float_to_int_truncates(src, dst):
    a = np.array([-2.7, -0.5, 0.0, 0.9, 1.5, 3.99, 100.2], dtype=src)
    if np.dtype(dst).kind == "u":
        a = np.abs(a)
    check_like_numpy(lambda: a.astype(dst), lambda: npt.asarray(a).astype(dst))


@pytest.mark.parametrize("src", ["int64", "int32", "uint16", "uint64"])
@pytest.mark.parametrize("dst", ["int8", "uint8", "int16", "float16", "float32", "float64"])
def test_astype_integer_wraparound_and_rounding(src, dst, rng):
    """Integer narrowing wraps; int -> float rounds correctly (bit-exact with NumPy)."""
    a = values(src, (300,), "full", rng)
    check_like_numpy(lambda: a.astype(dst), lambda: npt.asarray(a).astype(dst), rtol=0)


@pytest.mark.parametrize("dst", ["float16", "float32"])
def test_astype_float_narrowing_is_correctly_rounded(dst):
    a = np.random.default_rng(0).normal(size=2000) * 1000
    check_like_numpy(lambda: a.astype(dst), lambda: npt.asarray(a).astype(dst), rtol=0)


@pytest.mark.parametrize("src", ["float16", "float32", "float64"])
def test_astype_special_floats_to_bool(src):
    a = np.array([-1.5, 0.0, -0.0, np.nan, np.inf, 0.25, -np.inf], dtype=src)
    check_like_numpy(lambda: a.astype(bool), lambda: npt.asarray(a).astype(bool))


@pytest.mark.parametrize("shape,new", [
    ((12,), (3, 4)), ((12,), (-1, 4)), ((3, 4), (-1,)), ((3, 4), (2, -1, 3)), ((3, 4), (12, 1)),
    ((2, 3, 4), (4, 6)), ((), (1, 1)), ((1,), ()), ((0, 3), (3, 0)), ((0, 3), (-1, 3)),
    ((6,), (6,)),
])
def test_reshape(shape, new, rng):
    a = values("int32", shape, "any", rng)
    x = npt.asarray(a)
    assert_same(x.reshape(new), a.reshape(new))
    assert_same(x.reshape(*new) if new else x.reshape(()), a.reshape(new))


def test_reshape_of_views(rng):
    a = values("float64", (6, 8), "any", rng)
    x = npt.asarray(a)
    assert_same(x.T.reshape(-1), a.T.reshape(-1))
    assert_same(x[::2, ::-1].reshape(4, 6), a[::2, ::-1].reshape(4, 6))
    assert_same(x[1:].reshape(5, 2, 4)[:, 1], a[1:].reshape(5, 2, 4)[:, 1])
    assert_same(x.ravel(), a.ravel())
    assert_same(x.T.flatten(), a.T.flatten())


@pytest.mark.parametrize("shape,new", [((12,), (5,)), ((3, 4), (5, -1)), ((3, 4), (-1, -1)),
                                       ((0, 3), (-1, 0)), ((3, 4), (13,))])
def test_bad_reshape_raises(shape, new):
    with pytest.raises(ValueError):
        np.ones(shape).reshape(new)
    with pytest.raises(ValueError):
        npt.ones(shape).reshape(new)


@pytest.mark.parametrize("axes", [None, (1, 0, 2), (2, 0, 1), (0, 1, 2), (-1, 0, 1)])
def test_transpose(axes, rng):
    a = values("int16", (2, 3, 4), "any", rng)
    x = npt.asarray(a)
    if axes is None:
        assert_same(x.transpose(), a.transpose())
    else:
        assert_same(x.transpose(axes), a.transpose(axes))
        assert_same(x.transpose(*axes), a.transpose(*axes))


def test_transpose_bad_axes_raise():
    a = np.ones((2, 3))
    for axes in [(0, 0), (0, 2), (0,)]:
        try:
            a.transpose(axes)
        except Exception as e:  # noqa: BLE001
            from _helpers import public_exc_type
            with pytest.raises(public_exc_type(e)):
                npt.ones((2, 3)).transpose(axes)


# ---- basic indexing ------------------------------------------------------------------------
KEYS = [
    0, -1, 2, (1, 2), (-1, -3), (1, 2, 3), slice(None), slice(1, None), slice(None, None, 2),
    slice(None, None, -1), slice(-2, None), slice(3, 0, -1), slice(None, None, -2),
    slice(10, 20), slice(-100, 100), (slice(None), 1), (Ellipsis, 0), (0, Ellipsis),
    Ellipsis, None, (None, 0), (slice(None), None, slice(None, None, -1)),
    (0, None, slice(1, 3)), (Ellipsis, None), (slice(1, 3), slice(None, None, -2), 2),
    (-1, slice(None), -1), (Ellipsis, slice(None, None, 3)), (np.int64(1),), (slice(2, 2),),
    (1, Ellipsis, None, 2), (slice(None, None, 5), slice(4, None, -3)),
]


@pytest.mark.parametrize("key", KEYS, ids=repr)
def test_basic_indexing(key, rng):
    a = values("float64", (4, 5, 6), "any", rng)
    x = npt.asarray(a)
    assert_same(x[key], a[key])


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint64", "float16"])
def test_indexing_other_dtypes(dtype, rng):
    a = values(dtype, (5, 4), "any", rng)
    x = npt.asarray(a)
    for key in [(1,), (slice(None, None, -1), 2), (slice(1, None, 2),), (Ellipsis, None)]:
        assert_same(x[key], a[key])


def test_views_of_views(rng):
    a = values("int32", (6, 8), "any", rng)
    x = npt.asarray(a)
    assert_same(x[::2][1:], a[::2][1:])
    assert_same(x.T[1], a.T[1])
    assert_same(x[::-1][::-2][1], a[::-1][::-2][1])
    assert_same(x[1:, ::3].T[::-1], a[1:, ::3].T[::-1])
    assert_same(x.T[2:5].T[:, 1:][::2], a.T[2:5].T[:, 1:][::2])
    assert_same(x[None][0, 3][2:], a[None][0, 3][2:])


def test_indexing_expression_results(rng):
    a = values("float32", (6, 6), "any", rng)
    x = npt.asarray(a)
    assert_same((x * 2 + 1)[1:, ::2], (a * 2 + 1)[1:, ::2])
    assert_same(npt.sin(x)[::-1].T[0], np.sin(a)[::-1].T[0])
    assert_same((x[::2] + x[1::2])[..., 0], (a[::2] + a[1::2])[..., 0])


def test_indexing_0d():
    a = np.array(3.5)
    x = npt.asarray(a)
    assert_same(x[()], np.asarray(a[()]))
    assert_same(x[...], a[...])
    assert_same(x[None], a[None])
    with pytest.raises(IndexError):
        a[0]
    with pytest.raises(IndexError):
        x[0]


@pytest.mark.parametrize("key", [5, -6, (0, 9), (1, -10), (0, 0, 0), (0, 0, 0, 0), (Ellipsis, 9)],
                         ids=repr)
def test_indexing_errors(key):
    a = np.ones((5, 9, 3))[:, :, 0]
    x = npt.ones((5, 9, 3))[:, :, 0]
    with pytest.raises(IndexError):
        a[key]
    with pytest.raises(IndexError):
        x[key]


def test_two_ellipses_raise():
    with pytest.raises(IndexError):
        np.ones((2, 2))[..., ...]
    with pytest.raises(IndexError):
        npt.ones((2, 2))[..., ...]


@pytest.mark.parametrize("key", [1.5, "a", (0, 1.0)], ids=repr)
def test_invalid_index_types_raise(key):
    with pytest.raises(IndexError):
        np.ones((3, 3))[key]
    with pytest.raises(IndexError):
        npt.ones((3, 3))[key]


# ---- Python protocols ----------------------------------------------------------------------
def test_len_and_iteration(rng):
    a = values("int64", (4, 3), "any", rng)
    x = npt.asarray(a)
    assert len(x) == len(a) == 4
    rows = list(x)
    assert len(rows) == 4
    for r, e in zip(rows, a):
        assert_same(r, e)
    assert [float(v) for v in npt.asarray(a[0])] == [float(v) for v in a[0]]
    assert len(npt.zeros((0, 3))) == 0
    assert list(npt.zeros((0, 3))) == []


def test_len_and_iter_of_0d_raise():
    x = npt.asarray(np.array(1.0))
    with pytest.raises(TypeError):
        len(np.array(1.0))
    with pytest.raises(TypeError):
        len(x)
    with pytest.raises(TypeError):
        iter(np.array(1.0))
    with pytest.raises(TypeError):
        list(x)


@pytest.mark.parametrize("a", [
    np.arange(5), np.arange(6, dtype=np.float32).reshape(2, 3) / 7, np.array(3.25),
    np.array([True, False]), np.zeros((0, 2)), np.array([1e10, 1e-5]), np.array([np.nan, np.inf]),
    np.arange(2000, dtype=np.int16), np.array([1, 2], dtype=np.uint8), np.float16([0.1, 2.5]),
    np.array(7, dtype=np.int8), np.arange(24.0).reshape(2, 3, 4),
], ids=lambda a: f"{a.dtype}{a.shape}")
def test_repr_and_str(a):
    x = npt.asarray(a)
    assert repr(x) == repr(a)
    assert str(x) == str(a)
    # also for a computed (non-materialized) array
    y = x + np.zeros((), dtype=a.dtype) if a.dtype != np.bool_ else x | False
    assert repr(y) == repr(a)
    assert str(y) == str(a)


def test_format():
    assert f"{npt.asarray(np.float64(2.5)):.2f}" == "2.50"
    assert format(npt.asarray(np.array([1, 2]))) == format(np.array([1, 2]))


@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_scalar_conversions(dtype):
    a = np.array(3 if dtype != "bool" else True, dtype=dtype)
    x = npt.asarray(a) * 1 if dtype != "bool" else npt.asarray(a)
    assert x.item() == a.item()
    assert type(x.item()) is type(a.item())
    assert float(x) == float(a)
    assert int(x) == int(a)
    assert bool(x) == bool(a)
    assert x.tolist() == a.tolist()
    if np.dtype(dtype).kind in "iu":
        assert [10, 20, 30, 40][x] == [10, 20, 30, 40][a]  # __index__
    else:
        with pytest.raises(TypeError):
            [10, 20, 30, 40][a]
        with pytest.raises(TypeError):
            [10, 20, 30, 40][x]


def test_conversions_of_size1_arrays():
    x = npt.asarray(np.array([[2.5]]))
    # NumPy 2.4: only 0-d arrays convert with float()/int(); bool() accepts size 1
    with pytest.raises(TypeError):
        float(np.array([[2.5]]))
    with pytest.raises(TypeError):
        float(x)
    with pytest.raises(TypeError):
        int(npt.asarray(np.array([3])))
    assert bool(np.array([0.0])) is False
    assert bool(npt.asarray(np.array([0.0]))) is False
    assert bool(npt.asarray(np.array([[1.0]]))) is True
    assert x.item() == 2.5
    assert x.item(0) == 2.5
    assert npt.asarray(np.arange(6).reshape(2, 3)).item(4) == 4
    assert npt.asarray(np.arange(6).reshape(2, 3)).item((1, 2)) == 5


def test_bool_of_multi_element_array_raises():
    with pytest.raises(ValueError):
        bool(np.ones(2))
    with pytest.raises(ValueError):
        bool(npt.ones(2))
    with pytest.raises(ValueError):
        if npt.ones(3) > 0:
            pass


def test_bool_of_empty_array_raises():
    with pytest.raises(ValueError):
        bool(np.ones(0))
    with pytest.raises(ValueError):
        bool(npt.ones(0))


def test_float_int_of_multi_element_raise():
    with pytest.raises(TypeError):
        float(np.ones(2))
    with pytest.raises(TypeError):
        float(npt.ones(2))
    with pytest.raises(TypeError):
        int(npt.ones(2))
    with pytest.raises(ValueError):
        npt.ones(2).item()


@pytest.mark.parametrize("a", [np.arange(6).reshape(2, 3), np.array(2.5), np.zeros((0, 2)),
                               np.array([True, False]), np.arange(4, dtype=np.uint8)])
def test_tolist(a):
    x = npt.asarray(a)
    assert x.tolist() == a.tolist()
    assert (x + 0).tolist() == (a + 0).tolist()


def test_evaluate(rng):
    a = values("float32", (10,), "any", rng)
    x = npt.asarray(a)
    y, z = npt.sin(x) + 1, npt.cos(x) * 2
    assert not y._h.materialized and not z._h.materialized
    out = npt.evaluate(y, z)
    assert out[0] is y and out[1] is z
    assert y._h.materialized and z._h.materialized
    assert_same(y, np.sin(a) + 1)
    assert_same(z, np.cos(a) * 2)
    w = npt.exp(x)
    assert npt.evaluate(w) is w
    assert w._h.materialized


def test_np_asarray_of_npt_array(rng):
    a = values("int32", (3, 4), "any", rng)
    x = npt.asarray(a) * 2
    r = np.asarray(x)
    assert isinstance(r, np.ndarray)
    np.testing.assert_array_equal(r, a * 2, strict=True)
    r = np.asarray(x, dtype=np.float64)
    assert r.dtype == np.float64
    np.testing.assert_array_equal(r, (a * 2).astype(np.float64))
    r = np.array(x)
    np.testing.assert_array_equal(r, a * 2, strict=True)
    np.testing.assert_array_equal(np.array(x, copy=True), a * 2)
    # NumPy functions that convert their input accept npt arrays
    assert np.allclose(np.sort(npt.asarray(a), axis=None), np.sort(a, axis=None))


def test_copy_values(rng):
    a = values("float64", (3,), "any", rng)
    assert_same(npt.asarray(a).copy(), a.copy())


# ---- matmul --------------------------------------------------------------------------------
MATMUL_SHAPES = [
    ((4,), (4,)), ((3, 4), (4,)), ((4,), (4, 5)), ((3, 4), (4, 5)), ((2, 3, 4), (2, 4, 5)),
    ((2, 3, 4), (4, 5)), ((3, 4), (2, 4, 5)), ((2, 1, 3, 4), (5, 4, 2)), ((1, 4), (4, 1)),
    ((0, 4), (4, 3)), ((3, 0), (0, 2)), ((2, 3, 4), (4,)), ((4,), (2, 4, 3)),
]


@pytest.mark.parametrize("sa,sb", MATMUL_SHAPES, ids=str)
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_matmul(sa, sb, dtype, rng):
    a = values(dtype, sa, "any", rng)
    b = values(dtype, sb, "any", rng)
    x, y = npt.asarray(a), npt.asarray(b)
    assert_same(x @ y, a @ b, atol=1e-3)
    assert_same(npt.matmul(x, y), np.matmul(a, b), atol=1e-3)


@pytest.mark.parametrize("da,db", [
    ("int32", "int32"), ("int64", "int64"), ("float32", "float64"), ("int8", "float32"),
    ("int16", "int16"), ("float16", "float16"), ("uint8", "int64"),
    ("bool", "bool"), ("uint16", "uint32"),
    ("bool", "int8"),
])
def test_matmul_dtypes(da, db, rng):
    a = values(da, (3, 4), "small", rng)
    b = values(db, (4, 2), "small", rng)
    assert_same(npt.asarray(a) @ npt.asarray(b), a @ b, atol=1e-2)


def test_matmul_of_views_and_expressions(rng):
    a = values("float64", (6, 8), "any", rng)
    b = values("float64", (8, 6), "any", rng)
    x, y = npt.asarray(a), npt.asarray(b)
    assert_same(x[::2] @ y[:, ::-1], a[::2] @ b[:, ::-1], atol=1e-9)
    assert_same(x.T @ y.T, a.T @ b.T, atol=1e-9)
    assert_same((x * 2 + 1) @ npt.sin(y), (a * 2 + 1) @ np.sin(b), atol=1e-9)
    assert_same((x @ y).sum(axis=0), (a @ b).sum(axis=0), atol=1e-9)


def test_matmul_with_numpy_and_lists(rng):
    a = values("float64", (2, 3), "any", rng)
    b = values("float64", (3,), "any", rng)
    assert_same(npt.asarray(a) @ b, a @ b)
    assert_same(a @ npt.asarray(b), a @ b)
    assert_same(npt.matmul(a.tolist(), b.tolist()), np.matmul(a.tolist(), b.tolist()))


@pytest.mark.parametrize("sa,sb", [((3, 4), (5,)), ((3,), (4,)), ((2, 3), (2, 3)),
                                   ((2, 3, 4), (3, 4, 5)), ((3, 4), (5, 2)), ((), (3,)),
                                   ((3,), ())], ids=str)
def test_matmul_shape_mismatch_raises(sa, sb):
    with pytest.raises(ValueError):
        np.matmul(np.ones(sa), np.ones(sb))
    with pytest.raises(ValueError):
        npt.matmul(npt.ones(sa), npt.ones(sb))
    with pytest.raises(ValueError):
        npt.ones(sa) @ npt.ones(sb)


def test_matmul_python_scalar_raises():
    with pytest.raises(ValueError):
        np.ones(3) @ 2
    with pytest.raises(ValueError):
        npt.ones(3) @ 2


def test_dot(rng):
    a = values("float64", (3, 4), "any", rng)
    b = values("float64", (4,), "any", rng)
    assert_same(npt.dot(npt.asarray(a), npt.asarray(b)), np.dot(a, b))
    assert_same(npt.dot(npt.asarray(b), npt.asarray(b)), np.dot(b, b))
    assert_same(npt.dot(npt.asarray(a), 2.0), np.dot(a, 2.0))


def test_broadcast_mismatch_raises():
    with pytest.raises(ValueError):
        np.ones(3) + np.ones(4)
    with pytest.raises(ValueError):
        npt.ones(3) + npt.ones(4)
    with pytest.raises(ValueError):
        npt.ones((2, 3)) * npt.ones((3, 2))


@given(data=st.data(), shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))
def test_hypothesis_basic_indexing(data, shape):
    """Random basic indices (ints, slices, None, ...) and indices of views of expressions."""
    a = np.arange(int(np.prod(shape)), dtype=np.int32).reshape(shape)
    x = npt.asarray(a)
    idx = data.draw(hnp.basic_indices(shape, allow_newaxis=True, allow_ellipsis=True))
    e, r = a[idx], x[idx]
    assert_same(r, e)
    if np.ndim(e):
        idx2 = data.draw(hnp.basic_indices(np.shape(e), allow_newaxis=True, allow_ellipsis=True))
        assert_same((r * 2)[idx2], (e * 2)[idx2])
