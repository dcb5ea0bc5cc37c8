// libFuzzer entry for the mock_handler target; the logic lives in src/mock_handler.cpp (run_mock_handler).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_mock_handler(data, size);
}
