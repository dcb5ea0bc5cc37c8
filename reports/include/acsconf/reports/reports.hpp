// Writers and readers of a run's results. result.json is the one source of truth; every other
// format is rendered from the RunResult it holds.
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/runner/result.hpp"

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

}  // namespace acsconf::reports
