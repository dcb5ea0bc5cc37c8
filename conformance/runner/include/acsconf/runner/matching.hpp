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

// Subset match of body fields: objects by listed keys, arrays as sets, scalars equal.
bool fields_match(const nlohmann::json& expected, const nlohmann::json& actual);
// Loose message comparison: case-insensitive, whitespace folded, equal or a prefix.
bool message_matches(const std::string& expected, const std::string& actual);

// "400 InvalidParameter.UserName.Length", or "200 success": an answer in one line.
std::string describe_response(const harness::Response& response);

}  // namespace acsconf::runner
