"""NumPy's dtype functions (result_type, can_cast, promote_types, isdtype,
issubdtype, min_scalar_type, common_type, astype, finfo, iinfo) given npt
arrays answer as NumPy's given NumPy arrays, from one table over dtypes
and shapes (0-d and empty included): NEP 50's weak Python scalars, 0-d
arrays that are not weak, value-based answers only where NumPy reads
values, NumPy's exceptions for bad input. The scalar types and dtype
objects are NumPy's own."""
import numpy
import pytest

import npt

from _helpers import ALL_DTYPES, assert_same, assert_same_exception, numpy_or_exc

SHAPES = [(), (0,), (4,), (2, 3)]

CASES = {
    "result_type": lambda np, a: np.result_type(a),
    "result_type int": lambda np, a: np.result_type(a, 1),
    "result_type big int": lambda np, a: np.result_type(a, 300),
    "result_type float": lambda np, a: np.result_type(a, 1.0),
    "result_type complex": lambda np, a: np.result_type(a, 1j),
    "result_type bool": lambda np, a: np.result_type(a, True),
    "result_type dtype": lambda np, a: np.result_type(a, np.int8),
    "result_type uint16": lambda np, a: np.result_type("uint16", a),
    "result_type scalar": lambda np, a: np.result_type(a, np.float32(1)),
    "result_type 0-d": lambda np, a: np.result_type(a, np.asarray(1.0)),
    "result_type two arrays": lambda np, a: np.result_type(a, np.asarray([1, 2], "int16")),
    "result_type none": lambda np, a: np.result_type(),
    "can_cast int16": lambda np, a: np.can_cast(a, "int16"),
    "can_cast float32 same_kind": lambda np, a: np.can_cast(a, np.float32, "same_kind"),
    "can_cast no": lambda np, a: np.can_cast(a, a.dtype, "no"),
    "can_cast to uint8 unsafe": lambda np, a: np.can_cast(a, "uint8", casting="unsafe"),
    "can_cast from dtype": lambda np, a: np.can_cast(a.dtype, "complex64"),
    "can_cast to array": lambda np, a: np.can_cast("int8", a),
    "can_cast python": lambda np, a: np.can_cast(1.0, a.dtype),
    "can_cast bad rule": lambda np, a: np.can_cast(a, "int8", "bogus"),
    "promote_types": lambda np, a: np.promote_types(a.dtype, "uint8"),
    "promote_types str": lambda np, a: np.promote_types("float16", a.dtype.str),
    "promote_types array": lambda np, a: np.promote_types(a, "int8"),
    "issubdtype integer": lambda np, a: np.issubdtype(a.dtype, np.integer),
    "issubdtype floating": lambda np, a: np.issubdtype(a.dtype, np.floating),
    "issubdtype inexact type": lambda np, a: np.issubdtype(a.dtype.type, np.inexact),
    "issubdtype array": lambda np, a: np.issubdtype(a, np.floating),
    "isdtype numeric": lambda np, a: np.isdtype(a.dtype, "numeric"),
    "isdtype kinds": lambda np, a: np.isdtype(a.dtype, ("real floating", "complex floating")),
    "isdtype signed": lambda np, a: np.isdtype(a.dtype, "signed integer"),
    "isdtype type": lambda np, a: np.isdtype(a.dtype.type, np.float64),
    "isdtype bad kind": lambda np, a: np.isdtype(a.dtype, "bogus"),
    "isdtype array": lambda np, a: np.isdtype(a, "bool"),
    "min_scalar_type": lambda np, a: np.min_scalar_type(a),
    "min_scalar_type scaled": lambda np, a: np.min_scalar_type(a * 100 if a.dtype.kind != "b" else a),
    "min_scalar_type dtype": lambda np, a: np.min_scalar_type(a.dtype),
    "common_type": lambda np, a: np.common_type(a),
    "common_type pair": lambda np, a: np.common_type(a, np.asarray([1], "float32")),
    "common_type none": lambda np, a: np.common_type(),
    "finfo": lambda np, a: np.finfo(a.dtype).eps,
    "iinfo": lambda np, a: np.iinfo(a.dtype).max,
    "astype": lambda np, a: np.astype(a, "float32"),
    "astype int8": lambda np, a: np.astype(a, np.int8),
    "astype same": lambda np, a: np.astype(a, a.dtype),
    "astype complex": lambda np, a: np.astype(a, "complex128", copy=False),
    "astype list": lambda np, a: np.astype(a.tolist(), "int8"),
}


def _values(shape, dtype):
    x = (numpy.arange(int(numpy.prod(shape))) * 3 - 4).reshape(shape) + 1
    if numpy.dtype(dtype).kind == "c":
        return numpy.asarray((x + 0.5j * x).astype(dtype))
    if numpy.dtype(dtype).kind == "u":
        x = numpy.abs(x)
    return numpy.asarray(x.astype(dtype))


def _compare(got, want):
    if isinstance(want, numpy.ndarray):
        assert_same(got, want)
    else:
        assert type(got) is type(want) and got == want, f"npt: {got!r}, NumPy: {want!r}"


@pytest.mark.parametrize("dtype", ALL_DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_dtype_functions(name, shape, dtype):
    f = CASES[name]
    x = _values(shape, dtype)
    want, err = numpy_or_exc(f, numpy, x)
    got, gerr = numpy_or_exc(f, npt, npt.asarray(x))
    if err is not None or gerr is not None:
        if isinstance(err, TypeError) and "but it is a <class 'numpy.ndarray'>" in str(err):
            err = TypeError(str(err).replace("numpy.ndarray", "npt._array.ndarray"))  # (names the class)
        assert_same_exception(gerr, err)
        return
    _compare(got, want)


def test_weak_scalars_and_0d_arrays():
    # NEP 50: a Python scalar is weak, a 0-d array (npt's or NumPy's) is not
    i8 = npt.asarray([1, 2], "int8")
    assert npt.result_type(i8, 1000) == numpy.int8
    assert npt.result_type(i8, npt.asarray(1000)) == numpy.int64
    assert npt.result_type(npt.asarray(1.0, "float32"), 2.0) == numpy.float32
    assert npt.result_type(npt.asarray(1.0, "float32"), npt.asarray(2.0)) == numpy.float64
    assert npt.result_type(npt.asarray(1, "uint8"), numpy.float16) == numpy.float16
    assert not npt.can_cast(npt.asarray(1, "int64"), "int8")  # (no value-based casting)


@pytest.mark.parametrize("value", [0, 1, 255, 256, -1, -129, 2**40, 2**64 - 1, 0.5, 1e5, 1e40, 1 + 2j,
                                   numpy.float32(3.0), True])
def test_min_scalar_type_reads_the_value_of_0d_arrays(value):
    x = numpy.asarray(value)
    assert npt.min_scalar_type(npt.asarray(x)) == numpy.min_scalar_type(x)
    assert npt.min_scalar_type(value) == numpy.min_scalar_type(value)
    assert npt.min_scalar_type(npt.asarray(x.reshape(1))) == numpy.min_scalar_type(x.reshape(1))


def test_astype_copies_and_layout():
    x = numpy.arange(6.0).reshape(2, 3)
    a = npt.asarray(x)
    assert npt.astype(a, "float64", copy=False) is a
    c = npt.astype(a, "float64")
    assert c is not a and not npt.shares_memory(c, a)
    t = npt.astype(a.T, "float32")  # keeps a.T's memory order, as NumPy's
    e = numpy.astype(x.T, "float32")
    assert_same(t, e)
    assert (t.flags.c_contiguous, t.flags.f_contiguous) == (e.flags.c_contiguous, e.flags.f_contiguous)
    assert_same(npt.astype(x, "int8"), x.astype("int8"))  # NumPy arrays become npt arrays
    assert_same(npt.astype(numpy.float32(2.5), "int16"), numpy.asarray(2, "int16"))
    with pytest.raises(AttributeError):  # as NumPy: a Python scalar has no astype
        npt.astype(1.5, "int8")
    with pytest.warns(numpy.exceptions.ComplexWarning):
        npt.astype(npt.asarray([1j]), "float64")


def test_astype_device():
    a = npt.asarray([1.5, 2.5])
    r = npt.astype(a, "int32", device="cpu")
    assert r.device == "cpu"
    assert_same(r, numpy.asarray([1, 2], "int32"))
    # NumPy's ValueError for a device it has not; npt's text names the devices it has
    with pytest.raises(ValueError):
        numpy.astype(numpy.ones(2), "int8", device="tpu")
    with pytest.raises(ValueError, match="unknown device 'tpu'; expected 'cpu', 'cuda' or 'cuda:N'"):
        npt.astype(a, "int8", device="tpu")


def test_traced_arrays_are_read_by_dtype():
    # under jit the arrays have no values: the dtype functions need none
    # (min_scalar_type reads a value only of a 0-d array)
    seen = {}

    def f(t):
        seen["r"] = (npt.result_type(t, 1.0), npt.can_cast(t, "float32"), npt.min_scalar_type(t),
                     npt.common_type(t), npt.issubdtype(t.dtype, npt.floating))
        return t * 2

    npt.jit(f)(npt.asarray([1.0, 2.0], "float32"))
    assert seen["r"] == (numpy.float32, True, numpy.float32, numpy.float32, True)


def _numpy_type_names():
    return sorted(n for n in dir(numpy) if not n.startswith("_") and isinstance(getattr(numpy, n), type)
                  and issubclass(getattr(numpy, n), numpy.generic))


@pytest.mark.parametrize("name", _numpy_type_names() + ["dtype", "finfo", "iinfo"])
def test_types_are_numpys(name):
    assert getattr(npt, name) is getattr(numpy, name)
    assert name in npt.__all__


def test_scalar_types_make_numpy_scalars():
    s = npt.float32(1.5)
    assert type(s) is numpy.float32 and s == 1.5
    assert isinstance(npt.int8(3), npt.signedinteger) and isinstance(npt.uint8(3), npt.unsignedinteger)
    assert issubclass(npt.float16, npt.floating) and issubclass(npt.csingle, npt.complexfloating)
    assert npt.intp is numpy.int64 or npt.intp is numpy.int32
    assert npt.dtype("float32") == npt.float32
    a = npt.asarray([1, 2], dtype=npt.single)
    assert a.dtype == numpy.float32
    assert npt.asarray([1.0]).dtype.type is npt.double
    for unsupported in (npt.longdouble, npt.str_, npt.object_):
        with pytest.raises(TypeError, match="npt does not support dtype"):
            npt.zeros(2, unsupported)


def test_finfo_iinfo_of_npt_dtypes():
    for d in ("float16", "float32", "float64", "complex64"):
        assert npt.finfo(npt.asarray([1], d).dtype) is numpy.finfo(numpy.dtype(d))
    assert npt.iinfo(npt.asarray([1], "int16").dtype).min == -32768
