"""The rest of NumPy's namespace against NumPy: the functional helpers
(piecewise select choose apply_along_axis apply_over_axes vectorize
frompyfunc), windows, index helpers, fill_diagonal, packbits/unpackbits, the
small shape helpers, and ndarray's byte-level methods (view getfield
setfield byteswap tobytes strides flat resize setflags dumps)."""
import pickle

import numpy as np
import pytest

import npt

X = np.linspace(-2.5, 2.5, 11)
A3 = np.arange(24.0).reshape(2, 3, 4)


def _same(ours, theirs):
    o = np.asarray(ours)
    assert o.dtype == np.asarray(theirs).dtype and o.shape == np.shape(theirs)
    np.testing.assert_array_equal(o, theirs)


# (name, args built from the module: np or npt) -- the function is called on
# the same inputs in both and the results compared exactly
CASES = [
    ("piecewise", lambda m: (X, [X < 0, X >= 0], [-1, 1])),
    ("piecewise", lambda m: (X, [X < 0, X >= 0], [lambda v: -v, lambda v: v * v])),
    ("piecewise", lambda m: (X, [X < -1], [lambda v: v * 2, 7.0])),
    ("piecewise", lambda m: (X.astype(np.int64), X > 1, [lambda v: v + 1, 0])),
    ("piecewise", lambda m: (np.array(3.0), [True], [lambda v: v * 2])),
    ("select", lambda m: ([X < -1, X < 1], [X, X ** 2], 9)),
    ("select", lambda m: ([X > 0], [np.arange(11)])),
    ("select", lambda m: ([X < 0, X > 1], [1, 2.5], -1)),
    ("choose", lambda m: (np.array([[0, 1, 2], [2, 1, 0]]), [np.arange(3.0), np.full(3, 10), [[100], [200]]])),
    ("choose", lambda m: (np.array([0, 4, 5, 1]), [np.arange(4), np.arange(4) * 10], None, "wrap")),
    ("choose", lambda m: (np.array([-2, 4, 1]), [np.arange(3), -np.arange(3)], None, "clip")),
    ("choose", lambda m: (np.array([1, 0, 1], dtype=np.uint8), [np.int8([1, 2, 3]), np.float32([4, 5, 6])])),
    ("apply_along_axis", lambda m: (m.sum, 1, A3)),
    ("apply_along_axis", lambda m: (lambda v: np.array([v.min(), v.max()]), 0, A3)),
    ("apply_along_axis", lambda m: (lambda v: np.outer(v, v), 2, A3)),
    ("apply_along_axis", lambda m: (np.sort, -1, A3[:, ::-1])),
    ("apply_along_axis", lambda m: (lambda v, k: v[:k], 1, A3, 2)),
    ("apply_over_axes", lambda m: (m.sum, A3, [0, 2])),
    ("apply_over_axes", lambda m: (m.mean, A3, -1)),
    ("bartlett", lambda m: (12,)), ("blackman", lambda m: (7,)), ("hamming", lambda m: (1,)),
    ("hanning", lambda m: (0,)), ("kaiser", lambda m: (9, 8.6)), ("kaiser", lambda m: (1, 3.0)),
    ("diag_indices_from", lambda m: (np.zeros((3, 3, 3)),)), ("tril_indices_from", lambda m: (np.zeros((3, 5)), 1)),
    ("triu_indices_from", lambda m: (np.zeros((4, 4)), -1)), ("mask_indices", lambda m: (4, np.triu, 1)),
    ("packbits", lambda m: (np.array([[1, 0, 1], [0, 0, 1]]),)),
    ("packbits", lambda m: (np.arange(30).reshape(3, 10) % 3 == 0, 1)),
    ("packbits", lambda m: (np.arange(17) % 2, 0, "little")),
    ("unpackbits", lambda m: (np.array([[2, 7, 255], [0, 128, 3]], dtype=np.uint8),)),
    ("unpackbits", lambda m: (np.array([[2, 7, 255], [0, 128, 3]], dtype=np.uint8), 1, 5)),
    ("unpackbits", lambda m: (np.array([[2, 7, 255], [0, 128, 3]], dtype=np.uint8), 0, -3, "little")),
    ("unpackbits", lambda m: (np.array([9, 200], dtype=np.uint8), None, 20)),
    ("asarray_chkfinite", lambda m: ([1, 2.5],)), ("require", lambda m: (A3.transpose(2, 0, 1), None, "C")),
    ("require", lambda m: (A3, np.float32, ["F", "W"])),
]


def _args(build, module):
    return build(module)


@pytest.mark.parametrize("name,build", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_function_is_numpys(name, build):
    theirs = getattr(np, name)(*build(np))
    ours = getattr(npt, name)(*build(npt))
    if isinstance(theirs, tuple):
        assert isinstance(ours, tuple) and len(ours) == len(theirs)
        for o, t in zip(ours, theirs):
            _same(o, t)
    elif name in ("bartlett", "blackman", "hamming", "hanning", "kaiser"):
        o = np.asarray(ours)
        assert o.dtype == theirs.dtype and o.shape == theirs.shape
        np.testing.assert_allclose(o, theirs, rtol=1e-13, atol=1e-15)
    else:
        _same(ours, theirs)


@pytest.mark.parametrize("call,exc", [
    (lambda m: m.select([X < 0], [X, X]), ValueError),
    (lambda m: m.select([], []), ValueError),
    (lambda m: m.select([np.arange(11)], [X]), TypeError),
    (lambda m: m.choose(np.array([0, 3]), [np.arange(2), np.arange(2)]), ValueError),
    (lambda m: m.choose(np.array([0, 1]), [np.arange(2)], mode="bad"), ValueError),
    (lambda m: m.piecewise(X, [X < 0, X > 0], [1]), ValueError),
    (lambda m: m.apply_along_axis(np.sum, 0, np.zeros((3, 0))), ValueError),
    (lambda m: m.asarray_chkfinite([1.0, np.nan]), ValueError),
    (lambda m: m.packbits(np.array([1.5])), TypeError),
    (lambda m: m.unpackbits(np.array([1], dtype=np.int16)), TypeError),
    (lambda m: m.require(np.zeros(3), requirements="CF"), ValueError),
    (lambda m: m.fill_diagonal(np.zeros(3), 1), ValueError),
    (lambda m: m.tril_indices_from(np.zeros(3)), ValueError),
])
def test_errors_are_numpys(call, exc):
    with pytest.raises(exc) as theirs:
        call(np)
    with pytest.raises(exc) as ours:
        call(npt)
    assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("shape,val,wrap", [((4, 4), [1, 2], False), ((7, 3), 5, True), ((7, 3), 5, False),
                                            ((3, 3, 3), [4, 5, 6], False), ((3, 5), 9, False)])
def test_fill_diagonal_writes_in_place(shape, val, wrap):
    a, x = np.zeros(shape), npt.zeros(shape)
    np.fill_diagonal(a, val, wrap=wrap)
    assert npt.fill_diagonal(x, val, wrap=wrap) is None
    _same(x, a)


def test_vectorize_and_frompyfunc_call_per_element():
    def f(a, b):
        return a - b if a > b else a + b
    v = npt.vectorize(f)
    _same(v(npt.asarray([1, 2, 3, 4]), 2), np.vectorize(f)([1, 2, 3, 4], 2))
    vs = npt.vectorize(lambda r: np.array([r.min(), r.max()]), signature="(n)->(k)")
    _same(vs(A3), np.vectorize(lambda r: np.array([r.min(), r.max()]), signature="(n)->(k)")(A3))
    assert npt.vectorize(otypes=[float])(lambda a: a * 2)(npt.arange(3)).dtype == np.float64
    u = npt.frompyfunc(lambda a, b: a * b, 2, 1)
    r = u(npt.arange(3), 2)
    assert r.dtype == object and list(r) == [0, 2, 4] and u.nin == 2 and u.nout == 1


def test_shape_helpers():
    x = npt.ones((2, 3))
    assert npt.ndim(x) == 2 and npt.shape(x) == (2, 3) and npt.size(x) == 6 and npt.size(x, -1) == 3
    assert npt.ndim([[1, 2]]) == 2 and npt.shape(5) == () and npt.size([1, 2, 3]) == 3
    assert npt.isfortran(npt.asfortranarray(x)) and not npt.isfortran(x) and not npt.isfortran(npt.ones(3))


# ---- ndarray methods ---------------------------------------------------------

F = np.arange(12.0).reshape(3, 4) - 5.5


@pytest.mark.parametrize("dtype", [np.uint8, np.int16, np.int32, np.float32, np.int64, np.complex128])
def test_view_reads_the_bytes_as_numpy(dtype):
    _same(npt.asarray(F).view(dtype), F.view(dtype))
    _same(npt.asarray(F)[::2].view(dtype), F[::2].view(dtype))


def test_view_without_dtype_shares_memory_and_errors_are_numpys():
    x = npt.arange(3.0)
    v = x.view()
    v[0] = 7
    _same(x, np.array([7.0, 1, 2]))
    assert x.view(npt.ndarray).shape == (3,)
    _same(npt.asarray(F).T.view(np.int64), F.T.view(np.int64))
    for call in (lambda m: m.asarray(F)[:, ::2].view(np.float32), lambda m: m.asarray(F).T.view(np.float32),
                 lambda m: m.asarray(np.float64(1.0)).view(np.float32), lambda m: m.asarray(np.zeros(3, np.int16)).view(np.int32)):
        with pytest.raises(ValueError) as theirs:
            call(np)
        with pytest.raises(ValueError) as ours:
            call(npt)
        assert str(ours.value) == str(theirs.value)


def test_getfield_setfield_byteswap():
    _same(npt.asarray(F).getfield(np.float32, 4), F.getfield(np.float32, 4))
    _same(npt.asarray(F).getfield(np.int16, 2), F.getfield(np.int16, 2))
    for off, exc_call in ((-1, None), (6, None)):
        with pytest.raises(ValueError) as theirs:
            F.getfield(np.float32, off)
        with pytest.raises(ValueError) as ours:
            npt.asarray(F).getfield(np.float32, off)
        assert str(ours.value) == str(theirs.value)
    a, x = np.zeros(3), npt.zeros(3)
    a.setfield(np.float32(1.5), np.float32, 4)
    x.setfield(np.float32(1.5), np.float32, 4)
    _same(x, a)
    for dt in (np.int16, np.float64, np.complex64, np.int8, np.uint32):
        b = (np.arange(6) * 37 - 50).astype(dt)
        _same(npt.asarray(b).byteswap(), b.byteswap())
    y = npt.arange(4, dtype=np.int32)
    assert y.byteswap(inplace=True) is y
    _same(y, np.arange(4, dtype=np.int32).byteswap())


def test_bytes_strides_pickle():
    x = npt.asarray(F)
    assert x.tobytes() == F.tobytes() and x.tobytes("F") == F.tobytes("F")
    assert x.strides == F.strides and x.T.strides == F.T.strides and x[:, ::2].strides == F[:, ::2].strides
    y = pickle.loads(pickle.dumps(x))
    assert isinstance(y, npt.ndarray)
    _same(y, F)
    assert x.dumps() == F.dumps()
    assert bytes(x.data) == bytes(F.data) and x.ctypes.data != 0


def test_flat_resize_setflags():
    a, x = np.zeros((3, 3)), npt.zeros((3, 3))
    a.flat[::4] = [1, 2]
    x.flat[::4] = [1, 2]
    _same(x, a)
    a.flat = 5
    x.flat = 5
    _same(x, a)
    assert list(npt.asarray(F).flat) == list(F.flat) and len(npt.asarray(F).flat) == F.size
    _same(npt.asarray(F).flat[5], F.flat[5])
    _same(npt.asarray(F).T.flat[2:7], F.T.flat[2:7])
    r, s = np.arange(5.0), npt.arange(5.0)
    r.resize((2, 4))
    s.resize((2, 4))
    _same(s, r)
    s.resize(3, refcheck=False)
    _same(s, np.array([0.0, 1, 2]))
    with pytest.raises(ValueError, match="does not own its data"):
        npt.arange(4.0)[1:].resize(2)
    w = npt.zeros(4)
    w.setflags(write=False)
    with pytest.raises(ValueError, match="read-only"):
        w[0] = 1
    _same(npt.asarray([0, 2, 1]).choose([[1, 2, 3], [4, 5, 6], [7, 8, 9]]),
          np.asarray([0, 2, 1]).choose([[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
