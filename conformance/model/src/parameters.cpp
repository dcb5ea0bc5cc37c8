// The two operations' parameter rules as pure functions (see parameters.hpp). The deviations that
// break a parameter rule live here too, so the Account with a deviation and these functions with the
// same id stay one behaviour.
#include "acsconf/model/parameters.hpp"

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
// without building the list.
template <typename Visit>
void for_each_listed(std::string_view list, Visit visit) {
    std::size_t start = 0;
    while (start <= list.size()) {
        const std::size_t comma = list.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? list.size() : comma;
        if (end > start) visit(list.substr(start, end - start));
        if (comma == std::string_view::npos) break;
        start = comma + 1;
    }
}

}  // namespace

ParameterVerdict validate_detach_policy_from_user(const ParameterMap& params, std::string_view deviation) {
    return validate_detach_policy_from_user(
        DetachPolicyFromUserParameters{find(params, "UserName"), find(params, "PolicyName"), find(params, "PolicyType")}, deviation);
}

ParameterVerdict validate_detach_policy_from_user(const DetachPolicyFromUserParameters& params, std::string_view deviation) {
    const auto dev = [&](std::string_view id) { return !deviation.empty() && deviation == id; };
    const auto violation = [](std::string_view rule, std::string_view parameter, std::string_view code) {
        return ParameterVerdict{ParameterViolation{rule, parameter, code}};
    };
    const auto& type = params.policy_type;
    const auto& user = params.user_name;
    const auto& policy = params.policy_name;

    // Missing parameters, in the page's order.
    if (!type && !dev("ram.PolicyType.required.defaultSystem"))
        return violation("ram.DetachPolicyFromUser.PolicyType.required", "PolicyType", "MissingPolicyType");
    if (!user && !dev("ram.UserName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.UserName.required", "UserName", "MissingUserName");
    if (!policy && !dev("ram.PolicyName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.PolicyName.required", "PolicyName", "MissingPolicyName");

    if (type && check_policy_type(*type)) {
        const bool tolerated = type->empty() ? dev("ram.PolicyType.emptyAccepted") : dev("ram.PolicyType.otherAccepted");
        if (!tolerated)
            return violation("ram.DetachPolicyFromUser.PolicyType.values", "PolicyType", "InvalidParameter.PolicyType");
    }
    if (user) {
        // The documented check, unless a deviation tolerates exactly the value it is about.
        const std::size_t n = parameter_length(*user);
        const bool empty_tolerated = n == 0 && dev("ram.UserName.minLength.notEnforced");
        const bool one_over_tolerated = n == kUserNameMaxLength + 1 && dev("ram.UserName.maxLength.offByOne");
        if (check_user_name_length(*user) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.UserName.length", "UserName", "InvalidParameter.UserName.Length");
        const bool chars_ok = dev("ram.UserName.chars.notEnforced") || empty_tolerated || !check_user_name_chars(*user);
        const bool wrongly_rejected = (dev("ram.UserName.chars.dotRejected") && contains(*user, '.')) ||
                                      (dev("ram.UserName.chars.underscoreRejected") && contains(*user, '_')) ||
                                      (dev("ram.UserName.chars.hyphenRejected") && contains(*user, '-'));
        if (!chars_ok || wrongly_rejected)
            return violation("ram.DetachPolicyFromUser.UserName.chars", "UserName", "InvalidParameter.UserName.InvalidChars");
    }
    if (policy) {
        const std::size_t n = parameter_length(*policy);
        const bool empty_tolerated = n == 0 && dev("ram.PolicyName.minLength.notEnforced");
        const bool one_over_tolerated = n == kPolicyNameMaxLength + 1 && dev("ram.PolicyName.maxLength.offByOne");
        if (check_policy_name_length(*policy) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.PolicyName.length", "PolicyName", "InvalidParameter.PolicyName.Length");
        bool chars_ok = empty_tolerated || !check_policy_name_chars(*policy);
        if (!chars_ok && dev("ram.PolicyName.chars.underscoreAccepted")) {
            std::string checked(*policy);  // only under this deviation: the faithful path allocates nothing
            for (char& c : checked) c = c == '_' ? '-' : c;
            chars_ok = !check_policy_name_chars(checked);
        }
        const bool wrongly_rejected = dev("ram.PolicyName.chars.hyphenRejected") && contains(*policy, '-');
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
    const auto dev = [&](std::string_view id) { return !deviation.empty() && deviation == id; };
    const auto violation = [](std::string_view rule, std::string_view parameter, std::string_view code) {
        return ParameterVerdict{ParameterViolation{rule, parameter, code}};
    };
    const auto& type = params.identity_type;
    const auto& name = params.identity_name;
    const auto& policies = params.policy_names;
    const auto& app = params.app_id;

    // A deviation that accepts a missing parameter passes validation; the account then answers a
    // success that did nothing.
    if (!type)
        return dev("vod.IdentityType.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.IdentityType.required", "IdentityType", "MissingParameter");
    if (!name)
        return dev("vod.IdentityName.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.IdentityName.required", "IdentityName", "MissingParameter");
    if (!policies)
        return dev("vod.PolicyNames.required.accepted")
                   ? std::nullopt
                   : violation("vod.DetachAppPolicyFromIdentity.PolicyNames.required", "PolicyNames", "MissingParameter");

    bool named_any = false;
    bool only_admin = true;
    bool lists_admin = false;
    for_each_listed(*policies, [&](std::string_view item) {
        named_any = true;
        only_admin = only_admin && item == kVodAdminPolicy;
        lists_admin = lists_admin || item == kVodAdminPolicy;
    });
    // "" or only commas names nothing: as if PolicyNames were not sent (RULES.md PolicyNames.emptyItems).
    if (!named_any)
        return violation("vod.DetachAppPolicyFromIdentity.PolicyNames.emptyItems", "PolicyNames", "MissingParameter");

    if (check_identity_type(*type) && !dev("vod.IdentityType.notValidated"))
        return violation("vod.DetachAppPolicyFromIdentity.IdentityType.values", "IdentityType", "InvalidParameter");

    if (!app) {
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
