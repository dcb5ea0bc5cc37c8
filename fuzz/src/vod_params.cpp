// vod_params: the pure parameter validator of VOD DetachAppPolicyFromIdentity
// (model::validate_detach_app_policy_from_identity, which Account::handle calls), at full fuzzing
// speed: no account, no fixture, no copy of the input (split_params_input: IdentityType, IdentityName,
// AppId, PolicyNames). Properties, against predicates written here from docs/sources/vod.md#parameters:
//  - missing IdentityType, IdentityName, PolicyNames (in that order) → MissingParameter naming it;
//  - PolicyNames naming nothing ("" or only commas) → MissingParameter (PolicyNames);
//  - IdentityType other than RamUser|RamRole → InvalidParameter (IdentityType);
//  - AppId absent while some listed name is not VODAppAdministratorAccess → MissingParameter (AppId);
//  - otherwise no violation; every code and rule id is catalogued.
#include <cstring>
#include <string>

#include "acsconf/model/parameters.hpp"
#include "common.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using model::ParameterVerdict;

// The expectations a violation is checked against (one CheckedViolations each).
enum class Expect { MissingType, MissingName, MissingPolicies, EmptyList, InvalidType, MissingApp, Count };

void check_in_full(const model::ParameterViolation& violation, std::string_view parameter, std::string_view code) {
    ACSCONF_FUZZ_CHECK(violation.parameter == parameter,
                       "the violation names the first broken parameter in the model's documented order");
    ACSCONF_FUZZ_CHECK(violation.code == code, "the violation has the documented code (MissingParameter / InvalidParameter)");
    ACSCONF_FUZZ_CHECK(model::find_error(model::Product::Vod, violation.code) != nullptr, "the code is catalogued");
    ACSCONF_FUZZ_CHECK(model::find_rule(violation.rule) != nullptr, "the rule id is in the rule catalogue");
}

CheckedViolations checked[static_cast<int>(Expect::Count)];

// A violation is expected: the verdict must be one, and check out in full, unless the very same
// violation already did for this expectation (CheckedViolations).
ACSCONF_FUZZ_BOOKKEEPING void expect_violation(const ParameterVerdict& verdict, Expect expect, std::string_view parameter, std::string_view code) {
    ACSCONF_FUZZ_CHECK(verdict.has_value(), "a missing or invalid parameter is a violation");
    CheckedViolations& known = checked[static_cast<int>(expect)];
    if (known.recognises(*verdict)) return;
    check_in_full(*verdict, parameter, code);
    known.remember(*verdict);
}

// docs/sources/vod.md#parameters: a comma-separated list; an item between two commas is empty.
// Written here independently of the model, walked by pointer (pointer comparisons are not traced).
// The list names something when some byte is not a comma.
bool names_something(std::string_view list) {
    const char* p = list.data();
    const char* const end = p + list.size();
    while (p != end && *p == ',') ++p;
    return p != end;
}

// Some listed name is not VODAppAdministratorAccess. Decided at the first item that is not that
// name: from each item's start, either the 25 bytes of that name followed by a comma or the end
// (skip it), or some other item (decided; no need to find where it ends). The first byte is
// compared first: most fuzzed items differ there, and the rest is a memcmp call (an ASan
// interceptor).
bool lists_other_than_admin(std::string_view list) {
    constexpr std::string_view kAdmin = "VODAppAdministratorAccess";
    const char* p = list.data();
    const char* const end = p + list.size();
    while (p != end) {
        if (*p == ',') {
            ++p;
            continue;
        }
        if (static_cast<std::size_t>(end - p) < kAdmin.size() || *p != kAdmin.front() ||
            std::memcmp(p, kAdmin.data(), kAdmin.size()) != 0)
            return true;
        p += kAdmin.size();
        if (p != end && *p != ',') return true;  // a longer name beginning with it
    }
    return false;
}

}  // namespace

int run_vod_params(const std::uint8_t* data, std::size_t size) {
    const auto values = split_params_input<4, 1>(data, size);
    const model::SentParameter& type = values.value[0];
    const model::SentParameter& name = values.value[1];
    const model::SentParameter& app = values.value[2];
    const model::SentParameter& policies = values.value[3];
    const ParameterVerdict verdict =
        model::validate_detach_app_policy_from_identity(model::DetachAppPolicyFromIdentityParameters{type, name, app, policies});

    if (!type.sent) return expect_violation(verdict, Expect::MissingType, "IdentityType", "MissingParameter"), 0;
    if (!name.sent) return expect_violation(verdict, Expect::MissingName, "IdentityName", "MissingParameter"), 0;
    if (!policies.sent) return expect_violation(verdict, Expect::MissingPolicies, "PolicyNames", "MissingParameter"), 0;
    if (!names_something(policies.value)) return expect_violation(verdict, Expect::EmptyList, "PolicyNames", "MissingParameter"), 0;
    if (!vod_identity_type_valid(type.value)) return expect_violation(verdict, Expect::InvalidType, "IdentityType", "InvalidParameter"), 0;
    if (!app.sent && lists_other_than_admin(policies.value))
        return expect_violation(verdict, Expect::MissingApp, "AppId", "MissingParameter"), 0;
    ACSCONF_FUZZ_CHECK(!verdict.has_value(), "parameters that keep every rule pass validation");
    return 0;
}

std::string encode_vod_params_input(const model::Call& call) {
    if (call.product != model::Product::Vod || call.action != "DetachAppPolicyFromIdentity") return "";
    return encode_params_input<1>(call, {"IdentityType", "IdentityName", "AppId", "PolicyNames"});
}

}  // namespace acsconf::fuzz
