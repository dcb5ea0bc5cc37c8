// Running one vector against an Endpoint: substitution, fixtures (`given`), the request, matching
// `expect`, the `then` checks, the common checks, and teardown. See vectors/README.md.
// The pieces it is built from have headers of their own: substitution.hpp, json_path.hpp, matching.hpp.
#pragma once

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/json_path.hpp"
#include "acsconf/runner/matching.hpp"
#include "acsconf/runner/result.hpp"
#include "acsconf/runner/substitution.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

struct ExecOptions {
    harness::Format format = harness::Format::Json;
    // Supplies ${run}; defaults to new_run_token(). Tests inject a fixed token.
    std::function<std::string()> run_token;
};

// Never throws: every problem becomes the outcome `error` (or `skip`) with a reason.
VectorResult execute_vector(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options = {});

}  // namespace acsconf::runner
