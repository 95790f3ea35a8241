"""npt.linalg against numpy.linalg, from one table over dtypes and shapes
(batched stacks, empty matrices, non-square and 1-D inputs for the errors):
values, dtypes, shapes, NumPy's exceptions (LinAlgError itself included).
Factors defined up to a sign or phase (eigenvectors, U and V, Q) are checked
by reconstruction and orthogonality; gradients against finite differences."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_same, assert_same_exception, numpy_or_exc

DTYPES = ["float64", "float32", "complex128", "complex64", "int32", "bool", "float16"]
SQUARE = [(3, 3), (2, 4, 4), (0, 0), (2, 1, 1), (2, 0, 0), (0, 2, 2)]
RECT = [(3, 5), (5, 3), (2, 4, 2), (0, 3), (3, 0), (0, 2, 3)]
BAD = [(3,), (2, 3)]


def _mat(shape, dtype, kind="general"):
    rng = numpy.random.default_rng(sum(shape) + len(shape))
    if dtype == "bool":
        return numpy.asarray(rng.integers(0, 2, shape).astype(bool))
    x = rng.normal(size=shape)
    if numpy.dtype(dtype).kind == "c":
        x = x + 1j * rng.normal(size=shape)
    if numpy.dtype(dtype).kind in "iu":
        x = numpy.round(x * 3)
    if kind in ("spd", "hermitian") and len(shape) >= 2 and shape[-1] == shape[-2]:
        x = x @ numpy.conj(numpy.swapaxes(x, -1, -2)) + (shape[-1] * numpy.eye(shape[-1]) if kind == "spd" else 0)
    return numpy.asarray(x.astype(dtype))


L = lambda np: np.linalg  # noqa: E731

VALUES = {  # name: (function, input kind, shapes)
    "inv": (lambda np, a: L(np).inv(a), "general", SQUARE + BAD),
    "det": (lambda np, a: L(np).det(a), "general", SQUARE + BAD),
    "slogdet": (lambda np, a: tuple(L(np).slogdet(a)), "general", SQUARE + BAD),
    "solve": (lambda np, a: L(np).solve(a, a[..., :2] if a.ndim else a), "general", SQUARE + BAD),
    "solve vector": (lambda np, a: L(np).solve(a, a[0, ...] if a.ndim == 2 else a[..., 0, :]), "general",
                     SQUARE + BAD),
    "solve mismatch": (lambda np, a: L(np).solve(a, np.ones(a.shape[-1] + 1)), "general", SQUARE),
    "cholesky": (lambda np, a: L(np).cholesky(a), "spd", SQUARE + BAD),
    "cholesky upper": (lambda np, a: L(np).cholesky(a, upper=True), "spd", SQUARE),
    "cholesky not pd": (lambda np, a: L(np).cholesky(-a), "spd", SQUARE[:2]),
    "eigvalsh": (lambda np, a: L(np).eigvalsh(a), "hermitian", SQUARE + BAD),
    "eigvalsh U": (lambda np, a: L(np).eigvalsh(a, UPLO="U"), "hermitian", SQUARE),
    "eigvalsh bad UPLO": (lambda np, a: L(np).eigvalsh(a, UPLO="X"), "hermitian", SQUARE[:1]),
    "eigvals": (lambda np, a: numpy.sort_complex(numpy.asarray(L(np).eigvals(a))).astype(L(np).eigvals(a).dtype),
                "general", SQUARE + BAD),
    "eigvals symmetric": (lambda np, a: numpy.sort(numpy.asarray(L(np).eigvals(a)), axis=-1), "hermitian", SQUARE),
    "eigh values": (lambda np, a: L(np).eigh(a).eigenvalues, "hermitian", SQUARE),
    "svdvals": (lambda np, a: L(np).svdvals(a), "general", SQUARE + RECT + BAD[:1]),
    "svd S": (lambda np, a: L(np).svd(a, compute_uv=False), "general", SQUARE + RECT),
    "svd hermitian S": (lambda np, a: L(np).svd(a, compute_uv=False, hermitian=True), "hermitian", SQUARE),
    "pinv": (lambda np, a: L(np).pinv(a), "general", SQUARE + RECT),
    "matrix_rank": (lambda np, a: L(np).matrix_rank(a), "general", SQUARE + RECT),
    "matrix_rank 1-D": (lambda np, a: L(np).matrix_rank(a[..., 0, :]), "general", SQUARE[:2]),
    "norm": (lambda np, a: L(np).norm(a), "general", SQUARE + RECT + BAD),
    "norm fro": (lambda np, a: L(np).norm(a, "fro", axis=(-2, -1)), "general", SQUARE + RECT),
    "norm nuc": (lambda np, a: L(np).norm(a, "nuc", axis=(-2, -1)), "general", SQUARE + RECT),
    "norm 2": (lambda np, a: L(np).norm(a, 2, axis=(-1, -2), keepdims=True), "general", SQUARE + RECT),
    "norm -1": (lambda np, a: L(np).norm(a, -1, axis=(-2, -1)), "general", SQUARE[:2] + RECT[:3]),
    "norm inf": (lambda np, a: L(np).norm(a, numpy.inf, axis=(-2, -1)), "general", SQUARE[:2] + RECT[:3]),
    "norm vector 3": (lambda np, a: L(np).norm(a, 3, axis=-1), "general", SQUARE + RECT),
    "norm bad ord": (lambda np, a: L(np).norm(a, "x", axis=(-2, -1)), "general", SQUARE[:1]),
    "norm same axes": (lambda np, a: L(np).norm(a, axis=(0, 0)), "general", SQUARE[:1]),
    "vector_norm": (lambda np, a: L(np).vector_norm(a), "general", SQUARE + RECT + BAD),
    "vector_norm 0": (lambda np, a: L(np).vector_norm(a, ord=0, axis=-1), "general", SQUARE + RECT),
    "vector_norm -inf": (lambda np, a: L(np).vector_norm(a, ord=-numpy.inf, axis=(0,), keepdims=True),
                         "general", SQUARE[:2] + RECT[:3]),
    "matrix_norm": (lambda np, a: L(np).matrix_norm(a), "general", SQUARE + RECT + BAD[:1]),
    "matrix_norm nuc": (lambda np, a: L(np).matrix_norm(a, ord="nuc", keepdims=True), "general", SQUARE + RECT),
    "cond": (lambda np, a: L(np).cond(a + 3 * np.eye(a.shape[-1])), "spd", SQUARE[:2]),
    "cond 1": (lambda np, a: L(np).cond(a + 3 * np.eye(a.shape[-1]), 1), "spd", SQUARE[:2]),
    "matrix_power 3": (lambda np, a: L(np).matrix_power(a, 3), "general", SQUARE + BAD),
    "matrix_power 0": (lambda np, a: L(np).matrix_power(a, 0), "general", SQUARE),
    "matrix_power -2": (lambda np, a: L(np).matrix_power(a, -2), "spd", SQUARE),
    "matrix_power float": (lambda np, a: L(np).matrix_power(a, 1.5), "general", SQUARE[:1]),
    "multi_dot": (lambda np, a: L(np).multi_dot([a, a.T, a]), "general", [(3, 5), (5, 3), (3, 3)]),
    "multi_dot vectors": (lambda np, a: L(np).multi_dot([a[0], a.T, a, a[:, 0]]), "general", [(3, 5), (3, 3)]),
    "tensorinv": (lambda np, a: L(np).tensorinv(a.reshape(2, 2, 4), ind=2), "general", [(4, 4)]),
    "tensorsolve": (lambda np, a: L(np).tensorsolve(a.reshape(2, 2, 4), a[0]), "general", [(4, 4)]),
    "outer": (lambda np, a: L(np).outer(a[0], a[..., 0]), "general", SQUARE[:1] + RECT[:2]),
    "outer 2-D": (lambda np, a: L(np).outer(a, a[0]), "general", SQUARE[:1]),
    "cross": (lambda np, a: L(np).cross(a[..., :3], a[..., 1:4]), "general", [(2, 4, 4), (3, 5)]),
    "cross 2-vectors": (lambda np, a: L(np).cross(a[..., :2], a[..., :2]), "general", [(3, 3)]),
    "trace": (lambda np, a: L(np).trace(a, offset=1), "general", SQUARE + RECT),
    "diagonal": (lambda np, a: L(np).diagonal(a, offset=-1), "general", SQUARE + RECT),
    "vecdot": (lambda np, a: L(np).vecdot(a, a), "general", SQUARE + RECT),
    "tensordot": (lambda np, a: L(np).tensordot(a, a, axes=1), "general", SQUARE[:1] + RECT[:1]),
    "matmul": (lambda np, a: L(np).matmul(a, a.mT), "general", SQUARE + RECT),
    "matrix_transpose": (lambda np, a: L(np).matrix_transpose(a), "general", SQUARE + RECT + BAD[:1]),
    "qr mode": (lambda np, a: L(np).qr(a, mode="bogus"), "general", RECT[:1]),
    "qr r": (lambda np, a: numpy.abs(numpy.asarray(L(np).qr(a, mode="r"))), "general", SQUARE[:2] + RECT[:3]),
    "qr raw": (lambda np, a: L(np).qr(a, mode="raw"), "general", SQUARE[:2] + RECT[:3]),  # (geqrf's own form)
}

CASES = [(n, s, d) for n, (f, k, shapes) in VALUES.items() for s in shapes for d in DTYPES]


def _tol(dtype, result):
    r = numpy.asarray(result).dtype
    if r == numpy.float16 or dtype == "float16":
        return 4e-3, 2e-3  # (float16 sums: ATen accumulates otherwise than NumPy)
    single = r in (numpy.float32, numpy.complex64)
    return (2e-4, 1e-4) if single or dtype in ("float32", "complex64") else (1e-9, 1e-10)


@pytest.mark.parametrize("name, shape, dtype", CASES, ids=str)
def test_linalg(name, shape, dtype):
    f, kind, _ = VALUES[name]
    x = _mat(shape, dtype, kind)
    want, err = numpy_or_exc(f, numpy, x)
    got, gerr = numpy_or_exc(f, npt, npt.asarray(x))
    if err is not None or gerr is not None:
        assert_same_exception(gerr, err)
        return
    pairs = zip(got, want) if isinstance(want, tuple) else [(got, want)]
    for g, w in pairs:
        if isinstance(w, (int, numpy.integer)) and not isinstance(g, npt.ndarray):
            assert g == w
            continue
        w = numpy.asarray(w)
        g = npt.asarray(g) if not isinstance(g, npt.ndarray) else g
        if name.startswith("qr r"):  # (R's rows are defined up to a sign: compared in magnitude)
            g = npt.asarray(numpy.asarray(g))
        rtol, atol = _tol(dtype, w)
        finite = numpy.abs(w[numpy.isfinite(w)]) if w.dtype.kind in "fc" else numpy.abs(w)
        assert_same(g, w, rtol=rtol, atol=atol * max(1.0, float(numpy.max(finite, initial=0))))


def _orthonormal_columns(q, atol):
    q = numpy.asarray(q)
    eye = numpy.conj(numpy.swapaxes(q, -1, -2)) @ q
    numpy.testing.assert_allclose(eye, numpy.broadcast_to(numpy.eye(q.shape[-1]), eye.shape), atol=atol)


@pytest.mark.parametrize("dtype", ["float64", "float32", "complex128", "complex64"])
@pytest.mark.parametrize("shape", [(3, 5), (5, 3), (2, 4, 4), (4, 4)], ids=str)
def test_factors_reconstruct(shape, dtype):
    x = _mat(shape, dtype)
    atol = 1e-4 if dtype in ("float32", "complex64") else 1e-10
    for full in (True, False):
        u, s, vh = npt.linalg.svd(x, full_matrices=full)
        nu, ns, nvh = numpy.linalg.svd(x, full_matrices=full)
        assert (u.shape, s.shape, vh.shape) == (nu.shape, ns.shape, nvh.shape)
        assert (u.dtype, s.dtype, vh.dtype) == (nu.dtype, ns.dtype, nvh.dtype)
        k = s.shape[-1]
        rec = (numpy.asarray(u)[..., :k] * numpy.asarray(s)[..., None, :]) @ numpy.asarray(vh)[..., :k, :]
        numpy.testing.assert_allclose(rec, x, atol=atol * 10)
        _orthonormal_columns(u, atol * 10)
    for mode in ("reduced", "complete"):
        q, r = npt.linalg.qr(x, mode=mode)
        nq, nr = numpy.linalg.qr(x, mode=mode)
        assert (q.shape, r.shape, q.dtype, r.dtype) == (nq.shape, nr.shape, nq.dtype, nr.dtype)
        numpy.testing.assert_allclose(numpy.asarray(q) @ numpy.asarray(r), x, atol=atol * 10)
        _orthonormal_columns(q, atol * 10)
        numpy.testing.assert_allclose(numpy.tril(numpy.asarray(r), -1), 0, atol=atol)
    if shape[-1] == shape[-2]:
        h = _mat(shape, dtype, "hermitian")
        w, v = npt.linalg.eigh(h)
        nw, nv = numpy.linalg.eigh(h)
        assert (w.dtype, v.dtype, w.shape, v.shape) == (nw.dtype, nv.dtype, nw.shape, nv.shape)
        numpy.testing.assert_allclose(numpy.asarray(w), nw, rtol=atol * 10, atol=atol * 10)
        rec = (numpy.asarray(v) * numpy.asarray(w)[..., None, :]) @ numpy.conj(numpy.swapaxes(numpy.asarray(v), -1, -2))
        numpy.testing.assert_allclose(rec, h, atol=atol * 100)
        w, v = npt.linalg.eig(x)
        nw, nv = numpy.linalg.eig(x)
        assert (w.dtype, v.dtype, w.shape, v.shape) == (nw.dtype, nv.dtype, nw.shape, nv.shape)
        numpy.testing.assert_allclose(x @ numpy.asarray(v), numpy.asarray(v) * numpy.asarray(w)[..., None, :],
                                      atol=atol * 100)
        u, s, vh = npt.linalg.svd(h, hermitian=True)
        rec = (numpy.asarray(u) * numpy.asarray(s)[..., None, :]) @ numpy.asarray(vh)
        numpy.testing.assert_allclose(rec, h, atol=atol * 100)


def test_singular_matrices_raise_numpys_linalg_error():
    for f in (npt.linalg.inv, lambda a: npt.linalg.solve(a, numpy.ones(2))):
        with pytest.raises(numpy.linalg.LinAlgError, match="Singular matrix"):
            numpy.asarray(f(numpy.ones((2, 2))))
    assert npt.linalg.LinAlgError is numpy.linalg.LinAlgError
    # the error leaves nothing behind: the next call works
    numpy.testing.assert_allclose(numpy.asarray(npt.linalg.inv(numpy.eye(2) * 2)), numpy.eye(2) / 2)


def test_lstsq():
    rng = numpy.random.default_rng(5)
    a, b = rng.normal(size=(6, 3)), rng.normal(size=(6, 2))
    for bb in (b, b[:, 0]):
        got, want = npt.linalg.lstsq(a, bb), numpy.linalg.lstsq(a, bb)
        for g, w in zip(got, want):
            numpy.testing.assert_allclose(numpy.asarray(g), w, rtol=1e-9, atol=1e-12)
    x, res, rank, s = npt.linalg.lstsq(a[:2], b[:2])  # under-determined: no residuals
    assert res.shape == (0,) and rank == 2
    assert type(rank) is type(numpy.linalg.lstsq(a[:2], b[:2])[2])  # (np.int32, LAPACK's int)


def _sym(m, a):
    return (a + m.swapaxes(a, -1, -2)) / 2


GRADS = {
    "inv": lambda m, a: (m.linalg.inv(a) * numpy.arange(9.0).reshape(3, 3)).sum(),
    "solve": lambda m, a: (m.linalg.solve(a, a[:, :2] ** 2)).sum(),
    "solve vector": lambda m, a: (m.linalg.solve(a, a[0]) ** 2).sum(),
    "det": lambda m, a: m.linalg.det(a),
    "slogdet": lambda m, a: m.linalg.slogdet(a).logabsdet,
    "cholesky": lambda m, a: (m.linalg.cholesky(_sym(m, a) @ _sym(m, a) + 3 * m.eye(3))
                              * numpy.arange(1.0, 10.0).reshape(3, 3)).sum(),
    "eigvalsh": lambda m, a: (m.linalg.eigvalsh(_sym(m, a)) * numpy.array([1.0, -2.0, 0.5])).sum(),
    "eigh": lambda m, a: ((m.linalg.eigh(_sym(m, a)).eigenvectors ** 2) * numpy.arange(9.0).reshape(3, 3)).sum()
    + m.linalg.eigh(_sym(m, a)).eigenvalues[0],
    "svdvals": lambda m, a: (m.linalg.svdvals(a) * numpy.array([1.0, 2.0, -1.0])).sum(),
    "norm nuc": lambda m, a: m.linalg.norm(a, "nuc"),
    "norm 2": lambda m, a: m.linalg.norm(a, 2),
    "norm fro": lambda m, a: m.linalg.norm(a),
    "matrix_power": lambda m, a: m.linalg.matrix_power(a, -3).sum(),
    "cond": lambda m, a: m.linalg.cond(a),
    "tensorinv": lambda m, a: (m.linalg.tensorinv(a.reshape(3, 1, 3, 1), ind=2) ** 2).sum(),
}


@pytest.mark.parametrize("name", sorted(GRADS))
def test_gradients(name):
    a0 = numpy.array([[2.0, 0.3, -0.5], [0.1, 1.5, 0.4], [-0.3, 0.2, 1.0]])
    assert_grad_matches_fd(lambda t: GRADS[name](npt, t), a0, atol=1e-6)


def test_complex_gradients():
    z0 = numpy.array([[2.0 + 0.5j, 0.3 - 0.2j], [0.1 + 1j, 1.5 - 0.3j]])

    def loss(m, re, im):
        a = re + 1j * im
        sl = m.linalg.slogdet(a)
        y = m.linalg.inv(a) + m.linalg.det(a)
        return (m.real(y) * numpy.array([[1.0, 2.0], [-1.0, 0.5]]) + m.imag(y) ** 2).sum() + sl.logabsdet \
            + m.real(sl.sign) * 0.7 + m.imag(sl.sign) * 1.3
    g = npt.grad(lambda r, i: loss(npt, r, i), argnums=(0, 1))(z0.real, z0.imag)
    for k in range(2):
        fd = numpy.zeros((2, 2))
        for idx in numpy.ndindex(2, 2):
            d = numpy.zeros((2, 2))
            d[idx] = 1e-6
            args_hi = [z0.real + (d if k == 0 else 0), z0.imag + (d if k == 1 else 0)]
            args_lo = [z0.real - (d if k == 0 else 0), z0.imag - (d if k == 1 else 0)]
            fd[idx] = (loss(numpy, *args_hi) - loss(numpy, *args_lo)) / 2e-6
        numpy.testing.assert_allclose(numpy.asarray(g[k]), fd, rtol=1e-6, atol=1e-8)


def test_undefined_factor_gradients_raise_never_silently_zero():
    a = numpy.eye(3) + 0.1
    for f, what in ((lambda t: npt.linalg.qr(t[:, :2], mode="complete").R.sum(), "mode='reduced'"),
                    (lambda t: npt.linalg.svd(t[:2]).U.sum(), "full_matrices")):
        with pytest.raises(NotImplementedError, match=what):
            npt.grad(f)(a)


@pytest.mark.parametrize("shape", [(3, 3), (4, 3), (3, 5), (2, 3, 4)], ids=str)
def test_svd_gradient(shape):
    # a loss the SVD's sign freedom leaves unchanged (squares, and u_0 v_0^T)
    a0 = numpy.random.default_rng(sum(shape)).normal(size=shape)
    k = min(shape[-2:])
    w = [numpy.cos(numpy.arange(int(numpy.prod(s)))).reshape(s)
         for s in (shape[:-2] + (shape[-2], k), shape[:-2] + (k,), shape[:-2] + (k, shape[-1]))]

    def loss(t):
        u, s, vh = npt.linalg.svd(t, full_matrices=False)
        return (u ** 2 * w[0]).sum() + (s * w[1]).sum() + (vh ** 2 * w[2]).sum() + (u[..., :, :1] * vh[..., :1, :]).sum()
    assert_grad_matches_fd(loss, a0, atol=1e-6)
    assert_grad_matches_fd(lambda t: (npt.linalg.pinv(t) ** 2).sum(), a0, atol=1e-6)
    if len(shape) == 2 and shape[0] > shape[1]:
        b = numpy.arange(shape[0], dtype=float)
        assert_grad_matches_fd(lambda t: (npt.linalg.lstsq(t, b)[0] ** 2).sum(), a0, atol=1e-6)


@pytest.mark.parametrize("p", [1, -1, numpy.inf, -numpy.inf, "fro"])
def test_cond_of_a_singular_matrix_is_inf_as_numpys(p):
    """NumPy inverts with errors ignored: a singular matrix gives inf (not
    LinAlgError), a matrix holding NaN gives NaN."""
    np = numpy
    st = np.stack([np.array([[1.0, 2], [2, 4]]), np.eye(2), np.array([[np.nan, 1], [0, 1.0]])])
    for x in (st, st.astype(np.float32)):
        want = np.linalg.cond(x, p)
        got = np.asarray(npt.linalg.cond(x, p))
        assert got.dtype == want.dtype
        np.testing.assert_allclose(got, want, rtol=4 * np.finfo(x.dtype).eps)  # (inf and NaN where NumPy's)
