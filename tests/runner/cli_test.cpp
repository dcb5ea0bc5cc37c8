// The `acsconf` binary's exit codes and messages, run as a user would run it.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <regex>
#include <sys/wait.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "cli_runner.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kData = ACSCONF_RUNNER_TEST_DATA;

TEST(Cli, UnknownFlagIsUsageError) {
    const auto r = run_cli("run --no-such-flag");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("no-such-flag"));
}

TEST(Cli, MissingValueAndMissingSubcommandAreUsageErrors) {
    EXPECT_EQ(run_cli("run --filter").exit_code, 2);
    EXPECT_EQ(run_cli("").exit_code, 2);
    EXPECT_EQ(run_cli("run --format yaml").exit_code, 2);
}

TEST(Cli, UnknownEndpointExits2Naming) {
    const auto r = run_cli("run --endpoint ftp://nowhere --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("unknown endpoint 'ftp://nowhere'"));
}

TEST(Cli, UnknownDeviationExits2) {
    const auto r = run_cli("run --endpoint inprocess --deviation no.such.deviation --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("no.such.deviation"));
}

TEST(Cli, RunPassingVectorsExits0) {
    const auto r = run_cli("run --endpoint inprocess --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("3 vectors: 3 pass, 0 fail, 0 error, 0 skip"));
}

TEST(Cli, ReportDirHoldsEveryFormatAndTheMockRunHasReproductions) {
    const auto dir = std::filesystem::temp_directory_path() / ("acsconf_cli_reports_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto r = run_cli("run --endpoint mock --report-dir '" + dir.string() + "' --vectors '" + kData + "/good_ram.json'");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    for (const char* name : {"result.json", "junit.xml", "report.html", "summary.md"})
        EXPECT_TRUE(std::filesystem::is_regular_file(dir / name)) << name;
    const std::string result = slurp(dir / "result.json");
    // Over real HTTP each vector carries a redacted curl line; the test secret never appears.
    EXPECT_THAT(result, HasSubstr("curl "));
    EXPECT_THAT(result, ::testing::Not(HasSubstr("acsconf-test-secret")));
    std::filesystem::remove_all(dir);
}

// The built-in vectors are named relative to the working directory when below it (a committed
// result names "vectors/...", not one checkout), and absolutely from anywhere else.
TEST(Cli, DefaultVectorsAreNamedRelativeToTheWorkingDirectory) {
    namespace fs = std::filesystem;
    const fs::path vectors = ACSCONF_VECTORS_DIR;
    const auto dir = fs::temp_directory_path() / ("acsconf_cli_paths_" + std::to_string(::getpid()));
    const auto vector_files_of = [&](const fs::path& cwd) {
        fs::remove_all(dir);
        const auto r = run_cli("run --endpoint inprocess --filter 'Ram_DetachPolicyFromUser/tc1_*' --report-dir '" +
                                   dir.string() + "'",
                               "cd '" + cwd.string() + "' && env -u ACSCONF_VECTORS ");
        EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
        return slurp(dir / "result.json");
    };
    const std::string below = vector_files_of(vectors.parent_path());
    EXPECT_THAT(below, HasSubstr("\"vectors/ram_DetachPolicyFromUser.json\""));
    EXPECT_THAT(below, ::testing::Not(HasSubstr(vectors.string())));
    // A fresh directory of its own, so it is never an ancestor of the checkout (a clone under /tmp).
    const auto outside = fs::temp_directory_path() / ("acsconf_cli_cwd_" + std::to_string(::getpid()));
    fs::create_directories(outside);
    const std::string elsewhere = vector_files_of(outside);
    EXPECT_THAT(elsewhere, HasSubstr("\"" + (vectors / "ram_DetachPolicyFromUser.json").string() + "\""));
    fs::remove_all(dir);
    fs::remove_all(outside);
}

TEST(Cli, RemoteEndpointNeedsLiveAndSaysWhatItWouldCreate) {
    // A host name that merely starts like a loopback address is still remote.
    for (const std::string url : {"https://ram.example.invalid", "http://127.0.0.1.example.invalid",
                                  "http://127.0.0.1:1#vod=https://vod.example.invalid"}) {
        const auto r = run_cli("run --endpoint '" + url + "' --vectors '" + kData + "/good_ram.json'",
                               "ALIBABA_CLOUD_ACCESS_KEY_ID=id ALIBABA_CLOUD_ACCESS_KEY_SECRET=not-printed ");
        EXPECT_EQ(r.exit_code, 2) << url << "\n" << r.out << r.err;
        EXPECT_THAT(r.err, HasSubstr("Add --live")) << url;
        EXPECT_THAT(r.err, HasSubstr("x CreateUser")) << url;
        EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr("not-printed")));
    }
}

TEST(Cli, LoopbackEndpointsNeedNoLive) {
    // Nothing listens on port 1: the run is attempted (exit 3, could not judge), not refused.
    for (const std::string url : {"http://127.0.0.2:1", "http://localhost:1", "http://[::1]:1"}) {
        const auto r = run_cli("run --endpoint '" + url + "#attempts=1&timeout=2' --vectors '" + kData + "/good_ram.json'",
                               "ALIBABA_CLOUD_ACCESS_KEY_ID=id ALIBABA_CLOUD_ACCESS_KEY_SECRET=s ");
        EXPECT_EQ(r.exit_code, 3) << url << "\n" << r.out << r.err;
        EXPECT_THAT(r.err, ::testing::Not(HasSubstr("--live"))) << url;
    }
}

TEST(Cli, FilterSelectsByGlob) {
    const auto r = run_cli("run --endpoint inprocess --filter '*unknown_user' --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("1 vectors: 1 pass"));
}

TEST(Cli, FilterMatchingNothingIsUsageError) {
    const auto r = run_cli("run --endpoint inprocess --filter 'NoSuch*' --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("no vector matches filter 'NoSuch*'"));
}

TEST(Cli, FailingVectorExits1WithReason) {
    const auto r = run_cli("run --endpoint inprocess --vectors '" + kData + "/cli_fail.json'");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("expected status 404 code EntityNotExist.User, got 400 InvalidParameter.UserName.Length"));
}

TEST(Cli, UnjudgeableVectorExits3) {
    const auto r = run_cli("run --endpoint inprocess --vectors '" + kData + "/cli_error.json'");
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("could not set up the fixture"));
}

TEST(Cli, BadVectorFileExits2NamingFileAndLine) {
    const auto r = run_cli("run --endpoint inprocess --vectors '" + kData + "/malformed.json'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("malformed.json:8:"));
    EXPECT_EQ(run_cli("run --endpoint inprocess --vectors /nonexistent/x.json").exit_code, 2);
}

TEST(Cli, LintReportsProblemsAndExits2) {
    const auto bad = run_cli("lint '" + kData + "/bad_mixed.json'");
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_THAT(bad.err, HasSubstr("bad_mixed.json:21: tcId 1"));
    const auto good = run_cli("lint '" + kData + "/good_ram.json'");
    EXPECT_EQ(good.exit_code, 0) << good.err;
    const auto coverage = run_cli("lint --coverage '" + kData + "/good_ram.json'");
    EXPECT_EQ(coverage.exit_code, 2);
    EXPECT_THAT(coverage.err, HasSubstr("coverage: rule"));
}

TEST(Cli, ListPrintsOneLinePerVector) {
    const auto r = run_cli("list --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("Ram_DetachPolicyFromUser/tc2_unknown_user\tinvalid\tram.DetachPolicyFromUser.User.exists\n"));
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
}

TEST(Cli, DeviationsListsTheCatalogue) {
    const auto r = run_cli("deviations");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_FALSE(r.out.empty());
}

}  // namespace

// ---- issue 10: the seven misbehaviours, probe and expectations ----

namespace issue10 {

std::filesystem::path scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("acsconf_cli_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

void write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path) << text;
}

// Each misbehaviour of issue 10, injected into the bundled mock, makes a DEFAULT run (mock, V1, formats
// per vector) exit 1, and the failure names the rule it broke.
TEST(CliIssue10, EachOfTheSevenMisbehavioursFailsADefaultRun) {
    const std::vector<std::pair<std::string, std::string>> misbehaviours = {
        {"common.Format.ignored", "common.response.format: asked for XML, the body is JSON"},
        {"common.Signature.notChecked", "gateway_signature_tampered"},
        {"common.SignatureNonce.replayAccepted", "gateway_nonce_replayed"},
        {"common.Timestamp.notChecked", "gateway_timestamp_expired"},
        {"ram.PolicyType.caseIgnored.noEffect", "expect[CaseInsensitiveAccepted].then[0]"},
        {"vod.PolicyNames.emptyItems.silentNoEffect", "expect[EmptyItemsIgnored].then[0]"},
        {"vod.PolicyNames.whitespace.silentNoEffect", "expect[Trimmed].then[0]"},
    };
    for (const auto& [deviation, evidence] : misbehaviours) {
        const auto r = run_cli("run --deviation " + deviation);
        EXPECT_EQ(r.exit_code, 1) << deviation << "\n" << r.out << r.err;
        EXPECT_THAT(r.out, HasSubstr(evidence)) << deviation;
    }
}

TEST(CliIssue10, DefaultRunJudgesXmlInstancesAndGatewayFaults) {
    const auto r = run_cli("run");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("pass Ram_DetachPolicyFromUser/tc1_username_empty.xml"));
    EXPECT_THAT(r.out, HasSubstr("gateway_signature_tampered.xml"));
    EXPECT_THAT(r.out, HasSubstr("this fault applies to V3 signatures only"));  // skipped with the reason
}

TEST(CliIssue10, FormatOptionSelectsEveryVectorInOneOrBothFormats) {
    const auto both = run_cli("run --endpoint inprocess --format both --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(both.exit_code, 0) << both.out << both.err;
    EXPECT_THAT(both.out, HasSubstr("6 vectors: 6 pass"));
    const auto bad = run_cli("run --endpoint inprocess --format yaml --vectors '" + kData + "/good_ram.json'");
    EXPECT_EQ(bad.exit_code, 2);
}

TEST(CliIssue10, ProbeWritesExpectationsThatALaterRunHoldsToAndThatCatchDrift) {
    const auto file = scratch("probe.jsonl");
    const auto probe = run_cli("probe --endpoint mock --output '" + file.string() + "'");
    ASSERT_EQ(probe.exit_code, 0) << probe.out << probe.err;
    const std::string written = slurp(file);
    EXPECT_THAT(written, HasSubstr(R"("vector":"Ram_DetachPolicyFromUser/tc107_both_names_too_long","accept":["InvalidParameter.UserName.Length"])"));
    EXPECT_THAT(probe.out, ::testing::Not(HasSubstr("username_64_chars_not_found")));  // only acceptable vectors

    const auto same = run_cli("run --endpoint mock --expectations '" + file.string() + "'");
    EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
    // This deviation changes which error wins in tc107 (still an acceptable answer): drift.
    const auto drifted = run_cli("run --endpoint mock --filter '*tc107_*' --deviation ram.UserName.maxLength.offByOne "
                                 "--expectations '" + file.string() + "'");
    EXPECT_EQ(drifted.exit_code, 1) << drifted.out << drifted.err;
    EXPECT_THAT(drifted.out, HasSubstr("drift: the endpoint answered \"InvalidParameter.PolicyName.Length\""));
    const auto without = run_cli("run --endpoint mock --filter '*tc107_*' --deviation ram.UserName.maxLength.offByOne");
    EXPECT_EQ(without.exit_code, 0) << without.out << without.err;
}

TEST(CliIssue10, KnownFailuresAreXfailAndOnlyStrictExpectationsFailOnThem) {
    const auto file = scratch("known.jsonl");
    write(file, "# our emulator accepts 65 characters\n"
                R"({"vector": "Ram_DetachPolicyFromUser/tc5_username_65_chars*", "outcome": "fail", "reason": "emulator caps at 65"})" "\n");
    // tc5* also selects tc50..tc59, which pass: a run must show something working to exit 0.
    const std::string run = "run --endpoint inprocess --filter 'Ram_DetachPolicyFromUser/tc5*' --expectations '" + file.string() + "'";
    const auto xfail = run_cli(run + " --deviation ram.UserName.maxLength.offByOne");
    EXPECT_EQ(xfail.exit_code, 0) << xfail.out << xfail.err;
    EXPECT_THAT(xfail.out, HasSubstr("xfail Ram_DetachPolicyFromUser/tc5_username_65_chars"));
    EXPECT_EQ(run_cli(run + " --deviation ram.UserName.maxLength.offByOne --strict-expectations").exit_code, 1);
    const auto xpass = run_cli(run);
    EXPECT_EQ(xpass.exit_code, 0) << xpass.out << xpass.err;
    EXPECT_THAT(xpass.out, HasSubstr("xpass Ram_DetachPolicyFromUser/tc5_username_65_chars"));
    EXPECT_EQ(run_cli(run + " --strict-expectations").exit_code, 1);
}

TEST(CliIssue10, MalformedOrUnmatchedExpectationsExit2NamingFileAndLine) {
    const auto bad = scratch("bad.jsonl");
    write(bad, "# fine\n{\"vector\": \"x\", \"outcome\": \"fial\", \"reason\": \"r\"}\n");
    const auto r = run_cli("run --endpoint inprocess --expectations '" + bad.string() + "'");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr(bad.string() + ":2: "));
    const auto typo = scratch("typo.jsonl");
    write(typo, R"({"vector": "Ram_DetachPolicyFromUser/tc9999_*", "outcome": "fail", "reason": "r"})" "\n");
    const auto u = run_cli("run --endpoint inprocess --expectations '" + typo.string() + "'");
    EXPECT_EQ(u.exit_code, 2);
    EXPECT_THAT(u.err, HasSubstr(typo.string() + ":1: vector \"Ram_DetachPolicyFromUser/tc9999_*\" matches no loaded vector"));
}

// The endpoint #options are declared once (cli/endpoint_http.cpp); --help prints them and the README's
// table must say the same, so neither can drift from the parser.
TEST(Cli, EveryEndpointOptionInHelpIsInTheReadmeTableAndParsed) {
    const auto help = run_cli("run --help");
    std::ifstream readme_file(std::string(ACSCONF_SOURCE_DIR) + "/README.md");
    std::stringstream readme;
    readme << readme_file.rdbuf();
    const std::regex line(R"(\n      #([a-z-]+)=(\S+)  (.*) \(default (.*); environment (\S+)\))");
    int options = 0;
    for (auto it = std::sregex_iterator(help.out.begin(), help.out.end(), line); it != std::sregex_iterator(); ++it) {
        const auto& m = *it;
        std::string value = m[2];
        for (std::size_t at = value.find('|'); at != std::string::npos; at = value.find('|', at + 2)) value.insert(at, "\\");
        const std::string row = "| `#" + m[1].str() + "=" + value + "` | " + m[3].str() + " | " + m[4].str() + " | `" + m[5].str() + "` |";
        EXPECT_NE(readme.str().find(row), std::string::npos) << "README lacks the row: " << row;
        // The parser knows it: an unknown name is refused, this one is not refused as unknown.
        const auto r = run_cli("run --endpoint 'http://127.0.0.1:1#" + m[1].str() + "=' --filter nothing-matches");
        EXPECT_THAT(r.err, Not(HasSubstr("unknown option"))) << m[1];
        ++options;
    }
    EXPECT_GE(options, 11) << help.out;
    EXPECT_THAT(help.out, HasSubstr("#connect-timeout=S"));
}

}  // namespace issue10
