"""explain(): what npt will do with an array (graph, kernels, bytes, code)."""
import functools

from . import _npt
from ._array import ndarray


class Kernel:
    """One step of a plan: a fused kernel or an opaque ATen op."""

    def __init__(self, d):
        self.__dict__.update(d)

    def __repr__(self):
        return f"<Kernel {self.name} {self.domain}>"


class Report:
    """The plan for some arrays; ``str()`` shows it; ``kernels`` lists steps."""

    def __init__(self, raw, code, header=None):
        self.header = header
        self.graph = raw["graph"]
        self.canonical = raw["canonical"]
        self.steps = [Kernel(k) for k in raw["kernels"]]
        self.kernels = [k for k in self.steps if k.is_kernel]
        self.opaque = [k for k in self.steps if not k.is_kernel]
        self._code = code

    def __str__(self):
        lines = ["npt.explain" + (f" {self.header}" if self.header else ""),
                 "graph (as recorded):", self.graph.rstrip(),
                 "graph (canonical: explicit casts and broadcasts):", self.canonical.rstrip(),
                 f"plan: {len(self.kernels)} fused kernel(s), {len(self.opaque)} opaque op(s)"]
        total = unfused = 0
        for i, k in enumerate(self.steps):
            if not k.is_kernel:
                lines.append(f"  [{i}] {k.name} over {k.domain}")
                lines.append(f"      inputs:  {', '.join(k.inputs)}")
                lines.append(f"      outputs: {', '.join(k.outputs)}")
                continue
            total += k.bytes_moved
            unfused += k.unfused_bytes
            state = "cache hit" if k.cache_hit else f"compiled in {k.compile_ms:.1f} ms"
            lines.append(f"  [{i}] kernel {k.name} over {k.domain}  ({state})")
            lines.append(f"      fuses:   {' '.join(k.fused_ops) or '(copy)'}")
            lines.append(f"      inputs:  {', '.join(k.inputs) or '(none)'}")
            lines.append(f"      outputs: {', '.join(k.outputs)}")
            lines.append(f"      bytes:   {_fmt(k.bytes_moved)} moved "
                         f"(unfused: {_fmt(k.unfused_bytes)})")
            lines.append("      expression:\n" + k.expr.rstrip())
            if self._code and k.code:
                lines.append("      LLVM IR (optimized):\n" + k.code.rstrip())
        lines.append(f"total: {_fmt(total)} moved by fused kernels; {_fmt(unfused)} one op at a time")
        return "\n".join(lines)

    __repr__ = __str__


def _fmt(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)


def explain(obj, *more, code=False):
    """``explain(array, ...)`` -> Report; ``explain(f)(*args)`` explains f's result."""
    if callable(obj) and not isinstance(obj, ndarray):
        from ._transforms import Jitted
        from ._tree import tree_flatten

        @functools.wraps(obj)
        def wrapper(*args, **kwargs):
            before = _npt.cache_info()["compiles"]
            if isinstance(obj, Jitted):
                (_, _, outs, _, _, _), _, _ = obj._trace(args, kwargs)
                header = f"of jitted {obj.__name__}: traces {obj.traces}"
            else:
                outs, _ = tree_flatten(obj(*args, **kwargs))
                header = f"of {getattr(obj, '__name__', 'function')}"
            outs = [o for o in outs if isinstance(o, ndarray)]
            r = Report(_npt.explain([o._h for o in outs], code), code, header)
            r.header += f"; kernel compiles {_npt.cache_info()['compiles'] - before} now, " \
                        f"{_npt.cache_info()['compiles']} in all"
            return r
        return wrapper
    arrays = (obj,) + more
    hs = [a._h for a in arrays if isinstance(a, ndarray)]
    return Report(_npt.explain(hs, code), code)


def cache_info():
    """Kernel cache counters: compiles, hits, total compile ms, host CPU."""
    return _npt.cache_info()
