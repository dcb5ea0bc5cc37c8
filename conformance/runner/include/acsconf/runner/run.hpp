// Running many vectors: filtering, the RunResult (digest, run id, timestamps) and a summary.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <map>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/exit_code.hpp"
#include "acsconf/runner/expectations.hpp"
#include "acsconf/runner/exit_code.hpp"
#include "acsconf/runner/result.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner {

// Shell-style glob: `*` any run of characters, `?` one character; the whole text must match.
bool glob_match(const std::string& pattern, const std::string& text);

// SHA-256 (lower-case hex) over the files' bytes in load order.
std::string vectors_digest(const LoadResult& loaded);

// `--shard I/N`: this run takes the vectors whose stable id hashes to I (0-based) modulo N.
struct Shard {
    std::size_t index = 0;
    std::size_t count = 1;
};
// "2/4" (1-based, as people count) or "" → the shard; throws std::invalid_argument naming the text.
Shard parse_shard(const std::string& text);
// GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX (0-based, as GoogleTest defines them), when both are set.
// Throws std::invalid_argument when they are set but unusable.
std::optional<Shard> shard_from_environment();
// Whether the vector with this id belongs to the shard: FNV-1a of the id modulo count, so a vector
// keeps its shard when others are added or removed.
bool in_shard(const std::string& vector_id, const Shard& shard);

// What a vector must not share with vectors running at the same time. `exclusive`: a precondition
// changes account state every vector of that product sees ("product:vod"), and a resource made under
// a fixed name (no ${run}/${shared}) can exist only once ("name:UserName=\"z\""). `shared`: the
// products the vector touches. Two vectors conflict when one's exclusive key is the other's key.
struct Conflicts {
    std::set<std::string> exclusive;
    std::set<std::string> shared;
};
Conflicts conflicts_of(const TestCase& test);

// VOD allows 10 apps per account, the default app included (facts: CreateAppInfo, LimitExceeded.AppCount,
// https://www.alibabacloud.com/help/en/vod/developer-reference/api-vod-2017-03-21-createappinfo). A run
// holds at most this many of its own at once (shared ones included), leaving room for the owner's.
inline constexpr std::size_t kRunAppBudget = 8;

// Which wire formats a run judges: each vector in its own `formats` (JSON unless it lists XML too),
// or every vector in JSON, in XML, or in both.
enum class FormatChoice { PerVector, Json, Xml, Both };
bool parse_format_choice(const std::string& text, FormatChoice& out);  // "json" | "xml" | "both" | "" (per vector)

// The id of a vector's instance in one format: the vector id, plus ".xml" for XML.
std::string instance_id(const TestCase& test, harness::Format format);
// The formats a vector is judged in under that choice (its own `formats`, JSON when it lists none).
std::vector<harness::Format> instance_formats(const TestCase& test, FormatChoice choice);

struct RunOptions {
    std::string filter;                  // glob on instance ids (vector id, ".xml" for the XML instance); empty = all
    Shard shard;                         // on instance ids too
    FormatChoice formats = FormatChoice::PerVector;
    // Further selection (e.g. `acsconf probe`: only `acceptable` vectors); unset = all.
    std::function<bool(const TestCase&)> select;
    // Known behaviour of this endpoint (expectations.hpp), applied to each vector as it finishes.
    const Expectations* expectations = nullptr;
    bool strict_expectations = false;
    // Vectors judged at the same time (worker threads). Results keep the selection order whatever
    // the value; conflicting vectors (conflicts_of) never run at the same time.
    std::size_t jobs = 1;
    // No vector starts after this instant; those not started are `error` ("cut off by the deadline"),
    // and a vector under way stops sending requests (its teardown still runs).
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::string signature_version = "none";
    bool insecure = false;  // recorded in the result: TLS verification was off
    std::string acsconf_version;
    // Called after each vector with the number done so far and the number selected (serialised:
    // never called from two workers at once; with several jobs, in completion order).
    std::function<void(const VectorResult&, std::size_t done, std::size_t total)> progress;
    // Checked before each vector starts: when it returns true no further vector starts; the vectors
    // under way finish, teardown included, so an interrupted run leaves nothing behind. The result
    // is then marked `interrupted`.
    std::function<bool()> should_stop;
    // Passed to every vector (${run} token source, deadline, shared fixtures, ledger); its format is
    // each instance's own.
    ExecOptions exec;
};

RunResult run_vectors(const LoadResult& loaded, harness::Endpoint& endpoint, const RunOptions& options = {});

struct OutcomeTally {
    int pass = 0, fail = 0, error = 0, skip = 0, xfail = 0, xpass = 0;
    void add(Judgement o);
    int total() const { return pass + fail + error + skip + xfail + xpass; }
    bool operator==(const OutcomeTally&) const = default;
};

struct RunSummary {
    OutcomeTally outcomes;
    std::map<std::string, OutcomeTally> by_rule;
};
RunSummary summarize_run(const RunResult& run);

// The exit code the CLI gives for a run: 0 all passed (skips, xfail and xpass allowed, but at least one
// pass), 1 a vector failed (or, in a run with strict expectations, an xfail or xpass), 3 nothing failed
// but some could not be judged, or nothing passed at all, 4 the run was interrupted (whatever the
// partial outcomes).
int run_exit_code(const RunResult& run);

// Every exchange of the run: those of its vectors plus the run-scoped (shared) fixtures'.
std::size_t exchange_count(const RunResult& run);

// "2026-11-23T10:15:00Z"
std::string utc_timestamp_now();

}  // namespace acsconf::runner
