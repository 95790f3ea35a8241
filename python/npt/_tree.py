"""Pytrees: nested tuples, lists and dicts of leaves (arrays, scalars)."""


class TreeDef:
    """The structure of a pytree without its leaves; hashable, comparable."""

    __slots__ = ("kind", "meta", "children")

    def __init__(self, kind, meta, children):
        self.kind, self.meta, self.children = kind, meta, children

    def _key(self):
        return (self.kind, self.meta, tuple(c._key() for c in self.children))

    def __eq__(self, other):
        return isinstance(other, TreeDef) and self._key() == other._key()

    def __hash__(self):
        return hash(self._key())

    def __repr__(self):
        return f"TreeDef{self._key()}"


_LEAF = TreeDef("leaf", None, ())


def tree_flatten(tree):
    """(leaves, treedef) of a pytree; None is an empty subtree."""
    leaves = []

    def walk(t):
        if isinstance(t, (tuple, list)):
            kind = "tuple" if isinstance(t, tuple) else "list"
            return TreeDef(kind, len(t), tuple(walk(c) for c in t))
        if isinstance(t, dict):
            keys = tuple(sorted(t))
            return TreeDef("dict", keys, tuple(walk(t[k]) for k in keys))
        if t is None:
            return TreeDef("none", None, ())
        leaves.append(t)
        return _LEAF

    return leaves, walk(tree)


def tree_unflatten(treedef, leaves):
    """The pytree of `treedef` with `leaves` in order."""
    it = iter(leaves)

    def build(d):
        if d.kind == "leaf":
            return next(it)
        if d.kind == "none":
            return None
        kids = [build(c) for c in d.children]
        if d.kind == "tuple":
            return tuple(kids)
        if d.kind == "list":
            return kids
        return dict(zip(d.meta, kids))

    return build(treedef)
