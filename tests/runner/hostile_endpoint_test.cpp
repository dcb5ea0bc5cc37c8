// `acsconf run` against endpoints that misbehave on purpose (issue "Under load and abuse"): a fault
// is never a pass. A yes-man answering 200 to everything, an endpoint that refuses connections.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "canned_server.hpp"

namespace {

using acsconf::harness::test::Canned;
using acsconf::harness::test::CannedServer;
using ::testing::HasSubstr;

const std::string kCli = ACSCONF_CLI_BINARY;

struct Ran {
    int exit_code = -1;
    std::string out, err;
    nlohmann::json result;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs acsconf with a fresh report directory; the credentials are the mock's public test pair.
Ran run_cli(const std::string& args) {
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("acsconf_hostile_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string command =
        "env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET -u ALIBABA_CLOUD_SECURITY_TOKEN "
        "HOME='" + dir.string() + "' '" + kCli + "' " + args + " --report-dir '" + (dir / "report").string() + "' >'" +
        (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    const int status = std::system(command.c_str());
    Ran r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    r.result = nlohmann::json::parse(slurp(dir / "report" / "result.json"), nullptr, false);
    std::filesystem::remove_all(dir);
    return r;
}

TEST(HostileEndpoint, YesManNeverExitsZeroWhateverTheFilter) {
    CannedServer yes_man({Canned{200, "application/json", R"({"RequestId":"YES-MAN"})", false, true}});
    for (const std::string filter : {"*", "*exists_detached", "Ram_*", "Vod_*", "*tc1_*", "*detached*", "*valid*"}) {
        const Ran r = run_cli("run --endpoint '" + yes_man.url() + "' --filter '" + filter + "'");
        EXPECT_NE(r.exit_code, 0) << "filter " << filter << " passed on a yes-man:\n" << r.out << r.err;
        EXPECT_TRUE(r.exit_code == 1 || r.exit_code == 3) << filter << ": exit " << r.exit_code << "\n" << r.err;
    }
}

TEST(HostileEndpoint, OnAYesManEveryVectorExpectingAnErrorFailsAndNoneWithAFixturePasses) {
    CannedServer yes_man({Canned{200, "application/json", R"({"RequestId":"YES-MAN"})", false, true}});
    const Ran r = run_cli("run --endpoint '" + yes_man.url() + "'");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    ASSERT_TRUE(r.result.is_object()) << r.out << r.err;
    int judged = 0;
    for (const auto& v : r.result["vectors"]) {
        const std::string id = v.value("id", "");
        const std::string outcome = v.value("outcome", "");
        const nlohmann::json& expected = v["expected"];
        const bool expects_error = expected.dump().find("\"code\":\"") != std::string::npos &&
                                   expected.dump().find("\"code\":\"\"") == std::string::npos;
        // A vector that first proves a fixed name is absent (read-only Get*) cannot prove it on a yes-man
        // and is skipped untouched; that is honest, not a pass. Every other error vector must fail.
        const bool absence_unprovable = outcome == "skip" && v.value("reason", "").find("not touched") != std::string::npos;
        if (expects_error && !absence_unprovable) {
            EXPECT_EQ(outcome, "fail") << id << " expected an error and got " << outcome << ": " << v.value("reason", "");
            ++judged;
        }
        EXPECT_NE(outcome, "pass") << id << " passed on a yes-man: " << v.value("reason", "");
    }
    EXPECT_GT(judged, 100);
}

TEST(HostileEndpoint, RefusedConnectionOnAPreconditionVectorIsAnErrorNotASkip) {
    const std::string url = "http://127.0.0.1:" + std::to_string(acsconf::harness::test::closed_port());
    const Ran r = run_cli("run --endpoint '" + url + "#attempts=1' --filter 'Vod_DetachAppPolicyFromIdentity/tc1_*'");
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    ASSERT_TRUE(r.result.is_object()) << r.out << r.err;
    ASSERT_EQ(r.result["vectors"].size(), 1u);
    EXPECT_EQ(r.result["vectors"][0]["outcome"], "error");
    EXPECT_THAT(r.result["vectors"][0].value("reason", ""), HasSubstr("refused"));
}

TEST(HostileEndpoint, ARunWhereEverythingIsSkippedExits3) {
    // The yes-man's control route answers 404: every precondition vector is skipped, nothing passes.
    CannedServer not_found({Canned{404, "application/json", R"({"RequestId":"N","Code":"InvalidAction.NotFound","Message":"no"})",
                                   false, true}});
    const Ran r = run_cli("run --endpoint '" + not_found.url() + "' --filter 'Vod_DetachAppPolicyFromIdentity/tc1_*'");
    ASSERT_TRUE(r.result.is_object()) << r.out << r.err;
    EXPECT_EQ(r.result["vectors"][0]["outcome"], "skip") << r.result["vectors"][0].dump();
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
}

}  // namespace
