"""explain(): what npt will do with an array (graph, kernels, bytes, code),
as text, as HTML (Jupyter), and as a Graphviz graph (DOT, SVG) whose
clusters are the kernels and whose cut edges say why fusion stopped."""
import functools
import html
import re

from . import _npt
from ._array import ndarray


class Kernel:
    """One step of a plan: a fused kernel or an opaque ATen op."""

    def __init__(self, d):
        self.__dict__.update(d)

    def __repr__(self):
        return f"<Kernel {self.name} {self.domain}>"

    def state(self):
        """Where the kernel's code came from, for the listings."""
        if self.cache_hit:
            return "cache hit"
        if self.from_disk:
            return f"loaded from the disk cache in {self.compile_ms:.1f} ms"
        return f"compiled in {self.compile_ms:.1f} ms"


class Report:
    """The plan for some arrays; ``str()`` shows it; ``kernels`` lists steps."""

    def __init__(self, raw, code, header=None):
        self.header = header
        self.graph = raw["graph"]
        self.canonical = raw["canonical"]
        self.steps = [Kernel(k) for k in raw["kernels"]]
        self.kernels = [k for k in self.steps if k.is_kernel]
        self.opaque = [k for k in self.steps if not k.is_kernel]
        # the plan's values, by the "%N" of the steps' inputs and outputs:
        # (kind, node, why it is stored in a buffer where it is computed)
        self.slots = [tuple(s) for s in raw["slots"]]
        self._code = code

    # ---- Graphviz -------------------------------------------------------
    def to_dot(self):
        """The plan as a Graphviz DOT graph: one cluster per step (a fused
        kernel or an ATen op) holding the values it computes; its inputs
        come in by edges, and an edge from another step is a cut: its label
        says why fusion stopped there."""
        made_by = {}
        for i, k in enumerate(self.steps):
            for o in k.outputs:
                made_by[_slot(o)] = i
        out = ["digraph npt_plan {", '  rankdir=TB; node [fontname="monospace", fontsize=10]; '
               'edge [fontname="monospace", fontsize=9]; graph [fontname="monospace", fontsize=10];']
        used = {_slot(s) for k in self.steps for s in k.inputs}
        for j in sorted(used - set(made_by)):  # values from before the plan
            kind, desc, _ = self.slots[j]
            out.append(f'  v{j} [shape=ellipse, label="%{j} {_dot(desc)}\\n({kind})"];')
        for i, k in enumerate(self.steps):
            if k.is_kernel:
                title = (f"kernel {k.name} over {k.domain}\\n{_dot(' '.join(k.fused_ops) or '(copy)')}\\n"
                         f"{_fmt(k.bytes_moved)} moved (unfused: {_fmt(k.unfused_bytes)})")
            else:
                title = f"{_dot(k.name)} over {k.domain}"
            out.append(f"  subgraph cluster_{i} {{")
            out.append(f'    label="[{i}] {title}"; style="rounded,filled"; '
                       f'fillcolor="{"#eef5ff" if k.is_kernel else "#fff3e0"}";')
            out.append(f'    k{i} [shape=box, style=filled, fillcolor=white, label="{_dot(k.name)}"];')
            for o in k.outputs:
                j = _slot(o)
                out.append(f'    v{j} [shape=box, style="rounded", label="%{j} {_dot(self.slots[j][1])}"];')
                out.append(f"    k{i} -> v{j};")
            out.append("  }")
        for i, k in enumerate(self.steps):
            for s in k.inputs:
                j = _slot(s)
                if j in made_by:  # a cut: computed by another step, read from its buffer
                    out.append(f'  v{j} -> k{i} [color="#c62828", label="{_dot(self.slots[j][2])}"];')
                else:
                    out.append(f"  v{j} -> k{i};")
        out.append("}")
        return "\n".join(out) + "\n"

    def to_svg(self):
        """to_dot() drawn by Graphviz, as SVG text (needs the graphviz
        package and Graphviz's dot program)."""
        try:
            import graphviz
        except ImportError:
            raise RuntimeError("npt.explain(...).to_svg() needs the graphviz Python package and Graphviz's "
                               "`dot` program (pip install graphviz; apt install graphviz); "
                               "to_dot() gives the graph without them") from None
        try:
            return graphviz.Source(self.to_dot()).pipe(format="svg").decode()
        except graphviz.ExecutableNotFound:
            raise RuntimeError("npt.explain(...).to_svg() needs Graphviz's `dot` program on the PATH "
                               "(apt install graphviz); to_dot() gives the graph without it") from None

    # ---- Jupyter --------------------------------------------------------
    def _repr_html_(self):
        """The plan as Jupyter shows it: a table of the steps (the fused ops,
        inputs, outputs, bytes) and the graph, drawn when Graphviz is here."""
        e = html.escape
        rows = []
        total = unfused = 0
        for i, k in enumerate(self.steps):
            if k.is_kernel:
                total += k.bytes_moved
                unfused += k.unfused_bytes
                what = f"<b>kernel {e(k.name)}</b><br>fuses: {e(' '.join(k.fused_ops) or '(copy)')}"
                state = k.state()
                size = f"{_fmt(k.bytes_moved)}<br><small>(unfused: {_fmt(k.unfused_bytes)})</small>"
            else:
                what, state, size = f"<b>{e(k.name)}</b>", "ATen", ""
            cuts = [f"%{_slot(s)}: {e(self.slots[_slot(s)][2])}" for s in k.inputs
                    if self.slots[_slot(s)][0] == "computed"]
            rows.append(f"<tr><td>[{i}]</td><td>{what}</td><td>{e(k.domain)}</td>"
                        f"<td>{'<br>'.join(e(s) for s in k.inputs) or '(none)'}</td>"
                        f"<td>{'<br>'.join(e(s) for s in k.outputs)}</td><td>{size}</td><td>{e(state)}</td>"
                        f"<td>{'<br>'.join(cuts)}</td></tr>")
        head = "".join(f"<th>{h}</th>" for h in ("", "step", "domain", "inputs", "outputs", "bytes moved",
                                                  "code", "fusion stopped before (read from a buffer)"))
        title = e("npt.explain" + (f" {self.header}" if self.header else ""))
        parts = [f"<div class='npt-explain'><p><b>{title}</b>: {len(self.kernels)} fused kernel(s), "
                 f"{len(self.opaque)} ATen op(s); {_fmt(total)} moved by fused kernels, {_fmt(unfused)} "
                 f"one op at a time</p>",
                 f"<table><tr>{head}</tr>{''.join(rows)}</table>"]
        try:
            parts.append(self.to_svg())
        except RuntimeError:
            pass  # (no Graphviz here: the table alone)
        parts.append(f"<details><summary>graph as recorded</summary><pre>{e(self.graph)}</pre></details></div>")
        return "".join(parts)

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
            state = k.state()
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


def _slot(desc):
    """The slot index of a step's input or output ("%3 sin f64[4]")."""
    return int(re.match(r"%(\d+)", desc).group(1))


def _dot(text):
    """text inside a DOT string."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


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
