"""median/quantile/percentile and the nan* reductions against NumPy, from
one table over dtypes and shapes (0-d, empty, NaN and all-NaN slices):
values, dtypes, shapes, warnings' presence, errors; gradients by finite
differences where they are differentiable."""
import warnings

import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd

SHAPES = [(), (0,), (7,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "float32", "int32", "bool"]
Q = numpy.array([0.0, 0.3, 0.5, 1.0])
CASES = {
    "median": lambda np, a: np.median(a),
    "median axis": lambda np, a: np.median(a, axis=0),
    "median axes keepdims": lambda np, a: np.median(a, axis=(0, -1), keepdims=True),
    "quantile": lambda np, a: np.quantile(a, 0.3),
    "quantile q array axis": lambda np, a: np.quantile(a, Q, axis=-1),
    "quantile keepdims": lambda np, a: np.quantile(a, [0.25, 0.75], axis=0, keepdims=True),
    "quantile lower": lambda np, a: np.quantile(a, Q, method="lower"),
    "quantile higher": lambda np, a: np.quantile(a, Q, method="higher"),
    "quantile midpoint": lambda np, a: np.quantile(a, Q, axis=0, method="midpoint"),
    "quantile nearest": lambda np, a: np.quantile(a, numpy.array([0.1, 0.5, 0.9]), method="nearest"),
    "quantile bad q": lambda np, a: np.quantile(a, 1.5),
    "quantile bad method": lambda np, a: np.quantile(a, 0.5, method="bogus"),
    "percentile": lambda np, a: np.percentile(a, [10, 50, 99], axis=-1),
    "percentile bad q": lambda np, a: np.percentile(a, 150),
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
}


def _data(shape, dtype, all_nan=False):
    n = int(numpy.prod(shape))
    x = numpy.round(numpy.sin(numpy.arange(n) * 1.7) * 4, 1)
    if dtype == "bool":
        return numpy.asarray((x > 0).reshape(shape))
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
                r = numpy.asarray(r)
            return r, None, {str(m.message).rstrip(".") for m in w if m.category is RuntimeWarning}
        except Exception as e:  # noqa: BLE001
            return None, e, set()


@pytest.mark.parametrize("all_nan", [False, True])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("name", sorted(CASES))
def test_order_statistics(name, shape, dtype, all_nan):
    if all_nan and (dtype != "float64" or len(shape) < 2):
        return
    f = CASES[name]
    x = _data(shape, dtype, all_nan)
    want, err, wwarn = _run(numpy, f, x)
    got, gerr, gwarn = _run(npt, f, npt.asarray(x))
    if isinstance(err, ValueError) and str(err).startswith("cannot reshape array of size 0"):
        return  # NumPy's median of an empty slice with several axes and keepdims fails inside NumPy
    if err is not None or gerr is not None:
        assert type(gerr) is type(err), f"npt: {gerr!r}, NumPy: {err!r}"
        if not isinstance(err, IndexError):  # (NumPy's IndexError on empty input is an accident of its code)
            assert str(gerr) == str(err), f"npt: {gerr!r}, NumPy: {err!r}"
        return
    want = numpy.asarray(want)
    assert got.dtype == want.dtype and got.shape == want.shape, (got.dtype, want.dtype, got.shape, want.shape)
    rtol = 1e-5 if "float32" in (dtype, want.dtype.name) else 1e-12
    numpy.testing.assert_allclose(got, want, rtol=rtol, atol=rtol, equal_nan=True)
    nan_warnings = {"All-NaN slice encountered", "Mean of empty slice", "Degrees of freedom <= 0 for slice"}
    assert gwarn & nan_warnings <= wwarn, (gwarn, wwarn)


@pytest.mark.parametrize("name", ["median axis", "quantile q array axis", "percentile", "nansum axis",
                                  "nanmean axis", "nanvar", "nanmax", "quantile midpoint"])
def test_order_statistics_gradients(name):
    f = CASES[name]
    x0 = numpy.sin(numpy.arange(24.0) * 1.3).reshape(2, 3, 4) * 2

    def loss(x):
        r = f(npt, x)
        return (r * numpy.cos(numpy.arange(r.size)).reshape(r.shape)).sum()
    assert_grad_matches_fd(loss, x0)
