// Writers and readers of a run's results. result.json is the one source of truth; every other
// format is rendered from the RunResult it holds.
#pragma once

#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "acsconf/runner/result.hpp"
#include "acsconf/runner/run.hpp"  // OutcomeTally

namespace acsconf::reports {

// Thrown for an unreadable, corrupt or other-version result file (CLI maps it to exit 2).
class ResultFileError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

nlohmann::json to_json(const runner::RunResult& run);            // result.json document (versioned)
runner::RunResult from_json(const nlohmann::json& doc);          // throws ResultFileError
void write_result_json(const runner::RunResult& run, const std::filesystem::path& file);
runner::RunResult read_result_json(const std::filesystem::path& file);  // throws ResultFileError

std::string render_junit(const runner::RunResult& run);          // JUnit XML
std::string render_markdown(const runner::RunResult& run);       // short PR-comment summary
std::string render_html(const runner::RunResult& run);           // one self-contained page

// ---- Added by reports/ (not part of the original contract) ----------------------------------

inline constexpr int kResultSchemaVersion = 1;
inline constexpr const char* kResultKind = "acsconf-result";

// The JSON Schema that result.json follows (reports/schema/result_v1.schema.json, compiled in).
std::string_view result_schema_text();

// Judgement <-> its result.json spelling; parse_outcome throws ResultFileError on an unknown word.
const char* outcome_key(runner::Judgement o);
runner::Judgement parse_outcome(std::string_view word);

// FAIL when any vector failed (the endpoint broke a rule), otherwise ERROR when any vector could not
// be judged, otherwise PASS. Matches the CLI's exit codes 1 and 3.
enum class Verdict { Pass, Fail, Error };
const char* verdict_name(Verdict v);  // "PASS" | "FAIL" | "ERROR"

struct Summary {
    Verdict verdict = Verdict::Pass;
    runner::OutcomeTally outcomes;
    std::map<std::string, runner::OutcomeTally> by_rule;
    std::map<std::string, runner::OutcomeTally> by_product;
    std::map<std::string, runner::OutcomeTally> by_operation;   // the vector id's prefix, e.g. "Ram_DetachPolicyFromUser"
    std::map<std::string, runner::OutcomeTally> by_error_code;  // codes the vector expects; "(success)" for none
};
Summary summarize(const runner::RunResult& run);

// "Ram_DetachPolicyFromUser/tc42_x" -> "Ram_DetachPolicyFromUser" (product_operation when no '/').
std::string operation_key(const runner::VectorResult& v);

// Writes the formats asked for (empty path = not wanted). Throws std::runtime_error naming the file
// when one cannot be written.
struct RenderTargets {
    std::filesystem::path html, junit, markdown;
};
void write_reports(const runner::RunResult& run, const RenderTargets& targets);
void write_text_file(const std::filesystem::path& file, std::string_view text);

// Everything for `acsconf run --report-dir DIR`: DIR/result.json, DIR/report.html, DIR/junit.xml and
// DIR/summary.md (DIR is created). Throws std::runtime_error naming the file that cannot be written.
void write_report_dir(const runner::RunResult& run, const std::filesystem::path& dir);

}  // namespace acsconf::reports
