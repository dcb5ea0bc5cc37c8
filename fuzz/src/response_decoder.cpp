// response_decoder_{json,xml}: the harness's response decoder. Two modes, chosen by the input:
//  - raw: arbitrary bytes as a body → decode_response either throws TransportError with a reason or
//    returns an answer; its RequestId is exactly the body's (a success without one in the body keeps
//    it empty, for the runner's common.RequestId.present rule), and the format it reports is one the
//    body really parses as. No other exception escapes.
//  - round trip: a model outcome (catalogued error, or success with realistic fields) encoded by
//    encode_response and decoded again gives back status, Code, Message, RequestId and fields.
#include <string>

#include <fuzzer/FuzzedDataProvider.h>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "acsconf/harness/response_codec.hpp"
#include "acsconf/model/catalogue.hpp"
#include "check.hpp"
#include "fdp_writer.hpp"
#include "response_decoder.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

constexpr const char* kActions[] = {"DetachPolicyFromUser", "DetachAppPolicyFromIdentity", "ListPoliciesForUser",
                                    "ListAppPoliciesForIdentity", "CreateUser", "Unknown"};
constexpr int kStatuses[] = {200, 400, 403, 404, 409, 500, 503, 302, 0};

// Printable ASCII without surrounding blanks: what real ids and names look like, and what XML keeps
// byte for byte.
std::string tidy(std::string text, const char* fallback) {
    std::string out;
    for (char c : text)
        if (c > ' ' && c < 0x7f) out += c;
    return out.empty() ? fallback : out;
}

void check_raw(FuzzedDataProvider& input, harness::Format asked) {
    const std::string action = input.PickValueInArray(kActions);
    const int status = input.PickValueInArray(kStatuses);
    const bool declare_asked = input.ConsumeBool();
    const std::string content_type(declare_asked ? harness::content_type_for(asked) : "");
    const std::string body = input.ConsumeRemainingBytesAsString();
    harness::Response response;
    try {
        response = harness::decode_response(action, status, content_type, body, asked);
    } catch (const harness::TransportError& e) {
        ACSCONF_FUZZ_CHECK(std::string_view(e.what()).size() > 0, "a TransportError says why");
        return;
    } catch (...) {
        ACSCONF_FUZZ_CHECK(false, "decode_response throws nothing but TransportError");
    }
    // A well-formed body without RequestId (e.g. "{}") decodes with an empty request_id: the runner's
    // common.RequestId.present rule then fails the vector (a judged `fail`, not a transport `error`).
    // So the decoder's duty is to report exactly the RequestId the body has: never invent or lose one.
    ACSCONF_FUZZ_CHECK(response.fields.is_object(), "decoded fields are a JSON object");
    std::string id_in_body;
    if (response.format == harness::Format::Json) {
        const auto doc = nlohmann::json::parse(body, nullptr, false);
        ACSCONF_FUZZ_CHECK(!doc.is_discarded(), "a body decoded as JSON is JSON");
        if (doc.is_object() && doc.contains("RequestId") && doc["RequestId"].is_string())
            id_in_body = doc["RequestId"].get<std::string>();
    } else {
        pugi::xml_document doc;
        ACSCONF_FUZZ_CHECK(doc.load_buffer(body.data(), body.size()), "a body decoded as XML is XML");
        // Only a single text element is a RequestId; one with child elements, or a repeated one, is
        // structured (an object or a list), not an id.
        const pugi::xml_node root = doc.document_element();
        const pugi::xml_node id = root.child("RequestId");
        const bool repeated = id.next_sibling("RequestId");
        const bool has_elements =
            id.find_child([](const pugi::xml_node& n) { return n.type() == pugi::node_element; });
        if (!repeated && !has_elements) id_in_body = id.child_value();
    }
    if (!response.request_id.empty())
        ACSCONF_FUZZ_CHECK(!response.fields.contains("RequestId"), "a text RequestId is not also a field");
    if (response.request_id.empty() && response.code.empty())
        ACSCONF_FUZZ_CHECK(id_in_body.empty(), "a success decodes without RequestId only when the body has none");
    if (!id_in_body.empty())
        ACSCONF_FUZZ_CHECK(response.request_id == id_in_body, "the decoded RequestId is the body's");
}

void check_round_trip(FuzzedDataProvider& input, harness::Format format) {
    const auto& errors = model::error_catalogue();
    model::Outcome outcome;
    std::string action = "DetachPolicyFromUser";
    const unsigned shape = input.ConsumeIntegralInRange<unsigned>(0, 3);
    if (shape == 0) {
        const auto& error = errors[input.ConsumeIntegralInRange<std::size_t>(0, errors.size() - 1)];
        outcome.http_status = error.http_status;
        outcome.code = error.code;
        outcome.message = error.message();
    } else if (shape == 1) {
        action = "DetachAppPolicyFromIdentity";
        outcome.fields["NonExistPolicyNames"] = nlohmann::json::array({tidy(input.ConsumeRandomLengthString(40), "A")});
        outcome.fields["FailedPolicyNames"] =
            nlohmann::json::array({tidy(input.ConsumeRandomLengthString(40), "B"), "VODAppFullAccess"});
    } else if (shape == 2) {
        action = "CreateUser";
        outcome.fields["User"] = {{"UserName", tidy(input.ConsumeRandomLengthString(64), "u")},
                                  {"UserId", tidy(input.ConsumeRandomLengthString(32), "1")}};
    }
    harness::Envelope envelope;
    envelope.request_id = tidy(input.ConsumeRandomLengthString(64), "R");
    if (!outcome.ok()) {
        envelope.host_id = "ram.aliyuncs.com";
        envelope.recommend = "https://api.aliyun.com/troubleshoot?q=" + outcome.code;
    }
    const std::string body = harness::encode_response(outcome, action, envelope, format);
    harness::Response decoded;
    try {
        decoded = harness::decode_response(action, outcome.http_status, harness::content_type_for(format), body, format);
    } catch (const harness::TransportError&) {
        ACSCONF_FUZZ_CHECK(false, "what encode_response writes, decode_response reads");
    }
    ACSCONF_FUZZ_CHECK(decoded.format == format, "the round trip keeps the format");
    ACSCONF_FUZZ_CHECK(decoded.http_status == outcome.http_status, "the round trip keeps the status");
    ACSCONF_FUZZ_CHECK(decoded.code == outcome.code && decoded.message == outcome.message,
                       "the round trip keeps Code and Message");
    ACSCONF_FUZZ_CHECK(decoded.request_id == envelope.request_id, "the round trip keeps RequestId");
    ACSCONF_FUZZ_CHECK(decoded.fields == outcome.fields, "the round trip keeps the body fields");
}

}  // namespace

int run_response_decoder(const std::uint8_t* data, std::size_t size, harness::Format asked) {
    FuzzedDataProvider input(data, size);
    if (input.ConsumeIntegral<std::uint8_t>() < 16)
        check_round_trip(input, asked);
    else
        check_raw(input, asked);
    return 0;
}

}  // namespace acsconf::fuzz

namespace acsconf::fuzz {

std::string encode_response_decoder_input(std::string_view action, int http_status, std::string_view body) {
    FdpWriter writer;
    writer.byte(255);  // raw mode
    std::size_t action_index = std::size(kActions) - 1;
    for (std::size_t i = 0; i < std::size(kActions); ++i)
        if (action == kActions[i]) action_index = i;
    std::size_t status_index = std::size(kStatuses) - 1;
    for (std::size_t i = 0; i < std::size(kStatuses); ++i)
        if (http_status == kStatuses[i]) status_index = i;
    writer.integral_in_range(action_index, 0, std::size(kActions) - 1);
    writer.integral_in_range(status_index, 0, std::size(kStatuses) - 1);
    writer.boolean(true);  // declare the asked Content-Type
    writer.remaining(body);
    return writer.bytes();
}

}  // namespace acsconf::fuzz
