"""NumPy's small array helpers: shape queries, asarray_chkfinite, require,
isfortran, and packbits/unpackbits as compositions (shifts, masks and a
weighted sum: fused kernels)."""
import operator

import numpy as _np

from ._array import ndarray, asarray

__all__ = ["ndim", "shape", "size", "isfortran", "asarray_chkfinite", "require", "packbits", "unpackbits",
           "show_config", "show_runtime"]


def _uf():
    from . import _ufuncs
    return _ufuncs


def ndim(a):
    """numpy.ndim."""
    return a.ndim if isinstance(a, ndarray) else _np.ndim(a)


def shape(a):
    """numpy.shape."""
    return a.shape if isinstance(a, ndarray) else _np.shape(a)


def size(a, axis=None):
    """numpy.size."""
    if not isinstance(a, ndarray):
        return _np.size(a, axis)
    if axis is None:
        return a.size
    from ._writes import _axis
    return a.shape[_axis(axis, a.ndim)]


def isfortran(a):
    """numpy.isfortran: Fortran-contiguous and not C-contiguous."""
    f = a.flags
    return bool(f.f_contiguous and not f.c_contiguous)


def asarray_chkfinite(a, dtype=None, order=None):
    """numpy.asarray_chkfinite: asarray, raising if a float value is inf or NaN."""
    r = asarray(a, dtype=dtype) if order is None else asarray(a, dtype=dtype, order=order)
    if r.dtype.kind in "fc":
        from ._reductions import all as _all
        if not bool(_all(_uf().isfinite(r))):
            raise ValueError("array must not contain infs or NaNs")
    return r


_REQUIREMENTS = {"C": "C", "C_CONTIGUOUS": "C", "CONTIGUOUS": "C", "F": "F", "F_CONTIGUOUS": "F",
                 "FORTRAN": "F", "A": "A", "ALIGNED": "A", "W": "W", "WRITEABLE": "W", "O": "O",
                 "OWNDATA": "O", "E": "E", "ENSUREARRAY": "E"}


def require(a, dtype=None, requirements=None, *, like=None):
    """numpy.require: an array of dtype meeting the flags requirements."""
    reqs = set()
    if requirements:
        for r in requirements:  # (a string is its letters, as in NumPy)
            reqs.add(_REQUIREMENTS[r.upper()])
    if "C" in reqs and "F" in reqs:
        raise ValueError('Cannot specify both "C" and "F" order')
    arr = asarray(a, dtype=dtype)
    from ._builders import ascontiguousarray, asfortranarray
    if "C" in reqs and not arr.flags.c_contiguous:
        arr = ascontiguousarray(arr)
    elif "F" in reqs and not arr.flags.f_contiguous:
        arr = asfortranarray(arr)
    if ("O" in reqs and arr.base is not None) or ("W" in reqs and not arr.flags.writeable):
        arr = arr.copy(order="F" if "F" in reqs else "C")
    return arr


def _bits_axis(a, axis):
    if axis is None:
        return a.reshape(-1), 0
    from ._writes import _axis
    return a, _axis(axis, a.ndim)


def packbits(a, /, axis=None, bitorder="big"):
    """numpy.packbits: each 8 elements along axis (zero-padded) as the bits of a uint8."""
    a = asarray(a)
    if a.dtype.kind not in "biu":
        raise TypeError("Expected an input array of integer or boolean data type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    a, axis = _bits_axis(a, axis)
    from ._manipulation import moveaxis, pad
    m = moveaxis(a != 0, axis, -1).astype(_np.uint8)
    n = m.shape[-1]
    m = pad(m, [(0, 0)] * (m.ndim - 1) + [(0, -n % 8)])
    w = _np.array([128, 64, 32, 16, 8, 4, 2, 1], dtype=_np.uint8)
    if bitorder == "little":
        w = w[::-1].copy()
    from ._reductions import sum as _sum
    packed = _sum(m.reshape(m.shape[:-1] + ((n + 7) // 8, 8)) * asarray(w), axis=-1, dtype=_np.uint8)
    return moveaxis(packed, -1, axis)


def unpackbits(a, /, axis=None, count=None, bitorder="big"):
    """numpy.unpackbits: each uint8 as its 8 bits along axis."""
    a = asarray(a)
    if a.dtype != _np.uint8:
        raise TypeError("Expected an input array of unsigned byte data type")
    if bitorder not in ("big", "little"):
        raise ValueError("'order' must be either 'little' or 'big'")
    a, axis = _bits_axis(a, axis)
    from ._manipulation import moveaxis, pad
    m = moveaxis(a, axis, -1)
    shifts = _np.arange(7, -1, -1, dtype=_np.uint8) if bitorder == "big" else _np.arange(8, dtype=_np.uint8)
    bits = ((m[..., None] >> asarray(shifts)) & _np.uint8(1)).reshape(m.shape[:-1] + (8 * m.shape[-1],))
    if count is not None:
        count = operator.index(count)
        n = bits.shape[-1]
        keep = count if count >= 0 else max(n + count, 0)
        if keep <= n:
            bits = bits[..., :keep]
        else:
            bits = pad(bits, [(0, 0)] * (bits.ndim - 1) + [(0, keep - n)])
    return moveaxis(bits, -1, axis)


def _config():
    import platform
    from importlib import metadata
    from . import _npt
    return {"npt": {"threads": _npt.num_threads(), "cuda": _npt.cuda_status()},
            "Build Dependencies": {"numpy": _np.__version__, "torch (LibTorch)": metadata.version("torch")},
            "Python Information": {"version": platform.python_version()},
            "Machine Information": {"host": platform.machine(), "system": platform.system()}}


def show_config(mode="stdout"):
    """numpy.show_config for npt: the libraries it runs on and its threads
    (mode 'stdout' prints, 'dicts' returns the dict)."""
    if mode not in ("stdout", "dicts"):
        raise AttributeError("Invalid `mode`, use one of: stdout, dicts")
    cfg = _config()
    if mode == "dicts":
        return cfg
    for section, items in cfg.items():
        print(f"{section}:")
        for k, v in items.items():
            print(f"  {k}: {v}")


def show_runtime():
    """numpy.show_runtime for npt: its threads and devices, and NumPy's own
    runtime report (the host libraries npt calls)."""
    cfg = _config()
    print(f"npt: {cfg['npt']['threads']} threads; cuda: {cfg['npt']['cuda']}")
    _np.show_runtime()
