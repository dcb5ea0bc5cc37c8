// The measurement baseline of fuzz/measure.sh: a libFuzzer target that does nothing, built with exactly
// the flags of the real targets. A target's exec/s divided by this one's (same run, same machine) says
// how much of libFuzzer's speed the target's own work costs. Not a fuzz target (not in targets.def).
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
