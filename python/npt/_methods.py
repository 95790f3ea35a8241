"""ndarray methods that are NumPy module functions: one table, and each
method is the module's function itself (self is its first argument)."""
from . import _builders, _linalg, _logic, _manipulation, _reductions, _sorting, _statistics, _ufuncs, _writes
from ._array import ndarray

METHODS = {
    "sum": _reductions.sum, "prod": _reductions.prod, "mean": _reductions.mean,
    "max": _reductions.max, "min": _reductions.min, "all": _reductions.all,
    "any": _reductions.any, "clip": _ufuncs.clip, "dot": _linalg.dot,
    "take": _writes.take, "put": _writes.put, "nonzero": _writes.nonzero,
    "repeat": _manipulation.repeat, "var": _statistics.var, "std": _statistics.std,
    "trace": _builders.trace, "argmax": _sorting.argmax, "argmin": _sorting.argmin,
    "argsort": _sorting.argsort, "cumsum": _sorting.cumsum, "cumprod": _sorting.cumprod,
    "searchsorted": _sorting.searchsorted, "argpartition": _sorting.argpartition, "round": _logic.round, "squeeze": _writes.squeeze, "swapaxes": _writes.swapaxes, "diagonal": _writes.diagonal,
}

for _name, _fn in METHODS.items():
    setattr(ndarray, _name, _fn)


# methods that are ufuncs in NumPy's namespace (ufunc objects do not bind self)
def conj(self):
    """a.conj(): the complex conjugate, elementwise (numpy.conjugate)."""
    return _ufuncs.conjugate(self)


ndarray.conj = ndarray.conjugate = conj


def compress(self, condition, axis=None, out=None):
    """a.compress(condition, axis=None, out=None): numpy.compress(condition, a, ...)."""
    return _writes.compress(condition, self, axis, out)


ndarray.compress = compress
ndarray.fill = _writes.fill
ndarray.sort = _sorting.sort_in_place
ndarray.partition = _sorting.partition_in_place
