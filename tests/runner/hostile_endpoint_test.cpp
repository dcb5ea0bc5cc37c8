// `acsconf run` against endpoints that misbehave on purpose (issue "Under load and abuse"): a fault
// is never a pass. A yes-man answering 200 to everything, an endpoint that refuses connections.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
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
    std::string files;         // every file the run wrote (reports, cassette), concatenated
    std::uintmax_t result_bytes = 0;
    long peak_rss_kib = 0;     // the run's own peak (wait4 of its process tree), not earlier runs'
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs acsconf with a fresh report directory (also $DIR, e.g. for #record=$DIR/run.cassette); with no
// `env`, the credentials are the mock's public test pair.
Ran run_cli(std::string args, const std::string& env = "") {
    static int counter = 0;
    const auto dir = std::filesystem::temp_directory_path() /
                     ("acsconf_hostile_" + std::to_string(::getpid()) + "_" + std::to_string(++counter));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    for (std::size_t at; (at = args.find("$DIR")) != std::string::npos;) args.replace(at, 4, dir.string());
    const std::string command =
        "env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET -u ALIBABA_CLOUD_SECURITY_TOKEN "
        "HOME='" + dir.string() + "' " + env + " '" + kCli + "' " + args + " --report-dir '" + (dir / "report").string() + "' >'" +
        (dir / "out").string() + "' 2>'" + (dir / "err").string() + "'";
    Ran r;
    int status = -1;
    const pid_t child = ::fork();
    if (child == 0) {
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    rusage usage{};
    if (child > 0 && ::wait4(child, &status, 0, &usage) == child) r.peak_rss_kib = usage.ru_maxrss;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    r.result = nlohmann::json::parse(slurp(dir / "report" / "result.json"), nullptr, false);
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) r.files += slurp(entry.path());
    std::error_code ec;
    r.result_bytes = std::filesystem::file_size(dir / "report" / "result.json", ec);
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
        // A gateway fault of the other signature version (V3 header/body faults in this V1 run) is not sent.
        const bool fault_not_applicable = outcome == "skip" && v.value("reason", "").starts_with("request.fault ");
        if (expects_error && !absence_unprovable && !fault_not_applicable) {
            EXPECT_EQ(outcome, "fail") << id << " expected an error and got " << outcome << ": " << v.value("reason", "");
            ++judged;
        }
        EXPECT_NE(outcome, "pass") << id << " passed on a yes-man: " << v.value("reason", "");
    }
    EXPECT_GT(judged, 100);
}

// `acsconf fuzz` on a yes-man: with no user id in its CreateUser answer the fixture cannot be made
// (3, could not judge); with one, the first call that should be refused is a disagreement (1).
TEST(HostileEndpoint, FuzzingAYesManNeverExitsZero) {
    const auto fuzz = [](const std::string& url) {
        const auto dir = std::filesystem::temp_directory_path() / ("acsconf_hostile_fuzz_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir);
        const std::string command = "env ALIBABA_CLOUD_ACCESS_KEY_ID=testid ALIBABA_CLOUD_ACCESS_KEY_SECRET=testsecret '" + kCli +
                                    "' fuzz --endpoint '" + url + "' --seconds 20 --out '" + dir.string() + "' >/dev/null 2>&1";
        const int status = std::system(command.c_str());
        std::filesystem::remove_all(dir);
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    };
    CannedServer bare({Canned{200, "application/json", R"({"RequestId":"YES-MAN"})", false, true}});
    EXPECT_EQ(fuzz(bare.url()), 3);
    CannedServer with_user({Canned{200, "application/json", R"({"RequestId":"YES-MAN","User":{"UserId":"2001","UserName":"x"}})", false, true}});
    EXPECT_EQ(fuzz(with_user.url()), 1);
}

TEST(HostileEndpoint, RefusedConnectionOnAPreconditionVectorIsAnErrorNotASkip) {
    const std::string url = "http://127.0.0.1:" + std::to_string(acsconf::harness::test::closed_port());
    const Ran r = run_cli("run --endpoint '" + url + "#attempts=1' --format json --filter 'Vod_DetachAppPolicyFromIdentity/tc1_*'");
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

// An endpoint that echoes the STS token (and the secret) in Code, RequestId, Message, HostId and
// fields: nothing of it reaches stdout, stderr, result.json, junit.xml, report.html, summary.md or the
// cassette.
TEST(HostileEndpoint, EchoedTokenAndSecretReachNoOutput) {
    const std::string token = "STS.EchoedToken/abc+def=";
    const std::string secret = "echoed-secret-value";
    const std::string body = R"({"RequestId":")" + token + R"(","Code":"Bad)" + token + R"(","Message":"token )" + token +
                             " secret " + secret + R"(","HostId":")" + token + R"(","Extra":{")" + token + R"(":[")" +
                             secret + R"("]}})";
    CannedServer echo({Canned{400, "application/json", body, false, true}});
    const Ran r = run_cli("run --endpoint '" + echo.url() + "#record=$DIR/run.cassette' --filter 'Ram_DetachPolicyFromUser/tc1_*'",
                          "ALIBABA_CLOUD_ACCESS_KEY_ID=echo-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + secret +
                              " ALIBABA_CLOUD_SECURITY_TOKEN='" + token + "'");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    ASSERT_TRUE(r.result.is_object()) << r.err;
    EXPECT_THAT(r.files, HasSubstr("Ram_DetachPolicyFromUser/tc1_"));  // the files were written
    EXPECT_THAT(r.files, HasSubstr("REDACTED"));
    for (const std::string& leak : {std::string("EchoedToken"), secret})
        for (const auto& [where, text] : {std::pair{"stdout", r.out}, {"stderr", r.err}, {"files", r.files}})
            EXPECT_EQ(text.find(leak), std::string::npos) << leak << " in " << where;
}

// A 3 MiB answer to every call: reports keep a 64 KiB prefix of each, marked truncated; a 10 MiB one
// is refused while reading (the client's cap), so acsconf's own memory stays bounded.
TEST(HostileEndpoint, HugeAnswersAreTruncatedInReportsAndCappedWhileRead) {
    const std::string big = R"({"RequestId":"R","Huge":")" + std::string(3 * 1024 * 1024, 'x') + R"("})";
    {
        CannedServer server({Canned{200, "application/json", big, false, true}});
        const Ran r = run_cli("run --endpoint '" + server.url() + "' --filter 'Ram_DetachPolicyFromUser/tc1*'");
        ASSERT_TRUE(r.result.is_object()) << r.err;
        const std::size_t vectors = r.result["vectors"].size();
        EXPECT_GT(vectors, 5u);
        EXPECT_THAT(r.result.dump(), HasSubstr("\"truncated\":true"));
        // Every answer kept (each exchange, and each vector's actual answer) is at most ~64 KiB: far below
        // the 3 MiB each answer had.
        const std::size_t answers = r.result["run"]["exchanges"].get<std::size_t>() + vectors;
        EXPECT_LT(r.result_bytes, answers * 70 * 1024) << r.result_bytes << " bytes for " << answers << " answers";
    }
    const std::string huge = R"({"RequestId":"R","Huge":")" + std::string(10 * 1024 * 1024, 'x') + R"("})";
    CannedServer server({Canned{200, "application/json", huge, false, true}});
    const Ran r = run_cli("run --endpoint '" + server.url() + "' --filter 'Ram_DetachPolicyFromUser/tc1_*'");
    EXPECT_EQ(r.exit_code, 3) << r.err;
    ASSERT_TRUE(r.result.is_object()) << r.err;
    EXPECT_THAT(r.result["vectors"][0].value("reason", ""), HasSubstr("answer larger than"));
    EXPECT_GT(r.peak_rss_kib, 0);
    EXPECT_LT(r.peak_rss_kib, 256 * 1024) << "acsconf peaked at " << r.peak_rss_kib / 1024 << " MiB";
}

TEST(HostileEndpoint, InsecureIsWarnedAboutAndRecorded) {
    CannedServer yes_man({Canned{200, "application/json", R"({"RequestId":"YES-MAN"})", false, true}});
    const Ran r = run_cli("run --endpoint '" + yes_man.url() + "' --filter 'Ram_DetachPolicyFromUser/tc1_*'",
                          "ACSCONF_INSECURE=1");
    EXPECT_THAT(r.err, HasSubstr("TLS certificate verification is OFF"));
    ASSERT_TRUE(r.result.is_object()) << r.err;
    EXPECT_EQ(r.result["run"]["tlsVerification"], "off");
    EXPECT_THAT(r.files, HasSubstr("TLS verification OFF"));  // the HTML report's header
    const Ran normal = run_cli("run --endpoint '" + yes_man.url() + "' --filter 'Ram_DetachPolicyFromUser/tc1_*'");
    EXPECT_EQ(normal.err.find("TLS certificate verification is OFF"), std::string::npos);
    EXPECT_EQ(normal.result["run"]["tlsVerification"], "on");
}

}  // namespace
