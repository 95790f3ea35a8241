"""npt.fft: NumPy 2.4's numpy.fft, lazy and differentiable.

Every transform is NumPy's own sequence of 1-D steps (its `_raw_fft`, in its
order, with its checks, dtypes and errors), run on three registry
primitives: fft_c2c (the n-D complex DFT), fft_r2c (rfft) and fft_c2r
(irfft). NumPy's `n` and `s` crop or zero-pad the input here first, as
NumPy does; consecutive complex steps along distinct axes become one
fft_c2c over all of them (cropping or padding along one axis commutes with
the DFT along another). Where NumPy scales in float16 (the norm factor of a
float16 input's first step) it is scaled so here too.
"""
import operator
import warnings

import numpy as _np
from numpy.lib.array_utils import normalize_axis_index as _normalize_axis_index

from . import _npt
from ._array import ndarray, asarray
from ._writes import stand_in, store

__all__ = ["fft", "ifft", "rfft", "irfft", "hfft", "ihfft", "rfftn", "irfftn", "rfft2", "irfft2",
           "fft2", "ifft2", "fftn", "ifftn", "fftshift", "ifftshift", "fftfreq", "rfftfreq"]

# ---- norm: NumPy's scale factor of a step, as a code -------------------------
# 0: 1, 1: 1/sqrt(n), 2: 1/n (NumPy's `fct`, after the inverse steps swap the
# direction); the primitives take the norm of their own direction instead.
_SWAP_DIRECTION_MAP = {"backward": "forward", None: "forward", "ortho": "ortho", "forward": "backward"}


def _swap_direction(norm):
    try:
        return _SWAP_DIRECTION_MAP[norm]
    except KeyError:
        raise ValueError(f'Invalid norm value {norm}; should be "backward", '
                         '"ortho" or "forward".') from None


def _fct_code(norm, is_forward):
    if not is_forward:
        norm = _swap_direction(norm)
    if norm is None or norm == "backward":
        return 0
    if norm == "ortho":
        return 1
    if norm == "forward":
        return 2
    raise ValueError(f'Invalid norm value {norm}; should be "backward",'  # (NumPy's text, no space)
                     '"ortho" or "forward".')


def _real_dtype(dt):
    """NumPy's result_type(a.real.dtype, 1.0)."""
    return _np.result_type(_np.empty(0, dt).real.dtype, 1.0)


# ---- the primitives (empty arrays never reach ATen) --------------------------

def _prim(op, x, ints, shape, dtype):
    if x.size == 0 or 0 in shape:
        from ._creation import zeros
        return zeros(shape, dtype, device=x.device)
    return ndarray(_npt.apply(op, [x._h], ints=ints))


def _c2c(x, axes, forward, code):
    return _prim("fft_c2c", x, [int(forward), code if forward else 2 - code, *axes], x.shape, x.dtype)


def _r2c(x, axis, code):
    shape = x.shape[:axis] + (x.shape[axis] // 2 + 1,) + x.shape[axis + 1:]
    cdt = "complex64" if x.dtype == _np.float32 else "complex128"
    return _prim("fft_r2c", x, [code, axis], shape, cdt)


def _c2r(x, axis, n, code):
    shape = x.shape[:axis] + (n,) + x.shape[axis + 1:]
    rdt = "float32" if x.dtype == _np.complex64 else "float64"
    return _prim("fft_c2r", x, [2 - code, axis, n], shape, rdt)


def _resize(x, n, axis):
    """x cropped or zero-padded to n along axis (NumPy's `n`)."""
    m = x.shape[axis]
    if m == n:
        return x
    if m > n:
        return x[(slice(None),) * axis + (slice(0, n),)]
    from ._creation import zeros
    from ._manipulation import concatenate
    pad = zeros(x.shape[:axis] + (n - m,) + x.shape[axis + 1:], x.dtype, device=x.device)
    return concatenate([x, pad], axis)


def _cast(x, dt):
    return x if x.dtype == dt else ndarray(_npt.apply("cast", [x._h], dtype=_np.dtype(dt).name))


# the dtype of NumPy's loop for each input dtype (None: any other)
_LOOP = {"fft": {"complex64": "complex64", None: "complex128"},
         "rfft": {"float32": "float32", None: "float64"},
         "irfft": {"complex64": "complex64", None: "complex128"}}
_LOOP["ifft"] = _LOOP["fft"]


def _narrow_fct(n, code, real):
    """NumPy's scale factor computed (and rounded) in the real dtype `real`,
    where that is narrower than its loop's (float16 input, or float32 input
    to a double-precision loop)."""
    if code == 1:
        return float(_np.reciprocal(_np.sqrt(n, dtype=real)))
    return float(_np.reciprocal(n, dtype=real))


# ---- one call: NumPy's 1-D steps, checked one by one -------------------------

class _Run:
    """NumPy's 1-D steps on one array, built lazily: each step checked as
    NumPy's `_raw_fft` checks it (against the shape and dtype so far), the
    complex DFTs along distinct axes merged into one fft_c2c. With out=, each
    step's value is cast and broadcast to out as NumPy's ufunc stores it
    (the next step reads out), and nothing is merged."""

    def __init__(self, a, norm, out, numpy_call):
        self.a = a            # the input
        self.x = a            # the value so far (the pending DFT's input)
        self.pending = []     # axes of a DFT not built yet
        self.forward = True
        self.code = 0
        self.norm = norm
        self.out = out
        self.numpy_call = numpy_call  # NumPy's call on stand-ins: its error

    def _flush(self):
        if self.pending:
            self.x = _c2c(self.x, self.pending, self.forward, self.code)
            self.pending = []
        return self.x

    def _numpys_error(self, fallback):
        """Raise what NumPy raises for this call (run on memory-less stand-ins)."""
        out = self.out
        o = stand_in(out, writeable=bool(out.flags.writeable)) if isinstance(out, ndarray) else out
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            self.numpy_call(stand_in(self.a), o)
        raise fallback

    def step(self, kind, n, axis, use_out):
        """One of NumPy's fft/ifft/rfft/irfft calls inside this transform."""
        shape, dtype = self.x.shape, self.x.dtype
        if n is None:
            n = shape[axis] if kind != "irfft" else (shape[axis] - 1) * 2
        if n < 1:
            raise ValueError(f"Invalid number of FFT data points ({n}) specified.")
        code = _fct_code(self.norm, kind in ("fft", "rfft"))
        real = _real_dtype(dtype)
        axis = _normalize_axis_index(axis, len(shape))
        n = operator.index(n)
        n_out = n // 2 + 1 if kind == "rfft" else n
        out = self.out if use_out else None
        if out is not None:
            oshape = getattr(out, "shape", None)
            if oshape is not None and (len(oshape) != len(shape) or oshape[axis] != n_out):
                raise ValueError("output array has wrong shape.")
        if kind == "rfft" and dtype.kind == "c":
            name = "rfft_n_even" if n % 2 == 0 else "rfft_n_odd"
            self._numpys_error(TypeError(f"ufunc '{name}' not supported for the input types"))
        res_dtype = real if kind == "irfft" else _np.result_type(dtype, 1j)
        if out is not None:
            self._check_out(shape[:axis] + (n_out,) + shape[axis + 1:], res_dtype)
        # NumPy's pocketfft loop: complex64 (float32 for rfft) only for
        # complex64 (float32) input, else double precision; its factor
        # computed in the input's real dtype; its result cast to res_dtype
        # (or straight to out's dtype: the ufunc casts the loop's output)
        if out is not None:
            res_dtype = out.dtype
        loop = _np.dtype(_LOOP[kind].get(dtype.name, _LOOP[kind][None]))
        scale = _narrow_fct(n, code, real) if code and _np.finfo(loop).dtype.itemsize > real.itemsize else None
        if kind in ("fft", "ifft"):
            self._dft(kind == "fft", n, axis, code, scale, loop, res_dtype, out is not None)
        else:
            x = self._flush()
            c = code if scale is None else 0
            if kind == "rfft":
                y = _r2c(_resize(_cast(x, loop), n, axis), axis, c)
            else:  # (NumPy's irfft reads the first n//2+1 points, zero-filled past the input's end)
                y = _c2r(_resize(_cast(x, loop), n // 2 + 1, axis), axis, n, c)
            self.x = _cast(y if scale is None else y * scale, res_dtype)
        if out is not None:
            self._into_out()

    def _dft(self, forward, n, axis, code, scale, loop, res_dtype, use_out):
        x = self.x
        alone = scale is not None or res_dtype != loop or use_out  # (rounded between steps, as NumPy's)
        if self.pending and (alone or axis in self.pending or forward != self.forward or code != self.code):
            x = self._flush()
        x = _resize(_cast(x, loop), n, axis)
        if alone:
            y = _c2c(x, [axis], forward, code if scale is None else 0)
            self.x = _cast(y if scale is None else y * scale, res_dtype)
            return
        self.x = x
        self.pending.append(axis)
        self.forward, self.code = forward, code

    def _check_out(self, res_shape, res_dtype):
        """NumPy's ufunc rules for out=: an npt array, writeable, that the
        result broadcasts to and casts to (same_kind)."""
        out = self.out
        if not isinstance(out, ndarray):
            raise TypeError("return arrays must be of ArrayType")
        ok = (out.flags.writeable and all(d in (1, o) for d, o in zip(res_shape, out.shape))
              and _np.can_cast(res_dtype, out.dtype, "same_kind"))
        if not ok:
            self._numpys_error(ValueError("output array does not fit the result"))

    def _into_out(self):
        out, x = self.out, _cast(self.x, self.out.dtype)
        if x.shape != out.shape:
            x = ndarray(_npt.apply("broadcast_to", [x._h], shape=list(out.shape)))
        self.x = x

    def result(self, name):
        """The value (stored into out= under ufunc `name` when out was given)."""
        x = self._flush()
        return x if self.out is None else store(self.out, x, name)


def _one(kind, a, n, axis, norm, out):
    """NumPy's public 1-D function `kind` (its default n, then its _raw_fft)."""
    a = asarray(a)
    if n is None:
        n = a.shape[axis] if kind != "irfft" else (a.shape[axis] - 1) * 2
    call = lambda x, o: getattr(_np.fft, kind)(x, n, axis, norm, out=o)  # noqa: E731
    run = _Run(a, norm, out, call)
    run.step(kind, n, axis, use_out=True)
    return run.result(_ufunc_name(kind, n))


def _ufunc_name(kind, n):
    """The name of NumPy's pocketfft ufunc for a step (its errors name it)."""
    if kind == "rfft":
        return "rfft_n_even" if n % 2 == 0 else "rfft_n_odd"
    return kind


# ---- 1-D transforms -----------------------------------------------------------

def fft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.fft: the 1-D discrete Fourier transform."""
    return _one("fft", a, n, axis, norm, out)


def ifft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.ifft: the 1-D inverse discrete Fourier transform."""
    return _one("ifft", a, n, axis, norm, out)


def rfft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.rfft: the 1-D DFT of real input (the n//2+1 non-negative frequencies)."""
    return _one("rfft", a, n, axis, norm, out)


def irfft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.irfft: the inverse of rfft, real output of length n (2*(m-1) by default)."""
    return _one("irfft", a, n, axis, norm, out)


def hfft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.hfft: the DFT of a Hermitian-symmetric signal given by its
    first half: irfft(conj(a)) with the direction of the norm swapped.
    (NumPy 2.4's hfft ignores out=, and so does this one.)"""
    a = asarray(a)
    if n is None:
        n = (a.shape[axis] - 1) * 2
    new_norm = _swap_direction(norm)
    return irfft(_conj(a), n, axis, norm=new_norm, out=None)


def ihfft(a, n=None, axis=-1, norm=None, out=None):
    """numpy.fft.ihfft: the inverse of hfft: conj(rfft(a)) with the direction
    of the norm swapped."""
    a = asarray(a)
    if n is None:
        n = a.shape[axis]
    new_norm = _swap_direction(norm)
    call = lambda x, o: _np.fft.ihfft(x, n, axis, norm, out=o)  # noqa: E731
    run = _Run(a, new_norm, out, call)
    run.step("rfft", n, axis, use_out=True)
    run.x = _conj(run._flush())
    return run.result(_ufunc_name("rfft", n))


def _conj(x):
    from ._ufuncs import conjugate
    return conjugate(x) if x.dtype.kind == "c" else x


# ---- n-D transforms -------------------------------------------------------------

def _cook_nd_args(a, s=None, axes=None, invreal=0, stacklevel=4):
    """NumPy's _cook_nd_args: the lengths and axes of an n-D transform (its
    checks, its errors and its NumPy 2.0 deprecations)."""
    if s is None:
        shapeless = True
        if axes is None:
            s = list(a.shape)
        else:
            s = _np.take(a.shape, axes)
    else:
        shapeless = False
    s = list(s)
    if axes is None:
        if not shapeless:
            msg = ("`axes` should not be `None` if `s` is not `None` "
                   "(Deprecated in NumPy 2.0). In a future version of NumPy, "
                   "this will raise an error and `s[i]` will correspond to "
                   "the size along the transformed axis specified by "
                   "`axes[i]`. To retain current behaviour, pass a sequence "
                   "[0, ..., k-1] to `axes` for an array of dimension k.")
            warnings.warn(msg, DeprecationWarning, stacklevel=stacklevel)
        axes = list(range(-len(s), 0))
    if len(s) != len(axes):
        raise ValueError("Shape and axes have different lengths.")
    if invreal and shapeless:
        s[-1] = (a.shape[axes[-1]] - 1) * 2
    if None in s:
        msg = ("Passing an array containing `None` values to `s` is "
               "deprecated in NumPy 2.0 and will raise an error in "
               "a future version of NumPy. To use the default behaviour "
               "of the corresponding 1-D transform, pass the value matching "
               "the default for its `n` parameter. To use the default "
               "behaviour for every axis, the `s` argument can be omitted.")
        warnings.warn(msg, DeprecationWarning, stacklevel=stacklevel)
    # use the whole input array along axis `i` if `s[i] == -1`
    s = [a.shape[_a] if _s == -1 else _s for _s, _a in zip(s, axes)]
    return s, axes


def _raw_fftnd(name, a, s, axes, kind, norm, out, stacklevel=4):
    a = asarray(a)
    s0, axes0 = s, axes
    s, axes = _cook_nd_args(a, s, axes, stacklevel=stacklevel)
    if not axes:
        return a  # (NumPy returns its input when there is nothing to transform)
    call = lambda x, o: getattr(_np.fft, name)(x, s0, axes0, norm, out=o)  # noqa: E731
    run = _Run(a, norm, out, call)
    for ii in reversed(range(len(axes))):
        run.step(kind, s[ii], axes[ii], use_out=True)
    return run.result(kind)


def fftn(a, s=None, axes=None, norm=None, out=None):
    """numpy.fft.fftn: the n-D discrete Fourier transform (the last axis first)."""
    return _raw_fftnd("fftn", a, s, axes, "fft", norm, out)


def ifftn(a, s=None, axes=None, norm=None, out=None):
    """numpy.fft.ifftn: the n-D inverse discrete Fourier transform."""
    return _raw_fftnd("ifftn", a, s, axes, "ifft", norm, out)


def fft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """numpy.fft.fft2: the 2-D discrete Fourier transform."""
    return _raw_fftnd("fft2", a, s, axes, "fft", norm, out)


def ifft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """numpy.fft.ifft2: the 2-D inverse discrete Fourier transform.
    (NumPy 2.4's ifft2 ignores out=, and so does this one.)"""
    return _raw_fftnd("ifft2", a, s, axes, "ifft", norm, None)


def rfftn(a, s=None, axes=None, norm=None, out=None):
    """numpy.fft.rfftn: the n-D DFT of real input: rfft along the last axis,
    then fft along the others."""
    return _rfftn("rfftn", a, s, axes, norm, out, stacklevel=4)


def _rfftn(name, a, s, axes, norm, out, stacklevel):
    a = asarray(a)
    s0, axes0 = s, axes
    s, axes = _cook_nd_args(a, s, axes, stacklevel=stacklevel)
    call = lambda x, o: getattr(_np.fft, name)(x, s0, axes0, norm, out=o)  # noqa: E731
    run = _Run(a, norm, out, call)
    run.step("rfft", s[-1], axes[-1], use_out=True)
    for ii in range(len(axes) - 2, -1, -1):
        run.step("fft", s[ii], axes[ii], use_out=True)
    return run.result("fft" if len(axes) > 1 else _ufunc_name("rfft", s[-1]))


def rfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """numpy.fft.rfft2: the 2-D DFT of real input."""
    return _rfftn("rfft2", a, s, axes, norm, out, stacklevel=4)


def irfftn(a, s=None, axes=None, norm=None, out=None):
    """numpy.fft.irfftn: the inverse of rfftn: ifft along all but the last
    axis (the first first), then irfft along the last."""
    return _irfftn("irfftn", a, s, axes, norm, out)


def _irfftn(name, a, s, axes, norm, out, stacklevel=4):
    a = asarray(a)
    s0, axes0 = s, axes
    s, axes = _cook_nd_args(a, s, axes, invreal=1, stacklevel=stacklevel)
    call = lambda x, o: getattr(_np.fft, name)(x, s0, axes0, norm, out=o)  # noqa: E731
    run = _Run(a, norm, out, call)
    for ii in range(len(axes) - 1):
        run.step("ifft", s[ii], axes[ii], use_out=False)
    run.step("irfft", s[-1], axes[-1], use_out=True)
    return run.result("irfft")


def irfft2(a, s=None, axes=(-2, -1), norm=None, out=None):
    """numpy.fft.irfft2: the inverse of rfft2.
    (NumPy 2.4's irfft2 ignores out=, and so does this one.)"""
    return _irfftn("irfft2", a, s, axes, norm, None)


# ---- helpers: shifts and frequencies ------------------------------------------

def _roll(x, shift, axes):
    if x.ndim == 0:  # (numpy.roll of a 0-d array along given axes raises this)
        raise ValueError("not enough values to unpack (expected 2, got 0)")
    from ._manipulation import roll
    return roll(x, shift, axes)


def fftshift(x, axes=None):
    """numpy.fft.fftshift: the zero frequency moved to the middle (np.roll by n//2)."""
    x = asarray(x)
    if axes is None:
        axes = tuple(range(x.ndim))
        shift = [dim // 2 for dim in x.shape]
    elif isinstance(axes, (int, _np.integer)):
        shift = x.shape[axes] // 2
    else:
        shift = [x.shape[ax] // 2 for ax in axes]
    return _roll(x, shift, axes)


def ifftshift(x, axes=None):
    """numpy.fft.ifftshift: the inverse of fftshift."""
    x = asarray(x)
    if axes is None:
        axes = tuple(range(x.ndim))
        shift = [-(dim // 2) for dim in x.shape]
    elif isinstance(axes, (int, _np.integer)):
        shift = -(x.shape[axes] // 2)
    else:
        shift = [-(x.shape[ax] // 2) for ax in axes]
    return _roll(x, shift, axes)


def fftfreq(n, d=1.0, device=None):
    """numpy.fft.fftfreq: the sample frequencies of an n-point DFT,
    [0, 1, ..., (n-1)//2, -(n//2), ..., -1] / (d*n), on `device`."""
    from ._creation import arange
    from ._manipulation import concatenate
    if not isinstance(n, (int, _np.integer)):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    if isinstance(n, bool):  # (NumPy's np.empty(n) refuses a bool length)
        raise TypeError(f"expected a sequence of integers or a single integer, got '{n}'")
    if n < 0:
        raise ValueError("negative dimensions are not allowed")
    N = (n - 1) // 2 + 1
    results = concatenate([arange(0, N, dtype="int64", device=device),
                           arange(-(n // 2), 0, dtype="int64", device=device)])
    return results * val


def rfftfreq(n, d=1.0, device=None):
    """numpy.fft.rfftfreq: the n//2+1 non-negative sample frequencies of an
    n-point rfft, [0, 1, ..., n//2] / (d*n), on `device`."""
    from ._creation import arange
    if not isinstance(n, (int, _np.integer)):
        raise ValueError("n should be an integer")
    val = 1.0 / (n * d)
    N = n // 2 + 1
    results = arange(0, N, dtype="int64", device=device)
    return results * val
