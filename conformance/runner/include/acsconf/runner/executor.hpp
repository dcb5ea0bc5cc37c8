// Running one vector against an Endpoint: substitution, fixtures (`given`), the request, matching
// `expect`, the `then` checks, the common checks, and teardown. See vectors/README.md.
// The pieces it is built from have headers of their own: substitution.hpp, json_path.hpp, matching.hpp.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/json_path.hpp"
#include "acsconf/runner/matching.hpp"
#include "acsconf/runner/result.hpp"
#include "acsconf/runner/substitution.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

class SharedFixtures;
class FixtureLedger;

struct ExecOptions {
    harness::Format format = harness::Format::Json;
    // Supplies ${run}; defaults to new_run_token(). Tests inject a fixed token.
    std::function<std::string()> run_token;
    // After this instant no request is sent (the vector becomes `error`); teardown still runs, each
    // undo bounded by kTeardownTimeout, and so does a fixture call already sent.
    std::optional<std::chrono::steady_clock::time_point> deadline;
    // Where steps marked "shared" are made once per run (and ${shared} comes from). Null: a shared
    // step is made and removed with its vector like any other, and ${shared} is a fresh token.
    SharedFixtures* shared = nullptr;
    FixtureLedger* ledger = nullptr;  // what is made and not yet removed; null: not recorded
};

// How long one undo may take once the run's deadline has passed: a run never leaves its fixtures
// behind just because it ran out of time.
inline constexpr std::chrono::milliseconds kTeardownTimeout{10000};

// The calls that remove what `call` made, given its (successful) answer: CreateUser → DeleteUser, ...
// (vectors/README.md). Empty for an action that makes nothing.
std::vector<model::Call> undo_calls(const model::Call& call, const harness::Response& response);

// Never throws: every problem becomes the outcome `error` (or `skip`) with a reason.
VectorResult execute_vector(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options = {});

// common.response.format: the answer is in the format asked (Format=… for V1, Accept for V3), in its
// body and in its Content-Type when that names a format. Empty when it is; else what is wrong.
std::string response_format_problem(const harness::Response& response, harness::Format asked);

}  // namespace acsconf::runner
