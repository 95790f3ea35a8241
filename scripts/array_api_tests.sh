#!/usr/bin/env bash
# The Array API conformance run (data-apis/array-api-tests at its HEAD), once
# with NumPy as the namespace and once with npt, in the same environment;
# then the tests npt fails that NumPy passes. Not part of .ci/run (it takes a
# while and needs the test suite's checkout).
#
#   ./scripts/array_api_tests.sh [pytest args...]
#
# ARRAY_API_TESTS_REPO: where to clone the suite from (default GitHub; a
#   local mirror works); ARRAY_API_SPEC_REPO: the same for its `array-api`
#   submodule. The checkout lives in build/array-api-tests; reports in
#   build/array-api-tests/{numpy,npt}.json, the comparison on stdout.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
SUITE_REPO="${ARRAY_API_TESTS_REPO:-https://github.com/data-apis/array-api-tests}"
SPEC_REPO="${ARRAY_API_SPEC_REPO:-https://github.com/data-apis/array-api}"
DIR="$ROOT/build/array-api-tests"

if [ ! -d "$DIR/.git" ]; then
  git clone -q "$SUITE_REPO" "$DIR"
fi
if [ ! -f "$DIR/array-api/src/array_api_stubs/__init__.py" ]; then
  spec_commit="$(git -C "$DIR" ls-tree HEAD array-api | awk '{print $3}')"
  rm -rf "$DIR/array-api"
  git clone -q "$SPEC_REPO" "$DIR/array-api"
  git -C "$DIR/array-api" checkout -q "$spec_commit"
fi
"$PY" -m pip install -q -r "$DIR/requirements.txt"

run() {  # run MODULE: the suite against one namespace, a JSON report kept
  (cd "$DIR" && ARRAY_API_TESTS_MODULE="$1" "$PY" -m pytest array_api_tests \
      --max-examples 20 --hypothesis-disable-deadline -q -p no:cacheprovider \
      --json-report --json-report-file="$DIR/$1.json" --json-report-omit collectors log \
      "${@:2}" >"$DIR/$1.log" 2>&1) || true
  tail -1 "$DIR/$1.log"
}
echo "== numpy"; run numpy "$@"
echo "== npt"; run npt "$@"

"$PY" - "$DIR" <<'EOF'
import json, sys
d = sys.argv[1]
def outcomes(m):
    rep = json.load(open(f"{d}/{m}.json"))
    return {t["nodeid"]: t["outcome"] for t in rep["tests"]}, rep["summary"]
np_, np_sum = outcomes("numpy")
npt_, npt_sum = outcomes("npt")
print(f"numpy: {np_sum.get('passed', 0)} passed of {np_sum['total']}")
print(f"npt:   {npt_sum.get('passed', 0)} passed of {npt_sum['total']}")
worse = sorted(t for t, o in np_.items() if o == "passed" and npt_.get(t) != "passed")
print(f"passed with numpy, not with npt: {len(worse)}")
for t in worse:
    print("  ", t, npt_.get(t, "missing"))
EOF
