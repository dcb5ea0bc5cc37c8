#!/bin/bash -eu
# OSS-Fuzz / ClusterFuzzLite build of the acsconf fuzz targets (.clusterfuzzlite/build.sh runs this).
# Uses the environment OSS-Fuzz sets: $CXX $CXXFLAGS $LIB_FUZZING_ENGINE $SRC $OUT $WORK. Produces in
# $OUT, for each target: <target>_fuzzer (no extension), <target>_fuzzer.dict,
# <target>_fuzzer.options and <target>_fuzzer_seed_corpus.zip (seeds generated from vectors/*.json).
# Source code is never deleted (coverage builds need it).
src="${ACSCONF_SRC:-$SRC/acsconf}"
build="$WORK/acsconf-build"

# -DACSCONF_FUZZ=ON: the top CMakeLists compiles our code with -fsanitize=fuzzer-no-link,address,undefined
# (on top of $CXXFLAGS); the engine comes from $LIB_FUZZING_ENGINE so AFL++/honggfuzz builds link too.
cmake -S "$src" -B "$build" \
  -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_CXX_COMPILER_LAUNCHER= \
  -DACSCONF_FUZZ=ON \
  -DACSCONF_BENCH=OFF \
  -DACSCONF_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build "$build" --target acsconf_fuzzers -j"$(nproc)"

count=0
for bin in "$build"/fuzz/*_fuzzer; do
  [ -x "$bin" ] || continue
  name="$(basename "$bin")"          # e.g. ram_validator_fuzzer
  target="${name%_fuzzer}"           # e.g. ram_validator
  cp "$bin" "$OUT/$name"
  cp "$build/fuzz/$name.options" "$OUT/$name.options"   # generated from fuzz/targets.def
  cp "$build/fuzz/corpus/$target.dict" "$OUT/$name.dict"
  rm -f "$OUT/${name}_seed_corpus.zip"
  if [ -n "$(ls -A "$build/fuzz/corpus/$target")" ]; then
    (cd "$build/fuzz/corpus/$target" && zip -q -r "$OUT/${name}_seed_corpus.zip" .)
  fi
  count=$((count + 1))
done
# plugin_differential loads the example plugin from beside its binary ($OUT on the bots).
cp "$build/mock/libacsconf_mock_plugin.so" "$OUT/"
[ "$count" -gt 0 ] || { echo "build.sh: no fuzz target was built" >&2; exit 1; }
echo "build.sh: $count fuzz targets in $OUT"
