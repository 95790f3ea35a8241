"""Every NumPy ufunc as an npt.ufunc: the registry's elementwise primitives
(generated from the table the C++ registry exports) and one table of
compositions for the rest. Aliases are the same objects, as in NumPy."""
import builtins
import functools
import inspect
import math

import numpy as _np

from . import _npt
from ._array import ndarray, node_of, new_owner, fast_op
from ._ufunc import ufunc, resolve, as_dtype

_apply, _scalar, _apply_op = _npt.apply, _npt.scalar, _npt.apply_op


def _as_array(x):
    return x if isinstance(x, ndarray) else ndarray(node_of(x))


# ---- primitives: one per registry entry that has a NumPy ufunc's name -------
def _primitive_call(op, nin):
    oid = _npt.op_id(op)
    if nin == 1:
        def call(x):
            return ndarray(_apply_op(oid, [node_of(x)]))
    elif nin == 2:
        def call(x1, x2):  # (the ufunc's entry has the fast path of user calls)
            return ndarray(_apply_op(oid, [node_of(x1), node_of(x2)]))
    else:
        def call(*xs):
            return ndarray(_apply_op(oid, [node_of(x) for x in xs]))
    call.__name__ = call.__qualname__ = op
    # the same at C speed where the operands are ndarrays and Python scalars
    return fast_op(oid, nin, call) if nin <= 2 else call


PRIMITIVES = {}  # NumPy name -> the registry primitive's call
for _name, _kind, _arity, _grad, _module in _npt.registry():
    if _kind == "elementwise" and not _module and isinstance(getattr(_np, _name, None), _np.ufunc):
        PRIMITIVES[_name] = _primitive_call(_name, _arity)
_P = PRIMITIVES


# ---- compositions -----------------------------------------------------------
def _power(x1, x2):
    if type(x2) is int and x2 < 0 and isinstance(x1, ndarray) and x1.dtype.kind in "ib":
        raise ValueError("Integers to negative integer powers are not allowed.")
    return _P["power"](x1, x2)


# Comparisons: NumPy 2 compares exactly where promotion would not (a Python
# int out of an integer array's range; int64 against uint64).
_SWAP = {"less": "greater", "less_equal": "greater_equal", "greater": "less",
         "greater_equal": "less_equal", "equal": "equal", "not_equal": "not_equal"}
# x OP v for v above the dtype's max (x <= max always)
_ABOVE = {"less": True, "less_equal": True, "greater": False, "greater_equal": False,
          "equal": False, "not_equal": True}
# the comparison primitives (greater is less with the operands swapped)
_PRIM = {"less": lambda a, b: _P["less"](a, b),
         "less_equal": lambda a, b: _P["less_equal"](a, b),
         "greater": lambda a, b: _P["less"](b, a),
         "greater_equal": lambda a, b: _P["less_equal"](b, a),
         "equal": lambda a, b: _P["equal"](a, b),
         "not_equal": lambda a, b: _P["not_equal"](a, b)}


def _compare(op, x1, x2):
    from ._creation import full
    for arr, val, name in ((x1, x2, op), (x2, x1, _SWAP[op])):
        if type(val) is int and isinstance(arr, ndarray) and arr.dtype.kind in "iu":
            info = _np.iinfo(arr.dtype)
            if not info.min <= val <= info.max:  # decided by the value's side alone
                flip = val < info.min and name not in ("equal", "not_equal")
                result = (not _ABOVE[name]) if flip else _ABOVE[name]
                return full(arr.shape, result, dtype=builtins.bool)
    if not (isinstance(x1, ndarray) or isinstance(x2, ndarray)):
        return _PRIM[op](x1, x2)
    a, b = _as_array(x1), _as_array(x2)
    ka, kb = a.dtype, b.dtype
    if {ka.kind, kb.kind} == {"i", "u"} and "uint64" in (ka.name, kb.name):
        # signed vs uint64 promotes to float64 in NumPy's tables, but NumPy 2
        # compares exactly: a negative signed value is below every unsigned one
        s, u, name = (a, b, op) if ka.kind == "i" else (b, a, _SWAP[op])
        exact = _PRIM[name](s.astype("uint64"), u)
        return where(_P["less"](s, 0), _ABOVE[name], exact)
    return _PRIM[op](x1, x2)  # Python scalars stay weak


def _comparison(op):
    fast = _PRIM[op]

    def call(x1, x2):
        if type(x1) is ndarray:  # the cases promotion decides: straight to the primitive
            t2 = type(x2)
            if t2 is float or (t2 is ndarray and "uint64" not in (x1._h.dtype, x2._h.dtype)):
                return fast(x1, x2)
        return _compare(op, x1, x2)
    return call


def _float_loop(name, *args):
    """args cast to NumPy's loop for ufunc `name`, and its output dtype."""
    ins, outs = resolve(getattr(_np, name), args)
    return ins, outs[0]


def _in_float32_if_half(f, args, out):
    """f(*args), computed in float32 when the loop is float16's (as NumPy's half loops do)."""
    if out != _np.float16:
        return f(*args)
    return f(*(a.astype("float32") for a in args)).astype("float16")


def _fabs(x):
    (a,), _ = _float_loop("fabs", x)
    return _P["absolute"](a)


def _scaled(name, num, den):
    """x * (num / den), the constant rounded as NumPy's loops round it (in float32
    for the float32 and float16 loops, whose values compute in float32)."""
    def call(x):
        (a,), out = _float_loop(name, x)
        if out == _np.float64:
            return _P["multiply"](a, num / den)
        factor = _np.float32(num) / _np.float32(den)
        return _in_float32_if_half(lambda v: _P["multiply"](v, factor), [a], out)
    return call


def _heaviside(x1, x2):
    (a, h), _ = _float_loop("heaviside", x1, x2)
    r = where(_P["less"](a, 0), 0, where(_P["less"](0, a), 1, h))
    return where(_P["isnan"](a), a, r)


def _logaddexp(x1, x2):
    (a, b), out = _float_loop("logaddexp", x1, x2)

    def f(a, b):  # log(exp(a) + exp(b)) without overflow; equal inputs give a + log 2
        d = _P["absolute"](_P["subtract"](a, b))
        r = _P["add"](_P["maximum"](a, b), _P["log1p"](_P["exp"](_P["negative"](d))))
        return where(_P["equal"](a, b), _P["add"](a, math.log(2)), r)
    return _in_float32_if_half(f, [a, b], out)


def _logaddexp2(x1, x2):
    (a, b), out = _float_loop("logaddexp2", x1, x2)

    def f(a, b):
        d = _P["absolute"](_P["subtract"](a, b))
        tail = _P["multiply"](_P["log1p"](_P["exp2"](_P["negative"](d))), 1 / math.log(2))
        return where(_P["equal"](a, b), _P["add"](a, 1), _P["add"](_P["maximum"](a, b), tail))
    return _in_float32_if_half(f, [a, b], out)


def _float_power(x1, x2):
    (a, b), _ = _float_loop("float_power", x1, x2)
    return _P["power"](a, b)


def _spacing(x):
    (a,), out = _float_loop("spacing", x)
    if out == _np.float16:  # NumPy's half loop steps toward +inf; infinities give NaN
        step = _P["subtract"](_P["nextafter"](a, as_dtype(math.inf, out)), a)
        return where(_P["isinf"](a), as_dtype(math.nan, out), step)
    # the others step away from zero (-0.0 counts as positive)
    toward = where(_P["less_equal"](0, a), as_dtype(math.inf, out), as_dtype(-math.inf, out))
    return _P["subtract"](_P["nextafter"](a, toward), a)


def _reciprocal(x):
    (a,), out = _float_loop("reciprocal", x)
    if out.kind == "c":  # NumPy's loop: scaled by the larger part, as Smith's division
        re, im = real(a), imag(a)
        d, m = _P["divide"], _P["multiply"]
        r1 = d(im, re)
        d1 = _P["add"](re, m(im, r1))
        r2 = d(re, im)
        d2 = _P["add"](m(re, r2), im)
        by_re = _P["less_equal"](_P["absolute"](im), _P["absolute"](re))
        return where(by_re, _complex(d(1, d1), _P["negative"](d(r1, d1))),
                     _complex(d(r2, d2), _P["negative"](d(1, d2))))
    if out.kind == "f":
        return _P["divide"](1, a)
    # NumPy's integer loop: 1.0 / x in double, converted back (1 / 0 is inf -> the
    # x86 conversion's value)
    return _P["divide"](1.0, a.astype("float64")).astype(out)


def _square(x):
    (a,), _ = _float_loop("square", x)
    return _P["multiply"](a, a)


def _positive(x):
    (a,), _ = _float_loop("positive", x)
    return new_owner(a._h)  # a new array (values are immutable: no buffer copy needed)


def _logical_xor(x1, x2):
    return _P["not_equal"](as_dtype(x1, bool), as_dtype(x2, bool))


def _divmod(x1, x2):
    resolve(_np.divmod, (x1, x2))  # (NumPy's errors name divmod)
    return _P["floor_divide"](x1, x2), _P["remainder"](x1, x2)


def _modf(x):
    (a,), _ = _float_loop("modf", x)
    whole = _P["trunc"](a)
    frac = _P["copysign"](where(_P["isinf"](a), 0, _P["subtract"](a, whole)), a)
    return frac, whole


def _frexp(x):
    (a,), _ = _float_loop("frexp", x)
    return ndarray(_apply("frexp_mantissa", [a._h])), ndarray(_apply("frexp_exponent", [a._h]))


def _isnat(x):
    raise TypeError("ufunc 'isnat' is only defined for np.datetime64 and np.timedelta64.")


# gufuncs over the last axes: fused multiply + sum (matmul runs on ATen)
def _core_check(name, sig, a, b, ka, kb, need=(1, 1)):
    """NumPy's gufunc errors: too few dims, or core dims a.shape[ka] != b.shape[kb]."""
    for i, (x, n) in enumerate(((a, need[0]), (b, need[1]))):
        if x.ndim < n:
            raise ValueError(f"{name}: Input operand {i} does not have enough dimensions (has "
                             f"{x.ndim}, gufunc core with signature {sig} requires {n})")
    if a.shape[ka] != b.shape[kb]:
        raise ValueError(f"{name}: Input operand 1 has a mismatch in its core dimension 0, with "
                         f"gufunc signature {sig} (size {b.shape[kb]} is different from "
                         f"{a.shape[ka]})")


def _summed_product(name, a, b, axis):
    """sum(a * b, axis) in NumPy's loop dtype for gufunc `name` (one fused kernel)."""
    (a, b), out = _float_loop(name, a, b)
    from ._reductions import sum as _sum
    return _sum(_P["multiply"](a, b), axis=axis, dtype=out)


def _core_options(name, axes, axis, keepdims):
    if axes is not _np._NoValue or keepdims:
        raise NotImplementedError(f"npt: {name}(..., axes=/keepdims=) is not supported yet")


def _vecdot(x1, x2, axes=_np._NoValue, axis=_np._NoValue, keepdims=False):
    _core_options("vecdot", axes, None, keepdims)
    a, b = _as_array(x1), _as_array(x2)
    if axis is not _np._NoValue and axis not in (-1, None):
        from ._reductions import normalize_axes
        a = _moveaxis_last(a, normalize_axes(axis, a.ndim)[0])
        b = _moveaxis_last(b, normalize_axes(axis, b.ndim)[0])
    _core_check("vecdot", "(n),(n)->()", a, b, -1, -1)
    return _summed_product("vecdot", _P["conjugate"](a) if a.dtype.kind == "c" else a, b, -1)


def _matvec(x1, x2, axes=_np._NoValue, axis=_np._NoValue, keepdims=False):
    _core_options("matvec", axes, axis, keepdims)
    a, b = _as_array(x1), _as_array(x2)
    _core_check("matvec", "(m,n),(n)->(m)", a, b, -1, -1, need=(2, 1))
    return _summed_product("matvec", a, b.reshape(b.shape[:-1] + (1, b.shape[-1])), -1)


def _vecmat(x1, x2, axes=_np._NoValue, axis=_np._NoValue, keepdims=False):
    _core_options("vecmat", axes, axis, keepdims)
    a, b = _as_array(x1), _as_array(x2)
    _core_check("vecmat", "(n),(n,m)->(m)", a, b, -1, -2, need=(1, 2))
    a = _P["conjugate"](a) if a.dtype.kind == "c" else a  # (NumPy conjugates the vector)
    return _summed_product("vecmat", a.reshape(a.shape + (1,)), b, -2)


def _moveaxis_last(a, ax):
    perm = [d for d in range(a.ndim) if d != ax] + [ax]
    return a.transpose(perm)


def _matmul(x1, x2, axes=_np._NoValue, axis=_np._NoValue, keepdims=False):
    _core_options("matmul", axes, axis, keepdims)
    from ._linalg import matmul_impl
    return matmul_impl(x1, x2)


# name -> (nin, nout, implementation); these replace or add to the primitives
COMPOSITIONS = {
    "power": (2, 1, _power),
    "equal": (2, 1, _comparison("equal")),
    "not_equal": (2, 1, _comparison("not_equal")),
    "less": (2, 1, _comparison("less")),
    "less_equal": (2, 1, _comparison("less_equal")),
    "greater": (2, 1, _comparison("greater")),
    "greater_equal": (2, 1, _comparison("greater_equal")),
    "fabs": (1, 1, _fabs),
    "deg2rad": (1, 1, _scaled("deg2rad", math.pi, 180)),
    "rad2deg": (1, 1, _scaled("rad2deg", 180, math.pi)),
    "radians": (1, 1, _scaled("radians", math.pi, 180)),  # NumPy's own ufuncs, not aliases
    "degrees": (1, 1, _scaled("degrees", 180, math.pi)),
    "heaviside": (2, 1, _heaviside),
    "logaddexp": (2, 1, _logaddexp),
    "logaddexp2": (2, 1, _logaddexp2),
    "float_power": (2, 1, _float_power),
    "spacing": (1, 1, _spacing),
    "reciprocal": (1, 1, _reciprocal),
    "square": (1, 1, _square),
    "positive": (1, 1, _positive),
    "logical_xor": (2, 1, _logical_xor),
    "divmod": (2, 2, _divmod),
    "modf": (1, 2, _modf),
    "frexp": (1, 2, _frexp),
    "isnat": (1, 1, _isnat),
    "matmul": (2, 1, _matmul),
    "vecdot": (2, 1, _vecdot),
    "matvec": (2, 1, _matvec),
    "vecmat": (2, 1, _vecmat),
}

# NumPy 2's other names for the same ufuncs
ALIASES = {"acos": "arccos", "asin": "arcsin", "atan": "arctan", "atan2": "arctan2",
           "acosh": "arccosh", "asinh": "arcsinh", "atanh": "arctanh", "pow": "power",
           "bitwise_invert": "invert", "bitwise_not": "invert", "bitwise_left_shift": "left_shift",
           "bitwise_right_shift": "right_shift", "conj": "conjugate", "abs": "absolute",
           "mod": "remainder", "true_divide": "divide"}

_NO = object()  # an argument not given


def _primitive_entry(op, nin, call):
    """A primitive's ufunc entry: the common calls record the node in one frame."""
    cell, oid = [], _npt.op_id(op)

    def given(*xs):
        return tuple(x for x in xs if x is not _NO)
    if nin == 1:
        def entry(x=_NO, /, *rest, **kwargs):
            if not rest and not kwargs and x is not _NO:
                return ndarray(_apply_op(oid, [node_of(x)]))
            return cell[0]._call_with_options(given(x) + rest, kwargs)
    elif nin == 2:
        def entry(x1=_NO, x2=_NO, /, *rest, **kwargs):
            if not rest and not kwargs and x2 is not _NO:
                if type(x1) is ndarray:
                    t2 = type(x2)
                    if t2 is ndarray:
                        return ndarray(_apply_op(oid, [x1._h, x2._h]))
                    if t2 is float or t2 is int:
                        return ndarray(_apply_op(oid, [x1._h, _scalar(x2, True)]))
                return call(x1, x2)
            return cell[0]._call_with_options(given(x1, x2) + rest, kwargs)
    else:
        return None
    return fast_op(oid, nin, entry), cell  # (the common calls in C; the rest in entry)


UFUNCS = {}
for _name, _call in PRIMITIVES.items():
    _nin = getattr(_np, _name).nin
    UFUNCS[_name] = ufunc(_name, _nin, 1, _call, _primitive_entry(_name, _nin, _call))
for _name, (_nin, _nout, _call) in COMPOSITIONS.items():
    UFUNCS[_name] = ufunc(_name, _nin, _nout, _call)
for _alias, _name in ALIASES.items():
    UFUNCS[_alias] = UFUNCS[_name]
globals().update(UFUNCS)


# ---- functions that are not ufuncs in NumPy ----------------------------------
def where(condition, x=None, y=None, /):
    """numpy.where(condition, x, y): elementwise select."""
    if x is None or y is None:
        if x is None and y is None:
            from ._writes import nonzero
            return nonzero(condition)
        raise ValueError("either both or neither of x and y should be given")
    return ndarray(_apply("where", [node_of(condition), node_of(x), node_of(y)]))


def _out_too(fn):
    """A ufunc-like function with out=: its result stored there as a ufunc's
    (same_kind casting, broadcast to out), and out returned."""
    pos = list(inspect.signature(fn).parameters).index("out")

    @functools.wraps(fn)
    def call(*args, **kwargs):
        out = args[pos] if len(args) > pos else kwargs.get("out")
        r = fn(*args, **kwargs)
        if out is None:
            return r
        from ._writes import store
        return store(out, r, fn.__name__, args[:1])
    return call


@_out_too
def fix(x, out=None):
    """numpy.fix: round toward zero (floor of the non-negative, ceil of the negative)."""
    a = _as_array(x)
    return where(_P["less_equal"](0, a), _P["floor"](a), _P["ceil"](a))


def sinc(x):
    """numpy.sinc: sin(pi x) / (pi x), 1 at 0."""
    a = _as_array(x)
    y = _P["multiply"](math.pi, where(_P["equal"](a, 0), 1.0e-20, a))
    return _P["divide"](_P["sin"](y), y)


def nan_to_num(x, copy=True, nan=0.0, posinf=None, neginf=None):
    """numpy.nan_to_num: NaN, +inf and -inf replaced (by 0 and the dtype's extremes by default)."""
    a = _as_array(x)
    if not copy and isinstance(x, ndarray):  # in place (a write, seen by x's views); x itself
        if x.dtype.kind in "fc":
            x[...] = nan_to_num(x, True, nan, posinf, neginf)
        return x
    if a.dtype.kind == "c":  # each part as a real array's
        parts = [nan_to_num(p, True, nan, posinf, neginf) for p in (real(a), imag(a))]
        return _complex(*parts)
    if a.dtype.kind != "f":
        return _positive(a) if a.dtype.kind != "b" else new_owner(a._h)  # nothing to replace
    info = _np.finfo(a.dtype)
    big = as_dtype(info.max if posinf is None else posinf, a.dtype)
    small = as_dtype(info.min if neginf is None else neginf, a.dtype)
    r = where(_P["isnan"](a), as_dtype(nan, a.dtype), a)
    return where(_P["isinf"](a), where(_P["less"](0, a), big, small), r)


_NoValue = _np._NoValue


# ---- complex parts -------------------------------------------------------------
def _complex(re, im):
    """The complex array with these real and imaginary parts (of one float dtype)."""
    return ndarray(_apply("complex", [re._h, im._h]))


def real(val):
    """numpy.real: the real part, a view (a real array is its own)."""
    a = _as_array(val)
    if a.dtype.kind != "c":
        return a
    from ._views import make_view
    return make_view(a, "real")


def imag(val):
    """numpy.imag: the imaginary part, a view (read-only zeros for a real array)."""
    a = _as_array(val)
    if a.dtype.kind == "c":
        from ._views import make_view
        return make_view(a, "imag")
    from ._creation import zeros
    from ._views import ViewOf
    r = zeros(a.shape, dtype=a.dtype)
    r._v = ViewOf(None, (), False)
    return r


def angle(z, deg=False):
    """numpy.angle: the counterclockwise angle from the positive real axis."""
    a = _as_array(z)
    if a.dtype.kind == "c":
        r = _P["arctan2"](imag(a), real(a))
    else:
        r = _P["arctan2"](0, a)  # (a weak 0: the loop is the array's, as NumPy's)
    return _P["multiply"](r, 180 / math.pi) if deg else r


def iscomplexobj(x):
    """numpy.iscomplexobj: whether x has a complex dtype."""
    return _np.iscomplexobj(x) if not isinstance(x, ndarray) else x.dtype.kind == "c"


def isrealobj(x):
    """numpy.isrealobj: whether x has no complex dtype."""
    return not iscomplexobj(x)


def iscomplex(x):
    """numpy.iscomplex: elementwise, whether the imaginary part is nonzero."""
    return _P["not_equal"](imag(x), 0)


def isreal(x):
    """numpy.isreal: elementwise, whether the imaginary part is zero."""
    return _P["equal"](imag(x), 0)


@_out_too
def clip(a, a_min=_NoValue, a_max=_NoValue, out=None, *, min=_NoValue, max=_NoValue, **kwargs):
    """numpy.clip: minimum(maximum(a, a_min), a_max); a bound of None is no bound."""
    if kwargs:
        raise TypeError(f"clip() got an unexpected keyword argument '{next(iter(kwargs))}'")
    if a_min is _NoValue and a_max is _NoValue:
        a_min = None if min is _NoValue else min
        a_max = None if max is _NoValue else max
    elif a_min is _NoValue or a_max is _NoValue:
        missing = "a_min" if a_min is _NoValue else "a_max"
        raise TypeError(f"clip() missing 1 required positional argument: '{missing}'")
    elif min is not _NoValue or max is not _NoValue:
        raise ValueError("Passing `min` or `max` keyword argument when `a_min` and `a_max` are "
                         "provided is forbidden.")
    r = _as_array(a)
    if r.dtype.kind in "iu":
        # A Python int bound past the dtype's range bounds nothing (NEP 50
        # would make it an OverflowError in maximum/minimum).
        info = _np.iinfo(r.dtype)
        if type(a_min) is int and a_min <= info.min:
            a_min = None
        if type(a_max) is int and a_max >= info.max:
            a_max = None
    if a_min is None and a_max is None:
        return _positive(r)
    if a_min is not None:
        r = _P["maximum"](r, a_min)
    if a_max is not None:
        r = _P["minimum"](r, a_max)
    return r


# ---- ndarray operators: one table ---------------------------------------------
OPERATORS = {"add": "add", "sub": "subtract", "mul": "multiply", "truediv": "divide",
             "floordiv": "floor_divide", "mod": "remainder", "and": "bitwise_and",
             "or": "bitwise_or", "xor": "bitwise_xor", "lshift": "left_shift",
             "rshift": "right_shift"}


def _operator(call, reflected):
    op = (lambda self, o: call(o, self)) if reflected else (lambda self, o: call(self, o))
    if isinstance(call, _npt.FastOp):  # a primitive's: a method at C speed, falling back to op
        return fast_op(call.op, 2, op, reflected)
    return op


for _op, _name in OPERATORS.items():
    _call = UFUNCS[_name]._call
    setattr(ndarray, f"__{_op}__", _operator(_call, False))
    setattr(ndarray, f"__r{_op}__", _operator(_call, True))
for _op, _name in {"eq": "equal", "ne": "not_equal", "lt": "less", "le": "less_equal",
                   "gt": "greater", "ge": "greater_equal"}.items():
    setattr(ndarray, f"__{_op}__", _operator(UFUNCS[_name]._call, False))
for _op, _name in {"neg": "negative", "pos": "positive", "abs": "absolute",
                   "invert": "invert"}.items():
    setattr(ndarray, f"__{_op}__", UFUNCS[_name]._call)


def _store_result(a, r, name, operand):
    """a = r for an in-place operator: NumPy's same_kind output cast and
    output-shape rule, then a write seen by a's base and views."""
    from ._writes import store
    store(a, r, name, (a, operand)[:getattr(_np, name).nin])


def _inplace(call, name):
    def op(self, o):
        _store_result(self, call(self, o), name(self, o) if callable(name) else name, o)
        return self
    return op


def _pow_name(a, o):
    """The ufunc `a ** o` runs (ndarray.__pow__'s fast paths, as NumPy's)."""
    if type(o) in (int, float) and (a.dtype.kind == "f" or (type(o) is int and a.dtype.kind in "biu")):
        return {2: "square", 0.5: "sqrt"}.get(o, "power")
    return "power"


for _op, _name in OPERATORS.items():
    setattr(ndarray, f"__i{_op}__", _inplace(UFUNCS[_name]._call, _name))
ndarray.__ipow__ = _inplace(ndarray.__pow__, _pow_name)
ndarray.__imatmul__ = _inplace(ndarray.__matmul__, "matmul")
ndarray.__divmod__ = _operator(_divmod, False)
ndarray.__rdivmod__ = _operator(_divmod, True)
ndarray.__rpow__ = _operator(_power, True)

def _set_real(self, value):
    real(self)[...] = value


def _set_imag(self, value):
    if self.dtype.kind != "c":
        raise TypeError("array does not have imaginary part to set")
    imag(self)[...] = value


ndarray.real = property(real, _set_real, doc="The real part (a view; settable).")
ndarray.imag = property(imag, _set_imag, doc="The imaginary part (a view; settable).")

__all__ = sorted(UFUNCS) + ["where", "fix", "sinc", "clip", "nan_to_num", "ufunc", "real", "imag",
                            "angle", "iscomplexobj", "isrealobj", "iscomplex", "isreal"]
