"""Transforms of the recorded graph: grad, value_and_grad, vjp and jit.

Gradients are symbolic: the VJPs of the registry build ordinary lazy nodes,
so the backward pass fuses with the forward one and can be differentiated
again. ``jit`` traces a function once per signature into a plan that later
calls replay without running the Python body.
"""
import functools
import os
import sys
import threading

import numpy as _np

from . import _npt
from ._array import ndarray, asarray
from ._tree import tree_flatten, tree_unflatten

_LEAF_DEF = tree_flatten(0)[1]

ConcretizationError = _npt.ConcretizationError


class _State(threading.local):
    tracing = 0  # > 0 while grad or jit records a function on this thread
    rng = None  # while jit records: id(bit generator) -> (generator, its state param, its state before)


_state = _State()


class _Tracing:
    """Marks a transform's recording: nested jit calls inline, history is kept."""

    def __enter__(self):
        _state.tracing += 1
        _npt.push_keep_history()

    def __exit__(self, *exc):
        _npt.pop_keep_history()
        _state.tracing -= 1


def _argnums_tuple(argnums, nargs, name="argnums"):
    nums = (argnums,) if isinstance(argnums, int) else tuple(argnums)
    for i in nums:
        if not isinstance(i, int) or not -nargs <= i < nargs:
            raise ValueError(f"{name} {argnums!r} out of range for a function called with "
                             f"{nargs} positional argument(s)")
    return tuple(i % nargs for i in nums)


def _check_diff_input(a):
    if a.dtype.kind not in "fc":
        raise TypeError("grad requires real- or complex-valued inputs (input dtype that is a "
                        f"sub-dtype of np.inexact), but got {a.dtype.name}. Cast integer or "
                        "bool inputs to a float dtype, or leave them out of argnums.")


def _tag_args(args, nums):
    """Replace the leaves of args[nums] by fresh tagged nodes (the wrt set).
    Returns also (caller's leaf, tagged array) pairs, for _write_back_tagged."""
    args = list(args)
    wrt, defs, pairs = [], [], []
    for i in nums:
        leaves, tdef = tree_flatten(args[i])
        new = []
        for leaf in leaves:
            a = leaf if isinstance(leaf, ndarray) else asarray(leaf)
            _check_diff_input(a)
            # (memory shared with another library: differentiated at the
            # values it has now, npt's copy, as every op that reads it)
            h = _npt.private_copy(a._h) if _npt.is_shared(a._h) else a._h
            t = ndarray(_npt.tag(h))
            new.append(t)
            wrt.append(t._h)
            pairs.append((leaf, t))
        args[i] = tree_unflatten(tdef, new)
        defs.append((tdef, len(new)))
    return args, wrt, defs, pairs


def _write_back_tagged(pairs, wrt):
    """A differentiated function that wrote into an argument wrote into the
    caller's array (as NumPy code would): its new version becomes that
    array's value, through a node of its own (a tag, the identity), so that
    reading the array does not cut the graph a later vjp_fn walks."""
    for (leaf, t), h in zip(pairs, wrt):
        if t._h is not h and isinstance(leaf, (ndarray, _np.ndarray)):
            _write_into(leaf, _npt.tag(t._h))


def _write_into(target, h):
    """target's value becomes node h's: an npt array's new version, or a
    NumPy array updated in place."""
    from ._views import write
    if isinstance(target, ndarray):
        write(target, h)
    else:
        target[...] = _npt.to_numpy(h)


def _untag(grads, defs, single):
    out, k = [], 0
    for tdef, n in defs:
        out.append(tree_unflatten(tdef, [ndarray(h) for h in grads[k:k + n]]))
        k += n
    return out[0] if single else tuple(out)


def value_and_grad(fun, argnums=0, has_aux=False):
    """f -> (f(x), df/dx) for scalar-valued f (numpy-style jax.value_and_grad)."""

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        nums = _argnums_tuple(argnums, len(args))
        with _Tracing():
            targs, wrt, defs, pairs = _tag_args(args, nums)
            out = fun(*targs, **kwargs)
            _write_back_tagged(pairs, wrt)  # (history kept: NumPy targets materialize)
        aux = None
        if has_aux:
            if not (isinstance(out, (tuple, list)) and len(out) == 2):
                raise TypeError("value_and_grad(has_aux=True) requires the function to return a "
                                f"pair (output, aux), got {type(out).__name__}")
            out, aux = out
        if not isinstance(out, ndarray):
            raise TypeError("Gradient only defined for functions that return an array, got "
                            f"{type(out).__name__}.")
        if out.shape != ():
            raise TypeError("Gradient only defined for scalar-output functions. Output had "
                            f"shape: {out.shape}.")
        if out.dtype.kind not in "fc":
            raise TypeError("grad requires real-valued outputs (output dtype that is a sub-dtype "
                            f"of np.floating), but got {out.dtype.name}.")
        seed = ndarray(_npt.scalar(1.0, False, out.dtype.name))
        grads = _npt.vjp([out._h], [seed._h], wrt)
        g = _untag(grads, defs, isinstance(argnums, int))
        return ((out, aux), g) if has_aux else (out, g)

    return wrapper


def grad(fun, argnums=0, has_aux=False):
    """f -> df/dx for scalar-valued f; argnums may be a tuple; pytrees work."""
    vg = value_and_grad(fun, argnums, has_aux)

    @functools.wraps(fun)
    def wrapper(*args, **kwargs):
        if has_aux:
            (_, aux), g = vg(*args, **kwargs)
            return g, aux
        return vg(*args, **kwargs)[1]

    return wrapper


def vjp(fun, *primals):
    """(f(*primals), vjp_fn): vjp_fn(cotangent) -> one cotangent per primal.

    The backward graph is planned at once, with the cotangents as parameters,
    so reading the output (or any array) before calling vjp_fn is safe."""
    with _Tracing():
        targs, wrt, defs, pairs = _tag_args(primals, range(len(primals)))
        out = fun(*targs)
        _write_back_tagged(pairs, wrt)
    out_leaves, out_def = tree_flatten(out)
    for o in out_leaves:
        if not isinstance(o, ndarray):
            raise TypeError(f"vjp: the function must return arrays, got {type(o).__name__}")
    seeds = [_npt.param(list(o.shape), o.dtype.name, o._h.device) for o in out_leaves]
    with _Tracing():
        grads = _npt.vjp([o._h for o in out_leaves], seeds, wrt)
    plan = _npt.trace_plan(list(grads), seeds)

    def vjp_fn(ct):
        ct_leaves, ct_def = tree_flatten(ct)
        if ct_def != out_def:
            raise TypeError("vjp: the cotangent must have the structure of the output")
        cts = []
        for c, o in zip(ct_leaves, out_leaves):
            c = asarray(c)
            if c.shape != o.shape:
                raise ValueError(f"vjp: cotangent shape {c.shape} does not match output shape "
                                 f"{o.shape}")
            cts.append(c.astype(o.dtype)._h)
        return _untag(plan.run(cts), defs, False)

    return out, vjp_fn


# ---- jit --------------------------------------------------------------------

class Jitted:
    """A function traced once per signature (pytree structure, shapes, dtypes,
    device, static args); later calls replay the cached plan."""

    def __init__(self, fun, static_argnums=(), static_argnames=()):
        functools.update_wrapper(self, fun)
        self.fun = fun
        self.static_argnums = ((static_argnums,) if isinstance(static_argnums, int)
                               else tuple(static_argnums))
        self.static_argnames = ((static_argnames,) if isinstance(static_argnames, str)
                                else tuple(static_argnames))
        self.traces = 0
        self._cache = {}
        self._fast = {}  # all-array positional calls: signature ints -> (plan, out_def)

    def __reduce__(self):
        """Pickled by reference, as functions are: the module's name for this
        jitted function where it has one, else the function it wraps (and
        its static arguments), jitted again on load. Traces are not pickled."""
        module = getattr(self, "__module__", None) or ""
        obj = sys.modules.get(module)
        for part in getattr(self, "__qualname__", "").split("."):
            obj = getattr(obj, part, None)
        if obj is self and module != "__main__":
            return self.__qualname__
        # (a script's or notebook's function: cloudpickle, as Dask uses it,
        # then sends the function by value to processes without that __main__)
        return Jitted, (self.fun, self.static_argnums, self.static_argnames)

    def _signature(self, args, kwargs):
        n = len(args)
        static_pos = {i % n for i in self.static_argnums if -n <= i < n}
        static, dyn_args = [], []
        for i, a in enumerate(args):
            (static if i in static_pos else dyn_args).append((i, a))
        dyn_kw = {k: v for k, v in kwargs.items() if k not in self.static_argnames}
        static_kw = tuple(sorted((k, v) for k, v in kwargs.items() if k in self.static_argnames))
        leaves, tdef = tree_flatten(([a for _, a in dyn_args], dyn_kw))
        arrays, spec = [], []
        for leaf in leaves:
            if isinstance(leaf, (ndarray, _np.ndarray)) or isinstance(leaf, _np.generic):
                a = leaf if isinstance(leaf, ndarray) else asarray(leaf)
                arrays.append(a)
                spec.append(("array", a.shape, a.dtype.name, a._h.device))
            else:  # Python scalars and other values are part of the signature
                spec.append(("value", type(leaf).__name__, leaf))
        key = (tuple(static), static_kw, tdef, tuple(spec))
        try:
            hash(key)
        except TypeError:
            raise TypeError("npt.jit: static arguments must be hashable") from None
        return key, dyn_args, leaves, tdef, arrays

    def _trace(self, args, kwargs):
        key, dyn_args, leaves, tdef, arrays = self._signature(args, kwargs)
        entry = self._cache.get(key)
        if entry is None:
            params, new_leaves = [], []
            for leaf in leaves:
                if isinstance(leaf, (ndarray, _np.ndarray, _np.generic)):
                    a = leaf if isinstance(leaf, ndarray) else asarray(leaf)
                    p = ndarray(_npt.param(list(a.shape), a.dtype.name, a._h.device))
                    params.append(p)
                    new_leaves.append(p)
                else:
                    new_leaves.append(leaf)
            dyn_list, dyn_kw = tree_unflatten(tdef, new_leaves)
            call_args = list(args)
            for (i, _), v in zip(dyn_args, dyn_list):
                call_args[i] = v
            call_kwargs = dict(kwargs)
            call_kwargs.update(dyn_kw)
            given = [p._h for p in params]
            outer_rng, _state.rng = _state.rng, {}
            try:
                with _Tracing():
                    out = self.fun(*call_args, **call_kwargs)
            finally:
                captured, _state.rng = _state.rng, outer_rng
                rng_out = [bg._words._h for bg, _, _ in captured.values()]
                for bg, _, before in captured.values():
                    bg._words = before  # (the state moves on when the plan runs)
            self.traces += 1
            out_leaves, out_def = tree_flatten(out)
            outs = []
            for o in out_leaves:
                if not isinstance(o, ndarray):
                    o = asarray(o)
                outs.append(o)
            # arguments the function wrote into: their new versions are extra
            # outputs, written back into the caller's arrays on every call
            mutated = tuple(k for k, p in enumerate(params) if p._h is not given[k])
            # random draws: each bit generator's state is an extra input and
            # its new state an extra output, so every call draws afresh
            rngs = tuple(bg for bg, _, _ in captured.values())
            plan = _npt.trace_plan([o._h for o in outs] + [params[k]._h for k in mutated] + rng_out,
                                   given + [p._h for _, p, _ in captured.values()])
            entry = self._cache[key] = (plan, out_def, outs, params, mutated, rngs)
        return entry, arrays, leaves

    def __call__(self, *args, **kwargs):
        if _state.tracing:
            return self.fun(*args, **kwargs)  # inside grad or another jit: inline
        fast = not kwargs and not self.static_argnums and all(type(a) is ndarray for a in args)
        if fast:
            hs = [a._h for a in args]
            entry = self._fast.get(tuple(h.sig for h in hs))
            if entry is not None:
                plan, out_def, mutated, rngs = entry
                outs = plan.run(hs + [bg._words._h for bg in rngs] if rngs else hs)
                if rngs:
                    outs = _advance_generators(outs, rngs)
                if mutated:
                    outs = _write_back_args(outs, mutated, args, args)
                if out_def is None:
                    return ndarray(outs[0])
                return tree_unflatten(out_def, [ndarray(h) for h in outs])
        (plan, out_def, _, _, mutated, rngs), arrays, leaves = self._trace(args, kwargs)
        if fast:
            single = out_def == _LEAF_DEF
            self._fast[tuple(a._h.sig for a in args)] = (plan, None if single else out_def, mutated, rngs)
        outs = plan.run([a._h for a in arrays] + [bg._words._h for bg in rngs])
        if rngs:
            outs = _advance_generators(outs, rngs)
        if mutated:
            given = [leaf for leaf in leaves if isinstance(leaf, (ndarray, _np.ndarray, _np.generic))]
            outs = _write_back_args(outs, mutated, arrays, given)
        return tree_unflatten(out_def, [ndarray(h) for h in outs])


def _advance_generators(outs, rngs):
    """The bit generators' new states (the last outputs) become their states;
    returns the other outputs."""
    n = len(outs) - len(rngs)
    for bg, h in zip(rngs, outs[n:]):
        bg._words = ndarray(h)
    return outs[:n]


def _write_back_args(outs, mutated, arrays, given):
    """The new versions of the arguments a jitted function wrote into (the
    last outputs) become those arrays' values; returns the function's own outputs."""
    n = len(outs) - len(mutated)
    for k, h in zip(mutated, outs[n:]):
        _write_into(given[k], h)  # (a NumPy array argument is updated in place)
    return outs[:n]


def jit(fun=None, *, static_argnums=(), static_argnames=()):
    """Trace ``fun`` once per signature; replay the compiled plan afterwards.

    Usable as ``@npt.jit``, ``@npt.jit(static_argnums=...)`` or ``npt.jit(f, ...)``.
    """
    if fun is None:
        return lambda f: Jitted(f, static_argnums, static_argnames)
    return Jitted(fun, static_argnums, static_argnames)


# ---- concretization errors with the user's line ------------------------------

_PKG = os.path.dirname(os.path.abspath(__file__))


def concretization_message(what):
    f = sys._getframe(1)
    while f is not None and os.path.abspath(f.f_code.co_filename).startswith(_PKG):
        f = f.f_back
    where = ""
    if f is not None:
        import linecache
        line = linecache.getline(f.f_code.co_filename, f.f_lineno).strip()
        where = f" (at {f.f_code.co_filename}:{f.f_lineno}: `{line}`)"
    return (f"{what} needs a concrete value, but this array depends on the arguments of a "
            f"function being traced by npt.jit{where}. Fix: pass that argument through "
            "static_argnums/static_argnames so it is a Python value while tracing, or move the "
            "data-dependent branch out of the jitted function.")
