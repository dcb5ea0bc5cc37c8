// signing: the harness's V1 (HMAC-SHA1) and V3 (ACS3-HMAC-SHA256) signatures. Properties:
//  - sign then verify succeeds, for any parameters, secret, method and body;
//  - flipping one byte of a parameter value, of the secret, or changing the method makes verify
//    fail (V3 also: one byte of the body);
//  - the V3 Authorization header parses back to what was written;
//  - verifying arbitrary Authorization text never crashes and never accepts a forged signature.
#include <map>
#include <set>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/signature.hpp"
#include "check.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using harness::Headers;
using harness::ParamList;

constexpr const char* kMethods[] = {"GET", "POST", "PUT", "DELETE"};

std::string other_method(const std::string& method) { return method == "GET" ? "POST" : "GET"; }

void flip(std::string& bytes, std::size_t index, std::uint8_t mask) {
    bytes[index % bytes.size()] = static_cast<char>(bytes[index % bytes.size()] ^ (mask | 1));
}

void check_v1(const ParamList& params, const std::string& secret, const std::string& method, std::size_t where,
              std::uint8_t mask) {
    ParamList signed_params = params;
    signed_params.emplace_back("Signature", harness::v1_signature(method, params, secret));
    ACSCONF_FUZZ_CHECK(harness::verify_v1(method, signed_params, secret), "V1: sign then verify succeeds");

    const std::map<std::string, std::string> as_map(params.begin(), params.end());
    ACSCONF_FUZZ_CHECK(harness::v1_signature(method, as_map, secret) == signed_params.back().second,
                       "V1: the map and list overloads sign distinct names alike");

    ACSCONF_FUZZ_CHECK(!harness::verify_v1(other_method(method), signed_params, secret),
                       "V1: another HTTP method fails verification");
    if (!secret.empty()) {
        std::string wrong = secret;
        flip(wrong, where, mask);
        ACSCONF_FUZZ_CHECK(!harness::verify_v1(method, signed_params, wrong), "V1: a secret one byte off fails");
    }
    for (std::size_t i = 0; i < params.size(); ++i) {
        if (params[i].second.empty()) continue;
        ParamList tampered = signed_params;
        flip(tampered[i].second, where, mask);
        ACSCONF_FUZZ_CHECK(!harness::verify_v1(method, tampered, secret), "V1: a parameter value one byte off fails");
        break;  // one tampered value per input keeps executions fast
    }
    ParamList twice = signed_params;
    twice.emplace_back("Signature", signed_params.back().second);
    ACSCONF_FUZZ_CHECK(!harness::verify_v1(method, twice, secret), "V1: two Signature parameters never verify");
}

void check_v3(const ParamList& query, const std::string& secret, const std::string& method, const std::string& body,
              std::size_t where, std::uint8_t mask, const std::string& forged_authorization) {
    Headers headers = {
        {"host", "ram.aliyuncs.com"},
        {"x-acs-action", "DetachPolicyFromUser"},
        {"x-acs-version", "2015-05-01"},
        {"x-acs-date", "2026-01-01T00:00:00Z"},
        {"x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"},
        {"x-acs-content-sha256", harness::crypto::sha256_hex(body)},
    };
    harness::V3Input input{method, "/", query, headers, body};
    const std::string signed_headers = harness::v3_signed_headers(headers);
    const std::string signature = harness::v3_signature(input, signed_headers, secret);
    ACSCONF_FUZZ_CHECK(!signature.empty(), "V3: a request with every signed header gets a signature");
    const std::string authorization = harness::v3_authorization("acsconf-test-ak", signed_headers, signature);
    const auto parsed = harness::parse_v3_authorization(authorization);
    ACSCONF_FUZZ_CHECK(parsed && parsed->credential == "acsconf-test-ak" && parsed->signed_headers == signed_headers &&
                           parsed->signature == signature,
                       "V3: the Authorization header parses back to what was written");

    Headers sent = headers;
    sent.emplace("authorization", authorization);
    const std::string target = query.empty() ? "/" : "/?" + harness::encode_query(query);
    std::string reason;
    ACSCONF_FUZZ_CHECK(harness::verify_v3(method, target, sent, body, secret, &reason), "V3: sign then verify succeeds");
    ACSCONF_FUZZ_CHECK(!harness::verify_v3(other_method(method), target, sent, body, secret),
                       "V3: another HTTP method fails verification");
    if (!secret.empty()) {
        std::string wrong = secret;
        flip(wrong, where, mask);
        ACSCONF_FUZZ_CHECK(!harness::verify_v3(method, target, sent, body, wrong), "V3: a secret one byte off fails");
    }
    if (!body.empty()) {
        std::string other_body = body;
        flip(other_body, where, mask);
        ACSCONF_FUZZ_CHECK(!harness::verify_v3(method, target, sent, other_body, secret), "V3: a body one byte off fails");
    }
    for (std::size_t i = 0; i < query.size(); ++i) {
        if (query[i].second.empty()) continue;
        ParamList tampered = query;
        flip(tampered[i].second, where, mask);
        ACSCONF_FUZZ_CHECK(!harness::verify_v3(method, "/?" + harness::encode_query(tampered), sent, body, secret),
                           "V3: a query value one byte off fails");
        break;
    }

    Headers forged = headers;
    forged.emplace("authorization", forged_authorization);
    reason.clear();
    const bool accepted = harness::verify_v3(method, target, forged, body, secret, &reason);
    if (accepted) {
        const auto forged_parsed = harness::parse_v3_authorization(forged_authorization);
        ACSCONF_FUZZ_CHECK(forged_parsed && forged_parsed->signature == signature,
                           "V3: only the right signature verifies");
    } else {
        ACSCONF_FUZZ_CHECK(!reason.empty(), "V3: a failed verification says why");
        ACSCONF_FUZZ_CHECK(reason.find(signature) == std::string::npos, "V3: the reason never reveals the expected signature");
    }
}

}  // namespace

int run_signing(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const std::string method = input.PickValueInArray(kMethods);
    const std::size_t count = input.ConsumeIntegralInRange<std::size_t>(0, 6);
    const std::size_t where = input.ConsumeIntegral<std::uint16_t>();
    const std::uint8_t mask = input.ConsumeIntegral<std::uint8_t>();
    const std::string secret = input.ConsumeRandomLengthString(64);
    const std::string body = input.ConsumeRandomLengthString(256);
    ParamList params;
    std::set<std::string> names;
    for (std::size_t i = 0; i < count && input.remaining_bytes() > 0; ++i) {
        std::string name = input.ConsumeRandomLengthString(32);
        std::string value = input.ConsumeRandomLengthString(128);
        if (name.empty() || name == "Signature" || !names.insert(name).second) continue;
        params.emplace_back(std::move(name), std::move(value));
    }
    const std::string forged_authorization = input.ConsumeRemainingBytesAsString();

    check_v1(params, secret, method, where, mask);
    check_v3(params, secret, method, body, where, mask, forged_authorization);
    return 0;
}

}  // namespace acsconf::fuzz

namespace acsconf::fuzz {

std::string encode_signing_input(const harness::ParamList& params, std::string_view secret, std::string_view body) {
    FdpWriter writer;
    writer.integral_in_range(0, 0, std::size(kMethods) - 1);
    writer.integral_in_range(std::min<std::size_t>(params.size(), 6), 0, 6);
    writer.integral_in_range(7, 0, UINT16_MAX);
    writer.byte(0x20);
    writer.random_length_string(secret, 64);
    writer.random_length_string(body, 256);
    for (std::size_t i = 0; i < params.size() && i < 6; ++i) {
        writer.random_length_string(params[i].first, 32);
        writer.random_length_string(params[i].second, 128);
    }
    writer.remaining("ACS3-HMAC-SHA256 Credential=acsconf-test-ak,SignedHeaders=host,Signature=00");
    return writer.bytes();
}

}  // namespace acsconf::fuzz
