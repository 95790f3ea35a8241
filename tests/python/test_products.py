"""einsum (subscripts and sublist forms, ellipses, diagonals, optimize=),
einsum_path, dot for N-d operands, inner, outer, vdot and kron against
NumPy over dtypes, with NumPy's errors; gradients against finite
differences."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_like_numpy, assert_same

DTYPES = ["float64", "float32", "int8", "int64", "uint8", "bool", "complex128"]

rng = numpy.random.default_rng(7)
SHAPES = {"A": (2, 3), "B": (3, 4), "C": (4, 2), "V": (3,), "T": (2, 3, 3), "S": (3, 3), "E": (0, 3), "U": (1, 3)}


def _op(name, dtype):
    x = numpy.round(numpy.random.default_rng(ord(name)).normal(size=SHAPES[name]) * 2)
    if dtype == "bool":
        return x > 0
    if dtype.startswith("u"):
        x = numpy.abs(x)
    if dtype.startswith("complex"):
        x = x + 1j * numpy.round(numpy.cos(x))
    return x.astype(dtype)


EINSUM = [
    ("ij,jk->ik", "AB"), ("ij,jk", "AB"), ("ij,jk,kl->il", "ABC"), ("ii", "S"), ("ii->i", "S"),
    ("ij->", "A"), ("ij->ji", "A"), ("i,i", "VV"), ("i,j->ij", "VV"), ("...ij,...jk->...ik", "TT"),
    ("bij,bjk->bik", "TT"), ("ijk->kji", "T"), ("bii->b", "T"), ("ij,j->i", "AV"), ("...,...", "VV"),
    ("i...->...", "T"), ("ij,ij->ij", "AA"), ("ij,kl->ijkl", "AA"), ("bA", "A"), ("ij,jk", "EB"),
    ("...j,...j->...", "UA"), ("iij->j", "T"), ("ij,jk->ik", "AC"), ("ij,j", "AA"), ("ij", "V"),
    ("i,i,i", "VV"), ("i,i->k", "VV"), ("ij->ii", "A"), ("i1", "V"),
]


@pytest.mark.parametrize("optimize", [False, True, "optimal"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("subscripts, names", EINSUM, ids=str)
def test_einsum(subscripts, names, dtype, optimize):
    ops = [_op(n, dtype) for n in names]
    assert_like_numpy(lambda np, *xs: np.einsum(subscripts, *xs, optimize=optimize), *ops, rtol=1e-5)


@pytest.mark.parametrize("kw", [dict(dtype="float64"), dict(dtype="int8", casting="unsafe"),
                                dict(dtype="int8"), dict(bogus=1)], ids=str)
def test_einsum_keywords(kw):
    a, b = _op("A", "float32"), _op("B", "float32")
    assert_like_numpy(lambda np, x, y: np.einsum("ij,jk", x, y, **kw), a, b)


def test_einsum_sublists_out_and_path():
    a, b = _op("A", "float64"), _op("B", "float64")
    assert_like_numpy(lambda np, x, y: np.einsum(x, [0, 1], y, [1, 2], [0, 2]), a, b)
    assert_like_numpy(lambda np, x: np.einsum(x, [Ellipsis, 1], [1, Ellipsis]), a)
    out = npt.zeros((2, 4))
    r = npt.einsum("ij,jk->ik", a, b, out=out)
    assert r is out
    assert_same(out, a @ b)
    ops = [_op(n, "float64") for n in "ABC"]
    got = npt.einsum_path("ij,jk,kl->il", *[npt.asarray(x) for x in ops], optimize="optimal")
    assert got == numpy.einsum_path("ij,jk,kl->il", *ops, optimize="optimal")


PRODUCTS = {
    "dot 3-D 3-D": lambda np, a: np.dot(a, a.transpose(0, 2, 1)),
    "dot 3-D 1-D": lambda np, a: np.dot(a, a[0, 0]),
    "dot 1-D 3-D": lambda np, a: np.dot(a[0, :, 0], a[:, :, :3]),
    "dot mismatch": lambda np, a: np.dot(a, a),
    "inner": lambda np, a: np.inner(a, a[0]),
    "inner 3-D": lambda np, a: np.inner(a, a),
    "inner scalar": lambda np, a: np.inner(a, 2),
    "inner mismatch": lambda np, a: np.inner(a, a[0, 0, :2]),
    "outer": lambda np, a: np.outer(a[0], a[1, 0]),
    "outer out": lambda np, a: np.outer(a[0, 0], a[1, 0], out=np.zeros((3, 3), a.dtype)),
    "outer bad out": lambda np, a: np.outer(a[0, 0], a[1, 0], out=np.zeros((3, 2), a.dtype)),
    "vdot": lambda np, a: np.vdot(a, a),
    "vdot mismatch": lambda np, a: np.vdot(a, a[0]),
    "kron": lambda np, a: np.kron(a[0], a[1, :2]),
    "kron 3-D 1-D": lambda np, a: np.kron(a, a[0, 0]),
    "kron scalar": lambda np, a: np.kron(a[0], 3),
}


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("name", sorted(PRODUCTS))
def test_products(name, dtype):
    x = numpy.round(numpy.sin(numpy.arange(24.0)).reshape(2, 3, 4) * 3)
    x = (x > 0) if dtype == "bool" else numpy.abs(x).astype(dtype) if dtype.startswith("u") else x.astype(dtype)
    assert_like_numpy(PRODUCTS[name], x, rtol=1e-5)


@pytest.mark.parametrize("subscripts, names", [("ij,jk->ik", "AB"), ("ij,jk,kl->il", "ABC"), ("ii->i", "S"),
                                               ("bij,bjk->bik", "TT"), ("i,j->ij", "VV"), ("ij->", "A")], ids=str)
def test_einsum_gradients(subscripts, names):
    ops = [_op(n, "float64") + 0.25 for n in names]
    w = numpy.cos(numpy.arange(numpy.einsum(subscripts, *ops).size)).reshape(numpy.einsum(subscripts, *ops).shape)
    assert_grad_matches_fd(lambda t: (npt.einsum(subscripts, t, *ops[1:]) * w).sum(), ops[0], atol=1e-8)
    assert_grad_matches_fd(lambda t: (npt.einsum(subscripts, *ops[:-1], t) * w).sum() if len(ops) > 1
                           else (npt.einsum(subscripts, t) * w).sum(), ops[-1], atol=1e-8)


def test_product_gradients():
    a0 = numpy.sin(numpy.arange(6.0)).reshape(2, 3)
    for f in (lambda m, t: m.kron(t, m.eye(2) + 1), lambda m, t: m.outer(t, t[0]), lambda m, t: m.inner(t, t),
              lambda m, t: m.dot(t.reshape(1, 2, 3), t.T)):
        w = numpy.cos(numpy.arange(numpy.asarray(f(numpy, a0)).size)).reshape(numpy.shape(f(numpy, a0)))
        assert_grad_matches_fd(lambda t: (f(npt, t) * w).sum(), a0, atol=1e-8)
