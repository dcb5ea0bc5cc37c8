// Helpers shared by the targets: independent rule predicates (written from docs/sources/, NOT calling the
// model's validators, so a bug there cannot hide itself) and outcome checks.
#pragma once

#include <string>
#include <string_view>

#include "acsconf/model/account.hpp"
#include "acsconf/model/call.hpp"
#include "acsconf/model/catalogue.hpp"
#include "check.hpp"

namespace acsconf::fuzz {

// Largest value a target generates for one parameter: above every documented limit (128), small
// enough to keep executions fast.
inline constexpr std::size_t kMaxParamValue = 256;

inline bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// docs/sources/ram.md#limits: UserName 1–64 characters of ^[a-zA-Z0-9\.@\-_]+$ ('@' accepted by the model).
inline bool ram_user_name_valid(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!is_ascii_alnum(c) && c != '.' && c != '@' && c != '-' && c != '_') return false;
    return true;
}

// docs/sources/ram.md#limits: PolicyName 1–128 characters of ^[a-zA-Z0-9\-]+$.
inline bool ram_policy_name_valid(std::string_view s) {
    if (s.empty() || s.size() > 128) return false;
    for (char c : s)
        if (!is_ascii_alnum(c) && c != '-') return false;
    return true;
}

// docs/sources/ram.md#limits: exactly "System" or "Custom" (case variants rejected by the model).
inline bool ram_policy_type_valid(std::string_view s) { return s == "System" || s == "Custom"; }

// docs/sources/vod.md#parameters: IdentityType is RamUser or RamRole.
inline bool vod_identity_type_valid(std::string_view s) { return s == "RamUser" || s == "RamRole"; }

inline bool same_outcome(const model::Outcome& a, const model::Outcome& b) {
    return a.http_status == b.http_status && a.code == b.code && a.message == b.message &&
           a.fields == b.fields;
}

// Every error answer names a catalogued code of its product and carries that code's status;
// every success is a 2xx without Code/Message.
inline void check_outcome_catalogued(model::Product product, const model::Outcome& outcome) {
    if (outcome.ok()) {
        ACSCONF_FUZZ_CHECK(outcome.http_status >= 200 && outcome.http_status < 300,
                           "a success outcome has a 2xx status");
        ACSCONF_FUZZ_CHECK(outcome.message.empty(), "a success outcome has no Message");
        return;
    }
    const model::ErrorInfo* info = model::find_error(product, outcome.code);
    ACSCONF_FUZZ_CHECK(info != nullptr, "every error code the model answers is in its error catalogue");
    ACSCONF_FUZZ_CHECK(outcome.http_status == info->http_status,
                       "an error's HTTP status is the catalogue's status for that code");
    ACSCONF_FUZZ_CHECK(outcome.http_status >= 400 && outcome.http_status < 600, "errors are 4xx/5xx");
    ACSCONF_FUZZ_CHECK(!outcome.message.empty(), "an error carries a Message");
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace acsconf::fuzz
