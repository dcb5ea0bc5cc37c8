// Regression diff between two runs' results, compared vector by vector (by vector id, so runs over
// different vector files or digests still compare). Run-specific data (run id, timestamps, request
// ids, durations) is never looked at.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "acsconf/runner/result.hpp"

namespace acsconf::reports {

struct VectorChange {
    std::string vector_id;
    std::string old_outcome;   // "pass" | "fail" | "error" | "skip" | "xfail" | "xpass" | "" (absent)
    std::string new_outcome;
    std::string old_matched;   // matched alternative (acceptable vectors)
    std::string new_matched;
    std::string detail;        // new reason, or why it could not be compared
};

struct RunDiff {
    std::vector<VectorChange> newly_failing;    // pass -> fail/error
    std::vector<VectorChange> newly_passing;    // fail/error -> pass
    std::vector<VectorChange> changed_answers;  // passed in both, but a different alternative matched
    std::vector<VectorChange> still_failing;    // fail/error in both runs (not a regression, listed for context)
    std::vector<VectorChange> added;            // only in the new run (a failing one counts as a regression)
    std::vector<VectorChange> removed;          // only in the old run
    std::vector<VectorChange> not_comparable;   // duplicate id, skipped on one side, or the vector changed product/operation
    std::vector<VectorChange> expected_failures;  // xfail or xpass in the new run (an expectations file; not a regression)
    int unchanged = 0;                          // same outcome (and same matched alternative)

    // True when the new run is worse: something newly failing, or an added vector that fails.
    bool regressed() const;
};

RunDiff diff(const runner::RunResult& old_run, const runner::RunResult& new_run);

nlohmann::json diff_to_json(const RunDiff& d);      // {"kind":"acsconf-diff","regressed":…, categories…}
std::string render_diff_markdown(const RunDiff& d);  // PR-comment summary of the diff
std::string render_diff_text(const RunDiff& d);      // a few plain lines for a terminal

}  // namespace acsconf::reports
