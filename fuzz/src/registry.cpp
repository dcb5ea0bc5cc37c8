#include "targets.hpp"

namespace acsconf::fuzz {

const std::vector<Target>& all_targets() {
    static const std::vector<Target> targets = {
        {"ram_validator", run_ram_validator},
        {"vod_validator", run_vod_validator},
        {"mock_handler", run_mock_handler},
        {"vector_loader", run_vector_loader},
        {"wire_encoding", run_wire_encoding},
        {"signing", run_signing},
        {"rpc_request_parser", run_rpc_request_parser},
        {"response_decoder_json", run_response_decoder_json},
        {"response_decoder_xml", run_response_decoder_xml},
        {"differential", run_differential},
    };
    return targets;
}

const Target* find_target(std::string_view name) {
    for (const auto& target : all_targets())
        if (target.name == name) return &target;
    return nullptr;
}

}  // namespace acsconf::fuzz
