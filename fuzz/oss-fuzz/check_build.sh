#!/usr/bin/env bash
# Proves fuzz/oss-fuzz/build.sh works outside Docker: runs it with temporary $SRC/$OUT/$WORK and the
# flags OSS-Fuzz sets for libFuzzer + ASan, then runs every binary in $OUT for a few seconds on its
# unzipped seed corpus, with its dictionary and options, the way a fuzzing bot would.
# Every target of fuzz/targets.def must be in $OUT with its .options and .dict (and the example plugin
# plugin_differential loads).
#   bash fuzz/oss-fuzz/check_build.sh [SECONDS]   (default 5; ACSCONF_OSSFUZZ_KEEP=1 keeps the dirs;
#                                                  ACSCONF_OSSFUZZ_RUNS=N runs each N inputs instead)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
seconds="${1:-5}"
tmp="$(mktemp -d)"
[ "${ACSCONF_OSSFUZZ_KEEP:-0}" = 1 ] || trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src" "$tmp/out" "$tmp/work"
ln -s "$root" "$tmp/src/acsconf"

export SRC="$tmp/src" OUT="$tmp/out" WORK="$tmp/work"
export CC=clang CXX=clang++
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
bash "$root/fuzz/oss-fuzz/build.sh" >"$tmp/build.log" 2>&1 || { tail -n 40 "$tmp/build.log" >&2; exit 1; }

failed=0
for target in $(sed -n 's/^ACSCONF_FUZZ_TARGET(\([a-z0-9_]*\),.*/\1/p' "$root/fuzz/targets.def"); do
  [ -x "$OUT/${target}_fuzzer" ] || { echo "check_build.sh: fuzz/targets.def lists $target but $OUT/${target}_fuzzer was not built" >&2; failed=1; }
done
[ -f "$OUT/libacsconf_mock_plugin.so" ] || { echo "check_build.sh: $OUT/libacsconf_mock_plugin.so missing (plugin_differential loads it)" >&2; failed=1; }
budget=(-max_total_time="$seconds")
[ -z "${ACSCONF_OSSFUZZ_RUNS:-}" ] || budget=(-runs="$ACSCONF_OSSFUZZ_RUNS")
for bin in "$OUT"/*_fuzzer; do
  name="$(basename "$bin")"
  for required in "$name.dict" "$name.options" "${name}_seed_corpus.zip"; do
    [ -f "$OUT/$required" ] || { echo "check_build.sh: $OUT/$required missing" >&2; failed=1; }
  done
  corpus="$tmp/corpus/$name"
  mkdir -p "$corpus"
  [ -f "$OUT/${name}_seed_corpus.zip" ] && unzip -q -o "$OUT/${name}_seed_corpus.zip" -d "$corpus"
  extra=()
  while IFS= read -r line; do extra+=("$line"); done < <(
    awk -F= '/^\[/ {s=$0; next} s=="[libfuzzer]" && NF==2 {gsub(/[ \t]/,""); printf "-%s=%s\n",$1,$2}' "$OUT/$name.options")
  status=0
  (cd "$tmp" && "$bin" "${budget[@]}" -print_final_stats=1 -dict="$OUT/$name.dict" \
      -artifact_prefix="$tmp/" "${extra[@]}" "$corpus" >"$tmp/$name.log" 2>&1) || status=$?
  printf '%-28s exit %d  %s exec/s, cov %s\n' "$name" "$status" \
    "$(sed -n 's/^stat::average_exec_per_sec: *//p' "$tmp/$name.log")" \
    "$(grep -o 'cov: [0-9]*' "$tmp/$name.log" | tail -n 1 | awk '{print $2}')"
  [ "$status" -eq 0 ] || { tail -n 30 "$tmp/$name.log" >&2; failed=1; }
done
[ "$failed" -eq 0 ] && echo "check_build.sh: OSS-Fuzz build.sh works; every target of fuzz/targets.def ran (${budget[*]})"
exit "$failed"
