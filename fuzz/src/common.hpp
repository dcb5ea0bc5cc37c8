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

// A set of ASCII bytes spelled out as a string, kept as a 128-bit mask (bit b of lo for b < 64, of hi
// for 64 <= b < 128) and tested with shifts alone. The pure validator targets run these predicates on
// every input under ASan+UBSan+trace-cmp, where a table look-up costs a traced pointer check and a
// comparison per byte a traced call; shifts cost neither.
struct ByteSet {
    std::uint64_t lo = 0, hi = 0;
    constexpr explicit ByteSet(std::string_view members) {
        for (char c : members) (c < 64 ? lo : hi) |= std::uint64_t{1} << (c & 63);
    }
    // Every byte of s is in the set (true for "").
    bool contains_all(std::string_view s) const {
        std::uint64_t outside = 0;
        const char* const end = s.data() + s.size();
        for (const char* p = s.data(); p != end; ++p) {
            const auto b = static_cast<std::uint64_t>(static_cast<unsigned char>(*p));
            const std::uint64_t upper = (b >> 6) & 1;  // 64..127: hi
            const std::uint64_t mask = (lo & (upper - 1)) | (hi & (0 - upper));
            outside |= (b >> 7) | (~(mask >> (b & 63)) & 1);
        }
        return outside == 0;
    }
};
inline constexpr ByteSet kUserNameBytes{kUserNameAllowed};
inline constexpr ByteSet kPolicyNameBytes{kPolicyNameAllowed};

// docs/sources/ram.md#limits: UserName 1–64 characters of ^[a-zA-Z0-9\.@\-_]+$ ('@' accepted by the model).
inline bool ram_user_name_valid(std::string_view s) {
    return !s.empty() && s.size() <= 64 && kUserNameBytes.contains_all(s);
}

// docs/sources/ram.md#limits: PolicyName 1–128 characters of ^[a-zA-Z0-9\-]+$.
inline bool ram_policy_name_valid(std::string_view s) {
    return !s.empty() && s.size() <= 128 && kPolicyNameBytes.contains_all(s);
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
// dominate the pure validator targets). A fixed array walked by pointer: pointer comparisons are not
// traced by trace-cmp. Past its capacity every literal counts as new (looked up again: still correct).
inline bool first_sighting(std::string_view literal) {
    static const char* seen[64];
    static std::size_t count = 0;
    const char* const* const end = seen + count;
    for (const char* const* p = seen; p != end; ++p)
        if (*p == literal.data()) return false;
    if (count < std::size(seen)) seen[count++] = literal.data();
    return true;
}

// The input of the pure validator targets (ram_params, vod_params): byte 0 says which parameters are
// sent (bit i: parameter i of the target's list); then, for each sent one in order, a length byte and
// that many bytes (fewer when the input ends). The values are views into the input: decoding copies
// and allocates nothing, so the target's time is the validator's. A plain array of values, walked by
// pointer (std::array's operator[] stays an out-of-line, checked call under UBSan).
template <std::size_t N>
struct SplitParams {
    std::optional<std::string_view> value[N];
};
template <std::size_t N>
SplitParams<N> split_params_input(const std::uint8_t* data, std::size_t size) {
    SplitParams<N> out;
    if (size == 0) return out;
    const unsigned sent = data[0];
    const char* at = reinterpret_cast<const char*>(data) + 1;
    const char* const end = reinterpret_cast<const char*>(data) + size;
    for (std::size_t i = 0; i < N; ++i) {
        if (((sent >> i) & 1) == 0) continue;
        std::size_t length = at != end ? static_cast<unsigned char>(*at++) : 0;
        length = std::min(length, static_cast<std::size_t>(end - at));
        out.value[i] = std::string_view(at, length);
        at += length;
    }
    return out;
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
