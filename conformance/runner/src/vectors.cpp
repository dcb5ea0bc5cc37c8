// Loader and linter of vector files.
#include "acsconf/runner/vectors.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/validator.hpp>

#include "acsconf/harness/json_text.hpp"
#include "acsconf/harness/fault.hpp"
#include "acsconf/model/catalogue.hpp"
#include "vector_schema.hpp"

namespace acsconf::runner {

namespace fs = std::filesystem;
using nlohmann::json;
using vector_schema::SchemaCache;
using vector_schema::find_schema;
using vector_schema::read_file_bytes;

std::string Problem::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    out += ": ";
    if (tc_id > 0) out += "tcId " + std::to_string(tc_id) + " ";
    if (!pointer.empty()) out += "(" + pointer + ") ";
    return out + message;
}

std::vector<const TestCase*> LoadResult::tests() const {
    std::vector<const TestCase*> all;
    for (const auto& file : files)
        for (const auto& test : file.tests) all.push_back(&test);
    return all;
}

int line_of_offset(const std::string& text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

std::vector<fs::path> expand_vector_paths(const std::vector<fs::path>& paths) {
    std::vector<fs::path> out;
    for (const auto& path : paths) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> found;
            for (const auto& entry : fs::directory_iterator(path))
                if (entry.is_regular_file() && entry.path().extension() == ".json") found.push_back(entry.path());
            std::sort(found.begin(), found.end());
            if (found.empty()) throw std::runtime_error("no *.json vector files in directory " + path.string());
            out.insert(out.end(), found.begin(), found.end());
        } else if (fs::exists(path, ec)) {
            out.push_back(path);
        } else {
            throw std::runtime_error("vector file or directory not found: " + path.string());
        }
    }
    return out;
}

namespace {

// A success alternative whose `fields` name what was not done (a non-empty NonExistPolicyNames /
// FailedPolicyNames): the answer itself carries the claim "not detached", so it needs no `then`.
bool reports_names(const json& alternative) {
    if (!alternative.contains("fields") || !alternative["fields"].is_object()) return false;
    for (const auto& [key, value] : alternative["fields"].items())
        if (value.is_array() && !value.empty()) return true;
    return false;
}

}  // namespace

bool alternative_admits_success(const json& alternative) {
    if (!alternative.is_object()) return false;
    if (alternative.contains("code") && alternative["code"].is_string()) return alternative["code"].get<std::string>().empty();
    if (alternative.contains("status") && alternative["status"].is_number_integer())
        return alternative["status"].get<int>() / 100 == 2;
    if (alternative.contains("statusClass")) return alternative["statusClass"] == "2xx";
    return !alternative.contains("codeMatches");  // nothing constrains the answer: a success would do
}

std::vector<std::string> codes_in_expect(const json& expect) {
    std::vector<std::string> codes;
    auto take = [&](const json& alternative) {
        if (alternative.is_object() && alternative.contains("code") && alternative["code"].is_string() &&
            !alternative["code"].get<std::string>().empty())
            codes.push_back(alternative["code"].get<std::string>());
    };
    if (expect.is_object() && expect.contains("anyOf") && expect["anyOf"].is_array()) {
        for (const auto& alternative : expect["anyOf"]) take(alternative);
    } else {
        take(expect);
    }
    return codes;
}

namespace {

// Lines of every `"tcId": N` in the raw text, per N in file order, so duplicates each get their own line.
std::map<long long, std::vector<int>> tcid_lines(const std::string& text) {
    std::map<long long, std::vector<int>> lines;
    static const std::regex tcid_pattern(R"re("tcId"\s*:\s*(-?[0-9]+))re");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), tcid_pattern); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        try {
            lines[std::stoll(m[1].str())].push_back(line_of_offset(text, static_cast<std::size_t>(m.position(0))));
        } catch (const std::exception&) {  // out of range: the schema/lint reports the value itself
        }
    }
    return lines;
}

// Line of the first `"key"` in the text; 1 when absent (the problem is then about the whole file).
int line_of_key(const std::string& text, const std::string& key) {
    const auto pos = text.find("\"" + key + "\"");
    return pos == std::string::npos ? 1 : line_of_offset(text, pos);
}

// valijson context ["<root>", "[testGroups]", "[0]", ...] -> "/testGroups/0"
std::string pointer_of_context(const std::vector<std::string>& context) {
    std::string pointer;
    for (const auto& part : context) {
        if (part == "<root>") continue;
        std::string token = part;
        if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
        std::string escaped;  // RFC 6901: "~" -> "~0", "/" -> "~1"
        for (char c : token) escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        pointer += "/" + escaped;
    }
    return pointer;
}

// "/testGroups/2/tests/5/expect" -> "/testGroups/2/tests/5" (or "" when not inside a test)
std::string test_pointer_of(const std::string& pointer) {
    static const std::regex test_prefix(R"(^/testGroups/[0-9]+/tests/[0-9]+)");
    std::smatch m;
    return std::regex_search(pointer, m, test_prefix) ? m.str(0) : std::string{};
}

std::vector<std::string> string_list(const json& node) {
    std::vector<std::string> out;
    if (node.is_array())
        for (const auto& item : node)
            if (item.is_string()) out.push_back(item.get<std::string>());
    return out;
}

bool valid_test_name(const std::string& name) {
    return !name.empty() &&
           std::all_of(name.begin(), name.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

class FileLoader {
public:
    FileLoader(const fs::path& path, const LoadOptions& options, SchemaCache& schemas, std::vector<Problem>& problems)
        : path_(path), options_(options), schemas_(schemas), problems_(problems) {
        file_.path = path.string();
    }

    VectorFile load() {
        try {
            file_.bytes = read_file_bytes(path_);
        } catch (const std::exception&) {
            report(0, "", 0, "cannot read the file");
            return std::move(file_);
        }
        json doc;
        try {
            doc = harness::parse_json_text(file_.bytes, file_.path);
        } catch (const harness::JsonTextError& e) {
            // Any malformed JSON, and numbers beyond double range ("1E9898"), with their line.
            report(e.line, "", 0, "malformed JSON (column " + std::to_string(e.column) + "): " + e.reason);
            return std::move(file_);
        }
        lines_ = tcid_lines(file_.bytes);
        validate_schema(doc);
        read_header(doc);
        read_tests(doc);
        return std::move(file_);
    }

private:
    void report(int line, const std::string& pointer, int tc_id, const std::string& message) {
        problems_.push_back({file_.path, line, pointer, tc_id, message});
    }

    // The tcId and line of the test at "/testGroups/g/tests/t", from the parsed document.
    std::pair<int, int> locate_test(const json& doc, const std::string& test_pointer) {
        try {
            const json& test = doc.at(json::json_pointer(test_pointer));
            if (test.contains("tcId") && test["tcId"].is_number_integer()) {
                const auto id = test["tcId"].get<long long>();
                auto it = lines_.find(id);
                const int line = (it != lines_.end() && !it->second.empty()) ? it->second.front() : 1;
                return {static_cast<int>(id), line};
            }
        } catch (const std::exception&) {
        }
        return {0, line_of_key(file_.bytes, "tests")};
    }

    void validate_schema(const json& doc) {
        const auto schema_path = find_schema(path_, doc, options_);
        if (!schema_path) {
            report(1, "", 0, "JSON schema acsconf_vectors_v1.schema.json not found (looked beside the file and in the source tree)");
            return;
        }
        std::string error;
        const auto schema = schemas_.get(*schema_path, error);
        if (schema == nullptr) {
            report(1, "", 0, error);
            return;
        }
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        if (validator.validate(*schema, adapter, &results)) return;

        // valijson also reports every enclosing node ("failed to validate item #3"): keep only the
        // deepest errors, which say what is actually wrong.
        std::vector<std::pair<std::string, std::string>> errors;
        for (const auto& error_entry : results) errors.emplace_back(pointer_of_context(error_entry.context), error_entry.description);
        for (const auto& found : errors) {
            // Plain references, not a structured binding: clang 14 cannot capture those in the lambda below.
            const std::string& pointer = found.first;
            const std::string& description = found.second;
            const bool has_deeper = std::any_of(errors.begin(), errors.end(), [&](const auto& other) {
                return other.first.size() > pointer.size() && other.first.starts_with(pointer + "/");
            });
            if (has_deeper) continue;
            const std::string test_pointer = test_pointer_of(pointer);
            if (!test_pointer.empty()) {
                schema_bad_tests_.insert(test_pointer);
                const auto [tc_id, line] = locate_test(doc, test_pointer);
                report(line, pointer, tc_id, "schema violation: " + description);
            } else {
                const std::string key = pointer.empty() ? "" : pointer.substr(pointer.find_last_of('/') + 1);
                report(key.empty() ? 1 : line_of_key(file_.bytes, key), pointer.empty() ? "/" : pointer, 0,
                       "schema violation: " + description);
            }
        }
    }

    void read_header(const json& doc) {
        if (!doc.is_object()) {
            report(1, "/", 0, "a vector file must be a JSON object");
            return;
        }
        const std::string product_text = doc.value("product", std::string{});
        if (!model::parse_product(product_text, file_.product)) {
            report(line_of_key(file_.bytes, "product"), "/product", 0,
                   "unknown product '" + product_text + "' (expected Ram or Vod)");
            return;
        }
        file_.operation = doc.value("operation", std::string{});
        if (file_.operation.empty()) {
            report(line_of_key(file_.bytes, "operation"), "/operation", 0, "missing operation");
            return;
        }
        const std::string version = doc.value("version", std::string{});
        if (version != model::product_version(file_.product))
            report(line_of_key(file_.bytes, "version"), "/version", 0,
                   "version '" + version + "' is not " + std::string(model::product_name(file_.product)) + "'s " +
                       std::string(model::product_version(file_.product)));
        if (doc.contains("notes") && doc["notes"].is_object())
            for (const auto& [flag, definition] : doc["notes"].items()) defined_flags_.insert(flag);
        file_.header_ok = true;
    }

    void read_tests(const json& doc) {
        if (!file_.header_ok || !doc.contains("testGroups") || !doc["testGroups"].is_array()) {
            if (file_.header_ok) report(line_of_key(file_.bytes, "testGroups"), "/testGroups", 0, "missing testGroups array");
            return;
        }
        std::map<long long, int> seen_ids;             // tcId -> line of first use
        std::map<std::string, std::pair<int, int>> seen_names;  // name -> (tcId, line)
        std::map<long long, std::size_t> id_occurrence;  // for duplicate ids: which occurrence's line
        int counted = 0;
        const auto& groups = doc["testGroups"];
        for (std::size_t g = 0; g < groups.size(); ++g) {
            const json& group = groups[g];
            const std::string group_pointer = "/testGroups/" + std::to_string(g);
            const std::string group_rule = group.is_object() ? group.value("rule", std::string{}) : std::string{};
            if (!group_rule.empty() && model::find_rule(group_rule) == nullptr)
                report(line_of_key(file_.bytes, group_rule), group_pointer + "/rule", 0,
                       "unknown rule id '" + group_rule + "' (not in the model's rule catalogue)");
            if (!group.is_object() || !group.contains("tests") || !group["tests"].is_array()) {
                report(line_of_key(file_.bytes, "testGroups"), group_pointer, 0, "test group without a tests array");
                continue;
            }
            const auto& tests = group["tests"];
            for (std::size_t t = 0; t < tests.size(); ++t) {
                ++counted;
                const std::string pointer = group_pointer + "/tests/" + std::to_string(t);
                read_test(tests[t], pointer, group_rule, seen_ids, seen_names, id_occurrence);
            }
        }
        if (doc.contains("numberOfTests")) {
            if (!doc["numberOfTests"].is_number_integer() || doc["numberOfTests"].get<long long>() != counted)
                report(line_of_key(file_.bytes, "numberOfTests"), "/numberOfTests", 0,
                       "numberOfTests is " + doc["numberOfTests"].dump() + " but the file has " + std::to_string(counted) +
                           " tests");
        } else {
            report(1, "/numberOfTests", 0, "missing numberOfTests (the file has " + std::to_string(counted) + " tests)");
        }
    }

    void read_test(const json& node, const std::string& pointer, const std::string& group_rule,
                   std::map<long long, int>& seen_ids, std::map<std::string, std::pair<int, int>>& seen_names,
                   std::map<long long, std::size_t>& id_occurrence) {
        if (!node.is_object() || !node.contains("tcId") || !node["tcId"].is_number_integer()) {
            report(line_of_key(file_.bytes, "tests"), pointer, 0, "test without an integer tcId");
            return;
        }
        const long long id = node["tcId"].get<long long>();
        int line = 1;
        if (auto it = lines_.find(id); it != lines_.end() && !it->second.empty()) {
            const std::size_t occurrence = id_occurrence[id]++;
            line = it->second[std::min(occurrence, it->second.size() - 1)];
        }
        const int tc_id = static_cast<int>(std::clamp<long long>(id, -1, 1'000'000'000));
        if (id <= 0) {
            report(line, pointer + "/tcId", tc_id, "tcId must be a positive integer");
            return;
        }
        bool usable = !schema_bad_tests_.contains(pointer);
        if (auto [it, inserted] = seen_ids.emplace(id, line); !inserted) {
            report(line, pointer + "/tcId", tc_id, "duplicate tcId (first used at line " + std::to_string(it->second) + ")");
            usable = false;  // ids name the GoogleTest case: two would collide
        }
        const std::string name = node.value("name", std::string{});
        if (!valid_test_name(name)) {
            report(line, pointer + "/name", tc_id, "name '" + name + "' must match [a-z0-9_]+");
            usable = false;
        } else if (auto [it, inserted] = seen_names.emplace(name, std::make_pair(tc_id, line)); !inserted) {
            report(line, pointer + "/name", tc_id,
                   "duplicate name '" + name + "' (also tcId " + std::to_string(it->second.first) + " at line " +
                       std::to_string(it->second.second) + ")");
        }

        TestCase test;
        test.file = file_.path;
        test.line = line;
        test.pointer = pointer;
        test.tc_id = tc_id;
        test.name = name;
        test.vector_id = std::string(model::product_name(file_.product)) + "_" + file_.operation + "/tc" +
                         std::to_string(id) + "_" + name;
        test.product = file_.product;
        test.operation = file_.operation;
        test.group_rule = group_rule;
        test.comment = node.value("comment", std::string{});
        test.flags = string_list(node.value("flags", json::array()));
        test.rules = string_list(node.value("rules", json::array()));
        if (test.rules.empty() && !group_rule.empty()) test.rules.push_back(group_rule);
        test.result = node.value("result", std::string{});
        test.given = node.value("given", json::array());
        test.request = node.value("request", json::object());
        test.expect = node.value("expect", json::object());
        test.then = node.value("then", json::array());
        if (node.contains("formats") && node["formats"].is_array()) test.formats = string_list(node["formats"]);
        if (harness::Fault fault{}; test.request.is_object() && test.request.contains("fault") &&
                                    (!test.request["fault"].is_string() ||
                                     !harness::parse_fault(test.request["fault"].get<std::string>(), fault))) {
            std::string known;
            for (harness::Fault f : harness::all_faults()) known += (known.empty() ? "" : ", ") + std::string(harness::fault_name(f));
            report(line, pointer + "/request/fault", tc_id, "unknown fault " + test.request["fault"].dump() + " (known: " + known + ")");
            usable = false;
        }

        for (const auto& flag : test.flags)
            if (!defined_flags_.contains(flag))
                report(line, pointer + "/flags", tc_id, "flag '" + flag + "' is not defined in the file's notes");
        for (const auto& rule : test.rules)
            if (model::find_rule(rule) == nullptr) {
                report(line, pointer + "/rules", tc_id, "unknown rule id '" + rule + "' (not in the model's rule catalogue)");
                usable = false;
            }
        if (test.result != "valid" && test.result != "invalid" && test.result != "acceptable") {
            report(line, pointer + "/result", tc_id, "result must be valid, invalid or acceptable, not '" + test.result + "'");
            usable = false;
        }
        if (!test.request.is_object() || !test.expect.is_object() || !test.given.is_array() || !test.then.is_array()) {
            report(line, pointer, tc_id, "request/expect must be objects and given/then arrays");
            usable = false;
        } else if (test.result == "acceptable" && test.then.empty()) {
            // A success must prove what it claims (detached, or reported as not detached): its own `then`,
            // unless the test's `then` already checks the effect after every answer.
            const bool any_of = test.expect.contains("anyOf") && test.expect["anyOf"].is_array();
            const json alternatives = any_of ? test.expect["anyOf"] : json::array({test.expect});
            for (std::size_t i = 0; i < alternatives.size(); ++i)
                if (alternative_admits_success(alternatives[i]) && !reports_names(alternatives[i]) &&
                    (!alternatives[i].contains("then") || alternatives[i]["then"].empty()))
                    report(line, pointer + "/expect" + (any_of ? "/anyOf/" + std::to_string(i) : std::string()), tc_id,
                           "an acceptable vector's success alternative (" + alternatives[i].value("label", "#" + std::to_string(i)) +
                               ") needs \"then\" checks (its own, or the test's) proving the effect it claims, or fields naming what it did not do");
        }
        if (usable) file_.tests.push_back(std::move(test));
    }

    fs::path path_;
    const LoadOptions& options_;
    SchemaCache& schemas_;
    std::vector<Problem>& problems_;
    VectorFile file_;
    std::map<long long, std::vector<int>> lines_;
    std::set<std::string> defined_flags_;
    std::set<std::string> schema_bad_tests_;
};

}  // namespace

LoadResult load_vector_files(const std::vector<fs::path>& paths, const LoadOptions& options) {
    LoadResult result;
    for (const auto& path : paths) {
        FileLoader loader(path, options, SchemaCache::shared(), result.problems);
        result.files.push_back(loader.load());
    }
    return result;
}

std::vector<Problem> coverage_problems(const LoadResult& loaded, const std::set<std::string>& operations) {
    std::vector<Problem> problems;
    std::set<std::string> covered_rules;
    std::map<std::string, std::set<std::string>> covered_codes;  // operation -> codes
    std::map<std::string, std::set<std::string>> covered_codes_xml;  // ... by a vector also judged in XML
    std::map<std::string, std::string> file_of_operation;
    for (const auto& file : loaded.files) {
        if (file.header_ok) file_of_operation.emplace(file.operation, file.path);
        for (const auto& test : file.tests) {
            covered_rules.insert(test.rules.begin(), test.rules.end());
            if (!test.group_rule.empty()) covered_rules.insert(test.group_rule);
            const bool xml = std::find(test.formats.begin(), test.formats.end(), "XML") != test.formats.end();
            for (const auto& code : codes_in_expect(test.expect)) {
                covered_codes[test.operation].insert(code);
                if (xml) covered_codes_xml[test.operation].insert(code);
            }
        }
    }
    for (const auto& operation : operations) {
        auto file_it = file_of_operation.find(operation);
        const std::string where = file_it != file_of_operation.end() ? file_it->second : "(no vector file)";
        if (file_it == file_of_operation.end())
            problems.push_back({where, 0, "", 0, "no vector file for operation " + operation});
        for (const auto& rule : model::rule_catalogue())
            if (rule.operation == operation && !covered_rules.contains(rule.id))
                problems.push_back({where, 0, "", 0, "coverage: rule " + rule.id + " has no vector"});
        for (const auto& error : model::error_catalogue()) {
            const bool documented_here =
                std::find(error.operations.begin(), error.operations.end(), operation) != error.operations.end();
            if (documented_here && !covered_codes[operation].contains(error.code))
                problems.push_back({where, 0, "", 0,
                                    "coverage: error code " + error.code + " documented for " + operation +
                                        " appears in no vector's expect"});
            else if (documented_here && !covered_codes_xml[operation].contains(error.code))
                problems.push_back({where, 0, "", 0,
                                    "coverage: error code " + error.code + " documented for " + operation +
                                        " is judged in JSON only: give one of its vectors \"formats\": [\"JSON\", \"XML\"]"});
        }
    }
    return problems;
}

}  // namespace acsconf::runner
