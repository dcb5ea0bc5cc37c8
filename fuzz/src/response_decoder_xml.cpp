#include "response_decoder.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
int run_response_decoder_xml(const std::uint8_t* data, std::size_t size) {
    return run_response_decoder(data, size, harness::Format::Xml);
}
}  // namespace acsconf::fuzz
