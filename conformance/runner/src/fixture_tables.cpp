// The fixture calls' tables: what undoes each, and what read-only check proves it took effect.
#include "fixture_tables.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "acsconf/runner/executor.hpp"  // undo_calls
#include "acsconf/runner/json_path.hpp"

namespace acsconf::runner {
namespace {

// Teardown table: what undoes a fixture call, and which parameters the undo needs (copied from the
// call's own parameters, or read from its answer's fields).
struct Inverse {
    const char* action;
    const char* inverse;
    std::vector<const char*> params_from_request;
    std::vector<std::pair<const char*, const char*>> params_from_answer;  // param, dotted field path
    // For an attachment: the listing that shows it (same values of `list_keys`), and the parameter
    // naming what is attached (comma-separated for VOD). A passing `then` check of that listing that
    // excludes the name proves the attachment gone: its undo is not sent.
    const char* listed_by = nullptr;
    std::vector<const char*> list_keys = {};
    const char* listed_value = nullptr;
};

const std::vector<Inverse>& inverse_table() {
    static const std::vector<Inverse> table = {
        {"CreateUser", "DeleteUser", {"UserName"}, {}},
        {"CreatePolicy", "DeletePolicy", {"PolicyName"}, {}},
        {"AttachPolicyToUser", "DetachPolicyFromUser", {"PolicyType", "PolicyName", "UserName"}, {},
         "ListPoliciesForUser", {"UserName"}, "PolicyName"},
        {"CreateRole", "DeleteRole", {"RoleName"}, {}},
        {"CreateAppInfo", "DeleteAppInfo", {}, {{"AppId", "AppId"}}},
        {"AttachAppPolicyToIdentity", "DetachAppPolicyFromIdentity", {"IdentityType", "IdentityName", "PolicyNames", "AppId"}, {},
         "ListAppPoliciesForIdentity", {"IdentityType", "IdentityName", "AppId"}, "PolicyNames"},
    };
    return table;
}

const Inverse* inverse_for_undo(const std::string& undo_action) {
    for (const auto& entry : inverse_table())
        if (undo_action == entry.inverse) return &entry;
    return nullptr;
}

}  // namespace

namespace fixture_tables {

const std::vector<Verification>& verification_table() {
    static const std::vector<Verification> table = {
        {"CreateUser", "GetUser", {"UserName"}, "User.UserName", "UserName"},
        {"CreateRole", "GetRole", {"RoleName"}, "Role.RoleName", "RoleName"},
        {"AttachPolicyToUser", "ListPoliciesForUser", {"UserName"}, "Policies.Policy[*].PolicyName", "PolicyName"},
        {"AttachAppPolicyToIdentity", "ListAppPoliciesForIdentity", {"IdentityType", "IdentityName", "AppId"},
         "AppPolicyList[*].PolicyName", "PolicyNames"},
    };
    return table;
}

std::vector<std::string> split_list(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const std::string& value : values) {
        std::size_t start = 0;
        while (start <= value.size()) {
            const std::size_t end = std::min(value.find(',', start), value.size());
            if (end > start) out.push_back(value.substr(start, end - start));
            start = end + 1;
        }
    }
    return out;
}

bool iequal(const std::string& a, const std::string& b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
               return std::tolower(x) == std::tolower(y);
           });
}

bool removed_or_absent(const harness::Response& response) {
    return response.ok() || response.http_status == 404 || response.code.starts_with("EntityNotExist");
}

bool proves_gone(const model::Call& undo, const ProvenAbsent& proof) {
    const Inverse* entry = inverse_for_undo(undo.action);
    if (entry == nullptr || entry->listed_by == nullptr || proof.listing.action != entry->listed_by ||
        proof.listing.product != undo.product || proof.listing.caller != undo.caller)
        return false;
    for (const char* key : entry->list_keys) {
        auto a = undo.params.find(key), b = proof.listing.params.find(key);
        if ((a == undo.params.end()) != (b == proof.listing.params.end())) return false;
        if (a != undo.params.end() && a->second != b->second) return false;
    }
    auto names = undo.params.find(entry->listed_value);
    if (names == undo.params.end() || names->second.empty()) return false;
    std::stringstream list(names->second);
    for (std::string name; std::getline(list, name, ',');)
        if (!proof.excluded.contains(name)) return false;
    return true;
}

bool same_call(const model::Call& a, const model::Call& b) {
    return a.product == b.product && a.action == b.action && a.caller == b.caller && a.params == b.params;
}

model::Call derived_call(const model::Call& from, const char* action, const std::vector<const char*>& names) {
    model::Call derived;
    derived.product = from.product;
    derived.action = action;
    derived.caller = from.caller;
    for (const char* name : names)
        if (auto it = from.params.find(name); it != from.params.end()) derived.params[name] = it->second;
    return derived;
}

}  // namespace fixture_tables

std::vector<model::Call> undo_calls(const model::Call& call, const harness::Response& response) {
    std::vector<model::Call> out;
    for (const auto& entry : inverse_table()) {
        if (call.action != entry.action) continue;
        model::Call undo = fixture_tables::derived_call(call, entry.inverse, entry.params_from_request);
        for (const auto& [name, path] : entry.params_from_answer) {
            const auto found = strings_at_path(response.fields, path);
            if (!found.empty()) undo.params[name] = found.front();
        }
        out.push_back(std::move(undo));
    }
    return out;
}

}  // namespace acsconf::runner
