"""Every public function of NumPy 2 (the main namespace, linalg, fft and
random) and every public ndarray method and attribute exists in npt, except
the names npt._namespace.EXCLUDED lists with their reasons."""
import inspect
import types

import numpy as np

import npt
from npt._namespace import EXCLUDED


def _public_functions(module, prefix=""):
    names = module.__all__ if hasattr(module, "__all__") else dir(module)
    out = []
    for n in sorted(names):
        if n.startswith("_"):
            continue
        obj = getattr(module, n, None)
        if obj is None or inspect.isclass(obj) or isinstance(obj, types.ModuleType) or not callable(obj):
            continue
        out.append(prefix + n)
    return out


NUMPY_FUNCTIONS = (_public_functions(np) + _public_functions(np.linalg, "linalg.")
                   + _public_functions(np.fft, "fft.") + _public_functions(np.random, "random."))
NDARRAY = sorted(n for n in dir(np.ndarray) if not n.startswith("_"))


def _lookup(path):
    obj = npt
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def test_the_lists_are_numpys():
    # (a guard against an empty sweep: NumPy 2 has several hundred public functions)
    assert len(NUMPY_FUNCTIONS) > 450 and len(NDARRAY) > 60
    assert set(EXCLUDED) <= set(NUMPY_FUNCTIONS), "an exclusion names no NumPy function"


def test_every_numpy_function_is_in_npt():
    missing = [n for n in NUMPY_FUNCTIONS if n not in EXCLUDED and not _has(n)]
    assert not missing, f"{len(missing)} NumPy functions missing from npt: {missing}"


def test_excluded_names_are_not_half_there():
    present = [n for n in EXCLUDED if _has(n)]
    assert not present, f"excluded but present (drop them from EXCLUDED): {present}"


def test_every_ndarray_method_and_attribute_is_in_npt():
    missing = [n for n in NDARRAY if not hasattr(npt.ndarray, n)]
    assert not missing, f"ndarray lacks {missing}"


def _has(path):
    try:
        _lookup(path)
        return True
    except AttributeError:
        return False
