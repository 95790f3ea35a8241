"""Advanced and boolean indexing, out=/where=, ufunc.at and NumPy's write
functions, against NumPy: values, dtypes, shapes, which arrays changed, and
the exception type and text of every error."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_same, assert_same_exception, numpy_or_exc

X = numpy.arange(24.0).reshape(2, 3, 4)


def run(program, *arrays):
    """program(module, *arrays) on NumPy and on npt: the same results (the
    arrays it was given included) or the same exception, type and text."""
    ref_args = [numpy.array(a) for a in arrays]
    got_args = [npt.asarray(numpy.array(a)) for a in arrays]
    ref, err = numpy_or_exc(program, numpy, *ref_args)
    got, gerr = numpy_or_exc(program, npt, *got_args)
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    ref = ref if isinstance(ref, tuple) else () if ref is None else (ref,)
    got = got if isinstance(got, tuple) else () if got is None else (got,)
    assert len(ref) == len(got)
    for r, g in list(zip(ref, got)) + list(zip(ref_args, got_args)):
        assert_same(g, r)


KEYS = [
    [1, 0], ([0, 1], [2, 0]), (slice(None), [0, 2]), (0, slice(None), [1, 3]), ([0], None, [1]),
    (Ellipsis, [0, -1]), (1, [2, 0], [3, 1]), ([[0], [1]], slice(1, 3), [1, 2]), ([],),
    (slice(None), numpy.array([[0, 1], [2, 2]])), (numpy.array([1, 0], numpy.uint8),),
    X > 5, X[:, :, 0] > 5, (numpy.array([True, False]),), True, False, (Ellipsis, X[0, 0] > 1),
    (slice(None), [True, False, True]), ([1, 0], X[0, :, 0] > 1), (None, [0, 1], 2),
    (slice(None, None, -1), [2, 2, 0]), ([-1, -2],),
]


@pytest.mark.parametrize("key", KEYS, ids=range(len(KEYS)))
def test_advanced_getitem(key):
    run(lambda np, a: a[key], X)


@pytest.mark.parametrize("key", KEYS, ids=range(len(KEYS)))
def test_advanced_setitem(key):
    shape = X[key].shape
    v = numpy.arange(numpy.prod(shape), dtype=float).reshape(shape) * 10 - 7

    def prog(np, a):
        a[key] = v
        return a
    run(prog, X)

    def scalar(np, a):
        a[key] = -1
        return a
    run(scalar, X)


def test_index_arrays_that_are_npt_arrays():
    def prog(np, a):
        i = np.asarray(numpy.array([2, 0, 2]))
        m = a > 4
        b = a[i]
        a[m] = 0.5
        return a, b
    run(prog, numpy.arange(6.0))


def test_zero_d_npt_arrays_as_indices():
    # (a key of 0-d arrays: no comparison of an array with `...` on the way)
    def prog(np, a):
        i, j = np.asarray(numpy.array(1)), np.asarray(numpy.array([3, 2]))[0]
        a[i, ..., j] = -1.0
        return a[i, j], a[(0, j)], a[..., i]
    run(prog, numpy.arange(8.0).reshape(2, 4))


def test_traced_indices_mixed_with_host_indices_under_jit():
    a = numpy.arange(12.0).reshape(3, 4)
    i = numpy.array([[0], [3], [1]])
    f = npt.jit(lambda x, j: npt.take_along_axis(x, j, axis=1))
    assert_same(f(a, i), numpy.take_along_axis(a, i, axis=1))
    g = npt.jit(lambda x, j: x[numpy.array([0, 2]), j])
    assert_same(g(a, numpy.array([1, 3])), a[[0, 2], [1, 3]])


def test_repeated_positions_keep_the_last_value():
    def prog(np, a):
        a[[1, 1, 3, 1]] = [1.0, 2.0, 3.0, 4.0]
        a[[[0, 0]], [2, 2]] = [[5.0, 6.0]]
        return a
    run(prog, numpy.zeros((4, 3)))


def test_writes_through_views_and_advanced_indices():
    def prog(np, a):
        v = a[1:, ::2]
        v[[0, 1], [1, 0]] = -1.0
        t = a.T
        t[a.T > 20] = 99.0
        return a, v, t
    run(prog, numpy.arange(24.0).reshape(4, 6))


def test_setitem_casts_unsafely():
    def prog(np, a):
        a[[0, 2]] = [1.9, -2.7]
        a[a > 3] = 300
        return a
    run(prog, numpy.arange(6, dtype=numpy.uint8))


ERRORS = [
    lambda a: a[numpy.array([True, False, True])],
    lambda a: a[:, [True, False]],
    lambda a: a[[0, 1], [0, 1, 2]],
    lambda a: a[[5]],
    lambda a: a[:, :, [1, -7]],
    lambda a: a[[1.0]],
    lambda a: a[numpy.array([1.0])],
    lambda a: a[[0], [0], [0], [0]],
    lambda a: a[[0, 1], 0.5],
    lambda a: a[numpy.array([[0, 1]]), [0, 1, 2]],
    lambda a: a.__setitem__(a > 3, numpy.ones((2, 2))),
    lambda a: a.__setitem__(a > 3, [1.0, 2.0]),
    lambda a: a.__setitem__(([0, 1], [1, 2]), [1.0, 2.0, 3.0]),
    lambda a: a.__setitem__((numpy.array([True, False]),), numpy.ones(3)),
    lambda a: a.__setitem__([[0, 1], [0, 1]], numpy.ones((3, 4))),
]


@pytest.mark.parametrize("i", range(len(ERRORS)))
def test_indexing_errors_are_numpys(i):
    run(lambda np, a: ERRORS[i](a), X)


# ---- functions -------------------------------------------------------------------

A = numpy.arange(12.0).reshape(3, 4)
FUNCTIONS = {
    "take": lambda np, a: np.take(a, [1, -1]),
    "take axis wrap": lambda np, a: np.take(a, [1, 5, -9], axis=1, mode="wrap"),
    "take clip": lambda np, a: a.take([1, 50, -3], axis=0, mode="clip"),
    "take out of bounds": lambda np, a: np.take(a, [1, 15]),
    "take_along_axis": lambda np, a: np.take_along_axis(a, numpy.array([[0], [2], [1]]), axis=1),
    "take_along_axis 0": lambda np, a: np.take_along_axis(a, numpy.array([[0, 1, 2, 0]]), axis=0),
    "take_along_axis None": lambda np, a: np.take_along_axis(a, numpy.array([3, 0]), axis=None),
    "compress": lambda np, a: np.compress([True, False, True], a, axis=0),
    "compress flat": lambda np, a: np.compress([False, True], a),
    "compress method": lambda np, a: a.compress([True, False, False, True], axis=1),
    "nonzero": lambda np, a: np.nonzero(a > 4),
    "nonzero method": lambda np, a: (a % 3 == 0).nonzero(),
    "nonzero 0-d": lambda np, a: np.nonzero(a[0, 0]),
    "argwhere": lambda np, a: np.argwhere(a > 4),
    "flatnonzero": lambda np, a: np.flatnonzero(a > 4),
    "where": lambda np, a: np.where(a > 8),
    "extract": lambda np, a: np.extract(a > 4, a),
    "take out": lambda np, a: np.take(a, [1, 2], out=np.zeros(2, int)),
    "take out shape": lambda np, a: np.take(a, [1, 2], out=np.zeros(3)),
    "take out list": lambda np, a: np.take(a, [1, 2], out=[1, 2]),
    "compress out": lambda np, a: np.compress([0, 1, 1], a, axis=0, out=np.zeros((2, 4), int)),
    "compress out shape": lambda np, a: np.compress([0, 1, 1], a, out=np.zeros(3)),
}
WRITERS = {
    "put": lambda np, a: np.put(a, [0, 5, -1], [7, 8]),
    "put clip": lambda np, a: np.put(a, [0, 50], [7, 8], mode="clip"),
    "put wrap": lambda np, a: a.put([0, 13], [7, 8], mode="wrap"),
    "put out of bounds": lambda np, a: np.put(a, [0, 50], [7, 8]),
    "place": lambda np, a: np.place(a, a > 5, [1, 2]),
    "place empty": lambda np, a: np.place(a, a > 5, []),
    "putmask": lambda np, a: np.putmask(a, a > 5, [1, 2, 3]),
    "putmask size": lambda np, a: np.putmask(a, [True], [1, 2, 3]),
    "put_along_axis": lambda np, a: np.put_along_axis(a, numpy.array([[0], [2], [1]]), -5.0, axis=1),
    "copyto": lambda np, a: np.copyto(a, [1, 2, 3, 4]),
    "copyto where": lambda np, a: np.copyto(a, 7, where=a > 3),
    "copyto array where": lambda np, a: np.copyto(a, numpy.arange(4), where=a > 3),
    "copyto casting": lambda np, a: np.copyto(a, numpy.arange(4) + 0.5j),
    "copyto unsafe": lambda np, a: np.copyto(a, numpy.arange(4.5, 8.5), casting="unsafe"),
    "copyto unsafe into int": lambda np, a: (lambda t: (np.copyto(t, numpy.arange(4.5, 8.5), casting="unsafe"), t)[1])(
        a.astype("int64")),
    "copyto shape": lambda np, a: np.copyto(a, numpy.ones(3)),
    "fill": lambda np, a: a.fill(3),
    "add.at": lambda np, a: np.add.at(a, ([0, 0, 1], [1, 1, 2]), 1),
    "add.at values": lambda np, a: np.add.at(a, [0, 0], numpy.array([[1.0], [2.0]])),
    "subtract.at": lambda np, a: np.subtract.at(a, (2, [3, 3, 0]), [0.25, 0.5, 1.0]),
    "multiply.at": lambda np, a: np.multiply.at(a, [0, 0, 2], 2),
    "power.at": lambda np, a: np.power.at(a, (1, [1, 1, 2]), [2, 3, 2]),
    "maximum.at": lambda np, a: np.maximum.at(a, (slice(None), [0, 0]), [[5.0, 1.0]]),
    "negative.at": lambda np, a: np.negative.at(a, [0, 0]),
    "multiply.at 0-d indices": lambda np, a: np.multiply.at(a, (numpy.array(1), [2]), 3.0),
    "power.at scalar bool": lambda np, a: np.power.at(a[0], True, 2.0),
    "add.at slice": lambda np, a: np.add.at(a, slice(0, 2), 1),
    "add.at bounds": lambda np, a: np.add.at(a, [0, 5], 1),
    "add.at shape": lambda np, a: np.add.at(a, [0, 0], [1.0, 2.0]),
    "add.at no b": lambda np, a: np.add.at(a, [0, 1]),
    "negative.at b": lambda np, a: np.negative.at(a, [0, 1], 1),
    "add out": lambda np, a: np.add(a, 1, out=a),
    "add out row": lambda np, a: np.add(a, 1, out=a[1]),
    "sin out view": lambda np, a: np.sin(a[0], out=a[2]),
    "add out small": lambda np, a: np.add(a, 1, out=np.zeros(3)),
    "add out cast": lambda np, a: np.add(a, 1.5, out=np.zeros((3, 4), int)),
    "add out unsafe": lambda np, a: np.add(a, 1.5, out=np.zeros((3, 4), int), casting="unsafe"),
    "add out broadcast": lambda np, a: np.add(a[0], 1.0, out=a),
    "add out where": lambda np, a: np.add(a, 100, out=a, where=a > 5),
    "divmod out": lambda np, a: np.divmod(a, 3, out=(np.zeros((3, 4)), a)),
    "out not an array": lambda np, a: np.add(a, 1, out=[1, 2]),
    "out tuple length": lambda np, a: np.add(a, 1, out=(a, a)),
    "sum out": lambda np, a: np.sum(a, axis=0, out=np.zeros(4, int)),
    "sum out shape": lambda np, a: np.sum(a, axis=0, out=np.zeros(2)),
    "sum out ndim": lambda np, a: np.sum(a, axis=0, out=np.zeros((4, 1))),
    "mean out": lambda np, a: np.mean(a, axis=1, out=a[:, 0]),
    "max out": lambda np, a: a.max(axis=1, out=np.zeros(3)),
    "all out": lambda np, a: np.all(a > 2, axis=0, out=np.zeros(4, bool)),
    "add.reduce out": lambda np, a: np.add.reduce(a, 0, out=np.zeros(4, int)),
    "multiply.reduce out tuple": lambda np, a: np.multiply.reduce(a, 1, out=(a[:, 0],)),
    "add.reduce out shape": lambda np, a: np.add.reduce(a, 0, out=np.zeros(3)),
    "maximum.reduce out ndim": lambda np, a: np.maximum.reduce(a, 1, out=np.zeros((3, 1))),
}


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_index_functions(name):
    run(FUNCTIONS[name], A)


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_write_functions(name):
    run(WRITERS[name], A)


@pytest.mark.parametrize("dtype", ["int64", "float32", "uint8"])
def test_ufunc_at_casts_each_step(dtype):
    # NumPy computes each step in the loop's dtype and casts back, so repeats
    # of a float increment into an integer (or float32) array round each time
    def prog(np, a):
        np.add.at(a, [0, 0, 0, 2], 1.5)
        np.multiply.at(a, [1, 1], 0.75)
        return a
    run(prog, numpy.arange(1, 5, dtype=dtype))


def test_ufunc_at_errors():
    with pytest.raises(TypeError, match="first operand must be array"):
        npt.add.at([1, 2], [0], 1)


def test_add_at_is_one_scatter():
    # a histogram: one scatter_add however many repeats, computed in place
    idx = numpy.random.default_rng(0).integers(0, 10, 1000)
    a, e = npt.zeros(10), numpy.zeros(10)
    npt.add.at(a, idx, 1.0)
    numpy.add.at(e, idx, 1.0)
    plan = str(npt.explain(a))
    assert plan.count("(ATen)") == 1 and "scatter_add (ATen)" in plan, plan
    assert_same(a, e)


# ---- views --------------------------------------------------------------------

VIEWS = {
    "squeeze": lambda np, a: np.squeeze(a.reshape(3, 1, 4)),
    "squeeze axis": lambda np, a: np.squeeze(a.reshape(1, 3, 4), axis=0),
    "squeeze bad": lambda np, a: np.squeeze(a, axis=0),
    "expand_dims": lambda np, a: np.expand_dims(a, (0, -1)),
    "expand_dims repeated": lambda np, a: np.expand_dims(a, (1, 1)),
    "swapaxes": lambda np, a: np.swapaxes(a, 0, 1),
    "swapaxes method": lambda np, a: a.swapaxes(-1, 0),
    "broadcast_to": lambda np, a: np.broadcast_to(a[0], (2, 3, 4)),
    "broadcast_to bad": lambda np, a: np.broadcast_to(a, (3, 5)),
    "diagonal": lambda np, a: np.diagonal(a),
    "diagonal offset": lambda np, a: a.diagonal(-1),
    "diagonal axes": lambda np, a: np.diagonal(a.reshape(2, 3, 2), 1, 2, 0),
    "diagonal empty": lambda np, a: np.diagonal(a, 7),
    "diagonal same axes": lambda np, a: np.diagonal(a, 0, 1, 1),
    "diagonal bad axis": lambda np, a: np.diagonal(a, 0, 0, 2),
    "diagonal 1-d": lambda np, a: np.diagonal(a[0]),
    "diagonal read-only": lambda np, a: a.diagonal().__setitem__(0, 1.0),
    "real of real": lambda np, a: (a.real.__setitem__(0, -1.0), a)[1],
    "imag of real": lambda np, a: a.imag,
    "imag of real read-only": lambda np, a: a.imag.__setitem__(0, 1.0),
    "imag of real set": lambda np, a: setattr(a, "imag", 1.0),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_view_functions(name):
    run(VIEWS[name], A)


def test_new_views_see_writes_and_write_through():
    def prog(np, a):
        s = np.squeeze(a.reshape(3, 1, 4))
        e = np.expand_dims(a, 0)
        w = np.swapaxes(a, 0, 1)
        b = np.broadcast_to(a[1], (2, 4))
        s[0, 0] = -1.0
        e[0, 2, [1, 3]] = -2.0
        w[3] = -3.0
        a[1, 1] = -4.0
        return a, s, e, w, b
    run(prog, A)


def test_complex_parts_are_views():
    def prog(np, a):
        z = a * (1 + 2j)
        re, im = z.real, np.imag(z)
        re[0] = -1.0
        im[:, 1] = 7.0
        z.real += 1.0
        z.imag = z.imag * 3.0
        np.real(z)[2, 2] = 0.5
        return z, re, im
    run(prog, A)
    z = npt.asarray(A * 1j)
    assert z.real.base is z and npt.shares_memory(z.real, z) and not npt.shares_memory(z.real, z.imag)
    assert npt.may_share_memory(z.real, z.imag) and not z.real.flags.c_contiguous


def test_diagonal_is_a_read_only_view_that_sees_writes():
    def prog(np, a):
        d = np.diagonal(a, 1)
        a[0, 1] = -5.0
        a[1:, 2:] *= 2.0
        return a, d
    run(prog, A)
    d = npt.asarray(A).diagonal()
    assert not d.flags.writeable and d.base is not None


def test_view_flags():
    x = numpy.arange(12.0).reshape(3, 4)
    a = npt.asarray(x)
    for f in (lambda m, v: m.squeeze(v.reshape(3, 1, 4)), lambda m, v: m.swapaxes(v, 0, 1),
              lambda m, v: m.expand_dims(v, 1), lambda m, v: m.broadcast_to(v[0], (3, 4))):
        r, e = f(npt, a), f(numpy, x)
        for flag in ("c_contiguous", "f_contiguous", "owndata", "writeable"):
            assert getattr(r.flags, flag) == getattr(e.flags, flag), flag
        assert npt.shares_memory(r, a) == numpy.shares_memory(e, x)
    b = npt.broadcast_to(a[0], (3, 4))
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        b[0, 0] = 1.0


# ---- gradients: finite differences and torch's in-place ops with autograd ----

try:
    import torch
except ImportError:  # only the torch comparison needs it
    torch = None


def _grad_program_pairs():
    """(name, npt program, the same program in torch's in-place ops)."""
    def created(np, x):  # a write into an array made inside the function
        y = np.zeros(x.shape[0])
        y[1:] = np.sin(x[:-1])
        return (y * y).sum()

    def created_t(x):
        y = torch.zeros(x.shape[0], dtype=x.dtype)
        y[1:] = torch.sin(x[:-1])
        return (y * y).sum()

    def fancy(np, x):
        y = x * 1.0
        y[[0, 2]] = x[[1, 1]] ** 2
        y[[4, 4, 5]] = x[[0, 3, 3]] * 3.0  # repeated: the last value stays
        return (y * y).sum()

    def fancy_t(x):
        y = x * 1.0
        y[[0, 2]] = x[[1, 1]] ** 2
        y[[4, 5]] = x[[3, 3]] * 3.0
        return (y * y).sum()

    def masked(np, x):
        y = x * 2.0
        y[x > 0.3] = 0.0
        return (y * x).sum() + x[x < 0].sum()

    def masked_t(x):
        y = x * 2.0
        y[x > 0.3] = 0.0
        return (y * x).sum() + x[x < 0].sum()

    def inplace(np, x):
        y = x * 1.0
        y += x ** 2
        y *= 2.0
        y[1:] -= y[:-1]  # NumPy reads y[:-1] before it writes
        np.multiply(y, x, out=y)
        return (y ** 2).sum()

    def inplace_t(x):
        y = x * 1.0
        y += x ** 2
        y *= 2.0
        y[1:] -= y[:-1].clone()
        y.mul_(x)
        return (y ** 2).sum()

    def add_at(np, x):
        y = np.zeros(4)
        np.add.at(y, [0, 0, 3, 1], x[:4] * x[2:6])
        np.subtract.at(y, [3, 3], x[:2])
        return (y ** 2).sum()

    def add_at_t(x):
        y = torch.zeros(4, dtype=x.dtype)
        y.index_add_(0, torch.tensor([0, 0, 3, 1]), x[:4] * x[2:6])
        y.index_add_(0, torch.tensor([3, 3]), -x[:2])
        return (y ** 2).sum()

    def passes(np, x):  # a write of x into a buffer passes its gradient on; overwritten values get none
        y = np.empty(x.shape)
        y[:] = x
        y[0] = 5.0
        np.copyto(y[1:3], x[4:6] ** 2)
        return (y ** 3).sum()

    def passes_t(x):
        y = torch.empty(x.shape, dtype=x.dtype)
        y[:] = x
        y[0] = 5.0
        y[1:3] = x[4:6] ** 2
        return (y ** 3).sum()

    def gathered(np, x):
        m = x.reshape(2, 3)
        return (np.take_along_axis(m, numpy.array([[2, 0], [1, 1]]), axis=1) ** 2).sum() + \
            np.take(x, [5, 5, 0]).prod()

    def gathered_t(x):
        m = x.reshape(2, 3)
        return (torch.take_along_dim(m, torch.tensor([[2, 0], [1, 1]]), dim=1) ** 2).sum() + \
            torch.take(x, torch.tensor([5, 5, 0])).prod()

    def parts(np, x):
        z = x * (1 + 1j)
        z.imag[1:] = x[:-1] ** 2
        z.real *= 2.0
        return (z.real * z.imag).sum() + (np.diagonal(x.reshape(2, 3), 1) ** 3).sum()

    def parts_t(x):
        z = x * (1 + 1j)
        z.imag[1:] = x[:-1] ** 2
        z.real.mul_(2.0)
        return (z.real * z.imag).sum() + (torch.diagonal(x.reshape(2, 3), 1) ** 3).sum()

    return [("parts", parts, parts_t), ("created", created, created_t), ("fancy", fancy, fancy_t), ("masked", masked, masked_t),
            ("inplace", inplace, inplace_t), ("add_at", add_at, add_at_t), ("passes", passes, passes_t),
            ("gathered", gathered, gathered_t)]


PAIRS = _grad_program_pairs()


@pytest.mark.parametrize("name,prog,torch_prog", PAIRS, ids=[p[0] for p in PAIRS])
def test_write_gradients(name, prog, torch_prog):
    x0 = numpy.array([0.4, -0.7, 1.3, 0.2, -1.1, 0.9])
    g = assert_grad_matches_fd(lambda x: prog(npt, x), x0, atol=1e-6)
    if torch is not None:
        xt = torch.tensor(x0, requires_grad=True)
        torch_prog(xt).backward()
        numpy.testing.assert_allclose(g, xt.grad.numpy(), rtol=1e-12, atol=1e-12)
    assert float(prog(npt, npt.asarray(x0))) == pytest.approx(float(prog(numpy, x0.copy())), rel=1e-14)


@pytest.mark.parametrize("key", KEYS, ids=range(len(KEYS)))
def test_advanced_results_are_laid_out_as_numpys(key):
    # NumPy puts the indexed dims outermost in memory: a result whose indexed
    # dims are not first is a transposed view of such a base (reshapes of it copy)
    e, r = X[key], npt.asarray(X)[key]
    if not isinstance(e, numpy.ndarray):
        return
    assert (r.base is None) == (e.base is None)
    if e.base is not None:
        assert r.base.shape == e.base.shape
    for flag in ("c_contiguous", "f_contiguous", "owndata"):
        assert getattr(r.flags, flag) == getattr(e.flags, flag), flag


def test_scalar_reads_are_copies():
    def prog(np, a):
        s = a[1, 2]  # NumPy: a scalar; npt: a 0-d array of its own
        z = a[0][()]
        a[1, 2] = -1.0
        a[0] = -2.0
        return a, np.asarray(s), np.asarray(z)
    run(prog, numpy.arange(12.0).reshape(3, 4))


def test_ufunc_at_refuses_a_read_only_array():
    # (NumPy 2.4's ufunc.at writes into read-only arrays, a diagonal's base
    # included; npt refuses as every other write does)
    d = npt.asarray(A).diagonal()
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        npt.add.at(d, [0], 1.0)


@pytest.mark.parametrize("indices, axis", [([0, 2, 2], 1), (1, 1), ([[0, 1], [2, 2]], -1), (5, None), ([1, 0], 0)],
                         ids=str)
def test_take_is_a_c_ordered_copy_as_numpys(indices, axis):
    x = numpy.arange(24.0).reshape(2, 3, 4)
    a = npt.asarray(x)
    got, want = npt.take(a, indices, axis=axis), numpy.take(x, indices, axis=axis)
    assert_same(got, want)
    assert (got.flags.c_contiguous, got.flags.f_contiguous) == (want.flags.c_contiguous, want.flags.f_contiguous)
    assert npt.shares_memory(got, a) == numpy.shares_memory(want, x)
