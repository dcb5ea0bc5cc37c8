// Hand-built RunResults for the reports tests (the runner's own output is exercised by
// scripts/test.d/reports.sh).
#pragma once

#include <string>

#include "acsconf/runner/result.hpp"

namespace acsconf::reports::testing {

runner::VectorResult make_vector(const std::string& operation_key, int tc_id, const std::string& name,
                                 runner::Judgement outcome);

// Four RAM vectors (pass, fail, error, skip) and two VOD vectors (pass acceptable, pass), with
// realistic expect/actual blocks and one exchange each.
runner::RunResult sample_run();

}  // namespace acsconf::reports::testing
