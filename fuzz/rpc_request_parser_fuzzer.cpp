// libFuzzer entry for the rpc_request_parser target; the logic lives in src/rpc_request_parser.cpp (run_rpc_request_parser).
#include <cstddef>
#include <cstdint>

#include "targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return acsconf::fuzz::run_rpc_request_parser(data, size);
}
