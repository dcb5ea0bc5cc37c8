// The libcurl endpoint against a canned loopback server: signed requests as the SDKs send them,
// connection reuse, retries, and every way an exchange can fail.
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "acsconf/harness/http_endpoint.hpp"
#include "acsconf/harness/redact.hpp"
#include "acsconf/harness/rpc_request.hpp"
#include "acsconf/harness/signature.hpp"
#include "canned_server.hpp"

namespace acsconf::harness {
namespace {

using test::Canned;
using test::CannedServer;

constexpr char kSecret[] = "endpoint-test-secret";

HttpEndpointOptions options_for(const std::string& url) {
    HttpEndpointOptions options;
    options.ram_url = url;
    options.credentials[std::string(model::kMainAccount)] = Credentials{"test-ak", kSecret, ""};
    options.connect_timeout = std::chrono::milliseconds(2000);
    options.total_timeout = std::chrono::milliseconds(5000);
    options.backoff = std::chrono::milliseconds(1);
    return options;
}

model::Call detach_call() {
    model::Call call;
    call.product = model::Product::Ram;
    call.action = "DetachPolicyFromUser";
    call.params = {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "a b*~"}};
    return call;
}

Canned ok_json(std::string request_id) { return {200, "application/json", R"({"RequestId":")" + request_id + R"("})"}; }

std::string transport_error_of(Endpoint& endpoint, const model::Call& call, Format format = Format::Json) {
    try {
        endpoint.send(call, SendOptions{format});
    } catch (const TransportError& e) {
        return e.what();
    }
    ADD_FAILURE() << "no TransportError";
    return {};
}

TEST(HttpEndpoint, V1PostSuccessSignedAndConnectionReused) {
    CannedServer server({ok_json("R1"), ok_json("R2")});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    const Response first = endpoint->send(detach_call(), SendOptions{Format::Json});
    const Response second = endpoint->send(detach_call(), SendOptions{Format::Json});
    EXPECT_TRUE(first.ok());
    EXPECT_EQ(first.request_id, "R1");
    EXPECT_EQ(second.request_id, "R2");
    EXPECT_EQ(server.connections(), 1) << "one CURL handle keeps the connection alive";

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    const HttpRequest& received = requests[0];
    EXPECT_EQ(received.method, "POST");
    auto parsed = parse_rpc_request(received.method, received.target, received.headers, received.body);
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(parsed.params().at("Action"), "DetachPolicyFromUser");
    EXPECT_EQ(parsed.params().at("Version"), "2015-05-01");
    EXPECT_EQ(parsed.params().at("Format"), "JSON");
    EXPECT_EQ(parsed.params().at("UserName"), "a b*~");
    EXPECT_EQ(parsed.params().at("AccessKeyId"), "test-ak");
    EXPECT_EQ(parsed.params().at("SignatureMethod"), "HMAC-SHA1");
    EXPECT_EQ(parsed.params().at("SignatureVersion"), "1.0");
    EXPECT_TRUE(verify_v1(received.method, parsed.all(), kSecret));
    EXPECT_NE(parsed.params().at("SignatureNonce"),
              parse_rpc_request("POST", requests[1].target, requests[1].headers, requests[1].body).params().at("SignatureNonce"));
}

TEST(HttpEndpoint, V1GetPutsEverythingInTheQuery) {
    CannedServer server({ok_json("R")});
    auto options = options_for(server.url());
    options.method = HttpMethod::Get;
    auto endpoint = make_http_endpoint(options);
    EXPECT_TRUE(endpoint->send(detach_call(), SendOptions{Format::Xml}).ok());  // JSON body: format mismatch, still decoded
    const HttpRequest received = server.requests().at(0);
    EXPECT_EQ(received.method, "GET");
    EXPECT_TRUE(received.body.empty());
    auto parsed = parse_rpc_request(received.method, received.target, received.headers, received.body);
    EXPECT_EQ(parsed.params().at("Format"), "XML");
    EXPECT_TRUE(verify_v1("GET", parsed.all(), kSecret));
}

TEST(HttpEndpoint, V3LikeTheGeneratedSdks) {
    CannedServer server({ok_json("R")});
    auto options = options_for(server.url());
    options.signature = SignatureVersion::V3;
    auto endpoint = make_http_endpoint(options);
    EXPECT_TRUE(endpoint->send(detach_call(), SendOptions{Format::Json}).ok());
    const HttpRequest received = server.requests().at(0);
    EXPECT_EQ(received.method, "POST");
    EXPECT_TRUE(received.body.empty());
    EXPECT_EQ(*find_header(received.headers, "x-acs-action"), "DetachPolicyFromUser");
    EXPECT_EQ(*find_header(received.headers, "x-acs-version"), "2015-05-01");
    EXPECT_EQ(*find_header(received.headers, "host"), "127.0.0.1:" + std::to_string(server.port()));
    EXPECT_EQ(*find_header(received.headers, "accept"), "application/json");
    auto parsed = parse_rpc_request(received.method, received.target, received.headers, received.body);
    EXPECT_EQ(parsed.params().count("Action"), 0u) << "V3 carries the action in x-acs-action only";
    EXPECT_EQ(parsed.params().at("UserName"), "a b*~");
    std::string reason;
    EXPECT_TRUE(verify_v3(received.method, received.target, received.headers, received.body, kSecret, &reason)) << reason;
}

TEST(HttpEndpoint, VodUsesItsOwnBaseUrl) {
    CannedServer ram({}), vod({ok_json("V")});
    auto options = options_for(ram.url());
    options.vod_url = vod.url();
    auto endpoint = make_http_endpoint(options);
    model::Call call;
    call.product = model::Product::Vod;
    call.action = "DetachAppPolicyFromIdentity";
    EXPECT_EQ(endpoint->send(call, SendOptions{}).request_id, "V");
    EXPECT_TRUE(ram.requests().empty());
    EXPECT_EQ(vod.requests().size(), 1u);
}

TEST(HttpEndpoint, ErrorAnswersAreResponsesNotTransportErrors) {
    CannedServer server({{404, "application/json",
                          R"({"RequestId":"R","HostId":"ram.aliyuncs.com","Code":"EntityNotExist.User","Message":"The user does not exist."})"}});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    const Response r = endpoint->send(detach_call(), SendOptions{});
    EXPECT_EQ(r.http_status, 404);
    EXPECT_EQ(r.code, "EntityNotExist.User");
    EXPECT_EQ(server.requests().size(), 1u) << "a 4xx that is not throttling is not retried";
}

TEST(HttpEndpoint, RetriesThrottlingThenSucceeds) {
    CannedServer server({{503, "application/json",
                          R"({"RequestId":"T","Code":"Throttling","Message":"Request was denied due to request throttling."})"},
                         {400, "application/json", R"({"RequestId":"T2","Code":"Throttling.User","Message":"flow control"})"},
                         ok_json("OK")});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    const Response r = endpoint->send(detach_call(), SendOptions{});
    EXPECT_TRUE(r.ok());
    EXPECT_EQ(r.request_id, "OK");
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 3u);
    auto nonce = [](const HttpRequest& q) {
        return parse_rpc_request(q.method, q.target, q.headers, q.body).params().at("SignatureNonce");
    };
    EXPECT_NE(nonce(requests[0]), nonce(requests[1])) << "each retry is signed afresh";
}

model::Call list_call() {
    model::Call call;
    call.product = model::Product::Ram;
    call.action = "ListPoliciesForUser";
    call.params = {{"UserName", "u"}};
    return call;
}

TEST(HttpEndpoint, RetriesAreBounded) {
    const Canned busy{503, "application/json", R"({"RequestId":"T","Code":"ServiceUnavailable","Message":"busy"})"};
    CannedServer server({busy, busy, busy, ok_json("never")});
    auto options = options_for(server.url());
    options.max_attempts = 3;
    auto endpoint = make_http_endpoint(options);
    const Response r = endpoint->send(list_call(), SendOptions{});
    EXPECT_EQ(r.http_status, 503) << "after the last attempt the answer itself is returned for judging";
    EXPECT_EQ(server.requests().size(), 3u);
}

TEST(HttpEndpoint, StateChangingCallWithA5xxAnswerIsNotResent) {
    const Canned busy{503, "application/json", R"({"RequestId":"T","Code":"ServiceUnavailable","Message":"busy"})"};
    CannedServer server({busy, ok_json("never")});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    EXPECT_EQ(endpoint->send(detach_call(), SendOptions{}).http_status, 503);
    EXPECT_EQ(server.requests().size(), 1u) << "DetachPolicyFromUser may have been applied: not sent twice";
}

TEST(HttpEndpoint, StateChangingCallRefusedWith429IsResentReSigned) {
    // 429 says the gateway refused the call without acting, so even a call that changes state goes again.
    CannedServer server({{429, "application/json", R"({"RequestId":"T","Code":"TooManyRequests","Message":"slow down"})"},
                         ok_json("OK")});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    EXPECT_EQ(endpoint->send(detach_call(), SendOptions{}).request_id, "OK");
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    auto nonce = [](const HttpRequest& q) {
        return parse_rpc_request(q.method, q.target, q.headers, q.body).params().at("SignatureNonce");
    };
    EXPECT_NE(nonce(requests[0]), nonce(requests[1])) << "the retry is signed afresh";
}

TEST(HttpEndpoint, StateChangingCallIsResentWhenTheConnectionWasRefused) {
    // A refused connection provably delivered nothing, so DetachPolicyFromUser may go again: the server
    // comes up on the port during the backoff, and the retry reaches it.
    const unsigned short port = test::closed_port();
    auto options = options_for("http://127.0.0.1:" + std::to_string(port));
    options.backoff = std::chrono::milliseconds(1500);
    options.max_attempts = 2;
    auto endpoint = make_http_endpoint(options);
    std::unique_ptr<CannedServer> server;
    std::thread late_start([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        server = std::make_unique<CannedServer>(std::vector<Canned>{ok_json("AFTER-REFUSAL")}, port);
    });
    Response r;
    try {
        r = endpoint->send(detach_call(), SendOptions{});
    } catch (const TransportError& e) {
        ADD_FAILURE() << e.what();
    }
    late_start.join();
    EXPECT_EQ(r.request_id, "AFTER-REFUSAL");
    ASSERT_TRUE(server);
    EXPECT_EQ(server->requests().size(), 1u);
}

TEST(HttpEndpoint, DroppedAnswerIsResentReSignedOnlyForAReadOnlyCall) {
    const Canned dropped{200, "", "", false, false, true};
    auto nonce = [](const HttpRequest& q) {
        return parse_rpc_request(q.method, q.target, q.headers, q.body).params().at("SignatureNonce");
    };
    auto timestamp_signed = [](const HttpRequest& q) {
        const auto parsed = parse_rpc_request(q.method, q.target, q.headers, q.body);
        return parsed.params().count("Timestamp") == 1 && verify_v1(q.method, parsed.all(), kSecret);
    };
    {
        CannedServer server({dropped, ok_json("R2")});
        auto endpoint = make_http_endpoint(options_for(server.url()));
        EXPECT_EQ(endpoint->send(list_call(), SendOptions{}).request_id, "R2");
        const auto requests = server.requests();
        ASSERT_EQ(requests.size(), 2u);
        EXPECT_NE(nonce(requests[0]), nonce(requests[1])) << "a retry is a new request, not a replay";
        EXPECT_TRUE(timestamp_signed(requests[0]));
        EXPECT_TRUE(timestamp_signed(requests[1]));
    }
    CannedServer server({dropped, ok_json("never")});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    const std::string error = transport_error_of(*endpoint, detach_call());
    EXPECT_NE(error.find("not retried"), std::string::npos) << error;
    EXPECT_NE(error.find("may have reached the server"), std::string::npos) << error;
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(HttpEndpoint, EchoedTokenAndSecretAreScrubbedFromEveryPartOfTheAnswer) {
    const std::string token = "CAIS+sts/token=42";
    const std::string body = R"({"RequestId":")" + token + R"(","Code":"X)" + token + R"(","Message":"m","HostId":")" +
                             token + R"(","Nested":{")" + token + R"(":["a/CAIS+sts\/token=42","endpoint-test-secret"]}})";
    CannedServer server({{400, "application/json", body}});
    auto options = options_for(server.url());
    options.credentials[std::string(model::kMainAccount)].security_token = token;
    auto endpoint = make_http_endpoint(options);
    const Response r = endpoint->send(detach_call(), SendOptions{});
    const std::string everything = r.code + r.message + r.request_id + r.host_id + r.raw_body + r.fields.dump();
    EXPECT_EQ(everything.find("sts/token"), std::string::npos) << everything;
    EXPECT_EQ(everything.find("sts\\/token"), std::string::npos) << everything;
    EXPECT_EQ(everything.find(kSecret), std::string::npos) << everything;
    EXPECT_EQ(r.request_id, "REDACTED");
}

TEST(HttpEndpoint, GarbageBodyIsTransportErrorNamingTheUrl) {
    CannedServer server({{200, "text/html", "<<<definitely not json"}});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    const std::string error = transport_error_of(*endpoint, detach_call());
    EXPECT_NE(error.find(server.url()), std::string::npos) << error;
    EXPECT_NE(error.find("neither JSON nor XML"), std::string::npos) << error;
}

TEST(HttpEndpoint, TimeoutIsTransportError) {
    CannedServer server({Canned{200, "", "", true}});
    auto options = options_for(server.url());
    options.total_timeout = std::chrono::milliseconds(300);
    auto endpoint = make_http_endpoint(options);
    const std::string error = transport_error_of(*endpoint, detach_call());
    EXPECT_NE(error.find("timed out"), std::string::npos) << error;
    EXPECT_NE(error.find(server.url()), std::string::npos) << error;
}

TEST(HttpEndpoint, RefusedConnectionIsTransportErrorAfterRetries) {
    const std::string url = "http://127.0.0.1:" + std::to_string(test::closed_port());
    auto endpoint = make_http_endpoint(options_for(url));
    const std::string error = transport_error_of(*endpoint, detach_call());
    EXPECT_NE(error.find("refused"), std::string::npos) << error;
    EXPECT_NE(error.find(url), std::string::npos) << error;
}

TEST(HttpEndpoint, MissingCredentialsForCaller) {
    CannedServer server({});
    auto endpoint = make_http_endpoint(options_for(server.url()));
    EXPECT_TRUE(endpoint->can_act_as(model::kMainAccount));
    EXPECT_FALSE(endpoint->can_act_as(model::kUnprivileged));
    model::Call call = detach_call();
    call.caller = std::string(model::kUnprivileged);
    EXPECT_NE(transport_error_of(*endpoint, call).find("no credentials for principal 'unprivileged'"), std::string::npos);
    EXPECT_TRUE(server.requests().empty());
}

TEST(HttpEndpoint, PreconditionRouteOnOurMockOnly) {
    CannedServer mock({ok_json("P"), {200, "application/json", R"({"RequestId":"Q","name":"vod.multiAppService","value":"closed"})"}}),
        other({{404, "application/json", R"({"RequestId":"x","Code":"InvalidAction.NotFound"})"}});
    auto our_options = options_for(mock.url());
    our_options.control_route = true;  // what the bundled mock and loopback URLs get
    auto ours = make_http_endpoint(our_options);
    EXPECT_TRUE(ours->set_precondition("vod.multiAppService", "open"));
    // The getter asks the server (here it claims "closed", e.g. changed by someone else).
    EXPECT_EQ(ours->precondition("vod.multiAppService"), "closed");
    // Both calls are V1-signed by the main key (the mock refuses unsigned control calls).
    const HttpRequest sent = mock.requests().at(0);
    EXPECT_EQ(sent.method, "POST");
    EXPECT_EQ(sent.target, "/_acsconf/precondition");
    const ParsedRpcRequest set = parse_rpc_request(sent.method, sent.target, sent.headers, sent.body);
    ASSERT_TRUE(set.ok) << set.error;
    EXPECT_EQ(set.params().at("Action"), "SetPrecondition");
    EXPECT_EQ(set.params().at("name"), "vod.multiAppService");
    EXPECT_EQ(set.params().at("value"), "open");
    EXPECT_EQ(set.params().at("AccessKeyId"), "test-ak");
    EXPECT_TRUE(verify_v1("POST", set.all(), kSecret));
    const HttpRequest asked = mock.requests().at(1);
    EXPECT_EQ(asked.method, "GET");
    const ParsedRpcRequest get = parse_rpc_request(asked.method, asked.target, asked.headers, asked.body);
    ASSERT_TRUE(get.ok) << get.error;
    EXPECT_EQ(get.path, "/_acsconf/precondition");
    EXPECT_EQ(get.params().at("Action"), "GetPrecondition");
    EXPECT_EQ(get.params().at("name"), "vod.multiAppService");
    EXPECT_TRUE(verify_v1("GET", get.all(), kSecret));
    // No answer from the server: the last value this endpoint set.
    EXPECT_EQ(ours->precondition("vod.multiAppService"), "open");
    // Any other host (control_route off, the default): nothing is ever sent to the control route.
    auto theirs = make_http_endpoint(options_for(other.url()));
    EXPECT_FALSE(theirs->set_precondition("vod.multiAppService", "open"));
    EXPECT_EQ(theirs->precondition("vod.multiAppService"), "");
    EXPECT_TRUE(other.requests().empty());
}

TEST(HttpEndpoint, ReproductionCommandHasNoSecrets) {
    CannedServer server({ok_json("R")});
    auto options = options_for(server.url());
    options.credentials[std::string(model::kMainAccount)].security_token = "sts-token-value";
    auto endpoint = make_http_endpoint(options);
    endpoint->send(detach_call(), SendOptions{});
    const std::string command = dynamic_cast<Reproducible&>(*endpoint).last_curl_command();
    EXPECT_NE(command.find("curl"), std::string::npos);
    EXPECT_NE(command.find("Signature=REDACTED"), std::string::npos) << command;
    EXPECT_NE(command.find("SecurityToken=REDACTED"), std::string::npos) << command;
    const HttpRequest sent = server.requests().at(0);
    const auto parsed = parse_rpc_request(sent.method, sent.target, sent.headers, sent.body);
    EXPECT_EQ(command.find(parsed.params().at("Signature")), std::string::npos);
    EXPECT_EQ(command.find("sts-token-value"), std::string::npos);
    EXPECT_EQ(command.find(kSecret), std::string::npos);
}

TEST(HttpEndpoint, SecretsEchoedByTheServerAreScrubbed) {
    // A SignatureDoesNotMatch message echoes the server's string to sign; with STS it holds the token.
    CannedServer server({{400, "application/json",
                          R"({"RequestId":"R","Code":"SignatureDoesNotMatch","Message":"server string to sign is:POST&%2F&SecurityToken%3Dsts%252Btok"})"}});
    auto options = options_for(server.url());
    options.credentials[std::string(model::kMainAccount)].security_token = "sts+tok";
    auto endpoint = make_http_endpoint(options);
    const Response r = endpoint->send(detach_call(), SendOptions{});
    EXPECT_EQ(r.message.find("sts%252Btok"), std::string::npos) << r.message;
    EXPECT_EQ(r.raw_body.find("sts%252Btok"), std::string::npos) << r.raw_body;
}

TEST(HttpEndpoint, BadUrlsRejectedUpFront) {
    auto bad = [](const std::string& url) {
        HttpEndpointOptions options;
        options.ram_url = url;
        EXPECT_THROW(make_http_endpoint(options), EndpointConfigError) << url;
    };
    bad("not a url");
    bad("ftp://example.com");
    bad("http://example.com/?a=b");
    bad("");
}

}  // namespace
}  // namespace acsconf::harness
