#!/usr/bin/env bash
# Load test of the public read paths with wrk (Debian package `wrk`) against a release build, with a bare
# axum "hello" server measured in the same run as the ceiling. Each path is loaded as a client without
# Accept-Encoding and as one sending `Accept-Encoding: br`; the bytes on the wire of each coding (curl) and the
# time each compression level takes on those bodies (examples/compression_levels.rs) follow the SQLite part.
# SQLite always; PostgreSQL (one server, then two servers on one database) when BENCH_POSTGRES_URL names a
# database whose `public` schema may be reset.
# Usage: [BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1/test] bench/run.sh [duration, default 10s]
# Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin tarina --example hello --example compression_levels
target=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

wait_ready() {
    for _ in $(seq 100); do curl -fs "http://127.0.0.1:$1/healthz" >/dev/null && return; sleep 0.1; done
    echo "server on port $1 did not start"; exit 1
}
start_tarina() { # database-url port [flags]
    TARINA_DATABASE_URL="$1" RUST_LOG=warn "$target/tarina" --addr "127.0.0.1:$2" "${@:3}" &
    wait_ready "$2"
}
run() { # name url [connections] [header]
    echo "### $1 ($2${4:+, $4})"
    wrk -t1 -c"${3:-64}" -d"$duration" --latency ${4:+-H "$4"} "$2" |
        grep -E "Requests/sec|Latency  |^ +(50|90|99)%|requests in"
    echo
}
BR="Accept-Encoding: br"
GOAL=/fi/tavoitteet/koulut-kuntoon

sizes() { # port: bytes on the wire per coding, and the bodies saved for compression_levels
    echo "### bytes on the wire (curl)"
    local css
    css=$(curl -fs "http://127.0.0.1:$1/fi/" | grep -o '/static/site\.[0-9a-f]*\.css')
    for path in "$GOAL" /api/v1/strategy /fi/ "$css"; do
        local line="$path:"
        for coding in identity gzip br; do
            line="$line $coding $(curl -fso /dev/null -w '%{size_download}' -H "Accept-Encoding: $coding" \
                "http://127.0.0.1:$1$path")"
        done
        echo "$line"
    done
    curl -fso "$work/goal-page.html" "http://127.0.0.1:$1$GOAL"
    curl -fso "$work/strategy.json" "http://127.0.0.1:$1/api/v1/strategy"
    echo
    echo "### compression levels on these bodies (median of 5)"
    "$target/examples/compression_levels" "$work/goal-page.html" "$work/strategy.json"
    echo
}
rss() { echo "resident memory of $1: $(grep VmRSS "/proc/$2/status" | awk '{print $2, $3}')"; }

"$target/examples/hello" 127.0.0.1:18091 &
wait_for_hello() { for _ in $(seq 50); do curl -fs http://127.0.0.1:18091/ >/dev/null && return; sleep 0.1; done; }
wait_for_hello
run "hello (bare axum ceiling)" http://127.0.0.1:18091/

bench_backend() { # title database-url port; leaves the server running, its pid in $server_pid
    echo "## $1"
    start_tarina "$2" "$3"
    server_pid=$!
    run "goal page" "http://127.0.0.1:$3$GOAL"
    run "goal page" "http://127.0.0.1:$3$GOAL" 64 "$BR"
    run "GET /api/v1/strategy" "http://127.0.0.1:$3/api/v1/strategy"
    run "GET /api/v1/strategy" "http://127.0.0.1:$3/api/v1/strategy" 64 "$BR"
    rss "the $1 server" "$server_pid"
}

bench_backend SQLite "sqlite://$work/bench.db" 18090
sizes 18090
kill "$server_pid"

# The same paths from a server that does not compress, as before compression existed, in the same run.
echo "## SQLite, --compression=off"
start_tarina "sqlite://$work/bench.db" 18094 --compression=off
run "goal page" "http://127.0.0.1:18094$GOAL" 64 "$BR"
run "GET /api/v1/strategy" "http://127.0.0.1:18094/api/v1/strategy" 64 "$BR"
kill $!

if [ -n "${BENCH_POSTGRES_URL:-}" ]; then
    psql "$BENCH_POSTGRES_URL" -qc "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
    bench_backend PostgreSQL "$BENCH_POSTGRES_URL" 18092
    pg_pid=$server_pid

    echo "## Two servers on one PostgreSQL database (32 connections each, at the same time)"
    start_tarina "$BENCH_POSTGRES_URL" 18093
    second_pid=$!
    run "goal page, server 1" http://127.0.0.1:18092/fi/tavoitteet/koulut-kuntoon 32 > "$work/one.txt" &
    first_load=$!
    run "goal page, server 2" http://127.0.0.1:18093/fi/tavoitteet/koulut-kuntoon 32 > "$work/two.txt"
    wait "$first_load"
    cat "$work/one.txt" "$work/two.txt"
    rss "server 1" "$pg_pid"
    rss "server 2" "$second_pid"
fi
