"""The lazy ndarray: records ops, materializes on demand."""
import builtins
import functools
import operator

import numpy as _np

from . import _npt
from ._dtypes import dtype_name


class ndarray:
    """A lazy NumPy array. Shape and dtype are known; values on demand."""

    # _h: the graph node of the current value; _v: None for an array that owns
    # its data, else a _views.ViewOf; _views: weak references to its views
    __slots__ = ("_h", "_v", "_views", "__weakref__")
    __array_priority__ = 100
    __hash__ = None

    def __init__(self, handle):
        self._h = handle
        self._v = None
        self._views = None

    @property
    def flags(self):
        from ._views import flagsobj
        return flagsobj(self)

    @property
    def base(self):
        return None if self._v is None else self._v.base  # None for a read-only owner

    # ---- metadata (no computation) -------------------------------------
    @property
    def shape(self):
        return self._h.shape

    @property
    def dtype(self):
        return _np.dtype(self._h.dtype)

    @property
    def ndim(self):
        return len(self._h.shape)

    @property
    def size(self):
        n = 1
        for d in self._h.shape:
            n *= d
        return n

    @property
    def itemsize(self):
        return self.dtype.itemsize

    @property
    def nbytes(self):
        return self.size * self.itemsize

    @property
    def T(self):
        return self.transpose()

    @property
    def device(self):
        from ._device import device_name
        return device_name(self._h.device)

    def to(self, device):
        """This array on `device` ("cpu", "cuda", "cuda:N"): itself or an explicit copy."""
        from ._device import check_device, place
        return place(self, check_device(device))

    # ---- materialization -----------------------------------------------
    def _numpy(self, what="reading the values"):
        try:
            return _npt.to_numpy(self._h)
        except _npt.ConcretizationError:
            from ._transforms import concretization_message
            raise _npt.ConcretizationError(concretization_message(what)) from None

    def __array__(self, dtype=None, copy=None):
        a = self._numpy()
        if dtype is not None and _np.dtype(dtype) != a.dtype:
            if copy is False:
                raise ValueError(_NO_COPY)
            return a.astype(dtype)
        if copy:
            return a.copy()
        return a

    def __repr__(self):
        if self._h.traced:
            return f"npt.ndarray(traced, shape={self.shape}, dtype={self.dtype})"
        return repr(self._numpy())

    def __str__(self):
        return str(self._numpy())

    def __format__(self, spec):
        return format(self._numpy() if self.ndim else self._numpy()[()], spec)

    def item(self, *args):
        return self._numpy(".item()").item(*args)

    def tolist(self):
        return self._numpy(".tolist()").tolist()

    def __float__(self):
        return float(self._numpy("float()"))

    def __int__(self):
        return int(self._numpy("int()"))

    def __complex__(self):
        return complex(self._numpy("complex()"))

    def __bool__(self):
        return bool(self._numpy("bool()"))

    def __index__(self):
        return operator.index(self._numpy("index()"))

    def __len__(self):
        if not self.shape:
            raise TypeError("len() of unsized object")
        return self.shape[0]

    def __iter__(self):
        if not self.shape:  # (at iter(), as NumPy: np.iterable depends on it)
            raise TypeError("iteration over a 0-d array")
        return (self[i] for i in range(self.shape[0]))

    # ---- methods ------------------------------------------------------
    def astype(self, dtype, copy=True):
        name = dtype_name(dtype)
        if name == self._h.dtype:
            return self if copy is False else new_owner(self._h)
        if self._h.dtype.startswith("complex") and not name.startswith("complex") and name != "bool":
            import warnings
            warnings.warn("Casting complex values to real discards the imaginary part",
                          _np.exceptions.ComplexWarning, stacklevel=2)
        return ndarray(_npt.apply("cast", [self._h], dtype=name))

    def reshape(self, *shape, order="C"):
        if order != "C":
            raise NotImplementedError("npt: only order='C' reshapes are supported")
        if len(shape) == 1 and not isinstance(shape[0], int):
            shape = tuple(shape[0])
        return _reshape(self, shape)

    def ravel(self):
        return _reshape(self, (-1,))

    def flatten(self):
        return new_owner(_reshape(self, (-1,))._h)

    def transpose(self, *axes):
        if len(axes) == 1 and (axes[0] is None or not isinstance(axes[0], int)):
            axes = axes[0]
        if not axes:
            axes = tuple(range(self.ndim))[::-1]
        axes = tuple(operator.index(a) for a in axes)
        from ._views import make_view
        if axes == tuple(range(self.ndim)):
            return make_view(self)
        _npt.apply("permute", [self._h], ints=list(axes))  # NumPy's errors for bad axes
        return make_view(self, "permute", (), tuple(a % self.ndim for a in axes))

    def copy(self, order="C"):
        return new_owner(self._h)

    def __getitem__(self, key):
        from ._indexing import getitem
        return getitem(self, key)

    def __setitem__(self, key, value):
        from ._indexing import setitem
        setitem(self, key, value)

    # (the NumPy methods that are module functions come from _methods.METHODS)

    # ---- operators (the rest come from _ufuncs.OPERATORS) ----------------
    def __pow__(self, o):
        # NumPy's fast paths for Python-scalar exponents on inexact arrays
        if type(o) is int and o == 2 and self.dtype.kind in "biu":
            return _uf().square(self)  # NumPy's fast path: bool ** 2 is int8
        if type(o) in (int, float) and self.dtype.kind == "f":
            if o == 2:
                return _uf().square(self)
            if o == 0.5:
                return _uf().sqrt(self)
            if o == 1:
                return new_owner(self._h)
        return _uf().power(self, o)

    def __matmul__(self, o):
        from ._linalg import matmul_impl
        return matmul_impl(self, o)

    def __rmatmul__(self, o):
        from ._linalg import matmul_impl
        return matmul_impl(o, self)


_npt.set_array_type(ndarray)  # (the class whose instances the C fast path of ops reads and makes)
_npt.FastOp.__reduce__ = lambda self: self.__qualname__  # (pickled by name, as the function was)


def fast_op(op, nin, fallback, reflected=False, reduce_all=False):
    """fallback (a function of nin operands) with its common case in C: where
    every operand is an ndarray or a Python scalar and no keyword is given,
    the op is recorded without a Python frame (see FastOp in py_array.cpp);
    all else calls fallback. It has fallback's name, doc and signature."""
    f = _npt.FastOp(_npt.op_id(op) if isinstance(op, str) else op, nin, fallback, reflected, reduce_all)
    return functools.update_wrapper(f, fallback)


_UFUNCS = []


def _uf():
    """The ufunc module (imported late: it imports this one); cached."""
    if not _UFUNCS:
        from . import _ufuncs
        _UFUNCS.append(_ufuncs)
    return _UFUNCS[0]


def new_owner(h):
    """A new array (an owner) of node h's values. npt's values are immutable,
    so it shares h's buffer, unless that is memory shared with another
    library (which may write it): then it gets a copy, as in NumPy."""
    return ndarray(_npt.private_copy(h) if _npt.is_shared(h) else h)


def node_of(x):
    """The graph handle for any array-like; Python scalars become weak (NEP 50)."""
    t = type(x)
    if t is ndarray:
        return x._h
    if t is float or t is int or t is builtins.bool or t is complex:
        return _npt.scalar(x, True)
    if isinstance(x, ndarray):
        return x._h
    if isinstance(x, _np.generic):
        name = dtype_name(x.dtype)
        return _npt.scalar(x.item(), False, name)
    if isinstance(x, _np.ndarray):  # an operand: its values, copied (never shared, see asarray)
        return _from_host(_np.asarray(x), -1)._h
    return asarray(x)._h


_NO_COPY = ("Unable to avoid copy while creating an array as requested.\nIf using "
            "`np.array(obj, copy=False)` replace it with `np.asarray(obj)` to allow a copy when "
            "needed (no behavior change in NumPy 1.x).\nFor more details, see "
            "https://numpy.org/devdocs/numpy_2_0_migration_guide.html#adapting-to-changes-in-the-"
            "copy-keyword.")


def _order(order, default="K"):
    """order= as NumPy reads it: 'C', 'F', 'A' or 'K' (either case; None: default)."""
    if order is None:
        return default
    if not isinstance(order, str):
        raise TypeError(f"order must be str, not {type(order).__name__}")
    o = order.upper()
    if len(o) != 1 or o not in "CFAK":
        raise ValueError(f"order must be one of 'C', 'F', 'A', or 'K' (got {order!r})")
    return o


def _memory_order(strides):
    """The axes from outermost to innermost in memory (NumPy's order='K')."""
    return sorted(range(len(strides)), key=lambda d: -builtins.abs(strides[d]))


def _target_order(a, o):
    """The memory order (a permutation of a's axes) of a copy of npt array a in order o."""
    n = a.ndim
    if o == "F" or (o == "A" and a.flags.f_contiguous and not a.flags.c_contiguous):
        return list(range(n))[::-1]
    if o == "K":
        from ._views import layout
        return _memory_order(layout(a)[1])
    return list(range(n))


def _laid_out(h, shape, perm):
    """A new array of `shape` whose values are node h, laid out in memory in
    the axis order perm. npt's buffers are C-ordered, so any other order is
    a permuted view of a C buffer (the base), as NumPy's strides would show:
    an F-ordered copy is the transposed view of a C copy of the transpose."""
    if perm == sorted(perm):
        return ndarray(h)
    base = ndarray(_npt.apply("permute", [h], ints=list(perm)))
    return base.transpose([perm.index(d) for d in range(len(shape))])


def _leaf(arr, share):
    """The node of C-contiguous NumPy array arr's values: with `share`, its
    memory itself where NumPy exports it writable through DLPack, else a copy."""
    if not arr.dtype.isnative:  # (npt's dtypes are native: the values in this machine's byte order)
        return _npt.from_numpy(arr.astype(arr.dtype.newbyteorder("=")))
    if share and arr.flags.writeable:
        try:
            return _npt.from_dlpack(arr.__dlpack__(max_version=(1, 0)))
        except BufferError:  # (a byte order or alignment DLPack lacks)
            pass
    return _npt.from_numpy(arr)


def _from_host(arr, index, share=False):
    """A NumPy array's values as an npt array on device index, in its memory
    order; on the CPU with `share`, in its memory when C-contiguous (an
    F-ordered array would be a view of it, and npt's views are computed
    values, which would not follow NumPy's writes: it is copied)."""
    from ._device import place
    dtype_name(arr.dtype)
    share = share and index < 0
    perm = _memory_order(arr.strides) if arr.ndim > 1 and not arr.flags.c_contiguous else None
    if perm is not None and arr.transpose(perm).flags.c_contiguous:  # e.g. Fortran data
        base = ndarray(_npt.from_numpy(arr.transpose(perm)))  # (npt's views are computed: a copy)
        base = base if index < 0 else place(base, index)
        return base.transpose([perm.index(d) for d in range(arr.ndim)])
    out = ndarray(_leaf(arr, share and arr.flags.c_contiguous))  # (strided data is copied)
    return out if index < 0 else place(out, index)


def _from_producer(x, dtype, index, copy):
    """An npt array of DLPack producer x's values (a torch tensor, a CuPy or
    JAX array, ...): its memory itself when contiguous and writable, else a
    copy (refused with copy=False)."""
    from ._device import place
    try:
        cap = x.__dlpack__(max_version=(1, 0))
    except TypeError:  # (a producer of the unversioned protocol only)
        cap = x.__dlpack__()
    h = _npt.from_dlpack(cap)
    if copy is False and not _npt.is_shared(h):
        raise ValueError(_NO_COPY)
    out = ndarray(h)
    if dtype is not None and dtype_name(dtype) != h.dtype:
        if copy is False:
            raise ValueError(_NO_COPY)
        out = out.astype(dtype)
    elif copy:
        out = ndarray(_npt.private_copy(h))
    return out if index is None else place(out, index)


def _shareable(a, arr):
    """Whether npt can share NumPy array a's memory, as NumPy's asarray gave
    it (arr): no conversion, C-contiguous, writable, native byte order."""
    return (arr is a or arr.base is a) and arr.flags.c_contiguous and arr.flags.writeable and \
        arr.dtype.isnative


def _fits(a, o):
    """Whether npt array a is already laid out as order o asks (no copy needed)."""
    if o == "C":
        return a.flags.c_contiguous
    if o == "F":
        return a.flags.f_contiguous
    return True  # 'A' and 'K' take any layout when no copy is asked for


def asarray(a, dtype=None, order=None, *, device=None, copy=None, like=None):
    """numpy.asarray: no copy for npt arrays laid out as order asks; other
    array-likes are copied into npt's memory (so copy=False is refused for
    them, as NumPy refuses when a copy is needed).

    Layouts: npt's buffers are C-ordered; order='F' (and 'K'/'A' of an
    F-ordered input) gives the transposed view of a C buffer, so .flags
    and shares_memory answer as NumPy's strides would; such a copy's .base
    is that buffer (NumPy's owns its data)."""
    from ._device import check_device, place
    if like is not None and not isinstance(like, ndarray):
        return _np.asarray(a, dtype=dtype, order=order, device=device, copy=copy, like=like)
    o = _order(order)
    index = check_device(device)
    if isinstance(a, ndarray):
        if copy is False and dtype is not None and dtype_name(dtype) != a._h.dtype:
            raise ValueError(_NO_COPY)
        if copy is False and not _fits(a, o):
            raise ValueError(_NO_COPY)
        out = a if dtype is None else a.astype(dtype, copy=False)
        if copy or out is not a or not _fits(a, o):
            # a new array in the asked layout (writes to it leave `a` alone)
            out = _laid_out(new_owner(out._h)._h, a.shape, _target_order(a, o))
        return out if device is None else place(out, index)
    if isinstance(a, _np.ndarray):
        # NumPy's memory itself (as NumPy's asarray): contiguous, writable
        # data of a dtype that needs no conversion is shared, and every op
        # that reads it is computed at its call (see _npt.from_dlpack)
        arr = _np.asarray(a, dtype=dtype, order=o)
        own = _shareable(a, arr)
        if copy is False and not own:
            raise ValueError(_NO_COPY)
        return _from_host(arr, index, share=own and not copy)
    if not isinstance(a, _np.generic) and hasattr(type(a), "__dlpack__") and o != "F":
        return _from_producer(a, dtype, None if device is None else index, copy)
    if copy is False:
        raise ValueError(_NO_COPY)
    return _from_host(_np.asarray(a, dtype=dtype, order=o), index)


def array(object, dtype=None, *, copy=True, order="K", subok=False, ndmin=0, ndmax=0, like=None):
    """numpy.array: an array from an array-like (npt arrays are immutable values,
    so a "copy" of one shares its buffer until either is written), laid out
    as order asks (see asarray); ndmin prepends length-1 dims."""
    if like is not None and not isinstance(like, ndarray):
        kw = {"ndmax": ndmax} if ndmax else {}  # (NumPy reads an explicit ndmax=0 as a limit)
        return _np.array(object, dtype=dtype, copy=copy, order=order, subok=subok, ndmin=ndmin,
                         like=like, **kw)
    o = _order(order)
    if ndmax and not isinstance(object, ndarray):
        object = _np.array(object, dtype=dtype, ndmax=ndmax)
    out = asarray(object, dtype=dtype, order=o, copy=copy)
    if copy is True and out is object:
        out = _laid_out(new_owner(out._h)._h, out.shape, _target_order(out, o))
    ndmin = operator.index(ndmin)
    if out.ndim < ndmin:
        shape = (1,) * (ndmin - out.ndim) + out.shape
        if out is not object and out._v is None:  # a new C array: its reshape owns the data
            out = ndarray(_npt.apply("reshape", [out._h], shape=list(shape)))
        else:
            out = out.reshape(shape)
    return out


def evaluate(*arrays):
    """Materialize the given arrays (one plan for all); returns them."""
    hs = [a._h for a in arrays if isinstance(a, ndarray)]
    try:
        _npt.evaluate(hs)
    except _npt.ConcretizationError:
        from ._transforms import concretization_message
        raise _npt.ConcretizationError(concretization_message("npt.evaluate()")) from None
    return arrays[0] if len(arrays) == 1 else arrays


def _reshape(a, shape):
    shape = tuple(operator.index(d) for d in shape)
    if shape.count(-1) > 1:
        raise ValueError("can only specify one unknown dimension")
    if -1 in shape:
        known = 1
        for d in shape:
            if d != -1:
                known *= d
        if known == 0 or a.size % known:
            # NumPy prints the unknown dim as "newaxis", and not at all when it leads
            parts = ["newaxis" if d == -1 else str(d) for d in shape]
            if parts[0] == "newaxis":
                parts = parts[1:]
            raise ValueError(f"cannot reshape array of size {a.size} into shape ({','.join(parts)})")
        shape = tuple(a.size // known if d == -1 else d for d in shape)
    from ._views import make_view, reshape_is_view
    if shape == a.shape:
        return make_view(a)
    if reshape_is_view(a, shape):
        return make_view(a, "reshape", shape)
    return ndarray(_npt.apply("reshape", [a._h], shape=list(shape)))


def _shape_text(shape, sep=", "):
    """A shape as NumPy's messages print it: "(2, 3)" (reshape's) or, with
    sep=",", "(2,3)" (its broadcasting and output-operand messages')."""
    return "(" + sep.join(str(d) for d in shape) + ("," if len(shape) == 1 else "") + ")"
