"""npt.special against closed forms, Python's math module and torch.special
(SciPy is not a dependency): values, dtypes and gradients."""
import math

import numpy as np
import pytest

import npt
from test_autodiff import check_grad


def test_xlogy_closed_form():
    x = np.array([0.0, 1.0, 2.0, 0.0, 3.0, 0.0])
    y = np.array([0.0, 2.0, np.nan, np.nan, 0.5, 5.0])
    want = np.array([0.0, math.log(2.0), np.nan, np.nan, 3 * math.log(0.5), 0.0])
    got = npt.special.xlogy(npt.asarray(x), npt.asarray(y))
    assert got.dtype == np.float64
    np.testing.assert_allclose(np.asarray(got), want, rtol=1e-15)
    rng = np.random.default_rng(1)
    check_grad(lambda m, a, b: (npt.special.xlogy if m is npt else
                                (lambda u, v: u * np.log(v)))(a, b),
               rng.uniform(0.5, 2, (3, 4)), rng.uniform(0.5, 2, (4,)), argnums=(0, 1))
