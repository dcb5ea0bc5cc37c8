// The two operations' parameter rules as pure functions (see parameters.hpp). The deviations that
// break a parameter rule live here too, so the Account with a deviation and these functions with the
// same id stay one behaviour.
#include "acsconf/model/parameters.hpp"

#include <cstring>

#include "acsconf/model/validators.hpp"

namespace acsconf::model {
namespace {

std::optional<std::string_view> find(const ParameterMap& params, const char* name) {
    const auto it = params.find(name);  // every name here fits the small-string buffer: no allocation
    if (it == params.end()) return std::nullopt;
    return std::string_view(it->second);
}

bool contains(std::string_view value, char c) { return value.find(c) != std::string_view::npos; }

// Calls `visit(item)` for each non-empty item of a comma-separated list (split_policy_names' items),
// without building the list. Walked with pointers and memchr: a fuzzed list can hold hundreds of
// items, and pointer comparisons are not traced by -fsanitize-coverage=trace-cmp (index arithmetic is).
template <typename Visit>
void for_each_listed(std::string_view list, Visit visit) {
    const char* at = list.data();
    const char* const end = at + list.size();
    while (at != end) {
        const auto* comma = static_cast<const char*>(std::memchr(at, ',', static_cast<std::size_t>(end - at)));
        const char* const item_end = comma != nullptr ? comma : end;
        if (item_end != at) visit(std::string_view(at, static_cast<std::size_t>(item_end - at)));
        at = comma != nullptr ? comma + 1 : end;
    }
}

// A parameter read once from its optional. Under the fuzzing flags (ram_params / vod_params: UBSan
// and trace-cmp) std::optional's accessors stay out-of-line calls with traced comparisons, so the
// rules below test plain fields.
struct Sent {
    bool sent;
    std::string_view value;
    explicit Sent(const std::optional<std::string_view>& parameter)
        : sent(parameter.has_value()), value(sent ? *parameter : std::string_view{}) {}
};

}  // namespace

ParameterVerdict validate_detach_policy_from_user(const ParameterMap& params, std::string_view deviation) {
    return validate_detach_policy_from_user(
        DetachPolicyFromUserParameters{find(params, "UserName"), find(params, "PolicyName"), find(params, "PolicyType")}, deviation);
}

ParameterVerdict validate_detach_policy_from_user(const DetachPolicyFromUserParameters& params, std::string_view deviation) {
    const bool deviating = !deviation.empty();  // the faithful path: one test, then none per rule
    const auto dev = [&](std::string_view id) { return deviating && deviation == id; };
    const auto violation = [](std::string_view rule, std::string_view parameter, std::string_view code) {
        return ParameterVerdict{ParameterViolation{rule, parameter, code}};
    };
    const Sent type(params.policy_type);
    const Sent user(params.user_name);
    const Sent policy(params.policy_name);

    // Missing parameters, in the page's order.
    if (!type.sent && !dev("ram.PolicyType.required.defaultSystem"))
        return violation("ram.DetachPolicyFromUser.PolicyType.required", "PolicyType", "MissingPolicyType");
    if (!user.sent && !dev("ram.UserName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.UserName.required", "UserName", "MissingUserName");
    if (!policy.sent && !dev("ram.PolicyName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.PolicyName.required", "PolicyName", "MissingPolicyName");

    if (type.sent && check_policy_type(type.value)) {
        const bool tolerated = type.value.empty() ? dev("ram.PolicyType.emptyAccepted")
                                                  : dev("ram.PolicyType.otherAccepted") ||
                                                        (dev("ram.PolicyType.caseIgnored.noEffect") && policy_type_in_other_case(type.value));
        if (!tolerated)
            return violation("ram.DetachPolicyFromUser.PolicyType.values", "PolicyType", "InvalidParameter.PolicyType");
    }
    if (user.sent) {
        // The documented check, unless a deviation tolerates exactly the value it is about.
        // (Deviations tested first: the faithful path measures the value only in the check.)
        const bool empty_tolerated = dev("ram.UserName.minLength.notEnforced") && user.value.empty();
        const bool one_over_tolerated = dev("ram.UserName.maxLength.offByOne") && parameter_length(user.value) == kUserNameMaxLength + 1;
        if (check_user_name_length(user.value) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.UserName.length", "UserName", "InvalidParameter.UserName.Length");
        const bool chars_ok = dev("ram.UserName.chars.notEnforced") || empty_tolerated || !check_user_name_chars(user.value);
        const bool wrongly_rejected = (dev("ram.UserName.chars.dotRejected") && contains(user.value, '.')) ||
                                      (dev("ram.UserName.chars.underscoreRejected") && contains(user.value, '_')) ||
                                      (dev("ram.UserName.chars.hyphenRejected") && contains(user.value, '-'));
        if (!chars_ok || wrongly_rejected)
            return violation("ram.DetachPolicyFromUser.UserName.chars", "UserName", "InvalidParameter.UserName.InvalidChars");
    }
    if (policy.sent) {
        const bool empty_tolerated = dev("ram.PolicyName.minLength.notEnforced") && policy.value.empty();
        const bool one_over_tolerated = dev("ram.PolicyName.maxLength.offByOne") && parameter_length(policy.value) == kPolicyNameMaxLength + 1;
        if (check_policy_name_length(policy.value) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.PolicyName.length", "PolicyName", "InvalidParameter.PolicyName.Length");
        bool chars_ok = empty_tolerated || !check_policy_name_chars(policy.value);
        if (!chars_ok && dev("ram.PolicyName.chars.underscoreAccepted")) {
            std::string checked(policy.value);  // only under this deviation: the faithful path allocates nothing
            for (char& c : checked) c = c == '_' ? '-' : c;
            chars_ok = !check_policy_name_chars(checked);
        }
        const bool wrongly_rejected = dev("ram.PolicyName.chars.hyphenRejected") && contains(policy.value, '-');
        if (!chars_ok || wrongly_rejected)
            return violation("ram.DetachPolicyFromUser.PolicyName.chars", "PolicyName",
                             "InvalidParameter.PolicyName.InvalidChars");
    }
    return std::nullopt;
}

ParameterVerdict validate_detach_app_policy_from_identity(const ParameterMap& params, std::string_view deviation) {
    return validate_detach_app_policy_from_identity(
        DetachAppPolicyFromIdentityParameters{find(params, "IdentityType"), find(params, "IdentityName"), find(params, "AppId"),
                                              find(params, "PolicyNames")},
        deviation);
}

ParameterVerdict validate_detach_app_policy_from_identity(const DetachAppPolicyFromIdentityParameters& params,
                                                          std::string_view deviation) {
    const bool deviating = !deviation.empty();  // the faithful path: one test, then none per rule
    const auto dev = [&](std::string_view id) { return deviating && deviation == id; };
    const auto violation = [](std::string_view rule, std::string_view parameter, std::string_view code) {
        return ParameterVerdict{ParameterViolation{rule, parameter, code}};
    };
    const Sent type(params.identity_type);
    const Sent name(params.identity_name);
    const Sent policies(params.policy_names);
    const Sent app(params.app_id);

    // A deviation that accepts a missing parameter passes validation; the account then answers a
    // success that did nothing.
    if (!type.sent)
        return dev("vod.IdentityType.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.IdentityType.required", "IdentityType", "MissingParameter");
    if (!name.sent)
        return dev("vod.IdentityName.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.IdentityName.required", "IdentityName", "MissingParameter");
    if (!policies.sent)
        return dev("vod.PolicyNames.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.PolicyNames.required", "PolicyNames", "MissingParameter");

    bool named_any = false;
    bool only_admin = true;
    bool lists_admin = false;
    for_each_listed(policies.value, [&](std::string_view item) {
        const bool admin = item == kVodAdminPolicy;  // compared once per item
        named_any = true;
        only_admin &= admin;
        lists_admin |= admin;
    });
    // "" or only commas names nothing: as if PolicyNames were not sent (RULES.md PolicyNames.emptyItems).
    if (!named_any)
        return violation("vod.DetachAppPolicyFromIdentity.PolicyNames.emptyItems", "PolicyNames", "MissingParameter");

    if (check_identity_type(type.value) && !dev("vod.IdentityType.notValidated"))
        return violation("vod.DetachAppPolicyFromIdentity.IdentityType.values", "IdentityType", "InvalidParameter");

    if (!app.sent) {
        if (!only_admin && !dev("vod.AppId.defaultedOtherwise"))
            return violation(lists_admin ? "vod.DetachAppPolicyFromIdentity.AppId.mixedList"
                                         : "vod.DetachAppPolicyFromIdentity.AppId.requiredOtherwise",
                             "AppId", "MissingParameter");
        if (only_admin && dev("vod.AppId.requiredForAdmin"))
            return violation("vod.DetachAppPolicyFromIdentity.AppId.optionalForAdmin", "AppId", "MissingParameter");
    }
    return std::nullopt;
}

}  // namespace acsconf::model
