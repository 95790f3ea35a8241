"""NumPy ufuncs: primitives are one table row each; the rest are compositions."""
import numpy as _np

from . import _npt
from ._array import ndarray, node_of
from ._dtypes import dtype_name

_UNARY = ["negative", "absolute", "sign", "exp", "expm1", "log", "log1p", "log2", "log10", "sqrt",
          "sin", "cos", "tan", "arcsin", "arccos", "arctan", "tanh", "sinh", "cosh",
          "logical_not", "isnan", "isinf", "isfinite"]
_BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "remainder", "power",
           "maximum", "minimum", "equal", "not_equal", "less", "less_equal", "logical_and",
           "logical_or"]


def _check_kwargs(name, out, kwargs):
    if out is not None:
        raise NotImplementedError(f"npt: {name}(out=...) is not supported (arrays are immutable)")
    if kwargs:
        raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")


def _apply(op, args, dtype=None):
    hs = [node_of(a) for a in args]
    if dtype is not None:
        name = dtype_name(dtype)
        hs = [_npt.apply("cast", [h], dtype=name) for h in hs]
    return ndarray(_npt.apply(op, hs))


def _make_unary(op):
    def f(x, /, out=None, *, dtype=None, **kwargs):
        _check_kwargs(op, out, kwargs)
        return _apply(op, [x], dtype)
    f.__name__ = f.__qualname__ = op
    f.__doc__ = f"numpy.{op}, lazy and fused."
    return f


def _make_binary(op):
    apply, scalar = _npt.apply, _npt.scalar
    is_power = op == "power"  # int exponents take the checked path

    def f(x1, x2, /, out=None, *, dtype=None, **kwargs):
        # fast path: an array and a Python float/array (the common case)
        if out is None and dtype is None and not kwargs and type(x1) is ndarray:
            t2 = type(x2)
            if t2 is ndarray:
                return ndarray(apply(op, [x1._h, x2._h]))
            if t2 is float or (t2 is int and not is_power):
                return ndarray(apply(op, [x1._h, scalar(x2, True)]))
        _check_kwargs(op, out, kwargs)
        if op == "power" and type(x2) is int and x2 < 0 and isinstance(x1, ndarray) \
                and x1.dtype.kind in "iub":
            raise ValueError("Integers to negative integer powers are not allowed.")
        return _apply(op, [x1, x2], dtype)
    f.__name__ = f.__qualname__ = op
    f.__doc__ = f"numpy.{op}, lazy and fused."
    return f


for _op in _UNARY:
    globals()[_op] = _make_unary(_op)
for _op in _BINARY:
    globals()[_op] = _make_binary(_op)

# ---- comparisons: NumPy 2 compares exactly where promotion would not --------
# (a Python int out of an integer array's range; int64 against uint64)
_SWAP = {"less": "greater", "less_equal": "greater_equal", "greater": "less",
         "greater_equal": "less_equal", "equal": "equal", "not_equal": "not_equal"}
# x OP v for v above the dtype's max (x <= max always) or below its min
_ABOVE = {"less": True, "less_equal": True, "greater": False, "greater_equal": False,
          "equal": False, "not_equal": True}
# the comparison primitives (greater is less with the operands swapped)
_PRIM = {"less": lambda a, b: _apply("less", [a, b]),
         "less_equal": lambda a, b: _apply("less_equal", [a, b]),
         "greater": lambda a, b: _apply("less", [b, a]),
         "greater_equal": lambda a, b: _apply("less_equal", [b, a]),
         "equal": lambda a, b: _apply("equal", [a, b]),
         "not_equal": lambda a, b: _apply("not_equal", [a, b])}


def _as_array(x):
    return x if isinstance(x, ndarray) else ndarray(node_of(x))


def _compare(op, x1, x2):
    import builtins
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
        neg_result = {"less": True, "less_equal": True, "greater": False,
                      "greater_equal": False, "equal": False, "not_equal": True}[name]
        exact = _PRIM[name](s.astype("uint64"), u)
        return where(_apply("less", [s, 0]), neg_result, exact)  # noqa: F821
    return _PRIM[op](x1, x2)  # Python scalars stay weak


def _make_compare(op):
    def f(x1, x2, /, out=None, **kwargs):
        _check_kwargs(op, out, kwargs)
        return _compare(op, x1, x2)
    f.__name__ = f.__qualname__ = op
    f.__doc__ = f"numpy.{op}, lazy and fused."
    return f


for _op in ("equal", "not_equal", "less", "less_equal", "greater", "greater_equal"):
    globals()[_op] = _make_compare(_op)

# ---- compositions ----------------------------------------------------------
true_divide = divide  # noqa: F821
mod = remainder  # noqa: F821
abs = absolute  # noqa: F821,A001


def square(x, /, out=None, **kwargs):
    """numpy.square: x * x (bool squares as int8, as in NumPy)."""
    _check_kwargs("square", out, kwargs)
    x = x if isinstance(x, ndarray) else ndarray(node_of(x))
    if x.dtype.kind == "b":
        x = x.astype("int8")
    return multiply(x, x)  # noqa: F821


def positive(x, /):
    """numpy.positive (a copy of x; no loop for bool, as in NumPy)."""
    x = x if isinstance(x, ndarray) else ndarray(node_of(x))
    if x.dtype.kind == "b":
        raise TypeError("ufunc 'positive' did not contain a loop with signature matching types "
                        "<class 'numpy.dtypes.BoolDType'> -> None")
    return ndarray(x._h)  # a new array (values are immutable: no buffer copy needed)


def where(condition, x=None, y=None, /):
    """numpy.where(condition, x, y): elementwise select."""
    if x is None or y is None:
        if x is None and y is None:
            raise NotImplementedError("npt: where(condition) (nonzero) has a data-dependent shape; "
                                      "not supported yet")
        raise ValueError("either both or neither of x and y should be given")
    return ndarray(_npt.apply("where", [node_of(condition), node_of(x), node_of(y)]))


_NoValue = _np._NoValue


def clip(a, a_min=_NoValue, a_max=_NoValue, /, out=None, *, min=_NoValue, max=_NoValue,
         **kwargs):
    """numpy.clip: minimum(maximum(a, a_min), a_max); a bound of None is no bound."""
    _check_kwargs("clip", out, kwargs)
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
        return positive(r)
    if a_min is not None:
        r = maximum(r, a_min)  # noqa: F821
    if a_max is not None:
        r = minimum(r, a_max)  # noqa: F821
    return r


__all__ = _UNARY + _BINARY + ["true_divide", "mod", "abs", "greater", "greater_equal", "square",
                              "positive", "where", "clip"]
