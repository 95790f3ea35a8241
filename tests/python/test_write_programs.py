"""Random write programs against NumPy: chains of views, writes (basic,
advanced and boolean setitem, in-place operators, out=, ufunc.at, copyto)
and reads, run on NumPy and on npt, eagerly and under @npt.jit. Every array
the program holds is compared at the end (values, dtypes, shapes: which
arrays changed), and an op NumPy refuses must be refused by npt with the
same exception type.

The default run is a fast sample; NPT_FULL=1 runs the full sweep."""
import os

import numpy
import pytest

import npt

from _helpers import assert_same

N_EAGER, N_JIT = (2000, 400) if os.environ.get("NPT_FULL") else (150, 40)


# ---- generating a program (simulated on NumPy to know every shape) ------------

def _basic_key(rng, shape):
    key = []
    for n in shape:
        r = rng.random()
        if r < 0.25 and n:
            key.append(int(rng.integers(-n, n)))
        elif r < 0.7:
            start, stop = sorted(int(v) for v in rng.integers(-n - 1, n + 2, 2))
            step = int(rng.choice([1, 1, 2, -1, 3]))
            key.append(slice(start, stop, step) if step > 0 else slice(stop, start, step))
        else:
            key.append(slice(None))
    if rng.random() < 0.2:
        key.insert(int(rng.integers(0, len(key) + 1)), None)
    if rng.random() < 0.15 and key:
        key[-1] = Ellipsis
    return tuple(key)


def _advanced_key(rng, shape):
    if not shape:
        return (numpy.array(rng.random() < 0.5),)
    r = rng.random()
    if r < 0.35:  # a mask over the leading dims
        k = int(rng.integers(1, len(shape) + 1))
        return (rng.random(shape[:k]) < 0.5,)
    key = [slice(None)] * len(shape)
    dims = rng.choice(len(shape), size=min(len(shape), int(rng.integers(1, 3))), replace=False)
    length = int(rng.integers(1, 4))
    for d in sorted(dims):
        n = shape[d]
        hi = n + (1 if rng.random() < 0.05 else 0)  # now and then one out of bounds
        key[d] = rng.integers(-n, hi, length) if n else numpy.zeros(0, int)
    if rng.random() < 0.3:
        d = int(rng.integers(0, len(shape)))
        if not isinstance(key[d], numpy.ndarray) and shape[d]:
            key[d] = int(rng.integers(0, shape[d]))
    return tuple(key)


def _key(rng, shape):
    return _advanced_key(rng, shape) if rng.random() < 0.45 else _basic_key(rng, shape)


def _value(rng, shape, dtype):
    r = rng.random()
    if r < 0.35:
        return float(numpy.round(rng.normal() * 4, 2)) if dtype.kind == "f" else int(rng.integers(-9, 9))
    if r < 0.45 and shape:
        shape = shape[-1:]  # broadcast along the rest
    elif r < 0.5 and shape:
        shape = shape[:-1] + (shape[-1] + 1,)  # cannot broadcast: an error
    return numpy.round(rng.normal(size=shape) * 4, 2).astype(dtype)


def _apply(mod, op, live):
    """Run op on `live` (a list of arrays of module `mod`), appending new ones
    (a NumPy scalar, which npt has as a 0-d array of its own, as an array)."""
    n = len(live)
    _run(mod, op, live)
    if len(live) > n and isinstance(live[-1], numpy.generic):
        live[-1] = numpy.asarray(live[-1])


def _run(mod, op, live):
    kind = op[0]
    if kind == "view":
        _, i, how, arg = op
        a = live[i]
        if how == "key":
            live.append(a[arg])
        elif how == "T":
            live.append(a.T)
        elif how == "reshape":
            live.append(a.reshape(arg))
        elif how == "swapaxes":
            live.append(mod.swapaxes(a, *arg))
        elif how == "expand_dims":
            live.append(mod.expand_dims(a, arg))
        elif how == "diagonal":  # read-only: writes into it are refused
            live.append(a.diagonal(arg))
        else:
            live.append(mod.squeeze(a))
    elif kind == "set":
        _, i, key, value = op
        live[i][key] = value
    elif kind == "iop":
        _, i, sym, j, scalar = op
        other = scalar if j is None else live[j]
        a = live[i]
        if sym == "+":
            a += other
        elif sym == "-":
            a -= other
        else:
            a *= other
    elif kind == "out":
        _, i, j, name = op
        getattr(mod, name)(live[j], 1.5, out=live[i])
    elif kind == "at":
        _, i, key, value = op
        mod.add.at(live[i], key, value)
    elif kind == "copyto":
        _, i, value, where = op
        mod.copyto(live[i], value, where=where)
    elif kind == "read":
        _, i, how, arg = op
        a = live[i]
        if how == "key":
            live.append(a[arg])
        elif how == "sum":
            live.append(a.sum(axis=arg) if a.ndim else a * 1)
        elif how == "copy":
            live.append(a.copy())
        else:
            live.append(a * 2 + 1)


def generate(seed, n_ops=10):
    rng = numpy.random.default_rng(seed)
    shapes = [(int(rng.integers(1, 6)),), tuple(int(v) for v in rng.integers(1, 5, 2)),
              tuple(int(v) for v in rng.integers(1, 4, 3))]
    dtype = numpy.dtype("float64" if rng.random() < 0.8 else "int64")
    inputs = [numpy.round(rng.normal(size=shapes[int(rng.integers(0, 3))]) * 5, 1).astype(dtype)
              for _ in range(int(rng.integers(1, 3)))]
    live = [x.copy() for x in inputs]
    ops = []
    while len(ops) < n_ops:
        i = int(rng.integers(0, len(live)))
        a = live[i]
        r = rng.random()
        if r < 0.2:
            how = rng.choice(["key", "key", "T", "reshape", "swapaxes", "expand_dims", "squeeze", "diagonal"])
            arg = None
            if how == "key":
                arg = _basic_key(rng, a.shape)
            elif how == "reshape":
                arg = (-1,) if rng.random() < 0.5 or a.ndim < 1 else a.shape[::-1]
            elif how == "swapaxes":
                if a.ndim < 2:
                    continue
                arg = (0, a.ndim - 1)
            elif how == "expand_dims":
                arg = int(rng.integers(0, a.ndim + 1))
            elif how == "diagonal":
                if a.ndim < 2:
                    continue
                arg = int(rng.integers(-1, 2))
            op = ("view", i, str(how), arg)
        elif r < 0.5:
            key = _key(rng, a.shape)
            try:
                shape = a[key].shape
            except IndexError:
                shape = ()
            op = ("set", i, key, _value(rng, shape, a.dtype))
        elif r < 0.65:
            j = int(rng.integers(0, len(live))) if rng.random() < 0.6 else None
            scalar = None if j is not None else (1.5 if rng.random() < 0.5 else 2)
            op = ("iop", i, str(rng.choice(["+", "-", "*"])), j, scalar)
        elif r < 0.72:
            op = ("out", i, int(rng.integers(0, len(live))), str(rng.choice(["add", "multiply"])))
        elif r < 0.8:
            if not a.flags.writeable:
                continue  # NumPy 2.4's ufunc.at writes into read-only arrays; npt refuses
            op = ("at", i, _advanced_key(rng, a.shape), _value(rng, (), a.dtype))
        elif r < 0.85:
            where = rng.random(a.shape) < 0.5 if rng.random() < 0.5 else True
            op = ("copyto", i, _value(rng, a.shape, a.dtype), where)
        else:
            how = str(rng.choice(["key", "sum", "copy", "arith"]))
            arg = _advanced_key(rng, a.shape) if how == "key" else 0 if how == "sum" else None
            op = ("read", i, how, arg)
        try:
            _apply(numpy, op, live)
            ops.append((op, None))
        except Exception as e:  # noqa: BLE001  (npt must refuse it the same way)
            ops.append((op, type(e)))
    return inputs, ops


# ---- running ------------------------------------------------------------------

def interpret(mod, ops, live, errors=True):
    for op, err in ops:
        if err is None:
            _apply(mod, op, live)
        elif errors:
            with pytest.raises(err):
                _apply(mod, op, live)
    return live


def _compare(got, want):
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert_same(g, numpy.asarray(w), rtol=1e-12)


@pytest.mark.parametrize("seed", range(N_EAGER))
def test_write_program(seed):
    inputs, ops = generate(seed)
    want = interpret(numpy, ops, [x.copy() for x in inputs])
    got = interpret(npt, ops, [npt.asarray(x.copy()) for x in inputs])
    _compare(got, want)


@pytest.mark.parametrize("seed", range(N_JIT))
def test_write_program_under_jit(seed):
    # the same programs, the ops NumPy refuses left out, traced once and run
    # twice: the arguments it writes into are written, the rest returned
    inputs, ops = generate(seed)
    ops = [(op, None) for op, err in ops if err is None]
    want = interpret(numpy, ops, [x.copy() for x in inputs])

    @npt.jit
    def program(*args):
        return tuple(interpret(npt, ops, list(args))[len(args):])

    for _ in range(2):
        args = [npt.asarray(x.copy()) for x in inputs]
        made = program(*args)
        _compare(list(args) + list(made), want)
