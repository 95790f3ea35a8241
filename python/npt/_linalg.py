"""matmul: an opaque primitive run by ATen (a fusion barrier)."""
import numpy as _np

from . import _npt
from ._array import ndarray, node_of


def matmul_impl(x1, x2, /):
    """numpy.matmul (npt.matmul is the ufunc over this)."""
    for x in (x1, x2):
        if not isinstance(x, ndarray) and _is_scalar(x):
            raise ValueError("matmul: Input operand 0 does not have enough dimensions (has 0, "
                             "gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
    a, b = ndarray(node_of(x1)), ndarray(node_of(x2))
    out = _np.result_type(a.dtype, b.dtype)
    if out.kind == "b":  # ATen has no bool matmul: any(a and b) == (count > 0)
        return ndarray(_npt.apply("matmul", [a.astype("int64")._h, b.astype("int64")._h])) != 0
    if out.name in ("uint16", "uint32", "uint64"):  # wraps the same in int64
        r = ndarray(_npt.apply("matmul", [a.astype("int64")._h, b.astype("int64")._h]))
        return r.astype(out.name)
    return ndarray(_npt.apply("matmul", [a._h, b._h]))


def dot(a, b, out=None):
    """numpy.dot for 1-D and 2-D operands (as matmul); scalars multiply."""
    from ._ufunc import check_out
    check_out("dot", out)
    from ._ufuncs import multiply
    if _ndim(a) == 0 or _ndim(b) == 0:
        return multiply(a, b)
    if _ndim(a) > 2 or _ndim(b) > 2:
        raise NotImplementedError("npt: dot of arrays with more than 2 dims is not supported yet")
    return matmul_impl(a, b)


def _is_scalar(x):
    return isinstance(x, (bool, int, float, complex))


def _ndim(x):
    import numpy as np
    return x.ndim if isinstance(x, ndarray) else np.ndim(x)
