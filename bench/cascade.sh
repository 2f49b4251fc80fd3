#!/usr/bin/env bash
# The cascade at scale: 10,000 indicators, one of them with 1,000,000 values across 100 regions (built by
# examples/synthetic_cascade.rs, which also times deriving every indicator's status in-process). Measures the
# first (uncached) answer of the indicator page, its API summary and the situational picture with curl, then
# the cached throughput with wrk. Usage: bench/cascade.sh [duration, default 10s]. Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin tarina --example synthetic_cascade
target=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
db="sqlite://$work/synthetic.db"

echo "## Building the synthetic data"
"$target/examples/synthetic_cascade" "$db"

echo "## Server start"
started=$(date +%s.%N)
TARINA_DATABASE_URL="$db" RUST_LOG=warn "$target/tarina" --addr 127.0.0.1:18600 &
pid=$!
for _ in $(seq 600); do curl -fs http://127.0.0.1:18600/healthz >/dev/null && break; sleep 0.1; done
echo "ready after $(echo "$(date +%s.%N) - $started" | bc) s; resident memory $(grep VmRSS /proc/$pid/status | awk '{print $2, $3}')"

first() { # name path: the first answer renders, later ones come from the cache
    curl -s -o /dev/null -w "$1: HTTP %{http_code}, %{size_download} bytes, first answer %{time_total} s\n" "http://127.0.0.1:18600$2"
}
echo "## First (uncached) answers"
first "indicator page (1,000,000 values)" /fi/mittarit/1-mittari-1
first "API summary of that indicator" "/api/v1/indicators/1?limit=1"
first "situational picture (10,000 indicators)" /fi/tilannekuva
first "an ordinary indicator page" /fi/mittarit/5000-mittari-5000
first "indicator list, first API page (1,000 of 10,000)" /api/v1/indicators
first "indicator list, a later API page" "/api/v1/indicators?offset=9000"
first "indicator list page (500 of 10,000 rows)" /fi/mittarit
first "indicator list page, the last" /fi/mittarit/sivu-20

echo "## Cached throughput"
for path in /fi/mittarit/1-mittari-1 "/api/v1/indicators/1?limit=1"; do
    echo "### $path"
    wrk -t1 -c64 -d"$duration" --latency "http://127.0.0.1:18600$path" | grep -E "Requests/sec|Latency  |^ +(50|99)%"
done
