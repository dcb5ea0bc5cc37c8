// The wire: percent-encoding, canonical query, V1/V3 signing and verification, response encode /
// decode in JSON and XML, RPC request parsing, and one signed request through the mock's core.
#include <string>

#include <benchmark/benchmark.h>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/response_codec.hpp"
#include "acsconf/harness/rpc_request.hpp"
#include "acsconf/harness/signature.hpp"
#include "acsconf/mock/service.hpp"

namespace {

using namespace acsconf;
using harness::ParamList;

// What an SDK sends for one DetachPolicyFromUser (V1 common parameters + the operation's own).
ParamList typical_params() {
    return {{"Action", "DetachPolicyFromUser"},  {"Version", "2015-05-01"},
            {"Format", "JSON"},                  {"AccessKeyId", "acsconf-test-ak"},
            {"SignatureMethod", "HMAC-SHA1"},    {"SignatureVersion", "1.0"},
            {"SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"},
            {"Timestamp", "2026-01-01T00:00:00Z"}, {"UserName", "alice@example-team"},
            {"PolicyName", "ReadOnlyAccess"},    {"PolicyType", "System"}};
}

void BM_PercentEncode(benchmark::State& state) {
    const std::string text = "a value with spaces, *stars*, ~tildes~ and \xe4\xb8\xad\xe6\x96\x87 / slashes";
    for (auto _ : state) benchmark::DoNotOptimize(harness::percent_encode(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_PercentEncode);

void BM_CanonicalQuery(benchmark::State& state) {
    const ParamList params = typical_params();
    for (auto _ : state) benchmark::DoNotOptimize(harness::canonical_query(params, "Signature"));
}
BENCHMARK(BM_CanonicalQuery);

void BM_DecodeQuery(benchmark::State& state) {
    const std::string query = harness::encode_query(typical_params());
    for (auto _ : state) {
        ParamList out;
        std::string error;
        benchmark::DoNotOptimize(harness::decode_query(query, out, error));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * query.size()));
}
BENCHMARK(BM_DecodeQuery);

void BM_V1Sign(benchmark::State& state) {
    const ParamList params = typical_params();
    for (auto _ : state) benchmark::DoNotOptimize(harness::v1_signature("GET", params, "acsconf-test-secret"));
}
BENCHMARK(BM_V1Sign);

void BM_V1Verify(benchmark::State& state) {
    ParamList params = typical_params();
    params.emplace_back("Signature", harness::v1_signature("GET", params, "acsconf-test-secret"));
    for (auto _ : state) benchmark::DoNotOptimize(harness::verify_v1("GET", params, "acsconf-test-secret"));
}
BENCHMARK(BM_V1Verify);

harness::V3Input typical_v3() {
    harness::V3Input input;
    input.method = "POST";
    input.query = {{"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}, {"UserName", "alice"}};
    input.headers = {{"host", "ram.aliyuncs.com"},
                     {"x-acs-action", "DetachPolicyFromUser"},
                     {"x-acs-version", "2015-05-01"},
                     {"x-acs-date", "2026-01-01T00:00:00Z"},
                     {"x-acs-signature-nonce", "0123456789abcdef0123456789abcdef"},
                     {"x-acs-content-sha256", harness::crypto::sha256_hex("")}};
    return input;
}

void BM_V3Sign(benchmark::State& state) {
    const harness::V3Input input = typical_v3();
    const std::string signed_headers = harness::v3_signed_headers(input.headers);
    for (auto _ : state) benchmark::DoNotOptimize(harness::v3_signature(input, signed_headers, "acsconf-test-secret"));
}
BENCHMARK(BM_V3Sign);

void BM_V3Verify(benchmark::State& state) {
    const harness::V3Input input = typical_v3();
    const std::string signed_headers = harness::v3_signed_headers(input.headers);
    harness::Headers headers = input.headers;
    headers.emplace("authorization",
                    harness::v3_authorization("acsconf-test-ak", signed_headers,
                                              harness::v3_signature(input, signed_headers, "acsconf-test-secret")));
    const std::string target = "/?" + harness::encode_query(input.query);
    for (auto _ : state)
        benchmark::DoNotOptimize(harness::verify_v3("POST", target, headers, "", "acsconf-test-secret"));
}
BENCHMARK(BM_V3Verify);

model::Outcome vod_success() {
    model::Outcome outcome;
    outcome.fields["NonExistPolicyNames"] = {"VODAppNope"};
    outcome.fields["FailedPolicyNames"] = {"VODAppReadOnlyAccess"};
    return outcome;
}

void BM_EncodeResponse(benchmark::State& state) {
    const auto format = static_cast<harness::Format>(state.range(0));
    const model::Outcome outcome = vod_success();
    const harness::Envelope envelope{"4C7A8F2E-0D3B-4B8E-9C1A-6F5E2D1B0A99", "", ""};
    for (auto _ : state)
        benchmark::DoNotOptimize(harness::encode_response(outcome, "DetachAppPolicyFromIdentity", envelope, format));
    state.SetLabel(std::string(harness::format_name(format)));
}
BENCHMARK(BM_EncodeResponse)->Arg(static_cast<int>(harness::Format::Json))->Arg(static_cast<int>(harness::Format::Xml));

// The mock's most common answer under load: an error envelope (HostId, Code, Message, Recommend).
void BM_EncodeErrorResponse(benchmark::State& state) {
    model::Outcome outcome;
    outcome.http_status = 404;
    outcome.code = "EntityNotExist.User";
    outcome.message = "The user does not exist.";
    const harness::Envelope envelope{"4C7A8F2E-0D3B-4B8E-9C1A-6F5E2D1B0A99", "ram.aliyuncs.com",
                                     "https://api.aliyun.com/troubleshoot?q=EntityNotExist.User&product=Ram"
                                     "&requestId=4C7A8F2E-0D3B-4B8E-9C1A-6F5E2D1B0A99"};
    for (auto _ : state)
        benchmark::DoNotOptimize(harness::encode_response(outcome, "DetachPolicyFromUser", envelope, harness::Format::Json));
}
BENCHMARK(BM_EncodeErrorResponse);

void BM_DecodeResponse(benchmark::State& state) {
    const auto format = static_cast<harness::Format>(state.range(0));
    const harness::Envelope envelope{"4C7A8F2E-0D3B-4B8E-9C1A-6F5E2D1B0A99", "", ""};
    const std::string body =
        harness::encode_response(vod_success(), "DetachAppPolicyFromIdentity", envelope, format);
    const std::string content_type(harness::content_type_for(format));
    for (auto _ : state)
        benchmark::DoNotOptimize(
            harness::decode_response("DetachAppPolicyFromIdentity", 200, content_type, body, format));
    state.SetLabel(std::string(harness::format_name(format)));
}
BENCHMARK(BM_DecodeResponse)->Arg(static_cast<int>(harness::Format::Json))->Arg(static_cast<int>(harness::Format::Xml));

void BM_ParseRpcRequest(benchmark::State& state) {
    const std::string target = "/?" + harness::encode_query(typical_params());
    for (auto _ : state) benchmark::DoNotOptimize(harness::parse_rpc_request("GET", target, {}, ""));
}
BENCHMARK(BM_ParseRpcRequest);

// One signed V1 request answered by the mock's socket-free core: parse, verify, model, encode. Each
// iteration needs a fresh nonce (the mock rejects replays), so signing is part of the measure.
void BM_MockServiceRequest(benchmark::State& state) {
    mock::ServiceOptions options;
    options.access_keys = {{std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), "main"}};
    options.clock = [] { return std::chrono::system_clock::time_point(std::chrono::seconds(1767225600)); };
    mock::Service service(options);
    std::uint64_t nonce = 0;
    int ok = 0;
    for (auto _ : state) {
        ParamList params = typical_params();
        params[6].second = "bench-" + std::to_string(++nonce);
        params.emplace_back("Signature", harness::v1_signature("GET", params, mock::kTestAccessKeySecret));
        mock::HttpRequest request{"GET", "/?" + harness::encode_query(params), {{"host", "ram.aliyuncs.com"}}, ""};
        const mock::HttpResponse response = service.handle(request);
        ok += response.status == 404;  // EntityNotExist.User: the signature and everything before passed
    }
    if (ok != static_cast<int>(state.iterations())) state.SkipWithError("the mock did not answer EntityNotExist.User");
}
BENCHMARK(BM_MockServiceRequest);

}  // namespace
