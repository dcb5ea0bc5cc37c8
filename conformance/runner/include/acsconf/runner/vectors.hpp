// Loading and linting vector files (format: vectors/README.md). Every problem names the file, the
// line, the JSON pointer and the tcId it concerns; a bad test never hides the good ones.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acsconf/model/call.hpp"

namespace acsconf::runner {

struct Problem {
    std::string file;
    int line = 0;          // 1-based; 0 when the problem has no place in a file (e.g. missing coverage)
    std::string pointer;   // JSON pointer, e.g. "/testGroups/0/tests/3/expect"
    int tc_id = 0;         // 0 when the problem is not about one test
    std::string message;

    // "file:line: tcId 7 (/testGroups/0/tests/3): message"
    std::string to_string() const;
};

// One test of a vector file, ready to execute.
struct TestCase {
    std::string file;
    int line = 0;               // line of its "tcId"
    std::string pointer;        // "/testGroups/g/tests/t"
    int tc_id = 0;
    std::string name;
    std::string vector_id;      // "Ram_DetachPolicyFromUser/tc42_username_64_chars"
    model::Product product = model::Product::Ram;
    std::string operation;
    std::string group_rule;
    std::string comment;
    std::vector<std::string> flags;
    std::vector<std::string> rules;
    std::string result;         // "valid" | "invalid" | "acceptable"
    nlohmann::json given = nlohmann::json::array();
    nlohmann::json request = nlohmann::json::object();
    nlohmann::json expect = nlohmann::json::object();
    nlohmann::json then = nlohmann::json::array();
    // Wire formats a default run judges this vector in ("formats"; absent: JSON only). The runner
    // runs one instance per format; the XML instance's id ends in ".xml".
    std::vector<std::string> formats{"JSON"};
};

// Whether an expect alternative admits a success (code "" or a 2xx status): in an `acceptable` vector
// such an alternative must carry its own `then` checks proving the success did what it claims.
bool alternative_admits_success(const nlohmann::json& alternative);

struct VectorFile {
    std::string path;           // as given
    std::string bytes;          // raw content (for the digest)
    bool header_ok = false;     // product/operation understood
    model::Product product = model::Product::Ram;
    std::string operation;
    std::vector<TestCase> tests;  // the usable tests, in file order
};

struct LoadOptions {
    // Schema file; when unset: <file dir>/schema/<header "schema">, then the compiled-in
    // vectors/schema/acsconf_vectors_v1.schema.json.
    std::optional<std::filesystem::path> schema;
};

struct LoadResult {
    std::vector<VectorFile> files;
    std::vector<Problem> problems;
    std::vector<const TestCase*> tests() const;  // every usable test of every file
};

// Directories expand to their *.json files (sorted, not recursive); files are kept as given.
// Throws std::runtime_error naming a path that does not exist.
std::vector<std::filesystem::path> expand_vector_paths(const std::vector<std::filesystem::path>& paths);

// Parses, schema-validates and lints each file. Never throws for bad content: problems are collected.
LoadResult load_vector_files(const std::vector<std::filesystem::path>& paths, const LoadOptions& options = {});

// Coverage of the model's catalogues by the loaded tests, for the given operations (default: the two
// operations under test): every rule of those operations is named by some test, and every error code
// the catalogue attaches to an operation appears in some test's expect.
std::vector<Problem> coverage_problems(const LoadResult& loaded, const std::set<std::string>& operations = {
                                           "DetachPolicyFromUser", "DetachAppPolicyFromIdentity"});

// Codes named by an expect block: its `code` or each anyOf alternative's `code` (non-empty only).
std::vector<std::string> codes_in_expect(const nlohmann::json& expect);

// The line (1-based) holding byte `offset` of `text`.
int line_of_offset(const std::string& text, std::size_t offset);

}  // namespace acsconf::runner
