#!/usr/bin/env bash
# Every test: GoogleTest (ctest) and the pytest differential suite.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
(cd build && ctest --output-on-failure -j2)
.venv/bin/python -m pytest tests/python tests/gpu -q -p no:cacheprovider -rs
