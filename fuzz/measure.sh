#!/usr/bin/env bash
# Measures every fuzz target's speed against an empty libFuzzer target built with the same flags, in
# ONE run on this machine: the empty target, then each target of fuzz/targets.def, one at a time,
# SECONDS each (default 10) from an empty corpus with the target's max_len, then the empty target
# again (the reference is the mean of the two, so drift in the machine's load shows). Prints a
# Markdown table (exec/s, ratio to the empty target); with --write it replaces the measured section
# of fuzz/README.md and docs/performance.md.
#   fuzz/measure.sh [SECONDS] [--write]
#   ACSCONF_FUZZ_BUILD (default build-fuzz), ACSCONF_FUZZ_TARGETS (subset)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=10
write=0
for arg in "$@"; do
  case "$arg" in
    --write) write=1 ;;
    *) [[ "$arg" =~ ^[0-9]+$ && "$arg" -gt 0 ]] || { echo "measure.sh: SECONDS must be a positive integer, got '$arg'" >&2; exit 2; }
       seconds="$arg" ;;
  esac
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

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"  # other work on the machine shows in the absolute figures
empty_before="$(exec_per_sec "$build/fuzz/measure_empty_target" 1024)"
declare -A rate
for name in "${targets[@]}"; do
  rate[$name]="$(exec_per_sec "$build/fuzz/${name}_fuzzer" "$(max_len_of "$name")")"
done
empty_after="$(exec_per_sec "$build/fuzz/measure_empty_target" 1024)"
empty=$(( (empty_before + empty_after) / 2 ))

table="$work/table.md"
{
  echo "Measured $(date -u +%Y-%m-%d) by \`fuzz/measure.sh $seconds\` on $(nproc) cores: ASan+UBSan+libFuzzer (clang"
  echo "$(clang++ --version | sed -n 's/.*clang version \([0-9.]*\).*/\1/p' | head -n 1)), ${seconds} s per target from an empty corpus, one target at a time; empty target"
  echo "$empty_before exec/s before and $empty_after after the targets (reference: their mean, $empty). Load"
  echo "average $load_before before the run, $(cut -d' ' -f1-3 /proc/loadavg) after."
  echo
  echo "| target | exec/s | × empty target |"
  echo "|---|---:|---:|"
  echo "| empty libFuzzer target, same flags | $empty | 1 |"
  for name in "${targets[@]}"; do
    printf '| %s | %s | %s |\n' "$name" "${rate[$name]}" "$(awk -v a="${rate[$name]}" -v b="$empty" 'BEGIN { printf (a / b >= 0.01 ? "%.2f" : "%.4f"), a / b }')"
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
