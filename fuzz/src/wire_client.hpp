// A minimal client of the mock for the fuzz targets: a model::Call signed (V1, HMAC-SHA1) at the
// targets' fixed clock, sent to mock::Service in-process, the answer decoded by the harness. Built
// only from harness pieces (encode, sign, decode), so a differential between this path and the model
// tests the whole wire.
#pragma once

#include <chrono>
#include <string>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/mock/service.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::fuzz {

// 2026-01-01T00:00:00Z: the mock's clock in every target, and the Timestamp of every signed request.
inline constexpr std::chrono::seconds kFixedEpoch{1767225600};
inline constexpr const char* kFixedTimestamp = "2026-01-01T00:00:00Z";

// Test credentials only (fixed, public), a fixed clock, fresh state.
mock::ServiceOptions fixed_service_options();

// The request a V1 client sends for `call`: GET /?<common params, business params, Signature>.
// `nonce` must differ between calls to one Service (the mock rejects replays).
mock::HttpRequest signed_v1_request(const model::Call& call, harness::Format format, const std::string& nonce);

// The same request as raw HTTP/1.1 bytes.
std::string raw_http(const mock::HttpRequest& request);

// Sends `call` through the wire. Throws harness::TransportError when the answer cannot be decoded.
harness::Response call_through_wire(mock::Service& service, const model::Call& call, harness::Format format,
                                    const std::string& nonce);

}  // namespace acsconf::fuzz
