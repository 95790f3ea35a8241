"""The Array API standard's namespace pieces that NumPy's functions do not
cover: the version, the inspection object `__array_namespace_info__()`,
`ndarray.__array_namespace__`, `.mT`, `.to_device`, and DLPack exchange
through NumPy's own protocol (on the CPU; zero-copy interop in both
directions and CUDA are the interop issue's)."""
import numpy as _np

from . import _npt
from ._array import ndarray, asarray

__array_api_version__ = "2024.12"

_KINDS = {
    "bool": ("bool",),
    "signed integer": ("int8", "int16", "int32", "int64"),
    "unsigned integer": ("uint8", "uint16", "uint32", "uint64"),
    "real floating": ("float32", "float64"),
    "complex floating": ("complex64", "complex128"),
}
_KINDS["integral"] = _KINDS["signed integer"] + _KINDS["unsigned integer"]
_KINDS["numeric"] = _KINDS["integral"] + _KINDS["real floating"] + _KINDS["complex floating"]


def _devices():
    n = _npt.cuda_status()["devices"]
    return ["cpu"] + [f"cuda:{i}" for i in range(n)]


class __array_namespace_info__:  # noqa: N801  (the standard's name)
    """The Array API inspection namespace: capabilities, devices and dtypes."""
    __module__ = "npt"

    def capabilities(self):
        # (data-dependent shapes: nonzero, unique and boolean masks read their values)
        return {"boolean indexing": True, "data-dependent shapes": True, "max dimensions": 64}

    def default_device(self):
        return "cpu"

    def _check(self, device):
        if device is not None and device not in _devices():
            raise ValueError(f'Device not understood. Only {_devices()} are allowed, but received: {device}')

    def default_dtypes(self, *, device=None):
        self._check(device)
        return {"real floating": _np.dtype(_np.float64), "complex floating": _np.dtype(_np.complex128),
                "integral": _np.dtype(_np.int64), "indexing": _np.dtype(_np.int64)}

    def dtypes(self, *, device=None, kind=None):
        self._check(device)
        if kind is None:
            names = _KINDS["bool"] + _KINDS["numeric"]
        else:
            names = []
            for k in (kind,) if isinstance(kind, str) else tuple(kind):
                if k not in _KINDS:
                    raise ValueError(f"unsupported kind: {k!r}")
                names += [n for n in _KINDS[k] if n not in names]
        return {n: _np.dtype(n) for n in names}

    def devices(self):
        return _devices()


def _array_namespace(self, /, *, api_version=None):
    """a.__array_namespace__(): the npt module (versions 2021.12 to 2024.12)."""
    if api_version is not None and api_version not in ("2021.12", "2022.12", "2023.12", "2024.12"):
        raise ValueError(f'"{api_version}" Array API version is not supported.')
    import npt
    return npt


def _to_device(self, device, /, *, stream=None):
    """a.to_device(device): a on device ("cpu", "cuda:N"): itself or a copy."""
    if stream is not None:
        raise ValueError("The stream argument in to_device() is not supported")
    return self.to(device)


def _mT(self):
    """a.mT: the last two dims swapped (a view)."""
    if self.ndim < 2:
        raise ValueError("matrix transpose with ndim < 2 is undefined")
    from ._manipulation import matrix_transpose
    return matrix_transpose(self)


def _dlpack(self, *, stream=None, max_version=None, dl_device=None, copy=None):
    """a.__dlpack__(): a DLPack capsule of a's memory (DLPack 1.x when the
    consumer's max_version allows, else the unversioned protocol).

    Without copy=True the consumer shares a's memory, both ways: writes into
    a show in the consumer's tensor and the consumer's writes in a, and npt
    computes every op that reads such memory at its call (as NumPy would).
    A view is exported as a copy (npt's views are computed values, not
    windows on their base's memory; copy=False refuses), as is an export to
    another device through dl_device; a read-only array is flagged read-only
    (which the unversioned protocol cannot signal)."""
    here = _dlpack_device(self)
    if self._h.device < 0 and stream is not None:
        raise RuntimeError("npt only supports stream=None for CPU arrays.")
    versioned = max_version is not None and tuple(max_version)[0] >= 1
    src = self
    if dl_device is not None and tuple(dl_device) != here:
        if copy is False:
            raise BufferError("npt: an export to another device needs a copy (copy=False)")
        if tuple(dl_device) != (1, 0):
            raise BufferError(f"npt: cannot export to DLPack device {tuple(dl_device)}")
        src, copy = self.to("cpu"), True
    view = self._v is not None and self._v.base is not None
    if view and copy is False:
        raise BufferError("npt: a view cannot be exported without a copy (npt computes a view's values "
                          "apart from its base's memory); export the base, or allow a copy")
    read_only = not self.flags.writeable
    if not (copy or view or read_only):
        h = _npt.shareable(self._h)  # (its own buffer, or a copy where other npt values hold this one)
        if h.id != self._h.id:
            from ._views import write
            write(self, h)
    h = src._h
    if h.device >= 0 and stream != -1:
        import torch  # (npt's CUDA work is done before the consumer's stream reads it)
        _npt.evaluate([h])
        torch.cuda.synchronize(h.device)
    try:
        return _npt.to_dlpack(h, versioned, bool(copy or view), read_only and not (copy or view))
    except _npt.ConcretizationError:
        from ._transforms import concretization_message
        raise _npt.ConcretizationError(concretization_message("__dlpack__()")) from None


def _dlpack_device(self):
    """a.__dlpack_device__(): (kDLCPU, 0) or (kDLCUDA, N)."""
    return (1, 0) if self._h.device < 0 else (2, self._h.device)


def _torch(self):
    """a._torch(): a torch tensor of a's memory, shared both ways (see __dlpack__)."""
    import torch
    return torch.from_dlpack(self)


def from_dlpack(x, /, *, device=None, copy=None):
    """numpy.from_dlpack: an npt array of a DLPack producer's memory (a torch
    tensor, a NumPy, CuPy or JAX array): the memory itself when contiguous
    and writable, which the two then share (see __dlpack__), else a copy;
    copy=True always copies, copy=False refuses to; device= places it."""
    from ._array import _from_producer
    from ._device import check_device
    return _from_producer(x, None, None if device is None else check_device(device), copy)


ndarray.__array_namespace__ = _array_namespace
ndarray.to_device = _to_device
ndarray.mT = property(_mT)
ndarray.__dlpack__ = _dlpack
ndarray.__dlpack_device__ = _dlpack_device
ndarray._torch = _torch
