// Parsing a JSON document that came from a file, with an error that says where: every loader (vector
// files, result files, cassettes, the aliyun CLI config) reports malformed JSON and numbers out of
// range the same way, "<origin>:<line>:<column>: <what>", never nlohmann's bare exception text.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace acsconf::harness {

class JsonTextError : public std::runtime_error {
public:
    JsonTextError(const std::string& origin, int at_line, int at_column, std::string why)
        : std::runtime_error(origin + ":" + std::to_string(at_line) + ":" + std::to_string(at_column) + ": " + why),
          line(at_line), column(at_column), reason(std::move(why)) {}
    int line;            // 1-based line of the offending byte
    int column;          // 1-based column (bytes) on that line
    std::string reason;  // what is wrong, without the place
};

enum class JsonExcerpt {
    Quote,  // the message may quote the offending token (vector files, result files)
    Omit,   // it must not (the text may hold secrets: credentials files)
};

// Parses `text` (all of it) as one JSON document. Throws JsonTextError naming `origin`, the line and
// the column for malformed JSON, a number beyond double range (`1E9898`), invalid UTF-8 in a string,
// or trailing garbage.
nlohmann::json parse_json_text(std::string_view text, std::string_view origin, JsonExcerpt excerpt = JsonExcerpt::Quote);

}  // namespace acsconf::harness
