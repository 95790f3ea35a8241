"""Shape and manipulation functions against NumPy, from one table: every
case runs over dtypes and shapes (0-d and empty included) and compares
values, dtypes, shapes, whether the result shares memory with the input (a
view where NumPy's is one), and the exception type and text of bad input.
Differentiable ones are checked against finite differences."""
import numpy
import pytest

import npt

from _helpers import assert_grad_matches_fd, assert_layout_like_numpy, assert_same, small_ints

SHAPES = [(), (0,), (5,), (3, 4), (2, 0, 3), (2, 3, 4)]
DTYPES = ["float64", "int32", "bool", "complex64"]

# name -> (function of (module, array), which shapes it takes: a predicate on ndim)
CASES = {
    "reshape": (lambda np, a: np.reshape(a, (-1,)), lambda n: True),
    "reshape 2": (lambda np, a: np.reshape(a, (a.size // 2, -1)) if a.size % 2 == 0 and a.size else np.reshape(a, -1), lambda n: True),
    "reshape copy": (lambda np, a: np.reshape(a, a.shape, copy=True), lambda n: True),
    "reshape copy False": (lambda np, a: np.reshape(a.T, -1, copy=False), lambda n: True),
    "reshape bad": (lambda np, a: np.reshape(a, (7, 11)), lambda n: True),
    "ravel": (lambda np, a: np.ravel(a), lambda n: True),
    "ravel T": (lambda np, a: np.ravel(a.T), lambda n: True),
    "transpose": (lambda np, a: np.transpose(a), lambda n: True),
    "transpose axes": (lambda np, a: np.transpose(a, tuple(range(a.ndim))[::-1][1:] + (a.ndim - 1,)), lambda n: n >= 1),
    "permute_dims": (lambda np, a: np.permute_dims(a, tuple(reversed(range(a.ndim)))), lambda n: True),
    "matrix_transpose": (lambda np, a: np.matrix_transpose(a), lambda n: True),
    "moveaxis": (lambda np, a: np.moveaxis(a, 0, -1), lambda n: True),
    "moveaxis many": (lambda np, a: np.moveaxis(a, [0, 1], [-1, 0]), lambda n: n >= 2),
    "moveaxis repeated": (lambda np, a: np.moveaxis(a, [0, 0], [1, 2]), lambda n: n >= 3),
    "rollaxis": (lambda np, a: np.rollaxis(a, -1), lambda n: True),
    "rollaxis start": (lambda np, a: np.rollaxis(a, 0, a.ndim), lambda n: True),
    "atleast_1d": (lambda np, a: np.atleast_1d(a), lambda n: True),
    "atleast_2d": (lambda np, a: np.atleast_2d(a), lambda n: True),
    "atleast_3d": (lambda np, a: np.atleast_3d(a), lambda n: True),
    "broadcast_arrays": (lambda np, a: np.broadcast_arrays(a, np.ones((2,) + a.shape, a.dtype))[0], lambda n: True),
    "concatenate": (lambda np, a: np.concatenate([a, a * 2], axis=0), lambda n: True),
    "concatenate last": (lambda np, a: np.concatenate([a, a[..., :1]], axis=-1), lambda n: True),
    "concatenate None": (lambda np, a: np.concatenate([a, a], axis=None), lambda n: True),
    "concatenate mixed": (lambda np, a: np.concatenate([a, np.ones(a.shape, "float32")]), lambda n: True),
    "concatenate dtype": (lambda np, a: np.concatenate([a, a], dtype="float32"), lambda n: True),
    "concatenate mismatch": (lambda np, a: np.concatenate([a, np.ones((1,) * a.ndim)], axis=-1), lambda n: True),
    "concatenate ndim": (lambda np, a: np.concatenate([a, np.ones((1,) * (a.ndim + 1))]), lambda n: True),
    "concat": (lambda np, a: np.concat([a, a]), lambda n: True),
    "stack": (lambda np, a: np.stack([a, a, a]), lambda n: True),
    "stack axis": (lambda np, a: np.stack([a, a], axis=-1), lambda n: True),
    "stack mismatch": (lambda np, a: np.stack([a, np.ones(3)]), lambda n: True),
    "unstack": (lambda np, a: np.unstack(a)[-1], lambda n: True),
    "vstack": (lambda np, a: np.vstack([a, a]), lambda n: True),
    "hstack": (lambda np, a: np.hstack([a, a]), lambda n: True),
    "dstack": (lambda np, a: np.dstack([a, a]), lambda n: True),
    "column_stack": (lambda np, a: np.column_stack([a, a]), lambda n: n >= 1),
    "append": (lambda np, a: np.append(a, a), lambda n: True),
    "append axis": (lambda np, a: np.append(a, a, axis=0), lambda n: True),
    "split": (lambda np, a: np.split(a, [1, 3])[1], lambda n: True),
    "split sections": (lambda np, a: np.split(a, 1)[0], lambda n: True),
    "split unequal": (lambda np, a: np.split(a, 4), lambda n: True),
    "array_split": (lambda np, a: np.array_split(a, 3)[2], lambda n: True),
    "array_split axis": (lambda np, a: np.array_split(a, 2, axis=-1)[0], lambda n: True),
    "hsplit": (lambda np, a: np.hsplit(a, [1])[1], lambda n: True),
    "vsplit": (lambda np, a: np.vsplit(a, [1])[0], lambda n: True),
    "dsplit": (lambda np, a: np.dsplit(a, [2])[1], lambda n: True),
    "flip": (lambda np, a: np.flip(a), lambda n: True),
    "flip axis": (lambda np, a: np.flip(a, -1), lambda n: True),
    "fliplr": (lambda np, a: np.fliplr(a), lambda n: True),
    "flipud": (lambda np, a: np.flipud(a), lambda n: True),
    "rot90": (lambda np, a: np.rot90(a), lambda n: True),
    "rot90 k": (lambda np, a: np.rot90(a, -1, axes=(-1, 0)), lambda n: True),
    "rot90 2": (lambda np, a: np.rot90(a, 2), lambda n: True),
    "roll": (lambda np, a: np.roll(a, 2), lambda n: True),
    "roll axis": (lambda np, a: np.roll(a, -1, axis=0), lambda n: True),
    "roll axes": (lambda np, a: np.roll(a, (1, 2), axis=(0, -1)), lambda n: True),
    "repeat": (lambda np, a: np.repeat(a, 2), lambda n: True),
    "repeat axis": (lambda np, a: np.repeat(a, [2] + [0] * (a.shape[0] - 1) if a.ndim and a.shape[0] else 1, axis=0), lambda n: True),
    "repeat method": (lambda np, a: a.repeat(3, axis=-1), lambda n: True),
    "repeat negative": (lambda np, a: np.repeat(a, -1), lambda n: True),
    "tile": (lambda np, a: np.tile(a, 2), lambda n: True),
    "tile reps": (lambda np, a: np.tile(a, (2, 1, 3)), lambda n: True),
}


# (only the inputs each case takes: no test that passes by returning early)
PARAMS = [(n, s, d) for n in sorted(CASES) for s in SHAPES for d in DTYPES if CASES[n][1](len(s))]


@pytest.mark.parametrize("name, shape, dtype", PARAMS, ids=str)
def test_manipulation(name, shape, dtype):
    assert_layout_like_numpy(CASES[name][0], small_ints(shape, dtype))


@pytest.mark.parametrize("name", ["concatenate", "stack", "roll axes", "repeat axis", "tile reps", "rot90",
                                  "moveaxis", "append", "split", "dstack"])
def test_manipulation_gradients(name):
    f, _ = CASES[name]
    x0 = numpy.linspace(-1.0, 1.0, 24).reshape(2, 3, 4)
    w = numpy.cos(numpy.arange(numpy.asarray(f(numpy, x0)).size)).reshape(numpy.shape(f(numpy, x0)))
    assert_grad_matches_fd(lambda x: (f(npt, x) * w).sum(), x0, atol=1e-8)


def test_views_of_manipulation_see_writes():
    x = numpy.arange(12.0).reshape(3, 4)
    a = npt.asarray(x.copy())
    parts = npt.split(a, 2, axis=1)
    f = npt.flip(a, 0)
    m = npt.moveaxis(a, 0, 1)
    parts[1][0, 0] = -1.0
    f[0] = -2.0
    m[0, 1] = -3.0
    e = x.copy()
    numpy.split(e, 2, axis=1)[1][0, 0] = -1.0
    numpy.flip(e, 0)[0] = -2.0
    numpy.moveaxis(e, 0, 1)[0, 1] = -3.0
    assert_same(a, e)
