#!/usr/bin/env bash
# Browser-based quality gates for Tarina: axe-core, keyboard navigation, Nu HTML Checker.
# Usage: qa/web/run.sh BASE_URL OUT_DIR      e.g. qa/web/run.sh http://127.0.0.1:18100 /tmp/qa-web-out
# Needs: node >= 20 with npm, java >= 11, Debian's chromium at /usr/bin/chromium (apt-get install chromium).
set -euo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 BASE_URL OUT_DIR" >&2
  exit 2
fi
BASE_URL=$1
OUT_DIR=$2
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

for tool in node npm java; do
  command -v "$tool" >/dev/null || { echo "qa-web: '$tool' not found on PATH" >&2; exit 2; }
done
CHROMIUM=${QA_CHROMIUM:-/usr/bin/chromium}
[ -x "$CHROMIUM" ] || { echo "qa-web: $CHROMIUM not found (apt-get install chromium)" >&2; exit 2; }

# Dependencies from the lockfile. No install scripts: playwright-core has none that matter, and
# vnu-jar's would try to download a Java runtime; we use the system java and no downloaded browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
(cd "$HERE" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

mkdir -p "$OUT_DIR"
exec node "$HERE/check.mjs" "$BASE_URL" "$OUT_DIR"
