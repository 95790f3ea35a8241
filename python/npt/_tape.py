"""Gradients the PyTorch way, on npt's lazy graph: ``x._requires_grad_()``,
``loss._backward()``, ``x._grad``, ``with npt._no_grad():`` (the names carry
a leading underscore: NumPy has none of them).

An array that requires grad is a leaf of the tape: its value is wrapped in a
tag node (the identity, with an id of its own), as ``npt.grad`` tags its
arguments. While any such leaf lives, materialized nodes keep their history,
so ``loss._backward()`` can walk from ``loss`` back to the tags however much
was computed (or printed) in between; the backward pass is the same symbolic
VJP graph as ``npt.grad``'s, fused, computed at the call and added into each
leaf's ``_grad``. Under ``_no_grad()`` the leaves read as plain values, so
nothing recorded there reaches a tag; a leaf written there (an optimizer
step) is a new leaf version when the block ends, cut from the old history.

A leaf whose memory was shared with another library (``npt.asarray`` of a
NumPy array or torch tensor) becomes npt's own copy when it starts to
require grad. Differences from torch: results do not carry ``_grad``/``_requires_grad``
of their own (only leaves do); a second ``_backward()`` through the same
graph is allowed (and accumulates); the tape and ``_no_grad`` are global to
the process, not per thread.
"""
import contextlib
import threading
import weakref

from . import _npt
from ._array import ndarray

_lock = threading.RLock()
_leaves = {}  # id(array) -> _Leaf, for each live array that requires grad
_no_grad_depth = [0]


class _Leaf:
    __slots__ = ("ref", "tag", "grad", "saved")

    def __init__(self, ref, tag):
        self.ref, self.tag, self.grad, self.saved = ref, tag, None, None


def _forget(key):
    with _lock:
        if _leaves.pop(key, None) is not None and not _leaves:
            _npt.pop_keep_history()


def _retag(a, leaf, value):
    """a's value becomes a fresh tag of node `value` (a new leaf version)."""
    from ._views import write
    leaf.tag = _npt.tag(value)
    write(a, leaf.tag)


def _requires_grad_(self, requires_grad=True):
    """a._requires_grad_(): a is a leaf whose gradient _backward() computes
    (into a._grad); False takes it off the tape. Returns a."""
    key = id(self)
    with _lock:
        if not requires_grad:
            _forget(key)
            return self
        if key in _leaves:
            return self
        if self.dtype.kind not in "fc":
            raise RuntimeError("only Tensors of floating point and complex dtype can require gradients")
        if self._v is not None and self._v.base is not None:
            raise RuntimeError("npt: _requires_grad_() needs an array that owns its data, not a view "
                               "(a view's gradient is its base's)")
        if not _leaves:
            _npt.push_keep_history()
        leaf = _Leaf(weakref.ref(self, lambda _, k=key: _forget(k)), None)
        _leaves[key] = leaf
        if _npt.is_shared(self._h):
            # memory shared with another library: the leaf is npt's own copy
            # (its versions are npt's values, which the other library's
            # writes must not change under a recorded graph)
            self._h = _npt.private_copy(self._h)
        _retag(self, leaf, self._h)
    return self


def _requires_grad(self):
    """Whether a is a leaf of the tape (see _requires_grad_)."""
    return id(self) in _leaves


def _get_grad(self):
    leaf = _leaves.get(id(self))
    return None if leaf is None else leaf.grad


def _set_grad(self, g):
    leaf = _leaves.get(id(self))
    if leaf is None:
        if g is None:
            return
        raise RuntimeError("npt: _grad can only be set on an array that requires grad")
    if g is not None:
        if not isinstance(g, ndarray) or g.shape != self.shape or g.dtype != self.dtype:
            raise RuntimeError(f"assigned grad has data of a different size or type: expected "
                               f"{self.dtype}{list(self.shape)}")
    leaf.grad = g


def _backward(self, gradient=None):
    """loss._backward(): d(loss)/d(leaf) added into each leaf's _grad, for
    every live leaf that loss's graph reaches (a non-scalar loss needs
    `gradient`, the cotangent, as torch's)."""
    from ._array import asarray
    with _lock:
        live = [(leaf.ref(), leaf) for leaf in _leaves.values()]
        live = [(a, leaf) for a, leaf in live if a is not None]
        reach = _npt.reaches([self._h], [leaf.tag for _, leaf in live]) if live else []
        live = [x for x, r in zip(live, reach) if r]
        if not live:
            raise RuntimeError("element 0 of tensors does not require grad and does not have a grad_fn")
        if gradient is None:
            if self.shape != ():
                raise RuntimeError("grad can be implicitly created only for scalar outputs")
            seed = _npt.scalar(1.0, False, self.dtype.name)
        else:
            g = asarray(gradient)
            if g.shape != self.shape:
                raise RuntimeError(f"Mismatch in shape: grad_output[0] has a shape of {list(g.shape)} and "
                                   f"output[0] has a shape of {list(self.shape)}.")
            seed = g.astype(self.dtype)._h
        grads = _npt.vjp([self._h], [seed], [leaf.tag for _, leaf in live])
        _npt.evaluate(grads)
        for (a, leaf), g in zip(live, grads):
            g = ndarray(_npt.detached(g))
            leaf.grad = g if leaf.grad is None else ndarray(_npt.detached((leaf.grad + g)._h))


class _no_grad(contextlib.ContextDecorator):
    """with npt._no_grad(): leaves read as plain values, so what is computed
    inside is off the tape; a leaf written inside becomes a new leaf version
    at the end (as torch.no_grad, for optimizer steps)."""

    def __enter__(self):
        with _lock:
            _no_grad_depth[0] += 1
            if _no_grad_depth[0] == 1:
                from ._views import write
                for leaf in list(_leaves.values()):
                    a = leaf.ref()
                    if a is None:
                        continue
                    leaf.saved = (a._h, _npt.detached(a._h))
                    write(a, leaf.saved[1])
        return self

    def __exit__(self, *exc):
        with _lock:
            _no_grad_depth[0] -= 1
            if _no_grad_depth[0] == 0:
                from ._views import write
                for leaf in list(_leaves.values()):
                    a = leaf.ref()
                    if a is None or leaf.saved is None:
                        continue
                    before, plain = leaf.saved
                    leaf.saved = None
                    if a._h.id == plain.id:
                        write(a, before)  # (not written: the same leaf version as before)
                    else:
                        _retag(a, leaf, _npt.detached(a._h))  # (written: a new version, no history)
        return False


ndarray._requires_grad_ = _requires_grad_
ndarray._requires_grad = property(_requires_grad)
ndarray._grad = property(_get_grad, _set_grad)
ndarray._backward = _backward
