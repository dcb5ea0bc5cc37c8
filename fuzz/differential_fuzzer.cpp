// libFuzzer entry for the differential target; the logic lives in src/differential.cpp (run_differential).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_differential(data, size);
}
