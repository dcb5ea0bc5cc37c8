// The two operations' parameter rules as pure functions (see parameters.hpp). The deviations that
// break a parameter rule live here too, so the Account with a deviation and these functions with the
// same id stay one behaviour.
#include "acsconf/model/parameters.hpp"

#include <cstring>

#include "acsconf/model/validators.hpp"

namespace acsconf::model {
namespace {

SentParameter find(const ParameterMap& params, const char* name) {
    const auto it = params.find(name);  // every name here fits the small-string buffer: no allocation
    if (it == params.end()) return {};
    return {true, std::string_view(it->second)};
}

bool contains(std::string_view value, char c) { return value.find(c) != std::string_view::npos; }

// PolicyNames is a comma-separated list whose empty items are ignored (RULES.md PolicyNames.emptyItems).
// Each fact below walks the list only as far as it must: a fuzzed list can hold hundreds of items,
// and most rules are settled by its first bytes. Walked with pointers (pointer comparisons are not
// traced by -fsanitize-coverage=trace-cmp, index arithmetic is).

// Some item is non-empty: some byte is not a comma.
bool names_any(std::string_view list) {
    const char* at = list.data();
    const char* const end = at + list.size();
    while (at != end && *at == ',') ++at;
    return at != end;
}

// Calls `keep_going(item)` for each non-empty item, in order, until it returns false; true when every
// item was visited.
template <typename Visit>
bool visit_listed(std::string_view list, Visit keep_going) {
    const char* at = list.data();
    const char* const end = at + list.size();
    while (at != end) {
        const auto* comma = static_cast<const char*>(std::memchr(at, ',', static_cast<std::size_t>(end - at)));
        const char* const item_end = comma != nullptr ? comma : end;
        if (item_end != at && !keep_going(std::string_view(at, static_cast<std::size_t>(item_end - at)))) return false;
        at = comma != nullptr ? comma + 1 : end;
    }
    return true;
}

// Every non-empty item is `name` (true for a list naming nothing): stops at the first other item.
bool lists_only(std::string_view list, std::string_view name) {
    return visit_listed(list, [&](std::string_view item) { return item == name; });
}

// Some item is `name` (non-empty, no comma): `name` occurs where an item starts and ends. Searched
// for, not walked item by item: a memchr for its first byte, then the item's bounds (a comma or an
// end on each side), and only then a compare of the bytes.
bool lists(std::string_view list, std::string_view name) {
    const char* const begin = list.data();
    const char* const end = begin + list.size();
    for (const char* at = begin; at != end; ++at) {
        at = static_cast<const char*>(std::memchr(at, name.front(), static_cast<std::size_t>(end - at)));
        if (at == nullptr) return false;
        if (static_cast<std::size_t>(end - at) < name.size()) return false;
        const char* const after = at + name.size();
        if ((at == begin || at[-1] == ',') && (after == end || *after == ',') && std::memcmp(at, name.data(), name.size()) == 0)
            return true;
    }
    return false;
}

ParameterVerdict violation(std::string_view rule, std::string_view parameter, std::string_view code) {
    return ParameterVerdict{ParameterViolation{rule, parameter, code}};
}

// The rules are written once, as templates on `Deviating`: false is the faithful model (every
// faithful Account and the fuzz targets), where each deviation test below is a constant false and
// compiles away; true tests each against the deviation id.
template <bool Deviating>
ParameterVerdict validate_ram(const DetachPolicyFromUserParameters& params, std::string_view deviation) {
    const auto dev = [&](std::string_view id) { return Deviating && deviation == id; };
    const SentParameter& type = params.policy_type;
    const SentParameter& user = params.user_name;
    const SentParameter& policy = params.policy_name;

    // Missing parameters, in the page's order.
    if (!type.sent && !dev("ram.PolicyType.required.defaultSystem"))
        return violation("ram.DetachPolicyFromUser.PolicyType.required", "PolicyType", "MissingPolicyType");
    if (!user.sent && !dev("ram.UserName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.UserName.required", "UserName", "MissingUserName");
    if (!policy.sent && !dev("ram.PolicyName.required.notEnforced"))
        return violation("ram.DetachPolicyFromUser.PolicyName.required", "PolicyName", "MissingPolicyName");

    if (type.sent && !policy_type_ok(type.value)) {
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
        if (!user_name_length_ok(user.value) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.UserName.length", "UserName", "InvalidParameter.UserName.Length");
        const bool chars_ok = dev("ram.UserName.chars.notEnforced") || empty_tolerated || user_name_chars_ok(user.value);
        const bool wrongly_rejected = (dev("ram.UserName.chars.dotRejected") && contains(user.value, '.')) ||
                                      (dev("ram.UserName.chars.underscoreRejected") && contains(user.value, '_')) ||
                                      (dev("ram.UserName.chars.hyphenRejected") && contains(user.value, '-'));
        if (!chars_ok || wrongly_rejected)
            return violation("ram.DetachPolicyFromUser.UserName.chars", "UserName", "InvalidParameter.UserName.InvalidChars");
    }
    if (policy.sent) {
        const bool empty_tolerated = dev("ram.PolicyName.minLength.notEnforced") && policy.value.empty();
        const bool one_over_tolerated = dev("ram.PolicyName.maxLength.offByOne") && parameter_length(policy.value) == kPolicyNameMaxLength + 1;
        if (!policy_name_length_ok(policy.value) && !empty_tolerated && !one_over_tolerated)
            return violation("ram.DetachPolicyFromUser.PolicyName.length", "PolicyName", "InvalidParameter.PolicyName.Length");
        bool chars_ok = empty_tolerated || policy_name_chars_ok(policy.value);
        if (!chars_ok && dev("ram.PolicyName.chars.underscoreAccepted")) {
            std::string checked(policy.value);  // only under this deviation: the faithful path allocates nothing
            for (char& c : checked) c = c == '_' ? '-' : c;
            chars_ok = policy_name_chars_ok(checked);
        }
        const bool wrongly_rejected = dev("ram.PolicyName.chars.hyphenRejected") && contains(policy.value, '-');
        if (!chars_ok || wrongly_rejected)
            return violation("ram.DetachPolicyFromUser.PolicyName.chars", "PolicyName",
                             "InvalidParameter.PolicyName.InvalidChars");
    }
    return std::nullopt;
}

template <bool Deviating>
ParameterVerdict validate_vod(const DetachAppPolicyFromIdentityParameters& params, std::string_view deviation) {
    const auto dev = [&](std::string_view id) { return Deviating && deviation == id; };
    const SentParameter& type = params.identity_type;
    const SentParameter& name = params.identity_name;
    const SentParameter& policies = params.policy_names;
    const SentParameter& app = params.app_id;

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

    // "" or only commas names nothing: as if PolicyNames were not sent (RULES.md PolicyNames.emptyItems).
    if (!names_any(policies.value))
        return violation("vod.DetachAppPolicyFromIdentity.PolicyNames.emptyItems", "PolicyNames", "MissingParameter");

    if (!identity_type_ok(type.value) && !dev("vod.IdentityType.notValidated"))
        return violation("vod.DetachAppPolicyFromIdentity.IdentityType.values", "IdentityType", "InvalidParameter");

    if (!app.sent) {
        const bool only_admin = lists_only(policies.value, kVodAdminPolicy);
        if (!only_admin && !dev("vod.AppId.defaultedOtherwise"))
            return violation(lists(policies.value, kVodAdminPolicy) ? "vod.DetachAppPolicyFromIdentity.AppId.mixedList"
                                                                     : "vod.DetachAppPolicyFromIdentity.AppId.requiredOtherwise",
                             "AppId", "MissingParameter");
        if (only_admin && dev("vod.AppId.requiredForAdmin"))
            return violation("vod.DetachAppPolicyFromIdentity.AppId.optionalForAdmin", "AppId", "MissingParameter");
    }
    return std::nullopt;
}

}  // namespace

ParameterVerdict validate_detach_policy_from_user(const ParameterMap& params, std::string_view deviation) {
    return validate_detach_policy_from_user(
        DetachPolicyFromUserParameters{find(params, "UserName"), find(params, "PolicyName"), find(params, "PolicyType")}, deviation);
}

ParameterVerdict validate_detach_policy_from_user(const DetachPolicyFromUserParameters& params, std::string_view deviation) {
    return deviation.empty() ? validate_ram<false>(params, deviation) : validate_ram<true>(params, deviation);
}

ParameterVerdict validate_detach_app_policy_from_identity(const ParameterMap& params, std::string_view deviation) {
    return validate_detach_app_policy_from_identity(
        DetachAppPolicyFromIdentityParameters{find(params, "IdentityType"), find(params, "IdentityName"), find(params, "AppId"),
                                              find(params, "PolicyNames")},
        deviation);
}

ParameterVerdict validate_detach_app_policy_from_identity(const DetachAppPolicyFromIdentityParameters& params,
                                                          std::string_view deviation) {
    return deviation.empty() ? validate_vod<false>(params, deviation) : validate_vod<true>(params, deviation);
}

}  // namespace acsconf::model
