// Shared body of the response_decoder_json and response_decoder_xml targets (they differ only in the
// format the decoder is asked for, so each format gets its own corpus and dictionary).
#pragma once

#include <cstddef>
#include <cstdint>

#include "acsconf/harness/endpoint.hpp"

namespace acsconf::fuzz {
int run_response_decoder(const std::uint8_t* data, std::size_t size, harness::Format asked);
}  // namespace acsconf::fuzz
