"""npt.fft against numpy.fft (NumPy 2.4), from one table over dtypes and
shapes (0-d and empty included): values, dtypes, shapes, out= and errors
(NumPy's type and text); NumPy's signatures and deprecation warnings; the
gradients of the transforms against finite differences, for every norm.

Tolerances: NumPy's pocketfft and ATen's FFT (pocketfft or MKL) round
differently, so floats are compared with a relative tolerance of 1e-5
(complex64/float32), 1e-12 (complex128/float64) or 2e-3 (float16), times
log2 of the larger of the input's and the result's sizes, and an absolute
tolerance of that times the largest magnitude of NumPy's result (an FFT's
rounding error scales with the signal's size, not with each bin's).
"""
import inspect
import math
import warnings

import numpy
import pytest

import npt

from _helpers import assert_same, assert_same_exception, numpy_or_exc, values

DTYPES = ["bool", "int32", "float16", "float32", "float64", "complex64", "complex128"]
SHAPES = [(), (0,), (1,), (8,), (3, 5), (2, 0, 3), (2, 3, 4)]
NORMS = [None, "backward", "ortho", "forward"]

CASES = {
    # 1-D complex transforms
    "fft": lambda np, a: np.fft.fft(a),
    "fft n<": lambda np, a: np.fft.fft(a, 3),
    "fft n>": lambda np, a: np.fft.fft(a, n=11),
    "fft axis 0 ortho": lambda np, a: np.fft.fft(a, axis=0, norm="ortho"),
    "fft forward": lambda np, a: np.fft.fft(a, 6, axis=-1, norm="forward"),
    "ifft": lambda np, a: np.fft.ifft(a),
    "ifft n axis": lambda np, a: np.fft.ifft(a, 5, axis=0),
    "ifft ortho": lambda np, a: np.fft.ifft(a, norm="ortho"),
    "ifft forward": lambda np, a: np.fft.ifft(a, n=9, norm="forward"),
    # real transforms
    "rfft": lambda np, a: np.fft.rfft(a),
    "rfft n odd": lambda np, a: np.fft.rfft(a, 7, norm="ortho"),
    "rfft n< axis 0": lambda np, a: np.fft.rfft(a, 2, axis=0, norm="forward"),
    "irfft": lambda np, a: np.fft.irfft(a),
    "irfft n odd": lambda np, a: np.fft.irfft(a, 7),
    "irfft n even >": lambda np, a: np.fft.irfft(a, 16, norm="ortho"),
    "irfft n< axis 0": lambda np, a: np.fft.irfft(a, 3, axis=0, norm="forward"),
    "irfft n=1": lambda np, a: np.fft.irfft(a, 1),
    "hfft": lambda np, a: np.fft.hfft(a),
    "hfft n odd ortho": lambda np, a: np.fft.hfft(a, 5, norm="ortho"),
    "hfft forward axis 0": lambda np, a: np.fft.hfft(a, 4, axis=0, norm="forward"),
    "ihfft": lambda np, a: np.fft.ihfft(a),
    "ihfft n ortho": lambda np, a: np.fft.ihfft(a, 9, norm="ortho"),
    "ihfft forward": lambda np, a: np.fft.ihfft(a, norm="forward"),
    # n-D transforms
    "fft2": lambda np, a: np.fft.fft2(a),
    "fft2 s": lambda np, a: np.fft.fft2(a, s=(4, 3)),
    "ifft2 ortho": lambda np, a: np.fft.ifft2(a, norm="ortho"),
    "fftn": lambda np, a: np.fft.fftn(a),
    "fftn axes": lambda np, a: np.fft.fftn(a, axes=(0,)),
    "fftn s axes": lambda np, a: np.fft.fftn(a, s=(5, -1), axes=(0, -1), norm="ortho"),
    "fftn repeated axis": lambda np, a: np.fft.fftn(a, s=(3, 6), axes=(-1, -1)),
    "fftn no axes": lambda np, a: np.fft.fftn(a, axes=()),
    "ifftn": lambda np, a: np.fft.ifftn(a, norm="forward"),
    "ifftn s axes": lambda np, a: np.fft.ifftn(a, s=(2, 7), axes=(-1, 0)),
    "rfftn": lambda np, a: np.fft.rfftn(a),
    "rfftn s axes": lambda np, a: np.fft.rfftn(a, s=(3, 5), axes=(0, -1), norm="ortho"),
    "rfft2": lambda np, a: np.fft.rfft2(a, norm="forward"),
    "irfftn": lambda np, a: np.fft.irfftn(a),
    "irfftn s axes": lambda np, a: np.fft.irfftn(a, s=(4, 5), axes=(0, -1), norm="ortho"),
    "irfft2": lambda np, a: np.fft.irfft2(a, s=(3, 6)),
    "irfftn no axes": lambda np, a: np.fft.irfftn(a, axes=()),
    "rfftn no axes": lambda np, a: np.fft.rfftn(a, axes=()),
    # shifts
    "fftshift": lambda np, a: np.fft.fftshift(a),
    "fftshift axis": lambda np, a: np.fft.fftshift(a, axes=-1),
    "ifftshift": lambda np, a: np.fft.ifftshift(a),
    "ifftshift axes": lambda np, a: np.fft.ifftshift(a, axes=(0, -1)),
    # out=
    "fft out": lambda np, a: np.fft.fft(a, out=np.zeros(a.shape, "complex128")),
    "fft out complex64": lambda np, a: np.fft.fft(a, axis=0, out=np.zeros(a.shape, "complex64")),
    "fft out float": lambda np, a: np.fft.fft(a, out=np.zeros(a.shape)),
    "fft out wrong length": lambda np, a: np.fft.fft(a, 4, out=np.zeros(a.shape, "complex128")),
    "fft out wrong rank": lambda np, a: np.fft.fft(a, out=np.zeros(a.shape + (1,), "complex128")),
    "fft out list": lambda np, a: np.fft.fft(a, out=[0]),
    "rfft out": lambda np, a: np.fft.rfft(a, 6, out=np.zeros(a.shape[:-1] + (4,), "complex128")),
    "ihfft out": lambda np, a: np.fft.ihfft(a, 6, out=np.zeros(a.shape[:-1] + (4,), "complex64")),
    "irfft out complex": lambda np, a: np.fft.irfft(a, 6, out=np.zeros(a.shape[:-1] + (6,), "complex128")),
    "irfft out int": lambda np, a: np.fft.irfft(a, 6, out=np.zeros(a.shape[:-1] + (6,), "int64")),
    "fftn out": lambda np, a: np.fft.fftn(a, out=np.zeros(a.shape, "complex128")),
    "fftn out s": lambda np, a: np.fft.fftn(a, s=(4,) * a.ndim, axes=range(a.ndim),
                                            out=np.zeros((4,) * a.ndim, "complex128")),
    "rfftn out": lambda np, a: np.fft.rfftn(a, out=np.zeros(a.shape[:-1] + (a.shape[-1] // 2 + 1,), "complex128")),
    "irfftn out": lambda np, a: np.fft.irfftn(a, out=np.zeros(a.shape[:-1] + (2 * a.shape[-1] - 2,))),
    "fft out read-only": lambda np, a: np.fft.fft(
        a, out=np.broadcast_to(np.zeros(a.shape[-1:], "complex128"), a.shape)),
    # bad arguments
    "n=0": lambda np, a: np.fft.fft(a, 0),
    "n<0 irfft": lambda np, a: np.fft.irfft(a, -2),
    "n float": lambda np, a: np.fft.rfft(a, 4.0),
    "bad norm": lambda np, a: np.fft.fft(a, norm="bogus"),
    "bad norm ifft": lambda np, a: np.fft.ifft(a, norm="Ortho"),
    "bad norm hfft": lambda np, a: np.fft.hfft(a, norm="bogus"),
    "bad norm ihfft": lambda np, a: np.fft.ihfft(a, 4, norm=1),
    "bad axis": lambda np, a: np.fft.fft(a, axis=3),
    "bad axis n": lambda np, a: np.fft.ifft(a, 4, axis=-4),
    "bad axes": lambda np, a: np.fft.fftn(a, axes=(0, 3)),
    "bad axes s": lambda np, a: np.fft.rfftn(a, s=(2, 2), axes=(0, 3)),
    "axes int": lambda np, a: np.fft.fftn(a, axes=0),
    "s axes lengths": lambda np, a: np.fft.fftn(a, s=(2,), axes=(0, -1)),
    "s zero": lambda np, a: np.fft.irfftn(a, s=(0, 3), axes=(0, -1)),
}


def _data(shape, dtype):
    return values(dtype, shape, "small", numpy.random.default_rng(len(shape) * 10 + sum(shape)))


def _assert_close(got, want, size, in_dtype="float64"):
    """got == want to the precision of NumPy's computation: its result's, or
    single where its input is float32/complex64 (NumPy's float32 loops) or
    float16 (whose n-D steps after the first are complex64)."""
    want = numpy.asarray(want)
    if want.dtype.kind not in "fc" or want.size == 0:
        assert_same(got, want)
        return
    single = numpy.dtype(in_dtype).name in ("float16", "float32", "complex64")
    part = min(numpy.finfo(want.dtype).dtype.itemsize, 4 if single else 8)
    base = {2: 2e-3, 4: 1e-5, 8: 1e-12}[part]
    rtol = base * max(1.0, math.log2(max(size, want.size, 2)))
    assert_same(got, want, rtol=rtol, atol=rtol * float(numpy.abs(want).max()))


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_fft(name, shape, dtype):
    f = CASES[name]
    x = _data(shape, dtype)
    want, err = numpy_or_exc(f, numpy, x)
    got, gerr = numpy_or_exc(f, npt, npt.asarray(x))
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    if x.size == 0:  # (zeros, padded; NumPy's irfft of 0 points reads uninitialized memory)
        want = numpy.zeros_like(want)
    _assert_close(got, want, x.size, dtype)


def test_signatures_and_names():
    assert sorted(npt.fft.__all__) == sorted(numpy.fft.__all__)
    for name in numpy.fft.__all__:
        assert inspect.signature(getattr(npt.fft, name)) == inspect.signature(getattr(numpy.fft, name)), name


def test_lengths_and_norms():
    """Every transform, norm and length (odd, even, cropping, padding) on one larger array."""
    x = _data((5, 12), "float64")
    z = x + 1j * _data((5, 12), "float64")[::-1]
    for norm in NORMS:
        for n in (None, 1, 7, 12, 20):
            for name, a in (("fft", z), ("ifft", z), ("rfft", x), ("irfft", z), ("hfft", z), ("ihfft", x)):
                for axis in (-1, 0):
                    want = getattr(numpy.fft, name)(a, n, axis, norm)
                    _assert_close(getattr(npt.fft, name)(a, n, axis, norm), want, a.size)


def test_out_is_written_and_returned():
    x = _data((3, 4), "complex128")
    for name, shape, dt in (("fft", (3, 4), "complex128"), ("ifft", (3, 4), "complex64"),
                            ("rfft", (3, 3), "complex128"), ("irfft", (3, 6), "float32"),
                            ("ihfft", (3, 3), "complex128"), ("fftn", (3, 4), "complex64"),
                            ("rfft2", (3, 3), "complex128"), ("irfftn", (3, 6), "float64")):
        a = x.real if name in ("rfft", "ihfft", "rfft2") else x
        out, nout = npt.zeros(shape, dt), numpy.zeros(shape, dt)
        assert getattr(npt.fft, name)(a, out=out) is out
        getattr(numpy.fft, name)(a, out=nout)
        _assert_close(out, nout, 12, "complex64" if "complex64" in (dt, a.dtype) else "float64")


def test_out_broadcasts_as_numpys_ufuncs():
    """out= may be larger than the result along the other axes (NumPy's gufunc
    broadcasting), and each step of an n-D transform then reads out."""
    x = _data((1, 4), "complex128")
    for f in (lambda m, o: m.fft.fft(x, out=o), lambda m, o: m.fft.fftn(x, s=(3, 4), axes=(0, 1), out=o)):
        out, nout = npt.zeros((3, 4), "complex128"), numpy.zeros((3, 4), "complex128")
        f(numpy, nout)
        assert f(npt, out) is out
        _assert_close(out, nout, 12)


def test_functions_that_ignore_out_as_numpy_does():
    """NumPy 2.4's ifft2, irfft2 and hfft accept out= but do not use it."""
    x = _data((3, 4), "complex128")
    for name in ("ifft2", "irfft2", "hfft"):
        shape = numpy.shape(getattr(numpy.fft, name)(x))
        nout = numpy.zeros(shape, numpy.fft.fft(x).dtype if name == "ifft2" else "float64")
        out = npt.zeros(shape, nout.dtype)
        want = getattr(numpy.fft, name)(x, out=nout)
        got = getattr(npt.fft, name)(x, out=out)
        assert (got is out) == (want is nout)
        _assert_close(got, want, 12)
        _assert_close(out, nout, 12)


def test_out_reads_the_input_before_it_writes():
    x = _data((2, 8), "complex128")
    want = numpy.fft.fft(x)
    a = npt.asarray(x)  # (x's memory: the write goes into x, as NumPy's would)
    assert npt.fft.fft(a, out=a) is a
    _assert_close(a, want, 16)
    numpy.testing.assert_array_equal(x, numpy.asarray(a))


@pytest.mark.parametrize("f", [lambda m, a: m.fft.fftn(a, s=(3, 4)),
                               lambda m, a: m.fft.rfftn(a, s=(3, None), axes=(0, 1)),
                               lambda m, a: m.fft.irfft2(a, s=(2, 4), axes=None)], ids=["s", "None in s", "axes None"])
def test_numpy2_deprecations(f):
    x = _data((3, 4), "float64")
    with warnings.catch_warnings(record=True) as want:
        warnings.simplefilter("always")
        expected = f(numpy, x)
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter("always")
        result = f(npt, x)
    assert want and [(w.category, str(w.message)) for w in got] == [(w.category, str(w.message)) for w in want]
    assert got[0].filename == __file__  # (the warning points at the caller)
    _assert_close(result, expected, 12)


@pytest.mark.parametrize("n", [1, 2, 7, 8, numpy.int64(5), True])
@pytest.mark.parametrize("d", [1.0, 0.25, 3, numpy.float32(0.5), 2j])
def test_fftfreq(n, d):
    for name in ("fftfreq", "rfftfreq") if n is not True else ("rfftfreq",):
        want = getattr(numpy.fft, name)(n, d)
        assert_same(getattr(npt.fft, name)(n, d, device="cpu"), want)
        got = getattr(npt.fft, name)(n, d=d)
        assert got.device == "cpu"
        assert_same(got, want)


@pytest.mark.parametrize("n, d", [(4.0, 1.0), (0, 1.0), (-1, 1.0), (4, 0), ("4", 1.0), (True, 1.0)])
def test_fftfreq_errors(n, d):
    for name in ("fftfreq", "rfftfreq"):
        want, err = numpy_or_exc(getattr(numpy.fft, name), n, d)
        got, gerr = numpy_or_exc(getattr(npt.fft, name), n, d)
        if err is None:  # (rfftfreq(-1) is empty, rfftfreq(True) one element)
            assert_same(got, want)
        else:
            assert_same_exception(gerr, err)


def test_fftfreq_unknown_device():
    for f in (npt.fft.fftfreq, npt.fft.rfftfreq):
        with pytest.raises(ValueError, match="unknown device"):
            f(4, device="tpu")


def test_frequencies_and_shifts_together():
    x = _data((6, 5), "complex128")
    for m in (numpy, npt):
        k = m.fft.fftshift(m.fft.fftfreq(5, 0.1))
    _assert_close(npt.fft.fftshift(npt.fft.fftfreq(5, 0.1)), k, 5)
    _assert_close(npt.fft.ifftshift(npt.fft.fftshift(npt.asarray(x))), x, 30)


def test_lazy_until_read_and_one_dft_per_run_of_axes():
    """The result's shape and dtype are known at the call; consecutive
    complex steps along distinct axes are one fft_c2c node (a float32
    input's first step is NumPy's double-precision one, rounded, alone)."""
    for dtype, s, nodes in (("complex128", (3, 5), 1), ("int32", (3, 5), 1), ("float32", (3, 5), 2),
                            ("complex64", (3, 5), 1)):
        x = _data((2, 3, 4), dtype)
        y = npt.fft.fftn(x, s=s, axes=(0, 2), norm="ortho")
        want = numpy.fft.fftn(x, s=s, axes=(0, 2), norm="ortho")
        assert (y.shape, y.dtype) == (want.shape, want.dtype)
        recorded = str(npt.explain(y)).split("graph (canonical")[0]
        assert recorded.count("= fft_c2c") == nodes, recorded
        _assert_close(y, want, 45, dtype)
    y = npt.fft.fftn(_data((2, 3, 4), "complex128"), s=(3, 6), axes=(-1, -1))  # (one axis twice: two DFTs)
    assert str(npt.explain(y)).split("graph (canonical")[0].count("= fft_c2c") == 2


# ---- gradients against finite differences ----------------------------------------------

def _weights(shape, seed):
    r = numpy.random.default_rng(seed)
    return r.normal(size=shape), r.normal(size=shape)


def _real_loss(m, y, w1, w2):
    """A real loss of y: sum(Re y * w1 + Im y * w2) (just the first for real y)."""
    if numpy.dtype(y.dtype).kind != "c":
        return (y * w1).sum()
    return (m.real(y) * w1 + m.imag(y) * w2).sum()


def _fd(loss, args, h=1e-6):
    grads = []
    for k, a in enumerate(args):
        g = numpy.zeros_like(a)
        for i in numpy.ndindex(a.shape):
            hi = [b.copy() for b in args]
            lo = [b.copy() for b in args]
            hi[k][i] += h
            lo[k][i] -= h
            g[i] = (loss(numpy, *hi) - loss(numpy, *lo)) / (2 * h)
        grads.append(g)
    return grads


def _check_grad(f, shape, complex_input):
    """npt.grad of a real loss of f's result against central differences; a
    complex input's real and imaginary parts are two real arguments."""
    r = numpy.random.default_rng(sum(shape))
    args = [r.normal(size=shape) for _ in range(2 if complex_input else 1)]
    yshape = numpy.shape(f(numpy, args[0] + 1j * args[1] if complex_input else args[0]))
    w1, w2 = _weights(yshape, len(yshape))

    def loss(m, *parts):
        a = parts[0] + 1j * parts[1] if complex_input else parts[0]
        return _real_loss(m, f(m, a), w1, w2)
    g = npt.grad(lambda *p: loss(npt, *p), argnums=tuple(range(len(args))))(*args)
    g = g if isinstance(g, tuple) else (g,)
    fd = _fd(lambda m, *p: float(loss(m, *p)), args)
    for got, want in zip(g, fd):
        numpy.testing.assert_allclose(numpy.asarray(got), want, rtol=1e-6, atol=1e-7)


GRAD_CASES = {
    "fft": (lambda m, a, nm: m.fft.fft(a, norm=nm), (3, 5), True),
    "fft n< axis 0": (lambda m, a, nm: m.fft.fft(a, 2, axis=0, norm=nm), (3, 5), True),
    "fft n> of real": (lambda m, a, nm: m.fft.fft(a, 8, norm=nm), (2, 5), False),
    "ifft n>": (lambda m, a, nm: m.fft.ifft(a, 7, norm=nm), (2, 5), True),
    "fftn axes subset": (lambda m, a, nm: m.fft.fftn(a, s=(3, 2), axes=(0, 2), norm=nm), (2, 3, 4), True),
    "ifftn": (lambda m, a, nm: m.fft.ifftn(a, norm=nm), (3, 4), True),
    "rfft": (lambda m, a, nm: m.fft.rfft(a, norm=nm), (2, 6), False),
    "rfft n>": (lambda m, a, nm: m.fft.rfft(a, 9, norm=nm), (2, 6), False),
    "rfft n< axis 0": (lambda m, a, nm: m.fft.rfft(a, 3, axis=0, norm=nm), (5, 2), False),
    "irfft n even": (lambda m, a, nm: m.fft.irfft(a, 6, norm=nm), (2, 4), True),
    "irfft n odd": (lambda m, a, nm: m.fft.irfft(a, 7, norm=nm), (2, 4), True),
    "irfft n> default": (lambda m, a, nm: m.fft.irfft(a, norm=nm), (2, 5), True),
    "hfft": (lambda m, a, nm: m.fft.hfft(a, norm=nm), (2, 4), True),
    "hfft n odd": (lambda m, a, nm: m.fft.hfft(a, 5, norm=nm), (2, 4), True),
    "ihfft": (lambda m, a, nm: m.fft.ihfft(a, norm=nm), (2, 5), False),
    "ihfft n>": (lambda m, a, nm: m.fft.ihfft(a, 8, norm=nm), (2, 5), False),
    "rfftn": (lambda m, a, nm: m.fft.rfftn(a, norm=nm), (3, 4), False),
    "irfftn s": (lambda m, a, nm: m.fft.irfftn(a, s=(2, 5), axes=(0, 1), norm=nm), (3, 3), True),
}


@pytest.mark.parametrize("norm", [None, "ortho", "forward"])
@pytest.mark.parametrize("name", sorted(GRAD_CASES))
def test_gradients(name, norm):
    f, shape, complex_input = GRAD_CASES[name]
    _check_grad(lambda m, a: f(m, a, norm), shape, complex_input)
