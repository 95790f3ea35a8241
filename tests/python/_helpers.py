"""Helpers shared by the npt differential tests (NumPy is the reference)."""
import warnings

import numpy as np
import pytest

import npt

REAL_DTYPES = ["bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
               "float16", "float32", "float64"]
ALL_DTYPES = REAL_DTYPES + ["complex64", "complex128"]
INT_DTYPES = [d for d in REAL_DTYPES if np.dtype(d).kind in "iu"]
FLOAT_DTYPES = ["float16", "float32", "float64"]

RTOL = {"float16": 1e-2, "float32": 1e-5, "float64": 1e-6, "complex64": 1e-5, "complex128": 1e-6}


def rtol_for(dtype):
    return RTOL.get(np.dtype(dtype).name, 0)


def assert_same(result, expected, rtol=None, atol=0.0):
    """``result`` (npt) equals ``expected`` (NumPy) in type, dtype, shape and values."""
    assert isinstance(result, npt.ndarray), f"expected an npt.ndarray, got {type(result)}"
    expected = np.asarray(expected)
    assert result.dtype == expected.dtype, f"dtype {result.dtype} != NumPy's {expected.dtype}"
    assert result.shape == expected.shape, f"shape {result.shape} != NumPy's {expected.shape}"
    got = np.asarray(result)
    assert got.dtype == expected.dtype
    assert got.shape == expected.shape
    if expected.dtype.kind in "fc":
        r = rtol_for(expected.dtype) if rtol is None else rtol
        np.testing.assert_allclose(got, expected, rtol=r, atol=atol, equal_nan=True)
    else:
        np.testing.assert_array_equal(got, expected, strict=True)


def values(dtype, shape, domain="any", rng=None):
    """A NumPy array of ``dtype`` and ``shape`` with values safe for ``domain``.

    Domains: any, pos (> 0), unit ([-1, 1]), small (|x| <= 5), nonzero,
    powbase (small bases), powexp (non-negative / small exponents), full
    (the whole integer range).
    """
    rng = np.random.default_rng(0) if rng is None else rng
    dt = np.dtype(dtype)
    n = int(np.prod(shape, dtype=np.int64))
    if dt.kind == "b":
        if domain in ("nonzero", "pos"):
            return np.ones(shape, dtype=dt)
        return (rng.integers(0, 2, n) == 1).reshape(shape)
    if dt.kind in "iu":
        unsigned = dt.kind == "u"
        lo, hi = {
            "any": (0, 40) if unsigned else (-20, 20),
            "pos": (1, 20),
            "unit": (0, 1) if unsigned else (-1, 1),
            "small": (0, 5) if unsigned else (-5, 5),
            "nonzero": (1, 20),
            "powbase": (0, 3) if unsigned else (-3, 3),
            "powexp": (0, 4),
            "full": (np.iinfo(dt).min, np.iinfo(dt).max),
        }[domain]
        v = rng.integers(lo, hi, n, dtype=dt, endpoint=True)
        if domain == "nonzero" and not unsigned:
            v = v * rng.choice(np.array([-1, 1], dtype=dt), n)
        return v.reshape(shape)
    if dt.kind == "c":  # both parts from the real part's domain (pos: Re > 0)
        part = np.finfo(dt).dtype
        re = values(part, shape, domain, rng)
        im = values(part, shape, "unit" if domain == "pos" else domain, rng)
        return (re + 1j * im.astype(dt)).astype(dt)
    # floats
    if domain == "any":
        v = rng.uniform(-20, 20, n)
    elif domain == "pos":
        v = rng.uniform(0.1, 20, n)
    elif domain == "unit":
        v = rng.uniform(-1, 1, n)
    elif domain in ("small", "full"):
        v = rng.uniform(-5, 5, n)
    elif domain == "nonzero":
        v = rng.uniform(0.5, 20, n) * rng.choice([-1.0, 1.0], n)
    elif domain == "powbase":
        v = rng.uniform(0.5, 4, n)
    elif domain == "powexp":
        v = rng.uniform(-3, 3, n)
    else:
        raise ValueError(domain)
    return v.astype(dt).reshape(shape)


def numpy_or_exc(f, *args, **kwargs):
    """(result, None) or (None, exception) from a NumPy (or npt) call, with
    warnings silenced; npt results are materialized inside, so an error found
    when the values are computed counts as the call's."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            r = f(*args, **kwargs)
            for x in r if isinstance(r, (tuple, list)) else (r,):
                if isinstance(x, npt.ndarray):
                    np.asarray(x)
            return r, None
        except Exception as e:  # noqa: BLE001  (we mirror whatever NumPy raises)
            return None, e


def assert_same_exception(got, want):
    """npt raised NumPy's exception: the same type and text (either may be None)."""
    assert type(got) is type(want) and str(got) == str(want), f"npt: {got!r}, NumPy: {want!r}"


def fd_grad(f, x, h=1e-6):
    """Central differences of scalar f at x (float64 NumPy)."""
    x = np.array(x, dtype=np.float64)
    g = np.zeros_like(x)
    flat, gf = x.reshape(-1), g.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        fp = f(x)
        flat[i] = old - h
        fm = f(x)
        flat[i] = old
        gf[i] = (fp - fm) / (2 * h)
    return g


def assert_grad_matches_fd(loss, x0, rtol=1e-6, atol=1e-7):
    """npt.grad of loss (npt array -> npt scalar) at x0 equals central differences."""
    g = np.asarray(npt.grad(loss)(npt.asarray(x0)))
    np.testing.assert_allclose(g, fd_grad(lambda x: float(loss(npt.asarray(x))), x0), rtol=rtol, atol=atol)
    return g


def public_exc_type(exc):
    """The public exception type to expect: NumPy's private subclasses (e.g.
    ``_UFuncNoLoopError``) map to their first builtin / ``numpy.exceptions`` base."""
    for cls in type(exc).__mro__:
        if cls.__module__ in ("builtins", "numpy.exceptions"):
            return cls
    return Exception


def check_like_numpy(np_call, npt_call, rtol=None, atol=0.0):
    """Run both; values must match, or npt must raise NumPy's exception type at the call."""
    expected, exc = numpy_or_exc(np_call)
    if exc is not None:
        with pytest.raises(public_exc_type(exc)):
            npt_call()
        return None
    result = npt_call()
    assert_same(result, expected, rtol=rtol, atol=atol)
    return result


def assert_results_same(got, want, rtol=None, atol=0.0):
    """assert_same over a result or a tuple of them (NumPy's namedtuples too);
    a Python or NumPy bool answer (allclose, array_equal) must be the same object type."""
    if isinstance(want, tuple):
        assert isinstance(got, tuple) and len(got) == len(want), f"npt: {got!r}, NumPy: {want!r}"
        for g, w in zip(got, want):
            assert_results_same(g, w, rtol=rtol, atol=atol)
    elif isinstance(want, (bool, np.bool_)) and not isinstance(got, npt.ndarray):
        assert type(got) is type(want) and got == want, f"npt: {got!r}, NumPy: {want!r}"
    else:
        assert_same(got, np.asarray(want), rtol=rtol, atol=atol)


def assert_like_numpy(f, *args, rtol=None, atol=0.0):
    """f(numpy, *args) against f(npt, *args as npt arrays): the same results,
    or the same exception (type and text)."""
    want, err = numpy_or_exc(f, np, *args)
    got, gerr = numpy_or_exc(f, npt, *[npt.asarray(a) if isinstance(a, np.ndarray) else a for a in args])
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    assert_results_same(got, want, rtol=rtol, atol=atol)


def small_ints(shape, dtype):
    """Repeating small integers (-2..4) of dtype and shape (complex: a second part)."""
    x = (np.arange(int(np.prod(shape))) % 7 - 2).reshape(shape)
    if np.dtype(dtype).kind == "c":
        return np.asarray((x + 0.5j * x).astype(dtype))
    return np.asarray(x.astype(dtype))


def assert_layout_like_numpy(f, x):
    """f(numpy, x) against f(npt, x): the same results (or exception), each a
    view or a copy as NumPy's, C/F-contiguous as NumPy's, and the input
    itself where NumPy returns its input."""
    a = npt.asarray(x)
    want, err = numpy_or_exc(f, np, x)
    got, gerr = numpy_or_exc(f, npt, a)
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    if isinstance(want, (list, tuple)):
        assert isinstance(got, (list, tuple)) and len(got) == len(want), f"npt: {got!r}, NumPy: {want!r}"
        pairs = list(zip(got, want))
    else:
        pairs = [(got, want)]
    for g, w in pairs:
        assert_same(g, w)
        assert (g.flags.c_contiguous, g.flags.f_contiguous) == (w.flags.c_contiguous, w.flags.f_contiguous), \
            "C/F contiguous as NumPy's"
        assert npt.shares_memory(g, a) == np.shares_memory(w, x), "view or copy as NumPy"
        assert (g is a) == (w is x), "the input itself where NumPy returns it"
