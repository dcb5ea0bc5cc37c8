// VOD 2017-03-21 multi-application service: DetachAppPolicyFromIdentity (under test) and its fixture
// operations. Order (RULES.md errorPrecedence): service → permission → missing → IdentityType → AppId
// requirement → identity → app → per-name results. Deviations apply to Detach only.
#include <cctype>
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "account_state.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/parameters.hpp"
#include "acsconf/model/validators.hpp"

namespace acsconf::model::detail {
namespace {

constexpr Product kVod = Product::Vod;
constexpr std::string_view kDetach = "DetachAppPolicyFromIdentity";
constexpr std::size_t kMaxApps = 10;  // docs/sources/vod.md#fixtures

Outcome vod_error(std::string_view code, std::string message = {}) { return error(kVod, code, std::move(message)); }
// The VOD common table's messages with the parameter name filled in (docs/sources/vod.md#common-errors).
Outcome missing_parameter(std::string_view name) {
    return vod_error("MissingParameter", message_naming(kVod, "MissingParameter", name));
}
Outcome invalid_parameter(std::string_view name) {
    return vod_error("InvalidParameter", message_naming(kVod, "InvalidParameter", name));
}

Outcome lists_outcome(const std::vector<std::string>& non_exist, const std::vector<std::string>& failed,
                      bool as_strings = false) {
    Outcome out;
    if (as_strings) {  // deviation vod.response.listsAsStrings: the old doc samples' shape
        auto join = [](const std::vector<std::string>& v) {
            std::string s;
            for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
            return s;
        };
        out.fields = {{"NonExistPolicyNames", join(non_exist)}, {"FailedPolicyNames", join(failed)}};
    } else {
        out.fields = {{"NonExistPolicyNames", non_exist}, {"FailedPolicyNames", failed}};
    }
    return out;
}

// Service switch and caller: "main" is the application administrator; anyone else is refused.
std::optional<Outcome> gate(const AccountState& s, const Call& call, bool deviate) {
    if (!s.vod_multi_app_open && !(deviate && s.deviates("vod.service.closedIgnored")))
        return vod_error("OperationDenied.NotOpenAppService");
    if (call.caller != kMainAccount && !(deviate && s.deviates("vod.permission.notEnforced")))
        return vod_error("Forbidden.OperateApp");
    return std::nullopt;
}

// Whether the identity exists: RamUser → a user ID; RamRole → a role name (docs/sources/vod.md#parameters).
bool identity_exists(AccountState& s, const Identity& id) {
    return id.first == "RamUser" ? s.find_user_by_id(id.second) != nullptr : s.find_role(id.second) != nullptr;
}

struct AppPolicyRequest {
    Identity identity;
    std::string app_id;  // resolved ("" only when every name is the account-wide admin policy)
    std::vector<std::string> names;
};

// Parses and validates Attach/Detach. A returned Outcome is the answer (an error, or a deviation's
// silent success).
std::variant<Outcome, AppPolicyRequest> parse_app_policy_request(AccountState& s, const Call& call, bool deviate) {
    auto dev = [&](std::string_view id) { return deviate && s.deviates(id); };
    if (auto err = gate(s, call, deviate)) return *err;
    const std::string* type = param(call, "IdentityType");
    const std::string* name = param(call, "IdentityName");
    const std::string* policies = param(call, "PolicyNames");
    const std::string* app = param(call, "AppId");
    const Outcome nothing_done = lists_outcome({}, {});
    // Parameter rules: model::validate_detach_app_policy_from_identity, the pure function the vod_params
    // fuzz target runs.
    if (const auto violation = validate_detach_app_policy_from_identity(call.params, deviate ? s.deviation : std::string())) {
        return violation->code == "MissingParameter" ? missing_parameter(violation->parameter)
                                                     : invalid_parameter(violation->parameter);
    }
    // Validation passed: a parameter still absent or off-rule here was let through by a deviation.
    if (!type || !name || !policies) return nothing_done;
    AppPolicyRequest req;
    req.names = split_policy_names(*policies);
    // Deviations that answer success with nothing done for lists the validator lets through.
    if (dev("vod.PolicyNames.emptyItems.silentNoEffect") &&
        (policies->front() == ',' || policies->back() == ',' || policies->find(",,") != std::string::npos))
        return nothing_done;
    const auto padded = [](const std::string& n) {
        return !n.empty() && (std::isspace(static_cast<unsigned char>(n.front())) || std::isspace(static_cast<unsigned char>(n.back())));
    };
    if (dev("vod.PolicyNames.whitespace.silentNoEffect") && std::any_of(req.names.begin(), req.names.end(), padded))
        return nothing_done;
    const std::string identity_type = check_identity_type(*type) ? std::string("RamUser") : *type;  // notValidated
    const bool only_admin = std::all_of(req.names.begin(), req.names.end(), [](const std::string& n) { return n == kVodAdminPolicy; });
    if (app)
        req.app_id = *app;
    else if (!only_admin)
        req.app_id = std::string(kVodDefaultAppId);  // vod.AppId.defaultedOtherwise

    req.identity = {identity_type, *name};
    if (dev("vod.IdentityName.matchesUserName") && identity_type == "RamUser") {
        // Broken lookup: the value is taken as a user name; the key then uses whatever the value was.
        if (!s.find_user_by_name(*name)) return invalid_parameter("IdentityName");
    } else if (!identity_exists(s, req.identity)) {
        return dev("vod.IdentityName.exists.silentSuccess") ? nothing_done : invalid_parameter("IdentityName");
    }
    if (app && !s.find_app(*app))
        return dev("vod.AppId.exists.silentSuccess") ? nothing_done : invalid_parameter("AppId");
    return req;
}

// Whether a name exists as a RAM policy (system or custom): not an app policy, but not unknown either.
bool is_ram_policy(const AccountState& s, const std::string& name) {
    return find_system_policy(name) != nullptr || s.custom_policies.contains(name);
}

std::string attachment_app(const std::string& policy, const std::string& app_id) {
    return policy == kVodAdminPolicy ? std::string() : app_id;
}

bool implicit_grant_applies(const AccountState& s, const Identity& id, const std::string& policy, const std::string& app) {
    return policy == kVodFullAccessPolicy && app == kVodDefaultAppId && !s.implicit_default_revoked.contains(id);
}

Outcome detach_app_policy(AccountState& s, const Call& call) {
    auto parsed = parse_app_policy_request(s, call, /*deviate=*/true);
    if (auto* out = std::get_if<Outcome>(&parsed)) return *out;
    const auto& req = std::get<AppPolicyRequest>(parsed);

    std::vector<std::string> non_exist, failed;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < req.names.size(); ++i) {
        const std::string& policy = req.names[i];
        if (!seen.insert(policy).second) continue;  // duplicates: detached once, repeat ignored
        if (i > 0 && s.deviates("vod.PolicyNames.firstOnly")) break;
        if (!is_vod_app_policy(policy)) {
            const bool ram_policy = is_ram_policy(s, policy);
            if (ram_policy && s.deviates("vod.PolicyNames.ramPolicyDropped")) continue;
            if (!ram_policy && s.deviates("vod.PolicyNames.unknownDropped")) continue;
            non_exist.push_back(policy);  // unknown and systemOnly: reported as not found
            continue;
        }
        const std::string app = attachment_app(policy, req.app_id);
        auto matches = [&](const AppAttachment& a) {
            const bool same_identity = a.identity == req.identity || s.deviates("vod.effect.allIdentities");
            const bool same_app = a.app_id == app || s.deviates("vod.effect.allApps");
            return same_identity && same_app && a.policy_name == policy;
        };
        const bool explicit_found = std::any_of(s.app_attachments.begin(), s.app_attachments.end(),
                                                [&](const AppAttachment& a) {
                                                    return a.identity == req.identity && a.app_id == app &&
                                                           a.policy_name == policy;
                                                });
        const bool implicit = implicit_grant_applies(s, req.identity, policy, app);
        if (!explicit_found && !implicit) {
            failed.push_back(policy);  // a VOD policy the identity does not hold: "failed to be detached"
            continue;
        }
        if (s.deviates("vod.effect.notApplied")) continue;
        std::erase_if(s.app_attachments, matches);
        // Revoking VODAppFullAccess on the default app also ends the implicit grant (docs/sources/vod.md#multi-application-service).
        if (policy == kVodFullAccessPolicy && app == kVodDefaultAppId) s.implicit_default_revoked.insert(req.identity);
    }
    return lists_outcome(non_exist, failed, s.deviates("vod.response.listsAsStrings"));
}

Outcome attach_app_policy(AccountState& s, const Call& call) {
    auto parsed = parse_app_policy_request(s, call, /*deviate=*/false);
    if (auto* out = std::get_if<Outcome>(&parsed)) return *out;
    const auto& req = std::get<AppPolicyRequest>(parsed);
    std::vector<std::string> non_exist, failed;
    std::set<std::string> seen;
    for (const std::string& policy : req.names) {
        if (!seen.insert(policy).second) continue;
        if (!is_vod_app_policy(policy)) {
            non_exist.push_back(policy);
            continue;
        }
        const std::string app = attachment_app(policy, req.app_id);
        const bool attached = std::any_of(s.app_attachments.begin(), s.app_attachments.end(), [&](const AppAttachment& a) {
            return a.identity == req.identity && a.app_id == app && a.policy_name == policy;
        });
        if (attached) {
            failed.push_back(policy);  // already attached: "failed to be attached" (model choice)
            continue;
        }
        s.app_attachments.push_back({req.identity, app, policy});
        if (policy == kVodFullAccessPolicy && app == kVodDefaultAppId) s.implicit_default_revoked.erase(req.identity);
    }
    return lists_outcome(non_exist, failed);
}

std::string_view policy_description(std::string_view policy) {
    if (policy == kVodAdminPolicy) return "App administrator permission";
    if (policy == kVodFullAccessPolicy) return "App full access permission";
    return "App read only access permission";
}

Outcome list_app_policies(AccountState& s, const Call& call) {
    if (auto err = gate(s, call, false)) return *err;
    const std::string* type = param(call, "IdentityType");
    const std::string* name = param(call, "IdentityName");
    const std::string* app = param(call, "AppId");
    if (!type) return missing_parameter("IdentityType");
    if (!name) return missing_parameter("IdentityName");
    if (check_identity_type(*type)) return invalid_parameter("IdentityType");
    const Identity identity{*type, *name};
    if (!identity_exists(s, identity)) return invalid_parameter("IdentityName");
    const std::string app_id = app ? *app : std::string(kVodDefaultAppId);
    if (!s.find_app(app_id)) return invalid_parameter("AppId");
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : s.app_attachments) {
        if (a.identity != identity || (!a.app_id.empty() && a.app_id != app_id)) continue;
        // The implicit VODAppFullAccess on app-1000000 is not listed (UNCONFIRMED, docs/sources/vod.md#multi-application-service).
        nlohmann::json entry = {{"PolicyName", a.policy_name},
                                {"PolicyType", "System"},
                                {"Description", policy_description(a.policy_name)},
                                {"CreationTime", kModelClock},
                                {"ModificationTime", kModelClock},
                                {"PolicyValue", "{\"Version\":\"1\",\"Statement\":[]}"}};
        // The admin policy is account-wide: it has no AppId of its own.
        if (!a.app_id.empty()) entry["AppId"] = a.app_id;
        list.push_back(std::move(entry));
    }
    Outcome out;
    out.fields = {{"AppPolicyList", list}};
    return out;
}

Outcome create_app_info(AccountState& s, const Call& call) {
    if (auto err = gate(s, call, false)) return *err;
    const std::string* name = param(call, "AppName");
    if (!name) return missing_parameter("AppName");
    if (check_app_name(*name)) return invalid_parameter("AppName");
    const std::string* description = param(call, "Description");
    if (description && check_app_description(*description)) return invalid_parameter("Description");
    if (std::any_of(s.apps.begin(), s.apps.end(), [&](const App& a) { return a.name == *name; }))
        return vod_error("AlreadyExist.AppName");
    if (s.apps.size() >= kMaxApps) return vod_error("LimitExceeded.AppCount");
    App app{"app-" + std::to_string(1000000 + s.next_app++), *name, description ? *description : ""};
    s.apps.push_back(app);
    Outcome out;
    out.fields = {{"AppId", app.id}};
    return out;
}

Outcome delete_app_info(AccountState& s, const Call& call) {
    if (auto err = gate(s, call, false)) return *err;
    const std::string* app = param(call, "AppId");
    if (!app) return missing_parameter("AppId");
    // The default app holds all pre-existing data and cannot be deleted; the code for trying is
    // UNCONFIRMED (docs/sources/vod.md#fixtures): the model answers as for an app that still has resources.
    if (*app == kVodDefaultAppId)
        return vod_error("Forbidden.ResourceNotEmpty", "The App: " + *app + "has resource, can not be deleted.");
    if (!s.find_app(*app)) return invalid_parameter("AppId");
    std::erase_if(s.app_attachments, [&](const AppAttachment& a) { return a.app_id == *app; });
    std::erase_if(s.apps, [&](const App& a) { return a.id == *app; });
    return Outcome{};
}

// One page holding every app (the model never pages): what `acsconf cleanup` walks.
Outcome list_app_info(AccountState& s, const Call& call) {
    if (auto err = gate(s, call, false)) return *err;
    nlohmann::json list = nlohmann::json::array();
    for (const App& app : s.apps)
        list.push_back({{"AppId", app.id}, {"AppName", app.name}, {"Description", app.description},
                        {"Status", "Normal"}, {"Type", app.id == kVodDefaultAppId ? "System" : "Custom"},
                        {"CreationTime", kModelClock}, {"ModificationTime", kModelClock}});
    Outcome out;
    out.fields = {{"AppInfoList", list}, {"Total", s.apps.size()}};
    return out;
}

using Handler = Outcome (*)(AccountState&, const Call&);

const std::vector<std::pair<std::string_view, Handler>>& handlers() {
    static const std::vector<std::pair<std::string_view, Handler>> table = {
        {kDetach, detach_app_policy},
        {"AttachAppPolicyToIdentity", attach_app_policy},
        {"ListAppPoliciesForIdentity", list_app_policies},
        {"CreateAppInfo", create_app_info},
        {"DeleteAppInfo", delete_app_info},
        {"ListAppInfo", list_app_info},
    };
    return table;
}

}  // namespace

Outcome handle_vod(AccountState& state, const Call& call) {
    for (const auto& [action, handler] : handlers())
        if (action == call.action) return handler(state, call);
    return vod_error("InvalidAction.NotFound");
}

std::vector<std::string> vod_actions() {
    std::vector<std::string> out;
    for (const auto& [action, handler] : handlers()) out.emplace_back(action);
    return out;
}

}  // namespace acsconf::model::detail
