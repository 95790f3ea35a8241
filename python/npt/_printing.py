"""NumPy's printing, floating-point error state and small helpers, as thin
adapters: npt arrays are materialized where NumPy needs their values, and
the state (print options, error handling, buffer size) is NumPy's own, so
an npt array's repr follows np.set_printoptions and npt.set_printoptions
alike, and NumPy code that npt runs on the host obeys npt.seterr.

Gap: npt's compiled kernels do not raise floating-point errors yet. Under
seterr(divide="raise") (or "warn", the default), ``npt.asarray([1.0]) / 0``
gives inf silently, where NumPy would raise FloatingPointError (or warn);
the error state governs only the computations NumPy itself does."""
import contextlib

import numpy as _np

from ._array import ndarray

__all__ = ["set_printoptions", "get_printoptions", "printoptions", "array2string", "array_repr",
           "array_str", "format_float_positional", "format_float_scientific",
           "seterr", "geterr", "seterrcall", "geterrcall", "errstate", "getbufsize", "setbufsize",
           "base_repr", "binary_repr", "typename", "mintypecode", "iterable", "info"]


def _host(x, what):
    """x's values as a NumPy array when x is an npt array; any other x as it is."""
    return x._numpy(what) if isinstance(x, ndarray) else x


def _host_scalar(x, what):
    """As _host, but a 0-d npt array becomes a NumPy scalar of its dtype: npt
    indexing gives 0-d arrays where NumPy gives scalars (x[0]), and NumPy's
    scalar formatters read a float32 scalar as float32, a 0-d array as a float."""
    v = _host(x, what)
    return v[()] if isinstance(x, ndarray) and x.ndim == 0 else v


# ---- print options (NumPy's own state) ----------------------------------

def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None,
                     nanstr=None, infstr=None, formatter=None, sign=None, floatmode=None, *,
                     legacy=None, override_repr=None):
    """numpy.set_printoptions: NumPy's print options, which npt arrays' repr and str follow."""
    _np.set_printoptions(precision, threshold, edgeitems, linewidth, suppress, nanstr, infstr,
                         formatter, sign, floatmode, legacy=legacy, override_repr=override_repr)


def get_printoptions():
    """numpy.get_printoptions: NumPy's current print options, as a dict."""
    return _np.get_printoptions()


@contextlib.contextmanager
def printoptions(*args, **kwargs):
    """numpy.printoptions: set_printoptions for a with block (or a decorated function)."""
    with _np.printoptions(*args, **kwargs) as options:
        yield options


def array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=" ", prefix="",
                 *, formatter=None, threshold=None, edgeitems=None, sign=None, floatmode=None, suffix="",
                 legacy=None):
    """numpy.array2string of a's values."""
    return _np.array2string(_host(a, "npt.array2string()"), max_line_width, precision, suppress_small,
                            separator, prefix, formatter=formatter, threshold=threshold,
                            edgeitems=edgeitems, sign=sign, floatmode=floatmode, suffix=suffix,
                            legacy=legacy)


def array_repr(arr, max_line_width=None, precision=None, suppress_small=None):
    """numpy.array_repr of arr's values ("array([...], dtype=...)")."""
    return _np.array_repr(_host(arr, "npt.array_repr()"), max_line_width, precision, suppress_small)


def array_str(a, max_line_width=None, precision=None, suppress_small=None):
    """numpy.array_str of a's values."""
    return _np.array_str(_host(a, "npt.array_str()"), max_line_width, precision, suppress_small)


def format_float_positional(x, precision=None, unique=True, fractional=True, trim="k", sign=False,
                            pad_left=None, pad_right=None, min_digits=None):
    """numpy.format_float_positional; a 0-d npt array is read as the NumPy scalar it holds."""
    return _np.format_float_positional(_host_scalar(x, "npt.format_float_positional()"), precision,
                                       unique, fractional, trim, sign, pad_left, pad_right, min_digits)


def format_float_scientific(x, precision=None, unique=True, trim="k", sign=False, pad_left=None,
                            exp_digits=None, min_digits=None):
    """numpy.format_float_scientific; a 0-d npt array is read as the NumPy scalar it holds."""
    return _np.format_float_scientific(_host_scalar(x, "npt.format_float_scientific()"), precision,
                                       unique, trim, sign, pad_left, exp_digits, min_digits)


# ---- floating-point error handling (NumPy's own state) ------------------

def seterr(all=None, divide=None, over=None, under=None, invalid=None):
    """numpy.seterr: set NumPy's floating-point error handling; returns the old settings
    (npt's compiled kernels do not raise yet: see the module docstring)."""
    return _np.seterr(all=all, divide=divide, over=over, under=under, invalid=invalid)


def geterr():
    """numpy.geterr: NumPy's current floating-point error handling, as a dict."""
    return _np.geterr()


def seterrcall(func):
    """numpy.seterrcall: the callback (or log object) for errors set to 'call' ('log'); returns the old one."""
    return _np.seterrcall(func)


def geterrcall():
    """numpy.geterrcall: the current floating-point error callback."""
    return _np.geterrcall()


class errstate(_np.errstate):
    """numpy.errstate: NumPy's error handling changed for a with block or a decorated
    function, and restored after (npt's compiled kernels do not raise yet)."""


def getbufsize():
    """numpy.getbufsize: the size of NumPy's ufunc buffer (npt's kernels do not use it)."""
    return _np.getbufsize()


def setbufsize(size):
    """numpy.setbufsize: set the size of NumPy's ufunc buffer; returns the old size."""
    return _np.setbufsize(size)


# ---- small helpers ------------------------------------------------------

def base_repr(number, base=2, padding=0):
    """numpy.base_repr: number written in base (a 0-d npt array is read as its value)."""
    return _np.base_repr(_host_scalar(number, "npt.base_repr()"), base, padding)


def binary_repr(num, width=None):
    """numpy.binary_repr: num in binary, two's complement for negatives when width is given."""
    return _np.binary_repr(_host_scalar(num, "npt.binary_repr()"), width)


def typename(char):
    """numpy.typename: a description of the dtype with type character char."""
    return _np.typename(char)


def mintypecode(typechars, typeset="GDFgdf", default="d"):
    """numpy.mintypecode; an npt array counts by its dtype (no values are computed)."""
    if not isinstance(typechars, str):
        typechars = [t.dtype.char if isinstance(t, ndarray) else t for t in typechars]
    return _np.mintypecode(typechars, typeset, default)


def iterable(y):
    """numpy.iterable: whether iter(y) works (not for a 0-d array)."""
    return _np.iterable(y)


def info(object=None, maxwidth=76, output=None, toplevel="numpy"):
    """numpy.info; for an npt array, NumPy's summary of its values materialized on
    the host (so strides and the data pointer are those of that copy)."""
    return _np.info(_host(object, "npt.info()"), maxwidth, output, toplevel)
