"""The C fast path of recording an op (FastOp): where every operand is an
npt.ndarray or a Python scalar, ufunc calls, ndarray operators and a.sum()
skip the Python layer; everything else takes the Python implementation. Both
must give NumPy's values, dtypes and errors, and the same as each other."""
import inspect
import operator
import pickle

import numpy as np
import pytest

import npt

ARRAYS = {"i32": np.arange(-3, 3, dtype=np.int32), "f32": np.linspace(-1, 1, 6, dtype=np.float32),
          "b": np.array([True, False, True, True, False, False]), "u8": np.arange(6, dtype=np.uint8),
          "c64": (np.arange(6) + 1j).astype(np.complex64)}
SCALARS = [3, -2, 2.5, True, 1 + 2j, 2 ** 40, -2 ** 63, np.float32(2), [1, 2, 3, 4, 5, 6]]


def outcome(f, *args):
    try:
        with np.errstate(all="ignore"):
            r = f(*args)
            return np.asarray(r), None
    except Exception as e:  # (compared by type and message)
        return None, e


def same(got, want):
    (g, ge), (w, we) = got, want
    if we is not None:
        assert ge is not None and type(ge) is type(we) and str(ge) == str(we), (ge, we)
        return
    assert ge is None, ge
    assert g.dtype == w.dtype and g.shape == w.shape, (g.dtype, w.dtype)
    np.testing.assert_allclose(g.astype(complex), w.astype(complex), rtol=1e-6, atol=1e-6, equal_nan=True)


@pytest.mark.parametrize("name", ["add", "subtract", "multiply", "true_divide", "less", "maximum",
                                  "bitwise_and", "arctan2"])
@pytest.mark.parametrize("a", list(ARRAYS))
@pytest.mark.parametrize("other", range(len(SCALARS) + 1))
def test_binary_ufuncs_and_operators(name, a, other):
    an = ARRAYS[a]
    on = ARRAYS["f32"] if other == len(SCALARS) else SCALARS[other]
    ot = npt.asarray(on) if other == len(SCALARS) else on
    x = npt.asarray(an)
    f, g = getattr(npt, name), getattr(np, name)
    same(outcome(f, x, ot), outcome(g, an, on))
    same(outcome(f, ot, x), outcome(g, on, an))
    pyop = {"add": operator.add, "subtract": operator.sub, "multiply": operator.mul,
            "true_divide": operator.truediv, "less": operator.lt, "bitwise_and": operator.and_}.get(name)
    if pyop is not None and type(on) is not list:  # (list OP ndarray: NumPy's own operator)
        same(outcome(pyop, x, ot), outcome(pyop, an, on))
        same(outcome(pyop, ot, x), outcome(pyop, on, an))


@pytest.mark.parametrize("name", ["negative", "sin", "absolute", "invert", "sqrt"])
@pytest.mark.parametrize("a", list(ARRAYS) + ["py_int", "py_float", "py_bool", "py_complex"])
def test_unary_ufuncs(name, a):
    an = {"py_int": 3, "py_float": 0.25, "py_bool": True, "py_complex": 1 - 1j}.get(a, ARRAYS.get(a))
    x = npt.asarray(an) if a in ARRAYS else an
    same(outcome(getattr(npt, name), x), outcome(getattr(np, name), an))


def test_the_fast_path_gives_the_fallback_s_result():
    x = npt.asarray(ARRAYS["f32"])
    assert isinstance(npt.add.func, npt._npt.FastOp) and isinstance(npt.ndarray.__mul__, npt._npt.FastOp)
    for v in (2.5, 3, True, 1j, x):
        same(outcome(npt.add.func, x, v), outcome(npt.add.func.fallback, x, v))
        same(outcome(npt.ndarray.__rsub__, x, v), outcome(npt.ndarray.__rsub__.fallback, x, v))
    same(outcome(npt.sin.func, 0.5), outcome(npt.sin.func.fallback, 0.5))


@pytest.mark.parametrize("a", list(ARRAYS) + ["empty", "0d"])
def test_sum_and_prod_without_options(a):
    an = {"empty": np.zeros((0, 3)), "0d": np.array(2.5)}.get(a, ARRAYS.get(a))
    x = npt.asarray(an)
    for name in ("sum", "prod"):
        want = outcome(getattr(np, name), an)
        same(outcome(getattr(npt, name), x), want)
        same(outcome(lambda v: getattr(v, name)(), x), want)
        same(outcome(getattr(npt, name), x), outcome(getattr(npt, name).fallback, x))


def test_sum_with_options_and_other_operands():
    an = np.arange(12, dtype=np.int16).reshape(3, 4)
    x = npt.asarray(an)
    for call in (lambda m, v: m.sum(v, axis=0), lambda m, v: m.sum(v, dtype=np.float32),
                 lambda m, v: m.sum(v, keepdims=True), lambda m, v: m.sum(v, 1, None, None, True),
                 lambda m, v: m.prod(v, initial=2), lambda m, v: m.sum(v.tolist()),
                 lambda m, v: m.sum(3), lambda m, v: v.sum(axis=(0, 1))):
        same(outcome(call, npt, x), outcome(call, np, an))
    same(outcome(npt.sum, x, 2), outcome(np.sum, an, 2))  # (an AxisError, NumPy's words)


def test_introspection_sees_the_python_implementation():
    assert npt.sum.__name__ == "sum" and npt.prod.__name__ == "prod"
    assert list(inspect.signature(npt.sum).parameters)[:3] == ["a", "axis", "dtype"]
    assert npt.sum.__doc__ == "numpy.sum."
    assert npt.ndarray.sum is npt.sum and callable(npt.ndarray.__add__)
    assert pickle.loads(pickle.dumps(npt.sum)) is npt.sum
    assert pickle.loads(pickle.dumps(npt.sin)) is npt.sin


def test_an_int_past_int64_makes_the_python_path_s_constant():
    x = npt.asarray(ARRAYS["u8"])
    for v in (2 ** 64 - 1, 2 ** 63):  # (a uint64 constant, as the Python path makes it)
        same(outcome(npt.add, x, v), outcome(npt.add.func.fallback, x, v))
    with pytest.raises(OverflowError):
        x + 2 ** 70


def test_fast_ops_reject_a_bad_arity_or_op():
    with pytest.raises(ValueError, match="nin is 1 or 2"):
        npt._npt.FastOp(npt._npt.op_id("add"), 3, lambda *a: None)
    for op in (-1, 1 << 20):
        with pytest.raises(ValueError, match="is no registry op"):
            npt._npt.FastOp(op, 1, lambda *a: None)


def test_constants_equal_in_value_but_not_in_sign_stay_apart():
    """0.0 == -0.0, but x * 0.0 and x * -0.0 differ in sign: recorded
    together they must not be one node (nor in a jitted function)."""
    xn = np.array([1.0, -2.0, 3.0])
    x = npt.array(xn)
    pairs = [(x * 0.0, xn * 0.0), (x * -0.0, xn * -0.0), (npt.multiply(x, -0.0), np.multiply(xn, -0.0)),
             (x * complex(0.0, -0.0), xn * complex(0.0, -0.0)), (x + float("nan"), xn + np.nan)]
    for got, want in pairs:
        g = np.asarray(got)
        np.testing.assert_array_equal(np.signbit(g.real), np.signbit(want.real))
        np.testing.assert_array_equal(np.signbit(np.imag(g)), np.signbit(np.imag(want)))
        np.testing.assert_array_equal(g, want)
    f = npt.jit(lambda a: (a * 0.0, a * -0.0))
    p, m = f(x)
    np.testing.assert_array_equal(np.signbit(np.asarray(p)), np.signbit(xn * 0.0))
    np.testing.assert_array_equal(np.signbit(np.asarray(m)), np.signbit(xn * -0.0))
