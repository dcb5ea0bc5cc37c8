#!/usr/bin/env bash
# Measures every fuzz target's speed against an empty libFuzzer target built with the same flags, in
# ONE run on this machine. Each target of fuzz/targets.def is paired with a run of the empty target just
# before it (SECONDS each, default 10, from an empty corpus, with the target's max_len for both), and the
# pair gives one ratio: two runs seconds apart see the same load on this shared machine. With --rounds N
# (default 1) every target gets N pairs, and the table gives the median exec/s and the median of the
# pairs' ratios, with each ratio listed: a 10 s run from an empty corpus explores a different path each
# time, and some targets' cost per input depends on how deep it goes. Prints a Markdown table; with
# --write it replaces the measured section of fuzz/README.md and docs/performance.md.
#   fuzz/measure.sh [SECONDS] [--rounds N] [--write]
#   ACSCONF_FUZZ_BUILD (default build-fuzz), ACSCONF_FUZZ_TARGETS (subset)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10
rounds=1
write=0
positive() { [[ "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { echo "measure.sh: $1 must be a positive integer, got '$2'" >&2; exit 2; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --write) write=1 ;;
    --rounds) [ $# -ge 2 ] || { echo "measure.sh: --rounds needs a number" >&2; exit 2; }
              positive --rounds "$2"; rounds="$2"; shift ;;
    *) positive SECONDS "$1"; seconds="$1" ;;
  esac
  shift
done
build="${ACSCONF_FUZZ_BUILD:-build-fuzz}"
command -v clang++ >/dev/null || { echo "measure.sh: clang++ not found (scripts/setup.sh installs clang)" >&2; exit 2; }
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DACSCONF_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
build="$(cd "$build" && pwd)"  # absolute: each fuzzer runs from a scratch directory
cmake --build "$build" --target acsconf_fuzzers -j 2 >"$build/measure-build.log" 2>&1 ||
  { tail -n 40 "$build/measure-build.log" >&2; echo "measure.sh: build failed" >&2; exit 2; }

targets=(${ACSCONF_FUZZ_TARGETS:-$(sed -n 's/^ACSCONF_FUZZ_TARGET(\([a-z0-9_]*\),.*/\1/p' fuzz/targets.def)})
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"

# exec_per_sec BINARY MAX_LEN: libFuzzer's own average over the run.
exec_per_sec() {
  local corpus="$work/corpus-$(basename "$1")-$RANDOM"
  mkdir -p "$corpus"
  (cd "$work" && "$1" -max_total_time="$seconds" -max_len="$2" -print_final_stats=1 -artifact_prefix="$work/" "$corpus" \
      >"$work/log" 2>&1) || { tail -n 20 "$work/log" >&2; echo "measure.sh: $(basename "$1") failed" >&2; exit 1; }
  sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log" | tail -n 1
}
max_len_of() { sed -n 's/^max_len = //p' "$build/fuzz/$1_fuzzer.options"; }

# median VALUES...: the middle value (the mean of the two middle ones for an even count).
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"  # other work on the machine shows in the absolute figures
declare -A rate ratio ratios empty_rates
for name in "${targets[@]}"; do
  max_len="$(max_len_of "$name")"
  target_runs=() pair_ratios=() empty_runs=()
  for ((round = 1; round <= rounds; ++round)); do
    empty="$(exec_per_sec "$build/fuzz/measure_empty_target" "$max_len")"
    target="$(exec_per_sec "$build/fuzz/${name}_fuzzer" "$max_len")"
    empty_runs+=("$empty") target_runs+=("$target")
    pair_ratios+=("$(awk -v a="$target" -v b="$empty" 'BEGIN { printf "%.4g", a / b }')")
  done
  rate[$name]="$(median "${target_runs[@]}")"
  empty_rates[$name]="$(median "${empty_runs[@]}")"
  ratio[$name]="$(median "${pair_ratios[@]}")"
  ratios[$name]="${pair_ratios[*]}"
done

# Two significant digits at least, so the small ratios of the slow targets still say something.
format_ratio() { awk -v r="$1" 'BEGIN { printf (r >= 0.01 ? "%.2f" : "%.4f"), r }'; }
table="$work/table.md"
{
  echo "Measured $(date -u +%Y-%m-%d) by \`fuzz/measure.sh $seconds --rounds $rounds\` on $(nproc) cores: ASan+UBSan+libFuzzer (clang"
  echo "$(clang++ --version | sed -n 's/.*clang version \([0-9.]*\).*/\1/p' | head -n 1)), ${seconds} s per run from an empty corpus, one run at a time; each target run"
  echo "paired with a run of the empty target (same flags, same max_len) just before it; with several rounds, the"
  echo "medians. Load average $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after."
  echo
  echo "| target | exec/s | empty target, exec/s | × empty target | each round |"
  echo "|---|---:|---:|---:|---|"
  for name in "${targets[@]}"; do
    each=""
    for r in ${ratios[$name]}; do each+="${each:+, }$(format_ratio "$r")"; done
    printf '| %s | %.0f | %.0f | %s | %s |\n' "$name" "${rate[$name]}" "${empty_rates[$name]}" "$(format_ratio "${ratio[$name]}")" "$each"
  done
} >"$table"
cat "$table"

# Replaces the lines between the markers in FILE with the table (the rest of FILE is untouched).
replace_section() {
  local file="$1" begin="<!-- fuzz/measure.sh begin -->" end="<!-- fuzz/measure.sh end -->"
  grep -qF "$begin" "$file" || { echo "measure.sh: no '$begin' marker in $file" >&2; exit 1; }
  awk -v b="$begin" -v e="$end" -v t="$table" '
    $0 == b { print; while ((getline line < t) > 0) print line; skip = 1; next }
    $0 == e { skip = 0 }
    !skip { print }' "$file" >"$file.new" && mv "$file.new" "$file"
}
if [ "$write" = 1 ]; then
  replace_section fuzz/README.md
  replace_section docs/performance.md
  echo "measure.sh: wrote the table into fuzz/README.md and docs/performance.md"
fi
