#!/usr/bin/env bash
# What writes cost the servers that serve the data (BENCHMARKS.md, "Writes"), on the synthetic cascade of
# 10,000 indicators and 1.1 million values (examples/synthetic_cascade.rs): one value, then 1,000 values in a
# row (one transaction each) written through the use-case layer by examples/write_core.rs, which reads every
# server's /healthz until it serves the new data version and samples its CPU time and resident memory from
# /proc; then a job enqueued, which must cause no snapshot work. The same run measures the goal page against a
# bare axum server. SQLite with one server always; two servers on one PostgreSQL database when
# BENCH_POSTGRES_URL names a database whose `public` schema may be reset.
# Usage: [BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1/bench] bench/write_core.sh [writes, default 1000]
# Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
writes=${1:-1000}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin tarina --example synthetic_cascade --example write_core --example hello
target=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

wait_ready() {
    for _ in $(seq 600); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
    echo "server on port $1 did not start"; exit 1
}
serve() { # database-url port; the pid in $! (refresh interval: the default, 1000 ms)
    TARINA_DATABASE_URL="$1" RUST_LOG=warn "$target/tarina" --addr "127.0.0.1:$2" &
}
throughput() { # name url
    echo "### $1"
    wrk -t1 -c64 -d10s --latency "$2" | grep -E "Requests/sec|^ +99%"
}

"$target/examples/hello" 127.0.0.1:18691 &
sleep 0.5

echo "## SQLite, one server"
"$target/examples/synthetic_cascade" "sqlite://$work/synthetic.db" >/dev/null
serve "sqlite://$work/synthetic.db" 18690
sqlite_pid=$!
wait_ready 18690
echo "### an ordinary indicator (10 values)"
"$target/examples/write_core" "sqlite://$work/synthetic.db" 5000 "$writes" "http://127.0.0.1:18690:$sqlite_pid"
echo "### the indicator with 1,000,000 values"
"$target/examples/write_core" "sqlite://$work/synthetic.db" 1 "$writes" "http://127.0.0.1:18690:$sqlite_pid"
throughput "hello (bare axum ceiling)" http://127.0.0.1:18691/
throughput "goal page, SQLite server" http://127.0.0.1:18690/fi/tavoitteet/koulut-kuntoon
kill "$sqlite_pid"

if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
    echo "## PostgreSQL, two servers on one database"
    psql "$BENCH_POSTGRES_URL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
    "$target/examples/synthetic_cascade" "$BENCH_POSTGRES_URL" >/dev/null
    serve "$BENCH_POSTGRES_URL" 18692
    first=$!
    serve "$BENCH_POSTGRES_URL" 18693
    second=$!
    wait_ready 18692
    wait_ready 18693
    servers=("http://127.0.0.1:18692:$first" "http://127.0.0.1:18693:$second")
    echo "### an ordinary indicator (10 values)"
    "$target/examples/write_core" "$BENCH_POSTGRES_URL" 5000 "$writes" "${servers[@]}"
    echo "### the indicator with 1,000,000 values"
    "$target/examples/write_core" "$BENCH_POSTGRES_URL" 1 "$writes" "${servers[@]}"
    throughput "hello (bare axum ceiling)" http://127.0.0.1:18691/
    throughput "goal page, PostgreSQL server" http://127.0.0.1:18692/fi/tavoitteet/koulut-kuntoon
fi
