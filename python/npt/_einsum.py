"""numpy.einsum and einsum_path, and the products inner, outer, vdot and
kron, as compositions. einsum takes each operand's repeated labels as
diagonals and sums away the labels no one else needs; then it combines the
operands pairwise (in einsum_path's order when optimize asks): labels shared
and summed become one batched matmul (an ATen contraction), a pair with
nothing to sum a broadcast multiply (fused with what surrounds it). NumPy's
dtypes: the operands' result type, bool's sums as logical or."""
import string

import numpy as _np

from ._array import ndarray, asarray

__all__ = ["einsum", "einsum_path", "inner", "outer", "vdot", "kron"]

_LETTERS = string.ascii_letters


def _stand_in(x):
    """A dataless NumPy array of x's shape and dtype (NumPy's einsum checks see shapes only)."""
    return _np.lib.stride_tricks.as_strided(_np.zeros(1, x.dtype), x.shape, (0,) * x.ndim)


def _sublists(operands):
    """The interleaved form einsum(a, [0, 1], b, [1], [0]) as a subscripts string."""
    ops, terms = [], []
    args = list(operands)
    while len(args) >= 2:
        ops.append(args.pop(0))
        terms.append(args.pop(0))
    out = args[0] if args else None

    def letters(sub):
        return "".join("..." if s is Ellipsis else _LETTERS[s] for s in sub)
    s = ",".join(letters(t) for t in terms) + ("" if out is None else "->" + letters(out))
    return s, ops


def _parse(subscripts, ops):
    """(input label lists, output labels): '...' expanded to private labels,
    the implicit output NumPy's (ellipsis first, then once-used labels in order)."""
    sub = subscripts.replace(" ", "")
    ins, arrow, out = sub.partition("->")
    terms = ins.split(",")
    if len(terms) != len(ops):
        raise ValueError("more operands provided to einstein sum function than specified in the "
                         "subscripts string" if len(ops) > len(terms) else
                         "fewer operands provided to einstein sum function than specified in the "
                         "subscripts string")
    ell_nd = 0
    parsed = []
    for t, x in zip(terms, ops):
        if "..." in t:
            n = x.ndim - (len(t) - 3)
            if n < 0:
                raise ValueError("einstein sum subscripts string contains too many subscripts for operand")
            ell_nd = max(ell_nd, n)
        elif len(t) != x.ndim:
            raise ValueError(f"operand has more dimensions than subscripts given in einstein sum, but no "
                             f"'...' ellipsis provided to broadcast the extra dimensions."
                             if x.ndim > len(t) else
                             "einstein sum subscripts string contains too many subscripts for operand 0")
        parsed.append(t)
    ell = [chr(0x100 + i) for i in range(ell_nd)]
    labels = []
    for t, x in zip(parsed, ops):
        if "..." in t:
            a, b = t.split("...")
            n = x.ndim - len(a) - len(b)
            labels.append(list(a) + ell[ell_nd - n:] + list(b))
        else:
            labels.append(list(t))
    for ls in labels:
        for c in ls:
            if c not in _LETTERS and ord(c) < 0x100:
                raise ValueError(f"invalid subscript '{c}' in einstein sum subscripts string, subscripts "
                                 "must be letters")
    if arrow:
        o = out.replace("...", "\0")
        output = []
        for c in o:
            output += ell if c == "\0" else [c]
    else:
        counts = {}
        for ls in labels:
            for c in ls:
                counts[c] = counts.get(c, 0) + 1
        output = ell + sorted(c for c, k in counts.items() if k == 1 and c not in ell)
    return labels, output


def _reduce(x, axes, boolean):
    from ._reductions import sum as _sum, any as _any
    if not axes:
        return x
    return _any(x, axis=tuple(axes)) if boolean else _sum(x, axis=tuple(axes), dtype=x.dtype)


def _prepare(x, ls, needed, boolean):
    """x with its repeated labels taken as diagonals and its labels nobody
    else needs summed away: (array, labels)."""
    from ._writes import diagonal
    ls = list(ls)
    while len(set(ls)) != len(ls):
        c = next(c for c in ls if ls.count(c) > 1)
        i = ls.index(c)
        j = ls.index(c, i + 1)
        x = diagonal(x, 0, i, j)  # (the diagonal's dim goes last)
        ls = [l for k, l in enumerate(ls) if k not in (i, j)] + [c]
    drop = [k for k, c in enumerate(ls) if c not in needed]
    x = _reduce(x, drop, boolean)
    return x, [c for c in ls if c in needed]


def _pair(a, la, b, lb, keep, boolean):
    """The contraction of a and b over their shared labels not in keep."""
    from ._ufuncs import multiply, logical_and, matmul
    from ._writes import broadcast_to
    size = {}
    for x, ls in ((a, la), (b, lb)):
        for c, n in zip(ls, x.shape):
            size[c] = n if size.get(c, 1) == 1 else size[c]  # (1 broadcasts; 0 is a size)
    shared = [c for c in la if c in lb]
    summed = [c for c in shared if c not in keep]
    if not summed:  # a broadcast product (fused)
        labels = la + [c for c in lb if c not in la]
        ea = a.reshape(a.shape + (1,) * (len(labels) - len(la)))
        eb = b.transpose(sorted(range(len(lb)), key=lambda i: labels.index(lb[i])))
        eb = eb.reshape(tuple(b.shape[lb.index(c)] if c in lb else 1 for c in labels))
        return (logical_and if boolean else multiply)(ea, eb), labels
    batch = [c for c in shared if c in keep]
    fa = [c for c in la if c not in lb]
    fb = [c for c in lb if c not in la]
    pa = a.transpose([la.index(c) for c in batch + fa + summed])
    pb = b.transpose([lb.index(c) for c in batch + summed + fb])
    pa = broadcast_to(pa, tuple(size[c] for c in batch + fa + summed))
    pb = broadcast_to(pb, tuple(size[c] for c in batch + summed + fb))
    nb = [size[c] for c in batch]
    ka = int(_np.prod([size[c] for c in fa])), int(_np.prod([size[c] for c in summed]))
    kb = int(_np.prod([size[c] for c in fb]))
    r = matmul(pa.reshape(tuple(nb) + ka), pb.reshape(tuple(nb) + (ka[1], kb)))
    return r.reshape(tuple(size[c] for c in batch + fa + fb)), batch + fa + fb


def einsum(*operands, out=None, optimize=False, **kwargs):
    """numpy.einsum: the Einstein summation of the operands' labels."""
    if not operands:
        raise ValueError("No input operands")
    if isinstance(operands[0], str):
        subscripts, ops = operands[0], list(operands[1:])
    else:
        subscripts, ops = _sublists(operands)
    ops = [asarray(x) for x in ops]
    dtype = kwargs.get("dtype")
    # NumPy's own checks on dataless stand-ins (labels, sizes, casting)
    stand = [_stand_in(x) for x in ops]
    unknown = set(kwargs) - {"dtype", "order", "casting"}
    try:
        if unknown:
            raise ValueError
        probe = _np.einsum_path(subscripts, *stand, optimize="greedy" if optimize else False)
    except ValueError:  # NumPy's own error for this optimize= (its two einsums word them apart)
        _np.einsum(subscripts, *stand, optimize=optimize, **kwargs)
        raise
    rt = _np.result_type(*[x.dtype for x in ops]) if dtype is None else _np.dtype(dtype)
    if dtype is not None:
        casting = kwargs.get("casting", "safe")
        for x in ops:
            if not _np.can_cast(x.dtype, rt, casting):
                _np.einsum(subscripts, *stand, dtype=dtype, casting=casting)
    ops = [x.astype(rt) for x in ops]
    boolean = rt.kind == "b"
    labels, output = _parse(subscripts, ops)
    path = [tuple(p) for p in probe[0][1:]] if optimize else [(0, 1)] * (len(ops) - 1)
    arrays = list(zip(ops, labels))
    for k, (x, ls) in enumerate(arrays):  # what each operand alone can sum away
        others = set(output).union(*[set(l) for j, (_, l) in enumerate(arrays) if j != k])
        arrays[k] = _prepare(x, ls, others, boolean)
    for p in path:  # (einsum_path's steps: the operands taken out, their result appended)
        picked = [arrays[i] for i in p]
        for i in sorted(p, reverse=True):
            arrays.pop(i)
        rest = set(output).union(*[set(l) for _, l in arrays])
        a, la = picked[0]
        for k, (b, lb) in enumerate(picked[1:]):
            later = rest.union(*[set(l) for _, l in picked[k + 2:]])
            a, la = _pair(a, la, b, lb, later, boolean)
        arrays.append((a, la))
    x, ls = arrays[0]
    x, ls = _prepare(x, ls, set(output), boolean)
    r = x.transpose([ls.index(c) for c in output]) if ls else x
    if r.dtype != rt:
        r = r.astype(rt)
    if out is not None:
        from ._writes import store
        return store(out, r, "einsum", casting="unsafe", exact_shape=True)
    return r


def einsum_path(*operands, optimize="greedy", einsum_call=False):
    """numpy.einsum_path: NumPy's own contraction order and report (shapes only)."""
    if einsum_call:
        raise NotImplementedError("npt: einsum_path(einsum_call=True) is NumPy's internal form")
    args = [_stand_in(asarray(x)) if isinstance(x, ndarray) or not isinstance(x, (str, list, tuple)) and
            hasattr(x, "shape") else x for x in operands]
    return _np.einsum_path(*args, optimize=optimize)


def inner(a, b, /):
    """numpy.inner: the sum product over the last axes (scalars multiply)."""
    from ._ufuncs import multiply
    from ._linalg import tensordot
    a, b = asarray(a), asarray(b)
    if a.ndim == 0 or b.ndim == 0:
        return multiply(a, b)
    if a.shape[-1] != b.shape[-1]:
        from ._linalg import not_aligned
        raise ValueError(not_aligned(a.shape, b.shape, a.ndim - 1, b.ndim - 1))
    return tensordot(a, b, ([a.ndim - 1], [b.ndim - 1]))


def outer(a, b, out=None):
    """numpy.outer: the products of a's and b's elements (both flattened)."""
    from ._ufuncs import multiply
    a, b = asarray(a).reshape(-1), asarray(b).reshape(-1)
    return multiply(a[:, None], b[None, :], out=out)


def vdot(a, b, /):
    """numpy.vdot: the dot product of the flattened arrays, a conjugated."""
    from ._ufuncs import conjugate
    a, b = asarray(a).reshape(-1), asarray(b).reshape(-1)
    if a.shape[0] != b.shape[0]:  # (NumPy's reshape of b to a's length)
        raise ValueError(f"cannot reshape array of size {b.shape[0]} into shape ({a.shape[0]},)")
    if a.dtype.kind == "c":
        a = conjugate(a)
    from ._linalg import matmul_impl
    return matmul_impl(a, b)


def kron(a, b):
    """numpy.kron: the Kronecker product (blocks of b scaled by a's elements)."""
    from ._ufuncs import multiply
    a, b = asarray(a), asarray(b)
    nd = max(a.ndim, b.ndim)
    a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    b = b.reshape((1,) * (nd - b.ndim) + b.shape)
    ea = a.reshape(tuple(s for n in a.shape for s in (n, 1)))
    eb = b.reshape(tuple(s for n in b.shape for s in (1, n)))
    return multiply(ea, eb).reshape(tuple(x * y for x, y in zip(a.shape, b.shape)))
