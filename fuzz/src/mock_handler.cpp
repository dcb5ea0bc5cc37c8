// mock_handler: raw bytes as one HTTP/1.1 request to the mock's socket-free core
// (mock::Service::handle_raw_http, at a fixed clock, fresh state per input). Properties:
//  - the answer is exactly one well-formed HTTP/1.1 response (Beast's parser reads all of it);
//  - its status is a real 1xx–5xx; errors are 4xx/5xx envelopes with Code and Message;
//  - every body is JSON or XML carrying a non-empty RequestId equal to the x-acs-request-id header;
//  - no AccessKeySecret ever appears in the answer.
#include <string>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>

#include "acsconf/mock/service.hpp"
#include "check.hpp"
#include "targets.hpp"
#include "wire_client.hpp"

namespace acsconf::fuzz {
namespace {

namespace http = boost::beast::http;

std::string request_id_in_body(const std::string& content_type, const std::string& body, bool is_error) {
    if (content_type.find("json") != std::string::npos) {
        const auto doc = nlohmann::json::parse(body, nullptr, false);
        ACSCONF_FUZZ_CHECK(!doc.is_discarded() && doc.is_object(), "a JSON answer is one JSON object");
        if (is_error) {
            ACSCONF_FUZZ_CHECK(doc.contains("Code") && doc["Code"].is_string(), "a JSON error carries Code");
            ACSCONF_FUZZ_CHECK(doc.contains("Message") && doc["Message"].is_string(), "a JSON error carries Message");
        }
        ACSCONF_FUZZ_CHECK(doc.contains("RequestId") && doc["RequestId"].is_string(), "a JSON answer carries RequestId");
        return doc["RequestId"].get<std::string>();
    }
    ACSCONF_FUZZ_CHECK(content_type.find("xml") != std::string::npos, "an answer is JSON or XML");
    pugi::xml_document doc;
    ACSCONF_FUZZ_CHECK(doc.load_buffer(body.data(), body.size()), "an XML answer parses");
    const pugi::xml_node root = doc.document_element();
    if (is_error) {
        ACSCONF_FUZZ_CHECK(std::string_view(root.name()) == "Error", "an XML error's root is <Error>");
        ACSCONF_FUZZ_CHECK(root.child("Code") && root.child("Message"), "an XML error carries Code and Message");
    }
    return root.child_value("RequestId");
}

}  // namespace

int run_mock_handler(const std::uint8_t* data, std::size_t size) {
    mock::Service service(fixed_service_options());
    const std::string answer =
        service.handle_raw_http(std::string_view(reinterpret_cast<const char*>(data), size));

    ACSCONF_FUZZ_CHECK(answer.find(mock::kTestAccessKeySecret) == std::string::npos &&
                           answer.find(mock::kUnprivilegedAccessKeySecret) == std::string::npos,
                       "no AccessKeySecret in any answer");

    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.body_limit(16 * 1024 * 1024);
    boost::beast::error_code error;
    const std::size_t used = parser.put(boost::asio::buffer(answer.data(), answer.size()), error);
    ACSCONF_FUZZ_CHECK(!error, "the answer is a well-formed HTTP/1.1 response");
    ACSCONF_FUZZ_CHECK(parser.is_done(), "the answer is a complete HTTP response");
    ACSCONF_FUZZ_CHECK(used == answer.size(), "the answer is exactly one HTTP response, nothing after it");

    const auto& response = parser.get();
    const unsigned status = response.result_int();
    ACSCONF_FUZZ_CHECK(status >= 100 && status <= 599, "the status is a real HTTP status");
    const std::string content_type(response[http::field::content_type]);
    const std::string header_id(response["x-acs-request-id"]);
    const std::string body_id = request_id_in_body(content_type, response.body(), status >= 400);
    ACSCONF_FUZZ_CHECK(!body_id.empty(), "every answer carries a non-empty RequestId");
    ACSCONF_FUZZ_CHECK(header_id == body_id, "the x-acs-request-id header equals the body's RequestId");
    return 0;
}

std::string encode_mock_handler_input(const model::Call& call) {
    return raw_http(signed_v1_request(call, harness::Format::Json, "fuzzseednonce"));
}

}  // namespace acsconf::fuzz
