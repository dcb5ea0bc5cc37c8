// Where AccessKeys come from: environment variables, the aliyun CLI profile, the unprivileged pair.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "acsconf/harness/credentials.hpp"

namespace acsconf::harness {
namespace {

struct FakeEnv {
    std::map<std::string, std::string> vars;
    CredentialOptions options() const {
        CredentialOptions out;
        out.getenv = [vars = vars](const std::string& name) -> std::optional<std::string> {
            auto it = vars.find(name);
            return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
        };
        return out;
    }
};

class TempFile {
public:
    explicit TempFile(const std::string& content) {
        path_ = (std::filesystem::temp_directory_path() /
                 ("acsconf_cred_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".json"))
                    .string();
        std::ofstream(path_) << content;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

TEST(Credentials, EnvironmentFirst) {
    FakeEnv env{{{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s"},
                 {"ALIBABA_CLOUD_SECURITY_TOKEN", "t"}, {"ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID", "uid"},
                 {"ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET", "us"}, {"HOME", "/nonexistent"}}};
    const CredentialMap creds = load_credentials(env.options());
    EXPECT_EQ(creds.at("main").access_key_id, "id");
    EXPECT_EQ(creds.at("main").access_key_secret, "s");
    EXPECT_EQ(creds.at("main").security_token, "t");
    EXPECT_EQ(creds.at("unprivileged").access_key_id, "uid");
    EXPECT_TRUE(creds.at("unprivileged").security_token.empty());
}

TEST(Credentials, HalfAPairIsAnErrorNamingTheVariable) {
    FakeEnv env{{{"ALIBABA_CLOUD_ACCESS_KEY_ID", "id"}}};
    try {
        load_credentials(env.options());
        FAIL() << "no CredentialsError";
    } catch (const CredentialsError& e) {
        EXPECT_NE(std::string(e.what()).find("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), std::string::npos) << e.what();
    }
}

TEST(Credentials, NothingConfiguredMeansNoPrincipals) {
    FakeEnv env{{{"HOME", "/nonexistent"}}};
    EXPECT_TRUE(load_credentials(env.options()).empty());
}

TEST(Credentials, CliProfileCurrentAndNamed) {
    TempFile file(R"({"current":"work","profiles":[
        {"name":"default","mode":"AK","access_key_id":"d-id","access_key_secret":"d-s"},
        {"name":"work","mode":"StsToken","access_key_id":"w-id","access_key_secret":"w-s","sts_token":"w-t"}]})");
    FakeEnv env;
    CredentialOptions options = env.options();
    options.cli_config_file = file.path();
    const CredentialMap current = load_credentials(options);
    EXPECT_EQ(current.at("main").access_key_id, "w-id");
    EXPECT_EQ(current.at("main").security_token, "w-t");
    options.cli_profile = "default";
    EXPECT_EQ(load_credentials(options).at("main").access_key_id, "d-id");
}

TEST(Credentials, AnExplicitProfileWinsOverTheEnvironmentPair) {
    TempFile file(R"({"profiles":[{"name":"work","mode":"AK","access_key_id":"w-id","access_key_secret":"w-s"}]})");
    FakeEnv env{{{"ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id"}, {"ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-s"}}};
    CredentialOptions options = env.options();
    options.cli_config_file = file.path();
    options.cli_profile = "work";
    EXPECT_EQ(load_credentials(options).at("main").access_key_id, "env-id") << "a profile from the environment does not";
    options.profile_is_explicit = true;
    EXPECT_EQ(load_credentials(options).at("main").access_key_id, "w-id");
    EXPECT_EQ(load_credentials(options).at("main").access_key_secret, "w-s");
}

TEST(Credentials, CliProfileFromHomeAndProfileVariable) {
    const auto home = std::filesystem::temp_directory_path() / "acsconf_cred_home";
    std::filesystem::create_directories(home / ".aliyun");
    std::ofstream(home / ".aliyun" / "config.json")
        << R"({"profiles":[{"name":"p2","mode":"AK","access_key_id":"p2-id","access_key_secret":"p2-s"}]})";
    FakeEnv env{{{"HOME", home.string()}, {"ALIBABA_CLOUD_PROFILE", "p2"}}};
    EXPECT_EQ(load_credentials(env.options()).at("main").access_key_id, "p2-id");
    std::filesystem::remove_all(home);
}

TEST(Credentials, BadConfigsNameTheFileAndNeverEchoSecrets) {
    auto error_of = [](const std::string& content, const std::string& profile = "") {
        TempFile file(content);
        FakeEnv env;
        CredentialOptions options = env.options();
        options.cli_config_file = file.path();
        options.cli_profile = profile;
        try {
            load_credentials(options);
        } catch (const CredentialsError& e) {
            EXPECT_NE(std::string(e.what()).find(file.path()), std::string::npos) << e.what();
            return std::string(e.what());
        }
        ADD_FAILURE() << "no CredentialsError for " << content;
        return std::string();
    };
    const std::string truncated = error_of(R"({"profiles":[{"name":"default","access_key_secret":"TOPSECRET)");
    EXPECT_EQ(truncated.find("TOPSECRET"), std::string::npos) << truncated;
    EXPECT_NE(truncated.find("not valid JSON"), std::string::npos);
    EXPECT_NE(error_of(R"({"profiles":[]})", "nope").find("no profile named 'nope'"), std::string::npos);
    EXPECT_NE(error_of(R"({"profiles":[{"name":"default","mode":"RamRoleArn"}]})").find("RamRoleArn"), std::string::npos);
    EXPECT_NE(error_of(R"({"profiles":[{"name":"default","mode":"AK","access_key_id":"x"}]})").find("lacks"),
              std::string::npos);
    EXPECT_NE(error_of(R"([1])").find("profiles"), std::string::npos);
}

TEST(Credentials, ExplicitMissingFileIsAnError) {
    FakeEnv env;
    CredentialOptions options = env.options();
    options.cli_config_file = "/nonexistent/acsconf/config.json";
    EXPECT_THROW(load_credentials(options), CredentialsError);
}

}  // namespace
}  // namespace acsconf::harness
