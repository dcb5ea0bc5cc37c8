#include "response_decoder.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
int run_response_decoder_json(const std::uint8_t* data, std::size_t size) {
    return run_response_decoder(data, size, harness::Format::Json);
}
}  // namespace acsconf::fuzz
