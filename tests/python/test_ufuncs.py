"""Differential tests of npt's elementwise ufuncs against NumPy (the reference)."""
import operator

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra import numpy as hnp

import npt
from _helpers import (FLOAT_DTYPES, INT_DTYPES, REAL_DTYPES, assert_same, check_like_numpy,
                      numpy_or_exc, public_exc_type, rtol_for, values)

UNARY = ["negative", "absolute", "sign", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt",
         "square", "sin", "cos", "tan", "arcsin", "arccos", "arctan", "tanh", "sinh", "cosh",
         "logical_not", "isnan", "isinf", "isfinite"]
BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
          "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "greater",
          "greater_equal", "logical_and", "logical_or"]

UNARY_DOMAIN = {"log": "pos", "log2": "pos", "log10": "pos", "sqrt": "pos", "log1p": "pos",
                "arcsin": "unit", "arccos": "unit", "tan": "unit",
                "exp": "small", "expm1": "small", "sinh": "small", "cosh": "small"}
BINARY_DOMAIN = {"divide": ("any", "nonzero"), "floor_divide": ("any", "nonzero"),
                 "remainder": ("any", "nonzero"), "power": ("powbase", "powexp")}
PERIODIC = {"sin", "cos", "tan"}
ATOL = {"float16": 1e-3, "float32": 1e-6, "float64": 1e-12}


def _atol(op, np_dtypes):
    if op not in PERIODIC:
        return 0.0
    out = np.result_type(*np_dtypes, np.float16)
    return ATOL.get(out.name, 0.0)


# ---- layouts: how the inputs are laid out (shapes and non-contiguous views) ------------------
# Each entry: (base shape, view applied identically to the NumPy and npt arrays, or None).
UNARY_LAYOUTS = {
    "0d": ((), None),
    "empty": ((0,), None),
    "empty2d": ((0, 3), None),
    "1d": ((5,), None),
    "2d": ((3, 4), None),
    "step2": ((6, 8), lambda a: a[::2]),
    "reversed": ((6, 8), lambda a: a[::-1]),
    "transposed": ((6, 8), lambda a: a.T),
    "slice_step": ((6, 8), lambda a: a[1:, ::3]),
}

# Each entry: ((shape a, view a), (shape b, view b)).
BINARY_LAYOUTS = {
    "0d": (((), None), ((), None)),
    "empty": (((0,), None), ((0,), None)),
    "empty2d_bcast": (((0, 3), None), ((3,), None)),
    "1d": (((5,), None), ((5,), None)),
    "2d": (((3, 4), None), ((3, 4), None)),
    "bcast_col_row": (((3, 1), None), ((4,), None)),
    "bcast_0d": (((3, 4), None), ((), None)),
    "bcast_3d": (((2, 1, 3), None), ((4, 1), None)),
    "views_step": (((6, 8), lambda a: a[::2]), ((8, 6), lambda b: b.T[1::2])),
    "views_T_rev": (((6, 8), lambda a: a.T), ((8, 6), lambda b: b[::-1])),
    "views_mixed": (((6, 8), lambda a: a[1:, ::3]), ((8, 6), lambda b: b[::-1, ::2][:5])),
}


# Every layout runs for these dtypes; the others (whose kernels differ from these only by the
# element type) run one non-contiguous layout (broadcasting is covered for every dtype by
# the mixed-dtype tests). Each (op, dtype, layout
# class) is a distinct JIT-compiled kernel, so this keeps the suite's compile time bounded.
FULL_LAYOUT_DTYPES = ["bool", "int8", "uint16", "float32", "float64"]


def _dtype_layouts(layouts, reduced):
    out = []
    for dt in REAL_DTYPES:
        for lay in (layouts if dt in FULL_LAYOUT_DTYPES else reduced):
            out.append(pytest.param(dt, lay, id=f"{dt}-{lay}"))
    return out


UNARY_CASES = _dtype_layouts(list(UNARY_LAYOUTS), ["slice_step"])
BINARY_CASES = _dtype_layouts(list(BINARY_LAYOUTS), ["views_mixed"])


def _make(shape, view, dtype, domain, rng):
    a = values(dtype, shape, domain, rng)
    x = npt.asarray(a)
    if view is not None:
        a, x = view(a), view(x)
    return a, x


def _unary_inputs(layout, dtype, domain, rng):
    shape, view = UNARY_LAYOUTS[layout]
    return _make(shape, view, dtype, domain, rng)


def _binary_inputs(layout, da, db, doms, rng):
    (sa, va), (sb, vb) = BINARY_LAYOUTS[layout]
    a, x = _make(sa, va, da, doms[0], rng)
    b, y = _make(sb, vb, db, doms[1], rng)
    return a, b, x, y


# ---- unary ufuncs --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype,layout", UNARY_CASES)
@pytest.mark.parametrize("op", UNARY)
def test_unary(op, dtype, layout, rng):
    a, x = _unary_inputs(layout, dtype, UNARY_DOMAIN.get(op, "any"), rng)
    check_like_numpy(lambda: getattr(np, op)(a), lambda: getattr(npt, op)(x),
                     atol=_atol(op, [a.dtype]))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["negative", "absolute", "sign", "exp", "expm1", "log", "log1p",
                                "sqrt", "square", "arctan", "tanh", "logical_not", "isnan",
                                "isinf", "isfinite"])
def test_unary_special_floats(op, dtype):
    a = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 0.5, 3.0], dtype=dtype)
    check_like_numpy(lambda: getattr(np, op)(a), lambda: getattr(npt, op)(npt.asarray(a)))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("op", ["negative", "absolute", "sign", "square", "logical_not",
                                "isnan", "isfinite"])
def test_unary_full_integer_range(op, dtype, rng):
    info = np.iinfo(dtype)
    a = np.concatenate([np.array([info.min, info.max, 0, 1, info.min + 1], dtype=dtype),
                        values(dtype, (20,), "full", rng)])
    check_like_numpy(lambda: getattr(np, op)(a), lambda: getattr(npt, op)(npt.asarray(a)))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["expm1", "log1p"])
def test_expm1_log1p_tiny_arguments(op, dtype):
    """expm1/log1p must keep relative accuracy near zero (the reason they exist)."""
    a = np.array([1e-3, -1e-3, 1e-4, 2e-5], dtype=dtype)
    if dtype == "float32" or dtype == "float64":
        a = np.concatenate([a, np.array([1e-7, -1e-7, 3e-8], dtype=dtype)])
    if dtype == "float64":
        a = np.concatenate([a, np.array([1e-12, -1e-15, 1e-300])])
    check_like_numpy(lambda: getattr(np, op)(a), lambda: getattr(npt, op)(npt.asarray(a)))


# ---- binary ufuncs -------------------------------------------------------------------------
@pytest.mark.parametrize("dtype,layout", BINARY_CASES)
@pytest.mark.parametrize("op", BINARY)
def test_binary_same_dtype(op, dtype, layout, rng):
    a, b, x, y = _binary_inputs(layout, dtype, dtype, BINARY_DOMAIN.get(op, ("any", "any")), rng)
    check_like_numpy(lambda: getattr(np, op)(a, b), lambda: getattr(npt, op)(x, y))


MIXED_OPS = ["add", "divide", "less", "maximum"]


@pytest.mark.parametrize("db", REAL_DTYPES)
@pytest.mark.parametrize("da", REAL_DTYPES)
@pytest.mark.parametrize("op", MIXED_OPS)
def test_binary_mixed_dtypes(op, da, db, rng):
    a, b, x, y = _binary_inputs("bcast_col_row", da, db, BINARY_DOMAIN.get(op, ("any", "any")), rng)
    check_like_numpy(lambda: getattr(np, op)(a, b), lambda: getattr(npt, op)(x, y))


MIXED_PAIRS = [("int8", "uint8"), ("uint8", "int8"), ("int16", "float16"), ("uint64", "int64"),
               ("int32", "float32"), ("float16", "float64"), ("bool", "int8"),
               ("uint32", "int16"), ("int64", "float32"), ("uint16", "float16"),
               ("bool", "float32"), ("float32", "int8")]


@pytest.mark.parametrize("da,db", MIXED_PAIRS)
@pytest.mark.parametrize("op", ["floor_divide", "remainder", "power", "minimum", "equal",
                                "not_equal", "less_equal", "greater", "greater_equal",
                                "logical_and", "logical_or"])
def test_binary_mixed_dtypes_more_ops(op, da, db, rng):
    a, b, x, y = _binary_inputs("bcast_3d", da, db, BINARY_DOMAIN.get(op, ("any", "any")), rng)
    check_like_numpy(lambda: getattr(np, op)(a, b), lambda: getattr(npt, op)(x, y))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "maximum", "minimum", "less",
                                "equal"])
def test_binary_integer_wraparound(op, dtype, rng):
    """Full-range integers: +, -, * wrap modulo 2**bits exactly as in NumPy."""
    info = np.iinfo(dtype)
    a = np.concatenate([np.array([info.max, info.min, info.max, info.min], dtype=dtype),
                        values(dtype, (40,), "full", rng)])
    b = np.concatenate([np.array([1, info.max, info.max, info.min], dtype=dtype),
                        values(dtype, (40,), "full", rng)])
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("op", ["floor_divide", "remainder"])
def test_integer_division_floor_semantics(op, dtype):
    """Integer // and % round toward -inf (Python semantics), as NumPy's do."""
    if np.dtype(dtype).kind == "u":
        a = np.array([7, 7, 0, 1, 200, 13], dtype=dtype)
        b = np.array([2, 7, 3, 5, 3, 1], dtype=dtype)
    else:
        a = np.array([7, -7, 7, -7, 0, -1, 1, -100, 100], dtype=dtype)
        b = np.array([2, 2, -2, -2, 3, 3, -3, 7, -7], dtype=dtype)
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("op", ["floor_divide", "remainder", "divide"])
def test_integer_division_by_zero(op, dtype):
    """NumPy gives 0 for integer x // 0 and x % 0 (with a warning), inf/nan for x / 0."""
    a = np.array([5, 0, 1, 3], dtype=dtype)
    b = np.array([0, 0, 0, 2], dtype=dtype)
    if np.dtype(dtype).kind == "i":
        a = np.concatenate([a, np.array([-5], dtype=dtype)])
        b = np.concatenate([b, np.array([0], dtype=dtype)])
    with np.errstate(all="ignore"):
        expected = getattr(np, op)(a, b)
    result = getattr(npt, op)(npt.asarray(a), npt.asarray(b))
    assert_same(result, expected)


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64"])
@pytest.mark.parametrize("op", ["floor_divide", "remainder"])
def test_integer_min_divided_by_minus_one(op, dtype):
    """INT_MIN // -1 overflows: NumPy gives INT_MIN (and 0 for %), it must not trap."""
    info = np.iinfo(dtype)
    a = np.array([info.min, info.min, 6], dtype=dtype)
    b = np.array([-1, 1, -1], dtype=dtype)
    with np.errstate(all="ignore"):
        expected = getattr(np, op)(a, b)
    result = getattr(npt, op)(npt.asarray(a), npt.asarray(b))
    assert_same(result, expected)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["divide", "floor_divide", "remainder", "power", "maximum",
                                "minimum", "equal", "not_equal", "less", "less_equal", "greater",
                                "greater_equal", "add", "multiply", "subtract"])
def test_binary_special_floats(op, dtype):
    sp = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -2.5], dtype=dtype)
    a = np.repeat(sp, len(sp))
    b = np.tile(sp, len(sp))
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["floor_divide", "remainder"])
def test_float_floor_divide_remainder_signs(op, dtype):
    a = np.array([7.5, -7.5, 7.5, -7.5, 1.0, -1.0, 0.5, 6.0, -6.0, 1e-3], dtype=dtype)
    b = np.array([2.0, 2.0, -2.0, -2.0, 0.1, 0.1, 3.0, 3.0, 3.0, 7.0], dtype=dtype)
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@pytest.mark.parametrize("dtype", INT_DTYPES + ["bool"])
def test_integer_power(dtype):
    base = np.array([0, 1, 2, 3, 2, 1, 0], dtype=dtype)
    exp = np.array([0, 5, 3, 4, 0, 0, 1], dtype=dtype)
    if np.dtype(dtype).kind == "i":
        base = np.concatenate([base, np.array([-2, -3, -1, -1], dtype=dtype)])
        exp = np.concatenate([exp, np.array([3, 2, 7, 6], dtype=dtype)])
    check_like_numpy(lambda: np.power(base, exp),
                     lambda: npt.power(npt.asarray(base), npt.asarray(exp)))


@pytest.mark.parametrize("dtype", ["int8", "int32", "int64"])
def test_integer_negative_power_raises(dtype):
    """NumPy raises ValueError for integer ** negative integer (when it computes)."""
    a = np.array([2, 3], dtype=dtype)
    b = np.array([-1, 2], dtype=dtype)
    with pytest.raises(ValueError):
        np.power(a, b)
    with pytest.raises(ValueError):
        np.asarray(npt.power(npt.asarray(a), npt.asarray(b)))


# ---- where / clip --------------------------------------------------------------------------
@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("layout", ["0d", "empty2d_bcast", "2d", "bcast_col_row", "views_step",
                                    "views_T_rev"])
def test_where_same_dtype(layout, dtype, rng):
    a, b, x, y = _binary_inputs(layout, dtype, dtype, ("any", "any"), rng)
    cshape = np.broadcast_shapes(a.shape, b.shape)
    c = values("bool", cshape, "any", rng)
    check_like_numpy(lambda: np.where(c, a, b), lambda: npt.where(npt.asarray(c), x, y))


@pytest.mark.parametrize("da,db", MIXED_PAIRS)
def test_where_mixed_dtypes_and_broadcast(da, db, rng):
    a, b, x, y = _binary_inputs("bcast_3d", da, db, ("any", "any"), rng)
    c = values("bool", (3, 1, 1), "any", rng)
    check_like_numpy(lambda: np.where(c, a, b), lambda: npt.where(npt.asarray(c), x, y))


@pytest.mark.parametrize("cdtype", ["int8", "float32", "uint16"])
def test_where_non_bool_condition(cdtype, rng):
    c = values(cdtype, (3, 4), "small", rng)
    a = values("float32", (3, 4), "any", rng)
    check_like_numpy(lambda: np.where(c, a, -a), lambda: npt.where(npt.asarray(c), npt.asarray(a),
                                                                   -npt.asarray(a)))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int64", "float16", "float32", "float64",
                                   "bool"])
@pytest.mark.parametrize("scalars", [(0, 1), (0.5, 2.0), (True, False), (1, 2.5)])
def test_where_python_scalars(dtype, scalars, rng):
    c = values("bool", (4,), "any", rng)
    a = values(dtype, (4,), "any", rng)
    s0, s1 = scalars
    check_like_numpy(lambda: np.where(c, a, s0), lambda: npt.where(npt.asarray(c), npt.asarray(a), s0))
    check_like_numpy(lambda: np.where(c, s0, a), lambda: npt.where(npt.asarray(c), s0, npt.asarray(a)))
    check_like_numpy(lambda: np.where(c, s0, s1), lambda: npt.where(npt.asarray(c), s0, s1))


def test_where_one_argument_missing_raises():
    c = npt.asarray(np.array([True, False]))
    with pytest.raises(ValueError):
        np.where(np.array([True, False]), 1)
    with pytest.raises(ValueError):
        npt.where(c, 1)


@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("layout", ["0d", "empty", "1d", "2d", "transposed", "slice_step"])
def test_clip_scalar_bounds(layout, dtype, rng):
    a, x = _unary_inputs(layout, dtype, "any", rng)
    lo, hi = (False, True) if dtype == "bool" else (2, 10)
    check_like_numpy(lambda: np.clip(a, lo, hi), lambda: npt.clip(x, lo, hi))
    check_like_numpy(lambda: np.clip(a, lo, None), lambda: npt.clip(x, lo, None))
    check_like_numpy(lambda: np.clip(a, None, hi), lambda: npt.clip(x, None, hi))
    check_like_numpy(lambda: a.clip(lo, hi), lambda: x.clip(lo, hi))


@pytest.mark.parametrize("dtype", REAL_DTYPES)
def test_clip_array_bounds(dtype, rng):
    a = values(dtype, (3, 4), "any", rng)
    lo = values(dtype, (4,), "any", rng)
    hi = values(dtype, (3, 1), "any", rng)
    check_like_numpy(lambda: np.clip(a, lo, hi),
                     lambda: npt.clip(npt.asarray(a), npt.asarray(lo), npt.asarray(hi)))


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "float32"])
def test_clip_float_bounds_promote(dtype, rng):
    a = values(dtype, (6,), "any", rng)
    check_like_numpy(lambda: np.clip(a, 0.5, 3.5), lambda: npt.clip(npt.asarray(a), 0.5, 3.5))


def test_clip_nan():
    a = np.array([np.nan, 1.0, 5.0, -3.0])
    check_like_numpy(lambda: np.clip(a, 0.0, 2.0), lambda: npt.clip(npt.asarray(a), 0.0, 2.0))


# ---- hypothesis: random shapes and values ---------------------------------------------------
_HYP_BINARY = ["add", "subtract", "multiply", "maximum", "minimum", "less", "equal",
               "greater_equal"]


def _elements(dtype):
    dt = np.dtype(dtype)
    if dt.kind == "f":
        return st.floats(-1e3, 1e3, width=dt.itemsize * 8, allow_nan=False)
    info = np.iinfo(dt)
    return st.integers(int(info.min), int(info.max))


@given(data=st.data(), op=st.sampled_from(_HYP_BINARY),
       dtype=st.sampled_from(["float64", "float32", "int32", "uint8", "int64"]))
def test_hypothesis_binary_broadcasting(data, op, dtype):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3,
                                                         max_side=5))
    a = data.draw(hnp.arrays(dtype, shapes.input_shapes[0], elements=_elements(dtype)))
    b = data.draw(hnp.arrays(dtype, shapes.input_shapes[1], elements=_elements(dtype)))
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@given(a=hnp.arrays(st.sampled_from([np.float32, np.float64]),
                    hnp.array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=6),
                    elements=st.floats(-50, 50, width=32)),
       op=st.sampled_from(["sin", "cos", "exp", "tanh", "arctan", "absolute", "negative", "sign",
                           "square"]))
def test_hypothesis_unary(a, op):
    check_like_numpy(lambda: getattr(np, op)(a), lambda: getattr(npt, op)(npt.asarray(a)),
                     atol=_atol(op, [a.dtype]))


@given(a=hnp.arrays(np.int32, st.integers(1, 20), elements=st.integers(-1000, 1000)),
       b=hnp.arrays(np.int32, st.integers(1, 20),
                    elements=st.integers(-50, 50).filter(lambda v: v != 0)),
       op=st.sampled_from(["floor_divide", "remainder"]))
def test_hypothesis_integer_division(a, b, op):
    n = min(len(a), len(b))
    a, b = a[:n], b[:n]
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)))


@given(a=hnp.arrays(np.float64, 12, elements=st.floats(-1e4, 1e4)),
       b=hnp.arrays(np.float64, 12, elements=st.floats(0.01, 100) | st.floats(-100, -0.01)),
       op=st.sampled_from(["floor_divide", "remainder", "divide"]))
def test_hypothesis_float_division(a, b, op):
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)), rtol=1e-12)


@given(a=hnp.arrays(np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=6),
                    elements=st.floats(allow_nan=True, allow_infinity=True, width=64)),
       op=st.sampled_from(["maximum", "minimum", "less", "not_equal"]))
def test_hypothesis_nan_inf(a, op):
    b = a[::-1]
    check_like_numpy(lambda: getattr(np, op)(a, b),
                     lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(a)[::-1]))


# ---- Python scalars and NEP 50 -------------------------------------------------------------
@pytest.mark.parametrize("dtype", REAL_DTYPES)
@pytest.mark.parametrize("scalar", [1, 2.5, True, 0])
def test_python_scalar_add_mul(dtype, scalar, rng):
    a = values(dtype, (5,), "any", rng)
    x = npt.asarray(a)
    check_like_numpy(lambda: a + scalar, lambda: x + scalar)
    check_like_numpy(lambda: scalar + a, lambda: scalar + x)
    check_like_numpy(lambda: a * scalar, lambda: x * scalar)
    check_like_numpy(lambda: scalar * a, lambda: scalar * x)


@pytest.mark.parametrize("dtype", INT_DTYPES)
@pytest.mark.parametrize("scalar", [300, -1, 2**40, -(2**40), 2**64])
def test_python_int_out_of_range(dtype, scalar):
    """NEP 50: a Python int that does not fit the array's integer dtype is an OverflowError."""
    a = np.ones(3, dtype=dtype)
    x = npt.ones(3, dtype=dtype)
    check_like_numpy(lambda: a + scalar, lambda: x + scalar)
    check_like_numpy(lambda: scalar + a, lambda: scalar + x)
    check_like_numpy(lambda: a * scalar, lambda: x * scalar)


def test_int8_plus_300_overflow():
    with pytest.raises(OverflowError):
        np.ones(3, dtype=np.int8) + 300
    with pytest.raises(OverflowError):
        npt.ones(3, dtype=npt.int8) + 300
    with pytest.raises(OverflowError):
        300 + npt.ones(3, dtype=npt.int8)


CMP = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
       ">": operator.gt, ">=": operator.ge}


@pytest.mark.parametrize("cmp", list(CMP))
@pytest.mark.parametrize("dtype", ["int16", "uint32", "int64", "float32"])
def test_python_int_in_range_comparison(cmp, dtype):
    f = CMP[cmp]
    a = np.array([0, 1, 100, 1000], dtype=dtype)
    check_like_numpy(lambda: f(a, 1000), lambda: f(npt.asarray(a), 1000))
    check_like_numpy(lambda: f(1000, a), lambda: f(1000, npt.asarray(a)))


@pytest.mark.parametrize("cmp", list(CMP))
@pytest.mark.parametrize("dtype,scalar", [("int8", 1000), ("uint8", -1000), ("uint64", -1),
                                          ("int64", 2**70), ("int16", -2**20)])
def test_python_int_out_of_range_comparison(dtype, scalar, cmp):
    """NumPy 2 compares integer arrays with out-of-range Python ints exactly (no error)."""
    f = CMP[cmp]
    a = np.array([0, 1, 100], dtype=dtype)
    check_like_numpy(lambda: f(a, scalar), lambda: f(npt.asarray(a), scalar))
    check_like_numpy(lambda: f(scalar, a), lambda: f(scalar, npt.asarray(a)))


def test_nep50_weak_scalar_dtypes():
    f32 = npt.ones(3, dtype=npt.float32)
    assert (f32 + 1.0).dtype == np.float32
    assert (1.0 + f32).dtype == np.float32
    assert (f32 * 2).dtype == np.float32
    i32 = npt.ones(3, dtype=npt.int32)
    assert (i32 + 1.0).dtype == np.float64
    assert (i32 + 1).dtype == np.int32
    f16 = npt.ones(3, dtype=npt.float16)
    assert (f16 * 2.5).dtype == np.float16
    u8 = npt.ones(3, dtype=npt.uint8)
    assert (u8 + True).dtype == np.uint8
    b = npt.ones(3, dtype=npt.bool_)
    assert (b + 1).dtype == np.int64
    assert (b * 2.5).dtype == np.float64


@pytest.mark.parametrize("dtype", ["int8", "uint8", "int32", "float16", "float32", "float64",
                                   "bool"])
@pytest.mark.parametrize("scalar", [np.float32(2), np.float64(2), np.int64(2), np.int8(2),
                                    np.uint16(2), np.float16(2), np.bool_(True)])
def test_numpy_scalars_are_strong(dtype, scalar, rng):
    a = values(dtype, (4,), "any", rng)
    x = npt.asarray(a)
    check_like_numpy(lambda: scalar * a, lambda: scalar * x)
    check_like_numpy(lambda: a + scalar, lambda: x + scalar)
    check_like_numpy(lambda: a < scalar, lambda: x < scalar)


ARITH = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
         "//": operator.floordiv, "%": operator.mod, "**": operator.pow}
COMPARE = {"==": operator.eq, "!=": operator.ne, "<": operator.lt, "<=": operator.le,
           ">": operator.gt, ">=": operator.ge}
OPERATORS = {**ARITH, **COMPARE}


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "uint8", "int8", "float16"])
@pytest.mark.parametrize("scalar", [3, 2.5, np.float32(2.0), np.int16(3)])
@pytest.mark.parametrize("sym", list(OPERATORS))
def test_operators_with_scalars_both_sides(sym, scalar, dtype):
    f = OPERATORS[sym]
    a = np.array([1, 2, 3, 4, 5, 7], dtype=dtype)
    x = npt.asarray(a)
    check_like_numpy(lambda: f(a, scalar), lambda: f(x, scalar))
    check_like_numpy(lambda: f(scalar, a), lambda: f(scalar, x))


# & and | are supported on bool arrays only (npt limitation, see test_errors.py)
_LEFT_CASES = [(s, d) for s in list(OPERATORS) + ["&", "|"]
               for d in ["float64", "float32", "int64", "int16", "bool"]
               if s not in ("&", "|") or d == "bool"]


@pytest.mark.parametrize("sym,dtype", _LEFT_CASES)
def test_numpy_array_on_the_left(sym, dtype, rng):
    """numpy_array OP npt_array defers to npt and gives npt's result equal to NumPy's."""
    f = {**OPERATORS, "&": operator.and_, "|": operator.or_}[sym]
    doms = BINARY_DOMAIN.get({"/": "divide", "//": "floor_divide", "%": "remainder",
                              "**": "power"}.get(sym, ""), ("any", "any"))
    a = values(dtype, (3, 4), doms[0], rng)
    b = values(dtype, (4,), doms[1], rng)
    expected, exc = numpy_or_exc(lambda: f(a, b))
    if exc is not None:
        with pytest.raises(public_exc_type(exc)):
            f(a, npt.asarray(b))
        return
    r = f(a, npt.asarray(b))
    assert isinstance(r, npt.ndarray)
    assert_same(r, expected)
    assert_same(f(npt.asarray(a), b), expected)


def test_numpy_array_matmul_on_the_left(rng):
    a = values("float64", (3, 4), "any", rng)
    b = values("float64", (4, 2), "any", rng)
    r = a @ npt.asarray(b)
    assert isinstance(r, npt.ndarray)
    assert_same(r, a @ b)


@pytest.mark.parametrize("dtype", ["float32", "int32", "uint8", "bool"])
def test_unary_operators(dtype, rng):
    a = values(dtype, (2, 3), "any", rng)
    x = npt.asarray(a)
    check_like_numpy(lambda: -a, lambda: -x)
    check_like_numpy(lambda: abs(a), lambda: abs(x))
    if dtype == "bool":
        check_like_numpy(lambda: ~a, lambda: ~x)
    else:
        check_like_numpy(lambda: +a, lambda: +x)
        check_like_numpy(lambda: np.positive(a), lambda: npt.positive(x))


@pytest.mark.parametrize("form", ["operator", "function"])
def test_positive_of_bool_raises(form):
    a = np.array([True, False])
    f = (lambda v: +v) if form == "operator" else (lambda v: (np if isinstance(v, np.ndarray)
                                                              else npt).positive(v))
    with pytest.raises(TypeError):
        f(a)
    with pytest.raises(TypeError):
        f(npt.asarray(a))


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
@pytest.mark.parametrize("exponent", [2, 0.5, 1, 3, -1, 0, 2.0])
def test_pow_python_scalar_fast_paths(dtype, exponent, rng):
    a = values(dtype, (7,), "pos", rng)
    check_like_numpy(lambda: a ** exponent, lambda: npt.asarray(a) ** exponent)


def test_divmod(rng):
    a = values("int32", (6,), "any", rng)
    b = values("int32", (6,), "nonzero", rng)
    q, r = divmod(npt.asarray(a), npt.asarray(b))
    eq, er = divmod(a, b)
    assert_same(q, eq)
    assert_same(r, er)


def test_ufunc_aliases(rng):
    a = values("float64", (5,), "pos", rng)
    x = npt.asarray(a)
    assert_same(npt.true_divide(x, 2.0), np.true_divide(a, 2.0))
    assert_same(npt.mod(x, 3.0), np.mod(a, 3.0))
    assert_same(npt.abs(-x), np.abs(-a))
    assert_same(npt.positive(x), np.positive(a))


def test_ufunc_dtype_keyword(rng):
    a = values("int16", (5,), "pos", rng)
    b = values("int16", (5,), "pos", rng)
    check_like_numpy(lambda: np.add(a, b, dtype=np.float32),
                     lambda: npt.add(npt.asarray(a), npt.asarray(b), dtype=np.float32))
    check_like_numpy(lambda: np.sqrt(a, dtype=np.float64),
                     lambda: npt.sqrt(npt.asarray(a), dtype=np.float64))


def test_ufuncs_accept_numpy_arrays_and_lists():
    a = np.array([1.0, 2.0, 3.0])
    assert_same(npt.add(a, [1.0, 2.0, 3.0]), np.add(a, [1.0, 2.0, 3.0]))
    assert_same(npt.sin(a), np.sin(a))
    assert_same(npt.maximum(2, a), np.maximum(2, a))


def test_fused_chain_matches_numpy(rng):
    a = values("float32", (50,), "any", rng)
    b = values("float32", (50,), "pos", rng)
    x, y = npt.asarray(a), npt.asarray(b)
    with np.errstate(all="ignore"):
        expected = np.where(a > 0, np.sqrt(b) * a, np.exp(a / 20)) + np.log(b) - a ** 2
    r = npt.where(x > 0, npt.sqrt(y) * x, npt.exp(x / 20)) + npt.log(y) - x ** 2
    assert_same(r, expected, atol=1e-4)


# ---- exactness, edge semantics -------------------------------------------------------------
@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
@pytest.mark.parametrize("op", ["add", "subtract", "multiply", "divide", "sqrt"])
def test_ieee_ops_are_correctly_rounded(op, dtype):
    """+ - * / and sqrt are correctly rounded in IEEE arithmetic: npt must be bit-exact."""
    r = np.random.default_rng(7)
    a = (r.normal(size=500) * 100).astype(dtype)
    b = (r.normal(size=500) * 3).astype(dtype)
    if op == "sqrt":
        check_like_numpy(lambda: np.sqrt(np.abs(a)), lambda: npt.sqrt(npt.abs(npt.asarray(a))),
                         rtol=0)
    else:
        check_like_numpy(lambda: getattr(np, op)(a, b),
                         lambda: getattr(npt, op)(npt.asarray(a), npt.asarray(b)), rtol=0)


@pytest.mark.parametrize("dtype", FLOAT_DTYPES)
def test_float_power_negative_base_integral_exponent(dtype):
    base = np.array([-2.0, -3.0, -0.5, -2.0, 0.0, 0.0, -8.0, -1.0, 2.0], dtype=dtype)
    exp = np.array([3.0, 2.0, -3.0, 0.5, 0.0, -1.0, 1 / 3, 1e4, -0.5], dtype=dtype)
    check_like_numpy(lambda: np.power(base, exp),
                     lambda: npt.power(npt.asarray(base), npt.asarray(exp)))


@pytest.mark.parametrize("dtype", ["int64", "uint8", "int16", "uint64"])
def test_integer_power_overflow_wraps(dtype):
    base = np.array([3, 7, 5, 2], dtype=dtype)
    exp = np.array([50, 33, 41, 70], dtype=dtype)
    check_like_numpy(lambda: np.power(base, exp),
                     lambda: npt.power(npt.asarray(base), npt.asarray(exp)))


@pytest.mark.parametrize("op", ["less", "less_equal", "greater", "greater_equal", "equal",
                                "not_equal", "maximum", "minimum"])
def test_int64_uint64_comparison_small_values(op):
    i = np.array([-1, 5, 7, -(2**40), 0], dtype=np.int64)
    u = np.array([0, 5, 3, 2**40, 2**63], dtype=np.uint64)
    check_like_numpy(lambda: getattr(np, op)(i, u),
                     lambda: getattr(npt, op)(npt.asarray(i), npt.asarray(u)))
    check_like_numpy(lambda: getattr(np, op)(u, i),
                     lambda: getattr(npt, op)(npt.asarray(u), npt.asarray(i)))


@pytest.mark.parametrize("op", ["less", "less_equal", "greater", "greater_equal", "equal",
                                "not_equal"])
def test_int64_uint64_comparison_is_exact(op):
    i = np.array([2**53, -1, 2**62 + 1], dtype=np.int64)
    u = np.array([2**53 + 1, 2**63, 2**62], dtype=np.uint64)
    check_like_numpy(lambda: getattr(np, op)(i, u),
                     lambda: getattr(npt, op)(npt.asarray(i), npt.asarray(u)))


@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning")
@pytest.mark.parametrize("case", ["f16*1e10", "f16+100000", "f32+1e300", "u64+2**63",
                                  "i64+2**63", "u64*(2**64-1)", "bool+True", "bool*False",
                                  "bool+bool", "bool*bool", "f16-1e-8", "i8*-128"])
def test_scalar_edge_cases(case):
    f16 = np.array([1.0, 2.0], dtype=np.float16)
    cases = {
        "f16*1e10": (f16, lambda v: v * 1e10),
        "f16+100000": (f16, lambda v: v + 100000),
        "f32+1e300": (f16.astype(np.float32), lambda v: v + 1e300),
        "u64+2**63": (np.ones(2, np.uint64), lambda v: v + 2**63),
        "i64+2**63": (np.ones(2, np.int64), lambda v: v + 2**63),
        "u64*(2**64-1)": (np.full(2, 3, np.uint64), lambda v: v * (2**64 - 1)),
        "bool+True": (np.array([True, False]), lambda v: v + True),
        "bool*False": (np.array([True, False]), lambda v: v * False),
        "bool+bool": (np.array([True, False]), lambda v: v + v),
        "bool*bool": (np.array([True, False]), lambda v: v * v),
        "f16-1e-8": (f16, lambda v: v - 1e-8),
        "i8*-128": (np.array([1, -1, 2], np.int8), lambda v: v * -128),
    }
    a, f = cases[case]
    check_like_numpy(lambda: f(a), lambda: f(npt.asarray(a)))


# ---- clip: NumPy 2's bounds ------------------------------------------------------------------
@pytest.mark.parametrize("dtype", ["uint16", "uint8", "int8", "int64", "uint64", "float32", "bool"])
@pytest.mark.parametrize("lo,hi", [(-1, 1), (-1, 70000), (None, None), (None, 3), (2, None),
                                   (-300, 300), (0, -1), (1.5, 3), (np.int64(-1), 2),
                                   (3, 1), (-(2 ** 63), 2 ** 64 - 1)])
def test_clip_bounds(dtype, lo, hi, rng):
    """A Python int bound past the dtype's range bounds nothing; None is no
    bound (both None: a copy); everything else promotes as maximum/minimum do."""
    a = values(dtype, (9,), "any", rng)
    check_like_numpy(lambda: np.clip(a, lo, hi), lambda: npt.clip(npt.asarray(a), lo, hi))


def test_clip_keywords_and_copy():
    a = np.array([3, 0, 5, 9], dtype=np.uint16)
    x = npt.asarray(a)
    assert_same(npt.clip(x, min=1), np.clip(a, min=1))
    assert_same(npt.clip(x, max=4), np.clip(a, max=4))
    assert_same(npt.clip(x), np.clip(a))
    assert npt.clip(x, None, None) is not x
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'a_max'"):
        npt.clip(x, 1, min=2)
    with pytest.raises(ValueError, match="Passing `min` or `max` keyword argument"):
        npt.clip(x, 1, 2, min=0)
