"""Zero-copy exchange with NumPy, torch and any DLPack producer or consumer:
npt.asarray and npt.from_dlpack share the producer's memory, __dlpack__ and
._torch() share npt's (tests check the pointers), writes go both ways as
between NumPy arrays, and ops that read shared memory are computed at their
call, so later writes by the other library never change an earlier result
(NumPy's eager semantics, compared against NumPy itself)."""
import gc

import numpy as np
import pytest
import torch

import npt

from _helpers import assert_same

ptr = npt._npt.data_ptr  # the address of an npt array's (materialized) value


def _np_ptr(x):
    return x.__array_interface__["data"][0]


# ---- NumPy arrays into npt -------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda: np.arange(12.0).reshape(3, 4),
    lambda: np.arange(12, dtype=np.int32),
    lambda: np.ones((2, 3), dtype=np.complex64),
    lambda: np.array([True, False]),
    lambda: np.float16([1, 2, 3]),
    lambda: np.array(3.5),
], ids=["f64", "i32", "c64", "bool", "f16", "0d"])
def test_asarray_of_numpy_shares_its_memory(make):
    x = make()
    a = npt.asarray(x)
    assert ptr(a._h) == _np_ptr(x)
    assert_same(a, x)


def test_fortran_numpy_is_copied():
    # (it would be a transposed view of the shared memory, and npt's views
    # are computed values, which would not follow NumPy's writes)
    x = np.asfortranarray(np.arange(12.0).reshape(3, 4))
    a = npt.asarray(x)
    assert a.flags.f_contiguous
    x[0, 1] = -1.0
    assert_same(a, np.arange(12.0).reshape(3, 4))


def test_what_cannot_be_shared_is_copied():
    x = np.arange(12.0)
    for y, kw in ((x[::2], {}), (x, {"dtype": np.float32}), (x.astype(">f8"), {})):
        a = npt.asarray(y, **kw)
        assert ptr(a._h) != _np_ptr(y)
        assert_same(a, np.asarray(y, **kw).astype(np.asarray(y, **kw).dtype.newbyteorder("=")))
    r = x.copy()
    r.flags.writeable = False  # (npt writes into the memory it shares: a read-only array is copied)
    assert ptr(npt.asarray(r)._h) != _np_ptr(r)
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        npt.asarray(x[::2], copy=False)
    assert ptr(npt.asarray(x, copy=False)._h) == _np_ptr(x)
    for c in (npt.asarray(x, copy=True), npt.array(x)):
        assert ptr(c._h) != _np_ptr(x)


def test_operands_are_copied_not_shared():
    # a NumPy array as an operand is read once: its later writes never matter
    x = np.arange(4.0)
    r = npt.exp(x)
    x[0] = 50.0
    assert_same(r, np.exp(np.arange(4.0)))


def _both(f):
    """f(asarray, x) on a NumPy array x shared with npt and on NumPy alone:
    the two runs (npt's and NumPy's) see the same writes in the same order."""
    x1, x2 = np.arange(6.0), np.arange(6.0)
    got = f(npt.asarray, x1)
    want = f(np.asarray, x2)
    for g, w in zip(got, want):
        assert_same(g, w)
    np.testing.assert_array_equal(x1, x2)


def test_ops_on_shared_memory_are_computed_at_the_call():
    def f(asarray, x):
        a = asarray(x)
        b, c = a * 2, np.sin(a).sum()
        e = a[::2].copy()
        x[0] = 100.0
        x[2] = -3.0
        return b, c, a, e, a[1:4]
    _both(f)


def test_views_of_shared_memory_are_values_of_their_call():
    # the documented difference from NumPy: npt's views are computed values,
    # so one made before another library writes the memory keeps the values
    # of its call (npt's own writes through the base do reach it)
    x = np.arange(6.0)
    a = npt.asarray(x)
    v = a[1:4]
    x[2] = -3.0
    assert_same(v, np.array([1.0, 2.0, 3.0]))
    a[3] = 7.0
    assert_same(v, np.array([1.0, -3.0, 7.0]))
    assert x[3] == 7.0


def test_npt_writes_show_in_numpy():
    def f(asarray, x):
        a = asarray(x)
        a[1] = -5.0
        a[3:5] = 0.5
        a += 1
        v = a[::2]
        v *= 2
        return a, a.sum()
    _both(f)


def test_copies_of_shared_memory_are_private():
    x = np.arange(5.0)
    a = npt.asarray(x)
    copies = [a.copy(), npt.copy(a), a.flatten(), npt.array(a), a.astype(np.float64), +a,
              npt.asarray(a, copy=True), npt.tile(a, 1)]
    x[:] = -1
    for c in copies:
        assert_same(c, np.arange(5.0))
    assert_same(a, x)


def test_npt_never_writes_shared_memory_for_its_own_results():
    x = np.arange(1 << 16, dtype=np.float64)
    keep = x.copy()
    r = npt.exp(npt.asarray(x))  # (the input's only npt holder is the op: no buffer donation)
    s = npt.sqrt(npt.asarray(x) + 1)
    npt.evaluate(r, s)
    np.testing.assert_array_equal(x, keep)
    assert_same(s, np.sqrt(keep + 1))


def test_shared_numpy_memory_outlives_the_numpy_array():
    a = npt.asarray(np.arange(1000.0))  # (the NumPy array is dropped at once)
    gc.collect()
    assert_same(a.sum(), np.arange(1000.0).sum())


def test_jit_and_grad_read_shared_memory_at_each_call():
    x = np.linspace(0, 1, 8)
    a = npt.asarray(x)
    f = npt.jit(lambda v: np.sum(np.sin(v) ** 2))
    assert_same(f(a), np.sum(np.sin(x) ** 2), rtol=1e-12)
    x[:] = np.linspace(1, 2, 8)
    assert_same(f(a), np.sum(np.sin(x) ** 2), rtol=1e-12)
    g = npt.grad(lambda v: np.sum(np.sin(v) ** 2))(a)
    want = 2 * np.sin(x) * np.cos(x)
    x[:] = 0.0  # (after the call: the gradient is of the values at the call)
    assert_same(g, want, rtol=1e-12)


# ---- torch tensors and other producers -------------------------------------

@pytest.mark.parametrize("dt", [torch.float32, torch.float64, torch.int64, torch.uint8, torch.bool,
                                torch.complex128, torch.float16])
def test_asarray_of_torch_shares_its_memory(dt):
    t = (torch.arange(6) % 3).to(dt).reshape(2, 3)
    a = npt.asarray(t)
    assert ptr(a._h) == t.data_ptr()
    assert_same(a, t.numpy())
    assert a.dtype == t.numpy().dtype


def test_writes_go_both_ways_with_torch():
    t = torch.zeros(5, dtype=torch.float64)
    a = npt.asarray(t)
    b = a + 1
    t[0] = 7.0
    a[1] = 3.0
    assert t.tolist() == [7.0, 3.0, 0.0, 0.0, 0.0]
    assert_same(a, t.numpy())
    assert_same(b, np.ones(5))  # (computed at its call, before torch's write)


def test_strided_or_readonly_producers_are_copied():
    t = torch.arange(12.0).reshape(3, 4).T
    a = npt.asarray(t)
    assert_same(a, t.numpy())
    assert ptr(a._h) != t.data_ptr()
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        npt.from_dlpack(t, copy=False)
    r = np.arange(3.0)
    r.flags.writeable = False
    c = npt.from_dlpack(r)  # (NumPy flags the export read-only: npt copies it)
    assert_same(c, r)
    assert ptr(c._h) != _np_ptr(r)


def test_requires_grad_tensors_are_refused_as_numpy_refuses():
    t = torch.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="require"):
        np.asarray(t)
    with pytest.raises(BufferError, match="require"):  # (torch's error from its __dlpack__)
        npt.asarray(t)


def test_from_dlpack():
    t = torch.arange(4.0)
    a = npt.from_dlpack(t)
    assert ptr(a._h) == t.data_ptr()
    c = npt.from_dlpack(t, copy=True)
    assert ptr(c._h) != t.data_ptr()
    t[0] = 9.0
    assert_same(a, t.numpy())
    assert_same(c, np.arange(4.0, dtype=np.float32))
    x = np.arange(3)
    assert ptr(npt.from_dlpack(x)._h) == _np_ptr(x)
    assert_same(npt.from_dlpack(x, device="cpu"), x)
    with pytest.raises(AttributeError, match="__dlpack__"):
        npt.from_dlpack([1, 2])
    with pytest.raises(AttributeError, match="__dlpack__"):
        np.from_dlpack([1, 2])


def test_producer_memory_outlives_the_producer():
    t = torch.arange(100.0)
    a = npt.asarray(t)
    del t
    gc.collect()
    assert_same(a, np.arange(100.0, dtype=np.float32))


# ---- npt arrays out: __dlpack__ and _torch() ---------------------------------

def test_torch_shares_npt_memory():
    z = npt.arange(5.0) * 1  # (a computed value)
    tz = z._torch()
    assert isinstance(tz, torch.Tensor) and tz.data_ptr() == ptr(z._h)
    tz[1] = 42.0
    assert_same(z, np.array([0, 42, 2, 3, 4.0]))
    z[2] = -1.0
    assert tz.tolist() == [0, 42, -1, 3, 4]
    assert torch.from_dlpack(z).data_ptr() == tz.data_ptr()  # (a second export: the same memory)


def test_export_keeps_other_npt_values_apart():
    # NumPy's semantics: results recorded before the export are values of
    # that time; arrays that shared the buffer inside npt keep their values
    z = npt.arange(4.0)
    w = z + 1          # lazy, recorded before the export
    twin = z.copy()    # npt's copy shares z's buffer inside npt
    tz = torch.from_dlpack(z)
    tz[0] = 10.0
    assert_same(w, np.arange(4.0) + 1)
    assert_same(twin, np.arange(4.0))
    assert_same(z, np.array([10.0, 1, 2, 3]))


def test_numpy_consumers():
    z = npt.linspace(0, 1, 5)
    n = np.from_dlpack(z)
    assert _np_ptr(n) == ptr(z._h)
    assert_same(z, n)
    n2 = np.from_dlpack(z, copy=True)
    assert _np_ptr(n2) != ptr(z._h)
    n[0] = 5.0  # (NumPy got a writable array of npt's memory)
    assert float(z[0]) == 5.0


def test_views_export_copies():
    z = npt.arange(6.0)
    v = z[1:4]
    t = torch.from_dlpack(v)
    assert t.tolist() == [1.0, 2.0, 3.0]
    t[0] = 100.0
    assert_same(z, np.arange(6.0))
    with pytest.raises(BufferError, match="view"):
        v.__dlpack__(copy=False)


def test_dlpack_protocol_arguments():
    z = npt.arange(3.0)
    assert z.__dlpack_device__() == (1, 0)
    cap = z.__dlpack__()
    assert "dltensor" in repr(cap) and "versioned" not in repr(cap)
    assert "dltensor_versioned" in repr(z.__dlpack__(max_version=(1, 0)))
    with pytest.raises(RuntimeError, match="stream=None"):
        z.__dlpack__(stream=1)
    with pytest.raises(BufferError, match="device"):
        z.__dlpack__(dl_device=(2, 0))
    np.testing.assert_array_equal(np.from_dlpack(z, device="cpu"), np.arange(3.0))  # (dl_device=(1, 0))
    r = npt.arange(3.0)
    r.flags.writeable = False
    n = np.from_dlpack(r)  # (versioned: flagged read-only, so NumPy's array is read-only)
    assert not n.flags.writeable
    with pytest.raises(BufferError, match="readonly"):
        r.__dlpack__()  # (the unversioned protocol cannot say read-only)


def test_capsules_no_consumer_takes_are_freed():
    z = npt.arange(1 << 20, dtype=np.float64)
    for _ in range(50):
        z.__dlpack__(copy=True)
        z.__dlpack__(max_version=(1, 0), copy=True)
    gc.collect()
    assert_same(z[-1], np.float64((1 << 20) - 1))


def test_array_protocol_copy_keyword():
    z = npt.arange(4.0) * 2
    n = np.asarray(z, copy=False)
    assert _np_ptr(n) == ptr(z._h)
    assert _np_ptr(np.array(z, copy=True)) != ptr(z._h)
    with pytest.raises(ValueError, match="Unable to avoid copy"):
        np.asarray(z, dtype=np.float32, copy=False)
    assert np.asarray(z, dtype=np.float32).dtype == np.float32


def test_values_npt_makes_never_alias_shared_memory():
    # a jitted function that returns its argument (or a reshape of it) gives
    # npt values of the call's time, not windows on the caller's memory
    x = np.arange(6.0)
    a = npt.asarray(x)
    f = npt.jit(lambda v: (v, v.reshape(2, 3), v * 1))
    r = f(a)
    s = (a.reshape(3, 2).copy(), npt.sort(a), npt.transpose(a.reshape(2, 3)).copy())
    x[:] = -1.0
    a[0] = 5.0
    assert_same(r[0], np.arange(6.0))
    assert_same(r[1], np.arange(6.0).reshape(2, 3))
    assert_same(r[2], np.arange(6.0))
    assert_same(s[0], np.arange(6.0).reshape(3, 2))
    assert_same(s[1], np.arange(6.0))
    assert_same(s[2], np.arange(6.0).reshape(2, 3).T)
    assert x.tolist() == [5.0, -1, -1, -1, -1, -1]


def test_a_jitted_function_writes_into_shared_memory():
    x = np.arange(4.0)

    @npt.jit
    def step(v):
        v[1:] += v[:-1]
        return v.sum()

    total = step(npt.asarray(x))  # (writes into x, as NumPy code would)
    assert x.tolist() == [0.0, 1.0, 3.0, 5.0]
    assert_same(total, np.float64(9.0))


def test_order_f_of_a_producer_is_a_copy_in_that_order():
    t = torch.arange(6.0).reshape(2, 3)
    a = npt.asarray(t, order="F")
    assert a.flags.f_contiguous and not a.flags.c_contiguous
    assert_same(a, np.asarray(t.numpy(), order="F"))
