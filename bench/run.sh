#!/usr/bin/env bash
# Load test of the public read paths with wrk (Debian package `wrk`), against a release build on a fresh
# SQLite database, with a bare axum "hello" server measured in the same run as the ceiling.
# Usage: bench/run.sh [duration, default 10s]. Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin tarina --example hello
target=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

"$target/examples/hello" 127.0.0.1:18091 &
TARINA_DATABASE_URL="sqlite://$work/bench.db" RUST_LOG=warn "$target/tarina" --addr 127.0.0.1:18090 &
tarina_pid=$!
for _ in $(seq 50); do curl -fs http://127.0.0.1:18090/healthz >/dev/null && break; sleep 0.1; done

run() {
    local name=$1 url=$2
    echo "### $name ($url)"
    wrk -t1 -c64 -d"$duration" --latency "$url" | grep -E "Requests/sec|Latency  |^ +(50|90|99)%|Transfer/sec|requests in"
    echo
}
run "hello (bare axum ceiling)" http://127.0.0.1:18091/
run "goal page" http://127.0.0.1:18090/fi/tavoitteet/koulut-kuntoon
run "GET /api/v1/strategy" http://127.0.0.1:18090/api/v1/strategy
run "home page" http://127.0.0.1:18090/sv/
echo "### tarina resident memory after the runs"
grep -E "VmRSS|VmHWM" "/proc/$tarina_pid/status"
