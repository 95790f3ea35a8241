"""npt.random: NumPy's random module; the same seed gives NumPy's numbers.

The bit generators (PCG64 behind ``default_rng``, MT19937 behind the legacy
functions) are npt's own (graph/random.cpp) and drive NumPy's distribution
library (libnpyrandom), so draws consume the stream as NumPy's do. Seeding
goes through NumPy's SeedSequence and its seeding of each generator.

Exactly NumPy's values for the same seed, for every bit generator (PCG64,
PCG64DXSM, SFC64, Philox, MT19937): Generator's ``random integers
standard_normal normal uniform exponential standard_exponential choice
shuffle permutation permuted bytes dirichlet multinomial
multivariate_hypergeometric`` and the distributions it draws through
NumPy's C functions (``beta binomial chisquare exponential f gamma
geometric gumbel hypergeometric laplace logistic lognormal logseries
negative_binomial noncentral_chisquare noncentral_f normal pareto poisson
power rayleigh standard_cauchy standard_gamma standard_t triangular uniform
vonmises wald weibull zipf``); the legacy ``rand randn randint random_sample
normal standard_normal uniform choice shuffle permutation bytes`` and every
legacy distribution: those NumPy draws with the same C functions as
Generator, and those it keeps frozen pre-1.17 algorithms for (``beta
chisquare dirichlet exponential f gamma geometric hypergeometric lognormal
negative_binomial noncentral_chisquare noncentral_f pareto power rayleigh
standard_cauchy standard_exponential standard_gamma standard_t wald
weibull``, written in graph/random.cpp).

``multivariate_normal`` (Generator's and the legacy one) draws NumPy's
normals and multiplies them by NumPy's own factor of the covariance
(computed by NumPy's linalg on the host); the product is npt's matmul:
NumPy's numbers for small dimensions (tested up to 3), within a few ulps
of them for large ones, where the two BLAS kernels round apart.

A draw is the graph node "random" whose input is the generator's state:
outside a transform it runs at the call (as NumPy's), and the state moves
on.
"""
import operator

import numpy as _np
from numpy.random import SeedSequence  # noqa: F401  (NumPy's own: seeding is shared)

from . import _npt
from ._array import ndarray, asarray

__all__ = ["Generator", "RandomState", "PCG64", "PCG64DXSM", "MT19937", "SFC64", "Philox", "SeedSequence",
           "default_rng", "BitGenerator", "get_bit_generator", "set_bit_generator"]

_PCG, _MT, _DXSM, _SFC, _PHILOX = range(5)
(_UNIFORM, _NORMAL, _EXP, _GAUSS, _BOUNDED, _BOUNDED_ARRAY, _PERM, _FLOYD, _CONT, _DISC, _RAW, _MULTINOMIAL,
 _MVHYPER, _LEGACY) = range(14)
_M64 = (1 << 64) - 1


def _tracing():
    from ._transforms import _state
    return _state.tracing > 0


# ---- bit generators ----------------------------------------------------------

class BitGenerator:
    """A bit generator's state as uint64 words (an npt array, a graph value)."""
    _kind = None
    _np_cls = None

    def __init__(self, seed=None):
        bg = self._np_cls(seed)
        self._seed_seq = bg.seed_seq
        self._set_words(self._words_of(bg.state))

    def _set_words(self, words):
        self._words = asarray(_np.asarray(words, dtype=_np.uint64))

    @property
    def seed_seq(self):
        return self._seed_seq

    @property
    def state(self):
        return self._state_of(_np.asarray(self._words))

    @state.setter
    def state(self, value):
        if not isinstance(value, dict):
            raise TypeError("state must be a dict")
        if value.get("bit_generator") != type(self).__name__:
            raise ValueError(f"state must be for a {type(self).__name__} PRNG")
        self._set_words(self._words_of(value))

    def random_raw(self, size=None, output=True):
        v = _draw(self, _RAW, [], "uint64", () if size is None else _shape(size))
        if not output:
            return None
        return int(v) if size is None else v

    def _numpy(self):
        """A NumPy bit generator in this one's state."""
        bg = self._np_cls()
        bg.state = self.state
        return bg

    def spawn(self, n_children):
        return [type(self)(s) for s in self._seed_seq.spawn(n_children)]

    def __repr__(self):
        return f"{type(self).__name__}() at 0x{id(self):X}"


class _Jumps:
    """jumped (and advance, in _Advances), computed by NumPy on the state (a
    jump is a function of the state alone; the draws stay npt's)."""

    def jumped(self, jumps=1):
        """A copy far ahead in the stream (NumPy's jumped)."""
        out = type(self).__new__(type(self))
        out._seed_seq = self._seed_seq
        out._set_words(self._words_of(self._numpy().jumped(jumps).state))
        return out


class _Advances(_Jumps):
    def advance(self, delta):
        """The stream `delta` draws on (NumPy's advance)."""
        bg = self._numpy()
        bg.advance(delta)
        self._set_words(self._words_of(bg.state))
        return self


class PCG64(_Advances, BitGenerator):
    _kind = _PCG
    _np_cls = _np.random.PCG64

    @staticmethod
    def _words_of(st):
        s, inc = st["state"]["state"], st["state"]["inc"]
        return [s >> 64, s & _M64, inc >> 64, inc & _M64, st["has_uint32"], st["uinteger"]]

    @classmethod
    def _state_of(cls, w):
        w = [int(x) for x in w]
        return {"bit_generator": cls.__name__, "state": {"state": (w[0] << 64) | w[1], "inc": (w[2] << 64) | w[3]},
                "has_uint32": w[4], "uinteger": w[5]}


class PCG64DXSM(PCG64):
    _kind = _DXSM
    _np_cls = _np.random.PCG64DXSM


class SFC64(BitGenerator):
    _kind = _SFC
    _np_cls = _np.random.SFC64

    @staticmethod
    def _words_of(st):
        return [int(x) for x in st["state"]["state"]] + [st["has_uint32"], st["uinteger"]]

    @staticmethod
    def _state_of(w):
        w = _np.asarray(w, dtype=_np.uint64)
        return {"bit_generator": "SFC64", "state": {"state": w[:4].copy()}, "has_uint32": int(w[4]),
                "uinteger": int(w[5])}


class Philox(_Advances, BitGenerator):
    _kind = _PHILOX
    _np_cls = _np.random.Philox

    def __init__(self, seed=None, counter=None, key=None):
        bg = _np.random.Philox(seed, counter=counter, key=key)
        self._seed_seq = bg.seed_seq if key is None else None
        self._set_words(self._words_of(bg.state))

    @staticmethod
    def _words_of(st):
        s = st["state"]
        return ([int(x) for x in s["counter"]] + [int(x) for x in s["key"]] + [int(x) for x in st["buffer"]]
                + [st["buffer_pos"], st["has_uint32"], st["uinteger"]])

    @staticmethod
    def _state_of(w):
        w = _np.asarray(w, dtype=_np.uint64)
        return {"bit_generator": "Philox", "state": {"counter": w[:4].copy(), "key": w[4:6].copy()},
                "buffer": w[6:10].copy(), "buffer_pos": int(w[10]), "has_uint32": int(w[11]),
                "uinteger": int(w[12])}


class MT19937(_Jumps, BitGenerator):
    _kind = _MT
    _np_cls = _np.random.MT19937

    @staticmethod
    def _words_of(st, has_gauss=0, gauss=0.0):
        key = _np.asarray(st["state"]["key"], dtype=_np.uint32)
        if key.shape != (624,):
            raise ValueError("state must be 624 32-bit unsigned integers")
        words = key.view(_np.uint64).tolist()
        return words + [int(st["state"]["pos"]), int(has_gauss),
                        int(_np.float64(gauss).view(_np.uint64))]

    @staticmethod
    def _state_of(w):
        w = _np.asarray(w, dtype=_np.uint64)
        return {"bit_generator": "MT19937",
                "state": {"key": w[:312].view(_np.uint32).copy(), "pos": int(w[312])}}

    def _legacy_seeding(self, seed):
        rs = _np.random.RandomState(seed)
        self._set_words(self._words_of(rs.get_state(legacy=False)))


# ---- the draw ----------------------------------------------------------------

def _shape(size):
    if size is None:
        return ()
    try:
        return (operator.index(size),)
    except TypeError:
        return tuple(operator.index(d) for d in size)


def _draw(bg, method, ints, dtype, shape, params=()):
    """Values of `shape` from `bg`'s stream; `bg`'s state moves on."""
    dtype = _np.dtype(dtype)
    if any(d < 0 for d in shape):
        raise ValueError("negative dimensions are not allowed")
    from ._transforms import _state
    if _state.rng is not None and id(bg) not in _state.rng:
        # jit records: the state is an input of the trace (see Jitted._trace)
        p = ndarray(_npt.param(list(bg._words.shape), "uint64", bg._words._h.device))
        _state.rng[id(bg)] = (bg, p, bg._words)
        bg._words = p
    hs = [bg._words._h] + [p._h for p in params]
    words = _npt.apply("random", hs, shape=list(shape), ints=[bg._kind, method, *ints], dtype=dtype.name)
    nw = bg._words.shape[0]
    values = ndarray(_npt.apply("bitcast", [words], shape=list(shape), ints=[8 * nw], dtype=dtype.name))
    state = ndarray(_npt.apply("bitcast", [words], shape=[nw], ints=[0], dtype="uint64")).copy()
    if not _tracing():
        from ._array import evaluate
        evaluate(values, state)  # (at the call, as NumPy: the stream advances once)
    bg._words = state
    return values


def _scalar_or(values, size):
    if size is None and not _tracing():
        return values.item()
    return values


def _float_dtype(dtype, what):
    d = _np.dtype(dtype)
    if d not in (_np.float64, _np.float32):
        raise TypeError(f"Unsupported dtype {d!r} for {what}")
    return d


_CONS = {
    "nonneg": lambda v, n: (_np.any(~_np.isnan(v) & _np.signbit(v)), f"{n} < 0"),
    "pos": lambda v, n: (_np.any(v <= 0), f"{n} <= 0"),
    "pos_num": lambda v, n: ((_np.any(v <= 0), f"{n} <= 0") if _np.any(v <= 0)
                             else (_np.any(_np.isnan(v)), f"{n} must not be NaN")),
    "0_1": lambda v, n: (not _np.all((v >= 0) & (v <= 1)), f"{n} < 0, {n} > 1 or {n} is NaN"),
    "gt0_1": lambda v, n: (not _np.all((v > 0) & (v <= 1)), f"{n} <= 0, {n} > 1 or {n} contains NaNs"),
    "lt0_1": lambda v, n: (not _np.all((v >= 0) & (v < 1)), f"{n} < 0, {n} >= 1 or {n} is NaN"),
    "gt1": lambda v, n: (not _np.all(v > 1), f"{n} <= 1 or {n} is NaN"),
    "poisson": lambda v, n: (not _np.all(v >= 0), f"{n} < 0 or {n} is NaN"),
}

# name: (method, id, [(parameter, default, constraint)])
_DISTS = {
    "beta": (_CONT, 0, [("a", None, "pos"), ("b", None, "pos")]),
    "exponential": (_CONT, 1, [("scale", 1.0, "nonneg")]),
    "standard_gamma": (_CONT, 4, [("shape", None, "nonneg")]),
    "gamma": (_CONT, 5, [("shape", None, "nonneg"), ("scale", 1.0, "nonneg")]),
    "f": (_CONT, 6, [("dfnum", None, "pos"), ("dfden", None, "pos")]),
    "noncentral_f": (_CONT, 7, [("dfnum", None, "pos"), ("dfden", None, "pos"), ("nonc", None, "nonneg")]),
    "chisquare": (_CONT, 8, [("df", None, "pos")]),
    "noncentral_chisquare": (_CONT, 9, [("df", None, "pos"), ("nonc", None, "nonneg")]),
    "standard_cauchy": (_CONT, 10, []),
    "standard_t": (_CONT, 11, [("df", None, "pos")]),
    "vonmises": (_CONT, 12, [("mu", None, None), ("kappa", None, "nonneg")]),
    "pareto": (_CONT, 13, [("a", None, "pos")]),
    "weibull": (_CONT, 14, [("a", None, "nonneg")]),
    "power": (_CONT, 15, [("a", None, "pos")]),
    "laplace": (_CONT, 16, [("loc", 0.0, None), ("scale", 1.0, "nonneg")]),
    "gumbel": (_CONT, 17, [("loc", 0.0, None), ("scale", 1.0, "nonneg")]),
    "logistic": (_CONT, 18, [("loc", 0.0, None), ("scale", 1.0, "nonneg")]),
    "lognormal": (_CONT, 19, [("mean", 0.0, None), ("sigma", 1.0, "nonneg")]),
    "rayleigh": (_CONT, 20, [("scale", 1.0, "nonneg")]),
    "wald": (_CONT, 21, [("mean", None, "pos"), ("scale", None, "pos")]),
    "negative_binomial": (_DISC, 0, [("n", None, "pos_num"), ("p", None, "gt0_1")]),
    "poisson": (_DISC, 1, [("lam", 1.0, "poisson")]),
    "zipf": (_DISC, 2, [("a", None, "gt1")]),
    "geometric": (_DISC, 3, [("p", None, "gt0_1")]),
    "logseries": (_DISC, 4, [("p", None, "lt0_1")]),
}
# RandomState's own checks where they differ from Generator's
_LEGACY_CONS = {"negative_binomial": ["pos", "0_1"]}
# the legacy distributions NumPy draws with the same C functions as Generator
_LEGACY_EXACT = {"laplace", "gumbel", "logistic", "triangular", "uniform", "normal", "standard_normal"}


def _params(values, names, cons, size):
    """Parameters as float64 npt arrays, checked as NumPy checks them; the
    result's shape."""
    arrs, shapes = [], []
    for v, n, c in zip(values, names, cons):
        if isinstance(v, ndarray):
            a = v.astype(_np.float64)
            host = None if _tracing() else _np.asarray(a)
        else:
            host = _np.asarray(v, dtype=_np.float64)
            a = asarray(host)
        if c is not None and host is not None:
            bad, msg = _CONS[c](host, n)
            if bad:
                raise ValueError(msg)
        arrs.append(a)
        shapes.append(a.shape)
    bshape = _np.broadcast_shapes(*shapes) if shapes else ()
    if size is None:
        return arrs, bshape, not bshape
    shape = _shape(size)
    if _np.broadcast_shapes(shape, bshape) != shape:
        raise ValueError(f"shape mismatch: objects cannot be broadcast to a single shape.  Mismatch is "
                         f"between arg 0 with shape {shape} and arg 1 with shape {bshape}.")
    return arrs, shape, False


def _dist(bg, method, did, values, names, cons, size, dtype):
    arrs, shape, scalar = _params(values, names, cons, size)
    v = _draw(bg, method, did if isinstance(did, list) else [did], dtype, shape, arrs)
    return v.item() if scalar and not _tracing() else v


# RandomState's frozen algorithms (graph/random.cpp, Legacy): name ->
# (discrete, id); the parameters are Generator's (_DISTS)
_LEGACY_ALGORITHMS = {
    "standard_exponential": (0, 0), "exponential": (0, 1), "standard_gamma": (0, 2), "gamma": (0, 3), "beta": (0, 4),
    "chisquare": (0, 5), "f": (0, 6), "noncentral_chisquare": (0, 7), "noncentral_f": (0, 8), "standard_t": (0, 9),
    "lognormal": (0, 10), "pareto": (0, 11), "weibull": (0, 12), "power": (0, 13), "rayleigh": (0, 14),
    "wald": (0, 15), "standard_cauchy": (0, 16), "negative_binomial": (1, 0), "geometric": (1, 1),
}


def _make_dist(name, legacy=False):
    method, did, spec = _DISTS.get(name, (_CONT, None, []))
    dtype = "float64" if method == _CONT else "int64"
    cons = [s[2] for s in spec]
    if legacy:
        method, did = _LEGACY, list(_LEGACY_ALGORITHMS[name])
        cons = _LEGACY_CONS.get(name, cons)

    def f(self, *args, size=None, **kw):
        names = [s[0] for s in spec]
        vals = list(args[:len(spec)])
        if len(args) > len(spec):
            size = args[len(spec)]
        for n, d, _ in spec[len(vals):]:
            if n in kw:
                vals.append(kw.pop(n))
            elif d is not None:
                vals.append(d)
            else:
                raise TypeError(f"{name}() missing required argument '{n}'")
        if kw:
            raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kw))}'")
        return _dist(self._bit_generator, method, did, vals, names, cons, size, dtype)

    f.__name__ = name
    f.__doc__ = f"NumPy's ``{name}``."
    return f


_INT_BOUNDS = {t: (int(_np.iinfo(t).min), int(_np.iinfo(t).max)) for t in
               ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")}
_INT_BOUNDS["bool"] = (0, 1)


def _bounds_error(closed, low):
    if not _np.any(low):
        return f"high {'<' if closed else '<='} 0"
    return f"low {'>' if closed else '>='} high"


def _integers(bg, low, high, size, dtype, closed, masked):
    if high is None:
        low, high = 0, low
    dt = _np.dtype(dtype)
    if dt.name not in _INT_BOUNDS:
        raise TypeError(f"Unsupported dtype {dt!r} for integers")
    lb, ub = _INT_BOUNDS[dt.name]
    lo, hi = _np.asarray(low), _np.asarray(high)
    shape = _shape(size)
    if size is not None and 0 in shape:
        return asarray(_np.empty(shape, dt))
    if lo.ndim == 0 and hi.ndim == 0:
        lo, hi = int(lo), int(hi) - (0 if closed else 1)
        if lo < lb:
            raise ValueError(f"low is out of bounds for {dt.name}")
        if hi > ub:
            raise ValueError(f"high is out of bounds for {dt.name}")
        if lo > hi:
            raise ValueError(_bounds_error(closed, lo))
        bits = 8 * dt.itemsize
        v = _draw(bg, _BOUNDED, [_signed((lo) & ((1 << bits) - 1)), _signed((hi - lo) & ((1 << bits) - 1)),
                                 int(masked)], dt, shape)
        if size is None and not _tracing():
            return dt.type(v.item())
        return v
    lo_o, hi_o = lo.astype(object), hi.astype(object) - (0 if closed else 1)
    if _np.any(lo_o < lb):
        raise ValueError(f"low is out of bounds for {dt.name}")
    if _np.any(hi_o > ub):
        raise ValueError(f"high is out of bounds for {dt.name}")
    if _np.any(lo_o > hi_o):
        raise ValueError(_bounds_error(closed, lo))
    bshape = _np.broadcast_shapes(lo.shape, hi.shape)
    out_shape = bshape if size is None else shape
    mask = (1 << 64) - 1
    off = _np.vectorize(lambda x: _signed(int(x) & mask), otypes=[_np.int64])(lo_o)
    rng = _np.vectorize(lambda x: _signed(int(x) & mask), otypes=[_np.int64])(hi_o - lo_o)
    return _draw(bg, _BOUNDED_ARRAY, [int(masked)], dt, out_shape, [asarray(off), asarray(rng)])


def _signed(u):
    return u - (1 << 64) if u >= 1 << 63 else u


def _permutation_index(bg, n, variant=0, lanes=1, first=1):
    shape = (n,) if lanes == 1 else (lanes, n)
    return _draw(bg, _PERM, [n, first, variant], "int64", shape)


def _shuffled(bg, x, axis=0):
    """x with its `axis` permuted as NumPy's shuffle would permute it."""
    a = asarray(x)
    if a.ndim == 0:
        raise TypeError("len() of unsized object")
    axis = operator.index(axis)
    if not -a.ndim <= axis < a.ndim:
        from numpy.exceptions import AxisError
        raise AxisError(axis, a.ndim)
    idx = _permutation_index(bg, a.shape[axis])
    return a.take(idx, axis=axis)


def _write(x, v):
    if isinstance(x, _np.ndarray):
        x[...] = _np.asarray(v)
    elif isinstance(x, ndarray):
        x[...] = v
    elif isinstance(x, list):
        x[:] = [x[i] for i in _np.asarray(v).tolist()]
    else:
        raise TypeError("x must be an array or a mutable sequence")


def _choice(bg, a, size, replace, p, axis, random, integers, permutation, generator, shuffle=True):
    a_orig = a
    pop_from_int = False
    if isinstance(a, ndarray):
        arr = a
    else:
        arr = _np.asarray(a)
    if arr.ndim == 0:
        try:
            pop = operator.index(arr.item())
        except TypeError:
            raise ValueError(f"a must be a sequence or an integer, not {type(a_orig)}") from None
        pop_from_int = True
        if pop <= 0 and _np.prod(_shape(size)) != 0:
            raise ValueError("a must be a positive integer unless no samples are taken" if generator
                             else "a must be greater than 0 unless no samples are taken")
    else:
        if not generator and arr.ndim != 1:
            raise ValueError("a must be 1-dimensional")
        pop = arr.shape[axis]
        if pop == 0 and _np.prod(_shape(size)) != 0:
            raise ValueError("a cannot be empty unless no samples are taken" if generator
                             else "'a' cannot be empty unless no samples are taken")
    if p is not None:
        p = _np.asarray(p, dtype=_np.float64)
        if p.ndim != 1:
            raise ValueError("p must be 1-dimensional" if generator else "'p' must be 1-dimensional")
        if p.size != pop:
            raise ValueError("a and p must have same size" if generator else "'a' and 'p' must have same size")
        atol = _np.sqrt(_np.finfo(_np.float64).eps)
        s = _np.sum(p)
        if _np.isnan(s):
            raise ValueError("Probabilities contain NaN" if generator else "probabilities contain NaN")
        if _np.any(p < 0):
            raise ValueError("Probabilities are not non-negative" if generator else "probabilities are not non-negative")
        if abs(s - 1.0) > atol:
            raise ValueError("Probabilities do not sum to 1. See Notes section of docstring for more information."
                             if generator else "probabilities do not sum to 1")
    shape = _shape(size)
    count = int(_np.prod(shape)) if size is not None else 1
    if replace:
        if p is not None:
            cdf = _np.cumsum(p)
            cdf /= cdf[-1]
            u = random(shape)
            idx = asarray(cdf).searchsorted(asarray(u), side="right")
        else:
            idx = integers(0, pop, shape)
    else:
        if count > pop:
            raise ValueError("Cannot take a larger sample than population when replace is False" if generator
                             else "Cannot take a larger sample than population when 'replace=False'")
        if p is not None:
            idx = _choice_weighted_unique(p, count, shape, random, generator)
        elif generator:
            if pop > 10000 and count > pop // (50 if shuffle else 20):
                full = _draw(bg, _PERM, [pop, max(pop - count, 1), 1], "int64", (pop,))
                idx = full[pop - count:].reshape(shape)
            else:
                idx = _draw(bg, _FLOYD, [pop, count, int(shuffle)], "int64", (count,)).reshape(shape)
        else:
            idx = permutation(pop)[:count].reshape(shape)
    if pop_from_int:
        return idx.item() if size is None and not _tracing() else idx
    src = arr if isinstance(arr, ndarray) else asarray(arr)
    out = src.take(idx, axis=axis)
    return out.item() if size is None and not _tracing() and out.ndim == 0 else out


def _multivariate_normal(standard_normal, mean, cov, size, check_valid, tol, method, legacy):
    """mean + z F^T, z standard normal draws and F a factor of cov (F F^T =
    cov) that NumPy's own linalg computes on the host, as NumPy's
    multivariate_normal does, so the numbers are NumPy's (the legacy form
    multiplies by sqrt(s) Vh)."""
    import warnings
    if method not in ("svd", "eigh", "cholesky"):
        raise ValueError("method must be one of {'eigh', 'svd', 'cholesky'}")
    mean = _np.asarray(mean, dtype=_np.float64)
    cov = _np.asarray(cov, dtype=_np.float64)
    if mean.ndim != 1:
        raise ValueError("mean must be 1 dimensional")
    if cov.ndim != 2 or cov.shape[0] != cov.shape[1]:
        raise ValueError("cov must be 2 dimensional and square")
    if mean.shape[0] != cov.shape[0]:
        raise ValueError("mean and cov must have same length")
    shape = _shape(size) + mean.shape
    z = standard_normal(shape).reshape(-1, mean.shape[0])
    if method == "cholesky":
        factor = _np.linalg.cholesky(cov)
    else:
        if check_valid not in ("warn", "raise", "ignore"):
            raise ValueError("check_valid must equal 'warn', 'raise', or 'ignore'")
        if method == "svd":
            u, sv, vh = _np.linalg.svd(cov)
            psd = _np.allclose(_np.dot(vh.T * sv, vh), cov, rtol=tol, atol=tol)
        else:
            sv, u = _np.linalg.eigh(cov)
            psd = not _np.any(sv < -tol)
            sv = _np.maximum(sv, 0)
        if not psd and check_valid != "ignore":
            if check_valid == "warn":
                warnings.warn("covariance is not symmetric positive-semidefinite.", RuntimeWarning, stacklevel=3)
            else:
                raise ValueError("covariance is not symmetric positive-semidefinite.")
        factor = (_np.sqrt(sv)[:, None] * vh).T if legacy else u * _np.sqrt(sv)
    return (asarray(mean) + z @ asarray(factor.T)).reshape(shape)


def _choice_weighted_unique(p, count, shape, random, generator):
    """choice(replace=False, p=p): NumPy's rounds of weighted draws, each
    keeping the first occurrence of the indices not yet found, until `count`
    are (the loop needs the values: it runs on the host, as NumPy's does)."""
    if _np.count_nonzero(p > 0) < count:
        raise ValueError("Fewer non-zero entries in p than size")
    p = p.copy()
    found = _np.zeros(count, dtype=_np.int64)
    n = 0
    while n < count:
        x = _np.asarray(random((count - n,)))
        if n > 0:
            p[found[:n]] = 0
        cdf = _np.cumsum(p)
        cdf /= cdf[-1]
        new = cdf.searchsorted(x, side="right")
        _, first = _np.unique(new, return_index=True)
        first.sort()
        new = new.take(first)
        found[n:n + new.size] = new
        n += new.size
    return asarray(found.reshape(shape))


# ---- Generator ---------------------------------------------------------------

class Generator:
    """NumPy's Generator over an npt bit generator (PCG64 from default_rng)."""

    def __init__(self, bit_generator):
        if not isinstance(bit_generator, BitGenerator):
            raise TypeError("Generator needs an npt.random bit generator (PCG64, MT19937)")
        self._bit_generator = bit_generator

    @property
    def bit_generator(self):
        return self._bit_generator

    def __repr__(self):
        return f"Generator({type(self._bit_generator).__name__}) at 0x{id(self):X}"

    def spawn(self, n_children):
        return [Generator(b) for b in self._bit_generator.spawn(n_children)]

    def random(self, size=None, dtype=_np.float64, out=None):
        d = _float_dtype(dtype, "random")
        return _out(_scalar_or(_draw(self._bit_generator, _UNIFORM, [], d, _shape(size)), size), out)

    def standard_normal(self, size=None, dtype=_np.float64, out=None):
        d = _float_dtype(dtype, "standard_normal")
        return _out(_scalar_or(_draw(self._bit_generator, _NORMAL, [], d, _shape(size)), size), out)

    def standard_exponential(self, size=None, dtype=_np.float64, method="zig", out=None):
        d = _float_dtype(dtype, "standard_exponential")
        if method not in ("zig", "inv"):
            raise ValueError("method must be either 'inv' or 'zig'")
        v = _draw(self._bit_generator, _EXP, [int(method == "inv")], d, _shape(size))
        return _out(_scalar_or(v, size), out)

    def normal(self, loc=0.0, scale=1.0, size=None):
        return _dist(self._bit_generator, _CONT, 3, [loc, scale], ["", "scale"], [None, "nonneg"], size,
                     "float64")

    def uniform(self, low=0.0, high=1.0, size=None):
        lo = low if isinstance(low, ndarray) else _np.asarray(low, dtype=_np.float64)
        hi = high if isinstance(high, ndarray) else _np.asarray(high, dtype=_np.float64)
        rng = hi - lo
        if not isinstance(rng, ndarray) and not _np.all(_np.isfinite(rng)):
            raise OverflowError("Range exceeds valid bounds")
        return _dist(self._bit_generator, _CONT, 2, [lo, rng], ["", "high - low"], [None, "nonneg"], size,
                     "float64")

    def triangular(self, left, mode, right, size=None):
        l, m, r = (_np.asarray(v, dtype=_np.float64) for v in (left, mode, right))
        if _np.any(l > m):
            raise ValueError("left > mode")
        if _np.any(m > r):
            raise ValueError("mode > right")
        if _np.any(l == r):
            raise ValueError("left == right")
        return _dist(self._bit_generator, _CONT, 22, [l, m, r], ["", "", ""], [None] * 3, size, "float64")

    def binomial(self, n, p, size=None):
        nn = _np.asarray(n)
        if nn.dtype.kind in "fc" and _np.any(_np.isnan(nn)):
            raise ValueError("cannot convert float NaN to integer")  # (n is taken as an integer first)
        pp = p if isinstance(p, ndarray) else _np.asarray(p, dtype=_np.float64)
        if not isinstance(pp, ndarray):
            bad, msg = _CONS["0_1"](pp, "p")
            if bad:
                raise ValueError(msg)
        if _np.any(nn < 0):
            raise ValueError("n < 0")
        return _dist(self._bit_generator, _DISC, 5, [_np.floor(nn.astype(float)), pp], ["n", "p"],
                     [None, "0_1"], size, "int64")

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        g, b, s = (_np.asarray(v).astype(_np.int64) for v in (ngood, nbad, nsample))
        for v, nm in ((g, "ngood"), (b, "nbad"), (s, "nsample")):
            if _np.any(v < 0):
                raise ValueError(f"{nm} < 0")
        if _np.any(g + b < s):
            raise ValueError("ngood + nbad < nsample")
        if _np.any(g + b >= 1000000000):
            raise ValueError("both ngood and nbad must be less than 1000000000")
        return _dist(self._bit_generator, _DISC, 6, [g, b, s], ["", "", ""], [None] * 3, size, "int64")

    def integers(self, low, high=None, size=None, dtype=_np.int64, endpoint=False):
        return _integers(self._bit_generator, low, high, size, dtype, endpoint, False)

    def bytes(self, length):
        n = (operator.index(length) + 3) // 4
        v = _integers(self._bit_generator, 0, 4294967296, (n,), _np.uint32, False, False)
        return _np.asarray(v).astype("<u4", copy=False).tobytes()[:length]

    def permutation(self, x, axis=0):
        if isinstance(x, (int, _np.integer)):
            return _permutation_index(self._bit_generator, operator.index(x))
        return _shuffled(self._bit_generator, x, axis)

    def shuffle(self, x, axis=0):
        _write(x, _shuffled(self._bit_generator, x, axis) if not isinstance(x, list)
               else _permutation_index(self._bit_generator, len(x)))

    def permuted(self, x, *, axis=None, out=None):
        a = asarray(x)
        if axis is None:
            flat = a.reshape(-1)
            r = flat.take(_permutation_index(self._bit_generator, flat.size)).reshape(a.shape)
        else:
            from ._manipulation import moveaxis
            from ._writes import take_along_axis
            m = moveaxis(a, axis, -1)
            lanes = m.size // m.shape[-1] if m.shape[-1] else 0
            idx = _permutation_index(self._bit_generator, m.shape[-1], 0, lanes).reshape(m.shape)
            r = moveaxis(take_along_axis(m, idx, axis=-1), -1, axis)
        return _out(r, out)

    def choice(self, a, size=None, replace=True, p=None, axis=0, shuffle=True):
        return _choice(self._bit_generator, a, size, replace, p, axis, self.random,
                       lambda lo, hi, sh: self.integers(lo, hi, sh), self.permutation, True, bool(shuffle))

    def dirichlet(self, alpha, size=None):
        al = _np.asarray(alpha, dtype=_np.float64)
        if al.ndim != 1:
            raise ValueError("alpha must be a one-dimensional sequence of floats")
        if _np.any(al < 0) or _np.any(_np.isnan(al)):
            raise ValueError("alpha < 0")
        shape = _shape(size) + al.shape
        k = al.shape[0]
        if k == 1 and al[0] < 0.1:
            from ._creation import ones
            return ones(shape)  # (the stick has no break: no draws)
        if k and al.max() < 0.1:
            # small alphas: the gammas would underflow to 0, so break a stick
            # (NumPy's method): x_j = v_j prod_{l<j} (1 - v_l), v_j ~ Beta(a_j, sum(a_{j+1:}))
            from ._manipulation import concatenate
            from ._sorting import cumprod
            rest = _np.cumsum(al[::-1])[::-1][1:]
            v = self.beta(_np.broadcast_to(al[:-1], shape[:-1] + (k - 1,)),
                          _np.broadcast_to(rest, shape[:-1] + (k - 1,)), size=shape[:-1] + (k - 1,))
            acc = cumprod(1.0 - v, axis=-1)
            return concatenate([v[..., :1], acc[..., :-1] * v[..., 1:], acc[..., -1:]], axis=-1)
        g = self.standard_gamma(_np.broadcast_to(al, shape), size=shape)
        return g * (1.0 / g.sum(axis=-1, keepdims=True))  # (NumPy's rounding: times the reciprocal)

    def multinomial(self, n, pvals, size=None):
        pv = _np.asarray(pvals, dtype=_np.float64)
        if pv.ndim < 1 or pv.shape[-1] == 0:
            raise ValueError("pvals must have at least 1 dimension and the last dimension of pvals must be "
                             "greater than 0.")
        if not _np.all((pv >= 0) & (pv <= 1)):
            raise ValueError("pvals < 0, pvals > 1 or pvals contains NaNs")
        if _np.any(_np.sum(pv[..., :-1], axis=-1) > 1.0 + 1e-12):
            raise ValueError(f"sum(pvals{'[:-1]' if pv.ndim == 1 else '[...,:-1]'}) > 1.0")
        nn = _np.asarray(n, dtype=_np.int64)
        if _np.any(nn < 0):
            raise ValueError("n < 0")
        d = pv.shape[-1]
        rows = _np.broadcast_shapes(nn.shape, pv.shape[:-1])
        if size is not None:
            want = _shape(size)
            for k, sh in ((0, nn.shape), (1, pv.shape[:-1])):
                try:
                    fits = _np.broadcast_shapes(want, sh) == want
                except ValueError:
                    fits = False
                if not fits:
                    raise ValueError(f"shape mismatch: objects cannot be broadcast to a single shape.  Mismatch "
                                     f"is between arg {k} with shape {sh} and arg 2 with shape {want}.")
            rows = want
        ns = asarray(_np.ascontiguousarray(_np.broadcast_to(nn, rows)))
        ps = asarray(_np.ascontiguousarray(_np.broadcast_to(pv, rows + (d,))))
        return _draw(self._bit_generator, _MULTINOMIAL, [], "int64", rows + (d,), [ns, ps])

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8, *, method="svd"):
        return _multivariate_normal(self.standard_normal, mean, cov, size, check_valid, tol, method, False)

    def multivariate_hypergeometric(self, colors, nsample, size=None, method="marginals"):
        if method not in ("count", "marginals"):
            raise ValueError('method must be "count" or "marginals".')
        c = _np.asarray(colors)
        if c.ndim != 1 or (c.size and not _np.issubdtype(c.dtype, _np.integer)) or _np.any(c < 0):
            raise ValueError("colors must be a one-dimensional sequence of nonnegative integers not exceeding "
                             f"{_np.iinfo(_np.intp).max}.")
        c = c.astype(_np.int64)
        nsample = operator.index(nsample)
        if nsample < 0:
            raise ValueError("nsample must be nonnegative.")
        total = int(c.sum())
        if method == "count" and total > 1000000000:
            raise ValueError("When method is 'count', sum(colors) must not exceed 1000000000")
        if nsample > total:
            raise ValueError("nsample > sum(colors)")
        shape = _shape(size) + (c.size,)
        return _draw(self._bit_generator, _MVHYPER, [int(method == "marginals"), nsample, total], "int64", shape,
                     [asarray(c)])


def _out(v, out):
    if out is None:
        return v
    _write(out, v)
    return out


for _n in _DISTS:
    setattr(Generator, _n, _make_dist(_n))


def default_rng(seed=None):
    """A Generator over PCG64, seeded as NumPy's default_rng(seed)."""
    if isinstance(seed, Generator):
        return seed
    if isinstance(seed, BitGenerator):
        return Generator(seed)
    return Generator(PCG64(seed))


# ---- RandomState (the legacy API) --------------------------------------------

class RandomState:
    """NumPy's legacy RandomState over MT19937 (the module-level functions)."""

    def __init__(self, seed=None):
        if isinstance(seed, BitGenerator):
            if not isinstance(seed, MT19937):
                raise NotImplementedError("npt.random: RandomState draws from an MT19937 only")
            self._bit_generator = seed
            return
        self._bit_generator = MT19937.__new__(MT19937)
        self._bit_generator._seed_seq = None
        self.seed(seed)

    def seed(self, seed=None):
        self._bit_generator._legacy_seeding(seed)

    def get_state(self, legacy=True):
        w = _np.asarray(self._bit_generator._words)
        st = MT19937._state_of(w)
        has_gauss, gauss = int(w[313]), float(w[314:315].view(_np.float64)[0])
        if legacy:
            return ("MT19937", st["state"]["key"], st["state"]["pos"], has_gauss, gauss)
        st["has_gauss"], st["gauss"] = has_gauss, gauss
        return st

    def set_state(self, state):
        if isinstance(state, dict):
            if state.get("bit_generator") != "MT19937" or "state" not in state:
                raise ValueError("state dictionary is not valid.")
            st, hg, g = state, state.get("has_gauss", 0), state.get("gauss", 0.0)
        else:
            if not isinstance(state, (tuple, list)) or state[0] != "MT19937":
                raise ValueError("set_state can only be used with legacy MT19937 state instances.")
            st = {"state": {"key": state[1], "pos": state[2]}}
            hg, g = (state[3], state[4]) if len(state) > 3 else (0, 0.0)
        self._bit_generator._set_words(MT19937._words_of(st, hg, g))

    def random_sample(self, size=None):
        return _scalar_or(_draw(self._bit_generator, _UNIFORM, [], "float64", _shape(size)), size)

    random = ranf = sample = random_sample

    def rand(self, *args):
        return self.random_sample(None if not args else args)

    def standard_normal(self, size=None):
        return _scalar_or(_draw(self._bit_generator, _GAUSS, [], "float64", _shape(size)), size)

    def randn(self, *args):
        return self.standard_normal(None if not args else args)

    def normal(self, loc=0.0, scale=1.0, size=None):
        arrs, shape, scalar = _params([loc, scale], ["", "scale"], [None, "nonneg"], size)
        v = _draw(self._bit_generator, _GAUSS, [], "float64", shape, arrs)
        return v.item() if scalar and not _tracing() else v

    def uniform(self, low=0.0, high=1.0, size=None):
        lo = _np.asarray(low, dtype=_np.float64)
        hi = _np.asarray(high, dtype=_np.float64)
        rng = hi - lo
        if not _np.all(_np.isfinite(rng)):
            raise OverflowError("Range exceeds valid bounds")
        return _dist(self._bit_generator, _CONT, 2, [lo, rng], ["", ""], [None, None], size, "float64")

    def randint(self, low, high=None, size=None, dtype=int):
        return _integers(self._bit_generator, low, high, size, dtype, False, True)

    def random_integers(self, low, high=None, size=None):
        if high is None:
            low, high = 1, low
        return _integers(self._bit_generator, low, high, size, _np.int64, True, True)

    def bytes(self, length):
        n = (operator.index(length) + 3) // 4
        v = _integers(self._bit_generator, 0, 4294967296, (n,), _np.uint32, False, True)
        return _np.asarray(v).astype("<u4", copy=False).tobytes()[:length]

    def permutation(self, x):
        if isinstance(x, (int, _np.integer)):
            return _permutation_index(self._bit_generator, operator.index(x))
        return _shuffled(self._bit_generator, x, 0)

    def shuffle(self, x):
        _write(x, _shuffled(self._bit_generator, x, 0) if not isinstance(x, list)
               else _permutation_index(self._bit_generator, len(x)))

    def choice(self, a, size=None, replace=True, p=None):
        return _choice(self._bit_generator, a, size, replace, p, 0, self.random_sample,
                       lambda lo, hi, sh: self.randint(lo, hi, sh), self.permutation, False)

    def multivariate_normal(self, mean, cov, size=None, check_valid="warn", tol=1e-8):
        return _multivariate_normal(self.standard_normal, mean, cov, size, check_valid, tol, "svd", True)

    def dirichlet(self, alpha, size=None):
        al = _np.asarray(alpha, dtype=_np.float64)
        if al.ndim != 1:
            raise ValueError("object of too small depth for desired array")
        if _np.any(al <= 0) or _np.any(_np.isnan(al)):
            raise ValueError("alpha <= 0")
        shape = _shape(size) + al.shape
        g = self.standard_gamma(_np.broadcast_to(al, shape), size=shape)
        return g * (1.0 / g.sum(axis=-1, keepdims=True))

    def hypergeometric(self, ngood, nbad, nsample, size=None):
        g, b, s = (_np.asarray(v).astype(_np.int64) for v in (ngood, nbad, nsample))
        for v, nm in ((g, "ngood"), (b, "nbad")):
            if _np.any(v < 0):
                raise ValueError(f"{nm} < 0")
        if _np.any(s < 1):
            raise ValueError("nsample < 1 or nsample is NaN")
        if _np.any(g + b < s):
            raise ValueError("ngood + nbad < nsample")
        return _dist(self._bit_generator, _LEGACY, [1, 2], [g, b, s], ["", "", ""], [None] * 3, size, "int64")

    def tomaxint(self, size=None):
        return self.randint(0, _np.iinfo(_np.int64).max, size)


# The legacy distributions: NumPy's frozen algorithms where NumPy keeps them
# (_LEGACY_ALGORITHMS), else the same C functions as Generator's.
for _n in _DISTS:
    setattr(RandomState, _n, _make_dist(_n, legacy=_n in _LEGACY_ALGORITHMS))
RandomState.standard_exponential = _make_dist("standard_exponential", legacy=True)
for _n in ("triangular", "binomial", "multinomial"):
    setattr(RandomState, _n, getattr(Generator, _n))

_global = RandomState()


def get_bit_generator():
    """The bit generator behind the module-level functions (an MT19937)."""
    return _global._bit_generator


def set_bit_generator(bitgen):
    """The module-level functions draw from `bitgen` from now on."""
    if not isinstance(bitgen, MT19937):
        raise NotImplementedError("npt.random: the legacy functions draw from an MT19937 only")
    _global._bit_generator = bitgen
_LEGACY_FUNCTIONS = [
    "seed", "get_state", "set_state", "rand", "randn", "randint", "random_integers", "random", "random_sample",
    "ranf", "sample", "choice", "bytes", "shuffle", "permutation", "normal", "standard_normal", "uniform",
    "beta", "binomial", "chisquare", "dirichlet", "exponential", "f", "gamma", "geometric", "gumbel",
    "hypergeometric", "laplace", "logistic", "lognormal", "logseries", "multinomial", "multivariate_normal",
    "negative_binomial", "noncentral_chisquare", "noncentral_f", "pareto", "poisson", "power", "rayleigh",
    "standard_cauchy", "standard_exponential", "standard_gamma", "standard_t", "triangular", "vonmises",
    "wald", "weibull", "zipf"]
for _n in _LEGACY_FUNCTIONS:
    globals()[_n] = getattr(_global, _n)
__all__ += _LEGACY_FUNCTIONS
del _n
