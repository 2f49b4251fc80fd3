#!/usr/bin/env bash
# Load test of the signed-in staff pages and of a wrong-password flood, with wrk against a release build on a
# fresh SQLite database seeded with the bundled strategy.
#
# 1. Creates an admin with `tarina user add`, signs in over HTTP with curl (the sign-in page's form token and
#    cookie, then the form) and checks that every staff page answers 200 to the session cookie (not a
#    redirect to sign-in); the script stops if one does not. Then `wrk -t1 -c64 --latency` with the cookie
#    against each page in turn. The target (issue): p99 < 20 ms at 64 connections. A page that answers
#    anything but 2xx/3xx under load makes the script exit 1 at the end, with the server's errors summarised.
# 2. The public goal page with wrk alone; then while a second wrk sends plain GETs of the sign-in page (the
#    control: bench/flood.py --control, the same load generator making no password work); then while it floods the
#    sign-in form with wrong passwords from 2,000 loopback addresses (a valid form token and cookie, a new
#    e-mail address each time), counting the statuses the flood got. Each wrong password is one argon2 hash
#    (401); 429 is the lockout (50 failures from one address in 15 minutes), 503 the hasher's full queue.
#    The target: public pages keep their usual p99 during the flood.
# Usage: bench/staff.sh [duration, default 10s]
# Talks only to 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10s}
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release --quiet --bin tarina
target=${CARGO_TARGET_DIR:-target}/release
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT

port=18095
base=http://127.0.0.1:$port
export TARINA_DATABASE_URL="sqlite://$work/staff.db"
email=bench-admin@example.invalid
password='a long benchmark passphrase'
GOAL=/fi/tavoitteet/koulut-kuntoon

# A server left from an earlier run would answer in this one's place, and be measured instead.
if curl -fs "$base/healthz" >/dev/null 2>&1; then echo "port $port is taken by another server; stop it first"; exit 1; fi
RUST_LOG=warn "$target/tarina" seed >/dev/null
echo "$password" | RUST_LOG=warn "$target/tarina" user add --email "$email" --role admin --name "Bench Admin"
# No background jobs: the bundled connectors would fetch from the internet.
# Its log goes to a file, summarised at the end: under load a failing page would log every request.
NO_COLOR=1 RUST_LOG=warn "$target/tarina" --addr "127.0.0.1:$port" --run-jobs false 2> "$work/server.log" &
server_pid=$!
for _ in $(seq 100); do curl -fs "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "$base/healthz" >/dev/null || { echo "the server on port $port did not start"; exit 1; }

# The sign-in page sets the form cookie and puts the same token in the form; the form must echo it.
form_token() { # cookie-jar: prints the form token of a fresh sign-in page
    curl -fs -c "$1" "$base/staff/fi/sign-in" | grep -o 'name="csrf" value="[^"]*"' | head -1 | cut -d'"' -f4
}
csrf=$(form_token "$work/form.jar")
[ -n "$csrf" ] || { echo "no form token on the sign-in page"; exit 1; }
status=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/form.jar" -c "$work/session.jar" \
    --data-urlencode "email=$email" --data-urlencode "password=$password" \
    --data-urlencode "csrf=$csrf" --data-urlencode "next=/staff/fi/" "$base/staff/fi/sign-in")
[ "$status" = 303 ] || { echo "signing in answered $status, not 303"; exit 1; }
session=$(awk '$6 == "tarina-session" { print $7 }' "$work/session.jar")
[ -n "$session" ] || { echo "signing in set no session cookie"; exit 1; }
COOKIE="Cookie: tarina-session=$session"

# Real ids for the edit forms, from the lists that link to them.
first_link() { # list-path pattern
    curl -fs -H "$COOKIE" "$base$1" | grep -o "$2" | head -1
}
action_form=$(first_link /staff/fi/actions '/staff/fi/actions/[0-9]*/progress')
indicator_form=$(first_link /staff/fi/indicators '/staff/fi/indicators/[0-9]*"' | tr -d '"')
target_form=$(first_link /staff/fi/targets '/staff/fi/targets/[0-9]*"' | tr -d '"')
pages=(/staff/fi/ /staff/fi/indicators "$action_form" "$indicator_form" /staff/fi/targets "$target_form"
    /staff/fi/audit /staff/fi/reminders /staff/fi/versions "/staff/fi/translations?target=sv")
for path in "${pages[@]}"; do
    [ -n "$path" ] || { echo "a staff list linked to no edit form: ${pages[*]}"; exit 1; }
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$COOKIE" "$base$path")
    [ "$status" = 200 ] || { echo "$path answered $status with the session cookie, not 200"; exit 1; }
done

p99s=()
failed=()
run() { # name url [header]
    echo "### $1 (${2#"$base"})"
    wrk -t1 -c64 -d"$duration" --latency ${3:+-H "$3"} "$2" > "$work/wrk.txt"
    grep -E "Requests/sec|Latency  |^ +(50|90|99)%|requests in|Non-2xx" "$work/wrk.txt"
    p99s+=("$1: $(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")")
    # A 200 from curl before the load is no promise for every answer under it.
    local bad
    bad=$(awk '/Non-2xx/ { print $NF }' "$work/wrk.txt")
    [ -z "$bad" ] || failed+=("$1: $bad of $(awk '/requests in/ { print $1 }' "$work/wrk.txt") answers not 2xx/3xx")
    echo
}
echo "## Signed-in staff pages (SQLite)"
run "staff home" "$base/staff/fi/" "$COOKIE"
run "indicator list" "$base/staff/fi/indicators" "$COOKIE"
run "action progress form" "$base$action_form" "$COOKIE"
run "indicator definition form" "$base$indicator_form" "$COOKIE"
run "targets list" "$base/staff/fi/targets" "$COOKIE"
run "target form" "$base$target_form" "$COOKIE"
run "audit log" "$base/staff/fi/audit" "$COOKIE"
run "overdue list" "$base/staff/fi/reminders" "$COOKIE"
run "strategy versions" "$base/staff/fi/versions" "$COOKIE"
run "translation queue (Swedish)" "$base/staff/fi/translations?target=sv" "$COOKIE"

echo "## The public goal page and a wrong-password flood"
run "goal page alone" "$base$GOAL"
# The control: the same load generator with as many connections, sending GETs of the sign-in page, which
# renders a form and hashes nothing: what a second load generator costs by itself.
control_csrf=$(form_token "$work/control.jar")
python3 bench/flood.py "$base/staff/fi/sign-in" "$control_csrf" "" --seconds "${duration%s}" \
    --connections 64 --control > "$work/control.txt" &
control=$!
run "goal page, second load generator on the sign-in page" "$base$GOAL"
wait "$control"
cat "$work/control.txt"
echo
# The flood: wrong passwords with a valid form token and cookie pair, a new e-mail address each time, from
# 2,000 loopback addresses (bench/flood.py), so that the per-address lockout does not stop it and the
# hasher is kept busy for the whole run.
flood_csrf=$(form_token "$work/flood.jar")
flood_cookie=$(awk '$6 == "tarina-form" { print $7 }' "$work/flood.jar")
python3 bench/flood.py "$base/staff/fi/sign-in" "$flood_csrf" "$flood_cookie" --seconds "${duration%s}" \
    --connections 64 > "$work/flood.txt" &
flood=$!
run "goal page during the wrong-password flood" "$base$GOAL"
wait "$flood"
cat "$work/flood.txt"
echo "(401 = a password hashed and refused; 429 = locked out; 503 = the hasher's queue full; 403 = form token refused)"
echo
echo "resident memory of the server: $(grep VmRSS "/proc/$server_pid/status" | awk '{print $2, $3}')"
echo
echo "## p99 (staff target: < 20 ms at 64 connections)"
printf '%s\n' "${p99s[@]}"
echo
# The flood's 503s (the hasher's queue full) are logged as failed responses too; they are the flood's answer,
# counted above, not an error of the server.
grep ERROR "$work/server.log" | grep -v "Status code: 503 Service Unavailable" > "$work/errors.txt" || true
echo "## server log: $(wc -l < "$work/errors.txt") errors besides the flood's 503s; the most frequent:"
sed 's/^.*ERROR[^ ]* //; s/latency=.*//' "$work/errors.txt" | sort | uniq -c | sort -rn | head -5
if [ ${#failed[@]} -gt 0 ]; then
    echo
    echo "FAILED: pages answered errors under load:"
    printf '  %s\n' "${failed[@]}"
    exit 1
fi
