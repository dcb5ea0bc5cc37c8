// The mock endpoint's socket-free core: one HTTP request in, one HTTP response out, answering RAM
// 2015-05-01 and VOD 2017-03-21 RPC calls from a model::Account the way the Alibaba Cloud gateway
// does (signature V1 and V3, timestamp window, nonce replay, Format, RequestId/HostId).
// The Beast server (server.hpp) and the fuzz target both drive this; it never throws for any input.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/http_message.hpp"
#include "acsconf/model/account.hpp"

namespace acsconf::mock {

// Documented, public test credentials (mock/README.md). They protect nothing: they exist so that
// clients sign requests exactly as they would against the real service.
inline constexpr std::string_view kTestAccessKeyId = "acsconf-test-ak";
inline constexpr std::string_view kTestAccessKeySecret = "acsconf-test-secret";
inline constexpr std::string_view kUnprivilegedAccessKeyId = "acsconf-unprivileged-ak";
inline constexpr std::string_view kUnprivilegedAccessKeySecret = "acsconf-unprivileged-secret";

// The control route (not part of any Alibaba API), on only with ServiceOptions::test_control. A
// request signed (V1 or V3) by the main AccessKey, without an Origin header:
//   Action=SetPrecondition&name=N&value=V → model::Account::set_precondition (400 if unknown)
//   Action=GetPrecondition&name=N         → {"name":N,"value":...}
inline constexpr std::string_view kPreconditionPath = "/_acsconf/precondition";
inline constexpr std::string_view kSetPreconditionAction = "SetPrecondition";
inline constexpr std::string_view kGetPreconditionAction = "GetPrecondition";

struct AccessKey {
    std::string id;
    std::string secret;
    std::string principal;  // model::kMainAccount, model::kUnprivileged, ...
};

// The main AccessKey from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET when both are
// set, else the documented test pair; the unprivileged one from ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID /
// ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET when both are set, else its documented test pair.
std::vector<AccessKey> default_access_keys();
// The two documented public test pairs, whatever the environment holds (the embedded mock).
std::vector<AccessKey> test_access_keys();

struct ServiceOptions {
    std::vector<AccessKey> access_keys = default_access_keys();
    // Accepted distance between the request's Timestamp / x-acs-date and the mock's clock (either
    // direction). docs/sources/gateway.md#common-parameters: 15 minutes is the usual reading (UNCONFIRMED). Nonces are
    // remembered for twice this long, so a replay is caught for as long as its timestamp is valid.
    std::chrono::seconds time_window = std::chrono::minutes(15);
    // Largest request body accepted (docs/sources/gateway.md#transport: POST ≤ 10 MB). Larger → 413.
    std::size_t max_body_bytes = 10 * 1024 * 1024;
    // Most query + form parameters one request may carry, counted on the raw bytes before anything
    // is decoded (a body of 10 MiB of '&' would otherwise become millions of pairs). More → 400.
    std::size_t max_params = 1024;
    // Most (AccessKeyId, nonce) pairs remembered at once (mock/include/acsconf/mock/nonce_store.hpp, ~40 bytes each).
    // Beyond it a fresh nonce gets 503 ServiceUnavailable until older ones expire.
    std::size_t nonce_capacity = 8 * 1024 * 1024;
    // The control route (kPreconditionPath) answers only when this is on: `acsconf run` turns it on
    // for its embedded mock, `acsconf serve --test-control` for a stand-alone one. Off, the route
    // does not exist (404), so a mock left running cannot be steered by whoever reaches it.
    bool test_control = false;
    // The model's options; a deviation of layer Gateway (model/catalogue.hpp) breaks this gateway instead.
    model::ModelOptions model;
    // The implementation behind the gateway. Unset: a model::Account made with `model` (the faithful
    // mock). Set: every business call (and precondition) goes to this endpoint instead, e.g. a plugin
    // (`acsconf serve --endpoint plugin:lib.so` puts HTTP, signatures and the envelope in front of it).
    std::shared_ptr<harness::Endpoint> backend;
    // Injectable for tests; defaults to std::chrono::system_clock::now.
    std::function<std::chrono::system_clock::time_point()> clock;
};

// A parsed HTTP request as the core sees it (the harness's shape: lower-case header names, repeated
// headers keep every value in order).
using HttpRequest = harness::HttpRequest;

struct HttpResponse {
    int status = 200;
    std::string content_type;  // "application/json;charset=utf-8" or "text/xml;charset=utf-8"
    std::string body;
    std::multimap<std::string, std::string> headers;  // extra headers (x-acs-request-id, ...)
};

// Thread-safe: calls may come from several server threads at once.
class Service {
public:
    explicit Service(ServiceOptions options = {});
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    HttpResponse handle(const HttpRequest& request);

    // Parses raw HTTP/1.1 request bytes (one request) and answers with raw HTTP/1.1 response bytes.
    // Malformed, incomplete or oversized input gives a well-formed 4xx response; never throws.
    // (Defined in the Beast translation unit, server.cpp.)
    std::string handle_raw_http(std::string_view request_bytes);

    // An error answer made outside the API dispatch (malformed HTTP, oversized request): a JSON
    // error envelope with a fresh RequestId. The mock's own codes are documented in mock/README.md.
    HttpResponse reject(int status, std::string_view code, std::string_view message);

    const ServiceOptions& options() const;

    // Direct access for embedding and tests (takes the same lock as handle()).
    bool set_precondition(std::string_view name, std::string_view value);
    std::string precondition(std::string_view name) const;

private:
    HttpResponse dispatch(const HttpRequest& request);  // handle() minus the exception guard

    struct State;
    std::unique_ptr<State> state_;
};

// Encodes an HttpResponse as HTTP/1.1 bytes (status line, Content-Type, Content-Length, headers).
// Used by handle_raw_http and its tests.
std::string serialize_response(const HttpResponse& response, bool keep_alive);

}  // namespace acsconf::mock
