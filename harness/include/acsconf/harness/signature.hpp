// Alibaba Cloud request signatures: RPC V1 (HMAC-SHA1, docs/sources/gateway.md#signature-v1) and V3 (ACS3-HMAC-SHA256,
// docs/sources/gateway.md#signature-v3). Signing for the HTTP endpoint, verification for the mock.
#pragma once

#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

// ---- V1 ----
// Base64(HMAC-SHA1(secret + "&", v1_string_to_sign(method, params))); a "Signature" pair is ignored.
std::string v1_signature(std::string_view method, const ParamList& params, std::string_view secret);
std::string v1_signature(std::string_view method, const std::map<std::string, std::string>& params,
                         std::string_view secret);
// True when `params` holds exactly one "Signature" equal to the signature of the others.
bool verify_v1(std::string_view method, const ParamList& params, std::string_view secret);
// The same over pairs held in several lists (a request's query, then its form body): nothing copied.
bool verify_v1(std::string_view method, std::initializer_list<const ParamList*> lists, std::string_view secret);
bool verify_v1(std::string_view method, const std::map<std::string, std::string>& params,
               std::string_view secret);

// ---- V3 ----
inline constexpr std::string_view kV3Algorithm = "ACS3-HMAC-SHA256";

// The parts of a request V3 signs. `query` holds the decoded query parameters.
struct V3Input {
    std::string method = "POST";
    std::string canonical_uri = "/";
    ParamList query;
    Headers headers;  // lower-case names
    std::string body;
};

// Lower-case names of the headers V3 signs when present (host, content-type, x-acs-*), sorted and
// joined with ';'.
std::string v3_signed_headers(const Headers& headers);
// CanonicalRequest (docs/sources/gateway.md#signature-v3). Returns nullopt when a name in `signed_headers` is absent.
std::optional<std::string> v3_canonical_request(const V3Input& input, std::string_view signed_headers);
// hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA256(canonical request)))); "" when a signed
// header is missing.
std::string v3_signature(const V3Input& input, std::string_view signed_headers, std::string_view secret);
std::string v3_authorization(std::string_view access_key_id, std::string_view signed_headers,
                             std::string_view signature);

struct V3Authorization {
    std::string credential;  // the AccessKeyId
    std::string signed_headers;
    std::string signature;
};
// Parses "ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=.."; nullopt if malformed.
std::optional<V3Authorization> parse_v3_authorization(std::string_view header_value);

// What verify_v3's `reason` starts with when SignedHeaders leaves out a header the gateway requires
// signed (docs/sources/gateway.md#signature-v3: host, content-type when present, every x-acs-* header sent).
inline constexpr std::string_view kV3UnsignedHeaderReason = "SignedHeaders must include";

// Verifies a received request: Authorization parses, SignedHeaders covers host, content-type (when
// sent) and every x-acs-* header sent (so no unsigned x-acs-date or x-acs-action can ride along),
// x-acs-content-sha256 (when sent) matches the body, and the signature over the signed headers matches. `reason` (optional) says what failed,
// never revealing the expected signature.
bool verify_v3(std::string_view method, std::string_view target, const Headers& headers,
               std::string_view body, std::string_view secret, std::string* reason = nullptr);

}  // namespace acsconf::harness
