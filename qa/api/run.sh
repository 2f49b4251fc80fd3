#!/usr/bin/env bash
# API-contract gate: runs Schemathesis (pinned in requirements.txt) against
# BASE_URL/api/v1/openapi.json with every check, plus the Tarina checks in hooks.py.
# Usage: qa/api/run.sh BASE_URL        e.g. qa/api/run.sh http://127.0.0.1:18110
# Without QA_API_TOKEN it tests the open API (everything but /api/v1/staff/); with QA_API_TOKEN (an API
# token, e.g. from `tarina token add`) it tests the staff write API with that token, by the rules of staff.toml.
# Exit: 0 = contract holds; 1 = failures or errors; 2 = bad usage or setup.
# Tunables (environment):
#   QA_API_TOKEN     an API token: test the write API instead of the open one
#   QA_VENV          virtualenv to create/reuse    [/var/tmp/tarina-qa-venv]
#   QA_WORK_DIR      reports and logs              [/var/tmp/tarina-qa-api]
#   QA_SEED          Hypothesis seed               [20261127]
#   QA_MAX_EXAMPLES  fuzzing examples per operation [200]
#   QA_TIMEOUT       hard limit for the test run, seconds [300]
#   QA_VERBOSE=1     stream the full Schemathesis output, not only the summary
#   PYTHON           interpreter for the venv      [python3]
set -euo pipefail

if [[ $# -ne 1 || -z "$1" || "$1" == -* ]]; then
    echo "usage: $0 BASE_URL   (e.g. $0 http://127.0.0.1:18110)" >&2
    exit 2
fi
BASE_URL="${1%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${QA_VENV:-/var/tmp/tarina-qa-venv}"
WORK="${QA_WORK_DIR:-/var/tmp/tarina-qa-api}"
SEED="${QA_SEED:-20261127}"
MAX_EXAMPLES="${QA_MAX_EXAMPLES:-200}"
TIME_LIMIT="${QA_TIMEOUT:-300}"
PYTHON="${PYTHON:-python3}"
START=$SECONDS

# --- 1. virtualenv with the pinned tools (rebuilt only when requirements.txt changes)
REQ="$HERE/requirements.txt"
WANT="$(sha256sum "$REQ" | cut -d' ' -f1)"
STAMP="$VENV/.tarina-qa-requirements.sha256"
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9   # two runs at once must not build the same venv
if [[ ! -x "$VENV/bin/schemathesis" || "$(cat "$STAMP" 2>/dev/null)" != "$WANT" ]]; then
    if [[ -e "$VENV" && ! -f "$VENV/pyvenv.cfg" && -n "$(ls -A "$VENV" 2>/dev/null)" ]]; then
        echo "refusing to replace $VENV: it exists and is not a virtualenv (set QA_VENV)" >&2
        exit 2
    fi
    echo "== setting up $VENV (schemathesis from $REQ)"
    "$PYTHON" -m venv --clear "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQ"
    echo "$WANT" >"$STAMP"
fi
flock -u 9

# --- 2. run Schemathesis
REPORT="$WORK/report"
# A fresh working directory each run: Schemathesis keeps a cache there (.schemathesis/)
# that it replays and learns from, which would make runs depend on earlier ones.
rm -rf "$REPORT" "$WORK/cwd"
mkdir -p "$REPORT" "$WORK/cwd"
NDJSON="$REPORT/schemathesis.ndjson"
LOG="$REPORT/schemathesis.log"
echo "== schemathesis $("$VENV/bin/schemathesis" --version | awk '{print $NF}') against $BASE_URL" \
     "(seed $SEED, max $MAX_EXAMPLES examples/operation, limit ${TIME_LIMIT}s)"

if [[ -n "${QA_API_TOKEN:-}" ]]; then
    # The write API, with the token: staff.toml lets a missing If-Match be 428 (RFC 6585), which Schemathesis
    # does not expect of a missing header by default. The token is passed in the environment to hooks.py too.
    echo "   (the staff write API, with the token in QA_API_TOKEN)"
    scope=(--include-path-regex '^/api/v1/staff/' --header "Authorization: Bearer $QA_API_TOKEN")
    config=(--config-file "$HERE/staff.toml")
else
    # The schema's own endpoint is skipped by default; an explicit filter includes it. The write API needs a
    # token, so it has a run of its own.
    scope=(--include-path-regex '^/api/v1/' --exclude-path-regex '^/api/v1/staff/')
    config=()
fi
args=(
    --no-color "${config[@]}" run "$BASE_URL/api/v1/openapi.json"
    --url "$BASE_URL"
    "${scope[@]}"
    --checks all                    # built-in checks + those registered by hooks.py
    --phases examples,coverage,fuzzing,stateful
    --mode all                      # positive and negative (fuzzed) data
    --max-examples "$MAX_EXAMPLES"
    --seed "$SEED"
    --generation-database none      # nothing carried over between runs: same seed, same cases
    --workers 1
    --continue-on-failure
    --request-timeout 10
    --wait-for-schema 30
    --report junit,ndjson
    --report-dir "$REPORT"
    --report-junit-path "$REPORT/junit.xml"
    --report-ndjson-path "$NDJSON"
)
set +e
(
    cd "$WORK/cwd"   # keep Schemathesis from picking up a stray schemathesis.toml
    export SCHEMATHESIS_HOOKS="$HERE/hooks.py" PYTHONDONTWRITEBYTECODE=1
    if [[ "${QA_VERBOSE:-0}" == 1 ]]; then
        timeout --kill-after=10 "$TIME_LIMIT" "$VENV/bin/schemathesis" "${args[@]}" 2>&1 | tee "$LOG"
        exit "${PIPESTATUS[0]}"
    else
        timeout --kill-after=10 "$TIME_LIMIT" "$VENV/bin/schemathesis" "${args[@]}" >"$LOG" 2>&1
    fi
)
st_rc=$?
set -e

# --- 3. summary
sum_rc=0
if [[ -s "$NDJSON" ]]; then
    "$VENV/bin/python" "$HERE/summary.py" "$NDJSON" || sum_rc=$?
else
    echo "no report was written; last lines of the Schemathesis output:"
    tail -n 30 "$LOG"
    sum_rc=1
fi
case $st_rc in
    0) ;;
    124|137) echo "TIMEOUT: Schemathesis did not finish within ${TIME_LIMIT}s" ;;
    *) echo "schemathesis exited with $st_rc" ;;
esac
echo "full log: $LOG   junit: $REPORT/junit.xml   time: $((SECONDS - START))s"
if [[ $st_rc -ne 0 || $sum_rc -ne 0 ]]; then
    exit 1
fi
