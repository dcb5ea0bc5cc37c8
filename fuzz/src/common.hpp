// Helpers shared by the targets: independent rule predicates (written from docs/sources/, NOT calling the
// model's validators, so a bug there cannot hide itself) and outcome checks.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/account.hpp"
#include "acsconf/model/call.hpp"
#include "acsconf/model/catalogue.hpp"
#include "check.hpp"

namespace acsconf::fuzz {

// Largest value a target generates for one parameter: above every documented limit (128), small
// enough to keep executions fast.
inline constexpr std::size_t kMaxParamValue = 256;

// The documented character sets spelled out as strings (the model builds tables of its own).
inline constexpr std::string_view kUserNameAllowed =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-_";
inline constexpr std::string_view kPolicyNameAllowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

// docs/sources/ram.md#limits: UserName 1–64 characters of ^[a-zA-Z0-9\.@\-_]+$ ('@' accepted by the model).
inline bool ram_user_name_valid(std::string_view s) {
    return !s.empty() && s.size() <= 64 && s.find_first_not_of(kUserNameAllowed) == std::string_view::npos;
}

// docs/sources/ram.md#limits: PolicyName 1–128 characters of ^[a-zA-Z0-9\-]+$.
inline bool ram_policy_name_valid(std::string_view s) {
    return !s.empty() && s.size() <= 128 && s.find_first_not_of(kPolicyNameAllowed) == std::string_view::npos;
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

// A verdict's code and rule id are string literals of the model: each distinct one is looked up in the
// catalogues the first time it appears, then recognised by address (catalogue scans per input would
// dominate the pure validator targets).
inline bool first_sighting(std::string_view literal) {
    static std::vector<const char*> seen;
    for (const char* p : seen)
        if (p == literal.data()) return false;
    seen.push_back(literal.data());
    return true;
}

// The input of the pure validator targets (ram_params, vod_params): byte 0 says which parameters are
// sent (bit i: parameter i of the target's list); then, for each sent one in order, a length byte and
// that many bytes (fewer when the input ends). The values are views into the input: decoding copies
// and allocates nothing, so the target's time is the validator's.
template <std::size_t N>
std::array<std::optional<std::string_view>, N> split_params_input(const std::uint8_t* data, std::size_t size) {
    std::array<std::optional<std::string_view>, N> values;
    if (size == 0) return values;
    const unsigned mask = data[0];
    std::size_t at = 1;
    for (std::size_t i = 0; i < N; ++i) {
        if (!(mask & (1u << i))) continue;
        const std::size_t length = at < size ? data[at++] : 0;
        const std::size_t taken = std::min(length, size - std::min(at, size));
        values[i] = std::string_view(reinterpret_cast<const char*>(data) + std::min(at, size), taken);
        at += taken;
    }
    return values;
}

// The inverse, for seeds: `names` in the target's order; values longer than 255 bytes are cut there.
inline std::string encode_params_input(const model::Call& call, std::initializer_list<const char*> names) {
    std::string out(1, '\0');
    std::size_t known = 0, bit = 0;
    for (const char* name : names) {
        const auto found = call.params.find(name);
        if (found != call.params.end()) {
            ++known;
            out[0] = static_cast<char>(out[0] | (1u << bit));
            const std::string value = found->second.substr(0, 255);
            out += static_cast<char>(value.size());
            out += value;
        }
        ++bit;
    }
    return known == call.params.size() ? out : std::string();  // a parameter the target never sends: no seed
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace acsconf::fuzz
