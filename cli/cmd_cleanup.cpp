// `acsconf cleanup`: find what earlier runs left on an endpoint (a run killed before its teardown) and,
// with --yes, remove it. A resource is ours only when its name starts with a run token
// (harness/include/acsconf/harness/run_token.hpp: "acsconf" + creation time + random); nothing else is ever touched.
//   acsconf cleanup --endpoint URL [--live] [--older-than DURATION] [--yes]
#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

#include "acsconf/harness/run_token.hpp"
#include "acsconf/runner/executor.hpp"
#include "command_registry.hpp"
#include "duration.hpp"
#include "endpoint_factory.hpp"

namespace acsconf::cli {
namespace {

using Clock = std::chrono::system_clock;
using Params = std::map<std::string, std::string>;

struct Leftover {
    std::string kind;   // "user" | "role" | "policy" | "app"
    std::string name;   // the name that carries the token
    std::string id;     // AppId for apps; else the name
    Clock::time_point made;
};

struct CleanupArgs {
    std::string endpoint;
    bool live = false;
    bool yes = false;
    std::string older_than;
};

class Cleaner {
public:
    Cleaner(harness::Endpoint& endpoint, harness::Format format) : endpoint_(endpoint) { options_.format = format; }

    harness::Response call(model::Product product, const std::string& action, Params params) {
        model::Call c;
        c.product = product;
        c.action = action;
        c.caller = std::string(model::kMainAccount);
        c.params = std::move(params);
        return endpoint_.send(c, options_);
    }

    // Every page of a RAM listing (Marker / IsTruncated), the strings at `path` of each item.
    std::vector<nlohmann::json> ram_items(const std::string& action, const Params& params, const std::string& list,
                                          const std::string& item) {
        std::vector<nlohmann::json> out;
        Params page = params;
        for (int pages = 0; pages < 1000; ++pages) {
            const auto r = call(model::Product::Ram, action, page);
            if (!r.ok()) throw std::runtime_error(action + " answered " + std::to_string(r.http_status) + " " + r.code);
            const auto& items = r.fields.contains(list) && r.fields[list].contains(item) ? r.fields[list][item] : nlohmann::json();
            if (items.is_array()) out.insert(out.end(), items.begin(), items.end());
            else if (items.is_object()) out.push_back(items);  // XML: a lone element
            const bool truncated = r.fields.value("IsTruncated", false) == true;
            if (!truncated || !r.fields.contains("Marker") || !r.fields["Marker"].is_string()) break;
            page["Marker"] = r.fields["Marker"].get<std::string>();
        }
        return out;
    }

    std::vector<nlohmann::json> vod_apps() {
        std::vector<nlohmann::json> out;
        for (int page = 1; page < 1000; ++page) {
            const auto r = call(model::Product::Vod, "ListAppInfo", {{"PageNo", std::to_string(page)}, {"PageSize", "100"}});
            if (!r.ok()) throw std::runtime_error("ListAppInfo answered " + std::to_string(r.http_status) + " " + r.code);
            const auto& items = r.fields.value("AppInfoList", nlohmann::json::array());
            if (!items.is_array() || items.empty()) break;
            out.insert(out.end(), items.begin(), items.end());
            if (r.fields.contains("Total") && r.fields["Total"].is_number() && out.size() >= r.fields["Total"].get<std::size_t>()) break;
        }
        return out;
    }

private:
    harness::Endpoint& endpoint_;
    harness::SendOptions options_;
};

std::string iso(Clock::time_point t) {
    const std::time_t seconds = Clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::string text_of(const nlohmann::json& item, const char* key) {
    return item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : std::string();
}

int cleanup_command(const CleanupArgs& args) {
    std::optional<std::chrono::milliseconds> older_than;
    try {
        if (!args.older_than.empty()) older_than = parse_duration(args.older_than);
    } catch (const std::invalid_argument& e) {
        std::cerr << "acsconf cleanup: --older-than: " << e.what() << "\n";
        return kExitUsage;
    }
    BuiltEndpoint built;
    try {
        built = make_endpoint(args.endpoint, {});
    } catch (const std::exception& e) {
        std::cerr << "acsconf cleanup: " << e.what() << "\n";
        return kExitUsage;
    }
    if (built.remote && !args.live) {
        std::cerr << "acsconf cleanup: endpoint '" << args.endpoint << "' is not on this machine; nothing was sent. "
                  << "Add --live to list (and with --yes remove) what earlier acsconf runs left there.\n";
        return kExitUsage;
    }
    Cleaner cleaner(*built.endpoint, harness::Format::Json);
    const auto now = Clock::now();
    std::vector<Leftover> found;
    int problems = 0;
    auto consider = [&](const std::string& kind, const std::string& name, const std::string& id) {
        const auto made = harness::run_token_time(name);
        if (!made) return;  // not ours
        if (older_than && now - *made < *older_than) return;
        found.push_back({kind, name, id, *made});
    };
    auto listing = [&](const char* what, const auto& body) {
        try {
            body();
        } catch (const std::exception& e) {
            std::cerr << "acsconf cleanup: cannot list " << what << ": " << e.what() << "\n";
            ++problems;
        }
    };
    listing("VOD apps", [&] {
        for (const auto& app : cleaner.vod_apps()) consider("app", text_of(app, "AppName"), text_of(app, "AppId"));
    });
    listing("RAM users", [&] {
        for (const auto& u : cleaner.ram_items("ListUsers", {}, "Users", "User")) consider("user", text_of(u, "UserName"), "");
    });
    listing("RAM roles", [&] {
        for (const auto& r : cleaner.ram_items("ListRoles", {}, "Roles", "Role")) consider("role", text_of(r, "RoleName"), "");
    });
    listing("RAM custom policies", [&] {
        for (const auto& p : cleaner.ram_items("ListPolicies", {{"PolicyType", "Custom"}}, "Policies", "Policy"))
            consider("policy", text_of(p, "PolicyName"), "");
    });

    std::cout << found.size() << " resource(s) left by earlier acsconf runs on " << built.endpoint->name()
              << (older_than ? " older than " + args.older_than : std::string()) << ":\n";
    for (const auto& l : found)
        std::cout << "  " << l.kind << " " << l.name << (l.id.empty() ? "" : " (" + l.id + ")") << ", made " << iso(l.made) << "\n";
    if (!args.yes) {
        if (!found.empty()) std::cout << "Nothing was changed; add --yes to remove them.\n";
        return problems > 0 ? kExitCouldNotJudge : kExitOk;
    }

    // Apps first (they hold app-policy attachments), then users (their policies detached first), roles,
    // and custom policies last, when nothing of ours uses them any more.
    auto report = [&](const Leftover& l, const harness::Response& r, const std::string& what) {
        if (r.ok()) {
            std::cout << "removed " << what << "\n";
        } else {
            std::cout << "could not remove " << what << ": " << r.http_status << " " << r.code << "\n";
            ++problems;
        }
        (void)l;
    };
    for (const char* kind : {"app", "user", "role", "policy"}) {
        for (const auto& l : found) {
            if (l.kind != kind) continue;
            try {
                if (l.kind == "app") {
                    report(l, cleaner.call(model::Product::Vod, "DeleteAppInfo", {{"AppId", l.id}}), "app " + l.name);
                } else if (l.kind == "user") {
                    for (const auto& p : cleaner.ram_items("ListPoliciesForUser", {{"UserName", l.name}}, "Policies", "Policy"))
                        report(l, cleaner.call(model::Product::Ram, "DetachPolicyFromUser",
                                               {{"PolicyType", text_of(p, "PolicyType")}, {"PolicyName", text_of(p, "PolicyName")},
                                                {"UserName", l.name}}),
                               "attachment of " + text_of(p, "PolicyName") + " to user " + l.name);
                    report(l, cleaner.call(model::Product::Ram, "DeleteUser", {{"UserName", l.name}}), "user " + l.name);
                } else if (l.kind == "role") {
                    report(l, cleaner.call(model::Product::Ram, "DeleteRole", {{"RoleName", l.name}}), "role " + l.name);
                } else {
                    report(l, cleaner.call(model::Product::Ram, "DeletePolicy", {{"PolicyName", l.name}}), "policy " + l.name);
                }
            } catch (const std::exception& e) {
                std::cout << "could not remove " << l.kind << " " << l.name << ": " << e.what() << "\n";
                ++problems;
            }
        }
    }
    return problems > 0 ? kExitCouldNotJudge : kExitOk;
}

const CommandRegistration kCleanup{
    "cleanup", "List (and with --yes remove) what earlier runs left on an endpoint, found by acsconf's name prefix only",
    [](CLI::App& sub) -> CommandAction {
        auto args = std::make_shared<CleanupArgs>();
        sub.footer(acsconf::cli::known_endpoints_help());
        sub.add_option("--endpoint", args->endpoint, "http(s)://URL (options after '#', as for acsconf run)")->required();
        sub.add_flag("--live", args->live, "allow an endpoint off this machine (the real cloud)");
        sub.add_option("--older-than", args->older_than, "only what was made at least this long ago (e.g. 2h, 7d)");
        sub.add_flag("--yes", args->yes, "remove what is listed (detach first, then delete); without it nothing changes");
        return [args] { return cleanup_command(*args); };
    }};

}  // namespace
}  // namespace acsconf::cli
