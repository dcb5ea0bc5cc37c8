#!/usr/bin/env bash
# Real clients against the mock: runs tests/sdk/sdk.test.mjs (the official Node SDKs @alicloud/pop-core
# and @alicloud/ram20150501) against `acsconf serve --listen 127.0.0.1:0 --test-control` (the test sets a
# precondition through the control route), then stops the server with
# SIGTERM and checks it shut down cleanly.
#   ACSCONF_BIN      the binary to run (default: build/cli/acsconf, serve sub-command)
#   ACSCONF_MOCK_BIN a stand-alone mock instead (e.g. build/mock/acsconf-mock; no sub-command)
set -euo pipefail
cd "$(dirname "$0")/../.."

for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "sdk.sh: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
done

if [ -n "${ACSCONF_MOCK_BIN:-}" ]; then
  server=("$ACSCONF_MOCK_BIN" --listen 127.0.0.1:0 --test-control)
else
  bin="${ACSCONF_BIN:-build/cli/acsconf}"
  [ -x "$bin" ] || { echo "sdk.sh: $bin not built (run scripts/setup.sh)" >&2; exit 1; }
  server=("$bin" serve --listen 127.0.0.1:0 --test-control)
fi

# Lock-file install, no install scripts (the SDKs need none on Node >= 14).
if [ ! -d tests/sdk/node_modules ] || [ tests/sdk/package-lock.json -nt tests/sdk/node_modules ]; then
  (cd tests/sdk && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  touch tests/sdk/node_modules
fi

log="$(mktemp)"
# The mock must use its documented test pair, whatever credentials this shell holds.
env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET "${server[@]}" >"$log" 2>&1 &
pid=$!
cleanup() { kill -TERM "$pid" 2>/dev/null || true; rm -f "$log"; }
trap cleanup EXIT

url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "sdk.sh: the mock exited early:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "sdk.sh: the mock printed no address within 10 s:" >&2; cat "$log" >&2; exit 1; }
echo "sdk.sh: mock at $url"

status=0
(cd tests/sdk && env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET \
  ACSCONF_MOCK_URL="$url" node --test sdk.test.mjs) || status=$?

kill -TERM "$pid"
if ! wait "$pid"; then
  echo "sdk.sh: the mock did not exit cleanly on SIGTERM:" >&2; cat "$log" >&2; status=1
fi
trap - EXIT
rm -f "$log"
exit "$status"
