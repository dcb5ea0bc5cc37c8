// Internal to conformance/model: the account's state and the per-product handlers. Not installed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "acsconf/model/call.hpp"

namespace acsconf::model::detail {

// The deterministic clock every date field shows (the model has no clock; docs/sources/ram.md#fixtures example).
inline constexpr std::string_view kModelClock = "2015-01-23T12:33:18Z";
// The account id that appears in role ARNs.
inline constexpr std::string_view kAccountId = "1000000000000001";

enum class PolicyKind { System, Custom };

struct UserAttachment {
    PolicyKind kind;
    std::string policy_name;
};

struct User {
    std::string name;
    std::string id;  // 16 digits from a counter
    std::string display_name;
    std::string comments;
    std::string email;
    std::string mobile_phone;
    std::vector<UserAttachment> attachments;  // in attach order
};

struct CustomPolicy {
    std::string name;
    std::string description;
    std::string document;
};

struct Role {
    std::string name;
    std::string id;
    std::string description;
    std::string assume_role_policy_document;
};

struct App {
    std::string id;
    std::string name;
    std::string description;
};

// (identity type, identity name): RamUser → the user's ID, RamRole → the role's name.
using Identity = std::pair<std::string, std::string>;

struct AppAttachment {
    Identity identity;
    std::string app_id;  // empty for VODAppAdministratorAccess, which is account-wide
    std::string policy_name;
};

struct AccountState {
    std::string deviation;  // ModelOptions::deviation

    std::vector<User> users;  // creation order (ListPolicies etc. stay deterministic)
    std::map<std::string, CustomPolicy> custom_policies;
    std::vector<Role> roles;
    std::uint64_t next_user = 1;
    std::uint64_t next_role = 1;

    bool vod_multi_app_open = true;
    std::vector<App> apps;  // app-1000000 first, never removed
    std::uint64_t next_app = 1;
    std::vector<AppAttachment> app_attachments;  // attach order
    // RAM identities implicitly hold VODAppFullAccess on app-1000000 (docs/sources/vod.md#multi-application-service) until revoked.
    std::set<Identity> implicit_default_revoked;

    AccountState();
    bool deviates(std::string_view id) const { return !deviation.empty() && deviation == id; }

    User* find_user_by_name(std::string_view name);
    User* find_user_by_id(std::string_view id);
    Role* find_role(std::string_view name);
    App* find_app(std::string_view id);
    // Removes every VOD app-policy attachment of an identity (its user or role was deleted).
    void forget_identity(const Identity& identity);
};

// The system policies that exist from the start (docs/sources/ram.md#limits names; descriptions are the model's).
struct SystemPolicy {
    std::string_view name;
    std::string_view description;
};
const std::vector<SystemPolicy>& system_policies();
const SystemPolicy* find_system_policy(std::string_view name);

// An error answer: status and (unless given) message from the error catalogue.
Outcome error(Product product, std::string_view code, std::string message = {});
// The value of a parameter, or nullptr when it was not sent.
const std::string* param(const Call& call, std::string_view name);

Outcome handle_ram(AccountState& state, const Call& call);
Outcome handle_vod(AccountState& state, const Call& call);
std::vector<std::string> ram_actions();
std::vector<std::string> vod_actions();

}  // namespace acsconf::model::detail
