#!/usr/bin/env bash
# Builds (if needed) and runs every libFuzzer target for SECONDS each (default 60) on its seed corpus
# generated from vectors/*.json, then prints one line per target: exec/s, edge coverage (cov),
# features (ft), corpus size and crashes. Exit 1 when any target crashed (or broke a property);
# each crash input is minimised (when quick) and copied to fuzz/regressions/<target>/.
#
#   fuzz/run_all.sh [SECONDS]
# Environment:
#   ACSCONF_FUZZ_BUILD    build dir (default build-fuzz; configured with clang++ -DACSCONF_FUZZ=ON)
#   ACSCONF_FUZZ_TARGETS  space-separated subset of targets (default: all built)
#   ACSCONF_FUZZ_JOBS     targets fuzzed at once (default 2: the machine has 2 cores)
#   ACSCONF_FUZZ_WORK     working corpora, logs and artifacts (default fuzz/out; kept between runs
#                         so coverage accumulates)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

seconds="${1:-60}"
[[ "$seconds" =~ ^[0-9]+$ && "$seconds" -gt 0 ]] || { echo "run_all.sh: SECONDS must be a positive integer, got '$seconds'" >&2; exit 2; }
build="${ACSCONF_FUZZ_BUILD:-build-fuzz}"
jobs="${ACSCONF_FUZZ_JOBS:-2}"
work="${ACSCONF_FUZZ_WORK:-fuzz/out}"

# UBSan findings are recoverable by default (print and go on): make them stop the run like a crash.
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

command -v clang++ >/dev/null || { echo "run_all.sh: clang++ not found (scripts/setup.sh installs clang)" >&2; exit 2; }
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DACSCONF_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" --target acsconf_fuzzers -j 2 >"$build/fuzz-build.log" 2>&1 ||
  { tail -n 40 "$build/fuzz-build.log" >&2; echo "run_all.sh: fuzz build failed (log: $build/fuzz-build.log)" >&2; exit 2; }

targets=(${ACSCONF_FUZZ_TARGETS:-})
if [ "${#targets[@]}" -eq 0 ]; then
  for bin in "$build"/fuzz/*_fuzzer; do
    [ -x "$bin" ] && targets+=("$(basename "$bin" _fuzzer)")
  done
fi
[ "${#targets[@]}" -gt 0 ] || { echo "run_all.sh: no fuzz target built in $build/fuzz" >&2; exit 2; }

# libFuzzer flags from <build>/fuzz/<target>_fuzzer.options ([libfuzzer] key = value lines; generated
# from fuzz/targets.def).
options_flags() {
  local file="$build/fuzz/$1_fuzzer.options"
  [ -f "$file" ] || return 0
  awk -F= '/^\[/ {section=$0; next} section=="[libfuzzer]" && NF==2 {gsub(/[ \t]/,""); printf "-%s=%s\n", $1, $2}' "$file"
}

run_target() {  # run_target NAME: fuzzes one target; writes $work/logs/NAME.log and NAME.status
  local name="$1" bin="$root/$build/fuzz/$1_fuzzer"
  local corpus="$work/corpus/$name" artifacts="$work/artifacts/$name" seeds="$build/fuzz/corpus/$name"
  mkdir -p "$corpus" "$artifacts" "$work/logs"
  rm -f "$artifacts"/*
  local flags=(-max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$artifacts/")
  [ -f "$build/fuzz/corpus/$name.dict" ] && flags+=(-dict="$build/fuzz/corpus/$name.dict")
  mapfile -t extra < <(options_flags "$name")
  local status=0
  "$bin" "${flags[@]}" "${extra[@]}" "$corpus" "$seeds" >"$work/logs/$name.log" 2>&1 || status=$?
  echo "$status" >"$work/logs/$name.status"
}

for name in "${targets[@]}"; do
  [ -x "$build/fuzz/${name}_fuzzer" ] || { echo "run_all.sh: unknown target '$name'" >&2; exit 2; }
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  echo "run_all.sh: fuzzing $name for ${seconds}s"
  run_target "$name" &
done
wait

crashed=0
printf '\n%-24s %10s %8s %8s %8s %8s  %s\n' target exec/s cov ft corpus crashes status
for name in "${targets[@]}"; do
  log="$work/logs/$name.log"
  status="$(cat "$work/logs/$name.status" 2>/dev/null || echo 99)"
  execs="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
  cov="$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')"
  ft="$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | awk '{print $2}')"
  corpus_size="$(find "$work/corpus/$name" -type f | wc -l)"
  mapfile -t found < <(find "$work/artifacts/$name" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \))
  verdict=ok
  if [ "$status" -ne 0 ] || [ "${#found[@]}" -gt 0 ]; then
    verdict="FAILED (exit $status, log $log)"
    crashed=1
  fi
  printf '%-24s %10s %8s %8s %8s %8s  %s\n' "$name" "${execs:--}" "${cov:--}" "${ft:--}" "$corpus_size" "${#found[@]}" "$verdict"
  for artifact in "${found[@]}"; do
    mkdir -p "fuzz/regressions/$name"
    kept="fuzz/regressions/$name/$(basename "$artifact")"
    # A minimised input is easier to route; give up after a short while and keep the original.
    if ! timeout 60 "$build/fuzz/${name}_fuzzer" -minimize_crash=1 -max_total_time=30 \
         -exact_artifact_path="$kept" "$artifact" >"$work/logs/$name.minimize.log" 2>&1 || [ ! -s "$kept" ]; then
      cp "$artifact" "$kept"
    fi
    echo "  kept $kept"
  done
done
if [ "$crashed" -ne 0 ]; then
  echo "run_all.sh: a target crashed or broke a property; see the logs above" >&2
  grep -h -A3 -E 'acsconf fuzz property violated|ERROR: (AddressSanitizer|libFuzzer|UndefinedBehaviorSanitizer)|runtime error:' \
    "$work"/logs/*.log | head -n 40 >&2 || true
  exit 1
fi
echo "run_all.sh: ${#targets[@]} targets, ${seconds}s each, no crash"
