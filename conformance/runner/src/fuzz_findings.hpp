// `acsconf fuzz` (endpoint_fuzz.hpp), the findings: a judged call, and a disagreement written as a
// one-test vector file that `acsconf run --vectors FILE` executes. Internal to conformance/runner (src/).
#pragma once

#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/runner/endpoint_fuzz.hpp"
#include "fuzz_generation.hpp"

namespace acsconf::runner::fuzzing {

struct Judged {
    bool disagrees = false;
    bool transport_error = false;
    nlohmann::json expect;
    std::string got;      // "404 EntityNotExist.User"
    std::string mismatch;
    std::string model_code;
    int model_status = 0;
    std::string rule;  // a disagreement's rule: the model's first violation, else the rule raising its answer
};

// A value as a vector VALUE: "${run}" / "${uid}" for the fixture's parts, {"hex"} for bytes that
// are not printable UTF-8, plain strings otherwise (joined with {"concat"} when mixed).
nlohmann::json vector_value(const std::string& value, const FixtureNames& names);

// Writes finding number `number` as options.out_dir/fuzz_<number>_<token>.json: the fixture as
// `given`, the call as `request`, the model's acceptable answers as `expect`. Returns the file.
std::filesystem::path write_finding_vector(const Candidate& c, const Judged& j, std::size_t number,
                                           const FixtureNames& names, const EndpointFuzzOptions& options);

}  // namespace acsconf::runner::fuzzing
