// The seam between the mock and the harness's wire pieces (request parsing, signature verification,
// response encoding). The mock never implements these itself: wire.cpp forwards to harness/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/mock/service.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::mock::wire {

// Every parameter of an RPC request: the query string merged with an
// application/x-www-form-urlencoded body. nullopt (with `error` set) when undecodable.
std::optional<std::map<std::string, std::string>> parse_params(const HttpRequest& request,
                                                               std::string& error);

// V1 (HMAC-SHA1): `params` are all received parameters including Signature.
bool verify_v1(const HttpRequest& request, const std::map<std::string, std::string>& params,
               std::string_view secret);

// The signatures themselves (what a client sends), for tests that build signed requests.
std::string v1_signature(std::string_view method, const std::map<std::string, std::string>& params,
                         std::string_view secret);
std::string v3_signature(const HttpRequest& request, std::string_view signed_headers,
                         std::string_view secret);

// V3 (ACS3-HMAC-SHA256): checks the Authorization header's signature over the request.
bool verify_v3(const HttpRequest& request, std::string_view secret);

struct Envelope {
    std::string request_id;
    std::string host_id;    // errors only
    std::string recommend;  // errors only; may be empty
};

// Body of an answer in the requested format: `<{Action}Response>` / JSON object on success,
// `<Error>` / JSON error object otherwise.
std::string encode(const model::Outcome& outcome, std::string_view action, const Envelope& envelope,
                   harness::Format format);

}  // namespace acsconf::mock::wire
