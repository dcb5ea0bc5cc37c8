// libFuzzer entry for the ram_validator target; the logic lives in src/ram_validator.cpp (run_ram_validator).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_ram_validator(data, size);
}
