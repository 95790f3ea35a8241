"""The eager plan cache: a graph structure seen before reuses its plan, with
the new leaves' buffers and nothing else carried over."""
import numpy as np

import npt


def test_same_structure_new_leaves_hits_the_cache_and_is_right():
    rng = np.random.default_rng(5)
    f = lambda m, x, y: m.sum(m.tanh(x) * y + 1.0, axis=1)  # noqa: E731
    a, b = rng.normal(size=(7, 9)), rng.normal(size=(7, 9))
    np.testing.assert_allclose(np.asarray(f(npt, npt.array(a), npt.array(b))), f(np, a, b))
    hits = npt.cache_info()["plan_hits"]
    for _ in range(3):
        a, b = rng.normal(size=(7, 9)), rng.normal(size=(7, 9))
        np.testing.assert_allclose(np.asarray(f(npt, npt.array(a), npt.array(b))), f(np, a, b))
    assert npt.cache_info()["plan_hits"] == hits + 3


def test_constant_values_and_shapes_are_part_of_the_structure():
    x = npt.asarray(np.arange(6.0))
    assert np.asarray(x * 0.5).tolist() == (np.arange(6.0) * 0.5).tolist()
    assert np.asarray(x * 0.7).tolist() == (np.arange(6.0) * 0.7).tolist()
    y = npt.asarray(np.arange(4.0))
    assert np.asarray(y * 0.5).tolist() == (np.arange(4.0) * 0.5).tolist()


def test_live_outputs_change_the_plan():
    x = npt.asarray(np.linspace(0, 1, 5))
    s = npt.sin(x)
    t = s * 2
    np.testing.assert_allclose(np.asarray(t), 2 * np.sin(np.linspace(0, 1, 5)))
    assert s._h.materialized  # held by the user: computed by the same plan
    del s
    t2 = npt.sin(x) * 2  # same ops, nothing else held: a different plan
    np.testing.assert_allclose(np.asarray(t2), np.asarray(t))
