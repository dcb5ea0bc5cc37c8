// The harness's deliberately bad requests (harness/include/acsconf/harness/fault.hpp) against the mock's gateway: each fault is
// refused with its gateway code in both signature versions, and each gateway deviation of the catalogue
// lets exactly its fault through. Requests are built by the same code the HTTP endpoint sends.
#include <gtest/gtest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/harness/request_builder.hpp"
#include "acsconf/harness/response_codec.hpp"
#include "acsconf/mock/service.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::mock {
namespace {

using harness::Fault;
using harness::SignatureVersion;

constexpr const char* kHost = "127.0.0.1:8080";

ServiceOptions service_options(const std::string& deviation = "") {
    ServiceOptions o;
    o.access_keys = {{"ak-main", "secret-main", std::string(model::kMainAccount)}};
    o.model.deviation = deviation;
    return o;
}

model::Call get_user_call() {  // read-only: a fault never changes anything here
    model::Call call;
    call.product = model::Product::Ram;
    call.action = "ListPoliciesForUser";
    call.params = {{"UserName", "nobody"}};
    return call;
}

struct Answer {
    int status = 0;
    std::string code;
    std::string content_type;
    std::string body;
};

// Sends `fault` (twice for a replay, judging the second answer) and decodes the answer.
Answer send(Service& service, Fault fault, SignatureVersion version,
            harness::Format format = harness::Format::Json) {
    harness::RequestOptions options;
    options.signature = version;
    options.fault = fault;
    options.format = format;
    const harness::HttpRequest request =
        harness::build_request(get_user_call(), kHost, harness::Credentials{"ak-main", "secret-main", ""}, options);
    HttpResponse response = service.handle(request);
    if (fault == Fault::NonceReplayed) response = service.handle(request);
    const harness::Response decoded =
        harness::decode_response("ListPoliciesForUser", response.status, response.content_type, response.body, format);
    return {response.status, decoded.code, response.content_type, response.body};
}

// The code the faithful gateway answers each fault with (mock/README.md, docs/sources/gateway.md#gateway-codes).
std::string expected_code(Fault fault) {
    switch (fault) {
        case Fault::SignatureTampered:
        case Fault::ContentSha256Mismatch:
        case Fault::SignedHeaderChanged:
        case Fault::SignedHeadersIncomplete: return "SignatureDoesNotMatch";
        case Fault::SignatureMethodUnsupported: return "InvalidSignatureMethod";
        case Fault::AccessKeyIdUnknown: return "InvalidAccessKeyId.NotFound";
        case Fault::NonceReplayed: return "SignatureNonceUsed";
        case Fault::TimestampExpired:
        case Fault::TimestampFuture: return "InvalidTimeStamp.Expired";
        case Fault::TimestampMalformed: return "InvalidTimeStamp.Format";
        default: return "MissingParameter";  // signature, nonce or timestamp not sent
    }
}

TEST(GatewayFaults, EveryApplicableFaultIsRefusedWithItsCodeInBothSignatureVersions) {
    for (SignatureVersion version : {SignatureVersion::V1, SignatureVersion::V3}) {
        for (Fault fault : harness::all_faults()) {
            if (!harness::fault_unsupported(fault, version).empty()) continue;
            if (fault == Fault::SignedHeadersIncomplete) continue;  // the mock's strictness there is issue 11's
            Service service(service_options());
            const Answer answer = send(service, fault, version);
            EXPECT_EQ(answer.code, expected_code(fault))
                << harness::fault_name(fault) << " " << harness::signature_version_name(version) << ": " << answer.body;
            EXPECT_GE(answer.status, 400) << harness::fault_name(fault);
        }
    }
}

TEST(GatewayFaults, NoFaultIsAnsweredByTheModel) {
    for (SignatureVersion version : {SignatureVersion::V1, SignatureVersion::V3}) {
        Service service(service_options());
        EXPECT_EQ(send(service, Fault::None, version).code, "EntityNotExist.User");
    }
}

TEST(GatewayFaults, FaultsThatDoNotApplyToASignatureVersionAreRefusedByTheBuilder) {
    harness::RequestOptions options;
    options.signature = SignatureVersion::V1;
    options.fault = Fault::ContentSha256Mismatch;
    EXPECT_FALSE(harness::fault_unsupported(Fault::ContentSha256Mismatch, SignatureVersion::V1).empty());
    EXPECT_FALSE(harness::fault_unsupported(Fault::SignatureMethodUnsupported, SignatureVersion::V3).empty());
    EXPECT_THROW(harness::build_request(get_user_call(), kHost, harness::Credentials{"a", "b", ""}, options),
                 std::invalid_argument);
}

TEST(GatewayFaults, FaultNamesRoundTrip) {
    for (Fault fault : harness::all_faults()) {
        Fault parsed = Fault::None;
        ASSERT_TRUE(harness::parse_fault(harness::fault_name(fault), parsed)) << harness::fault_name(fault);
        EXPECT_EQ(parsed, fault);
    }
    Fault parsed = Fault::None;
    EXPECT_FALSE(harness::parse_fault("signature.Tampered", parsed));
}

// Each gateway deviation lets its own fault through to the model (which answers EntityNotExist.User).
TEST(GatewayDeviations, EachLetsItsFaultThrough) {
    const std::map<std::string, Fault> fault_of = {
        {"common.Signature.notChecked", Fault::SignatureTampered},
        {"common.SignatureNonce.replayAccepted", Fault::NonceReplayed},
        {"common.Timestamp.notChecked", Fault::TimestampExpired},
    };
    for (const auto& d : model::deviation_catalogue()) {
        if (d.layer != model::DeviationLayer::Gateway || d.id == "common.Format.ignored") continue;
        ASSERT_TRUE(fault_of.contains(d.id)) << "no probe for gateway deviation " << d.id;
        for (SignatureVersion version : {SignatureVersion::V1, SignatureVersion::V3}) {
            Service faithful(service_options()), deviated(service_options(d.id));
            EXPECT_EQ(send(faithful, fault_of.at(d.id), version).code, expected_code(fault_of.at(d.id))) << d.id;
            EXPECT_EQ(send(deviated, fault_of.at(d.id), version).code, "EntityNotExist.User") << d.id;
        }
    }
}

TEST(GatewayDeviations, FormatIgnoredAnswersJsonWhenXmlWasAsked) {
    for (SignatureVersion version : {SignatureVersion::V1, SignatureVersion::V3}) {
        Service faithful(service_options()), deviated(service_options("common.Format.ignored"));
        const Answer asked_xml = send(faithful, Fault::None, version, harness::Format::Xml);
        EXPECT_NE(asked_xml.content_type.find("xml"), std::string::npos);
        EXPECT_EQ(asked_xml.body.rfind("<?xml", 0), 0u) << asked_xml.body;
        const Answer ignored = send(deviated, Fault::None, version, harness::Format::Xml);
        EXPECT_NE(ignored.content_type.find("json"), std::string::npos);
        EXPECT_EQ(ignored.body.front(), '{') << ignored.body;
    }
}

}  // namespace
}  // namespace acsconf::mock
