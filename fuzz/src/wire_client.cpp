#include "wire_client.hpp"

#include "acsconf/harness/http_message.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/response_codec.hpp"
#include "acsconf/harness/signature.hpp"

namespace acsconf::fuzz {

mock::ServiceOptions fixed_service_options() {
    mock::ServiceOptions options;
    // Never the environment's ALIBABA_CLOUD_* pair: inputs must replay identically everywhere.
    options.access_keys = {
        {std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), std::string(model::kMainAccount)},
        {std::string(mock::kUnprivilegedAccessKeyId), std::string(mock::kUnprivilegedAccessKeySecret),
         std::string(model::kUnprivileged)}};
    options.clock = [] { return std::chrono::system_clock::time_point(kFixedEpoch); };
    options.max_body_bytes = 64 * 1024;  // keeps the oversized-body path reachable by small inputs
    return options;
}

mock::HttpRequest signed_v1_request(const model::Call& call, harness::Format format, const std::string& nonce) {
    const bool unprivileged = call.caller == model::kUnprivileged;
    harness::ParamList params = {
        {"Action", call.action},
        {"Version", std::string(model::product_version(call.product))},
        {"Format", std::string(harness::format_name(format))},
        {"AccessKeyId", std::string(unprivileged ? mock::kUnprivilegedAccessKeyId : mock::kTestAccessKeyId)},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureVersion", "1.0"},
        {"SignatureNonce", nonce},
        {"Timestamp", kFixedTimestamp},
    };
    for (const auto& [name, value] : call.params) params.emplace_back(name, value);
    const std::string secret(unprivileged ? mock::kUnprivilegedAccessKeySecret : mock::kTestAccessKeySecret);
    params.emplace_back("Signature", harness::v1_signature("GET", params, secret));

    mock::HttpRequest request;
    request.method = "GET";
    request.target = "/?" + harness::encode_query(params);
    request.headers.emplace("host", std::string(model::product_host(call.product)));
    return request;
}

std::string raw_http(const mock::HttpRequest& request) {
    std::string out = request.method + " " + request.target + " HTTP/1.1\r\n";
    for (const auto& [name, value] : request.headers) out += name + ": " + value + "\r\n";
    if (!request.body.empty()) out += "content-length: " + std::to_string(request.body.size()) + "\r\n";
    return out + "\r\n" + request.body;
}

harness::Response call_through_wire(mock::Service& service, const model::Call& call, harness::Format format,
                                    const std::string& nonce) {
    const mock::HttpResponse answer = service.handle(signed_v1_request(call, format, nonce));
    return harness::decode_response(call.action, answer.status, answer.content_type, answer.body, format);
}

}  // namespace acsconf::fuzz
