// Where the HTTP endpoint's AccessKeys come from (docs/sources/gateway.md#credentials):
//  - principal "main": ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET
//    (+ ALIBABA_CLOUD_SECURITY_TOKEN), else the aliyun CLI profile in ~/.aliyun/config.json
//    (profiles[].name / mode AK|StsToken / access_key_id / access_key_secret / sts_token);
//  - principal "unprivileged": ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID / _SECRET (+ _SECURITY_TOKEN).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>

#include "acsconf/harness/request_builder.hpp"

namespace acsconf::harness {

// A credential source exists but cannot be used (half-set variables, unreadable or malformed config,
// unknown profile, unsupported mode). The message names the variable/file/profile, never a secret.
class CredentialsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct CredentialOptions {
    // Environment lookup; defaults to the process environment. Injectable for tests.
    std::function<std::optional<std::string>(const std::string&)> getenv;
    // aliyun CLI config; empty: $ALIBABA_CLOUD_CONFIG_FILE, else $HOME/.aliyun/config.json. A file named
    // here (or by the variable) must exist; the default path may be absent.
    std::string cli_config_file;
    // Profile name; empty: $ALIBABA_CLOUD_PROFILE, else the file's "current", else "default".
    std::string cli_profile;
    // The user named the profile explicitly (e.g. #profile=NAME): it wins over the environment pair.
    bool profile_is_explicit = false;
};

using CredentialMap = std::map<std::string, Credentials, std::less<>>;

// Principals with usable credentials (model::kMainAccount, model::kUnprivileged). Throws CredentialsError.
CredentialMap load_credentials(const CredentialOptions& options = {});

}  // namespace acsconf::harness
