"""Dtypes: NumPy's dtype objects and scalar types are npt's (np.float32(1.5)
is a NumPy scalar), and NumPy's dtype functions (result_type, can_cast,
promote_types, isdtype, issubdtype, min_scalar_type, common_type, astype)
take npt arrays as NumPy's take NumPy arrays: by their dtype (NEP 50: a
0-d array is not weak, a Python scalar is), by value only where NumPy
looks at values (min_scalar_type of a 0-d array)."""
import numpy as _np

SUPPORTED = {"bool", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64",
             "float16", "float32", "float64", "complex64", "complex128"}

# NumPy's scalar types (generic, number, integer, floating, ..., float32, intp,
# str_, object_: those this NumPy's namespace has), dtype, finfo and iinfo:
# NumPy's own objects, so isinstance checks and np.float32(1.5) behave as in
# NumPy. (npt arrays hold the SUPPORTED dtypes; the others name dtypes npt
# refuses with a TypeError.)
SCALAR_TYPES = sorted(n for n in dir(_np) if not n.startswith("_") and isinstance(getattr(_np, n), type)
                      and issubclass(getattr(_np, n), _np.generic))
globals().update({n: getattr(_np, n) for n in SCALAR_TYPES})
dtype, finfo, iinfo = _np.dtype, _np.finfo, _np.iinfo

__all__ = [*SCALAR_TYPES, "dtype", "finfo", "iinfo", "result_type", "can_cast", "promote_types",
           "isdtype", "issubdtype", "min_scalar_type", "common_type", "astype"]


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


def _is_npt(x):
    from ._array import ndarray
    return isinstance(x, ndarray)


def _host(x):
    """x as NumPy's dtype functions should see it: an npt array becomes a
    NumPy array of its dtype and shape over one element (nothing computed);
    dtypes, scalars and the rest stay as they are."""
    if not _is_npt(x):
        return x
    return _np.lib.stride_tricks.as_strided(_np.zeros(1, x.dtype), x.shape, (0,) * x.ndim)


def result_type(*arrays_and_dtypes):
    """numpy.result_type: the dtype NumPy's promotion gives (Python scalars weak)."""
    return _np.result_type(*[_host(x) for x in arrays_and_dtypes])


def can_cast(from_, to, casting="safe"):
    """numpy.can_cast: whether from_'s dtype casts to `to` under the rule."""
    return _np.can_cast(_host(from_), _host(to), casting)


def promote_types(type1, type2, /):
    """numpy.promote_types: the smallest dtype both cast to safely."""
    return _np.promote_types(_host(type1), _host(type2))


def isdtype(dtype, kind):
    """numpy.isdtype: whether a dtype is of a kind ('integral', 'real floating', ...)."""
    if _is_npt(dtype):
        raise TypeError(f"dtype argument must be a NumPy dtype, but it is a {type(dtype)}.")
    return _np.isdtype(dtype, kind)


def issubdtype(arg1, arg2):
    """numpy.issubdtype: whether arg1 is lower than arg2 in NumPy's type hierarchy."""
    return _np.issubdtype(_host(arg1), _host(arg2))


def min_scalar_type(a, /):
    """numpy.min_scalar_type: an array's dtype; for a 0-d array or a scalar,
    the smallest dtype that holds its value (the value is read)."""
    if _is_npt(a) and a.ndim == 0:
        return _np.min_scalar_type(a._numpy("min_scalar_type()"))
    return _np.min_scalar_type(_host(a))


def common_type(*arrays):
    """numpy.common_type: the inexact scalar type the arrays share (float64 for integers)."""
    return _np.common_type(*[_host(a) for a in arrays])


def astype(x, dtype, /, *, copy=True, device=None):
    """numpy.astype (Array API): x cast to dtype; copy=False returns x itself
    when the dtype is already x's. The result keeps x's memory order (as
    NumPy's order='K'); device= places it ('cpu', 'cuda', 'cuda:N')."""
    from ._array import asarray, ndarray, _laid_out, _target_order
    if isinstance(x, (_np.ndarray, _np.generic)):
        x = asarray(x)
    elif not isinstance(x, ndarray):
        if _np.isscalar(x):
            return x.astype(dtype, copy=copy)  # NumPy's AttributeError for Python scalars
        raise TypeError(f"Input should be a NumPy array or scalar. It is a {type(x)} instead.")
    r = x.astype(dtype, copy=copy)
    if r is not x:
        r = _laid_out(r._h, x.shape, _target_order(x, "K"))
    return r if device is None else r.to(device)
