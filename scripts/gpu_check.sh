#!/usr/bin/env bash
# One command for a GPU machine of the kind in ../shared/TOOLCHAIN.md (CUDA 13,
# Python 3.12, torch 2.11, pybind11, cmake, nvcc; no LLVM, spdlog or
# GoogleTest; no network): builds npt without the CPU JIT, then runs the GPU
# suite and the GPU bench. With the device tool: run "bash scripts/gpu_check.sh".
# Output also goes to $OUT/gpu_check.log when $OUT is set.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY="${NPT_PYTHON:-python3}"
BUILD="${NPT_GPU_BUILD:-build-gpu}"
LOG="${OUT:-/tmp}/gpu_check.log"
exec > >(tee "$LOG") 2>&1

step() { echo; echo "== $* =="; }
step "machine"
nvidia-smi -L || true
"$PY" -c "import sys, torch; print(sys.version.split()[0], 'torch', torch.__version__, 'cuda', torch.cuda.is_available())"

step "build (NPT_CPU_JIT=OFF, NPT_TESTS=OFF)"
ARGS=(); command -v ninja > /dev/null && ARGS+=(-G Ninja)
PB="$("$PY" -m pybind11 --cmakedir 2> /dev/null)" && ARGS+=(-Dpybind11_DIR="$PB")
cmake -S . -B "$BUILD" "${ARGS[@]}" -DCMAKE_BUILD_TYPE=Release \
  -DPython_EXECUTABLE="$(command -v "$PY")" -DNPT_CPU_JIT=OFF -DNPT_TESTS=OFF || exit 1
cmake --build "$BUILD" -j"$(nproc)" || exit 1
export PYTHONPATH="$PWD/python${PYTHONPATH:+:$PYTHONPATH}"
"$PY" -c "import npt; print(npt._npt.cuda_status())" || exit 1

step "GPU suite"
"$PY" -m pytest tests/gpu -q -rs -p no:cacheprovider
rc=$?

step "GPU bench"
"$PY" bench/bench_gpu.py || rc=1
exit $rc
