// libFuzzer entry for the response_decoder_json target; the logic lives in src/response_decoder_json.cpp (run_response_decoder_json).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_response_decoder_json(data, size);
}
