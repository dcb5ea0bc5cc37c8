#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <unistd.h>

#include "acsconf/reports/commands.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using runner::Judgement;
using testing::sample_run;

class Commands : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("acsconf_commands_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
    std::ostringstream out_, err_;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST_F(Commands, ReportWritesEveryAskedFormat) {
    write_result_json(sample_run(), dir_ / "result.json");
    const RenderTargets targets{dir_ / "out/report.html", dir_ / "out/junit.xml", dir_ / "out/summary.md"};
    EXPECT_EQ(report_command(dir_ / "result.json", targets, out_, err_), kExitOk) << err_.str();
    EXPECT_NE(slurp(targets.html).find("<h1>FAIL</h1>"), std::string::npos);
    EXPECT_NE(slurp(targets.junit).find("<testsuites"), std::string::npos);
    EXPECT_NE(slurp(targets.markdown).find("**FAIL**"), std::string::npos);
    EXPECT_NE(out_.str().find("FAIL: 3 passed, 1 failed, 1 errors, 1 skipped of 6 vectors"), std::string::npos) << out_.str();
}

TEST_F(Commands, ReportDirHoldsAllFourFiles) {
    write_report_dir(sample_run(), dir_ / "nested/report-dir");
    for (const char* name : {"result.json", "report.html", "junit.xml", "summary.md"})
        EXPECT_GT(std::filesystem::file_size(dir_ / "nested/report-dir" / name), 100u) << name;
    EXPECT_EQ(to_json(read_result_json(dir_ / "nested/report-dir/result.json")), to_json(sample_run()));
}

TEST_F(Commands, ReportOnABadFileExits2NamingIt) {
    std::ofstream(dir_ / "broken.json") << "{\"kind\": \"acsconf-result\", \"schemaVersion\": 7}";
    EXPECT_EQ(report_command(dir_ / "broken.json", {dir_ / "x.html", {}, {}}, out_, err_), kExitBadFile);
    EXPECT_NE(err_.str().find("broken.json"), std::string::npos) << err_.str();
    EXPECT_NE(err_.str().find("schemaVersion"), std::string::npos) << err_.str();
    EXPECT_FALSE(std::filesystem::exists(dir_ / "x.html"));
}

TEST_F(Commands, DiffExitCodes) {
    auto old_run = sample_run();
    auto same = sample_run();
    same.run_id = "another-run";
    auto worse = sample_run();
    worse.vectors[0].outcome = Judgement::Fail;
    worse.vectors[0].reason = "Code: expected EntityNotExist.User, got InternalError";
    write_result_json(old_run, dir_ / "old.json");
    write_result_json(same, dir_ / "same.json");
    write_result_json(worse, dir_ / "worse.json");

    EXPECT_EQ(diff_command(dir_ / "old.json", dir_ / "same.json", {}, out_, err_), kExitOk) << err_.str();
    const DiffTargets targets{dir_ / "diff.md", dir_ / "diff.json"};
    EXPECT_EQ(diff_command(dir_ / "old.json", dir_ / "worse.json", targets, out_, err_), kExitRegressed);
    EXPECT_NE(out_.str().find("newly failing Ram_DetachPolicyFromUser/tc1_user_missing (pass -> fail)"), std::string::npos)
        << out_.str();
    EXPECT_NE(slurp(targets.markdown).find("### Newly failing (1)"), std::string::npos);
    EXPECT_EQ(nlohmann::json::parse(slurp(targets.json))["regressed"], true);

    EXPECT_EQ(diff_command(dir_ / "old.json", dir_ / "missing.json", {}, out_, err_), kExitBadFile);
    EXPECT_NE(err_.str().find("missing.json"), std::string::npos) << err_.str();
}

}  // namespace
}  // namespace acsconf::reports
