// The property check every fuzz target uses. A broken property is a bug just like a crash: print
// which property failed (never the input's secrets: targets only pass non-secret text here) and
// abort, so libFuzzer saves the input and the g++ replay test dies loudly too.
#pragma once

#include <cstdio>
#include <cstdlib>

#define ACSCONF_FUZZ_CHECK(condition, what)                                                       \
    do {                                                                                          \
        if (!(condition)) {                                                                       \
            std::fprintf(stderr, "acsconf fuzz property violated at %s:%d: %s\n  (%s)\n",         \
                         __FILE__, __LINE__, (what), #condition);                                 \
            std::abort();                                                                         \
        }                                                                                         \
    } while (false)

// Marks the harness's own bookkeeping (decoding the input, remembering which violations were already
// checked), which is not code under test: under clang it gets no SanitizerCoverage, so libFuzzer spends
// no coverage features or comparison callbacks on branches that say nothing about the model.
#if defined(__clang__)
#define ACSCONF_FUZZ_BOOKKEEPING __attribute__((no_sanitize("coverage")))
#else
#define ACSCONF_FUZZ_BOOKKEEPING
#endif
