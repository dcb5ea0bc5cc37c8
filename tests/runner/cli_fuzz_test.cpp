// `acsconf fuzz` and plugin endpoints, end to end through the binary: the self-test (a one-rule
// deviation found through inprocess, its finding replayed by `acsconf run`), the faithful mock judged
// clean, and the example plugin: it passes the suite, and its broken build is caught by run and fuzz.
#include <filesystem>
#include <fstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli_runner.hpp"

namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

const std::string kPlugin = ACSCONF_MOCK_PLUGIN;
const std::string kBrokenPlugin = ACSCONF_MOCK_PLUGIN_BROKEN;
constexpr const char* kDeviation = "ram.UserName.maxLength.offByOne";

fs::path fresh_dir(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / ("acsconf_fuzz_test_" + name + "_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    return dir;
}

std::vector<fs::path> findings_in(const fs::path& dir) {
    std::vector<fs::path> files;
    if (fs::is_directory(dir))
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
    return files;
}

// The self-test: within 60 s; it stops at its first finding.
TEST(CliFuzz, FindsAOneRuleDeviationThroughInprocessAndItsVectorReproducesIt) {
    const fs::path out = fresh_dir("inprocess");
    const auto r = run_cli(std::string("fuzz --endpoint inprocess --deviation ") + kDeviation + " --seconds 60 --seed 7 --out '" +
                           out.string() + "'");
    ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
    const auto files = findings_in(out);
    ASSERT_EQ(files.size(), 1u) << r.out;
    EXPECT_THAT(r.out, HasSubstr("UserName"));
    EXPECT_THAT(r.out, Not(HasSubstr("NOT reproduced")));
    // The finding is an ordinary vector file: it lints, fails on the broken model, passes on the faithful one.
    EXPECT_EQ(run_cli("lint '" + files[0].string() + "'").exit_code, 0);
    const auto broken = run_cli(std::string("run --endpoint inprocess --deviation ") + kDeviation + " --vectors '" + files[0].string() + "'");
    EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
    const auto faithful = run_cli("run --endpoint inprocess --vectors '" + files[0].string() + "'");
    EXPECT_EQ(faithful.exit_code, 0) << faithful.out << faithful.err;
    fs::remove_all(out);
}

// Two wrong answers that are 4xx where the vectors accept only some 4xx: a missing UserName answered 404
// EntityNotExist.User (outside the rule's code families, catalogue.json "plausible"), and a VOD user id
// looked up as a user name, so a plain, fully detachable list gets 400 InvalidParameter (a VOD call the
// model accepts with a plain list leaves no 4xx plausible). The fuzzer finds both, as the vectors do.
TEST(CliFuzz, A4xxOutsideWhatTheVectorsAcceptIsFound) {
    for (const std::string deviation : {"ram.UserName.required.notEnforced", "vod.IdentityName.matchesUserName"}) {
        SCOPED_TRACE(deviation);
        const fs::path out = fresh_dir("plausible");
        const auto r = run_cli("fuzz --endpoint inprocess --deviation " + deviation + " --seconds 60 --seed 1 --out '" + out.string() + "'");
        ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
        const auto files = findings_in(out);
        ASSERT_EQ(files.size(), 1u) << r.out;
        EXPECT_EQ(run_cli("run --endpoint inprocess --deviation " + deviation + " --vectors '" + files[0].string() + "'").exit_code, 1);
        EXPECT_EQ(run_cli("run --endpoint inprocess --vectors '" + files[0].string() + "'").exit_code, 0);
        fs::remove_all(out);
    }
}

// The expectation of a missing parameter lists its code families, not "any 4xx".
TEST(CliFuzz, AnUnconfirmedCodeIsJudgedByItsRuleCodeFamilies) {
    const fs::path out = fresh_dir("families");
    const auto r = run_cli("fuzz --endpoint inprocess --deviation ram.UserName.required.notEnforced --seconds 60 --seed 1 --out '" +
                           out.string() + "'");
    ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("plausible: MissingParameter"));
    EXPECT_THAT(r.out, HasSubstr("plausible: MissingUserName"));
    EXPECT_THAT(r.out, HasSubstr("DetachPolicyFromUser (UserName: not sent"));  // the minimised call, described
    EXPECT_THAT(r.out, Not(HasSubstr("any 4xx")));
    fs::remove_all(out);
}

// Against the faithful mock nothing is reported (60 s measured in fuzz/README.md; bounded here for CI).
TEST(CliFuzz, FaithfulMockOverHttpHasNoDisagreement) {
    const fs::path out = fresh_dir("mock");
    const auto r = run_cli("fuzz --endpoint mock --seconds 15 --seed 3 --jobs 2 --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("0 disagreement(s)"));
    EXPECT_TRUE(findings_in(out).empty());
}

nlohmann::json only_test_of(const fs::path& file) {
    std::ifstream in(file);
    return nlohmann::json::parse(in)["testGroups"][0]["tests"][0];
}

// A finding is filed under the rule of what the model answered the minimised call (not the rule its
// first mutation probed), and different first disagreements that minimise to one call are written once.
TEST(CliFuzz, FindingsAreFiledByTheMinimisedCallAndWrittenOnce) {
    const fs::path out = fresh_dir("filed");
    const auto permission = run_cli("fuzz --endpoint inprocess --deviation ram.permission.notEnforced --seconds 60 --seed 1 --out '" +
                                    out.string() + "'");
    ASSERT_EQ(permission.exit_code, 1) << permission.out << permission.err;
    auto files = findings_in(out);
    ASSERT_EQ(files.size(), 1u);
    const auto test = only_test_of(files[0]);
    EXPECT_EQ(test["rules"], nlohmann::json::array({"ram.DetachPolicyFromUser.permission"})) << test.dump();
    EXPECT_EQ(test["request"].value("caller", ""), "unprivileged");
    fs::remove_all(out);

    // The fixture's own call already disagrees here: every first disagreement minimises to it.
    const auto same = run_cli("fuzz --endpoint inprocess --deviation vod.IdentityName.matchesUserName --seconds 5 --seed 3 "
                              "--max-findings 3 --out '" + out.string() + "'");
    EXPECT_EQ(same.exit_code, 1) << same.out << same.err;
    files = findings_in(out);
    ASSERT_EQ(files.size(), 1u) << same.out;
    EXPECT_EQ(only_test_of(files[0])["rules"], nlohmann::json::array({"vod.DetachAppPolicyFromIdentity.effect.detached"}));
    fs::remove_all(out);
}

// An answer in the wrong format is a disagreement, as in `acsconf run`; the finding asks for the same
// format when replayed.
TEST(CliFuzz, AnAnswerInTheWrongFormatIsADisagreement) {
    const fs::path out = fresh_dir("format");
    const auto r = run_cli("fuzz --endpoint mock --format xml --deviation common.Format.ignored --seconds 30 --seed 2 --out '" +
                           out.string() + "'");
    ASSERT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("common.response.format: asked for XML, the body is JSON"));
    EXPECT_THAT(r.out, HasSubstr("--format xml --vectors"));
    const auto files = findings_in(out);
    ASSERT_EQ(files.size(), 1u);
    EXPECT_EQ(only_test_of(files[0])["formats"], nlohmann::json::array({"XML"}));
    EXPECT_EQ(run_cli("run --endpoint mock --deviation common.Format.ignored --vectors '" + files[0].string() + "'").exit_code, 1);
    EXPECT_EQ(run_cli("run --endpoint mock --vectors '" + files[0].string() + "'").exit_code, 0);
    fs::remove_all(out);
}

// --out must be a directory it can write: checked before the first call, so no finding is lost.
TEST(CliFuzz, OutThatIsAFileIsAUsageErrorNamingIt) {
    const fs::path file = fresh_dir("out_file");
    std::ofstream(file.string()) << "x";
    const auto r = run_cli("fuzz --endpoint inprocess --deviation " + std::string(kDeviation) + " --seconds 5 --out '" + file.string() + "'");
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("--out '" + file.string() + "'"));
    fs::remove(file);
}

TEST(CliFuzz, UsageErrorsExit2) {
    EXPECT_EQ(run_cli("fuzz --endpoint inprocess --deviation no.such.deviation --seconds 1").exit_code, 2);
    EXPECT_EQ(run_cli("fuzz --endpoint inprocess --seconds 0").exit_code, 2);
    EXPECT_EQ(run_cli("fuzz --endpoint nowhere:x --seconds 1").exit_code, 2);
    // Test credentials only: nothing is sent without --live.
    const auto remote = run_cli("fuzz --endpoint http://192.0.2.1:9 --seconds 1",
                                "ALIBABA_CLOUD_ACCESS_KEY_ID=acsconf-test-ak ALIBABA_CLOUD_ACCESS_KEY_SECRET=acsconf-test-secret ");
    EXPECT_EQ(remote.exit_code, 2);
    EXPECT_THAT(remote.err, HasSubstr("--live"));
}

TEST(CliFuzz, UnreachableEndpointCannotBeJudged) {
    // Port 9 on loopback: nothing listens, the fixture cannot be made.
    const auto r = run_cli("fuzz --endpoint http://127.0.0.1:9 --seconds 2 --out '" + fresh_dir("refused").string() + "'");
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    EXPECT_THAT(r.err, HasSubstr("could not be judged"));
}

TEST(CliPlugin, ExamplePluginPassesTheSuite) {
    const auto r = run_cli("run --endpoint 'plugin:" + kPlugin + "'");
    EXPECT_EQ(r.exit_code, 0) << r.out.substr(r.out.size() > 3000 ? r.out.size() - 3000 : 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr(" 0 fail, 0 error"));
}

TEST(CliPlugin, BrokenPluginIsCaughtByRun) {
    const auto r = run_cli("run --endpoint 'plugin:" + kBrokenPlugin + "'");
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_THAT(r.out, HasSubstr("username_65_chars"));
}

TEST(CliPlugin, BrokenPluginIsCaughtByFuzz) {
    const fs::path out = fresh_dir("plugin");
    const auto r = run_cli("fuzz --endpoint 'plugin:" + kBrokenPlugin + "' --seconds 60 --seed 11 --out '" + out.string() + "'");
    EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
    EXPECT_EQ(findings_in(out).size(), 1u);
    fs::remove_all(out);
}

// A deviation is injected into the model; an endpoint not built on it (a plugin, HTTP) cannot apply
// one. Silently ignoring it would turn the self-test into a plain run: a usage error naming it.
TEST(CliPlugin, DeviationOnAnEndpointThatCannotApplyItIsAUsageError) {
    const fs::path out = fresh_dir("deviation");
    for (const std::string& endpoint : {"'plugin:" + kPlugin + "'", std::string("http://127.0.0.1:9")}) {
        const auto fuzz = run_cli("fuzz --endpoint " + endpoint + " --deviation " + kDeviation + " --seconds 5 --out '" +
                                  out.string() + "'");
        EXPECT_EQ(fuzz.exit_code, 2) << endpoint << fuzz.out << fuzz.err;
        EXPECT_THAT(fuzz.err, HasSubstr(std::string("--deviation ") + kDeviation)) << endpoint;
        EXPECT_THAT(fuzz.err, HasSubstr("cannot be applied")) << endpoint;
        const auto run = run_cli("run --endpoint " + endpoint + " --deviation " + kDeviation);
        EXPECT_EQ(run.exit_code, 2) << endpoint << run.err;
        EXPECT_THAT(run.err, HasSubstr(std::string("--deviation ") + kDeviation)) << endpoint;
    }
    EXPECT_FALSE(fs::exists(out)) << "nothing was fuzzed";
}

TEST(CliPlugin, NotAPluginIsAUsageErrorNamingThePath) {
    const auto missing = run_cli("run --endpoint plugin:/no/such/lib.so");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_THAT(missing.err, HasSubstr("/no/such/lib.so"));
    const auto not_plugin = run_cli("run --endpoint plugin:" + std::string(ACSCONF_NOT_A_PLUGIN));
    EXPECT_EQ(not_plugin.exit_code, 2);
    EXPECT_THAT(not_plugin.err, HasSubstr(ACSCONF_NOT_A_PLUGIN));
    EXPECT_THAT(not_plugin.err, HasSubstr("cannot be loaded"));
}

}  // namespace
