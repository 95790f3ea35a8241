"""median/quantile/percentile, their nan* forms and the nan* reductions
against NumPy, from one table over dtypes and shapes (0-d, empty, NaN and
all-NaN slices): values, dtypes, shapes, warnings' presence, errors; every
quantile method, weights, q scalar/1-D/2-D, axes and tuples of them;
gradients by finite differences where they are differentiable."""
import warnings

import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_same, assert_same_exception, numpy_or_exc

SHAPES = [(), (0,), (7,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "float16", "int8", "uint8", "int64", "bool"]
METHODS = ["inverted_cdf", "averaged_inverted_cdf", "closest_observation", "interpolated_inverted_cdf",
           "hazen", "weibull", "linear", "median_unbiased", "normal_unbiased", "lower", "higher",
           "midpoint", "nearest"]
INTERPOLATING = [m for m in METHODS if m not in ("inverted_cdf", "closest_observation", "lower", "higher",
                                                 "nearest")]
Q = numpy.array([0.0, 0.3, 0.5, 1.0])
Q2 = numpy.array([[0.1, 0.9], [0.25, 0.75]], dtype=numpy.float32)
QQ = numpy.array([0.0, 0.13, 0.29, 0.5, 0.61, 0.86, 1.0])  # between and at the order statistics


def _w(a, zeros=False):
    """Weights of a's shape (NumPy's): small integers, some zero if asked."""
    k = numpy.arange(int(numpy.prod(a.shape))).reshape(a.shape)
    return (k % 3).astype(float) if zeros else (1 + k % 3).astype(float)


CASES = {
    "median": lambda np, a: np.median(a),
    "median axis": lambda np, a: np.median(a, axis=0),
    "median axes keepdims": lambda np, a: np.median(a, axis=(0, -1), keepdims=True),
    "quantile": lambda np, a: np.quantile(a, 0.3),
    "quantile q int": lambda np, a: np.quantile(a, 1),
    "quantile q array axis": lambda np, a: np.quantile(a, Q, axis=-1),
    "quantile q 2-D float32": lambda np, a: np.quantile(a, Q2, axis=-1),
    "quantile q int array": lambda np, a: np.quantile(a, [0, 1], axis=0),
    "quantile keepdims": lambda np, a: np.quantile(a, [0.25, 0.75], axis=0, keepdims=True),
    "quantile axes": lambda np, a: np.quantile(a, Q, axis=(0, -1)),
    "quantile bad q": lambda np, a: np.quantile(a, 1.5),
    "quantile nan q": lambda np, a: np.quantile(a, [0.5, numpy.nan]),
    "quantile 3-D q": lambda np, a: np.quantile(a, numpy.zeros((1, 1, 1))),
    "quantile bad method": lambda np, a: np.quantile(a, 0.5, method="bogus"),
    "quantile bad axis": lambda np, a: np.quantile(a, 0.5, axis=3),
    "percentile": lambda np, a: np.percentile(a, [10, 50, 99], axis=-1),
    "percentile scalar": lambda np, a: np.percentile(a, 37.5, method="hazen"),
    "percentile bad q": lambda np, a: np.percentile(a, 150),
    "nanmedian": lambda np, a: np.nanmedian(a),
    "nanmedian axis": lambda np, a: np.nanmedian(a, axis=-1),
    "nanmedian axes keepdims": lambda np, a: np.nanmedian(a, axis=(0, -1), keepdims=True),
    "nanquantile": lambda np, a: np.nanquantile(a, 0.3),
    "nanquantile q array axis": lambda np, a: np.nanquantile(a, Q, axis=-1),
    "nanquantile q 2-D keepdims": lambda np, a: np.nanquantile(a, Q2, axis=0, keepdims=True),
    "nanquantile axes": lambda np, a: np.nanquantile(a, [0.2, 0.8], axis=(-1, 0)),
    "nanquantile bad q": lambda np, a: np.nanquantile(a, -0.1),
    "nanquantile bad method": lambda np, a: np.nanquantile(a, 0.5, method="bogus"),
    "nanpercentile": lambda np, a: np.nanpercentile(a, [10, 50, 99], axis=-1),
    "nanpercentile bad q": lambda np, a: np.nanpercentile(a, [50, 101]),
    "weights": lambda np, a: np.quantile(a, Q, method="inverted_cdf", weights=_w(a)),
    "weights axis": lambda np, a: np.quantile(a, 0.4, axis=-1, method="inverted_cdf", weights=_w(a)),
    "weights 1-D along axis": lambda np, a: np.quantile(a, Q, axis=-1, method="inverted_cdf",
                                                        weights=_w(a)[(0,) * (a.ndim - 1)]),
    "weights along axes": lambda np, a: np.percentile(a, [30, 70], axis=(-1, 0), method="inverted_cdf",
                                                      weights=_w(a)[(slice(None),) + (0,) * (a.ndim - 2)].T),
    "weights with zeros": lambda np, a: np.quantile(a, Q, axis=0, method="inverted_cdf",
                                                    weights=_w(a, zeros=True)),
    "weights negative": lambda np, a: np.quantile(a, 0.5, method="inverted_cdf", weights=-_w(a)),
    "weights bad method": lambda np, a: np.quantile(a, 0.5, method="linear", weights=_w(a)),
    "weights no axis": lambda np, a: np.quantile(a, 0.5, method="inverted_cdf", weights=numpy.ones(5)),
    "weights bad shape": lambda np, a: np.quantile(a, 0.5, axis=0, method="inverted_cdf",
                                                   weights=numpy.ones(5)),
    "nanquantile weights": lambda np, a: np.nanquantile(a, Q, axis=-1, method="inverted_cdf", weights=_w(a)),
    "nanpercentile weights": lambda np, a: np.nanpercentile(a, 50, method="inverted_cdf",
                                                            weights=_w(a, zeros=True)),
    "nansum": lambda np, a: np.nansum(a),
    "nansum axis": lambda np, a: np.nansum(a, axis=0, keepdims=True),
    "nanprod": lambda np, a: np.nanprod(a, axis=-1),
    "nanmean": lambda np, a: np.nanmean(a),
    "nanmean axis": lambda np, a: np.nanmean(a, axis=-1),
    "nanvar": lambda np, a: np.nanvar(a, axis=0),
    "nanstd ddof": lambda np, a: np.nanstd(a, ddof=1),
    "nanmax": lambda np, a: np.nanmax(a),
    "nanmin axis": lambda np, a: np.nanmin(a, axis=-1),
    "nanargmax": lambda np, a: np.nanargmax(a),
    "nanargmin axis": lambda np, a: np.nanargmin(a, axis=0),
    "nancumsum": lambda np, a: np.nancumsum(a, axis=-1),
    "nancumprod": lambda np, a: np.nancumprod(a),
    "nancumprod axis": lambda np, a: np.nancumprod(a, axis=0),
}
for _m in METHODS:  # every method, along an axis with q a vector, and of the whole with q a weak scalar
    CASES[f"quantile {_m}"] = lambda np, a, m=_m: np.quantile(a, QQ, axis=-1, method=m)
    CASES[f"quantile {_m} scalar"] = lambda np, a, m=_m: np.quantile(a, 0.4, method=m)
    CASES[f"nanquantile {_m}"] = lambda np, a, m=_m: np.nanquantile(a, QQ, axis=-1, method=m)
    CASES[f"nanpercentile {_m} scalar"] = lambda np, a, m=_m: np.nanpercentile(a, 40, axis=0, method=m)


def _data(shape, dtype, all_nan=False):
    n = int(numpy.prod(shape))
    x = numpy.round(numpy.sin(numpy.arange(n) * 1.7) * 4, 1)
    if dtype == "bool":
        return numpy.asarray((x > 0).reshape(shape))
    if numpy.dtype(dtype).kind == "u":
        x = numpy.abs(x)
    if numpy.dtype(dtype).kind == "f" and n > 3:
        x[1] = numpy.nan
        if all_nan:
            x[: shape[-1]] = numpy.nan
    return numpy.asarray(x.astype(dtype).reshape(shape))


def _run(mod, f, x):
    with warnings.catch_warnings(record=True) as w, numpy.errstate(all="ignore"):
        warnings.simplefilter("always")
        try:
            r = f(mod, x)
            if mod is npt:
                assert isinstance(r, npt.ndarray), type(r)
                r = numpy.asarray(r)
            return r, None, {str(m.message).rstrip(".") for m in w if m.category is RuntimeWarning}
        except Exception as e:  # noqa: BLE001
            return None, e, set()


NAN_WARNINGS = {"All-NaN slice encountered", "Mean of empty slice", "Degrees of freedom <= 0 for slice"}


INPUTS = [(s, d, False) for s in SHAPES for d in DTYPES] + [(s, "float64", True) for s in SHAPES if len(s) >= 2]


@pytest.mark.parametrize("shape,dtype,all_nan", INPUTS, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_order_statistics(name, shape, dtype, all_nan):
    f = CASES[name]
    x = _data(shape, dtype, all_nan)
    want, err, wwarn = _run(numpy, f, x)
    got, gerr, gwarn = _run(npt, f, npt.asarray(x))
    if isinstance(err, ValueError) and str(err).startswith("cannot reshape array of size 0"):
        # NumPy's median/quantile over several axes of an array with a zero
        # dim kept fails inside NumPy; npt gives what it means, an empty result
        # (or, for bool, the TypeError NumPy's lerp gives past that point)
        assert 0 in shape and (gerr is None and got.size == 0 or dtype == "bool" and type(gerr) is TypeError)
        return
    if err is not None or gerr is not None:
        assert type(gerr) is type(err), f"npt: {gerr!r}, NumPy: {err!r}"
        if not isinstance(err, IndexError):  # (NumPy's IndexError on empty input is an accident of its code)
            assert str(gerr) == str(err), f"npt: {gerr!r}, NumPy: {err!r}"
        return
    want = numpy.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype, got.shape, want.shape)
    rtol = {"float16": 1e-3, "float32": 1e-5}.get(dtype, 1e-12)
    rtol = max(rtol, {"float16": 1e-3, "float32": 1e-5}.get(want.dtype.name, 1e-12))
    numpy.testing.assert_allclose(got, want, rtol=rtol, atol=rtol, equal_nan=True)
    if name.split()[0] in ("nanmedian", "nanquantile", "nanpercentile", "median", "quantile", "percentile"):
        assert gwarn & NAN_WARNINGS == wwarn & NAN_WARNINGS, (gwarn, wwarn)
    else:
        assert gwarn & NAN_WARNINGS <= wwarn, (gwarn, wwarn)


@pytest.mark.parametrize("dtype", ["float64", "float32", "float16", "int16", "uint8"])
@pytest.mark.parametrize("q", [numpy.float32(0.4), numpy.float64(0.7), numpy.array([0.4, 1.0], numpy.float16),
                               numpy.array(0.0), numpy.array([0, 1], numpy.int8), True])
@pytest.mark.parametrize("method", METHODS)
def test_strong_q_dtypes(method, q, dtype):
    """q as a NumPy scalar or array of any dtype (strong, not a Python
    scalar): NumPy's result dtype (the virtual index's and gamma's dtype
    meets the input's); the data hold no NaN (see below)."""
    x = numpy.array([3.5, 1.25, 2.0, 7.0, 0.5], dtype=dtype)
    want, err = numpy_or_exc(numpy.quantile, x, q, method=method)
    got, gerr = numpy_or_exc(npt.quantile, npt.asarray(x), q, method=method)
    assert_same_exception(gerr, err)
    if err is None:
        assert_same(got, want)
        nwant = numpy.nanquantile(x, q, method=method)
        assert_same(npt.nanquantile(npt.asarray(x), q, method=method), nwant)


def test_nan_slice_gives_nan_in_the_results_dtype():
    """Not NumPy's: a 0-d quantile with a strong q of a slice holding a NaN
    is NumPy's NaN in the input's dtype (it returns the slice's last element);
    npt keeps the dtype the values decide (float64 here), as dtypes are known
    before values are."""
    x = numpy.array([1.0, numpy.nan, 2.0], numpy.float32)
    r = npt.quantile(npt.asarray(x), numpy.float64(0.5))
    assert r.dtype == numpy.float64 and numpy.isnan(float(r))
    assert numpy.quantile(x, numpy.float64(0.5)).dtype == numpy.float32


def test_values_at_the_ends():
    """Infinities: NumPy's lerp of inf and inf is inf - inf, NaN (so q=1 of
    [1, inf] is NaN); the nan forms skip NaNs, not infs."""
    for f in ("quantile", "nanquantile"):
        for x in ([1.0, numpy.inf], [-numpy.inf, 0.0, numpy.inf], [numpy.nan, -numpy.inf, 2.0]):
            for q in (0.0, 0.5, 0.9, 1.0):
                with numpy.errstate(all="ignore"):
                    want = getattr(numpy, f)(numpy.array(x), q)
                assert_same(getattr(npt, f)(npt.asarray(x), q), want)


def test_all_nan_slices_warn_and_give_nan():
    x = numpy.array([[numpy.nan, numpy.nan, numpy.nan], [1.0, numpy.nan, 3.0]])
    calls = [lambda np, a: np.nanmedian(a, axis=1), lambda np, a: np.nanmedian(a[0]),
             lambda np, a: np.nanquantile(a, [0.2, 0.9], axis=-1),
             lambda np, a: np.nanpercentile(a, 50, axis=1, method="inverted_cdf", weights=numpy.ones((2, 3))),
             lambda np, a: np.nanpercentile(a, 50, axis=1, method="nearest", keepdims=True)]
    for f in calls:
        with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
            want = f(numpy, x)
        with pytest.warns(RuntimeWarning, match="All-NaN slice encountered"):
            got = f(npt, npt.asarray(x))
        assert_same(got, want)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no warning where every slice has a value
        npt.nanmedian(npt.asarray(x[1:]), axis=1)
        npt.nanquantile(npt.asarray(x[:, ::2]), 0.5, axis=0)
    with pytest.warns(RuntimeWarning, match="Mean of empty slice"):  # empty input: nanmean's, whatever q
        assert_same(npt.nanquantile(npt.zeros((0, 3)), [0.1, 0.5], axis=0),
                    numpy.full(3, numpy.nan))


def test_weights_errors():
    x = numpy.arange(12.0).reshape(3, 4)
    for w, axis, kw in [(numpy.zeros((3, 4)), None, {}), (numpy.ones(4), None, {}),
                        (numpy.ones((4, 3)), (0, 1), {}), (numpy.ones(3), 1, {}),
                        (-numpy.ones((3, 4)), None, {}), (numpy.full((3, 4), numpy.inf), 1, {}),
                        (numpy.ones((3, 4)), 2, {}), (numpy.ones((3, 4)), None, {"method": "hazen"})]:
        for f in ("quantile", "nanpercentile"):
            kw2 = {"method": "inverted_cdf", **kw}
            _, err = numpy_or_exc(getattr(numpy, f), x, 0.5, axis=axis, weights=w, **kw2)
            _, gerr = numpy_or_exc(getattr(npt, f), npt.asarray(x), 0.5, axis=axis, weights=w, **kw2)
            assert err is not None
            assert_same_exception(gerr, err)


def test_nan_weights_along_an_axis():
    """Not NumPy's: NumPy 2.4's nanquantile fails (an IndexError inside it)
    when the weights have only the reduced axes' shape; npt broadcasts them,
    as quantile does, so it equals weights of a's shape."""
    x = numpy.array([[3.0, numpy.nan, 1.0, 2.0], [numpy.nan, 5.0, 4.0, 0.0]])
    w = numpy.array([1.0, 2.0, 0.0, 3.0])
    got = npt.nanquantile(npt.asarray(x), [0.2, 0.6], axis=1, method="inverted_cdf", weights=w)
    want = numpy.nanquantile(x, [0.2, 0.6], axis=1, method="inverted_cdf",
                             weights=numpy.broadcast_to(w, x.shape))
    assert_same(got, want)


@pytest.mark.parametrize("f", ["median", "nanmedian", "quantile", "nanquantile", "percentile", "nanpercentile"])
def test_out(f):
    """out=: the result stored there and out returned; NumPy's rules for
    each (median: its mean's, quantile: its lerp's add, nan*: out[...] = r)."""
    x = _data((2, 3, 4), "float64")
    args = () if "median" in f else ([30.0, 60.0] if "per" in f else [0.3, 0.6],)
    want = getattr(numpy, f)(x, *args, axis=(0, 2), keepdims=True)
    o = npt.zeros(want.shape, dtype="float32")
    r = getattr(npt, f)(npt.asarray(x), *args, axis=(0, 2), out=o, keepdims=True)
    assert r is o
    assert_same(o, want.astype(numpy.float32))
    rshape = getattr(numpy, f)(x, *args, axis=1).shape
    for shape, dtype in [((5,), "float64"), ((3,) + rshape, "float64"), (rshape, "int32"),
                         (rshape[:-1] + (1,), "float64")]:
        _, err = numpy_or_exc(getattr(numpy, f), x, *args, axis=1, out=numpy.zeros(shape, dtype))
        got, gerr = numpy_or_exc(getattr(npt, f), npt.asarray(x), *args, axis=1, out=npt.zeros(shape, dtype))
        if err is None:
            want = numpy.zeros(shape, dtype)
            getattr(numpy, f)(x, *args, axis=1, out=want)
            assert_same(got, want)
        else:
            assert type(gerr) is type(err), (gerr, err)
            if "median" not in f or "dimensions" in str(err):
                assert str(gerr) == str(err)


def _nan_data():
    x = numpy.sin(numpy.arange(24.0) * 1.3).reshape(2, 3, 4) * 2  # (no ties)
    x[0, 1, 2] = x[1, 0, 0] = x[1, 2, 1] = x[1, 2, 3] = numpy.nan
    return x


GRADIENTS = {
    "median axis": CASES["median axis"], "percentile": CASES["percentile"],
    "nansum axis": CASES["nansum axis"], "nanmean axis": CASES["nanmean axis"],
    "nanvar": CASES["nanvar"], "nanmax": CASES["nanmax"],
    "nanmedian axis": lambda np, a: np.nanmedian(a, axis=-1),
    "nanmedian": lambda np, a: np.nanmedian(a),
    "nanmedian axes": lambda np, a: np.nanmedian(a, axis=(0, 2)),
    "nanquantile axes": lambda np, a: np.nanquantile(a, [0.1, 0.45, 0.8], axis=(2, 0)),
    "nanpercentile": lambda np, a: np.nanpercentile(a, 37, axis=-1),
}
for _m in INTERPOLATING:
    GRADIENTS[f"quantile {_m}"] = lambda np, a, m=_m: np.quantile(a, QQ, axis=-1, method=m)
    GRADIENTS[f"nanquantile {_m}"] = lambda np, a, m=_m: np.nanquantile(a, QQ[1:-1], axis=(0, 1), method=m)


@pytest.mark.parametrize("name", sorted(GRADIENTS))
def test_order_statistics_gradients(name):
    f = GRADIENTS[name]
    x0 = _nan_data() if name.startswith("nan") else numpy.sin(numpy.arange(24.0) * 1.3).reshape(2, 3, 4) * 2

    def loss(x):
        r = f(npt, x)
        return (r * numpy.cos(numpy.arange(r.size)).reshape(r.shape)).sum()
    g = assert_grad_matches_fd(loss, x0)
    assert numpy.abs(g).sum() > 0.5  # (the gradient reaches the values picked)
    assert not g[numpy.isnan(x0)].any()  # and never a NaN, which no result depends on
