"""npt as an Array API (2024.12) namespace: the version, the inspection
object, ndarray.__array_namespace__, .mT, .device/.to_device, DLPack
exchange and tensordot, against NumPy's namespace and NumPy itself. (The
full conformance run is scripts/array_api_tests.sh.)"""
import numpy
import pytest

import npt

from _helpers import assert_same, assert_same_exception, numpy_or_exc


def test_version_and_namespace():
    assert npt.__array_api_version__ == numpy.__array_api_version__ == "2024.12"
    a = npt.asarray([1.0, 2.0])
    assert a.__array_namespace__() is npt
    assert a.__array_namespace__(api_version="2023.12") is npt
    with pytest.raises(ValueError, match="2099.01"):
        a.__array_namespace__(api_version="2099.01")


def test_inspection_matches_numpys_on_the_cpu():
    mine, theirs = npt.__array_namespace_info__(), numpy.__array_namespace_info__()
    assert mine.capabilities() == theirs.capabilities()
    assert mine.default_device() == theirs.default_device() == "cpu"
    assert mine.default_dtypes() == theirs.default_dtypes()
    assert mine.default_dtypes(device="cpu") == theirs.default_dtypes(device="cpu")
    assert "cpu" in mine.devices()
    kinds = [None, "bool", "signed integer", "unsigned integer", "integral", "real floating",
             "complex floating", "numeric", ("bool", "real floating")]
    for kind in kinds:
        assert mine.dtypes(kind=kind) == theirs.dtypes(kind=kind), kind
    with pytest.raises(ValueError):
        mine.dtypes(kind="strings")
    with pytest.raises(ValueError):
        mine.default_dtypes(device="tpu")


def test_mT_and_to_device():
    x = numpy.arange(24.0).reshape(2, 3, 4)
    a = npt.asarray(x)
    assert_same(a.mT, x.mT)
    assert a.mT._v is not None  # a view
    got, want = numpy_or_exc(lambda: npt.asarray([1.0]).mT), numpy_or_exc(lambda: numpy.asarray([1.0]).mT)
    assert_same_exception(got[1], want[1])
    assert a.to_device("cpu") is a and a.device == "cpu"
    with pytest.raises(ValueError):
        a.to_device("cpu", stream=1)


def test_dlpack_both_ways():
    x = numpy.arange(6.0).reshape(2, 3)
    a = npt.asarray(x) * 2
    assert a.__dlpack_device__() == (1, 0)
    numpy.testing.assert_array_equal(numpy.from_dlpack(a), x * 2)  # (NumPy asks for the versioned protocol)
    legacy = a.__dlpack__()  # unversioned: a copy, as it cannot be marked read-only
    assert type(legacy).__name__ == "PyCapsule"
    shared = a.__dlpack__(copy=False)  # (npt's own buffer, writable: asked for)
    assert type(shared).__name__ == "PyCapsule"
    import torch
    t = torch.from_dlpack(shared)
    assert t.data_ptr() == numpy.asarray(a).__array_interface__["data"][0]
    numpy.testing.assert_array_equal(t.numpy(), x * 2)
    b = npt.from_dlpack(x)
    assert_same(b, x)
    assert_same(npt.from_dlpack(torch.arange(4, dtype=torch.int32)), numpy.arange(4, dtype=numpy.int32))


TENSORDOT = [((2, 3, 4), (4, 3), 1), ((2, 3, 4), (4, 3), ([1, 2], [1, 0])), ((2, 3), (3, 2), 0),
             ((3,), (3,), 1), ((2, 3, 4), (3, 4, 5), 2), ((2, 3), (4, 3), ([0], [0])), ((2, 3), (3,), -1),
             ((), (3,), 0), ((2, 0), (0, 3), 1)]


@pytest.mark.parametrize("dtype", ["float64", "float32", "int32", "bool", "complex64"])
@pytest.mark.parametrize("sa, sb, axes", TENSORDOT, ids=str)
def test_tensordot(sa, sb, axes, dtype):
    x = (numpy.arange(int(numpy.prod(sa))) % 5 - 2).reshape(sa).astype(dtype)
    y = (numpy.arange(int(numpy.prod(sb))) % 3 - 1).reshape(sb).astype(dtype)
    want, err = numpy_or_exc(numpy.tensordot, x, y, axes)
    got, gerr = numpy_or_exc(npt.tensordot, npt.asarray(x), npt.asarray(y), axes)
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    assert_same(got, numpy.asarray(want))
