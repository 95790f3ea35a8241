"""The OpInfo table: one row per NumPy ufunc, from which the ufunc tests are
generated (test_ufunc_table.py). A row says what inputs suit the function,
how close its floating results must be to NumPy's, and whether (and where)
it is differentiable; the dtypes come from NumPy's own loop tables."""
from dataclasses import dataclass

import numpy as np

# npt's dtypes, by NumPy type character ('l' and 'q' are both int64 here)
DTYPE_CHARS = "?bBhHiIlLqQefdFD"


@dataclass(frozen=True)
class OpInfo:
    name: str
    domains: tuple = ("any", "any")  # per input: the random values' domain (_helpers.values)
    ulps: int = 0           # float results within this many ulps of NumPy's (0: exactly equal)
    grad: str = None        # the domain gradients are checked on (finite differences), or None
    nonneg_exponent: bool = False  # integer loops: no negative second operand (NumPy raises)
    complex_ulps: int = None  # complex loops, if not `ulps` (NumPy's own SIMD code differs)

    @property
    def ufunc(self):
        return getattr(np, self.name)

    def loops(self):
        """NumPy's loops over npt's dtypes, as tuples of input dtypes (deduplicated)."""
        seen = []
        for t in self.ufunc.types:
            ins = t.split("->")[0]
            if set(ins) <= set(DTYPE_CHARS):
                key = tuple(np.dtype(c).name for c in ins)
                if key not in seen:
                    seen.append(key)
        return seen


T = 8  # transcendental functions: libm/libmvec and NumPy's SIMD code differ by a few ulps

OPS = [
    # arithmetic
    OpInfo("add", grad="any"), OpInfo("subtract", grad="any"), OpInfo("multiply", grad="any"),
    OpInfo("divide", grad="nonzero"), OpInfo("floor_divide"),
    OpInfo("remainder", grad="pos"), OpInfo("fmod", grad="pos"),
    OpInfo("power", ("powbase", "powexp"), ulps=T, grad="pos", nonneg_exponent=True),
    OpInfo("float_power", ("powbase", "powexp"), ulps=T, grad="pos"),
    OpInfo("negative", ("any",), grad="any"), OpInfo("positive", ("any",), grad="any"),
    OpInfo("absolute", ("any",), grad="nonzero", complex_ulps=2), OpInfo("fabs", ("any",), grad="nonzero"),
    OpInfo("sign", ("any",), complex_ulps=2), OpInfo("square", ("any",), grad="any"),
    OpInfo("reciprocal", ("nonzero",), grad="nonzero", complex_ulps=2), OpInfo("conjugate", ("any",), grad="any"),
    OpInfo("maximum", grad="any"), OpInfo("minimum", grad="any"),
    OpInfo("fmax", grad="any"), OpInfo("fmin", grad="any"),
    OpInfo("heaviside"), OpInfo("divmod"), OpInfo("modf", ("any",)), OpInfo("frexp", ("any",)),
    OpInfo("ldexp", ("any", "small"), grad="any"),
    OpInfo("gcd"), OpInfo("lcm"),
    OpInfo("copysign", grad="nonzero"), OpInfo("nextafter"), OpInfo("spacing", ("any",)),
    OpInfo("signbit", ("any",)),
    # rounding
    OpInfo("floor", ("any",)), OpInfo("ceil", ("any",)), OpInfo("trunc", ("any",)),
    OpInfo("rint", ("any",)),
    # exponents and logarithms
    OpInfo("exp", ("small",), ulps=T, grad="small"), OpInfo("exp2", ("small",), ulps=T, grad="small"),
    OpInfo("expm1", ("small",), ulps=T, grad="small"), OpInfo("log", ("pos",), ulps=T, grad="pos"),
    OpInfo("log2", ("pos",), ulps=T, grad="pos"), OpInfo("log10", ("pos",), ulps=T, grad="pos"),
    OpInfo("log1p", ("pos",), ulps=T, grad="pos"), OpInfo("sqrt", ("pos",), ulps=T, grad="pos"),
    OpInfo("cbrt", ("any",), ulps=T, grad="pos"),
    OpInfo("logaddexp", ("small", "small"), ulps=T, grad="small"),
    OpInfo("logaddexp2", ("small", "small"), ulps=T, grad="small"),
    # trigonometric and hyperbolic
    OpInfo("sin", ("any",), ulps=T, grad="any"), OpInfo("cos", ("any",), ulps=T, grad="any"),
    OpInfo("tan", ("unit",), ulps=T, grad="unit"), OpInfo("arcsin", ("unit",), ulps=T, grad="unit"),
    OpInfo("arccos", ("unit",), ulps=T, grad="unit"), OpInfo("arctan", ("any",), ulps=T, grad="any"),
    OpInfo("arctan2", ulps=T, grad="pos"), OpInfo("hypot", ulps=T, grad="pos"),
    OpInfo("sinh", ("small",), ulps=T, grad="small"), OpInfo("cosh", ("small",), ulps=T, grad="small"),
    OpInfo("tanh", ("any",), ulps=T, grad="small"), OpInfo("arcsinh", ("any",), ulps=T, grad="any"),
    OpInfo("arccosh", ("pos",), ulps=T, grad="above1"), OpInfo("arctanh", ("unit",), ulps=T, grad="unit"),
    OpInfo("deg2rad", ("any",), ulps=1, grad="any"), OpInfo("rad2deg", ("any",), ulps=1, grad="any"),
    OpInfo("radians", ("any",), ulps=1), OpInfo("degrees", ("any",), ulps=1),
    # comparisons and logic
    OpInfo("equal"), OpInfo("not_equal"), OpInfo("less"), OpInfo("less_equal"),
    OpInfo("greater"), OpInfo("greater_equal"),
    OpInfo("logical_and"), OpInfo("logical_or"), OpInfo("logical_xor"),
    OpInfo("logical_not", ("any",)),
    OpInfo("isnan", ("any",)), OpInfo("isinf", ("any",)), OpInfo("isfinite", ("any",)),
    OpInfo("isnat", ("any",)),
    # bits
    OpInfo("bitwise_and"), OpInfo("bitwise_or"), OpInfo("bitwise_xor"),
    OpInfo("invert", ("any",)), OpInfo("bitwise_count", ("any",)),
    OpInfo("left_shift"), OpInfo("right_shift"),
    # gufuncs
    OpInfo("matmul", ulps=T), OpInfo("vecdot", ulps=T), OpInfo("matvec", ulps=T),
    OpInfo("vecmat", ulps=T),
]
BY_NAME = {op.name: op for op in OPS}

# NumPy's other names for the same ufunc objects
ALIASES = {"acos": "arccos", "asin": "arcsin", "atan": "arctan", "atan2": "arctan2",
           "acosh": "arccosh", "asinh": "arcsinh", "atanh": "arctanh", "pow": "power",
           "bitwise_invert": "invert", "bitwise_not": "invert", "bitwise_left_shift": "left_shift",
           "bitwise_right_shift": "right_shift", "conj": "conjugate", "abs": "absolute",
           "mod": "remainder", "true_divide": "divide"}

GUFUNCS = {"matmul", "vecdot", "matvec", "vecmat"}


def edge_values(dtype):
    """The values every loop is also checked on: zeros, infinities, NaN, the
    extremes and subnormals of floats; 0, +-1 and the range ends of ints."""
    dt = np.dtype(dtype)
    if dt.kind == "b":
        return np.array([False, True])
    if dt.kind in "iu":
        info = np.iinfo(dt)
        vals = [0, 1, 2, 7, info.max, info.max - 1, info.min]
        if dt.kind == "i":
            vals += [-1, -2, -7, info.min + 1]
        return np.array(vals, dtype=dt)
    fi = np.finfo(dt)
    if dt.kind == "c":  # every pair of a few real edges, as (real, imaginary) parts
        parts = [0.0, -0.0, 1.0, -2.5, np.inf, -np.inf, np.nan, fi.max, fi.smallest_subnormal]
        re, im = np.meshgrid(np.array(parts, fi.dtype), np.array(parts, fi.dtype))
        z = np.empty(re.size, dt)
        z.real, z.imag = re.ravel(), im.ravel()
        return z
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, np.inf, -np.inf, np.nan, fi.max, fi.min,
            fi.tiny, fi.smallest_subnormal, -fi.smallest_subnormal, fi.eps]
    return np.array(vals, dtype=dt)
