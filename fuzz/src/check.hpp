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
