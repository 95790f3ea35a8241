"""npt's type stubs (python/npt/*.pyi, py.typed): current with the package
(scripts/gen_stubs.py --check), covering every public name, and good enough
for a type checker to accept NumPy-style code and reject a misspelling."""
import ast
import pathlib
import subprocess
import sys

import pytest

import npt

ROOT = pathlib.Path(__file__).resolve().parents[2]
PKG = ROOT / "python" / "npt"


def test_stubs_are_current():
    p = subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_stubs.py"), "--check"],
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stderr + p.stdout
    assert (PKG / "py.typed").exists()


def _defined(path):
    names = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom):
            names.update(a.asname or a.name for a in node.names)
    return names


@pytest.mark.parametrize("stub,mod", [("__init__", npt), ("linalg", npt.linalg), ("fft", npt.fft),
                                      ("random", npt.random), ("special", npt.special)])
def test_every_public_name_has_a_stub(stub, mod):
    names = _defined(PKG / f"{stub}.pyi")
    public = getattr(mod, "__all__", None) or [n for n in dir(mod) if not n.startswith("_")]
    missing = [n for n in public if n not in names and not isinstance(getattr(mod, n), type(npt))]
    assert not missing, missing


def test_a_type_checker_reads_them(tmp_path):
    mypy = pytest.importorskip("mypy.api")
    good = tmp_path / "good.py"
    good.write_text(
        "import npt\n"
        "a = npt.linspace(0, 1, 10)\n"
        "b = npt.sin(a) * 2 + npt.sum(a, axis=0)\n"
        "c = npt.linalg.solve(npt.eye(3), npt.ones(3))\n"
        "d = npt.fft.rfft(a, n=16)\n"
        "g: npt.ndarray = a[1:3]\n"
        "e = a.reshape(2, 5).T\n"
        "rng = npt.random.default_rng(0)\n"
        "h = npt.grad(lambda x: npt.sum(x ** 2))(a)\n"
        "a._requires_grad_()\n"
        "with npt._no_grad():\n"
        "    a -= 1\n")
    out, err, rc = mypy.run(["--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(good)])
    assert rc == 0, out + err
    bad = tmp_path / "bad.py"
    bad.write_text("import npt\na = npt.zeros(3)\nnpt.linspce(0, 1)\na.resahpe(3)\n")
    out, err, rc = mypy.run(["--no-incremental", "--cache-dir", str(tmp_path / "cache"), str(bad)])
    assert rc == 1
    assert 'Module has no attribute "linspce"' in out and '"ndarray" has no attribute "resahpe"' in out
