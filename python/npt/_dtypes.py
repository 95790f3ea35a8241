"""Dtype helpers: NumPy dtype objects are npt's dtypes."""
import numpy as _np

SUPPORTED = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
             "float16", "float32", "float64", "complex64", "complex128"}


def dtype_name(dt):
    """NumPy's name for a dtype-like, or TypeError as NumPy words it."""
    d = _np.dtype(dt)
    if d.name not in SUPPORTED:
        raise TypeError(f"npt does not support dtype {d.name!r} (supported: numeric dtypes)")
    return d.name
