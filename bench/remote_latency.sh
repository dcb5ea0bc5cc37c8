#!/usr/bin/env bash
# The full suite against a far endpoint, side by side in ONE run:
#   1. `acsconf serve --latency-ms 50` (every answer 50 ms late), `acsconf run --jobs 1`;
#   2. the same server, `acsconf run` with the default jobs;
#   3. for reference, the in-process model and the plain bundled mock (no latency), default jobs.
# Reports wall time, the serial/parallel ratio and exchanges per vector (from result.json).
# Writes its own section of docs/performance.md (between the remote-latency markers) and prints it.
# Targets (issue "Remote endpoints: fast, lean and safe"): default jobs <= 10 s; <= 3.5 exchanges per
# vector; in-process and plain mock no slower than before (0.06 s, 0.18 s). Not part of CI (~70 s).
#   ACSCONF_BIN      the CLI (default build/cli/acsconf)
#   BENCH_LATENCY_MS the server's delay (default 50)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

bin="${ACSCONF_BIN:-build/cli/acsconf}"
latency="${BENCH_LATENCY_MS:-50}"
[ -x "$bin" ] || { echo "remote_latency.sh: $bin not built (cmake --build build --target acsconf)" >&2; exit 1; }

machine_at_start="$(bench_machine)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$bin" serve --listen 127.0.0.1:0 --latency-ms "$latency" >"$work/serve.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$work/serve.log" | head -n 1)"
  [ -n "$url" ] && break
  sleep 0.05
done
[ -n "$url" ] || { cat "$work/serve.log" >&2; echo "remote_latency.sh: the server did not start" >&2; exit 1; }

# run NAME ENDPOINT [ARGS...]: wall seconds, exchanges, vectors and exit code into $work/NAME.*
run() {
  local name="$1" endpoint="$2"
  shift 2
  local start end rc=0
  start="$(date +%s.%N)"
  "$bin" run --endpoint "$endpoint" --report-dir "$work/$name" "$@" >"$work/$name.out" 2>&1 || rc=$?
  end="$(date +%s.%N)"
  python3 - "$work/$name/result.json" "$start" "$end" "$rc" >"$work/$name.fig" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))
vectors = len(result["vectors"])
outcomes = result["summary"]["outcomes"]
print("%.2f %d %d %.2f %s %d/%d/%d/%d %s" % (float(sys.argv[3]) - float(sys.argv[2]), result["run"]["exchanges"], vectors,
      result["summary"]["exchangesPerVector"], result["run"]["jobs"], outcomes["pass"], outcomes["fail"],
      outcomes["error"], outcomes["skip"], sys.argv[4]))
PY
}

run serial "$url" --jobs 1
run parallel "$url"
run inprocess inprocess
run mock mock

read -r s_time s_ex s_vec s_per s_jobs s_out s_rc <"$work/serial.fig"
read -r p_time p_ex p_vec p_per p_jobs p_out p_rc <"$work/parallel.fig"
read -r i_time i_ex i_vec i_per i_jobs i_out i_rc <"$work/inprocess.fig"
read -r m_time m_ex m_vec m_per m_jobs m_out m_rc <"$work/mock.fig"
ratio="$(python3 -c "print('%.1f' % ($s_time / $p_time))")"

text="$(cat <<EOF
## The suite against a far endpoint (\`bench/remote_latency.sh\`)

\`bash bench/remote_latency.sh\` on $(date -u +%Y-%m-%d) ($machine_at_start at the start, a shared machine): the whole
suite against \`acsconf serve --latency-ms $latency\` (every answer ${latency} ms late, on loopback), with one
job and with the default jobs, in one run; the in-process model and the plain bundled mock for reference.
Outcomes are pass/fail/error/skip (the server runs without \`--test-control\`, so the precondition
vectors skip).

| run | jobs | wall time | exchanges | per vector | outcomes | exit |
|---|---|---|---|---|---|---|
| serve --latency-ms $latency, \`--jobs 1\` | $s_jobs | ${s_time} s | $s_ex | $s_per | $s_out | $s_rc |
| serve --latency-ms $latency, default jobs | $p_jobs | **${p_time} s** | $p_ex | **$p_per** | $p_out | $p_rc |
| in-process | $i_jobs | ${i_time} s | $i_ex | $i_per | $i_out | $i_rc |
| bundled mock (\`--endpoint mock\`) | $m_jobs | ${m_time} s | $m_ex | $m_per | $m_out | $m_rc |

Default jobs are **${ratio}x** faster than one job. The targets of issue 9 (remote endpoints) were set
on the suite of that time, 206 vectors in JSON only: default jobs at most 10 s (before: one job, 56.6 s);
at most 3.5 exchanges per vector (before: 5.6); in-process and plain mock no slower than before (0.06 s and
0.18 s). The suite has grown since: XML instances of every format-sensitive vector, the gateway
\`request.fault\` vectors, and a read-only check after every fixture step (so that an endpoint that says yes
to everything cannot pass), which is where most of the extra exchanges per vector come from (README,
"Lean runs"). Compare the rows of one run with each other; the in-process and mock
rows are CPU-bound and move with the machine's load, the latency rows are bound by waiting.
EOF
)"
write_performance_section remote-latency "$text"
