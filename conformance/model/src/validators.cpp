// The parameter rules of docs/sources/ram.md and docs/sources/vod.md, one function each.
#include "acsconf/model/validators.hpp"

#include "acsconf/model/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cctype>
#include <cstdint>
#include <cstring>


namespace acsconf::model {
namespace {

// Walks strict UTF-8 (model/utf8.hpp), calling `visit(code_point)` for each; false on any invalid
// sequence, so a character rule can reject it instead of guessing. No allocation: the parameter
// validators run at fuzzing speed (fuzz/ ram_params, vod_params).
template <typename Visit>
bool for_each_code_point(std::string_view bytes, Visit visit) {
    for (std::size_t i = 0; i < bytes.size();) {
        char32_t cp = 0;
        const std::size_t length = decode_utf8_at(bytes, i, cp);
        if (length == 0 || !visit(cp)) return false;
        i += length;
    }
    return true;
}

bool ascii_alnum(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool cjk_unified(char32_t c) { return c >= 0x4E00 && c <= 0x9FA5; }

// True when the value is non-empty valid UTF-8 whose every code point satisfies `allowed`.
template <typename Pred>
bool all_chars(std::string_view value, Pred allowed) {
    return !value.empty() && for_each_code_point(value, allowed);
}

// The character rules whose characters are all ASCII, as 128-bit sets: bit c of `low` (c < 64) or
// `high` (64 <= c < 128). A byte is tested by shifts and masks alone: no comparison, no branch, no
// memory access. Written for fuzzing speed: ram_params / vod_params run these rules under ASan, UBSan
// and trace-cmp, where an indexed table look-up costs a traced pointer-overflow check and every
// comparison a traced call (fuzz/README.md).
struct AsciiSet {
    std::uint64_t low = 0, high = 0;
    constexpr explicit AsciiSet(std::string_view members) {
        for (char c : members) (c < 64 ? low : high) |= std::uint64_t{1} << (c & 63);
    }
};
constexpr AsciiSet kUserNameChars{"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@_-"};  // ^[a-zA-Z0-9.@_-]+$
constexpr AsciiSet kPolicyNameChars{"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"};    // ^[a-zA-Z0-9-]+$
constexpr AsciiSet kRoleNameChars{"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-"};    // ^[a-zA-Z0-9.-]+$
// The ASCII part of DisplayName and AppName, which add the CJK range.
constexpr AsciiSet kDisplayNameAsciiChars{"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.@-"};

// 1 when byte b (0..255) is in `set`, else 0. A byte >= 0x80 is in no set: it starts a non-ASCII
// character, or is not UTF-8 at all.
constexpr std::uint64_t member(const AsciiSet& set, std::uint64_t b) {
    const std::uint64_t upper = (b >> 6) & 1;  // 64..127: the `high` word
    const std::uint64_t word = (set.low & (upper - 1)) | (set.high & (0 - upper));
    return (word >> (b & 63)) & (1 ^ (b >> 7)) & 1;
}

const unsigned char* begin_of(std::string_view value) { return reinterpret_cast<const unsigned char*>(value.data()); }

// Eight bytes of `at` as one word: one memory access (one ASan check) instead of eight.
std::uint64_t word_at(const unsigned char* at) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    return word;
}

// The words of a value, then its last bytes: walked with pointers (pointer comparisons are not traced
// by trace-cmp; the loop counters of index arithmetic are, on every pass).
struct Walk {
    const unsigned char* at;
    const unsigned char* words_end;  // the last whole word ends here
    const unsigned char* end;
    explicit Walk(std::string_view value)
        : at(begin_of(value)), words_end(at + (value.size() & ~std::size_t{7})), end(at + value.size()) {}
};

// Non-empty, and every byte in `set` (so ASCII). A word at a time: the loop's own pointer checks
// come once per eight bytes.
bool all_bytes_of(std::string_view value, const AsciiSet& set) {
    Walk w(value);
    std::uint64_t all = 1;
    for (; w.at != w.words_end; w.at += 8) {
        const std::uint64_t word = word_at(w.at);
        for (unsigned shift = 0; shift < 64; shift += 8) all &= member(set, (word >> shift) & 0xFF);
    }
    for (; w.at != w.end; ++w.at) all &= member(set, *w.at);
    return (all & (value.empty() ? 0 : 1)) != 0;
}

// Every byte < 0x80, a word at a time as above.
bool all_ascii(std::string_view value) {
    Walk w(value);
    std::uint64_t any = 0;
    for (; w.at != w.words_end; w.at += 8) any |= word_at(w.at);
    for (; w.at != w.end; ++w.at) any |= *w.at;
    return (any & 0x8080808080808080u) == 0;
}

// The bytes that are not UTF-8 continuation bytes (10xxxxxx), a word at a time: in a word, a byte's
// bit 7 AND NOT its bit 6 (shifted up into bit 7) marks a continuation byte.
std::size_t non_continuation_bytes(std::string_view value) {
    Walk w(value);
    std::size_t continuation = 0;
    for (; w.at != w.words_end; w.at += 8) {
        const std::uint64_t word = word_at(w.at);
        continuation += static_cast<std::size_t>(std::popcount(word & ~(word << 1) & 0x8080808080808080u));
    }
    for (; w.at != w.end; ++w.at) continuation += (*w.at >> 7) & (~*w.at >> 6) & 1u;
    return value.size() - continuation;
}

// The length (parameter_length) is within [min, max]. It is the code points of valid UTF-8, else the
// bytes: so at most the bytes, at least ceil(bytes / 4), and at least the bytes that are not
// continuation bytes (valid UTF-8 has exactly that many code points). When these bounds settle the
// rule no UTF-8 is decoded; only a long value mostly made of multi-byte characters is.
bool length_within(std::string_view value, std::size_t min, std::size_t max) {
    const std::size_t bytes = value.size();
    if (bytes <= max && (bytes + 3) / 4 >= min) return true;
    if (bytes < min) return false;
    const std::size_t starts = non_continuation_bytes(value);
    if (starts > max) return false;
    const std::size_t n = is_valid_utf8(value) ? starts : bytes;
    return n >= min && n <= max;
}

Violation unless(bool ok, std::string_view code) {
    if (ok) return std::nullopt;
    return code;
}

}  // namespace

std::optional<std::size_t> utf8_code_points(std::string_view bytes) {
    if (all_ascii(bytes)) return bytes.size();  // one branch-free pass instead of decoding
    std::size_t count = 0;
    if (!for_each_code_point(bytes, [&](char32_t) { return ++count, true; })) return std::nullopt;
    return count;
}

bool is_valid_utf8(std::string_view bytes) {
    return for_each_code_point(bytes, [](char32_t) { return true; });
}

std::size_t parameter_length(std::string_view bytes) { return utf8_code_points(bytes).value_or(bytes.size()); }

bool user_name_length_ok(std::string_view value) { return length_within(value, kUserNameMinLength, kUserNameMaxLength); }
bool user_name_chars_ok(std::string_view value) { return all_bytes_of(value, kUserNameChars); }
bool policy_name_length_ok(std::string_view value) { return length_within(value, kPolicyNameMinLength, kPolicyNameMaxLength); }
bool policy_name_chars_ok(std::string_view value) { return all_bytes_of(value, kPolicyNameChars); }
bool policy_type_ok(std::string_view value) { return value == "System" || value == "Custom"; }
bool identity_type_ok(std::string_view value) { return value == "RamUser" || value == "RamRole"; }

Violation check_user_name_length(std::string_view value) {
    return unless(user_name_length_ok(value), "InvalidParameter.UserName.Length");
}

Violation check_user_name_chars(std::string_view value) {
    return unless(user_name_chars_ok(value), "InvalidParameter.UserName.InvalidChars");
}

Violation check_policy_name_length(std::string_view value) {
    return unless(policy_name_length_ok(value), "InvalidParameter.PolicyName.Length");
}

Violation check_policy_name_chars(std::string_view value) {
    return unless(policy_name_chars_ok(value), "InvalidParameter.PolicyName.InvalidChars");
}

Violation check_policy_type(std::string_view value) { return unless(policy_type_ok(value), "InvalidParameter.PolicyType"); }

bool policy_type_in_other_case(std::string_view value) {
    const auto same_letters = [&](std::string_view word) {
        return value.size() == word.size() && std::equal(word.begin(), word.end(), value.begin(), [](char a, char b) {
                   return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
               });
    };
    return check_policy_type(value) && (same_letters("System") || same_letters("Custom"));
}

Violation check_policy_description_length(std::string_view value) {
    return unless(length_within(value, kPolicyDescriptionMinLength, kPolicyDescriptionMaxLength), "InvalidParameter.Description.Length");
}

Violation check_display_name_length(std::string_view value) {
    return unless(length_within(value, kDisplayNameMinLength, kDisplayNameMaxLength), "InvalidParameter.DisplayName.Length");
}

Violation check_display_name_chars(std::string_view value) {
    // ASCII values (the common case) by the table; others decoded, for the CJK range.
    if (!all_bytes_of(value, kDisplayNameAsciiChars) &&
        !all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '@' || c == '-' || cjk_unified(c); }))
        return "InvalidParameter.DisplayName.InvalidChars";
    return std::nullopt;
}

Violation check_comments_length(std::string_view value) {
    return unless(length_within(value, kCommentsMinLength, kCommentsMaxLength), "InvalidParameter.Comments.Length");
}

Violation check_role_name_length(std::string_view value) {
    return unless(length_within(value, kRoleNameMinLength, kRoleNameMaxLength), "InvalidParameter.RoleName.Length");
}

Violation check_role_name_chars(std::string_view value) {
    if (!all_bytes_of(value, kRoleNameChars)) return "InvalidParameter.RoleName.InvalidChars";
    return std::nullopt;
}

Violation check_identity_type(std::string_view value) { return unless(identity_type_ok(value), "InvalidParameter"); }

bool is_vod_app_policy(std::string_view name) {
    return name == kVodAdminPolicy || name == kVodFullAccessPolicy || name == kVodReadOnlyPolicy;
}

std::vector<std::string> split_policy_names(std::string_view value) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t comma = value.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? value.size() : comma;
        if (end > start) names.emplace_back(value.substr(start, end - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
    return names;
}

Violation check_app_name(std::string_view value) {
    if (parameter_length(value) > kAppNameMaxLength) return "InvalidParameter";
    if (!all_bytes_of(value, kDisplayNameAsciiChars) &&
        !all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '-' || c == '@' || cjk_unified(c); }))
        return "InvalidParameter";
    return std::nullopt;
}

Violation check_app_description(std::string_view value) {
    if (parameter_length(value) > kAppDescriptionMaxLength) return "InvalidParameter";
    return std::nullopt;
}

}  // namespace acsconf::model
