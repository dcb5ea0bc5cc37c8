// acsconf_fuzz_cost: what a fuzz target makes libFuzzer do per input, counted, not timed. The clock
// figures of fuzz/measure.sh move with the shared machine's load; these counts are the same on every
// run of the same build and inputs, so a change to a target or to the fuzz flags can be judged by them.
//   acsconf_fuzz_cost TARGET DIR [DIR...]
// runs every file of the DIRs through run_<TARGET>() twice (the first pass pays one-time set-up, such
// as building the catalogues) and prints, per input of the second pass:
//  - features: coverage counters left non-zero, each of which libFuzzer turns into a feature and looks
//    up after the input (value profile off, libFuzzer's default);
//  - comparisons: SanitizerCoverage's traced comparisons and switches, one callback each;
//  - memcmp hooks: memcmp/strcmp-family calls, each through ASan's interceptor and libFuzzer's hook.
// Built only in the fuzz build (clang): this program stands in for libFuzzer and defines the callbacks
// that the instrumented code calls (the sanitizer runtimes have weak, empty ones).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "targets.hpp"

namespace {
std::uint8_t* counters_begin = nullptr;
std::uint8_t* counters_end = nullptr;
unsigned long comparisons = 0;
unsigned long memcmp_hooks = 0;
}  // namespace

extern "C" {
void __sanitizer_cov_8bit_counters_init(std::uint8_t* begin, std::uint8_t* end) {
    counters_begin = begin;
    counters_end = end;
}
void __sanitizer_cov_trace_cmp1(std::uint8_t, std::uint8_t) { ++comparisons; }
void __sanitizer_cov_trace_cmp2(std::uint16_t, std::uint16_t) { ++comparisons; }
void __sanitizer_cov_trace_cmp4(std::uint32_t, std::uint32_t) { ++comparisons; }
void __sanitizer_cov_trace_cmp8(std::uint64_t, std::uint64_t) { ++comparisons; }
void __sanitizer_cov_trace_const_cmp1(std::uint8_t, std::uint8_t) { ++comparisons; }
void __sanitizer_cov_trace_const_cmp2(std::uint16_t, std::uint16_t) { ++comparisons; }
void __sanitizer_cov_trace_const_cmp4(std::uint32_t, std::uint32_t) { ++comparisons; }
void __sanitizer_cov_trace_const_cmp8(std::uint64_t, std::uint64_t) { ++comparisons; }
void __sanitizer_cov_trace_switch(std::uint64_t, std::uint64_t*) { ++comparisons; }
void __sanitizer_weak_hook_memcmp(void*, const void*, const void*, std::size_t, int) { ++memcmp_hooks; }
void __sanitizer_weak_hook_strncmp(void*, const char*, const char*, std::size_t, int) { ++memcmp_hooks; }
void __sanitizer_weak_hook_strcmp(void*, const char*, const char*, int) { ++memcmp_hooks; }
void __sanitizer_weak_hook_strstr(void*, const char*, const char*, char*) { ++memcmp_hooks; }
void __sanitizer_weak_hook_memmem(void*, const void*, std::size_t, const void*, std::size_t, void*) { ++memcmp_hooks; }
}

int main(int argc, char** argv) {
    namespace fs = std::filesystem;
    if (argc < 3) {
        std::fprintf(stderr, "usage: acsconf_fuzz_cost TARGET DIR [DIR...]\n");
        return 2;
    }
    const acsconf::fuzz::Target* target = acsconf::fuzz::find_target(argv[1]);
    if (target == nullptr) {
        std::fprintf(stderr, "acsconf_fuzz_cost: no fuzz target '%s' in fuzz/targets.def\n", argv[1]);
        return 2;
    }
    std::vector<std::string> inputs;
    for (int i = 2; i < argc; ++i) {
        std::error_code error;
        for (const auto& entry : fs::directory_iterator(argv[i], error)) {
            std::ifstream file(entry.path(), std::ios::binary);
            inputs.emplace_back(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
        }
        if (error) {
            std::fprintf(stderr, "acsconf_fuzz_cost: %s: %s\n", argv[i], error.message().c_str());
            return 2;
        }
    }
    if (inputs.empty() || counters_begin == nullptr) {
        std::fprintf(stderr, "acsconf_fuzz_cost: %s\n", inputs.empty() ? "no input files" : "not built with coverage counters");
        return 2;
    }
    const auto run = [&](const std::string& input) {
        target->run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    };
    for (const auto& input : inputs) run(input);  // one-time set-up is not per-input cost

    unsigned long features = 0;
    comparisons = memcmp_hooks = 0;
    for (const auto& input : inputs) {
        std::fill(counters_begin, counters_end, std::uint8_t{0});
        run(input);
        for (const std::uint8_t* counter = counters_begin; counter != counters_end; ++counter) features += *counter != 0;
    }
    const double n = static_cast<double>(inputs.size());
    std::printf("%s: %zu inputs; per input: %.1f features, %.1f comparisons, %.1f memcmp hooks (%td counters linked)\n",
                argv[1], inputs.size(), static_cast<double>(features) / n, static_cast<double>(comparisons) / n,
                static_cast<double>(memcmp_hooks) / n, counters_end - counters_begin);
    return 0;
}
