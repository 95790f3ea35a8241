"""Writes as NumPy: item assignment, in-place operators, views that see writes.

Every case runs the same program on NumPy and on npt and compares values,
dtypes, shapes and which arrays changed."""
import numpy
import pytest

import npt

from _helpers import assert_same


def both(program, *arrays):
    """Run program(np_module, *arrays) on NumPy and npt; compare every array
    it returns (the arrays it was given included, to see which changed)."""
    ref = program(numpy, *[numpy.array(a) for a in arrays])
    got = program(npt, *[npt.asarray(numpy.array(a)) for a in arrays])
    ref, got = (ref, got) if isinstance(ref, tuple) else ((ref,), (got,))
    assert len(ref) == len(got)
    for r, g in zip(ref, got):
        assert_same(g, r)


A = numpy.arange(24.0).reshape(4, 6)
I = numpy.arange(10)


@pytest.mark.parametrize("key", [
    1, -1, (1, 2), slice(1, 3), slice(None, None, 2), slice(None, None, -1), slice(5, 0, -2),
    (slice(None), 3), (Ellipsis, 1), (None, 1), (1, None, slice(2, 5)), (slice(1, 3), slice(0, 6, 4)),
    Ellipsis, slice(0, 0), (slice(3, 1), 2),
])
@pytest.mark.parametrize("value", [7, -2.5, "row"])
def test_setitem_basic(key, value):
    def prog(np, a):
        region = a[key]
        v = value if value != "row" else (np.arange(region.shape[-1]) * 10.0 if region.ndim else 5.0)
        a[key] = v
        return a
    both(prog, A)


def test_setitem_casts_unsafely_and_broadcasts():
    def prog(np, a, i):
        i[2:5] = 3.9          # float into int: truncates
        a[1] = np.arange(6)   # int into float
        a[:, 0:1] = [[1], [2], [3], [4]]
        a[2:3] = np.ones((1, 1, 6))  # leading 1s are dropped
        return a, i
    both(prog, A, I)


def test_views_see_writes_both_ways():
    def prog(np, a):
        b = a[1:3]
        c = a.T
        d = a.reshape(6, 4)
        r = a.ravel()
        b[0] = 7               # through a view: the base and the other views see it
        c[5, 3] = -1           # a transposed view
        d[0, :2] = 3           # a reshaped view
        r[-2] = 100
        a[3, 0] = 55           # through the base: the views see it
        return a, b, c, d, r
    both(prog, A)


def test_view_of_a_view_and_steps():
    def prog(np, a):
        b = a[::2, ::-1]
        c = b[1:, 1::2]
        c[...] = 0
        b[0] += 1
        return a, b, c
    both(prog, A)


def test_copies_are_independent():
    def prog(np, a):
        b = a.copy()
        c = a.astype(a.dtype)
        d = np.array(a)
        e = a[1:3].flatten()
        f = a.T.reshape(-1)    # a copy: the transpose is not contiguous
        b[0] = 1; c[0] = 2; d[0] = 3; e[0] = 4; f[0] = 5
        return a, b, c, d, e, f
    both(prog, A)


def test_base_attribute():
    a = npt.arange(6.0)
    assert a.base is None
    b = a[1:][2:]
    assert b.base is a
    assert a.copy().base is None
    assert a.reshape(2, 3).T.base is a


OPS = ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=", "^=", "<<=", ">>="]


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("dtype", ["int32", "float64", "uint8", "bool"])
def test_inplace_operators(op, dtype):
    def prog(np, a):
        b = a[1:4]
        src = f"a {op} 2\nb {op} 1"
        exec(src, {}, {"a": a, "b": b})
        return a, b
    base = numpy.arange(1, 9)
    base = base.astype(dtype)
    try:
        ref = prog(numpy, base.copy())
    except Exception as e:  # noqa: BLE001
        with pytest.raises(type(e)) as got:
            prog(npt, npt.asarray(base.copy()))
        assert str(got.value) == str(e)
        return
    got = prog(npt, npt.asarray(base.copy()))
    for r, g in zip(ref, got):
        assert_same(g, r)


def test_inplace_is_seen_by_views_and_keeps_identity():
    a = npt.arange(6.0)
    v = a[::2]
    before = a
    a += 1
    assert a is before
    assert_same(v, numpy.arange(6.0)[::2] + 1)


def test_inplace_casting_error_is_numpys():
    a = npt.arange(3)
    with pytest.raises(numpy._core._exceptions._UFuncOutputCastingError) as e:
        a += 1.5
    assert str(e.value) == ("Cannot cast ufunc 'add' output from dtype('float64') to "
                            "dtype('int64') with casting rule 'same_kind'")
    assert_same(a, numpy.arange(3))  # unchanged


def test_inplace_output_shape_error():
    a = npt.zeros(3)
    with pytest.raises(ValueError, match=r"non-broadcastable output operand with shape \(3,\) "
                                         r"doesn't match the broadcast shape \(2,3\)"):
        a += npt.ones((2, 3))


def test_setitem_errors():
    a = npt.zeros((2, 3))
    with pytest.raises(ValueError, match=r"could not broadcast input array from shape \(4,\) "
                                         r"into shape \(3,\)"):
        a[0] = npt.ones(4)
    with pytest.raises(IndexError, match="index 5 is out of bounds for axis 1 with size 3"):
        a[0, 5] = 1
    with pytest.raises(IndexError, match="too many indices"):
        a[0, 0, 0] = 1
    with pytest.raises(OverflowError):
        npt.zeros(2, dtype="uint8")[0] = 300
    assert_same(a, numpy.zeros((2, 3)))


def test_stencil_loop_matches_numpy():
    def prog(np, a):
        for _ in range(20):
            a[1:-1] = 0.5 * (a[:-2] + a[2:])
        return a
    both(prog, numpy.sin(numpy.arange(50.0)))


def test_row_assignment_loop():
    def prog(np, a):
        out = np.zeros((5, 4))
        for i in range(5):
            out[i] = a[i] * i
        return out
    both(prog, numpy.arange(20.0).reshape(5, 4))


def test_function_updating_its_argument():
    def update(np, x1, a, y1):
        x1 += a @ y1
    x = numpy.ones(3)
    a = numpy.arange(9.0).reshape(3, 3)
    y = numpy.arange(3.0)
    xn, xt = x.copy(), npt.asarray(x)
    update(numpy, xn, a, y)
    update(npt, xt, npt.asarray(a), npt.asarray(y))
    assert_same(xt, xn)


def test_grad_through_writes():
    x0 = numpy.linspace(0.1, 1.0, 6)

    def f(np, x):
        y = np.zeros(6)
        y[1:] = np.sin(x[:-1])
        y[0] = x[5] ** 2          # a write of x passes its gradient on
        y[2] = 3.0                # overwritten values get none
        y *= x
        return (y ** 2).sum()

    g = npt.grad(lambda x: f(npt, x))(npt.asarray(x0))
    eps, fd = 1e-6, numpy.zeros(6)
    for i in range(6):
        e = numpy.zeros(6)
        e[i] = eps
        fd[i] = (f(numpy, x0 + e) - f(numpy, x0 - e)) / (2 * eps)
    numpy.testing.assert_allclose(numpy.asarray(g), fd, rtol=1e-6, atol=1e-8)


def test_jit_writes_into_its_argument():
    @npt.jit
    def step(x, a):
        x[1:] += a[:-1]
        x[0] = 0
        return x.sum()

    x = npt.arange(5.0)
    view = x[2:]
    xn = numpy.arange(5.0)
    for _ in range(3):  # traced once, then the cached plan (fast path) writes back too
        s = step(x, npt.ones(5))
        xn[1:] += 1
        xn[0] = 0
        assert float(s) == xn.sum()
        assert_same(x, xn)
        assert_same(view, xn[2:])
    assert step.traces == 1
    xs = numpy.arange(5.0)  # a NumPy argument is updated in place too
    step(xs, numpy.ones(5))
    numpy.testing.assert_array_equal(xs, [0, 2, 3, 4, 5])


def test_flags_and_shared_memory():
    an = numpy.arange(24.0).reshape(4, 6)
    a = npt.asarray(an)
    for expr in ["a", "a[1:3]", "a[:, 1:3]", "a.T", "a[::2]", "a[1]", "a[:, 0]", "a.T[1:2]",
                 "a.reshape(6, 4)", "a[None, 1:2, ::-1]"]:
        got, ref = eval(expr, {"a": a}), eval(expr, {"a": an})
        for flag in ("c_contiguous", "f_contiguous", "writeable"):
            assert getattr(got.flags, flag) == getattr(ref.flags, flag), (expr, flag)
        assert got.flags.owndata == (expr == "a")
        for other in ["a[0]", "a[2:]", "a[:, 5]", "a.T[3]"]:
            o_got, o_ref = eval(other, {"a": a}), eval(other, {"a": an})
            assert npt.shares_memory(got, o_got) == numpy.shares_memory(ref, o_ref), (expr, other)
            assert npt.may_share_memory(got, o_got) == numpy.may_share_memory(ref, o_ref), (expr, other)
    assert not npt.shares_memory(a, a.copy())


def test_read_only():
    a = npt.arange(4.0)
    a.flags.writeable = False
    v = a[1:]
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        a[0] = 1
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        v += 1
    with pytest.raises(ValueError, match="cannot set WRITEABLE flag to True of this array"):
        v.flags.writeable = True
    assert_same(a, numpy.arange(4.0))


def test_views_made_in_a_read_loop_stay_bounded():
    a = npt.arange(10.0)
    total = 0.0
    for i in range(5000):
        total += float(a[i % 10, ...])  # a 0-d view (a[i] is a copy, as NumPy's scalar)
    assert total == 5000 * 4.5
    assert len(a._views) < 200


def test_asarray_copy_true_is_a_new_base():
    a = npt.arange(3.0)
    b = npt.asarray(a, copy=True)
    b[0] = 9
    assert_same(a, numpy.arange(3.0))
    assert npt.asarray(a) is a


def _writes():
    info = npt.cache_info()
    return info["writes_in_place"], info["writes_copied"]


def test_a_write_loop_runs_in_place():
    # One plan of 50 updates: the first copies the user's buffer (it is still
    # the leaf others may hold), each later one writes into the version before,
    # which nothing else reads.
    x = numpy.linspace(0.0, 1.0, 257)
    a, e = npt.array(x), x.copy()  # (a private copy: npt.asarray would share x, written in place)
    for _ in range(50):
        a[1:-1] = 0.5 * (a[:-2] + a[2:])
        e[1:-1] = 0.5 * (e[:-2] + e[2:])
    before = _writes()
    assert_same(a, e)
    in_place, copied = (n - b for n, b in zip(_writes(), before))
    assert (in_place, copied) == (49, 1)
    assert_same(npt.asarray(x), x)  # the original buffer is untouched


def test_an_old_version_still_read_is_not_overwritten():
    # b reads the version before the write, lazily; the plan computes b and
    # the new a together, so that version cannot be given to the update.
    x = numpy.arange(6.0)
    a = npt.asarray(x.copy()) + 0.0  # a computed (not yet materialized) base
    b = a * 2.0
    c = a[1:3]
    a[1:3] = -1.0
    d = a + 0.0
    e = x.copy()
    assert_same(b, e * 2.0)
    e[1:3] = -1.0
    assert_same(d, e)
    assert_same(a, e)
    assert_same(c, e[1:3])


def test_interleaved_reads_of_each_version():
    x = numpy.arange(8.0)
    a, e = npt.asarray(x.copy()) * 1.0, x.copy()
    olds, expect = [], []
    for i in range(4):
        olds.append(a.sum())  # reads version i, computed in the same plan as the last
        expect.append(e.sum())
        a[i] = 10.0 * i
        e[i] = 10.0 * i
    assert_same(a, e)
    for o, want in zip(olds, expect):
        assert float(o) == want


def test_differentiated_functions_write_into_their_arguments():
    # as NumPy code would: the caller's array (npt or NumPy) sees the writes,
    # and the gradient is that of the function of the values passed in
    def f(x):
        x[1:] = x[1:] * 2.0
        x += 1.0
        return (x ** 2).sum()
    want_x = numpy.arange(4.0)
    want_g = 2 * (numpy.array([1.0, 2.0, 2.0, 2.0]) * want_x + 1) * numpy.array([1.0, 2.0, 2.0, 2.0])
    f(want_x)
    for a in (npt.asarray(numpy.arange(4.0)), numpy.arange(4.0)):
        g = npt.grad(f)(a)
        assert_same(g, want_g)
        assert_same(npt.asarray(a), want_x)
    a = npt.asarray(numpy.arange(4.0))
    out, fn = npt.vjp(f, a)
    assert_same(a, want_x)  # reading the written argument first
    assert float(out) == float((want_x ** 2).sum())
    assert_same(fn(1.0)[0], want_g)


def test_vjp_after_reading_the_output():
    # (reading out materializes it; the backward plan was made before)
    x = numpy.linspace(-1.0, 1.0, 5)
    out, fn = npt.vjp(lambda t: npt.sin(t) * t, npt.asarray(x))
    assert_same(out, numpy.sin(x) * x)
    assert_same(fn(npt.ones(5))[0], numpy.cos(x) * x + numpy.sin(x))
    assert_same(fn(2.0 * npt.ones(5))[0], 2 * (numpy.cos(x) * x + numpy.sin(x)))
