// The parameter rules of the two operations under test, each as ONE pure function: a parameter map in,
// the first violated rule out (RULES.md errorPrecedence order), or none. No account, no caller, no
// clock, no allocation. Account::handle validates through these very functions (so a fuzz target on
// them fuzzes the account's validation), then applies what needs state: permission, existence, effect.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace acsconf::model {

struct ParameterViolation {
    std::string_view rule;       // rule id of RULES.md, e.g. "ram.DetachPolicyFromUser.UserName.length"
    std::string_view parameter;  // the parameter that breaks it, e.g. "UserName"
    std::string_view code;       // the error code the model answers, e.g. "InvalidParameter.UserName.Length"
    bool operator==(const ParameterViolation&) const = default;
};

// A violation, or none (every parameter rule holds; the call may still fail on permission or state).
// Used like std::optional<ParameterViolation> (`if (verdict)`, `verdict->code`, none = std::nullopt),
// with plain inline members: the fuzz targets read a verdict on every input, and under their flags
// (ASan, UBSan, trace-cmp) std::optional's accessors are out-of-line calls, each with four traced
// comparisons and five covered blocks (fuzz/README.md).
class ParameterVerdict {
public:
    constexpr ParameterVerdict() = default;
    constexpr ParameterVerdict(std::nullopt_t) {}  // NOLINT(google-explicit-constructor): as std::optional
    constexpr ParameterVerdict(const ParameterViolation& violation) : violation_(violation), violated_(true) {}  // NOLINT
    constexpr bool has_value() const { return violated_; }
    constexpr explicit operator bool() const { return violated_; }
    constexpr const ParameterViolation& operator*() const { return violation_; }
    constexpr const ParameterViolation* operator->() const { return &violation_; }

private:
    ParameterViolation violation_{};
    bool violated_ = false;
};

// Business parameters as in model::Call::params: absent key = not sent, "" = sent empty.
using ParameterMap = std::map<std::string, std::string>;

// One parameter as the rules read it: not sent (sent == false, value empty), or sent with its bytes
// (possibly ""). A plain pair rather than std::optional: the fuzz targets build these on every input,
// and under their flags (UBSan, trace-cmp) each optional access is a call with traced comparisons.
struct SentParameter {
    bool sent = false;
    std::string_view value;
};

// The parameters one operation reads, as views: what the map overloads look up. The rules are
// written once, on these; the views let a caller with no map (a fuzz target) skip building one.
struct DetachPolicyFromUserParameters {
    SentParameter user_name, policy_name, policy_type;
};
struct DetachAppPolicyFromIdentityParameters {
    SentParameter identity_type, identity_name, app_id, policy_names;
};

// RAM DetachPolicyFromUser: missing (PolicyType, UserName, PolicyName) → PolicyType values → UserName
// length → chars → PolicyName length → chars. `deviation` (an id of deviation_catalogue(), or "")
// breaks one rule on purpose exactly as the Account with that deviation does.
ParameterVerdict validate_detach_policy_from_user(const ParameterMap& params, std::string_view deviation = {});
ParameterVerdict validate_detach_policy_from_user(const DetachPolicyFromUserParameters& params, std::string_view deviation = {});

// VOD DetachAppPolicyFromIdentity: missing (IdentityType, IdentityName, PolicyNames) → PolicyNames names
// nothing → IdentityType values → AppId requirement. The service switch and the caller come first in
// the account (they are not parameters); identity and app existence come after (they need state).
ParameterVerdict validate_detach_app_policy_from_identity(const ParameterMap& params, std::string_view deviation = {});
ParameterVerdict validate_detach_app_policy_from_identity(const DetachAppPolicyFromIdentityParameters& params,
                                                          std::string_view deviation = {});

}  // namespace acsconf::model
