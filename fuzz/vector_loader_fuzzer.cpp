// libFuzzer entry for the vector_loader target; the logic lives in src/vector_loader.cpp (run_vector_loader).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_vector_loader(data, size);
}
