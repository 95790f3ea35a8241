"""Type promotion: npt's result dtypes must be NumPy 2's (NEP 50) for every pair."""
import numpy as np
import pytest

import npt
from _helpers import ALL_DTYPES, REAL_DTYPES, public_exc_type


@pytest.mark.parametrize("b", REAL_DTYPES)
@pytest.mark.parametrize("a", REAL_DTYPES)
def test_array_array_promotion(a, b):
    r = npt.ones(2, dtype=a) + npt.ones(2, dtype=b)
    expected = np.result_type(a, b)
    assert r.dtype == expected
    assert r.dtype == (np.ones(2, a) + np.ones(2, b)).dtype
    np.testing.assert_array_equal(np.asarray(r), np.ones(2, a) + np.ones(2, b), strict=True)


@pytest.mark.parametrize("b", REAL_DTYPES)
@pytest.mark.parametrize("a", REAL_DTYPES)
def test_comparison_and_where_promotion(a, b):
    x, y = npt.zeros(3, dtype=a), npt.ones(3, dtype=b)
    assert (x < y).dtype == np.bool_
    c = npt.asarray(np.array([True, False, True]))
    assert npt.where(c, x, y).dtype == np.where(np.array([True]), np.zeros(1, a),
                                                 np.ones(1, b)).dtype


@pytest.mark.parametrize("scalar", [True, 1, 1.0], ids=["bool", "int", "float"])
@pytest.mark.parametrize("a", REAL_DTYPES)
def test_weak_python_scalar_promotion(a, scalar):
    expected = (np.ones(2, a) + scalar)
    r = npt.ones(2, dtype=a) + scalar
    assert r.dtype == expected.dtype
    np.testing.assert_array_equal(np.asarray(r), expected, strict=True)
    r = scalar + npt.ones(2, dtype=a)
    assert r.dtype == (scalar + np.ones(2, a)).dtype


@pytest.mark.parametrize("scalar", [True, 1, 1.0], ids=["bool", "int", "float"])
@pytest.mark.parametrize("a", REAL_DTYPES)
@pytest.mark.parametrize("op", ["multiply", "maximum", "divide", "less"])
def test_weak_python_scalar_promotion_other_ops(a, scalar, op):
    try:
        with np.errstate(all="ignore"):
            expected = getattr(np, op)(np.ones(2, a), scalar)
    except Exception as e:  # noqa: BLE001
        with pytest.raises(public_exc_type(e)):
            getattr(npt, op)(npt.ones(2, dtype=a), scalar)
        return
    assert getattr(npt, op)(npt.ones(2, dtype=a), scalar).dtype == expected.dtype


@pytest.mark.parametrize("s", ["int8", "uint8", "int64", "uint64", "float16", "float32",
                               "float64", "bool"])
@pytest.mark.parametrize("a", REAL_DTYPES)
def test_numpy_scalar_promotion(a, s):
    """NumPy scalars are strong: they promote like 0-d arrays of their dtype."""
    scalar = np.dtype(s).type(1)
    assert (npt.ones(2, dtype=a) + scalar).dtype == (np.ones(2, a) + scalar).dtype
    assert (scalar + npt.ones(2, dtype=a)).dtype == (scalar + np.ones(2, a)).dtype


@pytest.mark.parametrize("b", ALL_DTYPES)
@pytest.mark.parametrize("a", ALL_DTYPES)
def test_result_type_table(a, b):
    assert npt._npt.result_type_table(a, b) == str(np.result_type(a, b))


def test_result_type_is_numpys():
    assert npt.result_type(np.int8, np.uint8) == np.int16
    assert npt.result_type(np.float16, np.int16) == np.float32


@pytest.mark.parametrize("a", REAL_DTYPES)
def test_unary_math_result_dtype(a):
    """Transcendental functions of integers/bools pick NumPy's float type."""
    for op in ("sin", "sqrt", "exp"):
        with np.errstate(all="ignore"):
            expected = getattr(np, op)(np.ones(2, a))
        assert getattr(npt, op)(npt.ones(2, dtype=a)).dtype == expected.dtype


@pytest.mark.parametrize("a", REAL_DTYPES)
def test_true_divide_result_dtype(a):
    assert (npt.ones(2, dtype=a) / npt.ones(2, dtype=a)).dtype == (np.ones(2, a) / np.ones(2, a)).dtype


@pytest.mark.parametrize("a", ["complex64", "complex128"])
def test_complex_arrays_round_trip(a):
    """Complex arrays can be held (not computed on): dtype and values survive."""
    v = np.array([1 + 2j, -3j, 0.5], dtype=a)
    z = npt.asarray(v)
    assert z.dtype == np.dtype(a)
    assert z.shape == (3,)
    np.testing.assert_array_equal(np.asarray(z), v, strict=True)
