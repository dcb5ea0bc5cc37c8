// The parameter rules of docs/sources/ram.md and docs/sources/vod.md, one function each.
#include "acsconf/model/validators.hpp"

#include <nlohmann/json.hpp>

namespace acsconf::model {
namespace {

// Walks strict UTF-8 (RFC 3629), calling `visit(code_point)` for each; false on any malformed,
// overlong, surrogate or out-of-range sequence, so a character rule can reject it instead of guessing.
// No allocation: the parameter validators run at fuzzing speed (fuzz/ ram_params, vod_params).
template <typename Visit>
bool for_each_code_point(std::string_view bytes, Visit visit) {
    std::size_t i = 0;
    while (i < bytes.size()) {
        const auto lead = static_cast<unsigned char>(bytes[i]);
        std::size_t extra = 0;
        char32_t cp = 0;
        char32_t min = 0;
        if (lead < 0x80) {
            if (!visit(static_cast<char32_t>(lead))) return false;
            ++i;
            continue;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1, cp = lead & 0x1F, min = 0x80;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2, cp = lead & 0x0F, min = 0x800;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3, cp = lead & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (i + extra >= bytes.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto cont = static_cast<unsigned char>(bytes[i + k]);
            if ((cont & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cont & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        if (!visit(cp)) return false;
        i += extra + 1;
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

Violation length_between(std::string_view value, std::size_t min, std::size_t max, std::string_view code) {
    const std::size_t n = parameter_length(value);
    if (n < min || n > max) return code;
    return std::nullopt;
}

}  // namespace

std::optional<std::size_t> utf8_code_points(std::string_view bytes) {
    std::size_t count = 0;
    if (!for_each_code_point(bytes, [&](char32_t) { return ++count, true; })) return std::nullopt;
    return count;
}

bool is_valid_utf8(std::string_view bytes) {
    return for_each_code_point(bytes, [](char32_t) { return true; });
}

std::size_t parameter_length(std::string_view bytes) { return utf8_code_points(bytes).value_or(bytes.size()); }

Violation check_user_name_length(std::string_view value) {
    return length_between(value, kUserNameMinLength, kUserNameMaxLength, "InvalidParameter.UserName.Length");
}

Violation check_user_name_chars(std::string_view value) {
    const bool ok = all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '@' || c == '_' || c == '-'; });
    if (!ok) return "InvalidParameter.UserName.InvalidChars";
    return std::nullopt;
}

Violation check_policy_name_length(std::string_view value) {
    return length_between(value, kPolicyNameMinLength, kPolicyNameMaxLength, "InvalidParameter.PolicyName.Length");
}

Violation check_policy_name_chars(std::string_view value) {
    if (!all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '-'; }))
        return "InvalidParameter.PolicyName.InvalidChars";
    return std::nullopt;
}

Violation check_policy_type(std::string_view value) {
    if (value == "System" || value == "Custom") return std::nullopt;
    return "InvalidParameter.PolicyType";
}

Violation check_policy_document(std::string_view value) {
    if (auto v = length_between(value, kPolicyDocumentMinLength, kPolicyDocumentMaxLength, "InvalidParameter.PolicyDocument.Length")) return v;
    // nlohmann::json::parse without exceptions: a parse error yields a discarded value.
    const auto parsed = nlohmann::json::parse(value.begin(), value.end(), nullptr, /*allow_exceptions=*/false);
    if (parsed.is_discarded() || !parsed.is_object()) return "MalformedPolicyDocument";
    return std::nullopt;
}

Violation check_policy_description_length(std::string_view value) {
    return length_between(value, kPolicyDescriptionMinLength, kPolicyDescriptionMaxLength, "InvalidParameter.Description.Length");
}

Violation check_display_name_length(std::string_view value) {
    return length_between(value, kDisplayNameMinLength, kDisplayNameMaxLength, "InvalidParameter.DisplayName.Length");
}

Violation check_display_name_chars(std::string_view value) {
    if (!all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '@' || c == '-' || cjk_unified(c); }))
        return "InvalidParameter.DisplayName.InvalidChars";
    return std::nullopt;
}

Violation check_comments_length(std::string_view value) {
    return length_between(value, kCommentsMinLength, kCommentsMaxLength, "InvalidParameter.Comments.Length");
}

Violation check_role_name_length(std::string_view value) {
    return length_between(value, kRoleNameMinLength, kRoleNameMaxLength, "InvalidParameter.RoleName.Length");
}

Violation check_role_name_chars(std::string_view value) {
    if (!all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '-'; }))
        return "InvalidParameter.RoleName.InvalidChars";
    return std::nullopt;
}

Violation check_identity_type(std::string_view value) {
    if (value == "RamUser" || value == "RamRole") return std::nullopt;
    return "InvalidParameter";
}

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
    if (!all_chars(value, [](char32_t c) { return ascii_alnum(c) || c == '.' || c == '-' || c == '@' || cjk_unified(c); }))
        return "InvalidParameter";
    return std::nullopt;
}

Violation check_app_description(std::string_view value) {
    if (parameter_length(value) > kAppDescriptionMaxLength) return "InvalidParameter";
    return std::nullopt;
}

}  // namespace acsconf::model
