// The bodies of `acsconf report` and `acsconf diff`, kept here (not in cli/) so their exit codes and
// messages are unit-tested without the CLI; cli/cmd_report.cpp only parses arguments and calls these.
#pragma once

#include <filesystem>
#include <iosfwd>

#include "acsconf/reports/reports.hpp"
#include "acsconf/runner/exit_code.hpp"

namespace acsconf::reports {

// The exit codes of `acsconf run` (runner/exit_code.hpp), under the names report and diff use
// (Schemathesis-style: 2 = a bad input file).
using runner::kExitOk;
inline constexpr runner::ExitCode kExitRegressed = runner::kExitFailed;
inline constexpr runner::ExitCode kExitBadFile = runner::kExitUsage;

// Renders the asked-for formats from result.json. Prints the verdict line to `out`.
// 0 when written (whatever the verdict: rendering is not judging), 2 on an unreadable result or
// an unwritable output file (message on `err`).
int report_command(const std::filesystem::path& result_json, const RenderTargets& targets, std::ostream& out,
                   std::ostream& err);

struct DiffTargets {
    std::filesystem::path markdown, json;
};
// Compares two result.json files. Prints a short summary to `out`; 1 when the new run regressed,
// 0 otherwise, 2 when either file cannot be read or an output cannot be written.
int diff_command(const std::filesystem::path& old_json, const std::filesystem::path& new_json, const DiffTargets& targets,
                 std::ostream& out, std::ostream& err);

}  // namespace acsconf::reports
