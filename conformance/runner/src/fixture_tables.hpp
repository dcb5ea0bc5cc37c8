// Tables of the fixture calls a vector's `given` makes (internal to the runner): the read-only check
// that proves each took effect, and the helpers the executor uses to decide whether an undo is
// still needed. The undo table itself is behind runner::undo_calls (executor.hpp).
#pragma once

#include <set>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::runner::fixture_tables {

// Read-only checks that prove a fixture call took effect: an endpoint that answers 200 to everything
// must not have vectors judged on fixtures that never existed. `expect_param`'s value (a comma list
// for PolicyNames, less any the answer reports as non-existent) must be listed at `path`.
struct Verification {
    const char* action;
    const char* check;
    std::vector<const char*> params;  // copied from the fixture call
    const char* path;
    const char* expect_param;
};
const std::vector<Verification>& verification_table();

// The items of comma-separated values, empty items dropped.
std::vector<std::string> split_list(const std::vector<std::string>& values);
bool iequal(const std::string& a, const std::string& b);  // ASCII letters in any case

// An undo whose target is gone (the answer says "not found") leaves nothing behind either.
bool removed_or_absent(const harness::Response& response);

// A passing `then` check: the listing it made and the values it proved absent.
struct ProvenAbsent {
    model::Call listing;
    std::set<std::string> excluded;
};
// Whether `proof` shows that what `undo` would remove is already gone (the attachment's listing
// excludes every name the undo would detach).
bool proves_gone(const model::Call& undo, const ProvenAbsent& proof);

bool same_call(const model::Call& a, const model::Call& b);

// A call of `action` by the same product and caller as `from`, carrying those of `names` that `from` has
// (the read-only check of a fixture call, or its undo).
model::Call derived_call(const model::Call& from, const char* action, const std::vector<const char*>& names);

}  // namespace acsconf::runner::fixture_tables
