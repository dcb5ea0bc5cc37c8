#!/usr/bin/env bash
# Reports, checked like a user would (needs a full build: build/cli/acsconf):
#  1. regression gate: run the whole suite on the bundled endpoints, diff against the committed
#     reports/baseline/result.json (run ids, timestamps, request ids, durations never count), fail on a
#     regression; validate the JUnit file of that run against reports/schema/junit.xsd with xmllint.
#  2. the HTML of a run WITH failures (a deliberate deviation of the in-process model) opened in headless
#     Chromium: the rendered DOM must show the FAIL verdict, a failing vector id, and the filter script's
#     output (so the inline JS ran). ACSCONF_UPDATE_SCREENSHOT=1 refreshes docs/report-failures.png.
# Environment:
#   ACSCONF_BIN        the binary (default build/cli/acsconf)
#   ACSCONF_BASELINE_ENDPOINTS  endpoints of step 1 (default "inprocess mock"; the diff compares by vector
#                      id, so every faithful endpoint must match the one baseline)
#   ACSCONF_DEVIATION  deviation id for step 2 (default: the first one `acsconf deviations` lists)
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="${ACSCONF_BIN:-build/cli/acsconf}"
[ -x "$bin" ] || { echo "reports.sh: $bin not built (run scripts/setup.sh)" >&2; exit 1; }

# Tools from Debian, installed only when missing (xmllint: libxml2-utils; chromium; a CJK font).
missing=()
command -v xmllint >/dev/null || missing+=(libxml2-utils)
command -v chromium >/dev/null || missing+=(chromium)
# Vector comments and messages carry CJK text; without a CJK font the screenshot shows boxes.
command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "reports.sh: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# ---- 1. regression gate against the baseline -------------------------------------------------------
# Every bundled endpoint must give the baseline's answers: the model in process and the mock over HTTP.
regressed=0
for endpoint in ${ACSCONF_BASELINE_ENDPOINTS:-inprocess mock}; do
  status=0
  "$bin" run --endpoint "$endpoint" --report-dir "$work/run-$endpoint" >"$work/run-$endpoint.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 1 ] && [ "$status" -ne 3 ]; then
    cat "$work/run-$endpoint.log" >&2
    echo "reports.sh: acsconf run --endpoint $endpoint failed to start (exit $status)" >&2
    exit 1
  fi
  [ -s "$work/run-$endpoint/result.json" ] || { echo "reports.sh: $endpoint: no result.json written" >&2; exit 1; }

  status=0
  "$bin" diff reports/baseline/result.json "$work/run-$endpoint/result.json" --markdown "$work/diff-$endpoint.md" \
    >"$work/diff-$endpoint.txt" || status=$?
  case "$status" in
    0) echo "reports.sh: $endpoint: no regression against reports/baseline/result.json" ;;
    1) head -n 40 "$work/diff-$endpoint.txt" >&2
       echo "reports.sh: $endpoint: REGRESSION against reports/baseline/result.json" >&2
       regressed=1 ;;
    *) echo "reports.sh: diff could not read a result file (exit $status)" >&2; exit 1 ;;
  esac

  "$bin" report "$work/run-$endpoint/result.json" --junit "$work/junit-$endpoint.xml" >/dev/null
  xmllint --noout --schema reports/schema/junit.xsd "$work/junit-$endpoint.xml"
done
[ "$regressed" -eq 0 ] || exit 1

# ---- 2. a failing run's HTML, as a browser renders it ---------------------------------------------
# awk reads to the end: exiting early would SIGPIPE the writer (exit 141 under pipefail).
deviation="${ACSCONF_DEVIATION:-$("$bin" deviations | awk -F'\t' 'NF && !found {print $1; found = 1}')}"
[ -n "$deviation" ] || { echo "reports.sh: no deviation to run with" >&2; exit 1; }
status=0
"$bin" run --endpoint inprocess --deviation "$deviation" --report-dir "$work/dev" >"$work/dev.log" 2>&1 || status=$?
if [ "$status" -ne 1 ]; then
  cat "$work/dev.log" >&2
  echo "reports.sh: a run with deviation $deviation should fail (exit 1), got exit $status" >&2
  exit 1
fi
"$bin" report "$work/dev/result.json" --html "$work/dev/report.html" --markdown "$work/dev/summary.md" >/dev/null
failing_id="$(sed -n 's/^- \*\*FAIL\*\* `\([^`]*\)`.*/\1/p' "$work/dev/summary.md" | sed -n 1p)"
[ -n "$failing_id" ] || { cat "$work/dev/summary.md" >&2; echo "reports.sh: no failing vector listed" >&2; exit 1; }

chrome=(chromium --headless --no-sandbox --disable-gpu --disable-background-networking
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile")
"${chrome[@]}" --dump-dom "file://$work/dev/report.html" >"$work/dom.html" 2>"$work/chromium.log"
"${chrome[@]}" --screenshot="$work/report.png" --window-size=1280,2000 "file://$work/dev/report.html" \
  >>"$work/chromium.log" 2>&1

check() {  # check <description> <fixed string>
  grep -qF -- "$2" "$work/dom.html" || { echo "reports.sh: rendered page lacks $1: $2" >&2; exit 1; }
}
check "the verdict" "<h1>FAIL</h1>"
check "the failing vector" "$failing_id"
check "the filter script's output" "vectors shown</span>"
[ -s "$work/report.png" ] || { cat "$work/chromium.log" >&2; echo "reports.sh: no screenshot" >&2; exit 1; }
echo "reports.sh: HTML of a failing run renders (deviation $deviation, first failure $failing_id)"

if [ "${ACSCONF_UPDATE_SCREENSHOT:-0}" = 1 ]; then
  mkdir -p docs
  cp "$work/report.png" docs/report-failures.png
  echo "reports.sh: updated docs/report-failures.png"
fi
