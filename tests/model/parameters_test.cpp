// The pure parameter validators (parameters.hpp): each rule's verdict, the documented order, and that
// the Account's operations answer exactly what the pure function says, faithful and for every deviation.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/model/parameters.hpp"
#include "test_support.hpp"

namespace acsconf::model {
namespace {

using testing::ram;
using testing::vod;

const ParameterMap kRamValid = {{"UserName", "alice"}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}};

ParameterMap with(ParameterMap params, const std::string& name, std::string value) {
    params[name] = std::move(value);
    return params;
}
ParameterMap without(ParameterMap params, const std::string& name) {
    params.erase(name);
    return params;
}

std::string code_of(const ParameterVerdict& verdict) { return verdict ? std::string(verdict->code) : "none"; }

TEST(RamParameters, EachRuleAndItsLimits) {
    EXPECT_EQ(code_of(validate_detach_policy_from_user(kRamValid)), "none");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(without(kRamValid, "PolicyType"))), "MissingPolicyType");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(without(kRamValid, "UserName"))), "MissingUserName");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(without(kRamValid, "PolicyName"))), "MissingPolicyName");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "PolicyType", "system"))), "InvalidParameter.PolicyType");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", std::string(64, 'a')))), "none");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", std::string(65, 'a')))),
              "InvalidParameter.UserName.Length");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", ""))), "InvalidParameter.UserName.Length");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", "a b"))), "InvalidParameter.UserName.InvalidChars");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", "a.b@c_d-e"))), "none");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "PolicyName", std::string(128, 'P')))), "none");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "PolicyName", std::string(129, 'P')))),
              "InvalidParameter.PolicyName.Length");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "PolicyName", "a_b"))), "InvalidParameter.PolicyName.InvalidChars");
    // 64 two-byte characters are 64 characters (length passes), but not of the allowed class.
    std::string accented;
    for (int i = 0; i < 64; ++i) accented += "\xc3\xa9";
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", accented))), "InvalidParameter.UserName.InvalidChars");
}

TEST(RamParameters, FirstViolationInTheDocumentedOrderWithItsRule) {
    const ParameterMap all_bad = {{"UserName", std::string(65, '!')}, {"PolicyName", "a_b"}, {"PolicyType", "x"}};
    const auto verdict = validate_detach_policy_from_user(all_bad);
    ASSERT_TRUE(verdict);
    EXPECT_EQ(verdict->parameter, "PolicyType");
    EXPECT_EQ(verdict->rule, "ram.DetachPolicyFromUser.PolicyType.values");
    ASSERT_NE(find_rule(verdict->rule), nullptr);
    const auto next = validate_detach_policy_from_user(with(all_bad, "PolicyType", "Custom"));
    ASSERT_TRUE(next);
    EXPECT_EQ(next->rule, "ram.DetachPolicyFromUser.UserName.length");
}

TEST(RamParameters, DeviationBreaksExactlyItsRule) {
    const ParameterMap long_name = with(kRamValid, "UserName", std::string(65, 'a'));
    EXPECT_EQ(code_of(validate_detach_policy_from_user(long_name, "ram.UserName.maxLength.offByOne")), "none");
    EXPECT_EQ(code_of(validate_detach_policy_from_user(with(kRamValid, "UserName", std::string(66, 'a')), "ram.UserName.maxLength.offByOne")),
              "InvalidParameter.UserName.Length");
}

TEST(VodParameters, EachRuleInOrder) {
    const ParameterMap valid = {{"IdentityType", "RamUser"}, {"IdentityName", "1"}, {"AppId", "app-1"}, {"PolicyNames", "VODAppFullAccess"}};
    EXPECT_EQ(code_of(validate_detach_app_policy_from_identity(valid)), "none");
    for (const char* name : {"IdentityType", "IdentityName", "PolicyNames"}) {
        const auto verdict = validate_detach_app_policy_from_identity(without(valid, name));
        ASSERT_TRUE(verdict) << name;
        EXPECT_EQ(verdict->code, "MissingParameter");
        EXPECT_EQ(verdict->parameter, name);
    }
    EXPECT_EQ(validate_detach_app_policy_from_identity(with(valid, "PolicyNames", ",,"))->parameter, "PolicyNames");
    EXPECT_EQ(code_of(validate_detach_app_policy_from_identity(with(valid, "IdentityType", "ramuser"))), "InvalidParameter");
    EXPECT_EQ(validate_detach_app_policy_from_identity(without(valid, "AppId"))->parameter, "AppId");
    EXPECT_EQ(validate_detach_app_policy_from_identity(without(with(valid, "PolicyNames", "VODAppAdministratorAccess,VODAppFullAccess"), "AppId"))->rule,
              "vod.DetachAppPolicyFromIdentity.AppId.mixedList");
    EXPECT_EQ(code_of(validate_detach_app_policy_from_identity(without(with(valid, "PolicyNames", "VODAppAdministratorAccess"), "AppId"))), "none");
}

// Without AppId, which PolicyNames lists only the admin policy (none), list it among others
// (mixedList), or not at all (requiredOtherwise): the admin policy counts only as a whole item.
TEST(VodParameters, AppIdRuleReadsWholeItemsOfTheList) {
    const ParameterMap no_app = {{"IdentityType", "RamUser"}, {"IdentityName", "1"}};
    const auto rule_for = [&](const std::string& list) {
        const auto verdict = validate_detach_app_policy_from_identity(with(no_app, "PolicyNames", list));
        return verdict ? std::string(verdict->rule) : "none";
    };
    const std::string mixed = "vod.DetachAppPolicyFromIdentity.AppId.mixedList";
    const std::string other = "vod.DetachAppPolicyFromIdentity.AppId.requiredOtherwise";
    EXPECT_EQ(rule_for(",VODAppAdministratorAccess,,VODAppAdministratorAccess,"), "none");
    EXPECT_EQ(rule_for("VODAppFullAccess,VODAppAdministratorAccess"), mixed);
    EXPECT_EQ(rule_for("VODAppFullAccess,,VODAppAdministratorAccess,VODAppReadOnlyAccess"), mixed);
    EXPECT_EQ(rule_for("VODAppFullAccess"), other);
    EXPECT_EQ(rule_for("VODAppAdministratorAccessX,VODAppFullAccess"), other) << "a longer name that begins with it";
    EXPECT_EQ(rule_for("VODAppFullAccess,XVODAppAdministratorAccess"), other) << "a longer name that ends with it";
    EXPECT_EQ(rule_for("VODAppFullAccess,VODAppAdministratorAcces"), other) << "cut one byte short at the end";
    EXPECT_EQ(rule_for("V,VODAppAdministratorAccess"), mixed);
}

// The Account validates through the pure functions: whenever they name a violation, the operation
// answers exactly that code, for the faithful model and under every deviation of the catalogue.
TEST(ParametersAndAccount, TheAccountAnswersThePureVerdict) {
    std::vector<ParameterMap> ram_cases = {kRamValid, without(kRamValid, "PolicyType"), without(kRamValid, "UserName"),
                                           with(kRamValid, "PolicyType", ""), with(kRamValid, "PolicyType", "system"),
                                           with(kRamValid, "UserName", std::string(65, 'a')), with(kRamValid, "UserName", ""),
                                           with(kRamValid, "UserName", "a.b"), with(kRamValid, "UserName", "a_b"),
                                           with(kRamValid, "PolicyName", std::string(129, 'p')), with(kRamValid, "PolicyName", "a_b"),
                                           with(kRamValid, "PolicyName", "")};
    const ParameterMap vod_valid = {{"IdentityType", "RamUser"}, {"IdentityName", "1"}, {"AppId", "app-1000000"}, {"PolicyNames", "VODAppFullAccess"}};
    std::vector<ParameterMap> vod_cases = {vod_valid, without(vod_valid, "IdentityType"), without(vod_valid, "AppId"),
                                           with(vod_valid, "IdentityType", "User"), with(vod_valid, "PolicyNames", ","),
                                           without(with(vod_valid, "PolicyNames", "VODAppAdministratorAccess"), "AppId")};
    std::vector<std::string> deviations = {""};
    for (const auto& d : deviation_catalogue()) deviations.push_back(d.id);
    std::size_t compared = 0;
    for (const auto& deviation : deviations) {
        for (const auto& params : ram_cases) {
            const auto verdict = validate_detach_policy_from_user(params, deviation);
            if (!verdict) continue;
            Account account(ModelOptions{deviation});
            const Outcome outcome = account.handle(ram("DetachPolicyFromUser", params));
            EXPECT_EQ(outcome.code, verdict->code) << "deviation '" << deviation << "'";
            ++compared;
        }
        for (const auto& params : vod_cases) {
            const auto verdict = validate_detach_app_policy_from_identity(params, deviation);
            if (!verdict) continue;
            Account account(ModelOptions{deviation});
            const Outcome outcome = account.handle(vod("DetachAppPolicyFromIdentity", params));
            EXPECT_EQ(outcome.code, verdict->code) << "deviation '" << deviation << "'";
            ++compared;
        }
    }
    EXPECT_GT(compared, 300u);
}

}  // namespace
}  // namespace acsconf::model
