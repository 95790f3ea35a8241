"""Errors: npt raises NumPy's exception type, at the call (not when values are computed).

Each npt call below is made inside ``pytest.raises`` *without* materializing anything, so
a lazily deferred error would make the test fail.
"""
import numpy as np
import pytest

import npt
from _helpers import public_exc_type


def _numpy_exc(f):
    with np.errstate(all="ignore"):
        try:
            f()
        except Exception as e:  # noqa: BLE001
            return public_exc_type(e)
    raise AssertionError("NumPy did not raise")


CASES = {
    "axis_out_of_bounds_sum": (lambda m: m.ones((2, 3)).sum(axis=2)),
    "axis_out_of_bounds_neg": (lambda m: m.max(m.ones((2, 3)), axis=-3)),
    "axis_out_of_bounds_tuple": (lambda m: m.mean(m.ones((2, 3)), axis=(0, 2))),
    "axis_duplicate": (lambda m: m.sum(m.ones((2, 3)), axis=(1, 1))),
    "broadcast_mismatch": (lambda m: m.ones(3) + m.ones(4)),
    "broadcast_mismatch_2d": (lambda m: m.ones((2, 3)) * m.ones((3, 2))),
    "broadcast_mismatch_where": (lambda m: m.where(m.ones(3) > 0, m.ones(3), m.ones(2))),
    "broadcast_mismatch_compare": (lambda m: m.ones((4, 3)) < m.ones((4,))),
    "index_out_of_bounds": (lambda m: m.ones(5)[5]),
    "index_out_of_bounds_neg": (lambda m: m.ones((2, 3))[:, -4]),
    "too_many_indices": (lambda m: m.ones((2, 3))[0, 0, 0]),
    "negative_of_bool": (lambda m: -m.ones(3, dtype=bool)),
    "negative_func_of_bool": (lambda m: m.negative(m.ones(3, dtype=bool))),
    "subtract_bools": (lambda m: m.ones(3, dtype=bool) - m.ones(3, dtype=bool)),
    "sign_of_bool": (lambda m: m.sign(m.ones(3, dtype=bool))),
    "int8_plus_1000": (lambda m: m.ones(3, dtype=m.int8) + 1000),
    "1000_plus_int8": (lambda m: 1000 + m.ones(3, dtype=m.int8)),
    "uint8_times_negative_literal": (lambda m: m.ones(3, dtype=m.uint8) * -1),
    "bad_reshape": (lambda m: m.ones(6).reshape(4, 2)),
    "bad_reshape_infer": (lambda m: m.ones(6).reshape(-1, 4)),
    "matmul_mismatch": (lambda m: m.ones((2, 3)) @ m.ones((4, 2))),
    "matmul_1d_mismatch": (lambda m: m.matmul(m.ones(3), m.ones(4))),
    "matmul_batch_mismatch": (lambda m: m.ones((2, 3, 4)) @ m.ones((3, 4, 5))),
    "max_of_empty": (lambda m: m.ones(0).max()),
    "min_of_empty_axis": (lambda m: m.min(m.ones((0, 3)), axis=0)),
    "zeros_negative_dim": (lambda m: m.zeros((2, -1))),
    "bool_of_array": (lambda m: bool(m.ones(2))),
    "len_of_0d": (lambda m: len(m.asarray(1.0))),
    "float_of_array": (lambda m: float(m.ones(3))),
    "transpose_bad_axes": (lambda m: m.ones((2, 3)).transpose(0, 0)),
    "linspace_negative_num": (lambda m: m.linspace(0, 1, -2)),
    "arange_zero_step": (lambda m: m.arange(0, 3, 0)),
    "where_one_of_xy": (lambda m: m.where(m.ones(2) > 0, 1)),
    "unexpected_keyword": (lambda m: m.add(m.ones(2), m.ones(2), foo=1)),
}


@pytest.mark.parametrize("name", list(CASES))
def test_error_matches_numpy_at_call(name):
    f = CASES[name]
    expected = _numpy_exc(lambda: f(np))
    with pytest.raises(expected):
        f(npt)


def test_int_power_negative_literal_raises_value_error():
    """Integer ** negative integer is a ValueError in NumPy (at the latest when computed)."""
    with pytest.raises(ValueError):
        np.ones(3, dtype=np.int32) ** -2
    with pytest.raises(ValueError):
        np.asarray(npt.ones(3, dtype=npt.int32) ** -2)
    with pytest.raises(ValueError):
        np.asarray(npt.power(npt.ones(3, dtype=npt.int64), -1))


def test_int_power_negative_literal_raises_at_call():
    with pytest.raises(ValueError):
        npt.ones(3, dtype=npt.int32) ** -2


def test_axis_error_type_is_numpys():
    with pytest.raises(np.exceptions.AxisError):
        npt.sum(npt.ones((2, 3)), axis=5)
    # AxisError is both a ValueError and an IndexError, as in NumPy
    with pytest.raises(ValueError):
        npt.sum(npt.ones((2, 3)), axis=5)
    with pytest.raises(IndexError):
        npt.sum(npt.ones((2, 3)), axis=5)


def test_errors_raise_eagerly_inside_expressions():
    x = npt.ones(3)
    with pytest.raises(ValueError):
        (x * 2 + 1) + npt.ones(4)
    with pytest.raises(np.exceptions.AxisError):
        (x * 2).sum(axis=1)
    with pytest.raises(IndexError):
        (x + 1)[3]


def test_overflow_error_int8_plus_1000():
    with pytest.raises(OverflowError):
        npt.ones(3, dtype=npt.int8) + 1000


def test_sign_of_bool_type_error():
    with pytest.raises(TypeError):
        npt.sign(npt.ones(3, dtype=bool))


def test_negative_of_bool_type_error():
    with pytest.raises(TypeError):
        -npt.ones(3, dtype=bool)


@pytest.mark.parametrize("dtype", ["complex64", "complex128"])
@pytest.mark.parametrize("reduction", ["max", "min"])
def test_complex_max_min_reductions_not_implemented(reduction, dtype):
    """npt limitation: the lexicographic max/min reductions of complex arrays raise at the call."""
    z = npt.asarray(np.array([1 + 2j, 3 - 1j], dtype=dtype))
    with pytest.raises(NotImplementedError, match="complex"):
        getattr(z, reduction)()


@pytest.mark.parametrize("view", [lambda z: z[::-1], lambda z: z.reshape(2, 1), lambda z: z[0]],
                         ids=["reversed", "reshape", "index"])
def test_complex_views(view):
    v = np.array([1 + 2j, 3 - 1j], dtype=np.complex64)
    z = npt.asarray(v)
    try:
        r = view(z)
    except NotImplementedError:
        return  # an explicit limitation at the call is acceptable
    np.testing.assert_array_equal(np.asarray(r), view(v))


def test_unsupported_dtype_type_error():
    with pytest.raises(TypeError):
        npt.zeros(3, dtype="datetime64[s]")
    with pytest.raises(TypeError):
        npt.asarray(np.array(["a", "b"]))


def test_what_is_not_implemented_says_so():
    with pytest.raises(NotImplementedError):
        npt.dot(npt.ones(2), npt.ones(2), out=npt.ones(()))
    with pytest.raises(NotImplementedError):
        npt.maximum.accumulate(npt.ones(3))


def test_bitwise_on_floats_raises_numpys_error():
    for f in (lambda m: m.ones(3) & m.ones(3), lambda m: ~m.ones(3), lambda m: m.ones(3) << 1):
        with pytest.raises(TypeError) as want:
            f(np)
        with pytest.raises(TypeError) as got:
            f(npt)
        assert str(got.value) == str(want.value)