"""Dtype helpers: NumPy dtype objects are npt's dtypes."""
import numpy as _np

SUPPORTED = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
             "float16", "float32", "float64", "complex64", "complex128"}


_NAMES = {}  # dtype-like (hashable) -> its name: the write and dispatch paths ask often


def dtype_name(dt):
    """NumPy's name for a dtype-like, or TypeError as NumPy words it."""
    try:
        return _NAMES[dt]
    except (KeyError, TypeError):
        pass
    d = _np.dtype(dt)
    if d.name not in SUPPORTED:
        raise TypeError(f"npt does not support dtype {d.name!r} (supported: numeric dtypes)")
    try:
        if len(_NAMES) < 256:
            _NAMES[dt] = d.name
    except TypeError:
        pass
    return d.name
