// `acsconf fuzz`: fuzzing any endpoint against the oracle. Calls of both operations under test are
// generated from the vectors' parameter values, mutated at the rule boundaries (lengths around the
// limits, each character class, case and whitespace variants, list separators, missing or empty
// parameters, UTF-8 edge cases), sent, and judged against the model's set of acceptable answers with
// the vectors' own judge (match_expect). Each disagreement is minimised and written as a one-test
// vector file that `acsconf run --vectors FILE` reproduces (checked before it is reported).
//
// Fixture hygiene, as in the suite: every job creates one RAM user named `<run token>-fz` (token from
// new_run_token()) with one RAM and one VOD app attachment, sends only calls whose UserName holds that
// token or whose IdentityName is that user's id (so nothing the run did not create can be touched), and
// removes what it created at the end, also when stopped early.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

struct EndpointFuzzOptions {
    std::chrono::milliseconds duration{std::chrono::seconds(60)};
    std::uint64_t seed = 1;
    std::filesystem::path out_dir = "fuzz-findings";
    unsigned jobs = 1;            // independent workers, each with its own endpoint and fixture
    std::size_t max_findings = 1;  // stop once this many distinct disagreements are written
    harness::Format format = harness::Format::Json;
    std::string endpoint_spec;     // recorded in each finding's header
    std::function<bool()> should_stop;                  // polled between calls (SIGINT)
    std::function<void(const std::string&)> log;        // progress lines
};

struct EndpointFuzzFinding {
    std::filesystem::path file;  // the vector file written
    std::string summary;         // "UserName of 65 chars: expected InvalidParameter.UserName.Length (400), got 404 EntityNotExist.User"
    bool reproduced = false;     // executing the written vector on a fresh endpoint fails it too
};

struct EndpointFuzzReport {
    std::size_t calls = 0;             // calls of the operations under test sent (minimisation included)
    std::size_t transport_errors = 0;  // calls with no judgeable answer
    bool could_not_judge = false;      // a fixture could not be set up, or nothing came back judgeable
    std::string problem;               // why, when could_not_judge
    std::vector<EndpointFuzzFinding> findings;
};

// Makes one endpoint per job (jobs run at once). Throws what the endpoint factory throws.
using EndpointMaker = std::function<std::unique_ptr<harness::Endpoint>()>;

// `seeds`: the vectors whose request parameters start the mutations (values needing a fixture variable
// other than ${run}/${uid}/${app} are skipped).
EndpointFuzzReport fuzz_endpoint(const EndpointMaker& make_endpoint, const std::vector<const TestCase*>& seeds,
                                 const EndpointFuzzOptions& options);

// Exit code of `acsconf fuzz`: 1 a disagreement, 3 could not judge (or calls without an answer), else 0.
int fuzz_exit_code(const EndpointFuzzReport& report);

}  // namespace acsconf::runner
