// Parsing an incoming RPC request (the mock's side of the wire): query string and
// application/x-www-form-urlencoded body, decoded with Boost.URL.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

struct ParsedRpcRequest {
    bool ok = false;
    std::string error;  // when !ok: which part (query string / form body) is not decodable
    std::string path;   // the target's path, e.g. "/"
    ParamList query;    // decoded query pairs, in order (V3 signs these)
    ParamList form;     // decoded form-body pairs, in order (empty unless a form body was sent)

    // The value of `name` with query and form merged (form after query): a repeated name gives its
    // LAST value. nullptr when absent. A scan of the pairs: no merged copy is built.
    const std::string* find(std::string_view name) const;
    // Query and form merged the same way, as a map (for callers that want them all).
    std::map<std::string, std::string> params() const;
    // Every occurrence, query then form (what the V1 signature covers).
    ParamList all() const;
};

// Never throws. The form body is read when Content-Type is application/x-www-form-urlencoded.
ParsedRpcRequest parse_rpc_request(std::string_view method, std::string_view target, const Headers& headers,
                                   std::string_view body);

}  // namespace acsconf::harness
