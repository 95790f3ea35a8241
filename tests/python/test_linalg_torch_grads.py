"""Gradients through npt.linalg against torch.autograd on the same losses,
real and complex (a complex input as its real and imaginary parts), stacked
inputs included. Each loss is one that the factorizations' sign and phase
freedom leaves unchanged, so the gradient is unique."""
import numpy as np
import pytest

import npt

torch = pytest.importorskip("torch")


class _T:
    """The few names where torch's API differs from NumPy's, for one loss text."""
    linalg = torch.linalg
    real = staticmethod(lambda t: t.real)
    imag = staticmethod(lambda t: t.imag)
    abs = staticmethod(torch.abs)
    eye = staticmethod(lambda n: torch.eye(n, dtype=torch.float64))

    @staticmethod
    def w(x):
        return torch.as_tensor(x)

    @staticmethod
    def swap(x):
        return x.mT

    @staticmethod
    def herm(x):
        return x.mH


class _N:
    linalg, real, imag, abs = npt.linalg, npt.real, npt.imag, npt.abs
    eye = staticmethod(npt.eye)
    w = staticmethod(lambda x: x)
    swap = staticmethod(lambda x: npt.swapaxes(x, -1, -2))
    herm = staticmethod(lambda x: npt.conj(npt.swapaxes(x, -1, -2)))


def _weights(shape, k=0):
    return np.cos(np.arange(int(np.prod(shape))) + k).reshape(shape)


def _spd(m, a):  # Hermitian positive definite
    return a @ m.herm(a) + 3 * m.eye(a.shape[-1])


# name: (loss(m, a), shapes, complex too)
LOSSES = {
    "inv": (lambda m, a: m.real(m.linalg.inv(a) * m.w(_weights(a.shape))).sum(), [(3, 3), (2, 4, 4)], True),
    "solve": (lambda m, a: m.real(m.linalg.solve(a, a[..., :2] * 2 + 1) * m.w(_weights(a.shape[:-1] + (2,)))).sum(),
              [(3, 3), (2, 3, 3)], True),
    "det": (lambda m, a: m.real(m.linalg.det(a) * (1 + 0.5j)).sum(), [(3, 3), (2, 3, 3)], True),
    "slogdet": (lambda m, a: m.linalg.slogdet(a)[1].sum(), [(3, 3), (2, 3, 3)], True),
    "cholesky": (lambda m, a: m.real(m.linalg.cholesky(_spd(m, a)) * m.w(_weights(a.shape))).sum(), [(3, 3), (2, 3, 3)],
                 True),
    "eigh": (lambda m, a: (m.linalg.eigh(_spd(m, a))[0] * m.w(_weights(a.shape[:-1]))).sum()
             + (m.abs(m.linalg.eigh(_spd(m, a))[1]) ** 2 * m.w(_weights(a.shape, 1))).sum(), [(3, 3), (2, 3, 3)], True),
    "svd": (lambda m, a: (m.linalg.svd(a, full_matrices=False)[1] * m.w(_weights(a.shape[:-2] + (min(a.shape[-2:]),)))).sum()
            + (m.abs(m.linalg.svd(a, full_matrices=False)[0]) ** 2 * m.w(_weights(a.shape[:-1] + (min(a.shape[-2:]),)))).sum()
            + m.real(_usv(m, a) * m.w(_weights(a.shape, 2))).sum(), [(3, 3), (4, 3), (3, 5), (2, 3, 4)], True),
    "qr": (lambda m, a: m.real(m.linalg.qr(a)[0] * m.w(_weights(a.shape[:-1] + (min(a.shape[-2:]),)))).sum()
           + m.real(m.linalg.qr(a)[1] * m.w(_weights(a.shape[:-2] + (min(a.shape[-2:]), a.shape[-1]), 1))).sum(),
           [(4, 3), (3, 3), (3, 5), (2, 4, 3)], True),
    "eig": (lambda m, a: m.real(m.linalg.eig(a)[0] * m.w(_weights(a.shape[:-1]))).sum()
            + (m.imag(m.linalg.eig(a)[0]) ** 2).sum() + (m.abs(m.linalg.eig(a)[1]) ** 2 * m.w(_weights(a.shape, 1))).sum(),
            [(3, 3), (2, 4, 4)], True),
    "norm nuc": (lambda m, a: m.linalg.norm(a, "nuc"), [(3, 3), (4, 3)], True),
    "norm 2": (lambda m, a: m.linalg.norm(a, 2), [(3, 3), (3, 4)], True),
    "norm fro": (lambda m, a: m.linalg.norm(a), [(3, 3), (2, 3)], True),
    "lstsq": (lambda m, a: (m.abs(m.linalg.lstsq(a, a[..., :1] * 3 - 1, rcond=None)[0]) ** 2).sum(), [(5, 3)], False),
    "pinv": (lambda m, a: (m.abs(m.linalg.pinv(a)) ** 2 * m.w(_weights(a.shape[::-1]))).sum(), [(3, 3), (4, 3), (3, 5)],
             True),
    "matrix_power": (lambda m, a: m.real(m.linalg.matrix_power(a, 3) + m.linalg.matrix_power(a, -2)).sum(),
                     [(3, 3), (2, 3, 3)], True),
    "multi_dot": (lambda m, a: m.real(m.linalg.multi_dot([a, m.swap(a) * 2, a])).sum(), [(3, 4)], True),
}


def _usv(m, a):
    u, s, vh = m.linalg.svd(a, full_matrices=False)
    return (u * s[..., None, :]) @ vh


def _torch_grad(loss, a, cplx):
    re = torch.tensor(a.real, requires_grad=True)
    im = torch.tensor(a.imag, requires_grad=True)
    x = torch.complex(re, im) if cplx else re
    loss(_T, x).backward()
    return [re.grad.numpy()] + ([im.grad.numpy()] if cplx else [])


CASES = [(n, s, c) for n, (_, shapes, cx) in LOSSES.items() for s in shapes for c in ([False, True] if cx else [False])]


@pytest.mark.parametrize("name,shape,cplx", CASES, ids=[f"{n}-{s}-{'c' if c else 'r'}" for n, s, c in CASES])
def test_gradient_is_torch_autograds(name, shape, cplx):
    loss = LOSSES[name][0]
    rng = np.random.default_rng(len(name) + sum(shape))
    a = rng.normal(size=shape) + (1j * rng.normal(size=shape) if cplx else 0)
    if cplx:
        ours = npt.grad(lambda re, im: loss(_N, re + 1j * im), argnums=(0, 1))(a.real, a.imag)
    else:
        ours = [npt.grad(lambda re: loss(_N, re))(a.real)]
    theirs = _torch_grad(loss, a, cplx)
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(np.asarray(o), t, rtol=1e-9, atol=1e-9)
