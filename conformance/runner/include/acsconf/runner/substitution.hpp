// VALUE expansion and `${…}` substitution (vectors/README.md, "VALUE"), the per-run token, and the
// JSON-safe rendering of raw bytes.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

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

// A run token (harness/include/acsconf/harness/run_token.hpp: "acsconf" + creation time + random, 18 characters [a-z0-9]),
// never the same twice in this process.
std::string new_run_token();

// Bytes as a JSON-safe string: valid UTF-8 kept, other bytes written as \xNN.
std::string printable_bytes(const std::string& bytes);

}  // namespace acsconf::runner
