"""pad (every mode), resize, insert, delete, trim_zeros, block, r_/c_, the
layouts of array/asarray/asfortranarray/astype (order=, ndmin=), mgrid,
ogrid and geomspace against NumPy, from tables: each array case runs over
dtypes and shapes (0-d and empty included) and compares values, dtypes,
shapes, C/F contiguity, whether the result shares memory with the input,
and the exception type and text of bad input. Gradients of the
compositions against finite differences; the compositions stay lazy (they
trace under jit)."""
import numpy
import pytest

import npt

from _helpers import (assert_grad_matches_fd, assert_layout_like_numpy, assert_like_numpy, assert_same,
                      assert_same_exception, numpy_or_exc, small_ints)

SHAPES = [(), (0,), (5,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "int32", "uint8", "bool", "complex64"]


def _pad_with(vector, pad_width, iaxis, kwargs):
    """NumPy's documented callable pad mode: writes into the 1-D view it gets."""
    vector[:pad_width[0]] = kwargs.get("padder", 10)
    if pad_width[1]:
        vector[-pad_width[1]:] = kwargs.get("padder", 10)


def _real(n, dtype):
    return dtype != "complex64"


def _any(n, dtype):
    return True


# name -> (function of (module, array), which inputs it takes: a predicate on (ndim, dtype))
CASES = {
    "pad constant": (lambda np, a: np.pad(a, 2), _any),
    "pad constant pairs": (lambda np, a: np.pad(a, ((1, 2),) * a.ndim, constant_values=((3, 4),) * a.ndim), _any),
    "pad constant value": (lambda np, a: np.pad(a, (1, 3), constant_values=7), _any),
    "pad constant overflow": (lambda np, a: np.pad(a, 1, constant_values=300), _any),
    "pad empty": (lambda np, a: np.pad(a, 2, mode="empty")[(slice(2, -2),) * a.ndim], _any),
    "pad edge": (lambda np, a: np.pad(a, (2, 3), mode="edge"), _any),
    "pad linear_ramp": (lambda np, a: np.pad(a, 3, mode="linear_ramp", end_values=(5, -1)), _any),
    "pad linear_ramp default": (lambda np, a: np.pad(a, (1, 4), mode="linear_ramp"), _any),
    "pad maximum": (lambda np, a: np.pad(a, 2, mode="maximum"), _real),
    "pad minimum stat_length": (lambda np, a: np.pad(a, (1, 2), mode="minimum", stat_length=2), _real),
    "pad maximum stat_length 0": (lambda np, a: np.pad(a, 1, mode="maximum", stat_length=0), _real),
    "pad mean": (lambda np, a: np.pad(a, 2, mode="mean"), _any),
    "pad mean stat_length": (lambda np, a: np.pad(a, (3, 1), mode="mean", stat_length=(1, 3)), _any),
    "pad median": (lambda np, a: np.pad(a, 2, mode="median"), _real),
    "pad reflect": (lambda np, a: np.pad(a, 3, mode="reflect"), _any),
    "pad reflect odd": (lambda np, a: np.pad(a, (4, 7), mode="reflect", reflect_type="odd"), _any),
    "pad symmetric": (lambda np, a: np.pad(a, (5, 2), mode="symmetric"), _any),
    "pad symmetric odd": (lambda np, a: np.pad(a, 6, mode="symmetric", reflect_type="odd"), _any),
    "pad wrap": (lambda np, a: np.pad(a, (7, 3), mode="wrap"), _any),
    "pad last axis": (lambda np, a: np.pad(a, [(0, 0)] * (a.ndim - 1) + [(2, 1)], mode="reflect"), _any),
    "pad dict": (lambda np, a: np.pad(a, {0: 2, -1: (1, 3)}), _any),
    "pad callable": (lambda np, a: np.pad(a, 2, _pad_with), _any),
    "pad callable kwargs": (lambda np, a: np.pad(a, (1, 0), _pad_with, padder=-1), _any),
    "pad bad mode": (lambda np, a: np.pad(a, 1, mode="bogus"), _any),
    "pad bad kwarg": (lambda np, a: np.pad(a, 1, mode="edge", constant_values=0), _any),
    "pad negative": (lambda np, a: np.pad(a, -1), _any),
    "pad float width": (lambda np, a: np.pad(a, 1.5), _any),
    "resize": (lambda np, a: np.resize(a, (3, 7)), _any),
    "resize int": (lambda np, a: np.resize(a, 4), _any),
    "resize empty": (lambda np, a: np.resize(a, (0, 2)), _any),
    "resize negative": (lambda np, a: np.resize(a, (-1, 2)), _any),
    "insert": (lambda np, a: np.insert(a, 1, 9), _any),
    "insert axis": (lambda np, a: np.insert(a, 1, 9, axis=0), _any),
    "insert values": (lambda np, a: np.insert(a, -1, [7, 8], axis=-1), _any),
    "insert many": (lambda np, a: np.insert(a, [0, 2, 2], 5, axis=0), _any),
    "insert slice": (lambda np, a: np.insert(a, slice(None, None, 2), 3, axis=-1), _any),
    "insert array values": (lambda np, a: np.insert(a, [1], a[:1], axis=0), _any),
    "insert row": (lambda np, a: np.insert(a, 0, a[0], axis=0), _any),
    "insert out of bounds": (lambda np, a: np.insert(a, 99, 0), _any),
    "insert bool obj": (lambda np, a: np.insert(a, np.asarray([True] + [False] * (a.size - 1)), 1), _any),
    "insert 2-d obj": (lambda np, a: np.insert(a, [[1]], 0), _any),
    "delete": (lambda np, a: np.delete(a, 1), _any),
    "delete axis": (lambda np, a: np.delete(a, 0, axis=-1), _any),
    "delete list": (lambda np, a: np.delete(a, [0, 2], axis=0), _any),
    "delete slice": (lambda np, a: np.delete(a, slice(1, None, 2), axis=0), _any),
    "delete empty slice": (lambda np, a: np.delete(a, slice(3, 1)), _any),
    "delete bool": (lambda np, a: np.delete(a, np.asarray([i % 3 == 0 for i in range(a.size)])), _any),
    "delete out of bounds": (lambda np, a: np.delete(a, 99), _any),
    "delete bad axis": (lambda np, a: np.delete(a, 0, axis=5), _any),
    "trim_zeros": (lambda np, a: np.trim_zeros(a), _any),
    "trim_zeros f": (lambda np, a: np.trim_zeros(a, "f"), _any),
    "trim_zeros b axis": (lambda np, a: np.trim_zeros(a, "B", axis=-1), _any),
    "trim_zeros bad": (lambda np, a: np.trim_zeros(a, "x"), _any),
    "block": (lambda np, a: np.block([[a, a], [a, a]]), _any),
    "block ragged": (lambda np, a: np.block([a, a[..., :1]]), _any),
    "block leaf": (lambda np, a: np.block(a), _any),
    "block scalars": (lambda np, a: np.block([a, 1]), _any),
    "block depths": (lambda np, a: np.block([[a], a]), _any),
    "block mismatched": (lambda np, a: np.block([[a, np.ones((2, 2), a.dtype)]]), _any),
    "r_": (lambda np, a: np.r_[a, a], _any),
    "r_ scalars": (lambda np, a: np.r_[a, 1, 2.5], _any),
    "r_ slice": (lambda np, a: np.r_[0:3, a.ravel(), -1:1:3j], _any),
    "r_ directive": (lambda np, a: np.r_["-1,2,0", a, a], _any),
    "r_ axis": (lambda np, a: np.r_["-1", a, a], _any),
    "c_": (lambda np, a: np.c_[a, a], _any),
    "c_ ravel": (lambda np, a: np.c_[a.ravel(), a.ravel()], _any),
    "array F": (lambda np, a: np.array(a, order="F"), _any),
    "array K of T": (lambda np, a: np.array(a.T), _any),
    "array A of T": (lambda np, a: np.array(a.T[::2], order="A"), _any),
    "array copy None F": (lambda np, a: np.array(a.T, copy=None, order="F"), _any),
    "array ndmin": (lambda np, a: np.array(a, ndmin=3), _any),
    "array ndmin A": (lambda np, a: np.array(a.T, ndmin=4, order="A"), _any),
    "array ndmin no copy": (lambda np, a: np.array(a, ndmin=4, copy=False), _any),
    "array bad order": (lambda np, a: np.array(a, order="X"), _any),
    "asarray F": (lambda np, a: np.asarray(a, order="F"), _any),
    "asarray f of T": (lambda np, a: np.asarray(a.T, order="f"), _any),
    "asarray C of T": (lambda np, a: np.asarray(a.T, order="C"), _any),
    "asarray K of flip": (lambda np, a: np.asarray(a[::-1], order="K"), _any),
    "asarray C no copy": (lambda np, a: np.asarray(a.T, order="C", copy=False), _any),
    "asarray dtype K": (lambda np, a: np.asarray(a.T, dtype="float32"), _any),
    "asarray order int": (lambda np, a: np.asarray(a, order=1), _any),
    "asfortranarray": (lambda np, a: np.asfortranarray(a), _any),
    "asfortranarray T": (lambda np, a: np.asfortranarray(a.T), _any),
    "asfortranarray dtype": (lambda np, a: np.asfortranarray(a, dtype="float32"), _any),
    "astype T": (lambda np, a: np.astype(a.T, "float32"), _any),
    "astype no copy": (lambda np, a: np.astype(a, a.dtype, copy=False), _any),
}


# (only the inputs each case takes: no test that passes by returning early)
PARAMS = [(n, s, d) for n in sorted(CASES) for s in SHAPES for d in DTYPES if CASES[n][1](len(s), d)]


@pytest.mark.parametrize("name, shape, dtype", PARAMS, ids=str)
def test_manipulation_more(name, shape, dtype):
    assert_layout_like_numpy(CASES[name][0], small_ints(shape, dtype))


def test_complex_median_pad_is_not_supported_yet():
    with pytest.raises(NotImplementedError, match="complex"):
        npt.pad(npt.asarray([1j, 2]), 1, mode="median")


# ---- pads wider than the array: repeated reflections and wraps ------------------------------

@pytest.mark.parametrize("mode", ["reflect", "symmetric", "wrap", "edge", "linear_ramp", "mean"])
@pytest.mark.parametrize("reflect_type", ["even", "odd"])
@pytest.mark.parametrize("widths", [((9, 0), (0, 11)), ((1, 13), (6, 2)), ((3, 3), (4, 4))], ids=str)
def test_pad_wide(mode, reflect_type, widths):
    x = numpy.array([[3.0, -1.0, 4.5], [2.0, 0.5, -6.0]])
    kw = {"reflect_type": reflect_type} if mode in ("reflect", "symmetric") else {}
    for dt in ("float64", "int16", "uint8"):
        assert_same(npt.pad(npt.asarray(x.astype(dt)), widths, mode, **kw),
                    numpy.pad(x.astype(dt), widths, mode, **kw))


def test_pad_singleton_axis_reflects_its_edge():
    x = numpy.array([[1.0, 2.0, 3.0]])
    for mode in ("reflect", "symmetric"):
        assert_same(npt.pad(npt.asarray(x), 2, mode), numpy.pad(x, 2, mode))


def test_pad_result_is_a_new_array():
    x = numpy.arange(6.0).reshape(2, 3)
    a = npt.asarray(x.copy())
    p = npt.pad(a, 0)
    p[0, 0] = 99.0
    assert_same(a, x)
    assert not npt.shares_memory(p, a)


# ---- grids and geometric sequences ------------------------------------------------------------

GRIDS = {
    "mgrid": lambda np: np.mgrid[0:5, 0:3],
    "mgrid 1": lambda np: np.mgrid[-1:1:5j],
    "mgrid complex": lambda np: np.mgrid[0:1:3j, 0:2:3j],
    "mgrid float step": lambda np: np.mgrid[0:4:2.5],
    "mgrid mixed": lambda np: np.mgrid[0:2, 0:1:0.25],
    "mgrid tuple": lambda np: np.mgrid[(slice(0, 5),)],
    "mgrid float32": lambda np: np.mgrid[np.float32(0):3],
    "mgrid float32 step": lambda np: np.mgrid[0:3, np.float32(0):1:0.5],
    "mgrid empty": lambda np: np.mgrid[0:0, 0:3],
    "mgrid no stop": lambda np: np.mgrid[0:5, :3],
    "ogrid": lambda np: np.ogrid[0:5, 0:3],
    "ogrid 1": lambda np: np.ogrid[-1:1:5j],
    "ogrid complex": lambda np: np.ogrid[0:1:3j, 0:2],
    "ogrid float step": lambda np: np.ogrid[0:4:2.5],
    "r_ ranges": lambda np: np.r_[1:4, 0, 4, -2:2:5j],
    "r_ int8": lambda np: np.r_[np.int8(1), np.asarray([1, 2], "int8")],
    "r_ weak": lambda np: np.r_[1, np.asarray([1, 2], "int8")],
    "r_ 3-d": lambda np: np.r_["0,3,1", [1, 2], [3, 4]],
    "r_ empty": lambda np: np.r_[()],
    "r_ bad directive": lambda np: np.r_["x", 1],
    "r_ bad pair": lambda np: np.r_["0,x", 1],
    "r_ late directive": lambda np: np.r_[1, "0"],
    "c_ ranges": lambda np: np.c_[1:3, 5:7],
    "c_ rows": lambda np: np.c_[np.asarray([[1, 2, 3]]), 0, 0, np.asarray([[4, 5, 6]])],
    "geomspace": lambda np: np.geomspace(1, 1000, 4),
    "geomspace open": lambda np: np.geomspace(1, 1000, 4, endpoint=False),
    "geomspace negative": lambda np: np.geomspace(-1000, -1, 4),
    "geomspace imaginary": lambda np: np.geomspace(1j, 1000j, 4),
    "geomspace complex": lambda np: np.geomspace(1 + 1j, -1 - 1j, 5),
    "geomspace int": lambda np: np.geomspace(1, 256, 9, dtype=int),
    "geomspace float32": lambda np: np.geomspace(1, 2, 5, dtype="float32"),
    "geomspace float32 ends": lambda np: np.geomspace(np.asarray(1, "float32"), np.asarray(10, "float32"), 3,
                                                      dtype="float32"),
    "geomspace scalars float32": lambda np: np.geomspace(np.float32(1), np.float32(10), 3),
    "geomspace zero": lambda np: np.geomspace(0, 5),
    "geomspace 0": lambda np: np.geomspace(1, 10, 0),
    "geomspace 1": lambda np: np.geomspace(1, 10, 1),
    "geomspace arrays": lambda np: np.geomspace(np.asarray([1.0, 10]), np.asarray([100.0, -1000]), 3),
    "geomspace axis": lambda np: np.geomspace(np.asarray([1.0, 10]), 1000, 3, axis=1),
    "geomspace axis -1": lambda np: np.geomspace(np.asarray([[1.0], [2]]), np.asarray([3.0, 4, 5]), 4, axis=-1),
    "geomspace negative num": lambda np: np.geomspace(1, 2, -1),
}


@pytest.mark.parametrize("name", sorted(GRIDS))
def test_grids(name):
    assert_like_numpy(GRIDS[name], rtol=1e-12)


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # (NumPy's np.matrix)
def test_matrix_directives_give_2d_arrays():
    # npt has no matrix class: 'r' and 'c' give the matrix's 2-D array
    for key in (("r", 1, 2, 3), ("c", 1, 2, 3), ("r", [[1, 2]], [[3, 4]]), ("c", [[1], [2]], [[3], [4]])):
        assert_same(npt.r_[key], numpy.asarray(numpy.r_[key]))
    with pytest.raises(ValueError, match="matrix must be 2-dimensional"):
        npt.r_["r", numpy.ones((1, 1, 2))]
    with pytest.raises(NotImplementedError, match="bmat"):
        npt.r_["1 2; 3 4"]


# ---- like= ----------------------------------------------------------------------------------

@pytest.mark.parametrize("f", [lambda np, **k: np.asarray([1, 2], **k), lambda np, **k: np.array([1, 2], **k),
                               lambda np, **k: np.asfortranarray([[1, 2]], **k)])
def test_like(f):
    assert isinstance(f(npt, like=None), npt.ndarray)
    assert isinstance(f(npt, like=npt.zeros(1)), npt.ndarray)
    r = f(npt, like=numpy.zeros(1))  # NumPy's dispatch: like's type makes the array
    assert type(r) is numpy.ndarray and numpy.array_equal(r, f(numpy))
    _, err = numpy_or_exc(lambda: f(numpy, like=5))
    _, gerr = numpy_or_exc(lambda: f(npt, like=5))
    assert_same_exception(gerr, err)


def test_layout_copies_are_independent_and_writable():
    x = numpy.arange(12.0).reshape(3, 4)
    a = npt.asarray(x.copy())
    f = npt.asfortranarray(a)
    assert f.flags.f_contiguous and not f.flags.c_contiguous and f.flags.writeable
    f[0, 1] = -5.0
    e = numpy.asfortranarray(x)
    e[0, 1] = -5.0
    assert_same(f, e)
    assert_same(a, x)
    h = npt.asarray(numpy.asfortranarray(x))  # Fortran host data keeps its order
    assert h.flags.f_contiguous and not h.flags.c_contiguous
    assert_same(h, x)


# ---- gradients and laziness -------------------------------------------------------------------

GRADS = {
    **{f"pad {m}": (lambda m: lambda np, t: np.pad(t, ((1, 2), (3, 5)), mode=m))(m)
       for m in ["constant", "edge", "linear_ramp", "maximum", "mean", "median", "minimum", "reflect",
                 "symmetric", "wrap"]},
    "pad reflect odd": lambda np, t: np.pad(t, ((4, 2), (3, 9)), mode="reflect", reflect_type="odd"),
    "pad symmetric odd": lambda np, t: np.pad(t, ((4, 2), (3, 9)), mode="symmetric", reflect_type="odd"),
    "pad wrap wide": lambda np, t: np.pad(t, ((7, 2), (1, 9)), mode="wrap"),
    "pad ramp ends": lambda np, t: np.pad(t, 2, mode="linear_ramp", end_values=(1.5, -2)),
    "pad stat_length": lambda np, t: np.pad(t, 2, mode="mean", stat_length=2),
    "pad callable": lambda np, t: np.pad(t, 2, _pad_with),
    "insert": lambda np, t: np.insert(t, [0, 2, 2], t[:, 1:2] * 3, axis=1),
    "insert one": lambda np, t: np.insert(t, 1, t[0] * 2, axis=0),
    "delete": lambda np, t: np.delete(t, [0, 2], axis=1),
    "delete slice": lambda np, t: np.delete(t, slice(None, None, 2)),
    "resize": lambda np, t: np.resize(t, (5, 7)),
    "block": lambda np, t: np.block([[t, t[:, :1]], [t[:1], t[:1, :1] * 2]]),
    "r_": lambda np, t: np.r_[t[0], 5.0, t[1]],
    "c_": lambda np, t: np.c_[t, t[:, 0]],
    "asfortranarray": lambda np, t: np.asfortranarray(t) * np.arange(4.0),
}


@pytest.mark.parametrize("name", sorted(GRADS))
def test_gradients(name):
    f = GRADS[name]
    x0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4) + 2
    out = numpy.asarray(f(numpy, x0))
    w = numpy.cos(numpy.arange(out.size)).reshape(out.shape)
    assert_grad_matches_fd(lambda x: (f(npt, x) * w).sum(), x0, atol=1e-8)


@pytest.mark.parametrize("name", sorted(n for n in GRADS if n != "pad callable"))
def test_traced_under_jit(name):
    f = GRADS[name]
    x0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4) + 2
    assert_same(npt.jit(lambda t: f(npt, t))(npt.asarray(x0)), f(numpy, x0))
