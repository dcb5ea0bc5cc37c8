// Secrets (AccessKeySecret, SecurityToken, Signature, the Authorization signature) never reach a
// report, log or cassette. Everything that echoes a request goes through these.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

inline constexpr std::string_view kRedacted = "REDACTED";

// Parameter names whose values are secret (compared case-insensitively, after percent-decoding):
// Signature, AccessKeySecret, SecurityToken.
bool is_secret_param(std::string_view name);

// "a=1&Signature=xyz" → "a=1&Signature=REDACTED". Works on query strings and form bodies; keeps the
// rest byte for byte (including malformed parts).
std::string redact_query(std::string_view encoded, std::string_view placeholder = kRedacted);
// The query part of a URL or origin-form target; the fragment is kept.
std::string redact_url(std::string_view url, std::string_view placeholder = kRedacted);
// Authorization keeps its algorithm, Credential (the AccessKeyId is not secret) and SignedHeaders; its
// Signature is replaced. x-acs-security-token and any *secret* / *token* header are replaced whole.
Headers redact_headers(const Headers& headers, std::string_view placeholder = kRedacted);
std::string redact_header_value(std::string_view lower_name, std::string_view value,
                                std::string_view placeholder = kRedacted);

// Replaces every occurrence of each non-empty secret (raw, percent-encoded once and twice: V1's
// StringToSign double-encodes) in free text, e.g. a SignatureDoesNotMatch message that echoes the
// server's string to sign.
std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets,
                          std::string_view placeholder = kRedacted);

// The one place an answer is cleaned before anything else sees it: every string of `response` (code,
// message, request id, host id, recommend, content type, raw body, and every key and string value of
// the decoded fields) with each secret replaced. The HTTP endpoint applies it to every answer, so
// reports, cassettes, the console and the curl line only ever see the cleaned answer.
Response scrub_response(Response response, const std::vector<std::string>& secrets,
                        std::string_view placeholder = kRedacted);

// A shell command reproducing `request` against `origin` ("http://127.0.0.1:8080"), with
// placeholders instead of secrets. Single-quoted for POSIX shells.
std::string curl_command(const HttpRequest& request, std::string_view origin);

// Implemented by endpoints that send real HTTP: the last request as a redacted curl command.
class Reproducible {
public:
    virtual ~Reproducible() = default;
    virtual std::string last_curl_command() const = 0;  // "" before the first request
};

}  // namespace acsconf::harness
