// RAM 2015-05-01: DetachPolicyFromUser (under test) and the fixture operations. Validation order
// follows conformance/model/RULES.md (errorPrecedence): missing → PolicyType → UserName length →
// UserName chars → PolicyName length → PolicyName chars → permission → user → policy → attachment.
// Deliberate deviations (catalogue.cpp) apply to DetachPolicyFromUser only, so fixtures stay faithful.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "account_state.hpp"
#include "acsconf/model/parameters.hpp"
#include "acsconf/model/validators.hpp"

namespace acsconf::model::detail {
namespace {

constexpr Product kRam = Product::Ram;
constexpr std::string_view kDetach = "DetachPolicyFromUser";

Outcome ram_error(std::string_view code, std::string message = {}) { return error(kRam, code, std::move(message)); }
Outcome missing(std::string_view name) { return ram_error("Missing" + std::string(name)); }
Outcome success(nlohmann::json fields = nlohmann::json::object()) {
    Outcome out;
    out.fields = std::move(fields);
    return out;
}

// "main" may do everything; "unprivileged" and any unknown caller nothing (RAM: NoPermission).
bool permitted(const Call& call) { return call.caller == kMainAccount; }

std::string_view kind_name(PolicyKind kind) { return kind == PolicyKind::System ? "System" : "Custom"; }

std::string user_id_for(std::uint64_t counter) {
    // 16 digits: "2" and a zero-padded 15-digit counter.
    std::string digits = std::to_string(counter);
    return "2" + std::string(15 - std::min<std::size_t>(15, digits.size()), '0') + digits;
}

std::string role_id_for(std::uint64_t counter) {
    std::string digits = std::to_string(counter);
    return "3" + std::string(18 - std::min<std::size_t>(18, digits.size()), '0') + digits;
}

// Missing / length / chars of a UserName-like parameter (used by the user fixture operations).
std::optional<Outcome> check_user_name_param(const Call& call) {
    const std::string* name = param(call, "UserName");
    if (!name) return missing("UserName");
    if (auto v = check_user_name_length(*name)) return ram_error(*v);
    if (auto v = check_user_name_chars(*name)) return ram_error(*v);
    return std::nullopt;
}

std::optional<Outcome> check_policy_name_param(const Call& call) {
    const std::string* name = param(call, "PolicyName");
    if (!name) return missing("PolicyName");
    if (auto v = check_policy_name_length(*name)) return ram_error(*v);
    if (auto v = check_policy_name_chars(*name)) return ram_error(*v);
    return std::nullopt;
}

std::optional<Outcome> check_role_name_param(const Call& call) {
    const std::string* name = param(call, "RoleName");
    if (!name) return missing("RoleName");
    if (auto v = check_role_name_length(*name)) return ram_error(*v);
    if (auto v = check_role_name_chars(*name)) return ram_error(*v);
    return std::nullopt;
}

std::optional<Outcome> check_document_param(const Call& call, std::string_view name) {
    const std::string* doc = param(call, name);
    if (!doc) return missing(name);
    if (auto v = check_policy_document(*doc)) {
        if (*v == "MalformedPolicyDocument")
            return ram_error(*v, "The policy document \"" + std::string(name) + "\" is not a valid JSON object.");
        return ram_error(*v);
    }
    return std::nullopt;
}

// ---- DetachPolicyFromUser / AttachPolicyToUser (shared parameters and order) ----

struct AttachmentRequest {
    std::string user_name;
    std::string policy_name;
    std::optional<PolicyKind> kind;  // nullopt: a deviation made the type match either kind
    bool no_effect = false;          // a deviation answers success without doing anything
};

// Validates the three parameters (model::validate_detach_policy_from_user, the pure function the
// ram_params fuzz target runs) and the caller, in the documented model order. Deviations apply only
// when `deviate` is set (the operation under test).
std::variant<Outcome, AttachmentRequest> parse_attachment(const AccountState& s, const Call& call, bool deviate) {
    const std::string_view deviation = deviate ? std::string_view(s.deviation) : std::string_view();
    auto dev = [&](std::string_view id) { return deviate && s.deviates(id); };
    if (const auto violation = validate_detach_policy_from_user(call.params, deviation)) {
        if (violation->code == "InvalidParameter.PolicyName.InvalidChars" && dev("ram.PolicyName.chars.wrongMessage"))
            return ram_error(violation->code, "The request could not be processed.");
        return ram_error(violation->code);
    }
    if (!permitted(call) && !dev("ram.permission.notEnforced")) return ram_error("NoPermission");

    // Validation passed: a parameter still absent or off-rule here was let through by a deviation.
    AttachmentRequest req;
    const std::string* type = param(call, "PolicyType");
    const std::string_view type_value = type ? std::string_view(*type) : std::string_view("System");  // defaultSystem
    if (!check_policy_type(type_value)) {
        req.kind = type_value == "System" ? PolicyKind::System : PolicyKind::Custom;
    } else if (dev("ram.PolicyType.caseIgnored.noEffect") && policy_type_in_other_case(type_value)) {
        req.no_effect = true;  // accepted by the validator under this deviation, then nothing is done
    }
    if (dev("ram.Policy.exists.typeIgnored")) req.kind.reset();
    if (const std::string* user = param(call, "UserName")) req.user_name = *user;
    if (const std::string* policy = param(call, "PolicyName")) req.policy_name = *policy;
    return req;
}

bool kind_matches(const std::optional<PolicyKind>& wanted, PolicyKind actual) { return !wanted || *wanted == actual; }

// Whether a policy of that name exists in the namespace(s) the request names.
std::optional<PolicyKind> existing_policy(const AccountState& s, const AttachmentRequest& req) {
    if (kind_matches(req.kind, PolicyKind::System) && find_system_policy(req.policy_name)) return PolicyKind::System;
    if (kind_matches(req.kind, PolicyKind::Custom) && s.custom_policies.contains(req.policy_name)) return PolicyKind::Custom;
    return std::nullopt;
}

Outcome detach_policy_from_user(AccountState& s, const Call& call) {
    auto parsed = parse_attachment(s, call, /*deviate=*/true);
    if (auto* err = std::get_if<Outcome>(&parsed)) return *err;
    const auto& req = std::get<AttachmentRequest>(parsed);
    if (req.no_effect) return success();

    User* user = s.find_user_by_name(req.user_name);
    if (!user) {
        if (s.deviates("ram.User.exists.successForUnknown")) return success();
        Outcome out = ram_error("EntityNotExist.User");
        if (s.deviates("ram.User.exists.wrongStatus")) out.http_status = 400;
        return out;
    }
    const bool swapped = s.deviates("ram.Policy.exists.swappedCodes");
    if (!existing_policy(s, req)) return ram_error(swapped ? "EntityNotExist.User.Policy" : "EntityNotExist.Policy");

    auto it = std::find_if(user->attachments.begin(), user->attachments.end(), [&](const UserAttachment& a) {
        return a.policy_name == req.policy_name && kind_matches(req.kind, a.kind);
    });
    if (it == user->attachments.end()) {
        if (s.deviates("ram.Attachment.exists.successWhenNotAttached")) return success();
        return ram_error(swapped ? "EntityNotExist.Policy" : "EntityNotExist.User.Policy");
    }

    if (s.deviates("ram.effect.notApplied")) return success();
    if (s.deviates("ram.effect.removesAllOfUser")) {
        user->attachments.clear();
    } else if (s.deviates("ram.effect.removesFromAllUsers")) {
        const UserAttachment removed = *it;
        for (User& u : s.users)
            std::erase_if(u.attachments, [&](const UserAttachment& a) {
                return a.policy_name == removed.policy_name && a.kind == removed.kind;
            });
    } else {
        user->attachments.erase(it);
    }
    return success();  // the body is only RequestId (docs/sources/ram.md#response)
}

Outcome attach_policy_to_user(AccountState& s, const Call& call) {
    auto parsed = parse_attachment(s, call, /*deviate=*/false);
    if (auto* err = std::get_if<Outcome>(&parsed)) return *err;
    const auto& req = std::get<AttachmentRequest>(parsed);
    User* user = s.find_user_by_name(req.user_name);
    if (!user) return ram_error("EntityNotExist.User");
    const auto kind = existing_policy(s, req);
    if (!kind) return ram_error("EntityNotExist.Policy");
    const bool attached = std::any_of(user->attachments.begin(), user->attachments.end(), [&](const UserAttachment& a) {
        return a.policy_name == req.policy_name && a.kind == *kind;
    });
    if (attached) return ram_error("EntityAlreadyExists.User.Policy");
    user->attachments.push_back({*kind, req.policy_name});
    return success();
}

nlohmann::json user_json(const User& u, bool detailed) {
    nlohmann::json j = {{"UserName", u.name},
                        {"UserId", u.id},
                        {"DisplayName", u.display_name},
                        {"Comments", u.comments},
                        {"CreateDate", kModelClock}};
    if (!u.email.empty()) j["Email"] = u.email;
    if (!u.mobile_phone.empty()) j["MobilePhone"] = u.mobile_phone;
    if (detailed) j["UpdateDate"] = kModelClock;
    return j;
}

Outcome create_user(AccountState& s, const Call& call) {
    if (auto err = check_user_name_param(call)) return *err;
    const std::string* display = param(call, "DisplayName");
    if (display) {
        if (auto v = check_display_name_length(*display)) return ram_error(*v);
        if (auto v = check_display_name_chars(*display)) return ram_error(*v);
    }
    const std::string* comments = param(call, "Comments");
    if (comments)
        if (auto v = check_comments_length(*comments)) return ram_error(*v);
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "UserName");
    if (s.find_user_by_name(name)) return ram_error("EntityAlreadyExists.User");
    User u;
    u.name = name;
    u.id = user_id_for(s.next_user++);
    if (display) u.display_name = *display;
    if (comments) u.comments = *comments;
    if (const std::string* email = param(call, "Email")) u.email = *email;
    if (const std::string* phone = param(call, "MobilePhone")) u.mobile_phone = *phone;
    s.users.push_back(std::move(u));
    return success({{"User", user_json(s.users.back(), false)}});
}

Outcome get_user(AccountState& s, const Call& call) {
    if (auto err = check_user_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const User* u = s.find_user_by_name(*param(call, "UserName"));
    if (!u) return ram_error("EntityNotExist.User");
    return success({{"User", user_json(*u, true)}});
}

Outcome delete_user(AccountState& s, const Call& call) {
    if (auto err = check_user_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    User* u = s.find_user_by_name(*param(call, "UserName"));
    if (!u) return ram_error("EntityNotExist.User");
    if (!u->attachments.empty()) return ram_error("DeleteConflict.User.Policy");
    // The user's VOD app permissions go with it: its ID no longer names an identity.
    s.forget_identity({"RamUser", u->id});
    std::erase_if(s.users, [&](const User& x) { return &x == u; });
    return success();
}

Outcome list_policies_for_user(AccountState& s, const Call& call) {
    if (auto err = check_user_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const User* u = s.find_user_by_name(*param(call, "UserName"));
    if (!u) return ram_error("EntityNotExist.User");  // UNCONFIRMED (docs/sources/ram.md#fixtures), consistent with GetUser
    nlohmann::json list = nlohmann::json::array();
    for (const auto& a : u->attachments) {
        std::string description;
        if (a.kind == PolicyKind::System) {
            if (const SystemPolicy* p = find_system_policy(a.policy_name)) description = p->description;
        } else if (auto it = s.custom_policies.find(a.policy_name); it != s.custom_policies.end()) {
            description = it->second.description;
        }
        list.push_back({{"PolicyName", a.policy_name},
                        {"PolicyType", kind_name(a.kind)},
                        {"Description", description},
                        {"DefaultVersion", "v1"},
                        {"AttachDate", kModelClock}});
    }
    return success({{"Policies", {{"Policy", list}}}});
}

Outcome create_policy(AccountState& s, const Call& call) {
    if (auto err = check_policy_name_param(call)) return *err;
    if (auto err = check_document_param(call, "PolicyDocument")) return *err;
    const std::string* description = param(call, "Description");
    if (description)
        if (auto v = check_policy_description_length(*description)) return ram_error(*v);
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "PolicyName");
    // Custom and System policies are separate namespaces: only another Custom policy conflicts.
    if (s.custom_policies.contains(name)) return ram_error("EntityAlreadyExists.Policy");
    CustomPolicy p{name, description ? *description : "", *param(call, "PolicyDocument")};
    s.custom_policies.emplace(name, p);
    return success({{"Policy",
                     {{"PolicyName", p.name},
                      {"PolicyType", "Custom"},
                      {"Description", p.description},
                      {"DefaultVersion", "v1"},
                      {"CreateDate", kModelClock}}}});
}

Outcome delete_policy(AccountState& s, const Call& call) {
    if (auto err = check_policy_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "PolicyName");
    if (!s.custom_policies.contains(name)) return ram_error("EntityNotExist.Policy");
    for (const User& u : s.users)
        for (const auto& a : u.attachments)
            if (a.kind == PolicyKind::Custom && a.policy_name == name) return ram_error("DeleteConflict.Policy.User");
    s.custom_policies.erase(name);
    return success();
}

nlohmann::json role_json(const Role& r) {
    std::string lower = r.name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return {{"RoleName", r.name},
            {"RoleId", r.id},
            {"Arn", "acs:ram::" + std::string(kAccountId) + ":role/" + lower},
            {"Description", r.description},
            {"AssumeRolePolicyDocument", r.assume_role_policy_document},
            {"CreateDate", kModelClock}};
}

Outcome create_role(AccountState& s, const Call& call) {
    if (auto err = check_role_name_param(call)) return *err;
    if (auto err = check_document_param(call, "AssumeRolePolicyDocument")) return *err;
    const std::string* description = param(call, "Description");
    if (description)
        if (auto v = check_policy_description_length(*description)) return ram_error(*v);
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "RoleName");
    if (s.find_role(name)) return ram_error("EntityAlreadyExists.Role");
    s.roles.push_back(Role{name, role_id_for(s.next_role++), description ? *description : "",
                           *param(call, "AssumeRolePolicyDocument")});
    return success({{"Role", role_json(s.roles.back())}});
}

Outcome get_role(AccountState& s, const Call& call) {
    if (auto err = check_role_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const Role* r = s.find_role(*param(call, "RoleName"));
    if (!r) return ram_error("EntityNotExist.Role");
    return success({{"Role", role_json(*r)}});
}

Outcome delete_role(AccountState& s, const Call& call) {
    if (auto err = check_role_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "RoleName");
    if (!s.find_role(name)) return ram_error("EntityNotExist.Role");
    s.forget_identity({"RamRole", name});
    std::erase_if(s.roles, [&](const Role& r) { return r.name == name; });
    return success();
}

// GetPolicy: what an absence check before a fixed-name request asks (EntityNotExist.Policy when absent).
Outcome get_policy(AccountState& s, const Call& call) {
    if (auto err = check_policy_name_param(call)) return *err;
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string& name = *param(call, "PolicyName");
    const std::string* type = param(call, "PolicyType");
    if (!type || (*type != "System" && *type != "Custom")) return ram_error("InvalidParameter.PolicyType");
    if (*type == "System") {
        const SystemPolicy* p = find_system_policy(name);
        if (!p) return ram_error("EntityNotExist.Policy");
        return success({{"Policy", {{"PolicyName", p->name}, {"PolicyType", "System"}, {"Description", p->description},
                                    {"DefaultVersion", "v1"}, {"CreateDate", kModelClock}}}});
    }
    auto it = s.custom_policies.find(name);
    if (it == s.custom_policies.end()) return ram_error("EntityNotExist.Policy");
    return success({{"Policy", {{"PolicyName", it->second.name}, {"PolicyType", "Custom"}, {"Description", it->second.description},
                                {"DefaultVersion", "v1"}, {"CreateDate", kModelClock}}}});
}

// The listing operations `acsconf cleanup` walks (one page: the model never truncates, so no Marker).
Outcome list_users(AccountState& s, const Call& call) {
    if (!permitted(call)) return ram_error("NoPermission");
    nlohmann::json list = nlohmann::json::array();
    for (const User& u : s.users) list.push_back(user_json(u, false));
    return success({{"IsTruncated", false}, {"Users", {{"User", list}}}});
}

Outcome list_policies(AccountState& s, const Call& call) {
    if (!permitted(call)) return ram_error("NoPermission");
    const std::string* type = param(call, "PolicyType");
    if (type && *type != "System" && *type != "Custom") return ram_error("InvalidParameter.PolicyType");
    nlohmann::json list = nlohmann::json::array();
    if (!type || *type == "System")
        for (const SystemPolicy& p : system_policies())
            list.push_back({{"PolicyName", p.name}, {"PolicyType", "System"}, {"Description", p.description},
                            {"DefaultVersion", "v1"}, {"CreateDate", kModelClock}});
    if (!type || *type == "Custom")
        for (const auto& [name, p] : s.custom_policies)
            list.push_back({{"PolicyName", p.name}, {"PolicyType", "Custom"}, {"Description", p.description},
                            {"DefaultVersion", "v1"}, {"CreateDate", kModelClock}});
    return success({{"IsTruncated", false}, {"Policies", {{"Policy", list}}}});
}

Outcome list_roles(AccountState& s, const Call& call) {
    if (!permitted(call)) return ram_error("NoPermission");
    nlohmann::json list = nlohmann::json::array();
    for (const Role& r : s.roles) list.push_back(role_json(r));
    return success({{"IsTruncated", false}, {"Roles", {{"Role", list}}}});
}

using Handler = Outcome (*)(AccountState&, const Call&);

const std::vector<std::pair<std::string_view, Handler>>& handlers() {
    static const std::vector<std::pair<std::string_view, Handler>> table = {
        {kDetach, detach_policy_from_user},
        {"AttachPolicyToUser", attach_policy_to_user},
        {"ListPoliciesForUser", list_policies_for_user},
        {"CreateUser", create_user},
        {"GetUser", get_user},
        {"DeleteUser", delete_user},
        {"CreatePolicy", create_policy},
        {"DeletePolicy", delete_policy},
        {"CreateRole", create_role},
        {"GetRole", get_role},
        {"DeleteRole", delete_role},
        {"GetPolicy", get_policy},
        {"ListUsers", list_users},
        {"ListPolicies", list_policies},
        {"ListRoles", list_roles},
    };
    return table;
}

}  // namespace

Outcome handle_ram(AccountState& state, const Call& call) {
    for (const auto& [action, handler] : handlers())
        if (action == call.action) return handler(state, call);
    return ram_error("InvalidAction.NotFound");
}

std::vector<std::string> ram_actions() {
    std::vector<std::string> out;
    for (const auto& [action, handler] : handlers()) out.emplace_back(action);
    return out;
}

}  // namespace acsconf::model::detail
