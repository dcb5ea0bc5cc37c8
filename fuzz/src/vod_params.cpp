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

void expect_violation(const ParameterVerdict& verdict, std::string_view parameter, std::string_view code) {
    ACSCONF_FUZZ_CHECK(verdict.has_value(), "a missing or invalid parameter is a violation");
    ACSCONF_FUZZ_CHECK(verdict->parameter == parameter,
                       "the violation names the first broken parameter in the model's documented order");
    ACSCONF_FUZZ_CHECK(verdict->code == code, "the violation has the documented code (MissingParameter / InvalidParameter)");
    if (first_sighting(verdict->code))
        ACSCONF_FUZZ_CHECK(model::find_error(model::Product::Vod, verdict->code) != nullptr, "the code is catalogued");
    if (first_sighting(verdict->rule))
        ACSCONF_FUZZ_CHECK(model::find_rule(verdict->rule) != nullptr, "the rule id is in the rule catalogue");
}

}  // namespace

int run_vod_params(const std::uint8_t* data, std::size_t size) {
    const auto values = split_params_input<4>(data, size);
    const auto& type = values.value[0];
    const auto& name = values.value[1];
    const auto& app = values.value[2];
    const auto& policies = values.value[3];
    const ParameterVerdict verdict =
        model::validate_detach_app_policy_from_identity(model::DetachAppPolicyFromIdentityParameters{type, name, app, policies});

    if (!type) return expect_violation(verdict, "IdentityType", "MissingParameter"), 0;
    if (!name) return expect_violation(verdict, "IdentityName", "MissingParameter"), 0;
    if (!policies) return expect_violation(verdict, "PolicyNames", "MissingParameter"), 0;

    // docs/sources/vod.md#parameters: a comma-separated list; an item between two commas is empty.
    // Walked comma to comma with pointers (a fuzzed list may hold hundreds of items; pointer
    // comparisons are not traced by trace-cmp, index arithmetic is).
    bool named_any = false;
    bool needs_app = false;
    const char* item = policies->data();
    const char* const end = item + policies->size();
    for (bool last = false; !last;) {
        const void* comma = item == end ? nullptr : std::memchr(item, ',', static_cast<std::size_t>(end - item));
        last = comma == nullptr;
        const char* const item_end = last ? end : static_cast<const char*>(comma);
        const std::string_view listed(item, static_cast<std::size_t>(item_end - item));
        named_any |= !listed.empty();
        needs_app |= !listed.empty() && listed != "VODAppAdministratorAccess";
        item = last ? end : item_end + 1;
    }
    if (!named_any) return expect_violation(verdict, "PolicyNames", "MissingParameter"), 0;
    if (!vod_identity_type_valid(*type)) return expect_violation(verdict, "IdentityType", "InvalidParameter"), 0;
    if (!app && needs_app) return expect_violation(verdict, "AppId", "MissingParameter"), 0;
    ACSCONF_FUZZ_CHECK(!verdict.has_value(), "parameters that keep every rule pass validation");
    return 0;
}

std::string encode_vod_params_input(const model::Call& call) {
    if (call.product != model::Product::Vod || call.action != "DetachAppPolicyFromIdentity") return "";
    return encode_params_input(call, {"IdentityType", "IdentityName", "AppId", "PolicyNames"});
}

}  // namespace acsconf::fuzz
