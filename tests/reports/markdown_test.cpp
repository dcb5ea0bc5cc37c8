#include <string>

#include <gtest/gtest.h>

#include "acsconf/reports/reports.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using runner::Judgement;
using testing::make_vector;
using testing::sample_run;

TEST(Markdown, VerdictCountsAndFailures) {
    const std::string md = render_markdown(sample_run());
    EXPECT_EQ(md.rfind("## ❌ acsconf: **FAIL**", 0), 0u) << md;
    EXPECT_NE(md.find("3 passed, 1 failed, 1 errors, 1 skipped of 6 vectors"), std::string::npos) << md;
    EXPECT_NE(md.find("| Ram\\_DetachPolicyFromUser | 1 | 1 | 1 | 1 | 4 |"), std::string::npos) << md;
    EXPECT_NE(md.find("| Vod\\_DetachAppPolicyFromIdentity | 2 | 0 | 0 | 0 | 2 |"), std::string::npos) << md;
    const auto fail = md.find("- **FAIL** `Ram_DetachPolicyFromUser/tc2_wrong_code`");
    const auto error = md.find("- **ERROR** `Ram_DetachPolicyFromUser/tc3_refused`");
    ASSERT_NE(fail, std::string::npos) << md;
    ASSERT_NE(error, std::string::npos) << md;
    EXPECT_LT(fail, error);  // failures before errors
    EXPECT_EQ(md.find("tc1_user_missing"), std::string::npos);  // passes are not listed
}

TEST(Markdown, LongListsAndReasonsAreTruncated) {
    runner::RunResult run = sample_run();
    run.vectors.clear();
    for (int i = 1; i <= 30; ++i) {
        auto v = make_vector("Ram_DetachPolicyFromUser", i, "broken", Judgement::Fail);
        v.reason = std::string(1000, 'r');
        run.vectors.push_back(v);
    }
    const std::string md = render_markdown(run);
    EXPECT_NE(md.find("… and 10 more"), std::string::npos) << md;
    EXPECT_EQ(md.find("tc21_broken"), std::string::npos);
    EXPECT_NE(md.find("tc20_broken"), std::string::npos);
    EXPECT_EQ(md.find(std::string(201, 'r')), std::string::npos);
    EXPECT_LT(md.size(), 10000u);
}

TEST(Markdown, TableBreakingCharactersAreEscaped) {
    runner::RunResult run = sample_run();
    run.vectors[1].reason = "a | b\nsecond line <b>";
    const std::string md = render_markdown(run);
    EXPECT_NE(md.find("a \\| b second line &lt;b&gt;"), std::string::npos) << md;
}

TEST(Markdown, CodeSpansAreNotBackslashEscaped) {
    runner::RunResult run = sample_run();
    run.vectors[1].vector_id = "Ram_DetachPolicyFromUser/tc2_with`tick|pipe";
    const std::string md = render_markdown(run);
    EXPECT_NE(md.find("`Ram_DetachPolicyFromUser/tc2_with'tick\\|pipe`"), std::string::npos) << md;
}

TEST(Markdown, PassingRun) {
    runner::RunResult run = sample_run();
    run.vectors = {run.vectors[0], run.vectors[4]};
    const std::string md = render_markdown(run);
    EXPECT_EQ(md.rfind("## ✅ acsconf: **PASS**", 0), 0u) << md;
    EXPECT_EQ(md.find("Failures"), std::string::npos);
}

}  // namespace
}  // namespace acsconf::reports
