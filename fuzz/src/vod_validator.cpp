// vod_validator: VOD DetachAppPolicyFromIdentity on the model, with fuzzed presence and values of
// IdentityType, IdentityName, AppId, PolicyNames, the multi-application service switch and the
// caller. Properties:
//  - every answer is catalogued (code known, status = the catalogue's);
//  - service closed → OperationDenied.NotOpenAppService; unprivileged caller → Forbidden.OperateApp
//    (both documented; their precedence is the model's, RULES.md errorPrecedence);
//  - whatever succeeds satisfies the documented rules, checked by independent predicates here:
//    IdentityType RamUser|RamRole, IdentityName and PolicyNames present, AppId absent only when
//    VODAppAdministratorAccess is listed; NonExist/FailedPolicyNames are string arrays naming only
//    listed items;
//  - a well-formed detach of attached system policies on the fixture user succeeds;
//  - deterministic: the same input on two fresh Accounts gives identical outcomes.
#include <array>
#include <set>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "common.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using model::Account;
using model::Call;
using model::Outcome;
using model::Product;

constexpr std::array<const char*, 4> kParams = {"IdentityType", "IdentityName", "AppId", "PolicyNames"};
constexpr unsigned kFixtureUserIdBit = 1u << 4;  // IdentityName := the fixture user's id
constexpr unsigned kFixtureAppIdBit = 1u << 5;   // AppId := the fixture app's id
constexpr unsigned kServiceClosedBit = 1u << 6;
constexpr unsigned kUnprivilegedBit = 1u << 7;

// docs/sources/vod.md#parameters: the only policies this operation knows.
const std::set<std::string, std::less<>> kSystemPolicies = {"VODAppFullAccess", "VODAppReadOnlyAccess",
                                                            "VODAppAdministratorAccess"};

struct Fixture {
    std::string user_id;
    std::string app_id;
};

// RAM user "vod-fuzz-user" with VODAppFullAccess and VODAppReadOnlyAccess on a new app, and
// VODAppAdministratorAccess (account-wide).
Fixture make_fixture(Account& account, bool service_open) {
    ACSCONF_FUZZ_CHECK(account.set_precondition(model::kPreconditionVodMultiApp, "open"),
                       "the model accepts the vod.multiAppService precondition");
    Fixture fixture;
    const Outcome user = account.handle(Call{Product::Ram, "CreateUser", {{"UserName", "vod-fuzz-user"}}});
    ACSCONF_FUZZ_CHECK(user.ok() && user.fields.contains("User") && user.fields["User"].contains("UserId"),
                       "RAM CreateUser succeeds and answers User.UserId");
    fixture.user_id = user.fields["User"]["UserId"].get<std::string>();
    const Outcome app = account.handle(Call{Product::Vod, "CreateAppInfo", {{"AppName", "fuzzapp"}}});
    ACSCONF_FUZZ_CHECK(app.ok() && app.fields.contains("AppId"), "VOD CreateAppInfo succeeds and answers AppId");
    fixture.app_id = app.fields["AppId"].get<std::string>();
    const Outcome app_policies = account.handle(Call{
        Product::Vod, "AttachAppPolicyToIdentity",
        {{"IdentityType", "RamUser"}, {"IdentityName", fixture.user_id}, {"AppId", fixture.app_id},
         {"PolicyNames", "VODAppFullAccess,VODAppReadOnlyAccess"}}});
    ACSCONF_FUZZ_CHECK(app_policies.ok(), "VOD AttachAppPolicyToIdentity (app policies) succeeds");
    const Outcome admin = account.handle(Call{
        Product::Vod, "AttachAppPolicyToIdentity",
        {{"IdentityType", "RamUser"}, {"IdentityName", fixture.user_id}, {"PolicyNames", "VODAppAdministratorAccess"}}});
    ACSCONF_FUZZ_CHECK(admin.ok(), "VOD AttachAppPolicyToIdentity (VODAppAdministratorAccess, no AppId) succeeds");
    if (!service_open)
        ACSCONF_FUZZ_CHECK(account.set_precondition(model::kPreconditionVodMultiApp, "closed"),
                           "the model accepts vod.multiAppService=closed");
    return fixture;
}

struct Input {
    unsigned mask = 0;
    std::map<std::string, std::string> fuzzed;  // parameters with fuzzed values
};

Input decode(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider provider(data, size);
    Input input;
    input.mask = provider.ConsumeIntegral<std::uint8_t>();
    for (std::size_t i = 0; i < kParams.size(); ++i)
        if (input.mask & (1u << i)) input.fuzzed[kParams[i]] = provider.ConsumeRandomLengthString(kMaxParamValue);
    return input;
}

Call make_call(const Input& input, const Fixture& fixture) {
    Call call{Product::Vod, "DetachAppPolicyFromIdentity", input.fuzzed};
    if ((input.mask & kFixtureUserIdBit) && call.params.count("IdentityName")) call.params["IdentityName"] = fixture.user_id;
    if ((input.mask & kFixtureAppIdBit) && call.params.count("AppId")) call.params["AppId"] = fixture.app_id;
    if (input.mask & kUnprivilegedBit) call.caller = std::string(model::kUnprivileged);
    return call;
}

std::vector<std::string> split_commas(const std::string& list) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = list.find(',', start);
        items.push_back(list.substr(start, comma - start));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return items;
}

struct Run {
    Call call;
    Outcome outcome;
};

Run run_once(const Input& input) {
    Account account;
    const Fixture fixture = make_fixture(account, !(input.mask & kServiceClosedBit));
    Run run;
    run.call = make_call(input, fixture);
    run.outcome = account.handle(run.call);
    return run;
}

void check_success_fields(const Outcome& outcome, const std::vector<std::string>& listed) {
    for (const auto& [key, value] : outcome.fields.items()) {
        ACSCONF_FUZZ_CHECK(key == "NonExistPolicyNames" || key == "FailedPolicyNames",
                           "a DetachAppPolicyFromIdentity success carries only NonExist/FailedPolicyNames");
        ACSCONF_FUZZ_CHECK(value.is_array(), "NonExist/FailedPolicyNames are JSON arrays");
        for (const auto& name : value) {
            ACSCONF_FUZZ_CHECK(name.is_string(), "NonExist/FailedPolicyNames hold strings");
            const std::string text = name.get<std::string>();
            bool was_listed = false;
            for (const auto& item : listed) was_listed = was_listed || item == text;
            ACSCONF_FUZZ_CHECK(was_listed, "a reported policy name is one the request listed");
        }
    }
}

}  // namespace

int run_vod_validator(const std::uint8_t* data, std::size_t size) {
    const Input input = decode(data, size);
    const Run run = run_once(input);
    const Call& call = run.call;
    const Outcome& outcome = run.outcome;
    check_outcome_catalogued(Product::Vod, outcome);

    const auto param = [&](const char* name) -> const std::string* {
        auto it = call.params.find(name);
        return it == call.params.end() ? nullptr : &it->second;
    };
    const std::string* type = param("IdentityType");
    const std::string* identity = param("IdentityName");
    const std::string* app = param("AppId");
    const std::string* policies = param("PolicyNames");
    const bool closed = input.mask & kServiceClosedBit;
    const bool unprivileged = input.mask & kUnprivilegedBit;
    const std::vector<std::string> listed = policies ? split_commas(*policies) : std::vector<std::string>{};
    bool lists_admin = false;
    bool only_system_names = !listed.empty();
    for (const auto& item : listed) {
        lists_admin = lists_admin || item == "VODAppAdministratorAccess";
        only_system_names = only_system_names && kSystemPolicies.count(item) > 0;
    }

    if (closed) {
        ACSCONF_FUZZ_CHECK(outcome.code == "OperationDenied.NotOpenAppService",
                           "with the multi-application service closed every call is OperationDenied.NotOpenAppService");
    } else if (unprivileged) {
        ACSCONF_FUZZ_CHECK(outcome.code == "Forbidden.OperateApp",
                           "a caller that is not an application administrator gets Forbidden.OperateApp");
    }
    if (outcome.ok()) {
        ACSCONF_FUZZ_CHECK(type && vod_identity_type_valid(*type), "a success had IdentityType RamUser or RamRole");
        ACSCONF_FUZZ_CHECK(identity && !identity->empty(), "a success had a non-empty IdentityName");
        ACSCONF_FUZZ_CHECK(policies != nullptr, "a success had PolicyNames");
        ACSCONF_FUZZ_CHECK(app || lists_admin, "AppId may be absent only when VODAppAdministratorAccess is listed");
        check_success_fields(outcome, listed);
    }
    // The documented happy path: the fixture user, its app, system policy names only.
    const bool well_formed = !closed && !unprivileged && type && *type == "RamUser" &&
                             (input.mask & kFixtureUserIdBit) && identity && policies && only_system_names &&
                             ((app && (input.mask & kFixtureAppIdBit)) || (!app && listed.size() == 1 && lists_admin));
    if (well_formed)
        ACSCONF_FUZZ_CHECK(outcome.ok(), "detaching system policies from the fixture user on its app succeeds");

    const Run again = run_once(input);
    ACSCONF_FUZZ_CHECK(same_outcome(outcome, again.outcome),
                       "the model is deterministic: the same input on a fresh Account gives the same outcome");
    return 0;
}

Call decode_vod_validator_input(const std::uint8_t* data, std::size_t size) {
    const Input input = decode(data, size);
    return make_call(input, Fixture{"${uid}", "${app}"});
}

std::string encode_vod_validator_input(const Call& call) {
    if (call.product != Product::Vod || call.action != "DetachAppPolicyFromIdentity") return "";
    if (call.caller != model::kMainAccount && call.caller != model::kUnprivileged) return "";
    unsigned mask = call.caller == model::kUnprivileged ? kUnprivilegedBit : 0;
    FdpWriter writer;
    std::size_t known = 0;
    for (std::size_t i = 0; i < kParams.size(); ++i) {
        auto it = call.params.find(kParams[i]);
        if (it == call.params.end()) continue;
        ++known;
        mask |= 1u << i;
        // A value the vector took from its fixture (an unresolved ${var}) maps to ours.
        const bool from_fixture = it->second.find("${") != std::string::npos;
        if (from_fixture && std::string_view(kParams[i]) == "IdentityName") mask |= kFixtureUserIdBit;
        if (from_fixture && std::string_view(kParams[i]) == "AppId") mask |= kFixtureAppIdBit;
        writer.random_length_string(it->second, kMaxParamValue);
    }
    if (known != call.params.size()) return "";
    writer.byte(static_cast<std::uint8_t>(mask));
    return writer.bytes();
}

}  // namespace acsconf::fuzz
