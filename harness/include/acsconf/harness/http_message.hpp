// The plain HTTP shapes the wire pieces share: parameter lists, headers, one request.
// No I/O here; the libcurl endpoint and the mock's Beast server translate to and from these.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace acsconf::harness {

// Decoded parameters in the order they appeared. A list, not a map: repeated keys are legal on the
// wire and the V1 signature covers every occurrence.
using ParamList = std::vector<std::pair<std::string, std::string>>;

// Header names are lower-case; a repeated header keeps every value in arrival order. Looked up by
// string_view (std::less<>): no temporary string per lookup.
using Headers = std::multimap<std::string, std::string, std::less<>>;

struct HttpRequest {
    std::string method;  // "GET" | "POST" | ...
    std::string target;  // origin-form: "/" or "/?a=b&..."
    Headers headers;
    std::string body;
};

// First value of a header (name must be lower-case), or nullptr.
const std::string* find_header(const Headers& headers, std::string_view lower_name);

// ASCII lower-casing for header names.
std::string to_lower_ascii(std::string_view text);

}  // namespace acsconf::harness
