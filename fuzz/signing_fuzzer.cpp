// libFuzzer entry for the signing target; the logic lives in src/signing.cpp (run_signing).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_signing(data, size);
}
