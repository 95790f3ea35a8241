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
    """numpy.dot: matmul for 1-D and 2-D operands, a tensordot of a's last
    axis with b's second-to-last beyond; scalars multiply."""
    from ._ufunc import check_out
    check_out("dot", out)
    from ._ufuncs import multiply
    if _ndim(a) == 0 or _ndim(b) == 0:
        return multiply(a, b)
    if _ndim(a) > 2 or _ndim(b) > 2:  # a's last axis with b's second-to-last
        from ._array import asarray
        a, b = asarray(a), asarray(b)
        ib = b.ndim - 2 if b.ndim >= 2 else 0
        if a.shape[-1] != b.shape[ib]:
            raise ValueError(not_aligned(a.shape, b.shape, a.ndim - 1, ib))
        return tensordot(a, b, ([a.ndim - 1], [ib]))
    return matmul_impl(a, b)


def not_aligned(sa, sb, da, db):
    """NumPy's dot error text for shapes sa, sb summed over dims da, db."""
    text = lambda s: "(" + ",".join(map(str, s)) + ("," if len(s) == 1 else "") + ")"  # noqa: E731
    return f"shapes {text(sa)} and {text(sb)} not aligned: {sa[da]} (dim {da}) != {sb[db]} (dim {db})"


def _is_scalar(x):
    return isinstance(x, (bool, int, float, complex))


def _ndim(x):
    import numpy as np
    return x.ndim if isinstance(x, ndarray) else np.ndim(x)


def tensordot(a, b, axes=2):
    """numpy.tensordot: the sum of products over a's and b's paired axes (the
    last `axes` of a with the first of b for an int), one matmul of the
    operands permuted and reshaped to matrices."""
    from ._array import asarray
    a, b = asarray(a), asarray(b)
    try:
        iter(axes)
    except TypeError:
        n = int(axes)  # (a negative count pairs no axes, as NumPy's ranges give)
        axa, axb = [a.ndim + d for d in range(-n, 0)], list(range(n))
    else:
        axa, axb = axes
        axa = list(axa) if not isinstance(axa, (int, _np.integer)) else [axa]
        axb = list(axb) if not isinstance(axb, (int, _np.integer)) else [axb]
    if len(axa) != len(axb):
        raise ValueError("shape-mismatch for sum")
    axa = [x + a.ndim if x < 0 else x for x in axa]
    axb = [x + b.ndim if x < 0 else x for x in axb]
    if any(not 0 <= x < a.ndim for x in axa) or any(not 0 <= x < b.ndim for x in axb) or \
            any(a.shape[i] != b.shape[j] for i, j in zip(axa, axb)):
        raise ValueError("shape-mismatch for sum")
    free_a = [d for d in range(a.ndim) if d not in axa]
    free_b = [d for d in range(b.ndim) if d not in axb]
    k = int(_np.prod([a.shape[d] for d in axa]))
    ma = a.transpose(free_a + axa).reshape(int(_np.prod([a.shape[d] for d in free_a])), k)
    mb = b.transpose(axb + free_b).reshape(k, int(_np.prod([b.shape[d] for d in free_b])))
    return matmul_impl(ma, mb).reshape(tuple(a.shape[d] for d in free_a) + tuple(b.shape[d] for d in free_b))
