"""`pip install .` from a clean clone into a fresh venv: scikit-build-core
builds npt with CMake (LLVM, LibTorch and the rest found as scripts/setup.sh
installs them), the wheel carries the compiled module, and `import npt`
works from any directory. The venv borrows the project venv's packages
(numpy, torch, scikit-build-core, dask) through a .pth, so nothing is
downloaded: --no-build-isolation --no-deps. Run once by scripts/test.sh
(it builds npt again: minutes)."""
import os
import pathlib
import subprocess
import sys
import sysconfig

ROOT = pathlib.Path(__file__).resolve().parents[2]


def _run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    assert p.returncode == 0, f"{cmd} failed ({p.returncode}):\n{p.stdout[-4000:]}\n{p.stderr[-8000:]}"
    return p.stdout


def test_pip_install_from_a_clean_clone(tmp_path):
    clone = tmp_path / "npt"
    _run(["git", "clone", "-q", str(ROOT), str(clone)])
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    py = venv / "bin" / "python"
    site = pathlib.Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).strip())
    (site / "_project_venv.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = dict(os.environ, CMAKE_BUILD_PARALLEL_LEVEL=str(os.cpu_count() or 2))
    _run([str(py), "-m", "pip", "install", "-q", "--no-build-isolation", "--no-deps", str(clone),
          "-C", "cmake.define.CMAKE_CXX_COMPILER_LAUNCHER=ccache"], env=env, cwd=tmp_path)
    # from another directory: the installed package, its compiled module, a kernel
    check = """
import importlib.metadata as md, pathlib, sys
import numpy, npt
here = pathlib.Path(npt.__file__).resolve()
assert str(here).startswith(sys.argv[1]), here
assert list(here.parent.glob("_npt*.so")), "the wheel has no compiled module"
assert (here.parent / "py.typed").exists() and (here.parent / "__init__.pyi").exists(), "no type stubs"
x = numpy.linspace(0, 1, 1000)
got = float(npt.sum(npt.sin(npt.asarray(x)) * 2 + 1))
assert abs(got - float(numpy.sum(numpy.sin(x) * 2 + 1))) < 1e-9, got
info = npt.cache_info()
# (first process: compiled here and stored; second: loaded from the disk cache)
assert (info["compiles"] >= 1 and info["disk_stores"] >= 1) if sys.argv[2] == "cold" else info["disk_loads"] >= 1, info
assert md.version("npt") == "0.1.0"
from dask.sizeof import sizeof  # (npt's dask.sizeof entry point)
assert sizeof(npt.ones(1000)) == 8000, sizeof(npt.ones(1000))
print("ok", here)
"""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # compile first (no tiering), into a cache of this test's own
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(NPT_TIERED="0", NPT_CACHE_DIR=str(tmp_path / "cache"))
    for start in ("cold", "warm"):
        out = _run([str(py), "-c", check, str(site), start], cwd=elsewhere, env=env)
        assert out.startswith("ok"), out
