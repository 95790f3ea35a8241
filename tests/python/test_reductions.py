"""Differential tests of npt's reductions (sum prod mean max min all any) against NumPy."""
import warnings

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import npt
from _helpers import REAL_DTYPES, assert_same, check_like_numpy, rtol_for, values

OPS = ["sum", "prod", "mean", "max", "min", "all", "any"]

# name: (base shape, view or None, axes to reduce over)
CASES = {
    "0d": ((), None, [None, ()]),
    "1d": ((5,), None, [None, 0, -1, (0,)]),
    "2d": ((3, 4), None, [None, 0, 1, -2, (0, 1), (1, 0)]),
    "3d": ((2, 3, 4), None, [None, 1, (0, 2), -1, (-1, 0), (1, 2), ()]),
    "empty": ((0,), None, [None, 0]),
    "empty2d": ((0, 3), None, [None, 0, 1]),
    "view2d": ((6, 8), lambda a: a[::2, ::-3], [None, 0, 1]),
    "transposed": ((4, 5), lambda a: a.T, [None, 0, 1]),
    "view3d": ((4, 3, 6), lambda a: a[1:, :, ::2].transpose(2, 0, 1), [1, (0, 2), None]),
}
# Every case runs for these dtypes; the others run a few (each (op, dtype, axes, layout)
# is its own JIT-compiled kernel, so this bounds the suite's compile time).
FULL_DTYPES = ["bool", "int16", "float32", "float64"]
REDUCED = [("3d", 1), ("3d", (0, 2)), ("view2d", None), ("empty2d", 0), ("2d", -2)]


def _params():
    out = []
    for dt in REAL_DTYPES:
        if dt in FULL_DTYPES:
            pairs = [(name, ax) for name, (_, _, axes) in CASES.items() for ax in axes]
        else:
            pairs = REDUCED
        for name, ax in pairs:
            out.append(pytest.param(dt, name, ax, id=f"{dt}-{name}-axis{ax}"))
    return out


def _input(op, dtype, case, rng):
    shape, view, _ = CASES[case]
    if op == "prod":
        if np.dtype(dtype).kind == "f":
            a = np.asarray(rng.uniform(0.8, 1.25, shape)).astype(dtype)
        else:
            a = values(dtype, shape, "powbase", rng)
    else:
        a = values(dtype, shape, "any", rng)
    if op in ("all", "any") and a.size:
        a = np.where(rng.random(shape) < 0.3, np.zeros((), dtype), a).astype(dtype)
    x = npt.asarray(a)
    if view is not None:
        a, x = view(a), view(x)
    return a, x


def _np_reduce(op, a, form, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        with np.errstate(all="ignore"):
            return getattr(a, op)(**kw) if form == "method" else getattr(np, op)(a, **kw)


def _npt_reduce(op, x, form, **kw):
    return getattr(x, op)(**kw) if form == "method" else getattr(npt, op)(x, **kw)


def _tolerances(op, a, dtype=None):
    """Summation order differs from NumPy's pairwise sum: allow rounding relative to sum|a|."""
    if op not in ("sum", "mean", "prod"):
        return None, 0.0
    out = np.dtype(dtype) if dtype is not None else None
    if out is None:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            out = np.asarray(getattr(np, op)(a)).dtype
    if out.kind != "f":
        return None, 0.0
    rtol = rtol_for(out)
    mag = float(np.sum(np.abs(a.astype(np.float64)))) if a.size else 0.0
    if op == "mean" and a.size:
        mag /= max(1, min(a.shape) if a.ndim else 1)
    return rtol, rtol * max(1.0, mag) if op != "prod" else 0.0


@pytest.mark.parametrize("dtype,case,axis", _params())
@pytest.mark.parametrize("op", OPS)
def test_reduction(op, dtype, case, axis, rng):
    a, x = _input(op, dtype, case, rng)
    rtol, atol = _tolerances(op, a)
    for form in ("method", "function"):
        for keepdims in (False, True):
            check_like_numpy(lambda: _np_reduce(op, a, form, axis=axis, keepdims=keepdims),
                             lambda: _npt_reduce(op, x, form, axis=axis, keepdims=keepdims),
                             rtol=rtol, atol=atol)


@pytest.mark.parametrize("op,in_dtype,out_dtype", [
    ("sum", "int8", "int8"), ("sum", "int32", "float32"), ("sum", "float32", "float64"),
    ("sum", "bool", "int8"), ("sum", "uint8", "uint16"), ("sum", "float64", "float32"),
    ("sum", "int16", "int64"), ("sum", "float16", "float32"), ("sum", "bool", "bool"),
    ("prod", "int16", "int16"), ("prod", "int8", "float64"), ("prod", "float32", "float64"),
    ("prod", "uint8", "uint8"),
    ("mean", "int32", "float32"), ("mean", "float16", "float64"), ("mean", "float64", "float32"),
    ("mean", "int8", "float64"), ("mean", "uint16", "float16"),
])
@pytest.mark.parametrize("axis", [None, 1, (0, 2)])
def test_reduction_dtype_argument(op, in_dtype, out_dtype, axis, rng):
    a = values(in_dtype, (2, 3, 4), "powbase" if op == "prod" else "any", rng)
    if op == "prod" and np.dtype(in_dtype).kind == "f":
        a = np.asarray(rng.uniform(0.8, 1.25, a.shape)).astype(in_dtype)
    x = npt.asarray(a)
    rtol, atol = _tolerances(op, a, out_dtype)
    for form in ("method", "function"):
        check_like_numpy(lambda: _np_reduce(op, a, form, axis=axis, dtype=out_dtype),
                         lambda: _npt_reduce(op, x, form, axis=axis, dtype=out_dtype),
                         rtol=rtol, atol=atol)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("op", ["max", "min", "sum", "mean", "prod"])
def test_nan_propagation(op, dtype):
    a = np.array([[1.0, np.nan, 3.0, -2.0],
                  [np.nan, np.nan, np.nan, np.nan],
                  [4.0, -1.0, 0.5, 2.0]], dtype=dtype)
    x = npt.asarray(a)
    for axis in (None, 0, 1):
        check_like_numpy(lambda: _np_reduce(op, a, "function", axis=axis),
                         lambda: _npt_reduce(op, x, "function", axis=axis))
        check_like_numpy(lambda: _np_reduce(op, a.T, "method", axis=axis),
                         lambda: _npt_reduce(op, x.T, "method", axis=axis))


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("op", ["max", "min", "sum", "all", "any"])
def test_infinities(op, dtype):
    a = np.array([[np.inf, 1.0, -np.inf], [2.0, np.inf, 3.0], [-1.0, -2.0, 0.0]], dtype=dtype)
    x = npt.asarray(a)
    for axis in (None, 0, 1):
        check_like_numpy(lambda: _np_reduce(op, a, "function", axis=axis),
                         lambda: _npt_reduce(op, x, "function", axis=axis))


@pytest.mark.parametrize("dtype", ["int8", "int64", "uint8", "uint64", "int16"])
@pytest.mark.parametrize("op", ["max", "min"])
def test_integer_extremes(op, dtype):
    info = np.iinfo(dtype)
    a = np.array([[info.min, info.max, 0], [1, info.min, info.max - 1]], dtype=dtype)
    x = npt.asarray(a)
    for axis in (None, 0, 1):
        check_like_numpy(lambda: _np_reduce(op, a, "function", axis=axis),
                         lambda: _npt_reduce(op, x, "function", axis=axis))


@pytest.mark.parametrize("op", ["all", "any"])
@pytest.mark.parametrize("dtype", ["float64", "int32"])
def test_all_any_nan_and_negative_are_true(op, dtype):
    a = np.array([[-1, 0], [0, 0], [3, -2]], dtype=dtype)
    if dtype == "float64":
        a[1, 1] = np.nan
    x = npt.asarray(a)
    for axis in (None, 0, 1):
        check_like_numpy(lambda: _np_reduce(op, a, "function", axis=axis),
                         lambda: _npt_reduce(op, x, "function", axis=axis))


@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_empty_reductions(dtype):
    a = np.zeros((0,), dtype=dtype)
    x = npt.asarray(a)
    for op in ("sum", "prod", "all", "any", "mean"):
        check_like_numpy(lambda: _np_reduce(op, a, "function"), lambda: _npt_reduce(op, x, "function"))
    for op in ("max", "min"):
        with pytest.raises(ValueError):
            getattr(np, op)(a)
        with pytest.raises(ValueError):
            getattr(npt, op)(x)
        with pytest.raises(ValueError):
            getattr(x, op)()


def test_sum_of_empty_is_zero():
    for dt in ("int64", "float64", "float32", "bool"):
        r = npt.sum(npt.zeros((0,), dtype=dt))
        assert r.item() == 0
        assert r.dtype == np.sum(np.zeros((0,), dt)).dtype


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_sum_of_empty_float_is_positive_zero(dtype):
    a = np.zeros((0, 3), dtype=dtype)
    x = npt.asarray(a)
    for axis in (None, 0):
        expected = np.sum(a, axis=axis)
        result = np.asarray(npt.sum(x, axis=axis))
        np.testing.assert_array_equal(np.signbit(result), np.signbit(expected))
        # npt returns 0-d arrays where NumPy returns scalars: compare as arrays
        assert repr(npt.sum(x, axis=axis)) == repr(np.asarray(expected))


def test_max_over_nonempty_axis_of_empty_array():
    a = np.zeros((0, 3))
    x = npt.asarray(a)
    assert_same(npt.max(x, axis=1), np.max(a, axis=1))
    assert_same(x.min(axis=1, keepdims=True), a.min(axis=1, keepdims=True))
    with pytest.raises(ValueError):
        np.max(a, axis=0)
    with pytest.raises(ValueError):
        npt.max(x, axis=0)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("axis", [2, -3, (0, 5), 10])
def test_bad_axis_raises_axis_error(op, axis):
    a = np.ones((2, 3))
    with pytest.raises(np.exceptions.AxisError):
        getattr(np, op)(a, axis=axis)
    with pytest.raises(np.exceptions.AxisError):
        getattr(npt, op)(npt.asarray(a), axis=axis)
    with pytest.raises(np.exceptions.AxisError):
        getattr(npt.asarray(a), op)(axis=axis)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("axis", [1, -2, (0,), (0, 0)])
def test_axis_on_0d_raises_axis_error(op, axis):
    with pytest.raises(np.exceptions.AxisError):
        getattr(np, op)(np.array(1.0), axis=axis)
    with pytest.raises(np.exceptions.AxisError):
        getattr(npt, op)(npt.asarray(np.array(1.0)), axis=axis)


@pytest.mark.parametrize("op", ["sum", "prod", "max", "min", "all", "any"])
@pytest.mark.parametrize("axis", [0, -1])
def test_int_axis_0_on_0d_is_accepted(op, axis):
    a = np.array(2.0)
    check_like_numpy(lambda: getattr(np, op)(a, axis=axis),
                     lambda: getattr(npt, op)(npt.asarray(a), axis=axis))


def test_mean_axis_0_on_0d_raises():
    with pytest.raises(np.exceptions.AxisError):
        np.mean(np.array(2.0), axis=0)
    with pytest.raises(np.exceptions.AxisError):
        npt.mean(npt.asarray(np.array(2.0)), axis=0)


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("axis", [(0, 0), (1, -1), (0, 1, 0)])
def test_duplicate_axis_raises_value_error(op, axis):
    a = np.ones((2, 3))
    with pytest.raises(ValueError):
        getattr(np, op)(a, axis=axis)
    with pytest.raises(ValueError):
        getattr(npt, op)(npt.asarray(a), axis=axis)


def test_reduction_default_dtypes():
    for dt in REAL_DTYPES:
        a = np.ones((2, 2), dtype=dt)
        x = npt.asarray(a)
        for op in OPS:
            assert getattr(npt, op)(x).dtype == getattr(np, op)(a).dtype, (op, dt)
            assert getattr(npt, op)(x, axis=0).dtype == getattr(np, op)(a, axis=0).dtype, (op, dt)


def test_amax_amin_aliases(rng):
    a = values("float64", (3, 4), "any", rng)
    x = npt.asarray(a)
    assert_same(npt.amax(x, axis=0), np.amax(a, axis=0))
    assert_same(npt.amin(x), np.amin(a))


def test_reduction_of_expression(rng):
    a = values("float32", (10, 7), "any", rng)
    x = npt.asarray(a)
    expected = (np.sin(a) * 2 + a).sum(axis=1)
    assert_same((npt.sin(x) * 2 + x).sum(axis=1), expected, atol=1e-4)
    assert_same(((x > 0) & (x < 5)).any(axis=0), ((a > 0) & (a < 5)).any(axis=0))
    assert_same(npt.mean(x * x), np.mean(a * a), atol=1e-3)


def test_large_sum_accuracy():
    """float32 sums of many values: NumPy's pairwise sum is accurate; npt must be close."""
    a = np.full(1_000_003, 0.1, dtype=np.float32)
    x = npt.asarray(a)
    np.testing.assert_allclose(float(npt.sum(x)), float(np.sum(a)), rtol=1e-4)
    np.testing.assert_allclose(float(x.mean()), float(a.mean()), rtol=1e-4)


@given(a=hnp.arrays(st.sampled_from([np.float64, np.int32, np.float32]),
                    hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=5),
                    elements=st.integers(-100, 100)),
       data=st.data(),
       op=st.sampled_from(["sum", "max", "min", "any", "prod"]))
def test_hypothesis_reductions(a, data, op):
    axis = data.draw(st.none() | st.integers(-a.ndim, a.ndim - 1)
                     | st.lists(st.integers(0, a.ndim - 1), unique=True).map(tuple))
    keepdims = data.draw(st.booleans())
    if op == "prod":
        a = np.sign(a).astype(a.dtype) * (np.abs(a) % 3)
    check_like_numpy(lambda: getattr(np, op)(a, axis=axis, keepdims=keepdims),
                     lambda: getattr(npt, op)(npt.asarray(a), axis=axis, keepdims=keepdims),
                     rtol=1e-5)


# ---- reductions feeding broadcasts (fusion across a reduction) ------------------------------
PATTERNS = {
    "softmax": lambda m, v: (lambda e: e / e.sum(axis=1, keepdims=True))(
        m.exp(v - v.max(axis=1, keepdims=True))),
    "center_cols": lambda m, v: v - v.mean(axis=0),
    "center_all": lambda m, v: v - v.mean(),
    "l2_normalize": lambda m, v: v / m.sqrt((v * v).sum(axis=1, keepdims=True)),
    "variance": lambda m, v: ((v - v.mean(axis=1, keepdims=True)) ** 2).mean(axis=1),
    "transposed_minus_colsum": lambda m, v: v.T - v.sum(axis=1),
    "scale_rows": lambda m, v: v * v.sum(axis=1)[:, None],
    "two_views": lambda m, v: v[::2].sum(axis=1) + v[1::2].max(axis=1),
    "reduce_of_reduce": lambda m, v: (v.max(axis=1) - v.min(axis=1)).sum(),
    "minmax_scale": lambda m, v: (v - v.min()) / (v.max() - v.min()),
}


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("pattern", list(PATTERNS))
def test_reduce_then_broadcast_patterns(pattern, dtype):
    a = np.random.default_rng(3).normal(size=(38, 38)).astype(dtype)
    f = PATTERNS[pattern]
    check_like_numpy(lambda: f(np, a), lambda: f(npt, npt.asarray(a)), atol=1e-5)


@pytest.mark.parametrize("op", ["sum", "max", "min", "mean", "any"])
def test_large_reductions(op):
    """Arrays big enough for multi-threaded kernels, contiguous and strided."""
    a = np.random.default_rng(4).normal(size=(1000, 1003))
    x = npt.asarray(a)
    for axis in (None, 0, 1):
        check_like_numpy(lambda: getattr(a, op)(axis=axis), lambda: getattr(x, op)(axis=axis),
                         rtol=1e-9, atol=1e-9)
        check_like_numpy(lambda: getattr(a.T[::3], op)(axis=axis),
                         lambda: getattr(x.T[::3], op)(axis=axis), rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("name", ["sum", "prod", "max", "min", "mean", "all", "any"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_where_initial_and_out_none_as_numpy(name, axis):
    rng = np.random.default_rng(3)
    x = rng.uniform(-2, 2, (4, 5))
    mask = rng.integers(0, 2, (4, 5)).astype(bool)
    mask[:, 0] = True  # no empty slice for mean/max without initial
    f, g = getattr(npt, name), getattr(np, name)
    kws = [{}, {"out": None}, {"keepdims": True}, {"where": mask}, {"where": mask[0]}]
    if name in ("sum", "prod", "max", "min"):
        kws += [{"initial": 1.5}, {"initial": 0.5, "where": mask}, {"initial": -3.0, "keepdims": True}]
    for kw in kws:
        if name in ("max", "min") and "where" in kw and "initial" not in kw:
            with pytest.raises(ValueError, match="does not have an identity"):
                f(npt.asarray(x), axis=axis, **kw)
            with pytest.raises(ValueError, match="does not have an identity"):
                g(x, axis=axis, **kw)
            continue
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # NumPy's "Mean of empty slice" (values compared)
            want = g(x, axis=axis, **kw)
        got = f(npt.asarray(x), axis=axis, **kw)
        assert got.dtype == np.asarray(want).dtype and got.shape == np.shape(want), kw
        np.testing.assert_allclose(np.asarray(got), want, rtol=1e-12, err_msg=str(kw))
    # out=: the result stored there (NumPy's unsafe cast), out returned; a
    # wrong shape is NumPy's error
    shape = np.shape(g(x, axis=axis))
    o, on = npt.zeros(shape, "float32"), np.zeros(shape, "float32")
    assert f(npt.asarray(x), axis=axis, out=o) is o
    g(x, axis=axis, out=on)
    np.testing.assert_allclose(np.asarray(o), on, rtol=1e-6)
    with pytest.raises(ValueError) as want:
        g(x, axis=axis, out=np.zeros(7))
    with pytest.raises(ValueError) as got:
        f(npt.asarray(x), axis=axis, out=npt.zeros(7))
    assert str(got.value) == str(want.value)


@pytest.mark.parametrize("name", ["max", "min", "sum"])
def test_initial_on_empty_reductions(name):
    x = np.ones((0, 3))
    want = getattr(np, name)(x, axis=0, initial=2.0)
    got = getattr(npt, name)(npt.asarray(x), axis=0, initial=2.0)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_array_equal(np.asarray(got), want)
