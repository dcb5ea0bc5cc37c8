// Running many vectors: filtering, the RunResult (digest, run id, timestamps) and a summary.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/result.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

// Shell-style glob: `*` any run of characters, `?` one character; the whole text must match.
bool glob_match(const std::string& pattern, const std::string& text);

// SHA-256 (lower-case hex) over the files' bytes in load order.
std::string vectors_digest(const LoadResult& loaded);

struct RunOptions {
    std::string filter;                  // glob on vector_id; empty = all
    harness::Format format = harness::Format::Json;
    std::string signature_version = "none";
    std::string acsconf_version;
    // Called after each vector with the number done so far and the number selected.
    std::function<void(const VectorResult&, std::size_t done, std::size_t total)> progress;
    // Checked between vectors: when it returns true the run stops early (the vector under way still
    // finishes, teardown included, so an interrupted run leaves nothing behind on the endpoint).
    std::function<bool()> should_stop;
};

RunResult run_vectors(const LoadResult& loaded, harness::Endpoint& endpoint, const RunOptions& options = {});

struct OutcomeTally {
    int pass = 0, fail = 0, error = 0, skip = 0;
    void add(Outcome o);
    int total() const { return pass + fail + error + skip; }
};

struct RunSummary {
    OutcomeTally outcomes;
    std::map<std::string, OutcomeTally> by_rule;
};
RunSummary summarize_run(const RunResult& run);

// The exit code the CLI gives for a run: 0 all passed (skips allowed), 1 a vector failed, 3 nothing
// failed but some could not be judged.
int run_exit_code(const RunResult& run);

// "2026-11-23T10:15:00Z"
std::string utc_timestamp_now();

}  // namespace acsconf::runner
