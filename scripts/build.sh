#!/usr/bin/env bash
# Configure (once) and build npt incrementally with ccache; the extension lands
# in python/npt/ so the venv's npt.pth makes it importable.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD="${NPT_BUILD_DIR:-$ROOT/build}"
if [[ ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DPython_EXECUTABLE="$ROOT/.venv/bin/python" \
    -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
cmake --build "$BUILD" -j"$(nproc)"
