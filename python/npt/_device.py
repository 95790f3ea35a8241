"""Devices: "cpu" (default), "cuda", "cuda:N"."""
import re

from . import _npt

_CUDA = re.compile(r"^cuda(:(\d+))?$")


def check_device(device):
    """Validate a device string; return its index: -1 for the CPU, N for cuda:N."""
    if device is None or device == "cpu":
        return -1
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
    _load_torch_cuda()
    return index


def device_name(index):
    return "cpu" if index < 0 else f"cuda:{index}"


def _load_torch_cuda():
    """CUDA buffers come from ATen's CUDA allocator: torch's CUDA library
    registers it (and ATen's CUDA kernels) when torch is imported."""
    import torch
    if not torch.cuda.is_available():
        raise RuntimeError("npt: torch cannot use CUDA here, so npt cannot allocate on the device")


def place(arr, index):
    """`arr` (an npt ndarray) on device `index`: itself or an explicit copy."""
    from ._array import ndarray
    if arr._h.device == index:
        return arr
    return ndarray(_npt.to_device(arr._h, index))
