// Run-scoped bookkeeping of fixtures: what the run made and has not removed yet (the ledger, printed
// when a second signal aborts a run), and the fixtures several vectors share (made once per run, on
// first use, removed when the run ends). See vectors/README.md, "Shared fixtures".
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/result.hpp"

namespace acsconf::runner {

// Thread-safe list of "made, not yet removed" resources, described by the call that removes them.
class FixtureLedger {
public:
    std::size_t add(const model::Call& undo);
    void remove(std::size_t id);
    std::vector<std::string> outstanding() const;  // "Ram DeleteUser UserName=acsconf…-u", in creation order

private:
    mutable std::mutex mutex_;
    std::size_t next_ = 1;
    std::map<std::size_t, std::string> open_;
};

// "Ram DeleteUser UserName=x PolicyName=y": a call as one line (parameters in name order).
std::string describe_call(const model::Call& call);

// Reports keep at most this much of any one answer's text or decoded fields: a 10 MB answer on every
// vector must not make a result.json of hundreds of MB.
inline constexpr std::size_t kReportBytes = 64 * 1024;

// Answer text as the reports keep it: printable, at most kReportBytes, a longer one ending in
// "...[truncated: N bytes]".
std::string reportable_text(const std::string& text);

// Decoded fields as the reports keep them: fields whose JSON exceeds kReportBytes become
// {"truncated": true, "bytes": N, "prefix": the first kReportBytes}.
nlohmann::json reportable_fields(const nlohmann::json& fields);

// One exchange as the reports keep it (secrets were already redacted by the endpoint; each text and
// the fields bounded as above).
Exchange make_exchange(const std::string& role, const model::Call& call, const harness::Response* response,
                       const std::string& transport_error = {});

// Fixtures shared by the vectors of one run. A `given` step marked "shared" is sent once per distinct
// call; every vector that needs the same call gets the first answer. The calls' undo runs in reverse
// order at the end of the run (release), also after an interrupt.
// The shared steps of a vector as one key: vectors with the same key share one set of fixtures.
std::string shared_set_key(const nlohmann::json& given);

class SharedFixtures {
public:
    explicit SharedFixtures(FixtureLedger* ledger = nullptr) : ledger_(ledger) {}

    // ${shared} for the vectors whose `given` list is `given_key`: one fresh run token per distinct
    // list, so vectors share fixtures only with vectors that need exactly the same ones.
    std::string token_for(const std::string& given_key);

    // The answer to `call`, sending it on first use. `undo_of` names the calls that remove what the
    // answer made (empty for a failed answer). Throws harness::TransportError (again, for every
    // caller) when the first attempt could not be judged.
    using UndoOf = std::function<std::vector<model::Call>(const model::Call&, const harness::Response&)>;
    // `set_key` names the set of shared steps the call belongs to (see shared_set_key()).
    harness::Response obtain(const std::string& set_key, const model::Call& call, harness::Endpoint& endpoint,
                             const harness::SendOptions& options, const UndoOf& undo_of);

    // Removes one set (its last user finished): its undos, newest first. Idempotent.
    void release_set(const std::string& set_key, harness::Endpoint& endpoint, const harness::SendOptions& options);
    // Removes every set still there (end of run, interrupt). Idempotent.
    void release(harness::Endpoint& endpoint, const harness::SendOptions& options);
    std::vector<Exchange> exchanges() const;

private:
    struct Entry {
        std::mutex mutex;
        bool done = false;
        std::optional<harness::Response> response;
        std::string transport_error;
    };
    struct Undo {
        model::Call call;
        std::size_t ledger_id = 0;
    };
    FixtureLedger* ledger_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Entry>> entries_;
    std::map<std::string, std::string> tokens_;
    std::map<std::string, std::vector<Undo>> undo_;  // per set, in creation order
    std::vector<std::string> set_order_;             // sets in the order they were first made
    std::vector<Exchange> exchanges_;
};

}  // namespace acsconf::runner
