#include "acsconf/harness/json_text.hpp"

#include <algorithm>
#include <optional>

namespace acsconf::harness {
namespace {

using nlohmann::json;

// A SAX handler that builds nothing and remembers where parsing stopped. nlohmann's DOM parser throws
// out_of_range 406 for "1E9898" without a position; the SAX interface hands every error a position.
class ErrorLocator final : public json::json_sax_t {
public:
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return true; }
    bool key(string_t&) override { return true; }
    bool end_object() override { return true; }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& e) override {
        where = position;
        token = last_token;
        reason = e.what();
        return false;
    }

    std::optional<std::size_t> where;  // chars read when the error was seen (1-based position of its last byte)
    std::string token;
    std::string reason;
};

// nlohmann prefixes its messages with "[json.exception.parse_error.101] parse error at line 1, column
// 7: ": keep only the reason, we say where ourselves.
std::string reason_only(std::string what) {
    const auto located = what.find("parse error at line ");
    const auto cut = located != std::string::npos ? what.find(": ", located) : what.find("] ");
    return cut == std::string::npos ? what : what.substr(cut + 2);
}

}  // namespace

json parse_json_text(std::string_view text, std::string_view origin, JsonExcerpt excerpt) {
    try {
        return json::parse(text.begin(), text.end());
    } catch (const json::exception&) {
        // Parse again through the SAX interface, which reports the position of every kind of error.
    }
    ErrorLocator locator;
    std::string reason = "not valid JSON";
    std::size_t offset = text.size();
    try {
        json::sax_parse(text.begin(), text.end(), &locator);
    } catch (const json::exception& e) {  // not expected: parse_error() returned false instead
        locator.reason = e.what();
    }
    if (locator.where) offset = *locator.where > 0 ? *locator.where - 1 : 0;
    offset = std::min(offset, text.size());
    if (!locator.reason.empty()) reason = reason_only(locator.reason);
    if (excerpt == JsonExcerpt::Omit) {
        // Only the kind of problem, never the bytes around it.
        const bool overflow = locator.reason.find("out_of_range") != std::string::npos;
        reason = overflow ? "number out of range" : "not valid JSON";
    } else if (locator.reason.find("out_of_range.406") != std::string::npos) {
        reason = "number out of range: '" + locator.token + "' (beyond what a double holds)";
    }
    const std::string_view before = text.substr(0, offset);
    const int line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    const auto line_start = before.find_last_of('\n');
    const int column = 1 + static_cast<int>(line_start == std::string_view::npos ? offset : offset - line_start - 1);
    throw JsonTextError(std::string(origin), line, column, reason);
}

}  // namespace acsconf::harness
