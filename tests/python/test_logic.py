"""Comparisons with a tolerance, rounding and the numerical helpers (unwrap,
i0, interp, convolve/correlate, cross, gradient, trapezoid) against NumPy,
from tables over dtypes and shapes (0-d, empty, NaN and inf included):
values, dtypes, shapes, the Python types of the answers that are bools,
and the exception type and text of bad input; gradients of the
differentiable ones against finite differences."""
import warnings

import numpy
import pytest

import npt

from _helpers import (assert_grad_matches_fd, assert_like_numpy, assert_results_same, assert_same,
                      assert_same_exception, numpy_or_exc)

DTYPES = ["bool", "int8", "uint8", "int64", "float16", "float32", "float64", "complex64", "complex128"]


def _data(shape, dtype, seed=0):
    """Values with halves (for rounding), big jumps (for unwrap), and NaN and
    +-inf for the inexact dtypes."""
    n = int(numpy.prod(shape))
    x = numpy.sin(numpy.arange(n) * 1.7 + seed) * 7
    x = numpy.round(x * 2) / 2 + numpy.where(numpy.arange(n) % 3 == 0, 0.25, 0)
    dt = numpy.dtype(dtype)
    if dt.kind == "b":
        return (x > 0).reshape(shape)
    if dt.kind == "u":
        x = numpy.abs(x)
    if dt.kind == "c":
        x = x + 1j * numpy.cos(numpy.arange(n) * 0.9) * 3
    if dt.kind in "fc" and n > 5:
        x[1], x[3], x[n - 1] = numpy.nan, numpy.inf, -numpy.inf
    return x.astype(dt).reshape(shape)


def _finite(x):
    """x with NaN and inf as small finite values (no overflow in products)."""
    return numpy.nan_to_num(x, nan=0.5, posinf=9, neginf=-9)


def run(f, *arrays, rtol=None, atol=0.0):
    """f(numpy, *arrays) against f(npt, *npt arrays): the same result or exception."""
    assert_like_numpy(f, *arrays, rtol=rtol, atol=atol)


# ---- elementwise: every dtype and shape -------------------------------------------

SHAPES = [(), (0,), (3, 4)]
ELEMENTWISE = {
    "isclose": lambda np, a: np.isclose(a, a + 1e-6),
    "isclose scalar": lambda np, a: np.isclose(a, 2.5, atol=0.6),
    "isclose rtol": lambda np, a: np.isclose(a * 1.01, a, rtol=0.02, atol=0),
    "isclose equal_nan": lambda np, a: np.isclose(a, a, equal_nan=True),
    "isclose int b": lambda np, a: np.isclose(3, a),
    "isposinf": lambda np, a: np.isposinf(a),
    "isneginf": lambda np, a: np.isneginf(a),
    "isposinf out": lambda np, a: np.isposinf(a, out=np.zeros(a.shape, "int8")),
    "round": lambda np, a: np.round(a),
    "round 1": lambda np, a: np.round(a, 1),
    "round 3": lambda np, a: np.round(a * 1.2345, 3),
    "round -1": lambda np, a: np.round(a * 10, -1),
    "round -2 int": lambda np, a: np.round(a, -2),
    "round 12": lambda np, a: np.round(a / 7, 12),
    "round out": lambda np, a: np.round(a, 1, out=np.zeros(a.shape, "float32")),
    "round out 0": lambda np, a: np.round(a, 0, out=np.zeros(a.shape, "float64")),
    "round out int": lambda np, a: np.round(a, out=np.zeros(a.shape, "int8")),
    "around": lambda np, a: np.around(a, 2),
    "isreal": lambda np, a: np.isreal(a),
    "iscomplex": lambda np, a: np.iscomplex(a),
    "isrealobj": lambda np, a: np.isrealobj(a),
    "iscomplexobj": lambda np, a: np.iscomplexobj(a),
    "nan_to_num": lambda np, a: np.nan_to_num(a),
    "nan_to_num values": lambda np, a: np.nan_to_num(a, nan=1.5, posinf=100.0, neginf=-100.0),
    "clip": lambda np, a: np.clip(a, 1, 3),
    "clip min": lambda np, a: np.clip(a, min=2),
    "angle": lambda np, a: np.angle(a),
    "angle deg": lambda np, a: np.angle(a, deg=True),
    "real": lambda np, a: np.real(a),
    "imag": lambda np, a: np.imag(a),
    "sinc": lambda np, a: np.sinc(a),
    "real_if_close": lambda np, a: np.real_if_close(a),
    "real_if_close tiny": lambda np, a: np.real_if_close(a + 1e-18j),
    "real_if_close tol": lambda np, a: np.real_if_close(a + 1e-3j, tol=1e-2),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(ELEMENTWISE))
def test_elementwise(name, shape, dtype):
    run(ELEMENTWISE[name], _data(shape, dtype))


@pytest.mark.parametrize("dtype", DTYPES)
def test_i0(dtype):
    # (one shape: its 55-step recurrence makes a large kernel to compile; the
    # float16 loops round each step alike, but exp is within a few ulp only)
    run(lambda np, a: np.i0(a * 2), _data((3, 5), dtype), rtol=2e-2 if dtype == "float16" else None)


def test_i0_is_accurate():
    x = numpy.concatenate([numpy.linspace(-30, 30, 601), [0.0, 8.0, 8.0 + 1e-12, 700.0]])
    got = numpy.asarray(npt.i0(npt.asarray(x)))
    numpy.testing.assert_allclose(got, numpy.i0(x), rtol=1e-13)
    assert numpy.isnan(numpy.asarray(npt.i0(npt.asarray([numpy.nan])))).all()


# ---- answers that are Python bools --------------------------------------------------

A = numpy.array([[1.0, numpy.nan, 3.0], [4.0, 5.0, numpy.inf]])
BOOLS = {
    "allclose": lambda np, a: np.allclose(a, a),
    "allclose equal_nan": lambda np, a: np.allclose(a, a, equal_nan=True),
    "allclose close": lambda np, a: np.allclose(a * (1 + 1e-7), a, equal_nan=True),
    "allclose broadcast": lambda np, a: np.allclose(np.asarray(numpy.ones(3)),
                                                    np.asarray(numpy.ones((2, 3)))),
    "allclose scalars": lambda np, a: np.allclose(1.0, 1.0 + 1e-9),
    "allclose bad shapes": lambda np, a: np.allclose(a, np.asarray(numpy.ones(2))),
    "array_equal": lambda np, a: np.array_equal(a, a),
    "array_equal equal_nan": lambda np, a: np.array_equal(a, a + 0, equal_nan=True),
    "array_equal same object nan": lambda np, a: np.array_equal(a, a, equal_nan=True),
    "array_equal other nan": lambda np, a: np.array_equal(a, np.where(np.isnan(a), 0, a), equal_nan=True),
    "array_equal shapes": lambda np, a: np.array_equal(a, a[0]),
    "array_equal int": lambda np, a: np.array_equal(np.asarray([1, 2]), [1.0, 2.0]),
    "array_equal int differs": lambda np, a: np.array_equal(np.asarray([1, 2]), np.asarray([1, 3])),
    "array_equal ragged": lambda np, a: np.array_equal([[1], [1, 2]], a),
    "array_equiv": lambda np, a: np.array_equiv(a[0], np.stack([a[0], a[0]])),
    "array_equiv differs": lambda np, a: np.array_equiv(np.asarray([1, 2]), np.asarray([[1, 2], [1, 3]])),
    "array_equiv shapes": lambda np, a: np.array_equiv(a, a[:, :2]),
    "isscalar float": lambda np, a: np.isscalar(3.0),
    "isscalar array": lambda np, a: np.isscalar(a),
    "isscalar numpy": lambda np, a: np.isscalar(numpy.float32(1)),
}


@pytest.mark.parametrize("name", sorted(BOOLS))
def test_bool_answers(name):
    f = BOOLS[name]
    want, err = numpy_or_exc(f, numpy, A)
    got, gerr = numpy_or_exc(f, npt, npt.asarray(A))
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    if isinstance(want, numpy.ndarray):  # (a 0-d npt array is NumPy's scalar)
        assert_same(got, want)
    else:
        assert type(got) is type(want) and got == want, f"npt: {got!r}, NumPy: {want!r}"


def test_isclose_warns_for_bad_tolerances():
    with pytest.warns(RuntimeWarning, match="One of rtol or atol is not valid, atol: inf"):
        numpy.isclose(A, A, atol=numpy.inf)
    with pytest.warns(RuntimeWarning, match="One of rtol or atol is not valid, atol: inf"):
        npt.isclose(npt.asarray(A), npt.asarray(A), atol=numpy.inf)


def test_nan_to_num_in_place():
    x = numpy.array([numpy.nan, numpy.inf, -numpy.inf, 1.5])
    a = npt.asarray(x.copy())
    v = a[1:]
    assert npt.nan_to_num(a, copy=False, posinf=7.0) is a
    numpy.nan_to_num(x, copy=False, posinf=7.0)
    assert_same(a, x)
    assert_same(v, x[1:])
    i = npt.asarray(numpy.arange(3))
    assert npt.nan_to_num(i, copy=False) is i and npt.nan_to_num(i) is not i


def test_round_of_ints_is_the_array_itself():
    a = npt.asarray(numpy.arange(4))
    assert npt.round(a) is a and npt.round(a, 2) is a


# ---- along an axis: unwrap, gradient, trapezoid ---------------------------------

AXIS_SHAPES = [(), (0,), (2,), (7,), (3, 4), (2, 0, 3)]
AXIS = {
    "unwrap": lambda np, a: np.unwrap(a),
    "unwrap axis": lambda np, a: np.unwrap(a, axis=0),
    "unwrap discont": lambda np, a: np.unwrap(a, discont=5.0),
    "unwrap period": lambda np, a: np.unwrap(a, period=6),
    "unwrap period float": lambda np, a: np.unwrap(a, period=5.5, axis=-1),
    "gradient": lambda np, a: np.gradient(a),
    "gradient spacing": lambda np, a: np.gradient(a, 0.5),
    "gradient axis": lambda np, a: np.gradient(a, axis=0),
    "gradient axes": lambda np, a: np.gradient(a, 2.0, 3, axis=(0, -1)),
    "gradient edge_order 2": lambda np, a: np.gradient(a, edge_order=2),
    "gradient coords": lambda np, a: np.gradient(
        a, np.asarray(numpy.linspace(0, 1, a.shape[-1]) ** 2), axis=-1),
    "gradient coords edge 2": lambda np, a: np.gradient(
        a, np.asarray(numpy.linspace(0, 1, a.shape[0]) ** 2), axis=0, edge_order=2),
    "gradient host coords": lambda np, a: np.gradient(a, numpy.arange(a.shape[-1]) * 3, axis=-1),
    "gradient host coords uneven": lambda np, a: np.gradient(
        a, numpy.arange(a.shape[-1]) ** 2, axis=-1, edge_order=2),
    "gradient float32 coords": lambda np, a: np.gradient(
        a, np.asarray(numpy.linspace(0, 2, a.shape[-1], dtype="float32") ** 2), axis=-1),
    "trapezoid": lambda np, a: np.trapezoid(a),
    "trapezoid axis": lambda np, a: np.trapezoid(a, axis=0),
    "trapezoid dx": lambda np, a: np.trapezoid(a, dx=0.5),
    "trapezoid x": lambda np, a: np.trapezoid(a, x=np.asarray(numpy.linspace(0, 1, a.shape[-1]) ** 2)),
    "trapezoid x int": lambda np, a: np.trapezoid(a, x=np.asarray(numpy.arange(a.shape[-1]) * 2)),
    "trapezoid x n-d": lambda np, a: np.trapezoid(a, x=np.cumsum(np.ones(a.shape), axis=0), axis=0),
}


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "float16", "float32", "float64", "complex128"])
@pytest.mark.parametrize("shape", AXIS_SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(AXIS))
def test_along_axis(name, shape, dtype):
    x = _data(shape, dtype)
    if name.startswith("unwrap") and numpy.dtype(dtype).kind in "fc":
        x = _finite(x)  # (NaN and inf spread along a running sum)
    rtol = None
    if dtype == "float16":  # float16 cumsum runs in float32 (ATen); coefficients in float16
        rtol = 5e-2
    elif name.startswith("gradient") and "coords" in name:
        rtol = 1e-4 if dtype == "float32" else 1e-9  # (npt keeps the uneven formula for npt coords)
    run(AXIS[name], x, rtol=rtol, atol=1e-6 if rtol else 0.0)


# ---- convolve and correlate ------------------------------------------------------

LENGTHS = [(1, 1), (5, 3), (3, 5), (4, 4), (2, 7), (8, 2), (12, 10), (9, 11)]  # (10, 11: windows)
CONV = {
    "convolve": lambda np, a, v: np.convolve(a, v),
    "convolve same": lambda np, a, v: np.convolve(a, v, "same"),
    "convolve valid": lambda np, a, v: np.convolve(a, v, mode="valid"),
    "convolve int mode": lambda np, a, v: np.convolve(a, v, mode=1),
    "correlate": lambda np, a, v: np.correlate(a, v),
    "correlate same": lambda np, a, v: np.correlate(a, v, "same"),
    "correlate full": lambda np, a, v: np.correlate(a, v, "full"),
    "correlate mixed": lambda np, a, v: np.correlate(a, v.astype("float32"), "full"),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lengths", LENGTHS, ids=str)
@pytest.mark.parametrize("name", sorted(CONV))
def test_convolve(name, lengths, dtype):
    a = _finite(_data((lengths[0],), dtype))
    v = _finite(_data((lengths[1],), dtype, seed=1))
    rtol = 2e-3 if dtype == "float16" else None  # (the order of the float32 sums)
    run(CONV[name], a, v, rtol=rtol, atol=1e-3 if rtol else 0.0)


# ---- cross ------------------------------------------------------------------------------

CROSS = {
    "3 3": ((3,), (3,), {}),
    "batched": ((4, 3), (3,), {}),
    "broadcast": ((2, 1, 3), (4, 3), {}),
    "empty": ((0, 3), (3,), {}),
    "axisa axisb": ((3, 2), (2, 3), {"axisa": 0}),
    "axisc": ((4, 3), (4, 3), {"axisc": 0}),
    "axis": ((3, 4), (3, 4), {"axis": 0}),
    "2 2": ((2,), (2,), {}),
    "2 2 batched": ((5, 2), (5, 2), {}),
    "2 3": ((4, 2), (4, 3), {}),
    "3 2": ((3,), (2, 2), {"axisc": 0}),
    "bad length": ((4,), (3,), {}),
    "0-d": ((), (3,), {}),
    "bad axisa": ((3,), (3,), {"axisa": 1}),
    "bad axisb": ((3,), (3,), {"axisb": -2}),
    "bad axisc": ((3,), (3,), {"axisc": 1}),
    "bad broadcast": ((2, 3), (4, 3), {}),
}


@pytest.mark.parametrize("dtype", ["bool", "int8", "uint8", "int64", "float32", "float64", "complex64"])
@pytest.mark.parametrize("name", sorted(CROSS))
def test_cross(name, dtype):
    sa, sb, kw = CROSS[name]
    a = _finite(_data(sa, dtype))
    b = _finite(_data(sb, dtype, seed=2))
    run(lambda np, a, b: np.cross(a, b, **kw), a, b)


def test_cross_of_2_vectors_is_deprecated():
    with pytest.warns(DeprecationWarning, match="Arrays of 2-dimensional vectors are deprecated"):
        numpy.cross([1, 2], [3, 4])
    with pytest.warns(DeprecationWarning, match="Arrays of 2-dimensional vectors are deprecated"):
        npt.cross(npt.asarray([1, 2]), npt.asarray([3, 4]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        npt.cross(npt.asarray([1, 2, 3]), npt.asarray([3, 4, 5]))


# ---- interp ---------------------------------------------------------------------------

XP = numpy.array([-2.0, -0.5, 0.0, 0.0, 1.5, 3.0, 4.0])
FP = numpy.array([1.0, -1.0, 2.0, 5.0, 0.5, numpy.inf, 3.0])
INTERP = {
    "interp": lambda np, x, xp, fp: np.interp(x, xp, fp),
    "interp left right": lambda np, x, xp, fp: np.interp(x, xp, fp, left=-7.0, right=9),
    "interp period": lambda np, x, xp, fp: np.interp(x, xp[::2], fp[::2], period=5),
    "interp period negative": lambda np, x, xp, fp: np.interp(x, xp[3:], fp[3:], period=-3.5, left=1),
    "interp one point": lambda np, x, xp, fp: np.interp(x, xp[:1], fp[:1]),
    "interp one point right": lambda np, x, xp, fp: np.interp(x, xp[:1], fp[:1], right=4.0),
    "interp complex": lambda np, x, xp, fp: np.interp(x, xp, fp + 1j * fp[::-1], left=1j),
    "interp int fp": lambda np, x, xp, fp: np.interp(x, xp, np.arange(7)),
    "interp float32": lambda np, x, xp, fp: np.interp(x.astype("float32"), xp.astype("float32"),
                                                      fp.astype("float32")),
    "interp lists": lambda np, x, xp, fp: np.interp(x, [0, 1, 2], [3, 4, 6]),
    "interp scalar x": lambda np, x, xp, fp: np.interp(0.75, xp, fp),
    "interp bad length": lambda np, x, xp, fp: np.interp(x, xp, fp[:3]),
    "interp bad length period": lambda np, x, xp, fp: np.interp(x, xp, fp[:3], period=2),
    "interp empty": lambda np, x, xp, fp: np.interp(x, xp[:0], fp[:0]),
    "interp 2-d fp": lambda np, x, xp, fp: np.interp(x, xp[:1], fp[:1].reshape(1, 1)),
    "interp 2-d period": lambda np, x, xp, fp: np.interp(x, xp[:1], fp[:1].reshape(1, 1), period=1),
    "interp period 0": lambda np, x, xp, fp: np.interp(x, xp, fp, period=0),
    "interp complex left": lambda np, x, xp, fp: np.interp(x, xp, fp, left=1j),
    "interp list left": lambda np, x, xp, fp: np.interp(x, xp, fp, right=[2.0]),
}
X_CASES = {
    "points": numpy.array([-3.0, -2.0, -1.0, -0.5, 0.0, 0.7, 1.5, 2.0, 3.0, 3.5, 4.0, 9.0, numpy.nan]),
    "0-d": numpy.array(0.25),
    "empty": numpy.zeros((2, 0)),
    "2-d": numpy.linspace(-3, 5, 12).reshape(3, 4),
    "int": numpy.arange(-3, 6),
}


@pytest.mark.parametrize("xs", sorted(X_CASES))
@pytest.mark.parametrize("name", sorted(INTERP))
def test_interp(name, xs):
    run(INTERP[name], X_CASES[xs], XP, FP, rtol=1e-12)


# ---- Python inputs, 0-d and scalars ---------------------------------------------------

MISC = {
    "convolve 0-d": lambda np: np.convolve(np.asarray(2.0), np.asarray(3.0)),
    "convolve lists": lambda np: np.convolve([1, 2, 3], [0, 1, 0.5]),
    "correlate lists": lambda np: np.correlate([1, 2, 3], [1j, 2], "same"),
    "gradient 0-d": lambda np: np.gradient(np.asarray(1.0)),
    "gradient list": lambda np: np.gradient([1, 4, 9, 16]),
    "gradient 0-d spacing": lambda np: np.gradient(np.asarray(V3 ** 2), np.asarray(0.5)),
    "gradient numpy scalar spacing": lambda np: np.gradient(np.asarray(V3.astype("float32") ** 2),
                                                            numpy.float64(0.1)),
    "gradient complex coords": lambda np: np.gradient(np.asarray(V3 ** 2), np.asarray(V3 * 1j + V3)),
    "isclose scalars": lambda np: np.isclose(1.0, 1.0 + 1e-9),
    "isclose complex scalars": lambda np: np.isclose(1j, np.asarray([1j, 2])),
    "isclose float32 weak": lambda np: np.isclose(np.asarray(V3.astype("float32")), 1.0000001),
    "isclose array tolerances": lambda np: np.isclose(np.asarray(V3), np.asarray(V3 + 0.1),
                                                      atol=np.asarray([0.0, 0.2, 0.05])),
    "round scalar": lambda np: np.round(np.asarray(2.5)),
    "round list": lambda np: np.round([0.5, 1.5, -2.5], 0),
    "round big decimals": lambda np: np.round(np.asarray(V3 / 3), 25),
    "i0 list": lambda np: np.i0([0, 1, 9]),
    "i0 0-d": lambda np: np.i0(np.asarray(-9.5)),
    "i0 empty": lambda np: np.i0(np.asarray(numpy.zeros((0, 2), "float32"))),
    "i0 float32": lambda np: np.i0(np.asarray(numpy.linspace(-20, 20, 9, dtype="float32"))),
    "cross lists": lambda np: np.cross([1, 2, 3], [4, 5, 6.5]),
    "interp lists": lambda np: np.interp([0.5, 1.5], [0, 1, 2], [1, 3, 2]),
    "trapezoid list": lambda np: np.trapezoid([1, 2, 4], [0, 1, 3]),
    "trapezoid bool": lambda np: np.trapezoid(np.asarray(V3 > 0)),
    "unwrap list": lambda np: np.unwrap([0, 3, 6.5, 0.25]),
    "unwrap int period": lambda np: np.unwrap(np.asarray(numpy.array([1, 2, 3, 10], "int8")), period=6),
    "unwrap odd int period": lambda np: np.unwrap(np.asarray(numpy.array([0, 4, 1, 9, -4])), period=7),
    "unwrap half period jumps": lambda np: np.unwrap(np.asarray([0.0, numpy.pi, 0.0, -numpy.pi])),
    "real_if_close list": lambda np: np.real_if_close([1 + 1e-20j, 2]),
    "isposinf scalar": lambda np: np.isposinf(numpy.inf),
    "nan_to_num scalar": lambda np: np.nan_to_num(numpy.nan),
}


@pytest.mark.parametrize("name", sorted(MISC))
def test_misc(name):
    want, err = numpy_or_exc(MISC[name], numpy)
    got, gerr = numpy_or_exc(MISC[name], npt)
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    single = numpy.asarray(want).dtype in (numpy.float16, numpy.float32, numpy.complex64)
    assert_results_same(got, want, rtol=None if single else 1e-12)


# ---- bad input ----------------------------------------------------------------------

V3 = numpy.arange(3.0)
BAD = {
    "round float decimals": lambda np: np.round(np.asarray(V3), 1.5),
    "round bool decimals": lambda np: np.round(np.asarray(V3 > 1), 2),
    "round bool negative": lambda np: np.round(np.asarray(V3 > 1), -1),
    "round out not array": lambda np: np.round(np.asarray(V3), out=[0, 0, 0]),
    "round out shape": lambda np: np.round(np.asarray(V3), out=np.zeros((2, 3))),
    "round out size": lambda np: np.round(np.asarray(V3), 1, out=np.zeros(4)),
    "round out mismatch": lambda np: np.round(np.ones((2, 3)), 1, out=np.zeros(6)),
    "round out mismatch 0": lambda np: np.round(np.ones((2, 3)), out=np.zeros(6)),
    "round out int": lambda np: np.round(np.asarray(V3), 1, out=np.zeros(3, int)),
    "round int out int": lambda np: np.round(np.asarray([1, 2]), -1, out=np.zeros(2, int)),
    "round int out bool": lambda np: np.round(np.asarray([1, 2]), out=np.zeros(2, bool)),
    "round complex out real": lambda np: np.round(np.asarray(V3 + 1j), out=np.zeros(3)),
    "isposinf complex": lambda np: np.isposinf(np.asarray(V3 + 1j)),
    "isneginf complex64": lambda np: np.isneginf(np.asarray((V3 + 1j).astype("complex64"))),
    "i0 complex": lambda np: np.i0(np.asarray(V3 + 1j)),
    "unwrap 0-d": lambda np: np.unwrap(np.asarray(1.0)),
    "unwrap axis": lambda np: np.unwrap(np.asarray(V3), axis=1),
    "convolve empty a": lambda np: np.convolve(np.asarray(V3[:0]), np.asarray(V3)),
    "convolve empty v": lambda np: np.convolve(np.asarray(V3), np.asarray(V3[:0])),
    "convolve 2-d": lambda np: np.convolve(np.ones((2, 2)), np.asarray(V3)),
    "convolve bad mode": lambda np: np.convolve(np.asarray(V3), np.asarray(V3), mode="bogus"),
    "convolve mode 3": lambda np: np.convolve(np.asarray(V3), np.asarray(V3), mode=3),
    "convolve mode None": lambda np: np.convolve(np.asarray(V3), np.asarray(V3), mode=None),
    "correlate empty a": lambda np: np.correlate(np.asarray(V3[:0]), np.asarray(V3)),
    "correlate empty v": lambda np: np.correlate(np.asarray(V3), np.asarray(V3[:0])),
    "correlate 0-d": lambda np: np.correlate(np.asarray(V3), np.asarray(1.0)),
    "correlate 2-d": lambda np: np.correlate(np.ones((2, 2)), np.asarray(V3)),
    "correlate mode first": lambda np: np.correlate(np.ones((2, 2)), np.asarray(V3), mode="x"),
    "gradient too small": lambda np: np.gradient(np.asarray(V3[:1])),
    "gradient too small edge 2": lambda np: np.gradient(np.asarray(V3[:2]), edge_order=2),
    "gradient edge 3": lambda np: np.gradient(np.asarray(V3), edge_order=3),
    "gradient bool": lambda np: np.gradient(np.asarray(V3 > 1)),
    "gradient args": lambda np: np.gradient(np.ones((2, 3)), 1.0, 2.0, 3.0),
    "gradient coords 2-d": lambda np: np.gradient(np.asarray(V3), np.ones((3, 1))),
    "gradient coords length": lambda np: np.gradient(np.asarray(V3), np.asarray(V3[:2])),
    "gradient host coords length": lambda np: np.gradient(np.asarray(V3), V3[:2]),
    "gradient one coord": lambda np: np.gradient(np.asarray(V3[:1]), np.asarray(V3[:1]), edge_order=0),
    "gradient axis": lambda np: np.gradient(np.asarray(V3), axis=1),
    "gradient repeated axis": lambda np: np.gradient(np.ones((2, 3)), axis=(0, 0)),
    "trapezoid 0-d": lambda np: np.trapezoid(np.asarray(1.0)),
    "trapezoid axis": lambda np: np.trapezoid(np.asarray(V3), axis=1),
    "trapezoid x axis": lambda np: np.trapezoid(np.asarray(V3), x=np.asarray(V3), axis=3),
    "trapezoid x shape": lambda np: np.trapezoid(np.ones((3, 3)), x=np.asarray(numpy.arange(4.0))),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input(name):
    want, err = numpy_or_exc(BAD[name], numpy)
    got, gerr = numpy_or_exc(BAD[name], npt)
    assert err is not None, f"NumPy accepts {name}"
    assert_same_exception(gerr, err)


# ---- gradients ----------------------------------------------------------------------

X0 = numpy.sin(numpy.arange(12.0) * 1.3).reshape(3, 4) * 2
GRADS = {
    "unwrap": lambda m, t: m.unwrap(t * 3, axis=0),
    "i0": lambda m, t: m.i0(t * 6),  # both of its intervals, and negative x
    "interp fp": lambda m, t: m.interp(m.asarray(numpy.linspace(-1, 13, 9)), m.asarray(numpy.arange(12.0)),
                                       t.reshape(-1)),
    "interp x": lambda m, t: m.interp(t + 0.05, m.asarray(numpy.linspace(-3, 3, 7) ** 3),
                                      m.asarray(numpy.cos(numpy.arange(7.0)))),
    "interp period": lambda m, t: m.interp(t + 0.05, m.asarray(numpy.linspace(0, 5, 6)),
                                           m.asarray(numpy.sin(numpy.arange(6.0))), period=4),
    "convolve": lambda m, t: m.convolve(t[0], t.reshape(-1)),
    "convolve same": lambda m, t: m.convolve(t.reshape(-1), t[1, :3] * 2, "same"),
    "correlate": lambda m, t: m.correlate(t.reshape(-1), t[2], "full"),
    "correlate valid": lambda m, t: m.correlate(t[0], t.reshape(-1)),
    "convolve long": lambda m, t: m.convolve(t.reshape(-1), t.reshape(-1)[2:] ** 2, "same"),
    "correlate long complex": lambda m, t: m.real(m.correlate(t.reshape(-1) * (1 + 2j),
                                                              t[:2].reshape(-1) + 1j)),
    "cross": lambda m, t: m.cross(t[:, :3], t[::-1, 1:]),
    "cross axis": lambda m, t: m.cross(t, t[:, ::-1] ** 2, axis=0),
    "gradient": lambda m, t: m.gradient(t, axis=1),
    "gradient edge 2 coords": lambda m, t: m.gradient(t, m.asarray(numpy.array([0.0, 0.5, 2.0])),
                                                      edge_order=2, axis=0),
    "gradient both": lambda m, t: m.stack(m.gradient(t ** 2, 0.5, edge_order=2)),
    "trapezoid": lambda m, t: m.trapezoid(t),
    "trapezoid x": lambda m, t: m.trapezoid(t, x=m.asarray(numpy.array([0.0, 0.5, 2.0])), axis=0),
}


@pytest.mark.parametrize("name", sorted(GRADS))
def test_gradients(name):
    f = GRADS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        out = numpy.asarray(f(numpy, X0))
        w = numpy.cos(numpy.arange(out.size) * 0.7).reshape(out.shape)
        assert_grad_matches_fd(lambda t: (f(npt, t) * w).sum(), X0, rtol=1e-5, atol=1e-6)


def test_interp_gradient_wrt_x_is_the_slope():
    xp, fp = numpy.array([0.0, 1.0, 3.0]), numpy.array([1.0, 3.0, 2.0])
    loss = lambda t: npt.interp(t, npt.asarray(xp), npt.asarray(fp)).sum()  # noqa: E731
    g = npt.grad(loss)(npt.asarray([0.5, 1.0, 2.0, 5.0]))
    numpy.testing.assert_allclose(numpy.asarray(g), [2.0, -0.5, -0.5, 0.0])  # (on a point: the next slope)


# ---- lazy: every composition traces under jit (no value read) ------------------------

LAZY = {
    "isclose": lambda np, t: np.isclose(t, t * 1.001, rtol=1e-4),
    "isposinf": lambda np, t: np.isposinf(t / 0.0),
    "round": lambda np, t: np.round(t * 100, 1),
    "round negative": lambda np, t: np.around(t * 100, -1),
    "unwrap": lambda np, t: np.unwrap(t * 5, axis=0),
    "i0": lambda np, t: np.i0(t * 6),
    "interp": lambda np, t: np.interp(t, t[0] * 0 + np.asarray(numpy.arange(4.0)), t[1]),
    "interp period": lambda np, t: np.interp(t, np.asarray(numpy.arange(4.0)), t[1], period=3),
    "convolve": lambda np, t: np.convolve(t.reshape(-1), t[0]),
    "correlate long": lambda np, t: np.correlate(t.reshape(-1), t.reshape(-1)[:10], "same"),
    "cross": lambda np, t: np.cross(t[:, :3], t[:, 1:]),
    "gradient": lambda np, t: np.stack(np.gradient(t, np.asarray(numpy.array([0.0, 1.0, 3.0])), 0.5)),
    "trapezoid": lambda np, t: np.trapezoid(t, x=t[0] * 0 + np.asarray(numpy.arange(4.0))),
}


@pytest.mark.parametrize("name", sorted(LAZY))
def test_traces_under_jit(name):
    f = LAZY[name]
    x = npt.asarray(X0)
    assert_same(npt.jit(lambda t: f(npt, t))(x), numpy.asarray(f(npt, x)), rtol=1e-12)
