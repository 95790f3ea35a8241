"""The legacy polynomial API (poly1d, poly*, roots), the histograms and
cov/corrcoef against NumPy, from tables: each case is one call written once
for both modules (``lambda np: ...``, the inputs wrapped by ``np.asarray``
so npt gets npt arrays); results must agree in type, dtype, shape and
values, errors in type and text; then warnings, printing, poly1d's
protocol and the laziness of the array-valued results."""
import warnings

import numpy
import pytest

import npt

from _helpers import assert_same_exception, numpy_or_exc

RTOL = {"float64": 1e-12, "complex128": 1e-12, "float32": 1e-5, "complex64": 1e-5, "float16": 1e-3}


def _same(got, want, rtol=None, atol=0.0):
    """got (npt) is want (NumPy): the same container, dtype, shape, values."""
    if isinstance(want, numpy.poly1d):
        assert isinstance(got, npt.poly1d), f"npt: {got!r}, NumPy: {want!r}"
        assert got.variable == want.variable
        _same(got.coeffs, want.coeffs, rtol, atol)
        return
    if isinstance(want, (tuple, list)):
        assert type(got) is type(want) and len(got) == len(want), f"npt: {got!r}, NumPy: {want!r}"
        for g, w in zip(got, want):
            _same(g, w, rtol, atol)
        return
    if isinstance(want, numpy.generic) and isinstance(got, npt.ndarray):
        assert got.shape == (), f"npt: {got!r}, NumPy's scalar: {want!r}"  # (NumPy's scalars: npt's 0-d arrays)
    elif isinstance(want, (bool, int, float, complex, str, numpy.generic)):
        assert type(got) is type(want), f"npt: {got!r} ({type(got)}), NumPy: {want!r} ({type(want)})"
        assert got == want or (got != got and want != want), f"npt: {got!r}, NumPy: {want!r}"
        return
    assert isinstance(got, npt.ndarray), f"expected an npt.ndarray, got {type(got)}"
    want = numpy.asarray(want)
    assert got.dtype == want.dtype, f"dtype {got.dtype} != NumPy's {want.dtype}"
    assert got.shape == want.shape, f"shape {got.shape} != NumPy's {want.shape}"
    g = numpy.asarray(got)
    if want.dtype.kind in "fc":
        r = RTOL[want.dtype.name] if rtol is None else rtol
        numpy.testing.assert_allclose(g, want, rtol=r, atol=atol, equal_nan=True)
    else:
        numpy.testing.assert_array_equal(g, want, strict=True)


def run(f, rtol=None, atol=0.0):
    want, err = numpy_or_exc(f, numpy)
    got, gerr = numpy_or_exc(f, npt)
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    _same(got, want, rtol, atol)


def case(name, f, rtol=None, atol=0.0):
    return pytest.param(f, rtol, atol, id=name)


_rng = numpy.random.default_rng(7)
X20 = numpy.linspace(-1.0, 2.0, 20)
Y20 = 0.5 * X20 ** 3 - X20 + 0.25 + 0.01 * _rng.standard_normal(20)
Y2D = numpy.stack([Y20, numpy.cos(X20)], axis=1)
W20 = _rng.uniform(0.5, 2.0, 20)
P = numpy.array([2.0, -3.0, 0.5, 4.0])
PI = numpy.array([1, -6, 11, -6])
XS = numpy.array([[-1.5, 0.0, 0.25], [1.0, 2.0, 3.5]])
M3 = numpy.array([[2.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 4.0]])

# ---- polynomial functions -----------------------------------------------------

POLY = [
    # polyval: Horner's rule, dtypes as NumPy's (zeros_like(x) * x + p[i])
    case("polyval", lambda np: np.polyval(np.asarray(P), np.asarray(XS))),
    case("polyval int", lambda np: np.polyval(np.asarray(PI), np.asarray(numpy.arange(-3, 4)))),
    case("polyval int p float x", lambda np: np.polyval(np.asarray(PI), np.asarray(XS))),
    case("polyval float32", lambda np: np.polyval(np.asarray(P.astype("float32")),
                                                  np.asarray(XS.astype("float32")))),
    case("polyval float32 x int p", lambda np: np.polyval(np.asarray(PI), np.asarray(XS.astype("float32")))),
    case("polyval list p scalar x", lambda np: np.polyval([3, 0, 1], 5)),
    case("polyval complex", lambda np: np.polyval(np.asarray(P + 1j), np.asarray(XS))),
    case("polyval 3-d x", lambda np: np.polyval(np.asarray(P), np.asarray(numpy.arange(24.0).reshape(2, 3, 4)))),
    case("polyval empty p", lambda np: np.polyval(np.asarray(numpy.zeros(0)), np.asarray(XS))),
    case("polyval empty x", lambda np: np.polyval(np.asarray(P), np.asarray(numpy.zeros((0, 3))))),
    case("polyval inf x", lambda np: np.polyval(np.asarray(P), np.asarray(numpy.array([numpy.inf, -1.0])))),
    case("polyval 0-d p", lambda np: np.polyval(np.asarray(numpy.float64(2.0)), np.asarray(XS))),
    case("polyval poly1d p", lambda np: np.polyval(np.poly1d(np.asarray(P)), np.asarray(XS))),
    case("polyval poly1d x", lambda np: np.polyval(np.asarray(P), np.poly1d([1.0, 2.0]))),
    # poly: coefficients from roots (or a matrix's eigenvalues)
    case("poly", lambda np: np.poly(np.asarray(numpy.array([1.0, 2.0, 3.0])))),
    case("poly int", lambda np: np.poly([1, -2, 3, 3])),
    case("poly float32", lambda np: np.poly(np.asarray(numpy.array([0.5, -1.5], "float32")))),
    case("poly float16 as float64", lambda np: np.poly(np.asarray(numpy.array([0.5, -1.5], "float16")))),
    case("poly bool", lambda np: np.poly(np.asarray(numpy.array([True, False])))),
    case("poly conjugate pairs real", lambda np: np.poly(np.asarray(numpy.array([1 + 2j, 1 - 2j, 3.0])))),
    case("poly complex", lambda np: np.poly(np.asarray(numpy.array([1 + 2j, 3.0])))),
    case("poly complex64", lambda np: np.poly(np.asarray(numpy.array([1j, 2.0], "complex64")))),
    case("poly scalar", lambda np: np.poly(2.5)),
    case("poly empty", lambda np: np.poly(np.asarray(numpy.zeros(0)))),
    case("poly matrix", lambda np: np.poly(np.asarray(M3)), atol=1e-12),
    case("poly matrix complex eigenvalues", lambda np: np.poly(np.asarray(numpy.array([[0.0, 1.0], [-1.0, 0.0]]))),
         atol=1e-15),
    case("poly matrix int", lambda np: np.poly(np.asarray(numpy.array([[1, 2], [3, 4]]))), atol=1e-12),
    case("poly non-square", lambda np: np.poly(np.asarray(numpy.ones((2, 3))))),
    case("poly 0x0", lambda np: np.poly(np.asarray(numpy.ones((0, 0))))),
    case("poly 3-d", lambda np: np.poly(np.asarray(numpy.ones((2, 2, 2))))),
    # roots: the companion matrix's eigenvalues (ordered as LAPACK's)
    case("roots", lambda np: np.roots(np.asarray(numpy.array([1.0, -3.0, 2.0])))),
    case("roots int", lambda np: np.roots(np.asarray(PI))),
    case("roots complex result", lambda np: np.roots([1, 0, 1]), atol=1e-15),
    case("roots leading trailing zeros", lambda np: np.roots([0, 0, 1.0, 2.0, -3.0, 0, 0]), atol=1e-15),
    case("roots float32", lambda np: np.roots(np.asarray(numpy.array([1.0, -3.0, 2.0], "float32"))), rtol=1e-5),
    case("roots complex", lambda np: np.roots(np.asarray(numpy.array([1.0, 1j, 2.0])))),
    case("roots constant", lambda np: np.roots([5])),
    case("roots constant trailing zeros", lambda np: np.roots([5, 0, 0])),
    case("roots all zeros", lambda np: np.roots([0, 0])),
    case("roots bool", lambda np: np.roots(np.asarray(numpy.array([True, True])))),
    case("roots scalar", lambda np: np.roots(3.0)),
    case("roots 2-d", lambda np: np.roots(np.asarray(numpy.ones((2, 2))))),
    case("roots float16", lambda np: np.roots(np.asarray(numpy.array([1.0, 2.0], "float16")))),
    # add / sub: the shorter one padded with leading zeros
    case("polyadd", lambda np: np.polyadd(np.asarray(P), np.asarray(PI[:2]))),
    case("polyadd longer second", lambda np: np.polyadd([1, 2], np.asarray(PI))),
    case("polyadd int8 float32", lambda np: np.polyadd(np.asarray(numpy.array([1, 2], "int8")),
                                                       np.asarray(numpy.array([1.5, 2, 3], "float32")))),
    case("polyadd scalars", lambda np: np.polyadd(3, 4)),
    case("polyadd poly1d", lambda np: np.polyadd(np.poly1d([1.0, 2.0]), [3.0, 4.0, 5.0])),
    case("polyadd cancel leading", lambda np: np.polyadd(np.poly1d([1.0, 2.0]), np.poly1d([-1.0, 5.0]))),
    case("polysub", lambda np: np.polysub(np.asarray(P), np.asarray(PI[:2]))),
    case("polysub longer second", lambda np: np.polysub([1, 2], np.asarray(PI))),
    case("polysub complex", lambda np: np.polysub(np.asarray(P + 1j), np.asarray(P[:2]))),
    case("polysub poly1d", lambda np: np.polysub([3.0, 4.0, 5.0], np.poly1d([1.0, 2.0]))),
    case("polysub 2-d", lambda np: np.polysub(np.asarray(numpy.ones((2, 2))), [1.0, 2.0])),
    # mul: convolve (leading zeros cut first)
    case("polymul", lambda np: np.polymul(np.asarray(P), np.asarray(numpy.array([1.0, -1.0])))),
    case("polymul int", lambda np: np.polymul(np.asarray(PI), [2, 0, 1])),
    case("polymul leading zeros", lambda np: np.polymul([0, 0, 1.0, 2.0], [0, 3.0])),
    case("polymul float32", lambda np: np.polymul(np.asarray(P.astype("float32")), np.asarray(P.astype("float32")))),
    case("polymul complex", lambda np: np.polymul(np.asarray(P + 2j), [1j, 1])),
    case("polymul poly1d", lambda np: np.polymul(np.poly1d(np.asarray(P)), [1.0, 1.0])),
    case("polymul zeros", lambda np: np.polymul([0.0, 0.0], np.asarray(P))),
    case("polymul 2-d", lambda np: np.polymul(np.asarray(numpy.ones((2, 2))), [1.0])),
    # div: long division, remainder's leading zeros cut
    case("polydiv", lambda np: np.polydiv(np.asarray(P), np.asarray(numpy.array([1.0, 2.0])))),
    case("polydiv exact", lambda np: np.polydiv(np.asarray(numpy.array([1.0, -6.0, 11.0, -6.0])), [1.0, -1.0])),
    case("polydiv int", lambda np: np.polydiv(np.asarray(PI), [2, 1])),
    case("polydiv longer divisor", lambda np: np.polydiv([1.0, 2.0], np.asarray(P))),
    case("polydiv float32", lambda np: np.polydiv(np.asarray(P.astype("float32")),
                                                  np.asarray(numpy.array([3.0, 1.0], "float32")))),
    case("polydiv complex", lambda np: np.polydiv(np.asarray(P + 1j), [1j, 2.0])),
    case("polydiv poly1d", lambda np: np.polydiv(np.poly1d(np.asarray(P)), np.poly1d([1.0, 0.5]))),
    case("polydiv zero leading divisor", lambda np: np.polydiv(np.asarray(P), [0.0, 1.0])),
    case("polydiv empty", lambda np: np.polydiv(np.asarray(numpy.zeros(0)), [1.0])),
    # der / int
    case("polyder", lambda np: np.polyder(np.asarray(P))),
    case("polyder m=2", lambda np: np.polyder(np.asarray(P), 2)),
    case("polyder m=0", lambda np: np.polyder(np.asarray(P), 0)),
    case("polyder past degree", lambda np: np.polyder(np.asarray(P), 6)),
    case("polyder int", lambda np: np.polyder(np.asarray(PI), 1)),
    case("polyder float32", lambda np: np.polyder(np.asarray(P.astype("float32")))),
    case("polyder bool", lambda np: np.polyder(np.asarray(numpy.array([True, False, True])))),
    case("polyder complex", lambda np: np.polyder(np.asarray(P * 1j), 2)),
    case("polyder poly1d", lambda np: np.polyder(np.poly1d(np.asarray(P)), 2)),
    case("polyder negative", lambda np: np.polyder(np.asarray(P), -1)),
    case("polyder 0-d", lambda np: np.polyder(np.asarray(numpy.float64(3.0)))),
    case("polyint", lambda np: np.polyint(np.asarray(P))),
    case("polyint m=3", lambda np: np.polyint(np.asarray(PI), 3)),
    case("polyint k scalar", lambda np: np.polyint(np.asarray(P), 2, k=1.5)),
    case("polyint k list", lambda np: np.polyint(np.asarray(P), 2, k=[1, 2])),
    case("polyint k longer", lambda np: np.polyint(np.asarray(P), 2, k=[1, 2, 3])),
    case("polyint k complex", lambda np: np.polyint(np.asarray(P), 1, k=2j)),
    case("polyint int k", lambda np: np.polyint(np.asarray(PI), 1, k=3)),
    case("polyint float32", lambda np: np.polyint(np.asarray(P.astype("float32")))),
    case("polyint m=0", lambda np: np.polyint(np.asarray(PI), 0)),
    case("polyint poly1d", lambda np: np.polyint(np.poly1d(np.asarray(P)), 2, k=[1.0, -1.0])),
    case("polyint k too short", lambda np: np.polyint(np.asarray(P), 3, k=[1, 2])),
    case("polyint negative", lambda np: np.polyint(np.asarray(P), -2)),
    case("polyint 0-d", lambda np: np.polyint(np.asarray(numpy.float64(3.0)))),
    # fit: lstsq on the scaled Vandermonde matrix
    case("polyfit", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 3), atol=1e-13),
    case("polyfit deg 0", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 0)),
    case("polyfit int", lambda np: np.polyfit(np.asarray(numpy.arange(8)), np.asarray(numpy.arange(8) ** 2), 2),
         atol=1e-12),
    case("polyfit float32", lambda np: np.polyfit(np.asarray(X20.astype("float32")),
                                                  np.asarray(Y20.astype("float32")), 2), rtol=2e-4, atol=1e-5),
    case("polyfit float32 x float64 y", lambda np: np.polyfit(np.asarray(X20.astype("float32")),
                                                              np.asarray(Y20), 2), rtol=1e-9),
    case("polyfit 2-d y", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y2D), 3), atol=1e-13),
    case("polyfit weights", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 2, w=np.asarray(W20))),
    case("polyfit weights 2-d y", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y2D), 2, w=np.asarray(W20))),
    case("polyfit complex", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20 + 1j * X20), 2), atol=1e-13),
    case("polyfit full", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 3, full=True), rtol=1e-10,
         atol=1e-13),
    case("polyfit full rcond", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 2, rcond=1e-3, full=True),
         rtol=1e-10),
    case("polyfit full 2-d y", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y2D), 2, full=True), rtol=1e-10),
    case("polyfit full underdetermined", lambda np: np.polyfit(np.asarray(X20[:3]), np.asarray(Y20[:3]), 4,
                                                               full=True), rtol=1e-9, atol=1e-12),
    case("polyfit cov", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 2, cov=True), rtol=1e-10),
    case("polyfit cov unscaled", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 2, w=np.asarray(W20),
                                                       cov="unscaled"), rtol=1e-10),
    case("polyfit cov 2-d y", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y2D), 1, cov=True), rtol=1e-10),
    case("polyfit cov too few points", lambda np: np.polyfit(np.asarray(X20[:3]), np.asarray(Y20[:3]), 2,
                                                             cov=True)),
    case("polyfit deg < 0", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), -1)),
    case("polyfit x 2-d", lambda np: np.polyfit(np.asarray(XS), np.asarray(XS), 1)),
    case("polyfit x empty", lambda np: np.polyfit(np.asarray(numpy.zeros(0)), np.asarray(numpy.zeros(0)), 1)),
    case("polyfit y 3-d", lambda np: np.polyfit(np.asarray(X20[:2]), np.asarray(numpy.ones((2, 1, 1))), 1)),
    case("polyfit y 0-d", lambda np: np.polyfit(np.asarray(X20), 1.0, 1)),
    case("polyfit lengths", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20[:5]), 1)),
    case("polyfit w 2-d", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 1, w=np.asarray(Y2D))),
    case("polyfit w length", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 1, w=np.asarray(W20[:3]))),
]


@pytest.mark.parametrize("f, rtol, atol", POLY)
def test_polynomial_functions(f, rtol, atol):
    run(f, rtol, atol)


# ---- poly1d --------------------------------------------------------------------

def _p(np, c=P, **kw):
    return np.poly1d(np.asarray(c) if isinstance(c, numpy.ndarray) else c, **kw)


POLY1D = [
    case("coeffs", lambda np: _p(np).coeffs),
    case("leading zeros cut", lambda np: _p(np, numpy.array([0.0, 0.0, 1.0, 2.0])).coeffs),
    case("all zeros", lambda np: _p(np, numpy.zeros(3, "int32")).coeffs),
    case("empty", lambda np: _p(np, numpy.zeros(0)).coeffs),
    case("scalar", lambda np: _p(np, 3).coeffs),
    case("from roots", lambda np: _p(np, [1.0, 2.0, 3.0], r=True).coeffs),
    case("from no roots", lambda np: _p(np, [], r=True).coeffs),
    case("from poly1d", lambda np: np.poly1d(_p(np), variable="z")),
    case("int8", lambda np: _p(np, numpy.array([1, 2, 3], "int8"))),
    case("2-d", lambda np: _p(np, numpy.ones((2, 2)))),
    case("aliases", lambda np: (_p(np).c, _p(np).coef, _p(np).coefficients, _p(np).o, _p(np).order)),
    case("len", lambda np: len(_p(np))),
    case("variable", lambda np: _p(np, variable="t").variable),
    case("call", lambda np: _p(np)(np.asarray(XS))),
    case("call scalar", lambda np: _p(np, [1, 2, 3])(2)),
    case("call poly1d", lambda np: _p(np)(np.poly1d([1.0, -1.0]))),
    case("roots", lambda np: _p(np, [1.0, -3.0, 2.0]).roots),
    case("r", lambda np: _p(np, [1.0, 0.0, 4.0]).r),
    case("neg", lambda np: -_p(np)),
    case("pos", lambda np: +_p(np)),
    case("add", lambda np: _p(np) + _p(np, [1.0, 1.0])),
    case("add scalar", lambda np: _p(np) + 2),
    case("radd list", lambda np: [1, 2] + _p(np)),
    case("sub", lambda np: _p(np) - _p(np, [1.0, 1.0])),
    case("rsub scalar", lambda np: 5 - _p(np)),
    case("sub cancel", lambda np: _p(np) - _p(np)),
    case("mul", lambda np: _p(np) * _p(np, [1.0, -1.0])),
    case("mul scalar", lambda np: _p(np) * 2),
    case("rmul scalar", lambda np: 3 * _p(np, [1, 2])),
    case("mul zero", lambda np: _p(np) * 0),
    case("rmul list", lambda np: [1, 1] * _p(np)),
    case("truediv scalar", lambda np: _p(np) / 4),
    case("truediv int coeffs", lambda np: _p(np, [2, 4]) / 2),
    case("truediv poly1d", lambda np: _p(np) / _p(np, [1.0, 2.0])),
    case("rtruediv scalar", lambda np: 2 / _p(np, [1.0, 2.0])),
    case("rtruediv list", lambda np: [1.0, 0.0, -1.0] / _p(np, [1.0, 1.0])),
    case("pow", lambda np: _p(np, [1, 1]) ** 3),
    case("pow 0", lambda np: _p(np) ** 0),
    case("pow negative", lambda np: _p(np) ** -1),
    case("pow fraction", lambda np: _p(np) ** 1.5),
    case("pow float integral", lambda np: _p(np) ** 2.0),
    case("deriv", lambda np: _p(np).deriv()),
    case("deriv 2", lambda np: _p(np).deriv(2)),
    case("integ", lambda np: _p(np).integ()),
    case("integ k", lambda np: _p(np).integ(2, k=[1, 2])),
    case("getitem", lambda np: (_p(np)[0], _p(np)[3])),
    case("getitem out of range", lambda np: (_p(np)[7], _p(np)[-1])),
    case("eq", lambda np: (_p(np) == _p(np, P.copy()), _p(np) == _p(np, [1.0]), _p(np) == _p(np, P + 1))),
    case("ne", lambda np: (_p(np) != _p(np, P.copy()), _p(np) != _p(np, P + 1))),
    case("iter", lambda np: list(_p(np, numpy.array([1, 2, 3])))),
    case("variable kept by arithmetic", lambda np: (_p(np, variable="s") * 2).variable),
]


@pytest.mark.parametrize("f, rtol, atol", POLY1D)
def test_poly1d(f, rtol, atol):
    run(f, rtol, atol)


PRINT = [
    ([1.0, -2.5, 3.0], {}), ([1, 2, 3], {}), ([0.0, 0.0, 1.0], {}), ([0.0], {}), ([1e-5, 2.123456, -3e7], {}),
    ([1j, 2.0, 1 + 2j], {}), ([2.0, 0.0, -1.0, 0.0], {"variable": "z"}), (list(range(1, 30)), {}),
    (numpy.array([1.5, 2.0], "float32"), {}), (numpy.array([1, 2], "int8"), {}),
]


@pytest.mark.parametrize("coeffs, kw", PRINT)
def test_poly1d_printing(coeffs, kw):
    want = numpy.poly1d(coeffs, **kw)
    got = npt.poly1d(npt.asarray(coeffs) if isinstance(coeffs, numpy.ndarray) else coeffs, **kw)
    assert str(got) == str(want)
    assert repr(got) == repr(want)


def test_poly1d_protocol():
    p = npt.poly1d([1.0, 2.0, 3.0])
    assert p.__hash__ is None
    with pytest.raises(TypeError):
        hash(p)
    with pytest.raises(AttributeError, match="Cannot set attribute"):
        p.coeffs = npt.asarray([1.0])
    p.coeffs = p.coeffs  # (the same object: allowed, as NumPy)
    a = numpy.asarray(p)
    assert isinstance(a, numpy.ndarray) and a.dtype == numpy.float64
    numpy.testing.assert_array_equal(a, [1.0, 2.0, 3.0])
    assert numpy.asarray(p, "float32").dtype == numpy.float32
    assert (p == [1.0, 2.0, 3.0]) is False  # (NotImplemented both ways: identity)
    assert p.__eq__(numpy.poly1d([1.0])) is NotImplemented
    for key, val, want in [(1, 5.0, [1.0, 5.0, 3.0]), (4, 7.0, [7.0, 0.0, 1.0, 2.0, 3.0])]:
        q, w = npt.poly1d([1.0, 2.0, 3.0]), numpy.poly1d([1.0, 2.0, 3.0])
        q[key] = val
        w[key] = val
        numpy.testing.assert_array_equal(numpy.asarray(q.coeffs), w.coeffs)
        numpy.testing.assert_array_equal(w.coeffs, want)
    for lib in (numpy, npt):
        q = lib.poly1d([1.0, 2.0])
        with pytest.raises(ValueError, match="Does not support negative powers."):
            q[-1] = 3.0


def test_poly1d_copies_extra_attributes():
    for lib in (numpy, npt):
        p = lib.poly1d([1.0, 2.0])
        p.extra = 1
        with pytest.warns(FutureWarning, match="extra properties will not be copied"):
            q = lib.poly1d(p)
        assert q.extra == 1


def test_poly1d_from_numpy_poly1d():
    q = npt.poly1d(numpy.poly1d([1.0, 2.0, 3.0], variable="y"))
    assert q.variable == "y" and isinstance(q.coeffs, npt.ndarray)
    numpy.testing.assert_array_equal(numpy.asarray(q.coeffs), [1.0, 2.0, 3.0])




def test_polyval_is_one_kernel():
    x = npt.asarray(numpy.linspace(0.0, 1.0, 1000))
    y = npt.polyval(npt.asarray(P), x)
    assert len(npt.explain(y).kernels) == 1 and not npt.explain(y).opaque


# ---- histograms -----------------------------------------------------------------

A = _rng.standard_normal(300)
AW = _rng.uniform(0.0, 2.0, 300)
AI = _rng.integers(-20, 40, 300)
A_NAN = numpy.concatenate([A[:50], [numpy.nan, numpy.inf, -numpy.inf]])
EDGES = numpy.array([-2.0, -0.5, 0.0, 0.0, 0.3, 1.0, 2.5])
S3 = _rng.standard_normal((200, 3))
SW = _rng.uniform(0.0, 1.0, 200)
ESTIMATORS = ["auto", "fd", "doane", "scott", "stone", "rice", "sturges", "sqrt"]

HIST = [
    case("default", lambda np: np.histogram(np.asarray(A))),
    case("bins int", lambda np: np.histogram(np.asarray(A), 7)),
    case("2-d input", lambda np: np.histogram(np.asarray(A.reshape(20, 15)), 5)),
    case("one bin", lambda np: np.histogram(np.asarray(A), 1)),
    case("range", lambda np: np.histogram(np.asarray(A), 6, range=(-1, 1.5))),
    case("range wider", lambda np: np.histogram(np.asarray(A), 4, range=(-10, 10))),
    case("range numpy float32", lambda np: np.histogram(np.asarray(A), 4, range=(numpy.float32(-1), numpy.float32(1)))),
    case("density", lambda np: np.histogram(np.asarray(A), 9, density=True)),
    case("density edges", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES), density=True)),
    case("edges", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES))),
    case("edges list", lambda np: np.histogram(np.asarray(A), [-1, 0, 1])),
    case("edges int with float data", lambda np: np.histogram(np.asarray(A * 5), np.asarray(numpy.arange(-5, 6)))),
    case("edges float32", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES.astype("float32")))),
    case("value on the last edge", lambda np: np.histogram(np.asarray(numpy.array([0.0, 1.0, 1.0, 2.0])), 2)),
    case("values on edges", lambda np: np.histogram(np.asarray(numpy.arange(11.0)),
                                                    np.asarray(numpy.arange(0.0, 11.0, 2.5)))),
    case("int", lambda np: np.histogram(np.asarray(AI), 12)),
    case("int range", lambda np: np.histogram(np.asarray(AI), 5, range=(0, 10))),
    case("int8", lambda np: np.histogram(np.asarray(AI.astype("int8")), 6)),
    case("int8 full span", lambda np: np.histogram(np.asarray(numpy.array([-128, 0, 127], "int8")), 3)),
    case("int64 wide", lambda np: np.histogram(np.asarray(numpy.array([-2 ** 62, 0, 2 ** 62])), 4)),
    case("uint8", lambda np: np.histogram(np.asarray(numpy.array([0, 3, 255, 9], "uint8")), 5)),
    case("float32", lambda np: np.histogram(np.asarray(A.astype("float32")), 13)),
    case("float32 range", lambda np: np.histogram(np.asarray(A.astype("float32")), 5, range=(-0.7, 0.9))),
    case("float16", lambda np: np.histogram(np.asarray(A.astype("float16")), 6)),
    case("bool", lambda np: np.histogram(np.asarray(A > 0), 3)),
    case("constant", lambda np: np.histogram(np.asarray(numpy.full(5, 2.0)), 4)),
    case("constant int", lambda np: np.histogram(np.asarray(numpy.full(5, 3)), 2)),
    case("empty", lambda np: np.histogram(np.asarray(numpy.zeros(0)), 3)),
    case("empty range", lambda np: np.histogram(np.asarray(numpy.zeros(0)), 3, range=(1, 2))),
    case("empty edges", lambda np: np.histogram(np.asarray(numpy.zeros(0)), np.asarray(EDGES))),
    case("nan inf with range", lambda np: np.histogram(np.asarray(A_NAN), 4, range=(-1, 1))),
    case("nan inf with edges", lambda np: np.histogram(np.asarray(A_NAN), np.asarray(EDGES))),
    case("weights", lambda np: np.histogram(np.asarray(A), 8, weights=np.asarray(AW))),
    case("weights density", lambda np: np.histogram(np.asarray(A), 8, weights=np.asarray(AW), density=True)),
    case("weights float32", lambda np: np.histogram(np.asarray(A), 8, weights=np.asarray(AW.astype("float32")))),
    case("weights int", lambda np: np.histogram(np.asarray(A), 8, weights=np.asarray(AI))),
    case("weights int8", lambda np: np.histogram(np.asarray(A), 3, weights=np.asarray(numpy.full(300, 3, "int8")))),
    case("weights uint16", lambda np: np.histogram(np.asarray(A), 5, weights=np.asarray(AI.astype("uint16")))),
    case("weights bool", lambda np: np.histogram(np.asarray(A), 30, weights=np.asarray(AI > 30))),
    case("weights complex", lambda np: np.histogram(np.asarray(A), 4, weights=np.asarray(AW + 1j * AW[::-1]))),
    case("weights complex64", lambda np: np.histogram(np.asarray(A), 4,
                                                      weights=np.asarray((AW - 1j).astype("complex64")))),
    case("weights 2-d", lambda np: np.histogram(np.asarray(A.reshape(30, 10)), 4,
                                                weights=np.asarray(AW.reshape(30, 10)))),
    case("weights edges", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES), weights=np.asarray(AW))),
    case("weights edges density", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES), weights=np.asarray(AW),
                                                          density=True)),
    case("weights edges int", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES), weights=np.asarray(AI))),
    case("weights edges int8 wraps", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES),
                                                             weights=np.asarray(numpy.full(300, 100, "int8")))),
    case("weights edges float32", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES),
                                                          weights=np.asarray(AW.astype("float32")))),
    case("weights edges complex", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES),
                                                          weights=np.asarray(AW * 1j + 1))),
    case("weights edges bool", lambda np: np.histogram(np.asarray(A), np.asarray(EDGES),
                                                       weights=np.asarray(AI > 0))),
    case("weights shape", lambda np: np.histogram(np.asarray(A), 4, weights=np.asarray(AW[:10]))),
    case("bins 0", lambda np: np.histogram(np.asarray(A), 0)),
    case("bins float", lambda np: np.histogram(np.asarray(A), 2.5)),
    case("bins 2-d", lambda np: np.histogram(np.asarray(A), np.asarray(numpy.ones((2, 2))))),
    case("bins decreasing", lambda np: np.histogram(np.asarray(A), [0.0, 2.0, 1.0])),
    case("bins estimator unknown", lambda np: np.histogram(np.asarray(A), "magic")),
    case("estimator with weights", lambda np: np.histogram(np.asarray(A), "auto", weights=np.asarray(AW))),
    case("range reversed", lambda np: np.histogram(np.asarray(A), 3, range=(1, 0))),
    case("range not finite", lambda np: np.histogram(np.asarray(A), 3, range=(0, numpy.inf))),
    case("data not finite", lambda np: np.histogram(np.asarray(A_NAN), 3)),
    case("too many bins", lambda np: np.histogram(np.asarray(numpy.array([1.0, 1.0 + 1e-15])), 100)),
    case("too many bins float16", lambda np: np.histogram(np.asarray(numpy.array([1, 2], "float16")), 5000)),
    case("bin_edges", lambda np: np.histogram_bin_edges(np.asarray(A), 5)),
    case("bin_edges range", lambda np: np.histogram_bin_edges(np.asarray(AI), 4, range=(0, 3))),
    case("bin_edges given", lambda np: np.histogram_bin_edges(np.asarray(A), np.asarray(EDGES))),
    case("bin_edges weights shape", lambda np: np.histogram_bin_edges(np.asarray(A), 4, weights=np.asarray(AW[:3]))),
] + [case(f"estimator {e}", lambda np, e=e: np.histogram(np.asarray(A), e)) for e in ESTIMATORS] + [
    case(f"estimator {e} int", lambda np, e=e: np.histogram(np.asarray(AI), e)) for e in ESTIMATORS] + [
    case(f"estimator {e} float32 range", lambda np, e=e: np.histogram(np.asarray(A.astype("float32")), e,
                                                                     range=(-1, 1))) for e in ESTIMATORS] + [
    case(f"estimator {e} bin_edges", lambda np, e=e: np.histogram_bin_edges(np.asarray(A[:40]), e)) for e in ESTIMATORS
] + [
    case("estimator empty", lambda np: np.histogram(np.asarray(numpy.zeros(0)), "auto")),
    case("estimator int width below 1", lambda np: np.histogram(np.asarray(numpy.arange(1000) % 3), "auto")),
    case("uint64 full span", lambda np: np.histogram(np.asarray(numpy.array([0, 2 ** 63, 2 ** 64 - 1], "uint64")), 3)),
    case("int data float range", lambda np: np.histogram(np.asarray(numpy.arange(10)), 3, range=(0.5, 8.5))),
    case("range of three", lambda np: np.histogram(np.asarray(A), 3, range=(0, 1, 2))),
    case("estimator constant", lambda np: np.histogram(np.asarray(numpy.ones(6)), "auto")),
    case("estimator small int", lambda np: np.histogram(np.asarray(numpy.array([1, 2, 2, 3])), "fd")),
    case("estimator range empties", lambda np: np.histogram(np.asarray(A), "sturges", range=(50, 60))),
    case("estimator one value", lambda np: np.histogram(np.asarray(numpy.array([4.0])), "doane")),
]


@pytest.mark.parametrize("f, rtol, atol", HIST)
def test_histogram(f, rtol, atol):
    run(f, rtol, atol)


HISTDD = [
    case("dd", lambda np: np.histogramdd(np.asarray(S3))),
    case("dd bins per dim", lambda np: np.histogramdd(np.asarray(S3), bins=(2, 3, 4))),
    case("dd edges per dim", lambda np: np.histogramdd(np.asarray(S3), bins=[np.asarray(EDGES), [-1, 0, 1], 3])),
    case("dd range", lambda np: np.histogramdd(np.asarray(S3), bins=3, range=[(-1, 1), None, (0, 2)])),
    case("dd density", lambda np: np.histogramdd(np.asarray(S3), bins=(2, 3, 4), density=True)),
    case("dd weights", lambda np: np.histogramdd(np.asarray(S3), bins=3, weights=np.asarray(SW))),
    case("dd int weights density", lambda np: np.histogramdd(np.asarray(S3), bins=3, density=True,
                                                             weights=np.asarray(numpy.arange(200)))),
    case("dd sequence", lambda np: np.histogramdd([np.asarray(S3[:, 0]), np.asarray(S3[:, 1])], bins=4)),
    case("dd 1-d sample", lambda np: np.histogramdd(np.asarray(S3[:, 0]), bins=5)),
    case("dd int sample", lambda np: np.histogramdd(np.asarray((S3 * 4).astype(int)), bins=4)),
    case("dd float32 sample", lambda np: np.histogramdd(np.asarray(S3.astype("float32")), bins=4)),
    case("dd on the last edge", lambda np: np.histogramdd(np.asarray(numpy.array([[0.0, 0.0], [1.0, 1.0], [1.0, 0.5]])),
                                                          bins=2)),
    case("dd nan inf", lambda np: np.histogramdd(np.asarray(numpy.array([[0.0, numpy.nan], [numpy.inf, 1.0],
                                                                         [0.5, 0.5]])), bins=[[0, 1], [0, 1]])),
    case("dd empty", lambda np: np.histogramdd(np.asarray(numpy.zeros((0, 2))), bins=2)),
    case("dd bins count", lambda np: np.histogramdd(np.asarray(S3), bins=(2, 3))),
    case("dd range count", lambda np: np.histogramdd(np.asarray(S3), range=[(0, 1)])),
    case("dd bins 0", lambda np: np.histogramdd(np.asarray(S3), bins=(2, 0, 3))),
    case("dd bins float", lambda np: np.histogramdd(np.asarray(S3), bins=(2, 1.5, 3))),
    case("dd bins decreasing", lambda np: np.histogramdd(np.asarray(S3), bins=(2, [1, 0], 3))),
    case("dd bins 2-d", lambda np: np.histogramdd(np.asarray(S3), bins=(2, [[1, 0]], 3))),
    case("dd range reversed", lambda np: np.histogramdd(np.asarray(S3), bins=2, range=[None, (1, 0), None])),
    case("dd weights complex", lambda np: np.histogramdd(np.asarray(S3), bins=2, weights=np.asarray(SW * 1j))),
    case("dd weights length", lambda np: np.histogramdd(np.asarray(S3), bins=2, weights=np.asarray(SW[:5]))),
    case("2d", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]))),
    case("2d bins int", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]), bins=4)),
    case("2d bins pair", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]), bins=[3, 5])),
    case("2d edges pair", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]),
                                                    bins=[np.asarray(EDGES), 4])),
    case("2d shared edges", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]),
                                                      bins=np.asarray(EDGES))),
    case("2d bins one", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]), bins=[3])),
    case("2d range density weights", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:, 1]), bins=3,
                                                               range=[[-1, 1], [-2, 2]], density=True,
                                                               weights=np.asarray(SW))),
    case("2d int", lambda np: np.histogram2d(np.asarray(AI[:50]), np.asarray(AI[50:100]), bins=3)),
    case("2d lists", lambda np: np.histogram2d([1, 2, 3], [3, 2, 1], bins=2)),
    case("dd list of lists", lambda np: np.histogramdd([[1, 2, 3], [3, 2, 1]], bins=2)),
    case("dd 3-d sample", lambda np: np.histogramdd(np.asarray(numpy.ones((2, 2, 2))))),
    case("2d lengths", lambda np: np.histogram2d(np.asarray(S3[:, 0]), np.asarray(S3[:5, 1]))),
]


@pytest.mark.parametrize("f, rtol, atol", HISTDD)
def test_histogramdd(f, rtol, atol):
    run(f, rtol, atol)




@pytest.mark.parametrize("kw", [{"bins": EDGES}, {"bins": 5, "range": (-1, 1)},
                                {"bins": 4, "range": (0, 2), "weights": AW}])
def test_histogram_counts_stay_lazy(kw):
    a = npt.array(A) * 2.0  # (a lazy input: counting it must not need its values read)
    h, e = npt.histogram(a, **{k: npt.array(v) if isinstance(v, numpy.ndarray) else v for k, v in kw.items()})
    assert npt.explain(a).kernels, "the data was computed by the call"
    assert any("scatter_add" in s.name for s in npt.explain(h).steps), "the counts are one scatter_add"
    want = numpy.histogram(A * 2.0, **kw)
    _same((h, e), want)


# ---- cov / corrcoef -----------------------------------------------------------

C = _rng.standard_normal((3, 12))
CY = _rng.standard_normal((2, 12))
FW = numpy.arange(12) % 3 + 1
AWT = _rng.uniform(0.1, 1.0, 12)
CC = C + 1j * C[::-1]

COV = [
    case("cov", lambda np: np.cov(np.asarray(C))),
    case("cov rowvar", lambda np: np.cov(np.asarray(C.T), rowvar=False)),
    case("cov 1-d", lambda np: np.cov(np.asarray(C[0]))),
    case("cov 1-d rowvar", lambda np: np.cov(np.asarray(C[0]), rowvar=False)),
    case("cov y", lambda np: np.cov(np.asarray(C), np.asarray(CY))),
    case("cov 1-d y", lambda np: np.cov(np.asarray(C[0]), np.asarray(C[1]))),
    case("cov y rowvar", lambda np: np.cov(np.asarray(C.T), np.asarray(CY.T), rowvar=False)),
    case("cov y 1-d rowvar", lambda np: np.cov(np.asarray(C.T), np.asarray(CY[0]), rowvar=False)),
    case("cov 2-d and 1-d y rowvar", lambda np: np.cov(np.asarray(numpy.arange(6.0).reshape(3, 2)),
                                                       np.asarray(numpy.arange(3.0)), rowvar=False)),
    case("cov bias", lambda np: np.cov(np.asarray(C), bias=True)),
    case("cov ddof", lambda np: np.cov(np.asarray(C), ddof=3)),
    case("cov ddof float", lambda np: np.cov(np.asarray(C), ddof=2.0)),
    case("cov fweights", lambda np: np.cov(np.asarray(C), fweights=np.asarray(FW))),
    case("cov aweights", lambda np: np.cov(np.asarray(C), aweights=np.asarray(AWT))),
    case("cov both weights", lambda np: np.cov(np.asarray(C), fweights=np.asarray(FW), aweights=np.asarray(AWT))),
    case("cov both weights ddof 0", lambda np: np.cov(np.asarray(C), ddof=0, fweights=FW.tolist(),
                                                      aweights=np.asarray(AWT))),
    case("cov int", lambda np: np.cov(np.asarray(numpy.arange(12).reshape(3, 4) ** 2))),
    case("cov float32", lambda np: np.cov(np.asarray(C.astype("float32")))),
    case("cov dtype float32", lambda np: np.cov(np.asarray(C.astype("float32")), dtype="float32")),
    case("cov dtype float32 weights", lambda np: np.cov(np.asarray(C), dtype="float32", aweights=np.asarray(AWT))),
    case("cov complex", lambda np: np.cov(np.asarray(CC))),
    case("cov complex64 weights", lambda np: np.cov(np.asarray(CC.astype("complex64")), aweights=np.asarray(AWT))),
    case("cov one observation", lambda np: np.cov(np.asarray(C[:, :1]))),
    case("cov no variables", lambda np: np.cov(np.asarray(numpy.zeros((0, 4))))),
    case("cov list", lambda np: np.cov([[1, 2, 4], [3, 1, 0]])),
    case("cov ddof not int", lambda np: np.cov(np.asarray(C), ddof=1.5)),
    case("cov 3-d", lambda np: np.cov(np.asarray(numpy.ones((2, 2, 2))))),
    case("cov y 3-d", lambda np: np.cov(np.asarray(C), np.asarray(numpy.ones((2, 2, 2))))),
    case("cov y mismatch", lambda np: np.cov(np.asarray(C), np.asarray(CY[:, :5]))),
    case("cov fweights not int", lambda np: np.cov(np.asarray(C), fweights=np.asarray(AWT))),
    case("cov fweights 2-d", lambda np: np.cov(np.asarray(C), fweights=np.asarray(numpy.ones((2, 12))))),
    case("cov fweights length", lambda np: np.cov(np.asarray(C), fweights=np.asarray(FW[:3]))),
    case("cov fweights negative", lambda np: np.cov(np.asarray(C), fweights=np.asarray(-FW))),
    case("cov aweights 2-d", lambda np: np.cov(np.asarray(C), aweights=np.asarray(numpy.ones((2, 12))))),
    case("cov aweights length", lambda np: np.cov(np.asarray(C), aweights=np.asarray(AWT[:3]))),
    case("cov aweights negative", lambda np: np.cov(np.asarray(C), aweights=np.asarray(-AWT))),
    case("cov aweights zero", lambda np: np.cov(np.asarray(C), aweights=np.asarray(numpy.zeros(12)))),
    case("corrcoef", lambda np: np.corrcoef(np.asarray(C))),
    case("corrcoef rowvar", lambda np: np.corrcoef(np.asarray(C.T), rowvar=False)),
    case("corrcoef y", lambda np: np.corrcoef(np.asarray(C), np.asarray(CY))),
    case("corrcoef 1-d pair", lambda np: np.corrcoef(np.asarray(C[0]), np.asarray(C[1]))),
    case("corrcoef 1-d", lambda np: np.corrcoef(np.asarray(C[0]))),
    case("corrcoef perfectly correlated", lambda np: np.corrcoef(np.asarray(C[0]), np.asarray(3 * C[0] + 1))),
    case("corrcoef int", lambda np: np.corrcoef(np.asarray(numpy.arange(12).reshape(3, 4) ** 2))),
    case("corrcoef float32", lambda np: np.corrcoef(np.asarray(C.astype("float32")), dtype="float32")),
    case("corrcoef complex", lambda np: np.corrcoef(np.asarray(CC))),
    case("corrcoef complex64", lambda np: np.corrcoef(np.asarray(CC.astype("complex64")))),
    case("corrcoef constant row", lambda np: np.corrcoef(np.asarray(numpy.vstack([C[:2], numpy.ones(12)])))),
    case("corrcoef 3-d", lambda np: np.corrcoef(np.asarray(numpy.ones((2, 2, 2))))),
]


@pytest.mark.parametrize("f, rtol, atol", COV)
def test_cov_corrcoef(f, rtol, atol):
    run(f, rtol, atol)




def _needs_clip(make):
    """The first pair (x, y) from make(rng) over seeds whose correlation, as
    NumPy computes it on this CPU, rounds past 1 (rounding differs by CPU)."""
    for seed in range(500):
        x, y = make(numpy.random.default_rng(seed))
        c = numpy.cov(numpy.vstack([x, y]))
        d = numpy.sqrt(numpy.diag(c).real)
        if (c / d[:, None] / d[None, :]).real.max() > 1.0:
            return x, y
    pytest.fail("no seed gives a correlation past 1")


def test_corrcoef_clipped():
    # a correlation that rounds past 1: NumPy clips the real part to [-1, 1]
    def real(r):
        x = r.standard_normal(5)
        return x, x * r.uniform(0.1, 10) + r.uniform(-5, 5)

    def cplx(r):
        z = r.standard_normal(4) + 1j * r.standard_normal(4)
        return z, z * r.uniform(0.1, 10) + r.uniform(-5, 5)

    x, y = _needs_clip(real)
    got = npt.corrcoef(npt.asarray(x), npt.asarray(y))
    _same(got, numpy.corrcoef(x, y), rtol=1e-15)  # (the products round apart by CPU)
    assert numpy.abs(numpy.asarray(got)).max() <= 1.0
    z, w = _needs_clip(cplx)
    got = npt.corrcoef(npt.asarray(z), npt.asarray(w))
    _same(got, numpy.corrcoef(z, w), rtol=1e-12, atol=1e-15)  # (complex products round apart)
    g = numpy.asarray(got)
    assert numpy.abs(g.real).max() <= 1.0 and numpy.abs(g.imag).max() <= 1.0


# ---- warnings -------------------------------------------------------------------

WARN = [
    case("histogram bool", lambda np: np.histogram(np.asarray(A > 0))),
    case("histogram stone suboptimal", lambda np: np.histogram(np.asarray(numpy.r_[numpy.zeros(30), numpy.ones(30),
                                                                                   1e6]), "stone")),
    case("histogram stone", lambda np: np.histogram(np.asarray(A), "stone")),
    case("polyfit rank", lambda np: np.polyfit(np.asarray(X20[:3]), np.asarray(Y20[:3]), 4)),
    case("polyfit rank full", lambda np: np.polyfit(np.asarray(X20[:3]), np.asarray(Y20[:3]), 4, full=True)),
    case("polyfit", lambda np: np.polyfit(np.asarray(X20), np.asarray(Y20), 2)),
    case("polydiv by a leading zero", lambda np: np.polydiv(np.asarray(P), [0.0, 1.0])),
    case("cov no degrees of freedom", lambda np: np.cov(np.asarray(C), ddof=12)),
    case("cov one degree of freedom", lambda np: np.cov(np.asarray(C), ddof=11)),
    case("cov weights no degrees of freedom", lambda np: np.cov(np.asarray(C), fweights=np.asarray(numpy.ones(12, int)),
                                                                ddof=12)),
]


@pytest.mark.parametrize("f, rtol, atol", WARN)
def test_warnings(f, rtol, atol):
    """The same warnings (category and text, in order) as NumPy's call."""
    seen = []
    for lib in (numpy, npt):
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            f(lib)
        seen.append([(x.category, str(x.message)) for x in w])
    assert seen[1] == seen[0], f"npt: {seen[1]}, NumPy: {seen[0]}"
