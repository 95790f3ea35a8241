"""NumPy ufuncs: primitives are one table row each; the rest are compositions."""
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
    def f(x1, x2, /, out=None, *, dtype=None, **kwargs):
        _check_kwargs(op, out, kwargs)
        return _apply(op, [x1, x2], dtype)
    f.__name__ = f.__qualname__ = op
    f.__doc__ = f"numpy.{op}, lazy and fused."
    return f


for _op in _UNARY:
    globals()[_op] = _make_unary(_op)
for _op in _BINARY:
    globals()[_op] = _make_binary(_op)

# ---- compositions ----------------------------------------------------------
true_divide = divide  # noqa: F821
mod = remainder  # noqa: F821
abs = absolute  # noqa: F821,A001


def greater(x1, x2, /, out=None, **kwargs):
    """numpy.greater: less with the operands swapped."""
    _check_kwargs("greater", out, kwargs)
    return less(x2, x1)  # noqa: F821


def greater_equal(x1, x2, /, out=None, **kwargs):
    """numpy.greater_equal: less_equal with the operands swapped."""
    _check_kwargs("greater_equal", out, kwargs)
    return less_equal(x2, x1)  # noqa: F821


def square(x, /, out=None, **kwargs):
    """numpy.square: x * x (bool squares as int8, as in NumPy)."""
    _check_kwargs("square", out, kwargs)
    x = x if isinstance(x, ndarray) else ndarray(node_of(x))
    if x.dtype.kind == "b":
        x = x.astype("int8")
    return multiply(x, x)  # noqa: F821


def positive(x, /):
    return x if isinstance(x, ndarray) else ndarray(node_of(x))


def where(condition, x=None, y=None, /):
    """numpy.where(condition, x, y): elementwise select."""
    if x is None or y is None:
        if x is None and y is None:
            raise NotImplementedError("npt: where(condition) (nonzero) has a data-dependent shape; "
                                      "not supported yet")
        raise ValueError("either both or neither of x and y should be given")
    return ndarray(_npt.apply("where", [node_of(condition), node_of(x), node_of(y)]))


def clip(a, a_min=None, a_max=None, /, out=None, **kwargs):
    """numpy.clip: minimum(maximum(a, a_min), a_max)."""
    _check_kwargs("clip", out, kwargs)
    if a_min is None and a_max is None:
        raise ValueError("One of max or min must be given")
    r = a if isinstance(a, ndarray) else ndarray(node_of(a))
    if a_min is not None:
        r = maximum(r, a_min)  # noqa: F821
    if a_max is not None:
        r = minimum(r, a_max)  # noqa: F821
    return r


__all__ = _UNARY + _BINARY + ["true_divide", "mod", "abs", "greater", "greater_equal", "square",
                              "positive", "where", "clip"]
