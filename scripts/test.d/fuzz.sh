#!/usr/bin/env bash
# Fuzzing, the CI step: builds the libFuzzer targets with clang (ASan + UBSan, build-fuzz/) and runs
# every target for ACSCONF_FUZZ_SECONDS (default 20) on its seed corpus generated from vectors/*.json,
# two at a time. Any crash or broken property fails the step (fuzz/run_all.sh prints the finding and
# keeps the input under fuzz/regressions/<target>/). About 5 minutes on 2 cores from a cold ccache.
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

if [ "${ACSCONF_FUZZ_OSSFUZZ:-0}" = 1 ]; then
  bash fuzz/oss-fuzz/check_build.sh
fi
