// libFuzzer entry for the response_decoder_xml target; the logic lives in src/response_decoder_xml.cpp (run_response_decoder_xml).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_response_decoder_xml(data, size);
}
