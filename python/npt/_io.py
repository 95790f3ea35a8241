"""NumPy's file formats and readers (.npy, .npz, text, raw bytes), as thin
adapters: savers materialize npt arrays and call NumPy's own writer; readers
call NumPy's own reader and copy its array results into npt arrays.

An npt array is a copy of what was read, so:
- load(mmap_mode='r') reads the whole file and gives a read-only array (as
  NumPy's memmap is read-only); 'c' gives a writable one whose writes stay in
  memory (as NumPy's copy-on-write); 'r+' and 'w+', whose writes would reach
  the file, raise NotImplementedError;
- frombuffer's result does not share the buffer (writes to either stay there),
  but is read-only where NumPy's is (the buffer of a bytes object).
npt has no structured, string, object or masked arrays: a reader whose result
would be one raises TypeError (NotImplementedError for usemask=True), naming
the gap; NumPy's own readers give them. So fromregex, whose result is always
structured, always raises for now."""
import collections.abc
import weakref

import numpy as _np

from ._array import ndarray, asarray
from ._printing import _host as _values

__all__ = ["save", "load", "savez", "savez_compressed", "savetxt", "loadtxt", "genfromtxt",
           "fromfile", "frombuffer", "fromstring", "fromiter", "fromregex"]


def _host(x, what):
    """x's values as a NumPy array (for an npt array, in its memory order: an
    F-ordered one gives an F-ordered array, so NumPy writes what it would for it)."""
    v = _values(x, what)
    if isinstance(x, ndarray) and x.ndim > 1 and x.flags.f_contiguous and not x.flags.c_contiguous:
        return _np.asfortranarray(v)
    return v


def _to_npt(x, fn):
    """A reader's result with its NumPy arrays (alone, or in a list or tuple, as
    unpack=True gives them) copied into npt arrays; read-only stays read-only."""
    if isinstance(x, (list, tuple)):
        return type(x)(_to_npt(e, fn) for e in x)
    if not isinstance(x, _np.ndarray):
        return x
    if isinstance(x, _np.ma.MaskedArray):
        raise NotImplementedError(f"npt.{fn}: npt has no masked arrays (usemask=True); "
                                  f"use numpy.{fn} for a numpy.ma.MaskedArray")
    if x.dtype.names is not None:
        raise TypeError(f"npt.{fn}: the result has the structured dtype {x.dtype}, and npt has no "
                        f"structured dtypes; read it with numpy.{fn} and pass its fields to npt.asarray")
    try:
        out = asarray(x)
    except TypeError as e:
        raise TypeError(f"npt.{fn}: {e}") from None
    if not x.flags.writeable:
        out.flags.writeable = False
    return out


def _read(fn, like, *args, **kwargs):
    """NumPy's reader fn; its result as npt arrays, unless `like` is another
    library's array (then NumPy's dispatch decides, as asarray(like=) does)."""
    if like is not None and not isinstance(like, ndarray):
        return getattr(_np, fn)(*args, like=like, **kwargs)
    return _to_npt(getattr(_np, fn)(*args, **kwargs), fn)


# ---- .npy and .npz -------------------------------------------------------

def save(file, arr, allow_pickle=True):
    """numpy.save: arr's values to a .npy file."""
    _np.save(file, _host(arr, "npt.save()"), allow_pickle=allow_pickle)


def _savez(writer, file, args, allow_pickle, kwds):
    what = f"npt.{writer.__name__}()"
    writer(file, *[_host(a, what) for a in args], allow_pickle=allow_pickle,
           **{k: _host(v, what) for k, v in kwds.items()})


def savez(file, *args, allow_pickle=True, **kwds):
    """numpy.savez: several arrays' values to an uncompressed .npz archive."""
    _savez(_np.savez, file, args, allow_pickle, kwds)


def savez_compressed(file, *args, allow_pickle=True, **kwds):
    """numpy.savez_compressed: several arrays' values to a compressed .npz archive."""
    _savez(_np.savez_compressed, file, args, allow_pickle, kwds)


class _Bag:
    """Attribute look-ups as items of an NpzFile (npz.f.x is npz['x']), as NumPy's BagObj."""

    def __init__(self, npz):
        self._npz = weakref.proxy(npz)  # (no cycle: the NpzFile stays collectable)

    def __getattribute__(self, key):
        try:
            return object.__getattribute__(self, "_npz")[key]
        except KeyError:
            raise AttributeError(key) from None


class NpzFile(collections.abc.Mapping):
    """numpy.lib.npyio.NpzFile with npt arrays: a mapping over a .npz archive's members,
    each read (by NumPy) when asked for; closed by close() or at the end of a with block."""

    def __init__(self, npz):
        self._npz = npz
        self.f = _Bag(self)

    files = property(lambda self: self._npz.files, doc="The members' names (without .npy).")
    zip = property(lambda self: self._npz.zip, doc="The archive's zipfile.ZipFile (None once closed).")
    fid = property(lambda self: self._npz.fid, doc="The file load opened (None if it was given one).")
    allow_pickle = property(lambda self: self._npz.allow_pickle, doc="Whether object members load.")
    max_header_size = property(lambda self: self._npz.max_header_size, doc="The largest header read.")
    pickle_kwargs = property(lambda self: self._npz.pickle_kwargs, doc="pickle.load's extra arguments.")

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def close(self):
        """Close the archive (and the file, if load opened it)."""
        self._npz.close()
        self.f = None

    def __getitem__(self, key):
        return _to_npt(self._npz[key], "load")  # (a member that is not .npy stays bytes, as NumPy's)

    def __iter__(self):
        return iter(self._npz)

    def __len__(self):
        return len(self._npz)

    def __contains__(self, key):
        return key in self._npz

    def __repr__(self):
        return repr(self._npz)


def load(file, mmap_mode=None, allow_pickle=False, fix_imports=True, encoding="ASCII", *,
         max_header_size=10000):
    """numpy.load: a .npy file as an npt array (a copy: see the module docstring for
    mmap_mode), a .npz archive as an NpzFile of npt arrays, a pickle as its object."""
    if mmap_mode in ("r+", "w+"):
        raise NotImplementedError(
            f"npt.load: mmap_mode={mmap_mode!r} maps the file for writing, but an npt array is a "
            f"copy of the file's values, so writes to it would not reach the file; use "
            f"mmap_mode='r' or 'c', or numpy.load for a writable numpy.memmap")
    r = _np.load(file, mmap_mode, allow_pickle, fix_imports, encoding, max_header_size=max_header_size)
    if isinstance(r, _np.lib.npyio.NpzFile):
        return NpzFile(r)
    return _to_npt(r, "load") if isinstance(r, _np.ndarray) else r


# ---- text ----------------------------------------------------------------

def savetxt(fname, X, fmt="%.18e", delimiter=" ", newline="\n", header="", footer="", comments="# ",
            encoding=None):
    """numpy.savetxt: X's values (1-D or 2-D) to a text file."""
    _np.savetxt(fname, _host(X, "npt.savetxt()"), fmt, delimiter, newline, header, footer, comments,
                encoding)


def loadtxt(fname, dtype=float, comments="#", delimiter=None, converters=None, skiprows=0, usecols=None,
            unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None):
    """numpy.loadtxt, as an npt array (a plain dtype: npt has no structured ones)."""
    return _read("loadtxt", like, fname, dtype, comments, delimiter, converters, skiprows, usecols,
                 unpack, ndmin, encoding, max_rows, quotechar=quotechar)


def genfromtxt(fname, dtype=float, comments="#", delimiter=None, skip_header=0, skip_footer=0,
               converters=None, missing_values=None, filling_values=None, usecols=None, names=None,
               excludelist=None, deletechars=" !#$%&'()*+,-./:;<=>?@[\\]^{|}~", replace_space="_",
               autostrip=False, case_sensitive=True, defaultfmt="f%i", unpack=None, usemask=False,
               loose=True, invalid_raise=True, max_rows=None, encoding=None, *, ndmin=0, like=None):
    """numpy.genfromtxt, as an npt array; a structured result (names=, or dtype=None
    on mixed columns) raises TypeError, as npt has no structured dtypes."""
    return _read("genfromtxt", like, fname, dtype, comments, delimiter, skip_header, skip_footer,
                 converters, missing_values, filling_values, usecols, names, excludelist, deletechars,
                 replace_space, autostrip, case_sensitive, defaultfmt, unpack, usemask, loose,
                 invalid_raise, max_rows, encoding, ndmin=ndmin)


def fromregex(file, regexp, dtype, encoding=None):
    """numpy.fromregex, whose result is always structured: NumPy's errors, else TypeError
    naming the gap (npt has no structured dtypes), until npt has them."""
    return _to_npt(_np.fromregex(file, regexp, dtype, encoding), "fromregex")


# ---- raw data ------------------------------------------------------------

def fromfile(file, dtype=None, count=-1, sep="", offset=0, *, like=None):
    """numpy.fromfile: a file's bytes (or text, with sep) as a 1-D npt array."""
    return _read("fromfile", like, file, dtype, count, sep, offset)


def frombuffer(buffer, dtype=None, count=-1, offset=0, *, like=None):
    """numpy.frombuffer: a writable buffer's memory itself (shared, as NumPy's;
    see npt.asarray), a read-only one's bytes copied; an npt array's bytes
    serve as a buffer."""
    return _read("frombuffer", like, _host(buffer, "npt.frombuffer()"), dtype, count, offset)


def fromstring(string, dtype=float, count=-1, *, sep="", like=None):
    """numpy.fromstring: numbers in a string (sep between them) as a 1-D npt array."""
    return _read("fromstring", like, string, dtype, count, sep=sep)


def fromiter(iter, dtype, count=-1, *, like=None):
    """numpy.fromiter: an iterable's items as a 1-D npt array."""
    return _read("fromiter", like, iter, dtype, count)


# ---- ndarray methods (attached to ndarray elsewhere) ---------------------

def tofile(a, fid, sep="", format="%s"):
    """ndarray.tofile: a's values to a file, as raw bytes (sep='') or as text."""
    _np.asarray(_host(a, "ndarray.tofile()")).tofile(fid, sep, format)



def dump(a, file):
    """ndarray.dump: a pickle of a's values (a NumPy array) to a file (read it with load(allow_pickle=True))."""
    _np.asarray(_host(a, "ndarray.dump()")).dump(file)


def dumps(a):
    """ndarray.dumps: a pickle of a's values (a NumPy array), as bytes."""
    return _np.asarray(_host(a, "ndarray.dumps()")).dumps()
