#!/usr/bin/env bash
# One idempotent setup step: system packages (apt), a project-local .venv with
# every Python dependency, then a build of npt installed into that venv.
# Safe to run again: each step checks before it acts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# Pinned versions live here and nowhere else.
TORCH_VERSION="2.11.0"

APT_PKGS=(llvm-19-dev libzstd-dev libsleef-dev pybind11-dev libspdlog-dev
          libgtest-dev ccache cmake g++ make python3-venv python3-dev graphviz)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[setup] apt-get install ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q "${missing[@]}"
fi

# pyenv's python (3.11+) if present, else the system one.
PY="${NPT_PYTHON:-}"
if [[ -z "$PY" ]]; then
  for cand in "$HOME"/.pyenv/versions/3.1[1-9]*/bin/python3 "$(command -v python3)"; do
    [[ -x "$cand" ]] && { PY="$cand"; break; }
  done
fi
if [[ ! -x .venv/bin/python ]]; then
  echo "[setup] creating .venv with $PY"
  "$PY" -m venv .venv
fi
VPY="$ROOT/.venv/bin/python"
# scipy: the reference distributions of npt.random's statistical tests.
if ! "$VPY" -c "import numpy, pytest, hypothesis, scipy" 2>/dev/null; then
  "$VPY" -m pip install -q --upgrade pip
  "$VPY" -m pip install -q "numpy>=2.0" pytest hypothesis numexpr matplotlib scipy
fi
# The interop tests run npt arrays through the libraries users hold them in
# (and Dask's, over worker processes on this machine).
if ! "$VPY" -c "import pandas, dask.array, distributed" 2>/dev/null; then
  "$VPY" -m pip install -q pandas "dask[array]" distributed
fi
# explain's SVG (graphviz, with apt's dot) and the example notebook (nbclient).
if ! "$VPY" -c "import graphviz, nbclient, nbformat, ipykernel" 2>/dev/null; then
  "$VPY" -m pip install -q graphviz nbclient nbformat ipykernel
fi
# mypy reads npt's stubs in tests/python/test_stubs.py.
if ! "$VPY" -c "import mypy" 2>/dev/null; then
  "$VPY" -m pip install -q mypy
fi
# The bench suite's optional peers (bench/bench_suite.py), on request only:
# ./scripts/setup.sh --bench (CI does not need them).
if [[ "${1:-}" == "--bench" ]] && ! "$VPY" -c "import jax, numba" 2>/dev/null; then
  "$VPY" -m pip install -q jax numba
fi
# `pip install .` builds through scikit-build-core (tests/install).
if ! "$VPY" -c "import scikit_build_core" 2>/dev/null; then
  "$VPY" -m pip install -q scikit-build-core
fi
# LibTorch comes from the torch wheel. Only libtorch_cpu/libc10 are linked, so
# the wheel's CUDA dependencies (several GB) are not installed: --no-deps.
if ! "$VPY" -c "import importlib.metadata as m; assert m.version('torch').startswith('$TORCH_VERSION')" 2>/dev/null; then
  echo "[setup] installing torch==$TORCH_VERSION (libtorch only, no CUDA deps)"
  "$VPY" -m pip install -q --no-deps "torch==$TORCH_VERSION"
fi

# `import torch` in Python (tests and benches compare against torch.autograd)
# needs three CUDA libraries that the toolkit on these machines lacks; these
# small wheels bring them (no GPU is needed to import).
if ! "$VPY" -c "import torch, mpmath" 2>/dev/null; then
  echo "[setup] installing the libraries torch's Python module loads"
  "$VPY" -m pip install -q --no-deps "nvidia-cufile==1.15.1.6.*" \
    "nvidia-cusparselt-cu13==0.8.0" "nvidia-nvshmem-cu13==3.4.5" \
    filelock typing-extensions sympy "mpmath<1.4" networkx jinja2 fsspec
fi

# Make `import npt` work from any directory: a .pth pointing at python/.
SITE="$("$VPY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
echo "$ROOT/python" > "$SITE/npt.pth"
