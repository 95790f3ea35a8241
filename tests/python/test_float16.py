"""float16 and casts, bit for bit against NumPy, for the CPU the JIT targets.

These are the kernels whose machine code differs most between CPUs: with
AVX512-FP16 half is native, with F16C conversions are instructions, and on
a baseline x86-64 every conversion is a call into npt's runtime helpers.
test_cpu_levels.py runs this file once per CPU level (NPT_CPU); CI runs it
under NPT_CPU=x86-64-v3 and NPT_CPU=x86-64 as well.
"""
import numpy as np
import pytest

import npt
from _helpers import REAL_DTYPES, rtol_for

from opinfo import GUFUNCS, OPS

# every ufunc with a float16 loop, from the OpInfo table
_UNARY = [op.name for op in OPS if op.ufunc.nin == 1 and op.ufunc.nout == 1
          and ("float16",) in op.loops()]
_BINARY = [op.name for op in OPS if op.ufunc.nin == 2 and op.ufunc.nout == 1
           and op.name not in GUFUNCS and ("float16", "float16") in op.loops()]

# Results NumPy computes exactly (correctly rounded, or no rounding at all):
# npt must give the same bits. The others go through a float32 libm whose
# last bit may differ between implementations: one half ulp apart at most.
_EXACT = {op.name for op in OPS if op.ulps == 0} | {"sqrt"}


def _all_halves():
    return np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)


def _bits(a):
    a = np.asarray(a)
    return a.view(f"u{a.dtype.itemsize}") if a.dtype.kind == "f" else a


def _ulps(a, b):
    """Distance in half ulps between float16 arrays, on a monotonic integer line."""
    def line(x):
        v = x.view(np.uint16).astype(np.int32)
        return np.where(v & 0x8000, 0x8000 - v, v)
    return np.abs(line(a) - line(b))


def assert_bits(got, want, what, nan_sign=True):
    """Same dtype, shape and bits; NaNs match as NaN (with their sign when
    `nan_sign`: conversions keep it, arithmetic on x86 does not promise one)
    since hardware conversions may quiet a signalling payload."""
    got = np.asarray(got)
    assert got.dtype == want.dtype and got.shape == want.shape, what
    if want.dtype.kind == "f":
        nan = np.isnan(want)
        assert np.array_equal(np.isnan(got), nan), f"{what}: NaN positions differ"
        if nan_sign:
            assert np.array_equal(np.signbit(got[nan]), np.signbit(want[nan])), f"{what}: NaN signs"
        bad = np.flatnonzero(~nan & (_bits(got) != _bits(want)))
    else:
        bad = np.flatnonzero(got != want)
    assert bad.size == 0, (f"{what}: {bad.size} of {want.size} differ, e.g. at "
                           f"{want.ravel()[bad[:5]]!r}: got {got.ravel()[bad[:5]]!r}")


def assert_op_like_numpy(op, got, want):
    """Bit for bit where NumPy's result is exact, else within one half ulp."""
    if op in _EXACT or want.dtype.kind != "f":
        assert_bits(got, want, op, nan_sign=False)
    else:
        assert_bits(np.isnan(got), np.isnan(want), f"{op} NaNs")
        ok = ~np.isnan(want)
        worst = _ulps(got[ok], want[ok]).max()
        assert worst <= 1, f"{op}: {worst} half ulps from NumPy"


def _double_ties():
    """Doubles at and next to every float16 rounding boundary (midpoints
    between neighbouring halves, normal and subnormal), overflow edges and
    specials: rounding through float32 first gets some of these wrong."""
    h = np.arange(0x7c00, dtype=np.uint16).view(np.float16).astype(np.float64)
    mid = (h[:-1] + h[1:]) / 2
    x = np.concatenate([h, mid, np.nextafter(mid, 0), np.nextafter(mid, np.inf),
                        [65504.0, 65519.999, 65520.0, 1e300, 2.0 ** -25, 3 * 2.0 ** -25,
                         2.0 ** -26, 5e-324, np.inf, np.nan, 0.0]])
    return np.concatenate([x, -x])


def _cast_values(src):
    """Values of `src` whose cast to every real dtype NumPy defines."""
    dt = np.dtype(src)
    if dt.kind == "b":
        return np.array([True, False, True, True, False])
    if dt.kind in "iu":
        info = np.iinfo(dt)
        rng = np.random.default_rng(7)
        v = rng.integers(info.min, info.max, 500, dtype=dt, endpoint=True)
        edges = np.array([info.min, info.max, 0, 1, 127, 128, 255, 256, 2047, 2049, 65504, 65520],
                         dtype=np.int64 if dt.kind == "i" else np.uint64)
        edges = edges[(edges >= info.min) & (edges <= info.max)].astype(dt)
        return np.concatenate([v, edges])
    # floats: non-negative values below 128 truncate into every integer dtype
    rng = np.random.default_rng(8)
    v = np.concatenate([rng.uniform(0, 127, 400), [0.0, 0.5, 1.5, 2.5, 126.99, 2.0 ** -24]])
    return v.astype(dt)


@pytest.mark.parametrize("dst", REAL_DTYPES)
@pytest.mark.parametrize("src", REAL_DTYPES)
def test_every_cast_pair(src, dst):
    a = _cast_values(src)
    with np.errstate(over="ignore"):  # large integers overflow float16 to inf, as in NumPy
        want = a.astype(dst)
    assert_bits(npt.asarray(a).astype(dst), want, f"{src} -> {dst}")


@pytest.mark.parametrize("src", ["float64", "float32"])
def test_float_to_half_rounds_once(src):
    with np.errstate(over="ignore"):
        a = _double_ties().astype(src)
        want = a.astype(np.float16)
    assert_bits(npt.asarray(a).astype("float16"), want, f"{src} -> float16")


def test_float_to_half_in_a_fused_kernel():
    """The same rounding when the cast is one step of a fused expression."""
    a = _double_ties()
    x = npt.asarray(a)
    with np.errstate(over="ignore", invalid="ignore"):
        assert_bits((x * 1.0).astype("float16") + np.float16(0), (a * 1.0).astype(np.float16)
                    + np.float16(0), "fused f64 -> f16")


@pytest.mark.parametrize("dst", ["float32", "float64", "bool"])
def test_every_half_extends_exactly(dst):
    h = _all_halves()
    assert_bits(npt.asarray(h).astype(dst), h.astype(dst), f"float16 -> {dst}")


def test_half_constants_round_once():
    """A Python float in a float16 expression is rounded to half once."""
    x = npt.asarray(np.zeros(4, dtype=np.float16))
    for v in [1 + 2.0 ** -11, 1 + 3 * 2.0 ** -11, 2.0 ** -25 * 3, 65519.999, 1 + 2.0 ** -11 + 2.0 ** -40]:
        assert_bits(x + np.float16(0) + v, np.zeros(4, np.float16) + v, f"+ {v!r}")
        assert_bits(npt.full(3, v, dtype="float16"), np.full(3, v, dtype=np.float16), f"full {v!r}")


@pytest.mark.parametrize("op", _UNARY)
def test_unary_primitive_on_every_half(op):
    h = _all_halves()  # NaNs, infinities and subnormals included: no domain is cut out
    with np.errstate(all="ignore"):
        want = getattr(np, op)(h)
        got = np.asarray(getattr(npt, op)(npt.asarray(h)))
    assert_op_like_numpy(op, got, want)


def _binary_inputs():
    sp = np.array([np.nan, np.inf, -np.inf, 0.0, -0.0, 1.0, -1.0, 2.5, -3.0, 65504.0, 2.0 ** -24,
                   -(2.0 ** -14), 0.1, 7.0], dtype=np.float16)
    rng = np.random.default_rng(9)
    r = _all_halves()[rng.integers(0, 1 << 16, 20000)]
    small = rng.uniform(-8, 8, 4000).astype(np.float16)  # where power and remainder are interesting
    a = np.concatenate([np.repeat(sp, sp.size), r, small, small])
    b = np.concatenate([np.tile(sp, sp.size), r[::-1], small[::-1], np.round(small[::-1])])
    return a, b


@pytest.mark.parametrize("op", _BINARY)
def test_binary_primitive_on_halves(op):
    a, b = _binary_inputs()
    with np.errstate(all="ignore"):
        want = getattr(np, op)(a, b)
        got = np.asarray(getattr(npt, op)(npt.asarray(a), npt.asarray(b)))
    assert_op_like_numpy(op, got, want)


@pytest.mark.parametrize("op", ["sum", "prod", "mean", "max", "min", "any", "all"])
@pytest.mark.parametrize("axis", [None, 0, 1])
def test_reduction_on_halves(op, axis):
    rng = np.random.default_rng(10)
    a = rng.uniform(0.5, 1.5, (64, 33)).astype(np.float16)
    a[3, 4] = -0.0
    want = getattr(np, op)(a, axis=axis)
    got = np.asarray(getattr(npt, op)(npt.asarray(a), axis=axis))
    if op in ("max", "min", "any", "all"):
        assert_bits(got, np.asarray(want), op)
    else:  # npt accumulates in float64 and rounds once; NumPy rounds along the way
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got.astype(np.float64), np.asarray(want, np.float64),
                                   rtol=rtol_for("float16"))


@pytest.mark.parametrize("op", ["max", "min"])
def test_half_max_min_propagate_nan(op):
    a = np.array([[1.0, np.nan, -2.0], [0.0, -0.0, 3.0]], dtype=np.float16)
    for axis in (None, 0, 1):
        assert_bits(getattr(npt, op)(npt.asarray(a), axis=axis), np.asarray(getattr(np, op)(a, axis=axis)),
                    f"{op} axis={axis}")


def test_where_selects_half_bits():
    h = _all_halves()
    cond = (np.arange(h.size) % 3) == 0
    other = h[::-1].copy()
    assert_bits(npt.where(npt.asarray(cond), npt.asarray(h), npt.asarray(other)),
                np.where(cond, h, other), "where")


@pytest.mark.parametrize("other", ["float32", "float64", "int16"])
def test_fused_kernels_mixing_half_with_other_dtypes(other):
    """The fused shapes a random-program run found failing on a CPU without
    AVX-512: a cast feeding a reduction, and max/min chains around a libm call."""
    rng = np.random.default_rng(11)
    h = rng.uniform(-1, 1, 999).astype(np.float16)
    o = rng.uniform(-1, 1, 999).astype(other) if other != "int16" else rng.integers(-3, 3, 999, "int16")
    x, y = npt.asarray(h), npt.asarray(o)
    got = npt.cosh(x.astype(other)).sum()
    want = np.cosh(h.astype(other)).sum()
    np.testing.assert_allclose(float(got), float(want), rtol=max(rtol_for(want.dtype), 1e-6))
    got = npt.maximum(npt.minimum(npt.arcsin(x), y), -0.5).sum()
    want = np.maximum(np.minimum(np.arcsin(h), o), -0.5).sum()
    assert got.dtype == want.dtype
    np.testing.assert_allclose(float(got), float(want), rtol=max(rtol_for(want.dtype), 1e-6))
