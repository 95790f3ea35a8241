"""ndarray methods that are NumPy module functions: one table, and each
method is the module's function itself (self is its first argument)."""
from . import _linalg, _reductions, _ufuncs
from ._array import ndarray

METHODS = {
    "sum": _reductions.sum, "prod": _reductions.prod, "mean": _reductions.mean,
    "max": _reductions.max, "min": _reductions.min, "all": _reductions.all,
    "any": _reductions.any, "clip": _ufuncs.clip, "dot": _linalg.dot,
}

for _name, _fn in METHODS.items():
    setattr(ndarray, _name, _fn)


# methods that are ufuncs in NumPy's namespace (ufunc objects do not bind self)
def conj(self):
    """a.conj(): the complex conjugate, elementwise (numpy.conjugate)."""
    return _ufuncs.conjugate(self)


ndarray.conj = ndarray.conjugate = conj
