"""The NumPy names npt does not provide, each with the reason it cannot
apply: the one list of exclusions (tests/python/test_namespace.py checks
every other public function of NumPy 2's main namespace, linalg, fft and
random, and every public ndarray method and attribute, is in npt)."""

_DATETIME = "datetime64/timedelta64 dtypes: npt has no datetime dtypes"
_MATRIX = "np.matrix, the 2-d subclass NumPy itself discourages: npt has one array type"

EXCLUDED = {
    # main namespace
    "busday_count": _DATETIME, "busday_offset": _DATETIME, "is_busday": _DATETIME,
    "datetime_as_string": _DATETIME, "datetime_data": _DATETIME,
    "asmatrix": _MATRIX, "bmat": _MATRIX,
    "row_stack": "deprecated in NumPy 2.0 (an alias of vstack, which npt has)",
    "nested_iters": "NumPy's C iterator over memory (nditer's nesting); npt arrays are lazy graph values",
    "get_include": "the directory of NumPy's C headers: npt has no C API to compile against",
    "test": "runs NumPy's own test suite (npt's is scripts/test.sh)",
}
