"""npt.ufunc: NumPy's ufunc object over npt's lazy ops.

A ufunc holds its implementation (a call of one registry primitive, or a
composition of several) and gives it NumPy's interface: ``nin``/``nout``,
``identity`` and ``types`` (NumPy's own tables), ``__call__`` with
``dtype=``, ``casting=``, ``signature=``, ``order=``, ``subok=`` and NumPy's
type resolution and errors, the methods ``reduce``, ``outer``, ``at`` and
``accumulate`` (add and multiply: cumsum and cumprod), and
``out=``/``where=``. ``accumulate`` of the other ufuncs and ``reduceat``
raise NotImplementedError.
"""
import functools
import inspect

import numpy as _np

from . import _npt
from ._array import ndarray, asarray, node_of
from ._dtypes import dtype_name

_NoValue = _np._NoValue
_ORDERS = ("K", "A", "C", "F")
_P = inspect.Parameter

# ufunc.reduce of the ufuncs whose reductions are npt primitives (filled by
# _reductions, which imports this module's users late).
REDUCTIONS = {}


def _arg_signature(x):
    """What NumPy's resolve_dtypes takes for argument x (Python scalars stay weak)."""
    t = type(x)
    if t is ndarray:
        return x.dtype
    if t is int or t is float or t is complex:
        return t
    if isinstance(x, ndarray):
        return x.dtype
    return _np.asarray(x).dtype


def as_dtype(x, dt):
    """x (an array-like or a scalar) as an npt array of dtype dt."""
    dt = _np.dtype(dt)
    t = type(x)
    if t is ndarray or isinstance(x, ndarray):
        return x if x.dtype == dt else x.astype(dt)
    if t is int or t is float or t is complex or t is bool:
        return ndarray(_npt.scalar(dt.type(x).item(), False, dtype_name(dt)))
    a = ndarray(node_of(x))
    return a if a.dtype == dt else a.astype(dt)


def resolve(np_ufunc, args, signature=None, casting="same_kind"):
    """NumPy's loop for ``np_ufunc`` on ``args``: (inputs cast to it, output dtypes)."""
    sig = tuple(_arg_signature(a) for a in args) + (None,) * np_ufunc.nout
    kw = {} if signature is None else {"signature": signature}
    dts = np_ufunc.resolve_dtypes(sig, casting=casting, **kw)
    nin = np_ufunc.nin
    return [as_dtype(a, dt) for a, dt in zip(args, dts[:nin])], dts[nin:]


def _entry(nin, call):
    """The function a ufunc's call runs: `call` itself when no options are given."""
    cell = []

    def entry(*args, **kwargs):
        if not kwargs and len(args) == nin:
            return call(*args)  # the common case: no options
        return cell[0]._call_with_options(args, kwargs)
    return entry, cell


class ufunc(functools.partial):
    """A NumPy ufunc on npt arrays: lazy, fused and differentiable.

    (A functools.partial underneath, only for its C-level call: calling the
    object runs its entry function without a Python frame of its own.)"""

    def __new__(cls, name, nin, nout, call, entry=None, doc=None):
        # entry: (function, cell) from a maker like _entry, whose function calls
        # cell[0]._call_with_options when options are given
        fn, cell = _entry(nin, call) if entry is None else entry
        self = super().__new__(cls, fn)
        cell.append(self)
        return self

    def __init__(self, name, nin, nout, call, entry=None, doc=None):
        self.__name__ = self.__qualname__ = name
        self.__module__ = "npt"  # where pickle finds it by name
        self.nin, self.nout = nin, nout
        self._call = call  # the implementation: positional array-likes only
        self._np = getattr(_np, name)  # NumPy's own ufunc: its tables and type resolution
        self._core = self._np.signature is not None  # a gufunc (matmul, vecdot, ...)
        self.__doc__ = doc or f"numpy.{name}, lazy and fused."

    # ---- NumPy's attributes ---------------------------------------------
    @property
    def nargs(self):
        return self.nin + self.nout

    @property
    def identity(self):
        return self._np.identity

    @property
    def signature(self):
        return self._np.signature

    @property
    def types(self):
        """The loops npt runs (NumPy's, less the object, long double and time ones)."""
        return [t for t in self._np.types if not set(t) & set("OgGmMSUV")]

    @property
    def ntypes(self):
        return len(self.types)

    @property
    def __signature__(self):
        names = ["x"] if self.nin == 1 else [f"x{i + 1}" for i in range(self.nin)]
        ps = [_P(n, _P.POSITIONAL_ONLY) for n in names]
        ps.append(_P("out", _P.POSITIONAL_OR_KEYWORD,
                     default=None if self.nout == 1 else (None,) * self.nout))
        kw = [("where", True)] if not self._core else [("axes", _NoValue), ("axis", _NoValue),
                                                       ("keepdims", False)]
        kw += [("casting", "same_kind"), ("order", "K"), ("dtype", None), ("subok", True),
               ("signature", None)]
        ps += [_P(n, _P.KEYWORD_ONLY, default=d) for n, d in kw]
        return inspect.Signature(ps)

    def __repr__(self):
        return f"<ufunc '{self.__name__}'>"

    def __reduce__(self):  # pickled by name, as NumPy's ufuncs
        return self.__name__

    # ---- calling ----------------------------------------------------------
    def _call_with_options(self, args, kwargs):
        name, nin = self.__name__, self.nin
        if not nin <= len(args) <= self.nargs:
            were = "was" if len(args) == 1 else "were"
            raise TypeError(f"{name}() takes from {nin} to {self.nargs} positional arguments "
                            f"but {len(args)} {were} given")
        out = args[nin:] if len(args) > nin else kwargs.pop("out", None)
        opts = {"where": True, "casting": "same_kind", "order": "K", "dtype": None,
                "subok": True, "signature": None}
        if self._core:
            del opts["where"]
            opts.update(axes=_NoValue, axis=_NoValue, keepdims=False)
        for k, v in kwargs.items():
            if k not in opts:
                raise TypeError(f"{name}() got an unexpected keyword argument '{k}'")
            opts[k] = v
        from ._writes import out_arrays, store
        outs = out_arrays(name, out, self.nout)
        where = opts.pop("where", True)
        if where is not True or any(o is not None for o in outs):
            r = self._call_with_options(args[:nin], opts)
            rs = (r,) if self.nout == 1 else r
            if where is not True:
                from ._creation import zeros
                outs = tuple(zeros(x.shape, x.dtype) if o is None else o for o, x in zip(outs, rs))
            done = tuple(x if o is None else store(o, x, name, args[:nin], opts["casting"], where)
                         for o, x in zip(outs, rs))
            return done[0] if self.nout == 1 else done
        if opts["order"] not in _ORDERS:
            raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got '{opts['order']}')")
        core = {k: opts[k] for k in ("axes", "axis", "keepdims") if k in opts}
        dtype, signature, casting = opts["dtype"], opts["signature"], opts["casting"]
        if dtype is not None and signature is not None:
            raise TypeError("cannot specify both 'signature' and 'dtype'")
        if dtype is None and signature is None and casting == "same_kind":
            return self._call(*args[:nin], **core)
        if dtype is not None:
            signature = (None,) * nin + (_np.dtype(dtype),) * self.nout
        ins, outs = resolve(self._np, args[:nin], signature, casting)
        r = self._call(*ins, **core)
        if self.nout == 1:
            return r if r.dtype == outs[0] else r.astype(outs[0])
        return tuple(x if x.dtype == dt else x.astype(dt) for x, dt in zip(r, outs))

    # ---- methods ----------------------------------------------------------
    def _binary_only(self, what):
        if self.nin != 2 or self.nout != 1:
            raise ValueError(f"{what} only supported for binary functions")

    def reduce(self, array, /, axis=0, dtype=None, out=None, keepdims=False, initial=_NoValue,
               where=True):
        self._binary_only("reduce")
        if out is not None:  # the reduction stored there as NumPy's (unsafe cast, exact shape)
            from ._writes import stand_in, store
            if isinstance(out, tuple) and len(out) == 1:
                out = out[0]
            if not isinstance(out, ndarray):
                raise TypeError("return arrays must be of ArrayType")
            r = self.reduce(array, axis, dtype, None, keepdims, initial, where)
            if r.shape != out.shape:
                self._np.reduce(stand_in(asarray(array)), axis, dtype, stand_in(out, True), keepdims)
                raise ValueError(f"output parameter for reduction operation {self.__name__} has "
                                 f"shape {out.shape}, expected {r.shape}")
            return store(out, r, self.__name__, casting="unsafe")
        if where is not True:
            raise NotImplementedError(f"npt: {self.__name__}.reduce(..., where=...) is not "
                                      "supported yet")
        fn = REDUCTIONS.get(self.__name__)
        if fn is None:
            raise NotImplementedError(f"npt: {self.__name__}.reduce is not supported yet (npt "
                                      "reduces with add, multiply, maximum, minimum, logical_and "
                                      "and logical_or)")
        a = asarray(array)
        if initial is _NoValue:
            return fn(a, axis, dtype, keepdims)
        # with an initial value: the reduction combined with it; an empty one is just it
        from ._creation import full, zeros
        from ._reductions import normalize_axes
        axes = normalize_axes(axis, a.ndim)
        if any(a.shape[d] == 0 for d in axes):
            shape = tuple(1 if d in axes else n for d, n in enumerate(a.shape)
                          if keepdims or d not in axes)
            rdt = fn(zeros((1,), a.dtype), 0, dtype, False).dtype  # recorded, not run
            return full(shape, initial, dtype=rdt)
        r = fn(a, axis, dtype, keepdims)
        return self._call(r, initial).astype(r.dtype)

    def outer(self, A, B, /, **kwargs):
        self._binary_only("outer product")
        a, b = asarray(A), asarray(B)
        return self(a.reshape(a.shape + (1,) * b.ndim), b, **kwargs)

    def accumulate(self, array, /, axis=0, dtype=None, out=None):
        self._binary_only("accumulate")
        scan = {"add": "cumsum", "multiply": "cumprod"}.get(self.__name__)
        if scan is None:
            raise NotImplementedError(f"npt: {self.__name__}.accumulate is not supported yet "
                                      "(npt scans with add and multiply)")
        a = asarray(array)
        if a.ndim == 0:
            raise TypeError("cannot accumulate on a scalar")
        if axis is None or isinstance(axis, tuple) and len(axis) != 1:
            raise ValueError("accumulate does not allow multiple axes")
        axis = axis[0] if isinstance(axis, tuple) else axis
        from . import _sorting
        # NumPy's result dtype: its own accumulate of an empty stand-in
        dt = self._np.accumulate(_np.zeros((0,), a.dtype), dtype=dtype).dtype
        from ._writes import _axis
        r = getattr(_sorting, scan)(a, _axis(axis, a.ndim), dt)
        if out is not None:
            from ._writes import store
            out = out[0] if isinstance(out, tuple) and len(out) == 1 else out
            return store(out, r, self.__name__, casting="unsafe", exact_shape=True)
        return r

    def reduceat(self, array, /, indices, axis=0, dtype=None, out=None):
        self._binary_only("reduceat")
        raise NotImplementedError(f"npt: {self.__name__}.reduceat is not supported yet")

    def at(self, a, indices, b=None, /):
        from ._writes import ufunc_at
        ufunc_at(self, a, indices, b)


def check_out(name, out):
    """out= accepted only as None (functions that do not store into out= yet)."""
    if out is None or (isinstance(out, tuple) and all(o is None for o in out)):
        return
    raise NotImplementedError(f"npt: {name}(..., out=...) writes into an existing array; npt "
                              "arrays cannot be written yet")
