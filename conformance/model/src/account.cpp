// Account: dispatch, preconditions and the shared state helpers.
#include "acsconf/model/account.hpp"

#include <algorithm>
#include <exception>

#include "account_state.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/validators.hpp"

namespace acsconf::model {
namespace detail {

AccountState::AccountState() { apps.push_back(App{std::string(kVodDefaultAppId), "Default", "System default application"}); }

User* AccountState::find_user_by_name(std::string_view name) {
    auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.name == name; });
    return it == users.end() ? nullptr : &*it;
}

User* AccountState::find_user_by_id(std::string_view id) {
    auto it = std::find_if(users.begin(), users.end(), [&](const User& u) { return u.id == id; });
    return it == users.end() ? nullptr : &*it;
}

Role* AccountState::find_role(std::string_view name) {
    auto it = std::find_if(roles.begin(), roles.end(), [&](const Role& r) { return r.name == name; });
    return it == roles.end() ? nullptr : &*it;
}

App* AccountState::find_app(std::string_view id) {
    auto it = std::find_if(apps.begin(), apps.end(), [&](const App& a) { return a.id == id; });
    return it == apps.end() ? nullptr : &*it;
}

void AccountState::forget_identity(const Identity& identity) {
    std::erase_if(app_attachments, [&](const AppAttachment& a) { return a.identity == identity; });
    implicit_default_revoked.erase(identity);
}

const std::vector<SystemPolicy>& system_policies() {
    static const std::vector<SystemPolicy> policies = {
        {"AdministratorAccess", "Provides full access to Alibaba Cloud services and resources."},
        {"ReadOnlyAccess", "Provides read-only access to all Alibaba Cloud resources."},
        {"AliyunOSSFullAccess", "Provides full access to Object Storage Service (OSS) via Management Console."},
        {"AliyunOSSReadOnlyAccess", "Provides read-only access to Object Storage Service (OSS) via Management Console."},
        {"AliyunECSFullAccess", "Provides full access to Elastic Compute Service (ECS) via Management Console."},
        {"AliyunECSReadOnlyAccess", "Provides read-only access to Elastic Compute Service (ECS) via Management Console."},
        {"AliyunRAMFullAccess", "Provides full access to Resource Access Management (RAM) via Management Console."},
        {"AliyunRAMReadOnlyAccess", "Provides read-only access to Resource Access Management (RAM) via Management Console."},
        {"AliyunVODFullAccess", "Provides full access to ApsaraVideo VOD via Management Console."},
        {"AliyunVODReadOnlyAccess", "Provides read-only access to ApsaraVideo VOD via Management Console."},
        {"AliyunSTSAssumeRoleAccess", "Provides access to assume roles through Security Token Service (STS)."},
    };
    return policies;
}

const SystemPolicy* find_system_policy(std::string_view name) {
    for (const auto& p : system_policies())
        if (p.name == name) return &p;
    return nullptr;
}

Outcome error(Product product, std::string_view code, std::string message) {
    Outcome out;
    out.code = std::string(code);
    const ErrorInfo* info = find_error(product, code);
    out.http_status = info ? info->http_status : 400;
    out.message = !message.empty() ? std::move(message) : info ? info->message() : std::string(code);
    return out;
}

const std::string* param(const Call& call, std::string_view name) {
    auto it = call.params.find(std::string(name));
    return it == call.params.end() ? nullptr : &it->second;
}

}  // namespace detail

struct Account::State : detail::AccountState {};

Account::Account(ModelOptions options) : state_(std::make_unique<State>()), options_(std::move(options)) {
    state_->deviation = options_.deviation;
}
Account::~Account() = default;
Account::Account(Account&&) noexcept = default;
Account& Account::operator=(Account&&) noexcept = default;

Outcome Account::handle(const Call& call) {
    // The contract says handle never throws: an internal failure (e.g. bad_alloc) becomes the
    // product's InternalError instead of escaping into an endpoint or a fuzzer.
    if (!state_) state_ = std::make_unique<State>(), state_->deviation = options_.deviation;  // moved-from: start afresh
    try {
        return call.product == Product::Ram ? detail::handle_ram(*state_, call) : detail::handle_vod(*state_, call);
    } catch (const std::exception&) {
        return detail::error(call.product, "InternalError");
    }
}

bool Account::set_precondition(std::string_view name, std::string_view value) {
    if (name != kPreconditionVodMultiApp) return false;
    if (!state_) state_ = std::make_unique<State>(), state_->deviation = options_.deviation;
    if (value == "open") {
        state_->vod_multi_app_open = true;
        return true;
    }
    if (value == "closed") {
        state_->vod_multi_app_open = false;
        return true;
    }
    return false;
}

std::string Account::precondition(std::string_view name) const {
    if (name == kPreconditionVodMultiApp) return !state_ || state_->vod_multi_app_open ? "open" : "closed";
    return "";
}

const std::vector<std::string>& Account::supported_actions(Product product) {
    static const std::vector<std::string> ram = detail::ram_actions();  // built once: the mock asks on every call
    static const std::vector<std::string> vod = detail::vod_actions();
    return product == Product::Ram ? ram : vod;
}

bool Account::known_deviation(std::string_view id) {
    const auto& catalogue = deviation_catalogue();
    return std::any_of(catalogue.begin(), catalogue.end(), [&](const Deviation& d) { return d.id == id; });
}

}  // namespace acsconf::model
