// libFuzzer entry for the wire_encoding target; the logic lives in src/wire_encoding.cpp (run_wire_encoding).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_wire_encoding(data, size);
}
