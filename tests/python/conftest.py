"""Shared pytest configuration for the npt differential test suite.

NPT_VERIFY must be set before npt is imported so the graph verifier runs
after every pass of every plan the tests build; NPT_CACHE_DIR keeps the
kernel disk cache of a run out of the user's own.
"""
import atexit
import os
import shutil
import sys
import tempfile

os.environ.setdefault("NPT_VERIFY", "1")
# The suite tests the compiled kernels from the first call: tiered execution
# (the reference executor while a kernel compiles) has tests of its own.
os.environ.setdefault("NPT_TIERED", "0")
# The kernel disk cache of this run (and of the processes its tests start):
# a private directory of its own, unless the caller chose one (test.sh shares
# one across its runs, so the later runs load what the first compiled).
if "NPT_CACHE_DIR" not in os.environ:
    os.environ["NPT_CACHE_DIR"] = tempfile.mkdtemp(prefix="npt-test-cache-")
    atexit.register(shutil.rmtree, os.environ["NPT_CACHE_DIR"], True)

sys.path.insert(0, os.path.dirname(__file__))  # make _helpers importable

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

import npt  # noqa: E402,F401  (imported after NPT_VERIFY is set)

settings.register_profile(
    "npt-ci",
    deadline=None,
    max_examples=25,
    derandomize=True,
    database=None,  # derandomized runs need no example database
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("npt-dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "npt-ci"))


@pytest.fixture
def rng():
    """A fresh, fixed-seed generator per test (order-independent values)."""
    return np.random.default_rng(1234)
