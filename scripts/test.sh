#!/usr/bin/env bash
# Runs every test of acsconf: set-up and build, the unit and conformance tests (ctest), then the
# checks that need their own build (fuzzers on clang) or tools (the official Node SDKs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ctest --test-dir build --output-on-failure -j "$(nproc)"
for extra in scripts/test.d/*.sh; do
  [ -e "$extra" ] || continue
  echo "== $extra"
  bash "$extra"
done
