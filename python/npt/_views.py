"""Views and writes (DESIGN.md, "Mutation and views").

Nodes are immutable; an ndarray that owns its data is a *base* whose `_h`
is the current version of its buffer. A view records its base and the chain
of movement steps (op, shape, ints) that derive it from the base. A write
through any array records a new version of the region (an `update` node),
carries it back up the chain to the base (each step's write-back rule), and
re-derives every live view of that base from the new version, so the base
and all its views see the write at once, as in NumPy.
"""
import weakref

import numpy

from . import _npt


class ViewOf:
    """What makes an ndarray a view: its base, the steps from it, writeability."""
    __slots__ = ("base", "chain", "writeable")

    def __init__(self, base, chain, writeable):
        self.base, self.chain, self.writeable = base, chain, writeable


def owner(a):
    """The array that owns a's data (a itself when it is no view)."""
    v = a._v
    return a if v is None or v.base is None else v.base


def _apply(step, h):
    op, shape, ints = step
    return _npt.apply(op, [h], shape=list(shape), ints=list(ints))


def _derive(h, chain):
    """The node a view with these steps reads from its base's version h."""
    for step in chain:
        h = _apply(step, h)
    return h


def _writeable(a):
    return a._v is None or a._v.writeable


def make_view(a, op=None, shape=(), ints=()):
    """A view of `a` through one step (a movement op, or real/imag; None:
    the same elements)."""
    return make_view_of(a, () if op is None else ((op, tuple(shape), tuple(ints)),))


def make_view_of(a, steps):
    """A view of `a` through these steps, (op, shape, ints) each."""
    from ._array import ndarray
    v = a._v
    base = owner(a)
    chain = () if v is None else v.chain
    h = a._h
    for step in steps:
        h = _apply(step, h)
    r = ndarray(h)
    r._v = ViewOf(base, chain + tuple(steps), _writeable(a))
    views = base._views
    if views is None:
        views = base._views = []
    views.append(weakref.ref(r))
    if len(views) >= 64 and len(views) & (len(views) - 1) == 0:
        # a read loop makes views without writing: drop the dead ones now and
        # then (at each power of two), so the list stays bounded
        views[:] = [ref for ref in views if ref() is not None]
    return r


def _write_back(step, parent, child_new):
    """The parent's new version, given the new version of its view `child_new`
    (the registry's write-back rule of the step's op)."""
    op, shape, ints = step
    return _npt.write_back(op, parent, child_new, list(shape), list(ints))


def write(a, new):
    """Make `new` (a handle of a's shape and dtype) the value of `a`, seen by
    a's base and every view of it."""
    v = a._v
    base = owner(a)
    if base is not a:
        parents = [base._h]
        for step in v.chain[:-1]:
            parents.append(_apply(step, parents[-1]))  # each step's input, for its write-back
        for step, parent in zip(reversed(v.chain), reversed(parents)):
            new = _write_back(step, parent, new)
    if _npt.is_shared(base._h):
        # memory shared with another library: written in place, where the
        # other library sees it (as a NumPy array's writes)
        _npt.write_into(base._h, new)
        new = base._h
    base._h = new
    if base._views:
        alive = []
        for ref in base._views:
            w = ref()
            if w is None:
                continue
            w._h = _derive(new, w._v.chain)
            alive.append(ref)
        base._views = alive


def check_writeable(a):
    if not _writeable(a):
        raise ValueError("assignment destination is read-only")


def _c_strides(shape):
    strides, n = [], 1
    for d in reversed(shape):
        strides.append(n)
        n *= d
    return tuple(reversed(strides))


# real and imag reinterpret a complex element as two reals: the view's
# offset and strides, in its own (half-size) elements, are twice the input's
# (plus one for the imaginary part). The other steps follow the registry's
# view rules.
_PARTS = {"real": 0, "imag": 1}


def layout(a):
    """(offset, strides) of `a` in its own elements, in its base's C-contiguous buffer."""
    v = a._v
    if owner(a) is a:
        return 0, _c_strides(a.shape)
    shape = v.base.shape
    off, st = 0, _c_strides(shape)
    for op, sh, ints in v.chain:
        if op in _PARTS:
            off, st = 2 * off + _PARTS[op], tuple(2 * s for s in st)
            continue
        r = _npt.view_layout(op, list(shape), off, list(st), list(sh), list(ints))
        if r is None:
            return None  # (a chain only holds steps that are views)
        off, st = r
        shape = tuple(sh) if op != "permute" else tuple(shape[k] for k in ints)
    return off, tuple(st)


def reshape_is_view(a, shape):
    """Whether NumPy's reshape of a to shape is a view (the registry's rule)."""
    if owner(a) is a:
        return True
    off, st = layout(a)
    return _npt.view_layout("reshape", list(a.shape), off, list(st), list(shape), []) is not None


def _contiguous(shape, strides):
    if 0 in shape:
        return True  # an empty array is C- and F-contiguous (NumPy's flags)
    expect = 1
    for d, s in zip(reversed(shape), reversed(strides)):
        if d != 1 and s != expect:
            return False
        expect *= d
    return True


class flagsobj:
    """ndarray.flags: the layout npt's view chain gives (as NumPy's strides would)."""
    __slots__ = ("_a",)

    def __init__(self, a):
        self._a = a

    @property
    def c_contiguous(self):
        return _contiguous(self._a.shape, layout(self._a)[1])

    @property
    def f_contiguous(self):
        return _contiguous(self._a.shape[::-1], layout(self._a)[1][::-1])

    @property
    def owndata(self):
        return owner(self._a) is self._a

    @property
    def writeable(self):
        return _writeable(self._a)

    @writeable.setter
    def writeable(self, value):
        a = self._a
        base = owner(a)
        if value and base is not a and not base.flags.writeable:
            raise ValueError("cannot set WRITEABLE flag to True of this array")
        if a._v is None:  # an owner made read-only: a ViewOf with no base
            a._v = None if value else ViewOf(None, (), False)
        else:
            a._v.writeable = bool(value)

    def __getitem__(self, key):
        names = {"C_CONTIGUOUS": "c_contiguous", "C": "c_contiguous", "F_CONTIGUOUS": "f_contiguous",
                 "F": "f_contiguous", "OWNDATA": "owndata", "O": "owndata", "WRITEABLE": "writeable",
                 "W": "writeable"}
        if key not in names:
            raise KeyError("Unknown flag")
        return getattr(self, names[key])

    def __repr__(self):
        return "\n".join(f"  {k.upper()} : {getattr(self, k)}"
                         for k in ("c_contiguous", "f_contiguous", "owndata", "writeable"))


def _fake(a):
    """A NumPy array with a's layout at a made-up address (never read): lets
    NumPy's own overlap solver answer for npt's views."""
    off, st = layout(a)
    item = a.dtype.itemsize

    class Interface:
        __array_interface__ = {"shape": a.shape, "typestr": a.dtype.str, "version": 3,
                               "data": ((1 << 40) + off * item, True),
                               "strides": tuple(s * item for s in st)}
    return numpy.asarray(Interface())


def _overlap(test, a, b, max_work):
    from ._array import ndarray
    if not (isinstance(a, ndarray) and isinstance(b, ndarray)):
        return False if isinstance(a, ndarray) or isinstance(b, ndarray) else test(a, b, max_work)
    if owner(a) is not owner(b):
        return False
    return test(_fake(a), _fake(b), max_work)


def shares_memory(a, b, /, max_work=-1):
    """numpy.shares_memory: whether a and b (views of one base) have an element in common."""
    return _overlap(numpy.shares_memory, a, b, max_work)


def may_share_memory(a, b, /, max_work=0):
    """numpy.may_share_memory: whether a and b's memory bounds overlap."""
    return _overlap(numpy.may_share_memory, a, b, max_work)
