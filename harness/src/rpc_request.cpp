#include "acsconf/harness/rpc_request.hpp"

#include <algorithm>

#include "acsconf/harness/percent_encoding.hpp"

namespace acsconf::harness {

const std::string* ParsedRpcRequest::find(std::string_view name) const {
    for (const ParamList* list : {&form, &query})  // the last occurrence wins: search from the end
        for (auto it = list->rbegin(); it != list->rend(); ++it)
            if (it->first == name) return &it->second;
    return nullptr;
}

std::map<std::string, std::string> ParsedRpcRequest::params() const {
    std::map<std::string, std::string> merged;
    for (const ParamList* list : {&query, &form})
        for (const auto& [key, value] : *list) merged.insert_or_assign(key, value);
    return merged;
}

ParamList ParsedRpcRequest::all() const {
    ParamList out = query;
    out.insert(out.end(), form.begin(), form.end());
    return out;
}

namespace {

bool is_form_body(const Headers& headers) {
    const std::string* type = find_header(headers, "content-type");
    return type != nullptr && to_lower_ascii(*type).find("application/x-www-form-urlencoded") != std::string::npos;
}

}  // namespace

ParsedRpcRequest parse_rpc_request(std::string_view /*method*/, std::string_view target, const Headers& headers,
                                   std::string_view body) {
    // The method does not change how parameters are read: the gateway merges query and form body for
    // GET and POST alike; it is in the signature for symmetry with the V1/V3 verifiers.
    ParsedRpcRequest out;
    const auto question = target.find('?');
    out.path = std::string(target.substr(0, std::min(question, target.find('#'))));
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        query = query.substr(0, query.find('#'));
        std::string error;
        if (!decode_query(query, out.query, error)) {
            out.error = "The query string is not a valid URL-encoded parameter list: " + error;
            return out;
        }
    }
    if (is_form_body(headers)) {
        std::string error;
        if (!decode_query(body, out.form, error)) {
            out.error = "The form body is not a valid URL-encoded parameter list: " + error;
            return out;
        }
    }
    out.ok = true;
    return out;
}

}  // namespace acsconf::harness
