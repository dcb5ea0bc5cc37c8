// Unit tests of the mock endpoint: the socket-free core (Service::handle, handle_raw_http) and one
// socket round trip. Requests are signed with the harness's signer, the same code the HTTP endpoint
// uses, so these tests also prove that client and mock agree on the wire.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "acsconf/harness/plugin_endpoint.hpp"
#include "acsconf/mock/server.hpp"
#include "acsconf/mock/service.hpp"
#include "acsconf/model/account.hpp"
#include "signing.hpp"

namespace acsconf::mock {
namespace {

using namespace std::chrono_literals;
using test::Signed;

nlohmann::json json_of(const HttpResponse& response) {
    EXPECT_NE(response.content_type.find("json"), std::string::npos) << response.body;
    return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

// The status line's code and the body after the blank line of a raw HTTP/1.1 response.
struct RawAnswer {
    int status = 0;
    std::string head;
    std::string body;
};
RawAnswer split_raw(const std::string& raw) {
    RawAnswer answer;
    if (raw.rfind("HTTP/1.1 ", 0) == 0) answer.status = std::stoi(raw.substr(9, 3));
    const auto blank = raw.find("\r\n\r\n");
    answer.head = raw.substr(0, blank);
    if (blank != std::string::npos) answer.body = raw.substr(blank + 4);
    return answer;
}

class MockServiceTest : public ::testing::Test {
protected:
    // A fixed clock: the signer stamps requests with the same instant, and tests move it.
    std::chrono::system_clock::time_point now = std::chrono::system_clock::from_time_t(1'800'000'000);
    ServiceOptions options() {
        ServiceOptions o;
        o.access_keys = {{"ak-main", "secret-main", std::string(model::kMainAccount)},
                         {"ak-weak", "secret-weak", std::string(model::kUnprivileged)}};
        o.clock = [this] { return now; };
        o.max_body_bytes = 4096;
        return o;
    }
    Service service{options()};

    Signed signer(std::string secret = "secret-main", std::string id = "ak-main") {
        return Signed{std::move(id), std::move(secret), now};
    }
};

// --- Requests that are rejected before the signature is looked at ------------------------------

TEST_F(MockServiceTest, UnknownActionIsInvalidActionNotFound404) {
    HttpResponse r = service.handle(signer().v1("GET", model::Product::Ram, "NoSuchAction", {}, "JSON"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json_of(r)["Code"], "InvalidAction.NotFound");
}

TEST_F(MockServiceTest, MissingActionIsMissingParameter) {
    HttpRequest request{"GET", "/?Version=2015-05-01&Format=JSON", {}, ""};
    HttpResponse r = service.handle(request);
    EXPECT_EQ(r.status, 400);
    auto body = json_of(r);
    EXPECT_EQ(body["Code"], "MissingParameter");
    EXPECT_NE(body["Message"].get<std::string>().find("Action"), std::string::npos);
    EXPECT_FALSE(body["RequestId"].get<std::string>().empty());
    EXPECT_EQ(body["HostId"], "ram.aliyuncs.com");
}

TEST_F(MockServiceTest, UnsupportedMethodIsRejected) {
    HttpRequest request{"DELETE", "/?Action=DetachPolicyFromUser&Version=2015-05-01&Format=JSON", {}, ""};
    HttpResponse r = service.handle(request);
    EXPECT_EQ(r.status / 100, 4);
    EXPECT_EQ(json_of(r)["Code"], "UnsupportedHTTPMethod");
}

TEST_F(MockServiceTest, UnknownAccessKeyIsInvalidAccessKeyIdNotFound) {
    HttpResponse r = service.handle(signer("whatever", "ak-nobody")
                                        .v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON"));
    EXPECT_EQ(json_of(r)["Code"], "InvalidAccessKeyId.NotFound");
    EXPECT_EQ(r.status, 404);
}

// --- Signatures, time window and nonces -------------------------------------------------------

TEST_F(MockServiceTest, WrongSecretV1IsSignatureDoesNotMatch) {
    HttpResponse r = service.handle(
        signer("not-the-secret").v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON"));
    EXPECT_EQ(json_of(r)["Code"], "SignatureDoesNotMatch");
    EXPECT_EQ(r.status / 100, 4);
}

TEST_F(MockServiceTest, TamperedParameterV1IsSignatureDoesNotMatch) {
    HttpRequest request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    const auto at = request.target.find("UserName=bob");
    ASSERT_NE(at, std::string::npos) << request.target;
    request.target.replace(at, 12, "UserName=eve");
    EXPECT_EQ(json_of(service.handle(request))["Code"], "SignatureDoesNotMatch");
}

TEST_F(MockServiceTest, WrongSecretV3IsSignatureDoesNotMatch) {
    HttpResponse r = service.handle(
        signer("not-the-secret").v3(model::Product::Ram, "GetUser", {{"UserName", "bob"}}));
    EXPECT_EQ(json_of(r)["Code"], "SignatureDoesNotMatch");
}

TEST_F(MockServiceTest, V3BodyNotMatchingContentHashIsRejected) {
    HttpRequest request = signer().v3(model::Product::Ram, "GetUser", {{"UserName", "bob"}});
    request.body = "UserName=eve";
    request.headers.emplace("content-type", "application/x-www-form-urlencoded");
    EXPECT_EQ(json_of(service.handle(request))["Code"], "SignatureDoesNotMatch");
}

TEST_F(MockServiceTest, ReplayedNonceIsSignatureNonceUsed) {
    HttpRequest request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    HttpResponse first = service.handle(request);
    EXPECT_NE(json_of(first)["Code"], "SignatureNonceUsed");
    HttpResponse second = service.handle(request);
    EXPECT_EQ(json_of(second)["Code"], "SignatureNonceUsed");
    EXPECT_EQ(second.status, 400);
}

TEST_F(MockServiceTest, ReplayedV3NonceIsSignatureNonceUsed) {
    HttpRequest request = signer().v3(model::Product::Ram, "GetUser", {{"UserName", "bob"}});
    (void)service.handle(request);
    EXPECT_EQ(json_of(service.handle(request))["Code"], "SignatureNonceUsed");
}

TEST_F(MockServiceTest, TimestampOutsideWindowIsExpiredInsideIsAccepted) {
    HttpRequest old_request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    HttpRequest recent_request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    now += 15min + 1s;  // default window: 15 minutes
    HttpResponse expired = service.handle(old_request);
    EXPECT_EQ(json_of(expired)["Code"], "InvalidTimeStamp.Expired");
    EXPECT_EQ(expired.status, 400);
    now -= 2s;  // back inside the window
    EXPECT_NE(json_of(service.handle(recent_request))["Code"], "InvalidTimeStamp.Expired");
}

TEST_F(MockServiceTest, TimeWindowIsConfigurable) {
    ServiceOptions o = options();
    o.time_window = 10s;
    Service narrow(o);
    HttpRequest request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    now += 11s;
    EXPECT_EQ(json_of(narrow.handle(request))["Code"], "InvalidTimeStamp.Expired");
}

TEST_F(MockServiceTest, TimestampInTheFutureBeyondWindowIsExpired) {
    HttpRequest request = signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "bob"}}, "JSON");
    now -= 16min;
    EXPECT_EQ(json_of(service.handle(request))["Code"], "InvalidTimeStamp.Expired");
}

// --- Successful calls over V1 GET, V1 POST and V3, and the caller principal -------------------

TEST_F(MockServiceTest, V1GetCreatesUserAndDetachFollowsTheModel) {
    HttpResponse created = service.handle(
        signer().v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "alice"}}, "JSON"));
    ASSERT_EQ(created.status, 200) << created.body;
    auto body = json_of(created);
    EXPECT_EQ(body["User"]["UserName"], "alice");
    EXPECT_EQ(body["RequestId"].get<std::string>().size(), 36u);

    HttpResponse detach = service.handle(signer().v1(
        "GET", model::Product::Ram, "DetachPolicyFromUser",
        {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "alice"}}, "JSON"));
    EXPECT_EQ(detach.status, 404);
    EXPECT_EQ(json_of(detach)["Code"], "EntityNotExist.User.Policy");
}

TEST_F(MockServiceTest, V1PostFormBodyAttachThenDetachSucceeds) {
    for (const char* action : {"CreateUser", "AttachPolicyToUser", "DetachPolicyFromUser"}) {
        std::map<std::string, std::string> params{{"UserName", "carol"}};
        if (std::string(action) != "CreateUser")
            params.insert({{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}});
        HttpResponse r = service.handle(signer().v1("POST", model::Product::Ram, action, params, "JSON"));
        EXPECT_EQ(r.status, 200) << action << ": " << r.body;
    }
    auto detach = json_of(service.handle(signer().v1(
        "POST", model::Product::Ram, "DetachPolicyFromUser",
        {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "carol"}}, "JSON")));
    EXPECT_EQ(detach["Code"], "EntityNotExist.User.Policy");
}

TEST_F(MockServiceTest, V3RequestTakesActionFromHeadersAndAnswersJson) {
    HttpResponse created = service.handle(signer().v3(model::Product::Ram, "CreateUser", {{"UserName", "dave"}}));
    ASSERT_EQ(created.status, 200) << created.body;
    EXPECT_EQ(json_of(created)["User"]["UserName"], "dave");
    HttpResponse bad = service.handle(signer().v3(
        model::Product::Ram, "DetachPolicyFromUser",
        {{"PolicyType", "Sytem"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "dave"}}));
    EXPECT_EQ(bad.status, 400);
    EXPECT_EQ(json_of(bad)["Code"], "InvalidParameter.PolicyType");
}

TEST_F(MockServiceTest, CallerIsTheAccessKeyOwner) {
    (void)service.handle(signer().v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "erin"}}, "JSON"));
    HttpResponse r = service.handle(signer("secret-weak", "ak-weak").v1(
        "GET", model::Product::Ram, "DetachPolicyFromUser",
        {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "erin"}}, "JSON"));
    EXPECT_EQ(r.status, 403);
    EXPECT_EQ(json_of(r)["Code"], "NoPermission");
}

// --- Formats ------------------------------------------------------------------------------------

TEST_F(MockServiceTest, FormatXmlGivesActionResponseRootAndErrorRoot) {
    HttpResponse ok = service.handle(
        signer().v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "frank"}}, "XML"));
    ASSERT_EQ(ok.status, 200) << ok.body;
    EXPECT_NE(ok.content_type.find("xml"), std::string::npos);
    pugi::xml_document doc;
    ASSERT_TRUE(doc.load_string(ok.body.c_str())) << ok.body;
    EXPECT_STREQ(doc.document_element().name(), "CreateUserResponse");
    EXPECT_FALSE(std::string(doc.document_element().child_value("RequestId")).empty());
    EXPECT_STREQ(doc.document_element().child("User").child_value("UserName"), "frank");

    HttpResponse error = service.handle(signer().v1(
        "GET", model::Product::Ram, "DetachPolicyFromUser",
        {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "nobody"}}, "XML"));
    pugi::xml_document err;
    ASSERT_TRUE(err.load_string(error.body.c_str())) << error.body;
    EXPECT_STREQ(err.document_element().name(), "Error");
    EXPECT_STREQ(err.document_element().child_value("Code"), "EntityNotExist.User");
    EXPECT_STREQ(err.document_element().child_value("HostId"), "ram.aliyuncs.com");
}

TEST_F(MockServiceTest, V1WithoutFormatDefaultsToXmlForBothProducts) {
    for (model::Product product : {model::Product::Ram, model::Product::Vod}) {
        HttpResponse r = service.handle(signer().v1("GET", product, "NoSuchAction", {}, ""));
        EXPECT_NE(r.content_type.find("xml"), std::string::npos) << r.body;
        pugi::xml_document doc;
        EXPECT_TRUE(doc.load_string(r.body.c_str()));
        EXPECT_STREQ(doc.document_element().name(), "Error");
    }
}

TEST_F(MockServiceTest, UnknownFormatIsInvalidParameterFormat) {
    HttpRequest request{"GET", "/?Action=GetUser&Version=2015-05-01&Format=YAML", {}, ""};
    HttpResponse r = service.handle(request);
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json_of(r)["Code"], "InvalidParameter.Format");
}

TEST_F(MockServiceTest, VodErrorsCarryVodHostId) {
    HttpResponse r = service.handle(signer().v1("GET", model::Product::Vod, "NoSuchAction", {}, "JSON"));
    EXPECT_EQ(json_of(r)["HostId"], "vod.aliyuncs.com");
}

// --- The control route ------------------------------------------------------------------------

TEST_F(MockServiceTest, ControlRouteSetsPreconditionAndRejectsUnknownOnes) {
    ServiceOptions o = options();
    o.test_control = true;
    Service controlled(o);
    auto set = [&](const std::string& value) {
        return controlled.handle(signer().v1("POST", model::Product::Ram, "SetPrecondition",
                                             {{"name", "vod.multiAppService"}, {"value", value}}, "JSON",
                                             std::string(kPreconditionPath)));
    };
    HttpResponse r = set("closed");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(controlled.precondition(model::kPreconditionVodMultiApp), "closed");
    EXPECT_EQ(set("open").status, 200);
    EXPECT_EQ(controlled.precondition(model::kPreconditionVodMultiApp), "open");
    EXPECT_EQ(set("ajar").status, 400);
    EXPECT_EQ(controlled.handle(signer().v1("POST", model::Product::Ram, "SetPrecondition",
                                            {{"name", "no.such.thing"}, {"value", "open"}}, "JSON",
                                            std::string(kPreconditionPath)))
                  .status,
              400);
    EXPECT_EQ(controlled.precondition(model::kPreconditionVodMultiApp), "open");
    HttpResponse got = controlled.handle(signer().v1("GET", model::Product::Ram, "GetPrecondition",
                                                     {{"name", "vod.multiAppService"}}, "JSON",
                                                     std::string(kPreconditionPath)));
    EXPECT_EQ(got.status, 200) << got.body;
    EXPECT_EQ(json_of(got)["value"], "open");
}

// --- Raw bytes: malformed and oversized input --------------------------------------------------

TEST_F(MockServiceTest, RawHttpGoodRequestIsAnswered) {
    HttpRequest request = signer().v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "gina"}}, "JSON");
    std::string raw = "GET " + request.target + " HTTP/1.1\r\nHost: ram.aliyuncs.com\r\n\r\n";
    RawAnswer answer = split_raw(service.handle_raw_http(raw));
    EXPECT_EQ(answer.status, 200) << answer.head;
    EXPECT_EQ(nlohmann::json::parse(answer.body)["User"]["UserName"], "gina");
}

TEST_F(MockServiceTest, RawHttpMalformedBytesGive400) {
    for (std::string raw : {std::string("GARBAGE\r\n\r\n"),
                            std::string("GET / HTTP/1.1\r\nHost"), std::string("\0\xff\x01", 3),
                            std::string(""), std::string("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nab")}) {
        RawAnswer answer = split_raw(service.handle_raw_http(raw));
        EXPECT_EQ(answer.status, 400) << "input: " << raw;
        auto body = nlohmann::json::parse(answer.body, nullptr, false);
        EXPECT_EQ(body["Code"], "MalformedRequest") << answer.body;
        EXPECT_FALSE(body["RequestId"].get<std::string>().empty());
    }
}

TEST_F(MockServiceTest, RawHttpOversizedBodyGives413) {
    const std::string body(5000, 'a');  // the fixture's limit is 4096 bytes
    std::string raw = "POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    RawAnswer answer = split_raw(service.handle_raw_http(raw));
    EXPECT_EQ(answer.status, 413);
    EXPECT_EQ(nlohmann::json::parse(answer.body)["Code"], "RequestEntityTooLarge");
}

TEST_F(MockServiceTest, RawHttpHugeHeadGives431AndUndecodableQueryGives400) {
    std::string raw = "GET /?" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n";
    EXPECT_EQ(split_raw(service.handle_raw_http(raw)).status, 431);
    RawAnswer bad = split_raw(service.handle_raw_http("GET /?Action=%zz HTTP/1.1\r\nHost: x\r\n\r\n"));
    EXPECT_EQ(bad.status, 400);
}

TEST_F(MockServiceTest, InvalidUtf8ParameterStillGivesWellFormedJson) {
    HttpResponse r = service.handle(signer().v1("GET", model::Product::Ram, "DetachPolicyFromUser",
                                                {{"PolicyType", "System"},
                                                 {"PolicyName", "ReadOnlyAccess"},
                                                 {"UserName", std::string("\xc3\x28", 2)}},
                                                "JSON"));
    EXPECT_EQ(r.status, 400);
    EXPECT_FALSE(json_of(r).is_discarded()) << r.body;
}

// --- Over a socket ------------------------------------------------------------------------------

TEST(MockServerTest, EphemeralPortServesSignedRequestAndStops) {
    ServerOptions options;
    options.port = 0;
    options.service.access_keys = {{"ak-main", "secret-main", std::string(model::kMainAccount)}};
    Server server(options);
    server.start();
    ASSERT_NE(server.port(), 0);
    EXPECT_EQ(server.base_url(), "http://127.0.0.1:" + std::to_string(server.port()));

    Signed signer{"ak-main", "secret-main", std::chrono::system_clock::now()};
    HttpRequest request = signer.v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "hank"}}, "JSON");
    auto [status, body] = test::http_get(server.port(), request.target);
    EXPECT_EQ(status, 200) << body;
    EXPECT_EQ(nlohmann::json::parse(body)["User"]["UserName"], "hank");

    auto [bad_status, bad_body] = test::raw_exchange(server.port(), "NOT HTTP AT ALL\r\n\r\n");
    EXPECT_EQ(bad_status, 400) << bad_body;
    auto [again, again_body] = test::http_get(server.port(), "/?Format=JSON");  // still serving
    EXPECT_EQ(again, 400) << again_body;
    server.stop();
    auto [after, after_body] = test::raw_exchange(server.port(), "GET / HTTP/1.1\r\n\r\n");
    EXPECT_EQ(after, 0) << "connected after stop: " << after_body;
}

TEST(MockServerTest, ListenAddressParsing) {
    std::string host, error;
    std::uint16_t port = 1;
    EXPECT_TRUE(parse_listen_address("127.0.0.1:0", host, port, error));
    EXPECT_EQ(host, "127.0.0.1");
    EXPECT_EQ(port, 0);
    EXPECT_TRUE(parse_listen_address("[::1]:8080", host, port, error));
    EXPECT_EQ(host, "::1");
    EXPECT_EQ(port, 8080);
    for (const char* bad : {"127.0.0.1", "127.0.0.1:", ":80", "h:65536", "h:8o", "::1:80", "[::1:80"}) {
        EXPECT_FALSE(parse_listen_address(bad, host, port, error)) << bad;
        EXPECT_FALSE(error.empty()) << bad;
    }
}

TEST(MockServerTest, StartOnBusyPortThrowsNamingTheAddress) {
    ServerOptions options;
    options.port = 0;
    Server first(options);
    first.start();
    options.port = first.port();
    Server second(options);
    try {
        second.start();
        FAIL() << "second server bound the same port";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("127.0.0.1:" + std::to_string(first.port())), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace acsconf::mock

// `acsconf serve --endpoint plugin:…`: the gateway answers from a backend endpoint instead of its model.
namespace acsconf::mock {
namespace {

TEST_F(MockServiceTest, BackendEndpointAnswersInsteadOfTheModel) {
    const std::map<std::string, std::string> long_name = {
        {"UserName", std::string(65, 'a')}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}};
    // The faithful model rejects a 65-character UserName...
    EXPECT_EQ(json_of(service.handle(signer().v1("GET", model::Product::Ram, "DetachPolicyFromUser", long_name, "JSON")))["Code"],
              "InvalidParameter.UserName.Length");
    // ...the broken example plugin behind the same gateway accepts it (and then finds no such user).
    ServiceOptions with_plugin = options();
    with_plugin.backend = harness::make_plugin_endpoint(ACSCONF_MOCK_PLUGIN_BROKEN);
    Service gateway(std::move(with_plugin));
    const HttpResponse r = gateway.handle(signer().v1("GET", model::Product::Ram, "DetachPolicyFromUser", long_name, "JSON"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json_of(r)["Code"], "EntityNotExist.User");
    EXPECT_TRUE(gateway.set_precondition(model::kPreconditionVodMultiApp, "closed"));
    EXPECT_EQ(gateway.precondition(model::kPreconditionVodMultiApp), "closed");
}

}  // namespace
}  // namespace acsconf::mock
