#!/usr/bin/env bash
# Every test: GoogleTest (ctest) and the pytest differential suite, then the
# Python suite in check mode (NPT_CHECK=1); then the codegen, dtype, cast,
# reduction and fusion tests again for two other CPU levels (NPT_CPU), so
# that a machine with AVX-512 also checks what one without it (x86-64-v3)
# and a baseline x86-64 run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY=.venv/bin/python
# One kernel disk cache for the whole run, out of the user's own: the first
# runs compile and store, the later ones (NPT_CHECK=1, the CPU levels' own
# keys) load much of their code from it, which tests the loading path too.
if [[ -z "${NPT_CACHE_DIR:-}" ]]; then
  NPT_CACHE_DIR="$(mktemp -d "${TMPDIR:-/tmp}/npt-cache.XXXXXX")"
  trap 'rm -rf "$NPT_CACHE_DIR"' EXIT
fi
export NPT_CACHE_DIR
(cd build && ctest --output-on-failure -j2)
"$PY" -m pytest tests/python tests/gpu -q -p no:cacheprovider -rs
# pip install . from a clean clone into a fresh venv (builds npt once more)
echo "== pip install ."
"$PY" -m pytest tests/install -q -p no:cacheprovider
# The Python suite again with NPT_CHECK=1: every fused kernel is also computed
# by the reference executor (the registry's ATen implementations) and compared.
echo "== NPT_CHECK=1"
NPT_CHECK=1 "$PY" -m pytest tests/python -q -p no:cacheprovider \
  --ignore tests/python/test_cpu_levels.py \
  --deselect tests/python/test_threads.py::test_threads_stress_in_fresh_processes
for cpu in x86-64-v3 x86-64; do
  echo "== NPT_CPU=$cpu"
  if ! NPT_CPU=$cpu "$PY" -c "import npt, sys; c = npt.cache_info()['cpu']; print(c); sys.exit('lacks' in c)"; then
    echo "skipped: this machine cannot run code for $cpu"
    continue
  fi
  NPT_CPU=$cpu ./build/tests/npt_cpp_tests --gtest_filter='Codegen*:Fusion*:CpuRuntime*' --gtest_brief=1
  # (the thread stress test and the per-level driver run at the host level only)
  NPT_CPU=$cpu "$PY" -m pytest tests/python -q -p no:cacheprovider \
    --deselect tests/python/test_threads.py::test_threads_stress_in_fresh_processes
done
