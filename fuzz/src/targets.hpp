// The fuzz targets as plain functions. fuzz/<name>_fuzzer.cpp hands libFuzzer's input to
// run_<name>(); tests/fuzz replays stored inputs through the same functions with g++ and no libFuzzer.
// Each returns 0 (or -1: "do not add this input to the corpus") and aborts through
// ACSCONF_FUZZ_CHECK when a property breaks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/harness/http_message.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::fuzz {

// run_<name>() of every target of fuzz/targets.def.
#define ACSCONF_FUZZ_TARGET(name, max_len) int run_##name(const std::uint8_t* data, std::size_t size);
#include "targets.def"
#undef ACSCONF_FUZZ_TARGET

// Seed encoders: the input that makes a target run this call (inverse of the target's decoding).
// Calls whose parameters the target cannot express give "" (no seed).
std::string encode_ram_validator_input(const model::Call& call);
std::string encode_vod_validator_input(const model::Call& call);
std::string encode_ram_params_input(const model::Call& call);  // split_params_input format (common.hpp)
std::string encode_vod_params_input(const model::Call& call);
// A signed raw HTTP/1.1 request for the call (V1, GET, at the targets' fixed clock).
std::string encode_mock_handler_input(const model::Call& call);
std::string encode_differential_input(const model::Call& call);
// A raw-mode input of response_decoder_{json,xml}: this body answering `action` with `http_status`.
std::string encode_response_decoder_input(std::string_view action, int http_status, std::string_view body);

// What the validator targets decode an input into (exposed so tests prove encode/decode agree).
model::Call decode_ram_validator_input(const std::uint8_t* data, std::size_t size);
model::Call decode_vod_validator_input(const std::uint8_t* data, std::size_t size);  // fixture ids as "${uid}" / "${app}"

std::string encode_wire_encoding_input(const harness::ParamList& params, std::string_view loose_query);
std::string encode_signing_input(const harness::ParamList& params, std::string_view secret, std::string_view body);
// GET with `target` and no Content-Type, or (form_post) POST with a form Content-Type and `body`.
std::string encode_rpc_request_parser_input(bool form_post, std::string_view target, std::string_view body);

using TargetFunction = int (*)(const std::uint8_t*, std::size_t);

struct Target {
    std::string_view name;  // "ram_validator": binary <name>_fuzzer, corpus dir <name>/
    TargetFunction run;
    std::size_t max_len;    // libFuzzer -max_len (fuzz/targets.def)
};

// Every target of fuzz/targets.def, in its order.
const std::vector<Target>& all_targets();
const Target* find_target(std::string_view name);

}  // namespace acsconf::fuzz
