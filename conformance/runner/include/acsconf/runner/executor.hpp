// Running one vector against an Endpoint: substitution, fixtures (`given`), the request, matching
// `expect`, the `then` checks, the common checks, and teardown. See vectors/README.md.
#pragma once

#include <functional>
#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/result.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

// A VALUE or `${…}` that cannot be expanded (unknown variable, bad hex, negative count, ...).
class SubstitutionError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using Variables = std::map<std::string, std::string>;

// `${name}` → value. Throws SubstitutionError for an unknown or unterminated variable.
std::string substitute_text(const std::string& text, const Variables& vars);
// Expands a VALUE (string, {"repeat","count"}, {"concat"}, {"hex"}) to raw bytes.
std::string expand_value(const nlohmann::json& value, const Variables& vars);
// Every string leaf of `doc` substituted (used for expect/then so reports show what was compared).
nlohmann::json substitute_strings(const nlohmann::json& doc, const Variables& vars);

// 8 characters [a-z0-9], never the same twice in this process.
std::string new_run_token();

// Strings at a dotted path with `[*]` for arrays ("Policies.Policy[*].PolicyName").
std::vector<std::string> strings_at_path(const nlohmann::json& fields, const std::string& path);

// Bytes as a JSON-safe string: valid UTF-8 kept, other bytes written as \xNN.
std::string printable_bytes(const std::string& bytes);

// Result of matching one answer against an expect block.
struct MatchResult {
    bool matched = false;
    std::string matched_alternative;  // label, or the index ("0", "1", ...) when unlabelled
    std::string mismatch;             // why nothing matched, e.g. "expected status 404 code X, got 400 Y"
};
MatchResult match_expect(const nlohmann::json& expect, const harness::Response& response);

// Subset match of body fields: objects by listed keys, arrays as sets, scalars equal.
bool fields_match(const nlohmann::json& expected, const nlohmann::json& actual);
// Loose message comparison: case-insensitive, whitespace folded, equal or a prefix.
bool message_matches(const std::string& expected, const std::string& actual);

struct ExecOptions {
    harness::Format format = harness::Format::Json;
    // Supplies ${run}; defaults to new_run_token(). Tests inject a fixed token.
    std::function<std::string()> run_token;
};

// Never throws: every problem becomes the outcome `error` (or `skip`) with a reason.
VectorResult execute_vector(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options = {});

}  // namespace acsconf::runner
