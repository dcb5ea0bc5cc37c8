#!/usr/bin/env bash
# The mock's throughput against nginx, side by side in ONE run, with the same wrk settings:
#   1. BENCH_ROUNDS rounds (default 3), each nginx (worker_processes 1, a static JSON body) for 10 s
#      and then acsconf-mock --threads 1 (a fresh process) for 10 s: each round's ratio compares two
#      runs made seconds apart, and the median of the rounds is the figure (a shared machine's load
#      drifts; alternating keeps the drift out of the ratio);
#   2. acsconf-mock --threads 1, 40 s (fresh process): does the rate hold, how much memory?
# Every request is a fresh V1-signed DetachPolicyFromUser with a unique nonce (bench/wrk/
# v1_signed_detach.lua); nginx gets the same requests. Peak RSS is the server's VmHWM at the end.
# Writes its own section of docs/performance.md (between the mock-vs-nginx markers) and prints it.
# Targets (issue "Under load and abuse"): mock >= 0.5x nginx; 40 s rate >= 0.8x the 10 s rate; peak
# RSS <= 512 MiB. Not part of CI (it needs a quiet machine and ~70 s).
#   ACSCONF_MOCK_BIN  the mock (default build/mock/acsconf-mock)
#   BENCH_CONNECTIONS wrk -c (default 16), BENCH_SHORT / BENCH_LONG seconds (default 10 / 40),
#   BENCH_ROUNDS (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh

mock_bin="${ACSCONF_MOCK_BIN:-build/mock/acsconf-mock}"
connections="${BENCH_CONNECTIONS:-16}"
short="${BENCH_SHORT:-10}"
long="${BENCH_LONG:-40}"
rounds="${BENCH_ROUNDS:-3}"
script="bench/wrk/v1_signed_detach.lua"
[ -x "$mock_bin" ] || { echo "mock_vs_nginx.sh: $mock_bin not built (cmake --build build --target acsconf-mock)" >&2; exit 1; }

# wrk and nginx are Debian packages; install them when missing (not needed by CI).
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

machine_at_start="$(bench_machine)"
work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
peak_mib() { awk '/^VmHWM:/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }
# "Requests/sec: 12345.67" → 12345.67
rate_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
# wrk's server pinned apart from wrk when there are two CPUs or more.
cpus="$(nproc)"
pin_server=(); pin_wrk=()
if [ "$cpus" -ge 2 ]; then pin_server=(taskset -c 1); pin_wrk=(taskset -c 0); fi

cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz}' "/proc/$1/stat"; }
# run_wrk URL SECONDS NAME SERVER_PID: wrk's output in NAME.wrk; "SERVER_CPU_S WRK_CPU_S" in NAME.cpu
# (CPU seconds each spent during the run: a server below 100 % of its CPU was waiting for wrk).
run_wrk() {
  local before after
  before="$(cpu_seconds "$4")"
  "${pin_wrk[@]}" python3 -c 'import resource, subprocess, sys
with open(sys.argv[1], "w") as log: subprocess.run(sys.argv[2:], stdout=log, stderr=subprocess.STDOUT)
r = resource.getrusage(resource.RUSAGE_CHILDREN); print("%.2f" % (r.ru_utime + r.ru_stime))' \
    "$work/$3.wrk" wrk -t1 -c"$connections" -d"$2"s --latency -s "$script" "$1" >"$work/$3.wrk_cpu"
  after="$(cpu_seconds "$4")"
  echo "$(python3 -c "print('%.2f' % ($after - $before))") $(cat "$work/$3.wrk_cpu")" >"$work/$3.cpu"
}

start_mock() {  # → sets mock_pid, mock_url
  local log="$work/mock.$RANDOM.log"
  env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET \
    "${pin_server[@]}" "$mock_bin" --listen 127.0.0.1:0 --threads 1 >"$log" 2>&1 &
  mock_pid=$!
  pids+=("$mock_pid")
  mock_url=""
  for _ in $(seq 1 100); do
    mock_url="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$log" | head -n1 || true)"
    [ -n "$mock_url" ] && return 0
    sleep 0.1
  done
  echo "mock_vs_nginx.sh: the mock printed no address:" >&2; cat "$log" >&2; exit 1
}

# --- nginx: one worker, a static JSON body -------------------------------------------------------
nginx_port="$(free_port)"
mkdir -p "$work/nginx/logs"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      default_type application/json;
      return 200 '{"RequestId":"697852FB-50D7-44D9-9774-530C31EAC572"}';
    }
  }
}
EOF
"${pin_server[@]}" "$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_master=$!
pids+=("$nginx_master")
for _ in $(seq 1 50); do curl -fsS "http://127.0.0.1:$nginx_port/" >/dev/null 2>&1 && break; sleep 0.1; done
nginx_worker="$(pgrep -P "$nginx_master" | head -n1)"

# --- the mock: a check that it answers what a signed detach should get ------------------------------
# The mock must answer what a signed detach of a missing user gets (not a refusal such as
# SignatureDoesNotMatch, SignatureNonceUsed or a 503 from a full nonce store, which would be cheaper).
check_mock() {  # WHEN
  ACSCONF_WRK_EXPECT="404 EntityNotExist.User" wrk -t1 -c1 -d1s -s "$script" "$mock_url" >"$work/check.wrk" 2>&1
  if grep -q '^unexpected:' "$work/check.wrk"; then
    echo "mock_vs_nginx.sh: $1, the mock did not answer the signed requests as expected:" >&2
    cat "$work/check.wrk" >&2; exit 1
  fi
}
start_mock
check_mock "before the runs"
kill -TERM "$mock_pid"; wait "$mock_pid" 2>/dev/null || true

# "SERVER% WRK% REQUESTS-PER-SERVER-CPU-SECOND" of run NAME lasting SECONDS at RATE.
cpu_figures() {  # NAME SECONDS RATE
  local server wrk_cpu
  read -r server wrk_cpu <"$work/$1.cpu"
  python3 -c "s, w, d, r = $server, $wrk_cpu, $2, $3; print('%d %%|%d %%|%s' % (100 * s / d, 100 * w / d, format(round(r * d / s), ',') if s > 0 else '-'))"
}
latency() { awk '/^    Latency/ {print $2 " avg, " $4 " max"}' "$1"; }
ratio() { python3 -c "print(f'{$1/$2:.2f}')"; }
median() { python3 -c "import statistics, sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]):.2f}')" "$@"; }
row() {  # LABEL NAME SECONDS RATE RSS
  local cpu wrk_cpu per_cpu
  IFS='|' read -r cpu wrk_cpu per_cpu <<<"$(cpu_figures "$2" "$3" "$4")"
  echo "| $1 | $4 | $(latency "$work/$2.wrk") | $cpu | $wrk_cpu | $per_cpu | $5 MiB |"
}

# --- rounds: nginx, then a fresh mock, alternating ------------------------------------------------
rows=""
rate_ratios=(); cpu_ratios=(); mock_rates=()
for round in $(seq 1 "$rounds"); do
  echo "mock_vs_nginx.sh: round $round/$rounds: nginx ${short} s ..."
  run_wrk "http://127.0.0.1:$nginx_port" "$short" "nginx$round" "$nginx_worker"
  nginx_rate="$(rate_of "$work/nginx$round.wrk")"
  echo "mock_vs_nginx.sh: round $round/$rounds: mock ${short} s ..."
  start_mock
  run_wrk "$mock_url" "$short" "mock$round" "$mock_pid"
  mock_rate="$(rate_of "$work/mock$round.wrk")"
  mock_rss="$(peak_mib "$mock_pid")"
  kill -TERM "$mock_pid"; wait "$mock_pid" 2>/dev/null || true
  IFS='|' read -r _ _ nginx_per_cpu <<<"$(cpu_figures "nginx$round" "$short" "$nginx_rate")"
  IFS='|' read -r _ _ mock_per_cpu <<<"$(cpu_figures "mock$round" "$short" "$mock_rate")"
  rate_ratios+=("$(ratio "$mock_rate" "$nginx_rate")")
  cpu_ratios+=("$(ratio "${mock_per_cpu//,/}" "${nginx_per_cpu//,/}")")
  mock_rates+=("$mock_rate")
  rows+="$(row "round $round: nginx, ${short} s" "nginx$round" "$short" "$nginx_rate" "$(peak_mib "$nginx_worker")")"$'\n'
  rows+="$(row "round $round: mock, ${short} s" "mock$round" "$short" "$mock_rate" "$mock_rss")"$'\n'
done
kill -TERM "$nginx_master"; wait "$nginx_master" 2>/dev/null || true

# --- the long run: does the rate hold, and memory stay bounded? -----------------------------------
start_mock
echo "mock_vs_nginx.sh: mock ${long} s ..."
run_wrk "$mock_url" "$long" mock_long "$mock_pid"
mock_long_rate="$(rate_of "$work/mock_long.wrk")"
mock_long_rss="$(peak_mib "$mock_pid")"
check_mock "after the ${long} s run"
kill -TERM "$mock_pid"; wait "$mock_pid" 2>/dev/null || true
rows+="$(row "mock, ${long} s" mock_long "$long" "$mock_long_rate" "$mock_long_rss")"

vs_nginx="$(median "${rate_ratios[@]}")"
per_cpu_vs_nginx="$(median "${cpu_ratios[@]}")"
mock_short_rate="$(median "${mock_rates[@]}")"
long_vs_short="$(ratio "$mock_long_rate" "$mock_short_rate")"
verdict() { python3 -c "print('met' if $1 else 'NOT met')"; }

text="$(cat <<EOF
## The mock against nginx

\`bash bench/mock_vs_nginx.sh\` on $(date -u +%Y-%m-%d) ($machine_at_start at the start; a shared machine, so
absolute figures move between runs: the ratios, each between two runs made seconds apart, are what counts).
One server worker each (\`acsconf-mock --threads 1\`, nginx \`worker_processes 1\` returning a static JSON body),
each pinned to a CPU apart from wrk's, \`wrk -t1 -c$connections\`, the same Lua script for both (so wrk's own
signing cost is the same on both sides): every request a fresh V1-signed \`DetachPolicyFromUser\` with a unique
nonce (the mock verifies the signature, the time window and the nonce, and answers 404 \`EntityNotExist.User\`
from the model; checked before the runs and again after the ${long} s run, on the same process). $rounds rounds
of nginx then a fresh mock, then one ${long} s mock run.

| run | requests/s | latency | server CPU | wrk CPU | requests per server CPU-second | peak RSS |
|---|---:|---|---:|---:|---:|---:|
$rows

A server below 100 % of its CPU was waiting for wrk (which signs every request): its requests/s is then
wrk's limit, not its own, and requests per server CPU-second is the fairer comparison. Read both: a
server that is not saturated also spends somewhat more CPU per request than a saturated one would.

- mock / nginx, median of the rounds' ratios: **${vs_nginx}×** requests/s (target ≥ 0.5×: $(verdict "$vs_nginx >= 0.5"));
  **${per_cpu_vs_nginx}×** requests per server CPU-second (rounds: ${cpu_ratios[*]})
- mock ${long} s / median ${short} s rate: **${long_vs_short}×** (target ≥ 0.8×: $(verdict "$long_vs_short >= 0.8"))
- mock peak RSS over ${long} s: **$mock_long_rss MiB** (target ≤ 512 MiB: $(verdict "$mock_long_rss <= 512"))
EOF
)"
write_performance_section mock-vs-nginx "$text"
