// libFuzzer entry for the vod_validator target; the logic lives in src/vod_validator.cpp (run_vod_validator).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_vod_validator(data, size);
}
