// Response bodies both ways. decode_response: JSON (nlohmann) or XML (pugixml) → harness::Response,
// the same Response whichever format carried the answer. encode_response: model::Outcome → the body
// the service would send (the mock's encoder): a JSON object, or XML with an `<{Action}Response>` root
// on success and `<Error>` on errors (docs/sources/gateway.md#error-body, docs/sources/gateway.md#error-body).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::harness {

// How a body field is shaped in JSON, so that XML (which has no arrays or numbers) decodes to the
// same JSON. Paths are dot-separated from the body root, e.g. "Policies.Policy".
enum class FieldKind { StringList, ObjectList, Integer, Boolean };
struct FieldShape {
    std::string path;
    FieldKind kind;
};
// The shapes of one action's success body (empty for actions with only RequestId). For an action
// the table does not know, the union of every known action's shapes is used.
const std::vector<FieldShape>& field_shapes(std::string_view action);

struct Envelope {
    std::string request_id;
    std::string host_id;    // errors only
    std::string recommend;  // errors only; empty: omitted
};

std::string encode_response(const model::Outcome& outcome, std::string_view action, const Envelope& envelope,
                            Format format);
// "application/json;charset=utf-8" / "text/xml;charset=utf-8".
std::string_view content_type_for(Format format);

// Decodes one answer. The body is first read as `asked`; when it is not that format but is the other
// one, the answer is decoded anyway and Response::format says what it really was, so the runner can
// fail the format rule (see format_mismatch). An empty, garbage or truncated body, a JSON value
// that is not an object, or XML whose root is neither <Error> nor <...Response> throws
// TransportError with the reason (and a short, secret-free excerpt of the body).
Response decode_response(std::string_view action, int http_status, std::string_view content_type,
                         std::string_view body, Format asked);

inline bool format_mismatch(const Response& response, Format asked) { return response.format != asked; }

// The format a Content-Type names ("application/json;charset=utf-8" → Json, "text/xml" or
// "application/xml" → Xml); nullopt when it names neither (or is absent).
std::optional<Format> format_of_content_type(std::string_view content_type);

}  // namespace acsconf::harness
