// The two key checks of the real vector files (vectors/):
//  - vectors_lint: they lint clean and cover every catalogue rule and documented error code;
//  - mutation_selfcheck: every deliberate deviation of the model is caught by at least one vector.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/runner/run.hpp"

namespace {

using namespace acsconf::runner;

const LoadResult& real_vectors() {
    static const LoadResult loaded = load_vector_files(expand_vector_paths({ACSCONF_VECTORS_DIR}));
    return loaded;
}

TEST(vectors_lint, RealVectorFilesLintClean) {
    const auto& loaded = real_vectors();
    for (const auto& p : loaded.problems) ADD_FAILURE() << p.to_string();
    EXPECT_EQ(loaded.files.size(), 2u);
    EXPECT_GT(loaded.tests().size(), 0u);
}

TEST(vectors_lint, CoverageIsComplete) {
    for (const auto& p : coverage_problems(real_vectors())) ADD_FAILURE() << p.to_string();
}

TEST(vectors_lint, FaithfulModelPassesEveryVector) {
    auto endpoint = acsconf::harness::make_inprocess_endpoint();
    const auto run = run_vectors(real_vectors(), *endpoint);
    for (const auto& v : run.vectors)
        // Skips are allowed (an `orSkip` fixture the model legitimately refuses); fail/error are not.
        if (v.outcome == Outcome::Fail || v.outcome == Outcome::Error) ADD_FAILURE_AT(v.file.c_str(), v.line) << outcome_name(v.outcome) << " " << v.vector_id << ": " << v.reason;
}

TEST(mutation_selfcheck, EveryDeviationIsCaught) {
    const auto& deviations = acsconf::model::deviation_catalogue();
    ASSERT_FALSE(deviations.empty());
    std::vector<std::string> surviving;
    for (const auto& deviation : deviations) {
        auto endpoint = acsconf::harness::make_inprocess_endpoint({deviation.id});
        const auto run = run_vectors(real_vectors(), *endpoint);
        if (summarize_run(run).outcomes.fail == 0) surviving.push_back(deviation.id + " (" + deviation.rule_id + ")");
    }
    std::string list;
    for (const auto& s : surviving) list += "\n  " + s;
    EXPECT_TRUE(surviving.empty()) << surviving.size() << " of " << deviations.size()
                                   << " deviations survive every vector:" << list;
}

}  // namespace
