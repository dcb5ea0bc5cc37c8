// The HTTP(S) adapter: any URL, over libcurl. Safe for concurrent use: each call borrows a CURL handle
// from a pool (one per concurrent caller, kept so connections are reused). Connect and total timeouts,
// TLS verification on unless `insecure`, proxies from the usual environment variables (libcurl reads
// http_proxy / https_proxy / no_proxy itself), an optional client-side rate limit shared by every
// caller. Bounded retries with backoff, each re-signed (new nonce and timestamp): a read-only call
// (Get*, List*, Describe*) after throttling codes, 429/5xx answers and connection failures; a call
// that changes state only when the connection was refused (it provably never arrived) or a 429 /
// Throttling code says the gateway refused it; a dropped answer to it is a TransportError with the
// reason, any other answer is judged as it is. A throttled or busy answer's Retry-After /
// x-ratelimit-* pause every caller. Every answer goes through scrub_response (redact.hpp) before
// anything else sees it.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>

#include "acsconf/harness/credentials.hpp"
#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/rate_limit.hpp"
#include "acsconf/harness/request_builder.hpp"

namespace acsconf::harness {

// The control route our mock offers for preconditions (POST, form fields name and value; 200 = set).
inline constexpr std::string_view kPreconditionRoute = "/_acsconf/precondition";

struct HttpEndpointOptions {
    std::string ram_url;  // e.g. "https://ram.aliyuncs.com" or "http://127.0.0.1:8080"
    std::string vod_url;  // e.g. "https://vod.cn-shanghai.aliyuncs.com"; empty: ram_url
    SignatureVersion signature = SignatureVersion::V1;
    HttpMethod method = HttpMethod::Post;
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds total_timeout{30000};
    bool insecure = false;  // skip TLS peer/host verification (off by default)
    std::string ca_file;    // extra CA bundle (e.g. a self-signed test server); empty: system store
    int max_attempts = 3;   // first try included
    std::chrono::milliseconds backoff{250};  // before the 2nd attempt; doubled each time
    CredentialMap credentials;               // principal → AccessKey; see load_credentials()
    // Shared by every caller of this endpoint (and by other endpoints given the same one); null: none.
    std::shared_ptr<RateLimiter> rate_limiter;
    // Whether preconditions go to the control route (kPreconditionRoute). Only our own mock offers it;
    // for any other host set_precondition() answers false without sending anything.
    bool control_route = false;
    // A larger answer is a TransportError; the libcurl write callback stops reading there, so a huge
    // answer costs at most this much memory. RAM/VOD answers are a few KB.
    std::size_t max_body_bytes = 4 * 1024 * 1024;
};

// Thrown by make_http_endpoint for unusable options (bad URL, unsupported scheme); names the option.
class EndpointConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The result also implements harness::Reproducible (redact.hpp). Errors (unreachable, refused, TLS,
// timeout, non-Alibaba or unparseable answer) are TransportError naming the URL and the cause.
std::unique_ptr<Endpoint> make_http_endpoint(HttpEndpointOptions options);

// Codes after which a retry is worth it (docs/sources/gateway.md#error-body: Throttling, Throttling.User, Throttling.Api;
// VOD's Throttling is a 503; ServiceUnavailable / ServiceUnAvailable are 503s).
bool is_retryable_code(std::string_view code);

}  // namespace acsconf::harness
