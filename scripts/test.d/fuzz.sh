#!/usr/bin/env bash
# Fuzzing, the CI step: builds the libFuzzer targets with clang (ASan + UBSan, build-fuzz/) and runs
# every target for ACSCONF_FUZZ_SECONDS (default 20) on its seed corpus generated from vectors/*.json,
# two at a time. Any crash or broken property fails the step (fuzz/run_all.sh prints the finding and
# keeps the input under fuzz/regressions/<target>/). Then acsconf_fuzz_cost must count coverage for the
# pure validator targets. About 5 minutes on 2 cores from a cold ccache.
#   ACSCONF_FUZZ_OSSFUZZ=1 also proves fuzz/oss-fuzz/build.sh under OSS-Fuzz's libFuzzer+ASan flags
#   (another full build: kept out of the default budget).
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v clang++ >/dev/null || { echo "fuzz.sh: clang++ not found (scripts/setup.sh installs clang)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Let ccache reuse objects compiled in another checkout of the tree (CI clones afresh each run).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=true

start=$SECONDS
ACSCONF_FUZZ_WORK="$work" bash fuzz/run_all.sh "${ACSCONF_FUZZ_SECONDS:-20}"
echo "fuzz.sh: fuzzing took $((SECONDS - start)) s"

# fuzz/README.md's counted per-input cost: the tool must see the coverage of the pure validator targets
# (a build where its callbacks are not the ones called would count 0 features).
build="${ACSCONF_FUZZ_BUILD:-build-fuzz}"
cmake --build "$build" --target acsconf_fuzz_cost -j2 >"$work/cost-build.log" 2>&1 ||
  { tail -n 30 "$work/cost-build.log" >&2; echo "fuzz.sh: acsconf_fuzz_cost did not build" >&2; exit 1; }
for target in ram_params vod_params; do
  line="$("$build/fuzz/acsconf_fuzz_cost" "$target" "$build/fuzz/corpus/$target")"
  echo "fuzz.sh: $line"
  awk '{ for (i = 2; i <= NF; ++i) if ($i == "features,") exit !($(i - 1) > 0); exit 1 }' <<<"$line" ||
    { echo "fuzz.sh: acsconf_fuzz_cost counted no coverage for $target" >&2; exit 1; }
done

if [ "${ACSCONF_FUZZ_OSSFUZZ:-0}" = 1 ]; then
  bash fuzz/oss-fuzz/check_build.sh
fi
