"""npt.explain(...) rendered: Graphviz DOT with a cluster per step and the
reason fusion stopped on each cut edge, SVG through Graphviz (a clear error
without it), HTML for Jupyter, and the example notebook run by nbclient."""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import npt

ROOT = pathlib.Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def _softmax_after_matmul():
    rng = np.random.default_rng(0)
    x, w = npt.array(rng.standard_normal((16, 8))), npt.array(rng.standard_normal((8, 4)))
    h = npt.tanh(x @ w)
    e = npt.exp(h - h.max(axis=1, keepdims=True))
    return npt.explain(e / e.sum(axis=1, keepdims=True))


def _cut_edges(dot):
    """(from value, to step, label) of the red edges: reads of another step's buffer."""
    return re.findall(r'v(\d+) -> k(\d+) \[color="#c62828", label="([^"]*)"\]', dot)


def test_dot_has_a_cluster_per_step_and_a_reason_on_each_cut():
    r = _softmax_after_matmul()
    dot = r.to_dot()
    assert dot.startswith("digraph npt_plan {") and dot.rstrip().endswith("}")
    assert len(re.findall(r"subgraph cluster_\d+", dot)) == len(r.steps) == 4
    cuts = _cut_edges(dot)
    # every read of a value another step computed is a cut, and says why
    made = {int(re.match(r"%(\d+)", o).group(1)): i for i, k in enumerate(r.steps) for o in k.outputs}
    reads = {(int(re.match(r"%(\d+)", s).group(1)), i) for i, k in enumerate(r.steps) for s in k.inputs
             if int(re.match(r"%(\d+)", s).group(1)) in made}
    assert {(int(v), int(k)) for v, k, _ in cuts} == reads
    labels = {label for _, _, label in cuts}
    assert any("ATen op" in s and "fusion barrier" in s for s in labels)
    assert any("a reduction" in s for s in labels)
    assert all(s for s in labels)


def test_one_fused_chain_is_one_cluster_without_cuts():
    x = npt.array(np.linspace(0, 1, 100))
    r = npt.explain(npt.sin(x) ** 2 + npt.cos(x) * 3)
    dot = r.to_dot()
    assert len(re.findall(r"subgraph cluster_\d+", dot)) == 1
    assert _cut_edges(dot) == []
    assert "sin" in dot and "(leaf)" in dot


def test_depth_bound_is_a_reason():
    y = npt.array(np.linspace(0, 1, 10))
    for _ in range(70):  # (past the 64-op bound of one fused expression)
        y = npt.sin(y) + 0.5
    labels = {label for _, _, label in _cut_edges(npt.explain(y).to_dot())}
    assert any("bounded" in s for s in labels), labels


def test_svg_has_the_clusters_and_the_reasons():
    pytest.importorskip("graphviz")
    r = _softmax_after_matmul()
    svg = r.to_svg()
    root = ET.fromstring(svg)
    assert root.tag == SVG + "svg"
    clusters = [g for g in root.iter(SVG + "g") if g.get("class") == "cluster"]
    assert len(clusters) == len(r.steps)
    edges = [g for g in root.iter(SVG + "g") if g.get("class") == "edge"]
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert len(edges) == r.to_dot().count(" -> ")
    assert "fusion barrier" in texts and "a reduction" in texts
    assert "matmul (ATen)" in texts and "tanh_reduce_max" in texts


def test_svg_without_graphviz_is_a_clear_error(monkeypatch):
    r = _softmax_after_matmul()
    monkeypatch.setitem(sys.modules, "graphviz", None)  # (import graphviz raises ImportError)
    with pytest.raises(RuntimeError, match="needs the graphviz Python package"):
        r.to_svg()
    assert r.to_dot()  # (the DOT text needs nothing)


def test_svg_without_dot_is_a_clear_error(monkeypatch):
    pytest.importorskip("graphviz")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RuntimeError, match="needs Graphviz's `dot` program"):
        _softmax_after_matmul().to_svg()


def test_html_for_jupyter():
    r = _softmax_after_matmul()
    h = r._repr_html_()
    assert h.startswith("<div class='npt-explain'>") and h.endswith("</div>")
    for k in r.steps:
        assert k.name in h
    assert "3 fused kernel(s), 1 ATen op(s)" in h
    for k in r.kernels:
        assert f"fuses: {' '.join(k.fused_ops)}" in h
    assert "fusion barrier" in h and "<svg" in h  # (Graphviz is installed here: the graph is drawn)


def test_the_example_notebook_runs():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(ROOT / "python" / "examples" / "explain.ipynb", as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
                            ).execute()
    outs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outs if o.output_type == "error"]
    html = [o["data"]["text/html"] for o in outs if "text/html" in o.get("data", {})]
    assert html and "kernel tanh_reduce_max" in html[0] and "fusion barrier" in html[0]
    assert any("image/svg+xml" in o.get("data", {}) for o in outs)
    assert any("digraph npt_plan" in o.get("text", "") for o in outs)
