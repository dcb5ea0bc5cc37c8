// Every deviation of the catalogue changes behaviour: for each id, a probe (one request on a fixed
// fixture) whose trace (the answer plus the state read back afterwards) differs from the faithful
// model's. The probe table must cover the catalogue exactly; an unknown id behaves faithfully.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/model/account.hpp"
#include "acsconf/model/catalogue.hpp"
#include "test_support.hpp"

namespace acsconf::model {
namespace {

using Params = std::map<std::string, std::string>;

struct Probe {
    Product product;
    Params params;  // "${uid}", "${app}", "${app2}" are substituted after the fixture
    std::string caller = "main";
    bool service_closed = false;
};

constexpr const char* kDoc = R"({"Version":"1","Statement":[]})";

std::string outcome_text(const Outcome& o) {
    return std::to_string(o.http_status) + " " + o.code + " [" + o.message + "] " + o.fields.dump() + "\n";
}

// Runs the probe on a fresh Account with the given deviation and returns everything observable.
std::string trace(const std::string& deviation, const Probe& probe) {
    Account account(ModelOptions{deviation});
    auto must = [&](const Call& c) {
        const Outcome o = account.handle(c);
        EXPECT_TRUE(o.ok()) << c.action << ": " << o.code << " " << o.message;
        return o;
    };
    using testing::ram;
    using testing::vod;
    std::map<std::string, std::string> vars;
    must(ram("CreateUser", {{"UserName", "alice"}}));
    must(ram("CreateUser", {{"UserName", "bob"}}));
    must(ram("CreatePolicy", {{"PolicyName", "cp"}, {"PolicyDocument", kDoc}}));
    must(ram("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "alice"}}));
    must(ram("AttachPolicyToUser", {{"PolicyType", "Custom"}, {"PolicyName", "cp"}, {"UserName", "alice"}}));
    must(ram("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "bob"}}));
    if (probe.product == Product::Vod) {
        vars["${uid}"] = must(ram("GetUser", {{"UserName", "alice"}})).fields["User"]["UserId"];
        must(ram("CreateRole", {{"RoleName", "vr"}, {"AssumeRolePolicyDocument", kDoc}}));
        vars["${app}"] = must(vod("CreateAppInfo", {{"AppName", "one"}})).fields["AppId"];
        vars["${app2}"] = must(vod("CreateAppInfo", {{"AppName", "two"}})).fields["AppId"];
        auto attach = [&](const std::string& type, const std::string& name, const std::string& policies, const std::string& app) {
            Params p = {{"IdentityType", type}, {"IdentityName", name}, {"PolicyNames", policies}};
            if (!app.empty()) p["AppId"] = app;
            must(vod("AttachAppPolicyToIdentity", p));
        };
        attach("RamUser", vars["${uid}"], "VODAppFullAccess,VODAppReadOnlyAccess", vars["${app}"]);
        attach("RamUser", vars["${uid}"], "VODAppFullAccess", vars["${app2}"]);
        attach("RamUser", vars["${uid}"], "VODAppAdministratorAccess", "");
        attach("RamRole", "vr", "VODAppFullAccess", vars["${app}"]);
        if (probe.service_closed) account.set_precondition(kPreconditionVodMultiApp, "closed");
    }
    Params params = probe.params;
    for (auto& [k, v] : params)
        if (auto it = vars.find(v); it != vars.end()) v = it->second;
    const std::string action = probe.product == Product::Ram ? "DetachPolicyFromUser" : "DetachAppPolicyFromIdentity";
    std::string out = outcome_text(account.handle(Call{probe.product, action, params, probe.caller}));
    account.set_precondition(kPreconditionVodMultiApp, "open");
    if (probe.product == Product::Ram) {
        for (const char* user : {"alice", "bob"}) out += outcome_text(account.handle(ram("ListPoliciesForUser", {{"UserName", user}})));
    } else {
        for (const auto& [type, name, app] : {std::tuple{"RamUser", vars["${uid}"], vars["${app}"]},
                                              std::tuple{"RamUser", vars["${uid}"], vars["${app2}"]},
                                              std::tuple{"RamRole", std::string("vr"), vars["${app}"]}})
            out += outcome_text(account.handle(
                vod("ListAppPoliciesForIdentity", {{"IdentityType", type}, {"IdentityName", name}, {"AppId", app}})));
    }
    return out;
}

Probe ram_probe(std::string type, std::string policy, std::string user, std::string caller = "main") {
    Params p;
    if (type != "<absent>") p["PolicyType"] = type;
    if (policy != "<absent>") p["PolicyName"] = policy;
    if (user != "<absent>") p["UserName"] = user;
    return Probe{Product::Ram, p, std::move(caller)};
}

Probe vod_probe(Params p, std::string caller = "main", bool closed = false) {
    return Probe{Product::Vod, std::move(p), std::move(caller), closed};
}

Params detach_full(std::string app = "${app}") {
    return {{"IdentityType", "RamUser"}, {"IdentityName", "${uid}"}, {"PolicyNames", "VODAppFullAccess"}, {"AppId", app}};
}

Params without(Params p, const std::string& key) {
    p.erase(key);
    return p;
}

Params with(Params p, const std::string& key, const std::string& value) {
    p[key] = value;
    return p;
}

const std::map<std::string, Probe>& probes() {
    static const std::map<std::string, Probe> table = {
        {"ram.UserName.required.notEnforced", ram_probe("System", "ReadOnlyAccess", "<absent>")},
        {"ram.PolicyName.required.notEnforced", ram_probe("System", "<absent>", "alice")},
        {"ram.PolicyType.required.defaultSystem", ram_probe("<absent>", "ReadOnlyAccess", "alice")},
        {"ram.UserName.maxLength.offByOne", ram_probe("System", "ReadOnlyAccess", std::string(65, 'u'))},
        {"ram.UserName.minLength.notEnforced", ram_probe("System", "ReadOnlyAccess", "")},
        {"ram.UserName.chars.dotRejected", ram_probe("System", "ReadOnlyAccess", "a.b")},
        {"ram.UserName.chars.underscoreRejected", ram_probe("System", "ReadOnlyAccess", "a_b")},
        {"ram.UserName.chars.hyphenRejected", ram_probe("System", "ReadOnlyAccess", "a-b")},
        {"ram.UserName.chars.notEnforced", ram_probe("System", "ReadOnlyAccess", "a/b")},
        {"ram.PolicyName.maxLength.offByOne", ram_probe("Custom", std::string(129, 'p'), "alice")},
        {"ram.PolicyName.minLength.notEnforced", ram_probe("Custom", "", "alice")},
        {"ram.PolicyName.chars.underscoreAccepted", ram_probe("Custom", "c_p", "alice")},
        {"ram.PolicyName.chars.hyphenRejected", ram_probe("Custom", "no-such", "alice")},
        {"ram.PolicyName.chars.wrongMessage", ram_probe("Custom", "c.p", "alice")},
        {"ram.PolicyType.otherAccepted", ram_probe("Other", "ReadOnlyAccess", "alice")},
        {"ram.PolicyType.emptyAccepted", ram_probe("", "ReadOnlyAccess", "alice")},
        {"ram.User.exists.wrongStatus", ram_probe("System", "ReadOnlyAccess", "nobody")},
        {"ram.User.exists.successForUnknown", ram_probe("System", "ReadOnlyAccess", "nobody")},
        {"ram.Policy.exists.swappedCodes", ram_probe("System", "NoSuchPolicy", "alice")},
        {"ram.Policy.exists.typeIgnored", ram_probe("Custom", "ReadOnlyAccess", "alice")},
        {"ram.Attachment.exists.successWhenNotAttached", ram_probe("System", "AliyunOSSFullAccess", "alice")},
        {"ram.effect.notApplied", ram_probe("System", "ReadOnlyAccess", "alice")},
        {"ram.effect.removesAllOfUser", ram_probe("System", "ReadOnlyAccess", "alice")},
        {"ram.effect.removesFromAllUsers", ram_probe("System", "ReadOnlyAccess", "alice")},
        {"ram.permission.notEnforced", ram_probe("System", "ReadOnlyAccess", "alice", "unprivileged")},
        {"ram.PolicyType.caseIgnored.noEffect", ram_probe("system", "ReadOnlyAccess", "alice")},

        {"vod.service.closedIgnored", vod_probe(detach_full(), "main", /*closed=*/true)},
        {"vod.permission.notEnforced", vod_probe(detach_full(), "unprivileged")},
        {"vod.IdentityType.required.accepted", vod_probe(without(detach_full(), "IdentityType"))},
        {"vod.IdentityName.required.accepted", vod_probe(without(detach_full(), "IdentityName"))},
        {"vod.PolicyNames.required.accepted", vod_probe(without(detach_full(), "PolicyNames"))},
        {"vod.IdentityType.notValidated", vod_probe(with(detach_full(), "IdentityType", "RamGroup"))},
        {"vod.IdentityName.matchesUserName", vod_probe(detach_full())},
        {"vod.IdentityName.exists.silentSuccess", vod_probe(with(detach_full(), "IdentityName", "999"))},
        {"vod.AppId.requiredForAdmin",
         vod_probe(without(with(detach_full(), "PolicyNames", "VODAppAdministratorAccess"), "AppId"))},
        {"vod.AppId.defaultedOtherwise", vod_probe(without(detach_full(), "AppId"))},
        {"vod.AppId.exists.silentSuccess", vod_probe(detach_full("app-9999999"))},
        {"vod.PolicyNames.firstOnly",
         vod_probe(with(detach_full(), "PolicyNames", "VODAppFullAccess,VODAppReadOnlyAccess"))},
        {"vod.PolicyNames.unknownDropped", vod_probe(with(detach_full(), "PolicyNames", "NoSuchPolicy"))},
        {"vod.PolicyNames.ramPolicyDropped", vod_probe(with(detach_full(), "PolicyNames", "AliyunVODFullAccess"))},
        {"vod.effect.notApplied", vod_probe(detach_full())},
        {"vod.effect.allApps", vod_probe(detach_full())},
        {"vod.effect.allIdentities", vod_probe(detach_full())},
        {"vod.PolicyNames.emptyItems.silentNoEffect", vod_probe(with(detach_full(), "PolicyNames", "VODAppFullAccess,"))},
        {"vod.PolicyNames.whitespace.silentNoEffect",
         vod_probe(with(detach_full(), "PolicyNames", " VODAppReadOnlyAccess"))},
        {"vod.response.listsAsStrings", vod_probe(with(detach_full(), "PolicyNames", "VODAppFullAccess,NoSuchPolicy"))},
    };
    return table;
}

// Gateway deviations live in the mock, not in Account: tests/mock probes those.
std::vector<Deviation> model_deviations() {
    std::vector<Deviation> out;
    for (const auto& d : deviation_catalogue())
        if (d.layer == DeviationLayer::Model) out.push_back(d);
    return out;
}

TEST(Deviations, ProbeTableCoversTheCatalogueExactly) {
    std::set<std::string> catalogue, probed;
    for (const auto& d : model_deviations()) catalogue.insert(d.id);
    for (const auto& [id, probe] : probes()) probed.insert(id);
    EXPECT_EQ(catalogue, probed);
}

class EachDeviation : public ::testing::TestWithParam<Deviation> {};

TEST_P(EachDeviation, ChangesTheProbesObservableBehaviour) {
    const Deviation& d = GetParam();
    const auto it = probes().find(d.id);
    ASSERT_NE(it, probes().end()) << "no probe for " << d.id;
    const std::string faithful = trace("", it->second);
    EXPECT_NE(trace(d.id, it->second), faithful) << d.id << " (" << d.description << ") behaves like the faithful model:\n"
                                                  << faithful;
}

INSTANTIATE_TEST_SUITE_P(Catalogue, EachDeviation, ::testing::ValuesIn(model_deviations()),
                         [](const ::testing::TestParamInfo<Deviation>& param_info) {
                             std::string name;
                             for (char c : param_info.param.id) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             return name;
                         });

TEST(Deviations, UnknownIdBehavesFaithfully) {
    for (const auto& [id, probe] : probes()) EXPECT_EQ(trace("no.such.deviation", probe), trace("", probe)) << id;
}

TEST(Deviations, FixtureOperationsStayFaithfulUnderEveryDeviation) {
    // The fixture inside trace() asserts every set-up call succeeds; here the same for the answers of
    // the fixture operations themselves, compared with the faithful model.
    for (const auto& d : deviation_catalogue()) {
        Account faithful, deviated(ModelOptions{d.id});
        for (const Call& c : {testing::ram("CreateUser", {{"UserName", "a-b.c_d"}}),
                              testing::ram("AttachPolicyToUser", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"},
                                                                  {"UserName", "a-b.c_d"}}),
                              testing::ram("ListPoliciesForUser", {{"UserName", "a-b.c_d"}}),
                              testing::vod("CreateAppInfo", {{"AppName", "x"}})})
            EXPECT_EQ(outcome_text(deviated.handle(c)), outcome_text(faithful.handle(c))) << d.id << " " << c.action;
    }
}

}  // namespace
}  // namespace acsconf::model
