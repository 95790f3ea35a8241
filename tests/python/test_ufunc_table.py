"""Every NumPy ufunc, on every loop NumPy has for npt's dtypes, against NumPy:
random and edge inputs (0, -0., +-inf, nan, int extremes, subnormals),
values, dtypes and errors; type resolution on every dtype pair; gradients
against finite differences. Generated from the OpInfo table (opinfo.py)."""
import inspect

import numpy as np
import pytest

import npt
from _helpers import ALL_DTYPES, numpy_or_exc, public_exc_type, rtol_for, values
from opinfo import ALIASES, BY_NAME, GUFUNCS, OPS, edge_values
from test_autodiff import check_grad

# (numpy.__all__, not dir(numpy): other libraries add names to NumPy's module, as numexpr its expm1x)
NUMPY_UFUNCS = sorted(n for n in np.__all__ if isinstance(getattr(np, n), np.ufunc))


def test_every_numpy_ufunc_is_an_npt_ufunc_with_numpys_attributes():
    for name in NUMPY_UFUNCS:
        ours, theirs = getattr(npt, name, None), getattr(np, name)
        assert isinstance(ours, npt.ufunc), name
        assert (ours.nin, ours.nout, ours.nargs) == (theirs.nin, theirs.nout, theirs.nargs), name
        assert ours.identity == theirs.identity or (ours.identity is None) == (theirs.identity is None)
        assert ours.signature == theirs.signature, name
        assert ours.__name__ == theirs.__name__
        assert repr(ours) == repr(theirs)
        assert inspect.signature(ours) == inspect.signature(theirs), name
        assert set(ours.types) <= set(theirs.types), name
        assert ours.types or name == "isnat", name  # isnat: datetimes only
        assert ours.ntypes == len(ours.types)
    # every ufunc has a row in the table, and aliases are the same objects, as NumPy's
    canonical = {getattr(np, n).__name__ for n in NUMPY_UFUNCS}
    assert canonical == set(BY_NAME), canonical ^ set(BY_NAME)
    for alias, name in ALIASES.items():
        assert getattr(np, alias) is getattr(np, name)
        assert getattr(npt, alias) is getattr(npt, name), alias


def _loop_cases():
    for op in OPS:
        for loop in op.loops():
            yield pytest.param(op, loop, id=f"{op.name}-{'-'.join(loop)}")


def _inputs(op, loop, rng):
    """NumPy inputs for one loop: for elementwise ops, every pair of edge and random values."""
    if op.name in GUFUNCS:
        shapes = {"matmul": ((3, 4), (4, 2)), "vecdot": ((3, 4), (4,)),
                  "matvec": ((2, 3, 4), (4,)), "vecmat": ((3,), (3, 5))}[op.name]
        return [values(dt, s, "small", rng) for dt, s in zip(loop, shapes)]
    cols = []
    for i, dt in enumerate(loop):
        dom = op.domains[i] if i < len(op.domains) else "any"
        v = np.concatenate([edge_values(dt), values(dt, (12,), dom, rng)])
        if i == 1 and op.nonneg_exponent and np.dtype(dt).kind in "iu":
            v = v[v >= 0]
        cols.append(v)
    if len(cols) == 1:
        return cols
    return [cols[0][:, None], cols[1][None, :]]  # the grid of all pairs


def _assert_matches(got, want, ulps, what, rtol=None):
    """npt's result equals NumPy's: dtype, shape, and values (NaNs, infinities and the
    signs of zeros included); floats within `ulps`, or `rtol` of the largest value
    (sums, whose rounding depends on the order of the terms)."""
    want = np.asarray(want)
    assert isinstance(got, npt.ndarray), what
    assert got.dtype == want.dtype, f"{what}: dtype {got.dtype} != NumPy's {want.dtype}"
    assert got.shape == want.shape, what
    g = np.asarray(got)
    if want.dtype.kind == "c":
        _assert_complex_matches(g, want, ulps, what, rtol)
        return
    if want.dtype.kind != "f":
        np.testing.assert_array_equal(g, want, err_msg=what, strict=True)
        return
    nan = np.isnan(want)
    np.testing.assert_array_equal(np.isnan(g), nan, err_msg=f"{what}: NaN positions")
    if rtol is not None:
        scale = float(np.max(np.abs(want), initial=1.0))
        np.testing.assert_allclose(g, want, rtol=rtol, atol=rtol * scale, err_msg=what)
        return
    if ulps == 0:
        np.testing.assert_array_equal(g[~nan], want[~nan], err_msg=what, strict=True)
        np.testing.assert_array_equal(np.signbit(g[~nan]), np.signbit(want[~nan]),
                                      err_msg=f"{what}: signs of zeros")
        return
    fin = np.isfinite(want)
    np.testing.assert_array_equal(g[~fin & ~nan], want[~fin & ~nan], err_msg=f"{what}: infinities")
    w = want[fin].astype(np.float64)
    with np.errstate(over="ignore"):  # the spacing of the largest float is inf
        tol = ulps * np.spacing(np.abs(want[fin])).astype(np.float64)
    bad = ~(np.abs(g[fin].astype(np.float64) - w) <= tol)
    assert not bad.any(), (f"{what}: {bad.sum()} elements beyond {ulps} ulps, e.g. "
                           f"npt {g[fin][bad][:4]} numpy {want[fin][bad][:4]}")


def _assert_complex_matches(g, want, ulps, what, rtol):
    """Complex results: each part's NaNs, infinities and zero signs as NumPy's; finite
    parts equal (ulps 0), or within `ulps` of the larger part's spacing (a part that
    cancels is only as exact as the value's magnitude), or within `rtol` (sums)."""
    for part in ("real", "imag"):
        gp, wp = getattr(g, part), getattr(want, part)
        nan = np.isnan(wp)
        np.testing.assert_array_equal(np.isnan(gp), nan, err_msg=f"{what}: {part} NaN positions")
        fin = np.isfinite(wp)
        np.testing.assert_array_equal(gp[~fin & ~nan], wp[~fin & ~nan], err_msg=f"{what}: {part} infinities")
        if rtol is not None:
            scale = float(np.max(np.abs(want), initial=1.0))
            np.testing.assert_allclose(gp, wp, rtol=rtol, atol=rtol * scale, err_msg=what)
            continue
        if ulps == 0:
            np.testing.assert_array_equal(gp[fin], wp[fin], err_msg=f"{what}: {part}", strict=True)
            np.testing.assert_array_equal(np.signbit(gp[fin]), np.signbit(wp[fin]),
                                          err_msg=f"{what}: {part} signs of zeros")
            continue
        mag = np.maximum(np.abs(want.real), np.abs(want.imag))[fin]
        with np.errstate(over="ignore", invalid="ignore"):
            tol = ulps * np.spacing(np.where(np.isfinite(mag), mag, 0)).astype(np.float64)
        bad = ~(np.abs(gp[fin].astype(np.float64) - wp[fin].astype(np.float64)) <= tol)
        assert not bad.any(), (f"{what}: {part}: {bad.sum()} elements beyond {ulps} ulps, e.g. "
                               f"npt {g[fin][bad][:4]} numpy {want[fin][bad][:4]}")


@pytest.mark.parametrize("op,loop", list(_loop_cases()))
def test_loop_matches_numpy(op, loop, rng):
    args = _inputs(op, loop, rng)
    want, exc = numpy_or_exc(op.ufunc, *args)
    fn = getattr(npt, op.name)
    if exc is not None:
        with pytest.raises(public_exc_type(exc)) as got:
            np.asarray(fn(*[npt.asarray(a) for a in args]))
        assert str(got.value) == str(exc)
        return
    got = fn(*[npt.asarray(a) for a in args])
    if op.ufunc.nout == 1:
        got, want = (got,), (want,)
    assert isinstance(got, tuple) and len(got) == len(want)
    rtol = rtol_for(loop[0]) if op.name in GUFUNCS and np.dtype(loop[0]).kind in "fc" else None
    cx = np.dtype(loop[0]).kind == "c"
    ulps = op.complex_ulps if cx and op.complex_ulps is not None else op.ulps
    for k, (g, w) in enumerate(zip(got, want)):
        _assert_matches(g, w, ulps, f"{op.name}{loop} output {k}", rtol)


@pytest.mark.parametrize("op", [op for op in OPS if op.name not in GUFUNCS], ids=lambda o: o.name)
def test_type_resolution_on_every_dtype(op):
    """Result dtypes (or NumPy's TypeError) for every dtype, every pair of dtypes, and with
    weak Python scalars: recorded only, so this costs no kernels."""
    nin = op.ufunc.nin
    scalars = [True, 3, -3, 2.5, 1j]
    cases = [[np.ones(2, dt)] * nin for dt in ALL_DTYPES]
    if nin == 2:
        cases += [[np.ones(2, a), np.ones(2, b)] for a in ALL_DTYPES for b in ALL_DTYPES]
        cases += [[np.ones(2, a), s] for a in ALL_DTYPES for s in scalars]
        cases += [[s, np.ones(2, a)] for a in ALL_DTYPES for s in scalars]
    for args in cases:
        want, exc = numpy_or_exc(op.ufunc, *args)
        what = f"{op.name}{tuple(getattr(a, 'dtype', a) for a in args)}"
        ours = [npt.asarray(a) if isinstance(a, np.ndarray) else a for a in args]
        if exc is not None:
            with pytest.raises(public_exc_type(exc)) as got:
                r = getattr(npt, op.name)(*ours)
                if op.name == "power":  # int ** negative int: NumPy raises on the values
                    np.asarray(r)
            assert str(got.value) == str(exc), what
            continue
        got = getattr(npt, op.name)(*ours)
        got = got if isinstance(got, tuple) else (got,)
        want = want if isinstance(want, tuple) else (want,)
        assert [g.dtype for g in got] == [np.asarray(w).dtype for w in want], what


@pytest.mark.parametrize("op", [op for op in OPS if op.grad], ids=lambda o: o.name)
def test_gradient_matches_finite_differences(op, rng):
    nin = op.ufunc.nin
    doms = {"any": (-2, 2), "pos": (0.5, 2), "nonzero": (0.5, 2), "small": (-1.5, 1.5),
            "unit": (-0.8, 0.8), "above1": (1.2, 3)}
    lo, hi = doms[op.grad]
    xs = [rng.uniform(lo, hi, size=(3, 4))]
    if nin == 2:
        second = rng.uniform(lo, hi, size=(4,))
        if op.name == "ldexp":
            second = rng.integers(-3, 4, size=(4,))
        if op.name in ("remainder", "fmod"):  # away from the jumps
            xs[0], second = rng.uniform(2.1, 2.9, (3, 4)), rng.uniform(1.1, 1.9, (4,))
        if op.name in ("maximum", "minimum", "fmax", "fmin"):
            second = second + 0.01  # no ties
        xs.append(second)
    argnums = (0,) if nin == 1 or op.name == "ldexp" else (0, 1)
    check_grad(lambda m, *a: getattr(m, op.name)(*a), *xs, argnums=argnums)


# ---- the ufunc interface: options, methods, errors ---------------------------
def test_call_options_follow_numpy():
    a8, a16 = np.arange(4, dtype=np.int8), np.arange(4, dtype=np.int16)
    for kw in ({"dtype": np.float32}, {"dtype": "float16"}, {"signature": (None, None, "f")},
               {"casting": "no"}, {"casting": "unsafe", "dtype": np.int8}, {"order": "F"},
               {"dtype": int}, {"subok": True}):
        for args in ((a8, a16), (a8, 2.5), (a16, 3)):
            want, exc = numpy_or_exc(np.add, *args, **kw)
            ours = [npt.asarray(x) if isinstance(x, np.ndarray) else x for x in args]
            if exc is not None:
                with pytest.raises(public_exc_type(exc)) as got:
                    npt.add(*ours, **kw)
                assert str(got.value) == str(exc), kw
            else:
                _assert_matches(npt.add(*ours, **kw), want, 0, str(kw))
    _assert_matches(npt.sqrt(np.arange(3), dtype=np.float32), np.sqrt(np.arange(3), dtype=np.float32), 1, "")
    with pytest.raises(TypeError, match="takes from 2 to 3 positional arguments but 1 was given"):
        npt.add(1)
    with pytest.raises(TypeError, match="unexpected keyword argument 'foo'"):
        npt.sin(1.0, foo=2)
    with pytest.raises(TypeError, match="cannot specify both 'signature' and 'dtype'"):
        npt.add(1, 2, dtype=float, signature=(None, None, "d"))
    o = npt.ones(2)
    assert npt.add(npt.ones(2), 1, out=o) is o and np.asarray(o).tolist() == [2, 2]
    assert npt.add(npt.ones(2), 2, o) is o and np.asarray(o).tolist() == [3, 3]  # out positional
    assert np.asarray(npt.add(np.ones(2), 1, out=None)).tolist() == [2, 2]
    assert [np.asarray(r).tolist() for r in npt.divmod(7, 2, out=(None, None))] == [3, 1]


@pytest.mark.parametrize("name", ["add", "multiply", "maximum", "minimum", "logical_and",
                                  "logical_or"])
@pytest.mark.parametrize("axis", [0, 1, None, (0, 1), -1])
def test_reduce(name, axis, rng):
    x = values("float64", (3, 4), "any", rng)
    _assert_matches(getattr(npt, name).reduce(x, axis=axis), getattr(np, name).reduce(x, axis=axis),
                    0, f"{name}.reduce axis={axis}", rtol=1e-13)
    _assert_matches(getattr(npt, name).reduce(x, axis=axis, keepdims=True),
                    getattr(np, name).reduce(x, axis=axis, keepdims=True), 0, "keepdims", rtol=1e-13)
    i = values("int8", (3, 4), "any", rng)
    _assert_matches(getattr(npt, name).reduce(i, axis=axis), getattr(np, name).reduce(i, axis=axis),
                    0, f"{name}.reduce int8")


def test_reduce_initial_outer_and_unsupported_methods():
    x = np.arange(12.0).reshape(3, 4)
    _assert_matches(npt.maximum.reduce(x, axis=1, initial=5.0),
                    np.maximum.reduce(x, axis=1, initial=5.0), 0, "initial")
    _assert_matches(npt.add.reduce(np.ones((0, 3)), axis=0, initial=2.0),
                    np.add.reduce(np.ones((0, 3)), axis=0, initial=2.0), 0, "empty with initial")
    _assert_matches(npt.maximum.reduce(np.ones((2, 0)), axis=1, initial=-1.0),
                    np.maximum.reduce(np.ones((2, 0)), axis=1, initial=-1.0), 0, "empty max")
    _assert_matches(npt.add.outer([1, 2], [1, 2, 3]), np.add.outer([1, 2], [1, 2, 3]), 0, "outer")
    _assert_matches(npt.hypot.outer(x[0], x[1]), np.hypot.outer(x[0], x[1]), 8, "outer")
    for method in ("reduce", "accumulate"):
        with pytest.raises(ValueError, match=f"{method} only supported for binary functions"):
            getattr(npt.negative, method)([1])
        with pytest.raises(ValueError, match=f"{method} only supported for binary functions"):
            getattr(np.negative, method)([1])
    with pytest.raises(ValueError, match="outer product only supported for binary functions"):
        npt.sin.outer([1], [2])
    with pytest.raises(NotImplementedError, match="hypot.reduce"):
        npt.hypot.reduce(x)
    with pytest.raises(NotImplementedError, match="maximum.accumulate"):
        npt.maximum.accumulate(x)
    for f in (lambda m: m.add.accumulate(x), lambda m: m.multiply.accumulate(x, axis=1),
              lambda m: m.add.accumulate(x.astype("int8"), axis=-1), lambda m: m.add.accumulate(x, dtype="float32"),
              lambda m: m.multiply.accumulate(x > 0)):
        _assert_matches(f(npt), f(np), 0, "accumulate")
    for f in (lambda m: m.add.accumulate(np.array(2.0)), lambda m: m.add.accumulate(x, axis=None)):
        with pytest.raises((TypeError, ValueError)) as want:
            f(np)
        with pytest.raises(type(want.value), match=str(want.value)):
            f(npt)
    a, e = npt.asarray(x), x.copy()
    npt.add.at(a, [0, 0], 1)
    np.add.at(e, [0, 0], 1)
    _assert_matches(a, e, 0, "at")


def test_operators_are_the_ufuncs():
    i = np.arange(-4, 5, dtype=np.int16)
    a = npt.asarray(i)
    for expr in (lambda x: x & 3, lambda x: x | 8, lambda x: x ^ 5, lambda x: ~x,
                 lambda x: x << 2, lambda x: x >> 1, lambda x: 3 & x, lambda x: 1 << (x & 7),
                 lambda x: divmod(x, 3)[0], lambda x: divmod(x, 3)[1], lambda x: -x, lambda x: abs(x)):
        _assert_matches(expr(a), expr(i), 0, "operator")
    b = np.array([True, False])
    _assert_matches(~npt.asarray(b), ~b, 0, "~bool")
    with pytest.raises(TypeError):
        npt.asarray(np.ones(2)) & 1


@pytest.mark.parametrize("name,a,b", [
    ("matvec", (3,), (3,)), ("vecmat", (3,), (3,)), ("vecdot", (3,), (4,)),
    ("matvec", (2, 3), (4,)), ("vecmat", (3,), (4, 2)), ("vecdot", (), (3,)),
    ("matmul", (), (3,)), ("matmul", (2, 3), (4, 2))])
def test_gufunc_core_dimension_errors(name, a, b):
    x, y = np.ones(a), np.ones(b)
    with pytest.raises(ValueError) as want:
        getattr(np, name)(x, y)
    with pytest.raises(ValueError) as got:
        getattr(npt, name)(npt.asarray(x), npt.asarray(y))
    assert str(got.value) == str(want.value)


def test_gufuncs_broadcast_and_vecdot_axis(rng):
    a, v = values("float64", (2, 3, 4), "any", rng), values("float64", (2, 1, 4), "any", rng)
    _assert_matches(npt.vecdot(a, v), np.vecdot(a, v), 0, "vecdot broadcast", rtol=1e-13)
    _assert_matches(npt.matvec(a, v[:, 0]), np.matvec(a, v[:, 0]), 0, "matvec batch", rtol=1e-13)
    _assert_matches(npt.vecdot(a, a, axis=1), np.vecdot(a, a, axis=1), 0, "vecdot axis", rtol=1e-13)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "int16", "bool", "complex64",
                                   "complex128"])
@pytest.mark.parametrize("kw", [{}, {"nan": -1.0}, {"posinf": 7.0, "neginf": -7.0}])
def test_nan_to_num(dtype, kw):
    x = edge_values(dtype)
    _assert_matches(npt.nan_to_num(npt.asarray(x), **kw), np.nan_to_num(x, **kw), 0, f"{dtype} {kw}")


def test_ufuncs_pickle_by_name():
    import copy
    import pickle
    for u in (npt.add, npt.arccos, npt.acos, npt.divmod, npt.matmul):
        assert pickle.loads(pickle.dumps(u)) is u
        assert copy.deepcopy(u) is u
