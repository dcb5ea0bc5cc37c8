#include "acsconf/harness/credentials.hpp"
#include "acsconf/harness/json_text.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <nlohmann/json.hpp>

#include "acsconf/model/call.hpp"

namespace acsconf::harness {
namespace {

using Getenv = std::function<std::optional<std::string>(const std::string&)>;

std::optional<std::string> process_getenv(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr || *value == '\0') return std::nullopt;
    return std::string(value);
}

// Both halves or neither: half a key pair is a mistake worth stopping for.
std::optional<Credentials> from_env(const Getenv& env, const std::string& id_var, const std::string& secret_var,
                                    const std::string& token_var) {
    auto id = env(id_var);
    auto secret = env(secret_var);
    if (!id && !secret) return std::nullopt;
    if (!id) throw CredentialsError(secret_var + " is set but " + id_var + " is not");
    if (!secret) throw CredentialsError(id_var + " is set but " + secret_var + " is not");
    Credentials out{*id, *secret, env(token_var).value_or("")};
    return out;
}

std::optional<Credentials> from_cli_profile(const Getenv& env, const CredentialOptions& options) {
    std::string path = options.cli_config_file;
    bool explicit_path = !path.empty();
    if (path.empty()) {
        if (auto named = env("ALIBABA_CLOUD_CONFIG_FILE")) {
            path = *named;
            explicit_path = true;
        } else if (auto home = env("HOME")) {
            path = *home + "/.aliyun/config.json";
        } else {
            return std::nullopt;
        }
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        if (explicit_path) throw CredentialsError("aliyun CLI config " + path + " does not exist");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw CredentialsError("aliyun CLI config " + path + " cannot be read");
    const std::string config_text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    nlohmann::json config;
    try {
        // The bytes around the error may be a secret: the message names the place only.
        config = parse_json_text(config_text, "aliyun CLI config " + path, JsonExcerpt::Omit);
    } catch (const JsonTextError& e) {
        throw CredentialsError(e.what());
    }
    if (!config.is_object() || !config.contains("profiles") || !config["profiles"].is_array())
        throw CredentialsError("aliyun CLI config " + path + " has no \"profiles\" array");

    std::string profile = options.cli_profile;
    if (profile.empty()) profile = env("ALIBABA_CLOUD_PROFILE").value_or("");
    if (profile.empty() && config.contains("current") && config["current"].is_string())
        profile = config["current"].get<std::string>();
    if (profile.empty()) profile = "default";

    auto text = [](const nlohmann::json& object, const char* key) -> std::string {
        auto it = object.find(key);
        return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const auto& entry : config["profiles"]) {
        if (!entry.is_object() || text(entry, "name") != profile) continue;
        const std::string mode = text(entry, "mode");
        if (mode != "AK" && mode != "StsToken")
            throw CredentialsError("aliyun CLI profile '" + profile + "' in " + path + " uses mode '" + mode +
                                   "'; acsconf reads only AK and StsToken profiles");
        Credentials out{text(entry, "access_key_id"), text(entry, "access_key_secret"),
                        mode == "StsToken" ? text(entry, "sts_token") : std::string()};
        if (!out.usable())
            throw CredentialsError("aliyun CLI profile '" + profile + "' in " + path +
                                   " lacks access_key_id or access_key_secret");
        return out;
    }
    throw CredentialsError("aliyun CLI config " + path + " has no profile named '" + profile + "'");
}

}  // namespace

CredentialMap load_credentials(const CredentialOptions& options) {
    const Getenv env = options.getenv ? options.getenv : Getenv(process_getenv);
    CredentialMap out;
    std::optional<Credentials> main;
    if (options.profile_is_explicit && !options.cli_profile.empty()) main = from_cli_profile(env, options);
    if (!main)
        main = from_env(env, "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                        "ALIBABA_CLOUD_SECURITY_TOKEN");
    if (!main) main = from_cli_profile(env, options);
    if (main) out.emplace(std::string(model::kMainAccount), std::move(*main));
    if (auto unprivileged = from_env(env, "ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID", "ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET",
                                     "ACSCONF_UNPRIVILEGED_SECURITY_TOKEN"))
        out.emplace(std::string(model::kUnprivileged), std::move(*unprivileged));
    return out;
}

}  // namespace acsconf::harness
