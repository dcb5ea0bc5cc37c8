// Judging one answer against an `expect` block (vectors/README.md, "EXPECT"): no I/O, no state.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"

namespace acsconf::runner {

// Result of matching one answer against an expect block.
struct MatchResult {
    bool matched = false;
    std::string matched_alternative;  // label, or the index ("0", "1", ...) when unlabelled: the first candidate
    std::string mismatch;             // why nothing matched, e.g. "expected status 404 code X, got 400 Y"
    // Every alternative the answer satisfies, in order (index into anyOf, label). The executor picks
    // the first whose own `then` checks hold.
    std::vector<std::pair<std::size_t, std::string>> candidates;
};
MatchResult match_expect(const nlohmann::json& expect, const harness::Response& response);

// The alternatives of an expect block: its anyOf entries, or the block itself.
std::vector<nlohmann::json> expect_alternatives(const nlohmann::json& expect);

// One alternative's keys, each on its own (reports colour them one by one): true when the
// alternative does not constrain that part of the answer or the answer satisfies it.
bool status_matches(const nlohmann::json& alternative, int http_status);             // status, statusClass
bool code_matches(const nlohmann::json& alternative, const std::string& code);       // code, codeMatches
bool messages_match(const nlohmann::json& alternative, const std::string& message);  // messages

// What each alternative expects as a code, once each, in order: the code; "(success)" for "" or a
// 2xx statusClass; "~PATTERN" for codeMatches. Alternatives with none of these add nothing.
std::vector<std::string> expected_codes(const nlohmann::json& expect);

// Subset match of body fields: objects by listed keys, arrays as sets, scalars equal.
bool fields_match(const nlohmann::json& expected, const nlohmann::json& actual);
// Loose message comparison: case-insensitive, whitespace folded, equal or a prefix.
bool message_matches(const std::string& expected, const std::string& actual);

// "400 InvalidParameter.UserName.Length", or "200 success": an answer in one line.
std::string describe_response(const harness::Response& response);

}  // namespace acsconf::runner
