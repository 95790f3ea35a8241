"""Devices: "cpu" (default), "cuda", "cuda:N"."""
import re

from . import _npt

_CUDA = re.compile(r"^cuda(:(\d+))?$")


def check_device(device):
    """Validate a device string; return the canonical name ("cpu" or "cuda:N")."""
    if device is None or device == "cpu":
        return "cpu"
    if not isinstance(device, str) or not _CUDA.match(device):
        raise ValueError(f"npt: unknown device {device!r}; expected 'cpu', 'cuda' or 'cuda:N'")
    index = int(_CUDA.match(device).group(2) or 0)
    status = _npt.cuda_status()
    if status["devices"] == 0:
        raise RuntimeError(f"npt: device {device!r} was requested, but no CUDA device/driver was "
                           f"found: {status['reason']}")
    if index >= status["devices"]:
        raise RuntimeError(f"npt: device {device!r} does not exist ({status['devices']} CUDA "
                           "device(s) found)")
    raise NotImplementedError("npt: CUDA kernels are generated and compiled (NVRTC) but running "
                              "them on the device is not implemented yet")
