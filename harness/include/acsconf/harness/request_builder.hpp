// model::Call + credentials + options → a signed HTTP request, the way the SDKs send it:
//  - V1 (docs/sources/gateway.md#common-parameters): common parameters Format, Version, AccessKeyId, SignatureMethod,
//    SignatureVersion, SignatureNonce, Timestamp (+ SecurityToken) and Signature; GET puts everything
//    in the query, POST everything in an application/x-www-form-urlencoded body.
//  - V3 (docs/sources/gateway.md#signature-v3, docs/sources/gateway.md#sdk-observations): POST / (or GET) with only the operation's parameters
//    in the query, an empty body, x-acs-* headers and an ACS3-HMAC-SHA256 Authorization.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/fault.hpp"
#include "acsconf/harness/http_message.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::harness {

enum class SignatureVersion { V1, V3 };
enum class HttpMethod { Get, Post };
std::string_view signature_version_name(SignatureVersion v);  // "v1" / "v3"
bool parse_signature_version(std::string_view text, SignatureVersion& out);  // "v1"|"V1"|"v3"|"V3"
std::string_view http_method_name(HttpMethod m);                // "GET" / "POST"
bool parse_http_method(std::string_view text, HttpMethod& out);  // any case

struct Credentials {
    std::string access_key_id;
    std::string access_key_secret;  // never printed
    std::string security_token;     // STS; empty when not used; never printed
    bool usable() const { return !access_key_id.empty() && !access_key_secret.empty(); }
};

struct RequestOptions {
    SignatureVersion signature = SignatureVersion::V1;
    HttpMethod method = HttpMethod::Post;
    Format format = Format::Json;
    std::string path = "/";  // the RPC path (and V3 CanonicalURI)
    // Injectable for tests and reproducible cassettes; empty = fresh random nonce / current time.
    std::string nonce;
    std::string timestamp;  // "YYYY-MM-DDThh:mm:ssZ"
    // A deliberately bad request (fault.hpp). NonceReplayed builds a normal request: sending it twice
    // is the endpoint's part.
    Fault fault = Fault::None;
};

// "" when `fault` can be expressed in a request signed with `version`; otherwise why not (the runner
// skips the vector with this reason), e.g. V3 has no SignatureMethod parameter.
std::string fault_unsupported(Fault fault, SignatureVersion version);

// "YYYY-MM-DDThh:mm:ssZ" in UTC.
std::string utc_timestamp(std::chrono::system_clock::time_point when);

// `host` is the Host header value (host[:port]), which V3 signs. A business parameter with the name of
// a V1 common parameter (e.g. "Format") replaces it, so vectors can send odd values on purpose.
// Throws std::invalid_argument for a fault that fault_unsupported() refuses.
HttpRequest build_request(const model::Call& call, std::string_view host, const Credentials& credentials,
                          const RequestOptions& options);

}  // namespace acsconf::harness
