"""Every public npt function with a NumPy name takes NumPy's exact signature
(parameter names, order, kinds and defaults, as inspect.signature sees them),
and ndarray methods that are module functions are those functions."""
import inspect

import numpy as np
import pytest

import npt
from npt._methods import METHODS


def _public_functions():
    for name in sorted(dir(npt)):
        if name.startswith("_") or not hasattr(np, name):
            continue
        theirs = getattr(np, name)
        if isinstance(theirs, type) or not callable(theirs):
            continue  # dtypes, classes and constants
        yield name


NAMES = list(_public_functions())


def test_there_are_many():
    assert len(NAMES) > 130  # every ufunc and function npt has under a NumPy name


def _documented_parameters(f):
    """The parameter names of the signature line a NumPy builtin documents
    (some, e.g. fromstring, have no signature inspect can read)."""
    line = f.__doc__.strip().splitlines()[0]
    inner = line[line.index("(") + 1:line.rindex(")")]
    names = [p.strip().split("=")[0].lstrip("*") for p in inner.split(",")]
    return [n for n in names if n and n not in ("/",)]


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_numpys(name):
    ours, theirs = getattr(npt, name), getattr(np, name)
    try:
        want = inspect.signature(theirs)
    except ValueError:
        assert list(inspect.signature(ours).parameters) == _documented_parameters(theirs)
        return
    assert inspect.signature(ours) == want


@pytest.mark.parametrize("name", sorted(METHODS))
def test_methods_are_the_module_functions(name):
    assert getattr(npt.ndarray, name) is getattr(npt, name)
    x = np.arange(6.0).reshape(2, 3) if name != "searchsorted" else np.arange(6.0)  # (a 1-D a)
    a = npt.asarray(x)
    got, want = getattr(a, name), getattr(x, name)
    args = {"clip": (1, 4), "dot": (x.T,), "take": ([2, 0],), "put": ([0, 4], [-1.0, -2.0]),
            "swapaxes": (0, 1), "repeat": (2,),
            "searchsorted": (2.5,), "argpartition": (1,)}.get(name, ())
    r, e = got(*args), want(*args)
    if name == "put":  # it writes into a
        r, e = a, x
    for r, e in zip(r, e) if name == "nonzero" else [(r, e)]:
        np.testing.assert_allclose(np.asarray(r), e)
    if name in ("sum", "prod", "mean", "max", "min", "all", "any"):
        np.testing.assert_allclose(np.asarray(got(axis=1, keepdims=True)), want(axis=1, keepdims=True))
