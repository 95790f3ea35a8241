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
    """a.__dlpack__(): a DLPack capsule of the values (NumPy's exporter; CPU)."""
    if self._h.device >= 0:
        raise BufferError("npt: __dlpack__ of a CUDA array is not supported yet")
    a = self._numpy("__dlpack__()")
    if max_version is None or tuple(max_version) < (1, 0):
        # the unversioned protocol cannot mark an export read-only: a copy,
        # or with copy=False npt's buffer itself, writable (a consumer's
        # writes then change this array's values: the caller asked for it)
        a = a.copy() if copy is not False else _np.asarray(_Writable(a))
    return a.__dlpack__(stream=stream, max_version=max_version, dl_device=dl_device, copy=copy)


class _Writable:
    """A writable NumPy view of a read-only array's memory (that array kept alive)."""
    def __init__(self, a):
        self._a = a
        iface = dict(a.__array_interface__)
        iface["data"] = (iface["data"][0], False)
        self.__array_interface__ = iface


def _dlpack_device(self):
    """a.__dlpack_device__(): (kDLCPU, 0) or (kDLCUDA, N)."""
    return (1, 0) if self._h.device < 0 else (2, self._h.device)


def from_dlpack(x, /, *, device=None, copy=None):
    """numpy.from_dlpack: an npt array of a DLPack producer's values (CPU)."""
    return asarray(_np.from_dlpack(x, copy=copy), device=device)


ndarray.__array_namespace__ = _array_namespace
ndarray.to_device = _to_device
ndarray.mT = property(_mT)
ndarray.__dlpack__ = _dlpack
ndarray.__dlpack_device__ = _dlpack_device
