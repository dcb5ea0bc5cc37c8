// Known behaviour of one endpoint, as data (after web-platform-tests' expectation files). A file is
// JSON Lines: one object per line; blank lines and lines starting with '#' are ignored.
//
//   {"vector": "Ram_DetachPolicyFromUser/tc42_*", "outcome": "fail", "reason": "our emulator caps at 63"}
//   {"vector": "Ram_DetachPolicyFromUser/tc107_both_names_too_long", "accept": ["InvalidParameter.UserName.Length"],
//    "reason": "probe of https://ram.aliyuncs.com on 2026-12-03"}
//
// "vector" is a vector id or a glob over ids (the XML instance of a vector is "<id>.xml"). Exactly one of:
//  - "outcome": "fail": a known deviation. The vector becomes `xfail` when it fails and `xpass` when it
//    passes; neither changes the exit code unless the run is strict.
//  - "accept": [labels]: narrows an `acceptable` vector to the alternatives this endpoint gave (what
//    `acsconf probe` writes). Passing with another alternative is a `fail` (drift).
// "reason" is required. The first entry whose pattern matches a vector applies.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "acsconf/runner/result.hpp"

namespace acsconf::runner {

// "FILE:LINE: what is wrong" (LINE 0 when the file cannot be read at all).
class ExpectationsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Expectation {
    std::string file;
    int line = 0;
    std::string vector;               // id or glob
    bool known_failure = false;       // "outcome": "fail"
    std::vector<std::string> accept;  // "accept": labels of the alternatives this endpoint gives
    std::string reason;

    std::string where() const { return file + ":" + std::to_string(line); }
};

struct Expectations {
    std::string path;
    std::vector<Expectation> entries;
};

// Throws ExpectationsError naming the file and line of the first problem.
Expectations parse_expectations(const std::string& text, const std::string& path);
Expectations load_expectations(const std::string& path);

// Entries whose pattern matches none of `vector_ids`, as "FILE:LINE: ..." messages (a typo, or a vector
// that was renamed: both would silently stop the expectation from applying).
std::vector<std::string> unmatched_expectations(const Expectations& expectations,
                                                const std::vector<std::string>& vector_ids);

// Rewrites outcomes: fail → xfail, pass → xpass for known failures; pass with an alternative outside
// `accept` → fail (drift). Sets VectorResult::expectation to "FILE:LINE: reason" where an entry applied.
void apply_expectations(RunResult& run, const Expectations& expectations);
void apply_expectations(VectorResult& vector, const Expectations& expectations);  // one vector

// One "accept" line per passed `acceptable` vector (the alternative it matched), for `acsconf probe`.
// A header comment names the endpoint and the time.
std::string expectations_from_probe(const RunResult& run);

}  // namespace acsconf::runner
