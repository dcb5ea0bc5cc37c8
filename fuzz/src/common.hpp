// Helpers shared by the targets: independent rule predicates (written from docs/sources/, NOT calling the
// model's validators, so a bug there cannot hide itself) and outcome checks.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/account.hpp"
#include "acsconf/model/call.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/parameters.hpp"
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

// A violation the model answered for one expectation of a pure validator target (ram_params,
// vod_params), once checked in full. The model's rule id, parameter and code are string literals: a
// triple already checked for the same expectation (its strings compared with the expected ones, its
// code and rule looked up in the catalogues) is recognised again by its addresses and sizes, so the
// check on every input is a comparison of words, not string comparisons and catalogue scans. Two
// triples per expectation: some expectations accept two answers (Length or InvalidChars; the AppId
// rule ids mixedList / requiredOtherwise), and both stay recognised.
class CheckedViolations {
public:
    // True when `v` is one of the triples remembered here.
    ACSCONF_FUZZ_BOOKKEEPING bool recognises(const model::ParameterViolation& v) const {
        return same(v, remembered_[0]) || same(v, remembered_[1]);
    }
    // After `v` passed the full check.
    ACSCONF_FUZZ_BOOKKEEPING void remember(const model::ParameterViolation& v) {
        remembered_[next_] = v;
        next_ ^= 1;
    }

private:
    // Every word equal (one comparison: the XORs of the six words OR'd together).
    ACSCONF_FUZZ_BOOKKEEPING static bool same(const model::ParameterViolation& a, const model::ParameterViolation& b) {
        const auto differ = [](std::string_view x, std::string_view y) {
            return (reinterpret_cast<std::uintptr_t>(x.data()) ^ reinterpret_cast<std::uintptr_t>(y.data())) | (x.size() ^ y.size());
        };
        return (differ(a.rule, b.rule) | differ(a.parameter, b.parameter) | differ(a.code, b.code)) == 0;
    }
    // Views of this sentinel (never a model literal) until a triple is remembered.
    static constexpr char kUnset[] = "";
    model::ParameterViolation remembered_[2] = {{kUnset, kUnset, kUnset}, {kUnset, kUnset, kUnset}};
    unsigned next_ = 0;
};

// The input of the pure validator targets (ram_params, vod_params): a header of 8 bytes, then the
// values. Header byte 0 says which parameters are sent (bit i: parameter i of the target's list);
// then one length per parameter, `LengthBytes` bytes each (little-endian, cut to what the input still
// holds); the rest of the header is unused. The values follow in order (an unsent one's bytes, if
// any, are skipped). ram_params reads 2-byte lengths, so that a value can pass every documented
// limit even in 4-byte characters (PolicyName: 129 characters, 516 bytes); vod_params 1-byte ones
// (VOD documents no length limit, and 255 bytes hold a list of ten application policy names: longer
// values only make slower inputs). The values are views into the input: decoding copies and
// allocates nothing. The header is one 8-byte load (an input shorter than it reads as if
// zero-padded), and each length is cut with std::min: no branch per parameter.
inline constexpr std::size_t kParamsHeader = 8;
template <std::size_t N, std::size_t LengthBytes>
struct SplitParams {
    static_assert((LengthBytes == 1 || LengthBytes == 2) && 1 + LengthBytes * N <= kParamsHeader);
    model::SentParameter value[N];
};
template <std::size_t N, std::size_t LengthBytes>
ACSCONF_FUZZ_BOOKKEEPING SplitParams<N, LengthBytes> split_params_input(const std::uint8_t* data, std::size_t size) {
    std::uint64_t header = 0;
    if (size >= kParamsHeader)
        std::memcpy(&header, data, kParamsHeader);  // one load
    else
        std::memcpy(&header, data, size);
    if constexpr (std::endian::native == std::endian::big) header = __builtin_bswap64(header);
    const char* at = reinterpret_cast<const char*>(data) + std::min(size, kParamsHeader);
    const char* const end = reinterpret_cast<const char*>(data) + size;
    constexpr std::uint64_t kLengthMask = (std::uint64_t{1} << (8 * LengthBytes)) - 1;
    SplitParams<N, LengthBytes> out;
    std::uint64_t lengths = header >> 8;
    for (model::SentParameter* p = out.value; p != out.value + N; ++p, lengths >>= 8 * LengthBytes) {
        const std::size_t length = std::min(static_cast<std::size_t>(lengths & kLengthMask), static_cast<std::size_t>(end - at));
        *p = {(header & 1) != 0, std::string_view(at, length)};
        header >>= 1;
        at += length;
    }
    return out;
}

// The inverse, for seeds: `names` in the target's order; values too long for the length bytes are cut.
template <std::size_t LengthBytes>
std::string encode_params_input(const model::Call& call, std::initializer_list<const char*> names) {
    std::string header(kParamsHeader, '\0');
    std::string values;
    std::size_t known = 0, i = 0;
    for (const char* name : names) {
        const auto found = call.params.find(name);
        if (found != call.params.end()) {
            ++known;
            header[0] = static_cast<char>(header[0] | (1u << i));
            const std::string value = found->second.substr(0, (std::size_t{1} << (8 * LengthBytes)) - 1);
            for (std::size_t b = 0; b < LengthBytes; ++b) header[1 + LengthBytes * i + b] = static_cast<char>((value.size() >> (8 * b)) & 0xFF);
            values += value;
        }
        ++i;
    }
    return known == call.params.size() ? header + values : std::string();  // a parameter the target never sends: no seed
}

inline bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

}  // namespace acsconf::fuzz
