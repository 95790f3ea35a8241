"""npt.special: scipy.special's functions that npt has, lazy, fused and
differentiable. The primitives come from the registry (the entries it marks
module "special"); the rest are compositions, one table below."""
import math

from . import _npt
from ._array import ndarray, node_of


def _primitive(op, nin):
    oid = _npt.op_id(op)
    if nin == 1:
        def f(x, /):
            return ndarray(_npt.apply_op(oid, [node_of(x)]))
    else:
        def f(*xs):
            if len(xs) != nin:
                raise TypeError(f"{op}() takes {nin} positional arguments but {len(xs)} were given")
            return ndarray(_npt.apply_op(oid, [node_of(x) for x in xs]))
    f.__name__ = f.__qualname__ = op
    f.__doc__ = f"scipy.special.{op}, lazy and fused."
    return f


PRIMITIVES = {name: _primitive(name, arity)
              for name, kind, arity, grad, module in _npt.registry() if module == "special"}
globals().update(PRIMITIVES)


# ---- compositions -------------------------------------------------------------
def xlogy(x, y, /):
    """scipy.special.xlogy: x * log(y), 0 where x == 0 (unless y is NaN)."""
    from ._ufuncs import isnan, log, logical_and, equal, logical_not, multiply, where
    zero = logical_and(equal(x, 0), logical_not(isnan(y)))
    return where(zero, 0, multiply(x, log(y)))


__all__ = sorted(PRIMITIVES) + ["xlogy"]
del math
