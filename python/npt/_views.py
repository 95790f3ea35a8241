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
    """A view of `a` through one movement step (None: the same elements)."""
    from ._array import ndarray
    v = a._v
    base = owner(a)
    chain = () if v is None else v.chain
    if op is not None:
        step = (op, tuple(shape), tuple(ints))
        r = ndarray(_apply(step, a._h))
        chain = chain + (step,)
    else:
        r = ndarray(a._h)
    r._v = ViewOf(base, chain, _writeable(a))
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
    """The parent's new version, given the new version of its view `child_new`."""
    op, shape, ints = step
    if op == "slice":
        return _npt.apply("update", [parent, child_new], shape=list(shape), ints=list(ints))
    if op == "reshape":
        return _npt.apply("reshape", [child_new], shape=list(parent.shape))
    if op == "permute":
        inv = [0] * len(ints)
        for i, axis in enumerate(ints):
            inv[axis] = i
        return _npt.apply("permute", [child_new], ints=inv)
    raise AssertionError(f"npt: no write-back rule for view step {op}")


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


def _nocopy_reshape(shape, strides, new):
    """Strides (in elements) of `new` over the same memory, or None where a
    reshape must copy (NumPy's rule: merge or split runs of dims that are
    contiguous with each other)."""
    old = [(d, s) for d, s in zip(shape, strides) if d != 1]
    if 0 in shape:
        return _c_strides(new)
    out, i, j = [], 0, 0
    new_ne1 = [d for d in new if d != 1]
    res = []
    while i < len(old) and j < len(new_ne1):
        np_, op_ = new_ne1[j], old[i][0]
        i1, j1 = i + 1, j + 1
        while np_ != op_:
            if np_ < op_:
                np_ *= new_ne1[j1]
                j1 += 1
            else:
                op_ *= old[i1][0]
                i1 += 1
        for k in range(i, i1 - 1):
            if old[k][1] != old[k + 1][0] * old[k + 1][1]:
                return None
        st = old[i1 - 1][1]
        group = []
        for k in range(j1 - 1, j - 1, -1):
            group.append(st)
            st *= new_ne1[k]
        res.extend(reversed(group))
        i, j = i1, j1
    it = iter(res)
    for d in new:
        out.append(1 if d == 1 else next(it))
    return tuple(out)


def layout(a):
    """(offset, strides) of `a` in elements of its base's C-contiguous buffer."""
    v = a._v
    if owner(a) is a:
        return 0, _c_strides(a.shape)
    shape = v.base.shape
    off, st = 0, _c_strides(shape)
    for op, sh, ints in v.chain:
        if op == "slice":
            off += sum(ints[2 * d] * st[d] for d in range(len(st)))
            st = tuple(st[d] * ints[2 * d + 1] for d in range(len(st)))
        elif op == "permute":
            st = tuple(st[k] for k in ints)
        elif op == "reshape":
            st = _nocopy_reshape(shape, st, sh)
        elif op == "broadcast_to":  # new leading dims and stretched length-1 dims read one element
            lead = len(sh) - len(shape)
            st = (0,) * lead + tuple(0 if n == 1 and m != 1 else s
                                     for n, m, s in zip(shape, sh[lead:], st))
        shape = sh if op != "permute" else tuple(shape[k] for k in ints)
    return off, st


def reshape_is_view(a, shape):
    if owner(a) is a:
        return True
    _, st = layout(a)
    return _nocopy_reshape(a.shape, st, tuple(shape)) is not None


def _contiguous(shape, strides):
    expect = 1
    for d, s in zip(reversed(shape), reversed(strides)):
        if d == 0:
            return True
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
