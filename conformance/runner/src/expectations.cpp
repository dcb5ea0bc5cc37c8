// Expectations files (format: expectations.hpp). Each line is validated against a small JSON Schema
// (valijson), so every problem names the file and the line.
#include "acsconf/runner/expectations.hpp"

#include <algorithm>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "acsconf/runner/run.hpp"

namespace acsconf::runner {

using nlohmann::json;

namespace {

// One line of an expectations file.
constexpr const char* kEntrySchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object",
  "additionalProperties": false,
  "required": ["vector", "reason"],
  "properties": {
    "vector": {"type": "string", "minLength": 1},
    "outcome": {"const": "fail"},
    "accept": {"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": "string", "minLength": 1}},
    "reason": {"type": "string", "minLength": 1}
  },
  "oneOf": [{"required": ["outcome"]}, {"required": ["accept"]}]
})";

const valijson::Schema& entry_schema() {
    static const std::unique_ptr<valijson::Schema> schema = [] {
        auto out = std::make_unique<valijson::Schema>();
        const json doc = json::parse(kEntrySchema);
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *out);
        return out;
    }();
    return *schema;
}

// The deepest valijson message, e.g. "[accept] Array should contain at least 1 item".
std::string schema_problem(const json& entry) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(entry);
    if (validator.validate(entry_schema(), adapter, &results)) return {};
    std::string message;
    std::size_t deepest = 0;
    for (const auto& error : results) {
        if (!message.empty() && error.context.size() <= deepest) continue;
        deepest = error.context.size();
        std::string where;
        for (std::size_t i = 1; i < error.context.size(); ++i) where += error.context[i];
        message = (where.empty() ? "" : where + " ") + error.description;
    }
    return message + " (an entry is {\"vector\", \"reason\"} and either \"outcome\": \"fail\" or \"accept\": [labels])";
}

std::string trim(const std::string& line) {
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

}  // namespace

Expectations parse_expectations(const std::string& text, const std::string& path) {
    Expectations out;
    out.path = path;
    std::istringstream in(text);
    std::string line;
    std::set<std::string> patterns;
    for (int number = 1; std::getline(in, line); ++number) {
        const std::string content = trim(line);
        if (content.empty() || content.front() == '#') continue;
        const auto fail = [&](const std::string& what) {
            throw ExpectationsError(path + ":" + std::to_string(number) + ": " + what);
        };
        json entry;
        try {
            entry = json::parse(content);
        } catch (const json::parse_error& e) {
            fail(std::string("not a JSON object on one line: ") + e.what());
        }
        if (const std::string problem = schema_problem(entry); !problem.empty()) fail(problem);
        Expectation e;
        e.file = path;
        e.line = number;
        e.vector = entry["vector"].get<std::string>();
        e.known_failure = entry.contains("outcome");
        if (entry.contains("accept")) e.accept = entry["accept"].get<std::vector<std::string>>();
        e.reason = entry["reason"].get<std::string>();
        if (!patterns.insert(e.vector).second) fail("vector \"" + e.vector + "\" is listed twice");
        out.entries.push_back(std::move(e));
    }
    return out;
}

Expectations load_expectations(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw ExpectationsError(path + ":0: cannot read the expectations file");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_expectations(text.str(), path);
}

std::vector<std::string> unmatched_expectations(const Expectations& expectations,
                                                const std::vector<std::string>& vector_ids) {
    std::vector<std::string> out;
    for (const Expectation& e : expectations.entries)
        if (std::none_of(vector_ids.begin(), vector_ids.end(), [&](const std::string& id) { return glob_match(e.vector, id); }))
            out.push_back(e.where() + ": vector \"" + e.vector + "\" matches no loaded vector (see acsconf list)");
    return out;
}

void apply_expectations(RunResult& run, const Expectations& expectations) {
    run.expectations = expectations.path;
    for (VectorResult& v : run.vectors) apply_expectations(v, expectations);
}

void apply_expectations(VectorResult& v, const Expectations& expectations) {
    {
        const auto it = std::find_if(expectations.entries.begin(), expectations.entries.end(),
                                     [&](const Expectation& e) { return glob_match(e.vector, v.vector_id); });
        if (it == expectations.entries.end()) return;
        const Expectation& e = *it;
        v.expectation = e.where() + ": " + e.reason;
        if (e.known_failure) {
            if (v.outcome == Judgement::Fail) {
                v.outcome = Judgement::Xfail;
            } else if (v.outcome == Judgement::Pass) {
                v.outcome = Judgement::Xpass;
                v.reason = "expected to fail (" + v.expectation + "), but passed";
            }
            return;
        }
        if (v.outcome == Judgement::Pass && std::find(e.accept.begin(), e.accept.end(), v.matched) == e.accept.end()) {
            std::string recorded;
            for (const auto& label : e.accept) recorded += (recorded.empty() ? "" : ", ") + label;
            v.outcome = Judgement::Fail;
            v.reason = "drift: the endpoint answered \"" + v.matched + "\", " + e.where() + " recorded [" + recorded +
                       "] (" + e.reason + ")";
        }
    }
}

std::string expectations_from_probe(const RunResult& run) {
    std::ostringstream out;
    out << "# acsconf expectations: the answers " << run.endpoint << " gave to the implementation-defined vectors\n"
        << "# probe run " << run.run_id << " (" << run.started_at << ", signature " << run.signature_version
        << "); acsconf run --expectations FILE fails when a later answer differs.\n";
    for (const VectorResult& v : run.vectors) {
        if (v.expected_result != "acceptable" || v.outcome != Judgement::Pass) continue;
        const nlohmann::ordered_json entry = {{"vector", v.vector_id},  // ordered: read like the documentation
                            {"accept", nlohmann::ordered_json::array({v.matched})},
                            {"reason", "probe " + run.run_id + " of " + run.endpoint}};
        out << entry.dump() << "\n";
    }
    return out.str();
}

}  // namespace acsconf::runner
