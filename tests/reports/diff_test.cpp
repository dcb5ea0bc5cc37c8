#include <string>

#include <gtest/gtest.h>

#include "acsconf/reports/diff.hpp"
#include "acsconf/reports/reports.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using runner::Judgement;
using testing::make_vector;
using testing::sample_run;

std::vector<std::string> ids(const std::vector<VectorChange>& changes) {
    std::vector<std::string> out;
    for (const auto& c : changes) out.push_back(c.vector_id);
    return out;
}

const std::string kOp = "Ram_DetachPolicyFromUser";

TEST(Diff, IdenticalRunsModuloRunSpecificFieldsAreUnchanged) {
    const auto old_run = sample_run();
    auto new_run = sample_run();
    new_run.run_id = "other";
    new_run.started_at = "2027-01-01T00:00:00Z";
    new_run.vectors_digest = "different";
    for (auto& v : new_run.vectors) {
        v.duration_ms *= 7;
        v.actual["requestId"] = "NEW-ID";
        v.exchanges[0].request_id = "NEW-ID";
    }
    const RunDiff d = diff(old_run, new_run);
    EXPECT_FALSE(d.regressed());
    EXPECT_EQ(d.unchanged, 4);  // pass, pass, pass, skip
    EXPECT_EQ(ids(d.still_failing), (std::vector<std::string>{kOp + "/tc2_wrong_code", kOp + "/tc3_refused"}));
    EXPECT_TRUE(d.newly_failing.empty() && d.newly_passing.empty() && d.changed_answers.empty() && d.added.empty() &&
                d.removed.empty() && d.not_comparable.empty());
}

TEST(Diff, EveryCategory) {
    runner::RunResult old_run, new_run;
    auto add = [](runner::RunResult& run, int tc, const char* name, Judgement o, const char* matched = "") {
        auto v = make_vector(kOp, tc, name, o);
        v.matched = matched;
        run.vectors.push_back(v);
    };
    add(old_run, 1, "breaks", Judgement::Pass);
    add(new_run, 1, "breaks", Judgement::Fail);
    add(old_run, 2, "times_out", Judgement::Pass);
    add(new_run, 2, "times_out", Judgement::Error);
    add(old_run, 3, "fixed", Judgement::Fail);
    add(new_run, 3, "fixed", Judgement::Pass);
    add(old_run, 4, "other_answer", Judgement::Pass, "MissingUserName");
    add(new_run, 4, "other_answer", Judgement::Pass, "MissingPolicyName");
    add(old_run, 5, "gone", Judgement::Pass);
    add(new_run, 6, "new_ok", Judgement::Pass);
    add(old_run, 7, "now_skipped", Judgement::Pass);
    add(new_run, 7, "now_skipped", Judgement::Skip);
    add(old_run, 8, "same", Judgement::Pass, "A");
    add(new_run, 8, "same", Judgement::Pass, "A");

    const RunDiff d = diff(old_run, new_run);
    EXPECT_EQ(ids(d.newly_failing), (std::vector<std::string>{kOp + "/tc1_breaks", kOp + "/tc2_times_out"}));
    EXPECT_EQ(d.newly_failing[1].new_outcome, "error");
    EXPECT_EQ(ids(d.newly_passing), (std::vector<std::string>{kOp + "/tc3_fixed"}));
    ASSERT_EQ(ids(d.changed_answers), (std::vector<std::string>{kOp + "/tc4_other_answer"}));
    EXPECT_EQ(d.changed_answers[0].old_matched, "MissingUserName");
    EXPECT_EQ(d.changed_answers[0].new_matched, "MissingPolicyName");
    EXPECT_EQ(ids(d.removed), (std::vector<std::string>{kOp + "/tc5_gone"}));
    EXPECT_EQ(ids(d.added), (std::vector<std::string>{kOp + "/tc6_new_ok"}));
    ASSERT_EQ(ids(d.not_comparable), (std::vector<std::string>{kOp + "/tc7_now_skipped"}));
    EXPECT_NE(d.not_comparable[0].detail.find("skipped in the new run"), std::string::npos);
    EXPECT_EQ(d.unchanged, 1);
    EXPECT_TRUE(d.regressed());

    const auto j = diff_to_json(d);
    EXPECT_EQ(j["regressed"], true);
    EXPECT_EQ(j["newlyFailing"].size(), 2u);
    EXPECT_EQ(j["changedAnswers"][0]["newMatched"], "MissingPolicyName");
    const std::string md = render_diff_markdown(d);
    EXPECT_NE(md.find("**regressed**"), std::string::npos);
    EXPECT_NE(md.find("### Newly failing (2)"), std::string::npos) << md;
    EXPECT_NE(md.find("### Changed answers on acceptable vectors (1)"), std::string::npos) << md;
    EXPECT_NE(render_diff_text(d).find("newly failing Ram_DetachPolicyFromUser/tc1_breaks (pass -> fail)"), std::string::npos);
}

TEST(Diff, ImprovementsAloneAreNotARegression) {
    runner::RunResult old_run, new_run;
    old_run.vectors.push_back(make_vector(kOp, 1, "fixed", Judgement::Fail));
    new_run.vectors.push_back(make_vector(kOp, 1, "fixed", Judgement::Pass));
    old_run.vectors.push_back(make_vector(kOp, 2, "dropped", Judgement::Fail));
    const RunDiff d = diff(old_run, new_run);
    EXPECT_FALSE(d.regressed());
    EXPECT_EQ(d.newly_passing.size(), 1u);
    EXPECT_EQ(d.removed.size(), 1u);
}

TEST(Diff, AnAddedFailingVectorIsARegression) {
    runner::RunResult old_run, new_run;
    new_run.vectors.push_back(make_vector(kOp, 9, "new_and_broken", Judgement::Fail));
    const RunDiff d = diff(old_run, new_run);
    EXPECT_TRUE(d.newly_failing.empty());
    EXPECT_EQ(d.added.size(), 1u);
    EXPECT_TRUE(d.regressed());
}

TEST(Diff, DuplicateIdsAndChangedOperationCannotBeCompared) {
    runner::RunResult old_run, new_run;
    old_run.vectors.push_back(make_vector(kOp, 1, "dup", Judgement::Pass));
    new_run.vectors.push_back(make_vector(kOp, 1, "dup", Judgement::Fail));
    new_run.vectors.push_back(make_vector(kOp, 1, "dup", Judgement::Pass));
    auto moved = make_vector(kOp, 2, "moved", Judgement::Pass);
    old_run.vectors.push_back(moved);
    moved.operation = "SomethingElse";
    moved.outcome = Judgement::Fail;
    new_run.vectors.push_back(moved);
    const RunDiff d = diff(old_run, new_run);
    EXPECT_EQ(ids(d.not_comparable), (std::vector<std::string>{kOp + "/tc1_dup", kOp + "/tc2_moved"}));
    EXPECT_NE(d.not_comparable[0].detail.find("more than once"), std::string::npos);
    EXPECT_FALSE(d.regressed());
}

}  // namespace
}  // namespace acsconf::reports
