#!/usr/bin/env bash
# Builds and runs every fuzz target for a fixed time, starting from the committed seed corpus.
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 seconds, all targets)
#
# New corpus entries go to a temporary folder that is thrown away, so the repository is never written to
# (except fuzz/artifacts/, which is git-ignored and holds any crashing input). Exits non-zero if any
# target crashes, panics, times out or runs out of memory; prints one summary line per target.
#
# Environment:
# - FUZZ_TARGET_DIR: where builds go, one subfolder per sanitizer (default /var/tmp/tarina-fuzz-target),
#   apart from the main build's CARGO_TARGET_DIR so neither blocks or rebuilds the other;
# - FUZZ_SANITIZER: none (default) or address. tarina forbids unsafe code, so the targets hunt panics and
#   broken invariants, which need no sanitizer; without one the targets run about 4 times faster. Use
#   address for long runs that should also catch memory errors in the unsafe code of dependencies;
# - FUZZ_TIMEOUT: seconds one input may take before it counts as a hang (default 30).
set -uo pipefail
cd "$(dirname "$0")"

duration=${1:-60}
shift || true
if ! [[ $duration =~ ^[0-9]+$ ]] || ((duration < 1)); then
    echo "usage: $0 [SECONDS_PER_TARGET] [TARGET...]" >&2
    exit 2
fi

# cargo-fuzz needs nightly-only flags (-Zsanitizer, -Cpasses=sancov-module); the stable toolchain accepts
# them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1
target_dir="${FUZZ_TARGET_DIR:-/var/tmp/tarina-fuzz-target}"
export CARGO_TERM_COLOR=never
sanitizer=${FUZZ_SANITIZER:-none}
case $sanitizer in none | address) ;; *) echo "FUZZ_SANITIZER must be none or address" >&2; exit 2 ;; esac
timeout=${FUZZ_TIMEOUT:-30}
# A build per sanitizer, so switching does not rebuild everything.
target_dir="$target_dir/$sanitizer"
CARGO_FUZZ_VERSION=0.13.2

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "== installing cargo-fuzz $CARGO_FUZZ_VERSION"
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked || exit 1
fi

targets=("$@")
if ((${#targets[@]} == 0)); then
    mapfile -t targets < <(cargo fuzz list)
fi

echo "== building ${targets[*]} (sanitizer: $sanitizer, target dir: $target_dir)"
started=$SECONDS
if ! cargo fuzz build --sanitizer "$sanitizer" --target-dir "$target_dir"; then
    echo "FUZZ build FAILED after $((SECONDS - started)) s"
    exit 1
fi
echo "== build took $((SECONDS - started)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/tarina-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

summary=()
failed=0
for target in "${targets[@]}"; do
    seeds="corpus/$target"
    if [[ ! -d $seeds ]]; then
        summary+=("FUZZ $target: FAIL no seed corpus at fuzz/$seeds")
        failed=1
        continue
    fi
    new="$work/$target-corpus"
    log="$work/$target.log"
    artifacts="artifacts/$target"
    mkdir -p "$new" "$artifacts"
    before=$(ls "$artifacts")
    echo "== fuzzing $target for $duration s"
    started=$SECONDS
    # The first corpus folder receives new entries; the committed one (second) is only read.
    cargo fuzz run --sanitizer "$sanitizer" --target-dir "$target_dir" "$target" "$new" "$seeds" -- \
        -max_total_time="$duration" -timeout="$timeout" -print_final_stats=1 >"$log" 2>&1
    status=$?
    elapsed=$((SECONDS - started))
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    found=$(find "$new" -type f | wc -l)
    stats="${runs:-?} runs, ${speed:-?} exec/s, cov ${cov:-?}, $found new inputs (discarded), ${elapsed} s"
    if ((status == 0)); then
        summary+=("FUZZ $target: OK   $stats")
        tail -n 3 "$log"
    else
        failed=1
        summary+=("FUZZ $target: FAIL (exit $status) $stats")
        echo "-- $target failed; the report from its log:"
        # A panic: its message and Rust backtrace. Otherwise (sanitizer report, timeout, out of memory):
        # libFuzzer's report.
        if grep -q 'panicked at' "$log"; then
            awk '/panicked at/ { p = 1 } /ERROR: libFuzzer: deadly signal/ { p = 0 } p' "$log" | head -n 40
        else
            awk '/==[0-9]+==ERROR|ERROR: libFuzzer|ALARM: working on the last Unit|out-of-memory/ { p = 1 } p' "$log" |
                head -n 40
        fi
        grep -E '^(MS: |SUMMARY: |artifact_prefix=)' "$log"
        for input in $(comm -13 <(echo "$before") <(ls "$artifacts")); do
            echo "-- crashing input fuzz/$artifacts/$input ($(wc -c <"$artifacts/$input") bytes), base64:"
            base64 -w 0 "$artifacts/$input"
            echo
            echo "-- reproduce: cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz run -s $sanitizer --target-dir $target_dir $target $artifacts/$input"
        done
    fi
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit "$failed"
