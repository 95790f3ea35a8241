"""The GPU suite: differential tests against NumPy on a CUDA device. Every
test skips, with the reason, where no CUDA device/driver is found."""
import os

os.environ.setdefault("NPT_VERIFY", "1")

import pytest  # noqa: E402

import npt  # noqa: E402

_STATUS = npt._npt.cuda_status()


def pytest_collection_modifyitems(config, items):
    if _STATUS["devices"] > 0:
        return
    skip = pytest.mark.skip(reason=f"no CUDA device/driver: {_STATUS['reason']}")
    here = os.path.dirname(os.path.abspath(__file__))
    for item in items:  # this hook sees every collected test: mark only ours
        if str(item.path).startswith(here + os.sep):
            item.add_marker(skip)
