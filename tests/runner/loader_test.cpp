// Loader and lint: every problem names file, line, pointer and tcId; bad tests never hide good ones.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acsconf/runner/vectors.hpp"

namespace {

using acsconf::runner::LoadResult;
using acsconf::runner::Problem;
using ::testing::HasSubstr;

const std::string kData = ACSCONF_RUNNER_TEST_DATA;

LoadResult load(const std::vector<std::string>& names) {
    std::vector<std::filesystem::path> paths;
    for (const auto& n : names) paths.emplace_back(kData + "/" + n);
    return acsconf::runner::load_vector_files(paths);
}

const Problem* find_problem(const LoadResult& r, const std::string& needle) {
    auto it = std::find_if(r.problems.begin(), r.problems.end(), [&](const Problem& p) { return p.message.find(needle) != std::string::npos; });
    return it == r.problems.end() ? nullptr : &*it;
}

std::vector<int> ids(const LoadResult& r) {
    std::vector<int> out;
    for (const auto* t : r.tests()) out.push_back(t->tc_id);
    return out;
}

TEST(Loader, GoodFileLoadsEveryTestWithItsLineAndId) {
    const auto r = load({"good_ram.json"});
    ASSERT_TRUE(r.problems.empty()) << r.problems.front().to_string();
    ASSERT_EQ(r.tests().size(), 3u);
    const auto* first = r.tests()[0];
    EXPECT_EQ(first->vector_id, "Ram_DetachPolicyFromUser/tc1_username_65_chars");
    EXPECT_EQ(first->line, 13);  // the line of `"tcId": 1` in the fixture
    EXPECT_EQ(r.tests()[2]->line, 37);
    EXPECT_EQ(r.tests()[2]->pointer, "/testGroups/1/tests/0");
    EXPECT_EQ(first->operation, "DetachPolicyFromUser");
    EXPECT_THAT(first->flags, ::testing::ElementsAre("BoundaryLength"));
}

TEST(Loader, MalformedJsonNamesFileAndLineAndKeepsOtherFiles) {
    const auto r = load({"malformed.json", "good_ram.json"});
    ASSERT_EQ(r.problems.size(), 1u);
    EXPECT_THAT(r.problems[0].file, HasSubstr("malformed.json"));
    EXPECT_EQ(r.problems[0].line, 8);  // the missing comma before "result"
    EXPECT_THAT(r.problems[0].message, HasSubstr("malformed JSON"));
    EXPECT_THAT(r.problems[0].to_string(), HasSubstr("malformed.json:8:"));
    EXPECT_EQ(r.tests().size(), 3u);  // the good file is not lost
}

// fuzz/regressions/vector_loader/number-overflow-1E9898: nlohmann's out_of_range escaped without the
// file's name. Any malformed number or JSON is a problem naming the file and its line.
TEST(Loader, NumberOutOfRangeOrAnyMalformedJsonNamesFileAndLine) {
    const auto dir = std::filesystem::temp_directory_path() / ("acsconf_loader_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const std::vector<std::pair<std::string, int>> cases = {
        {"1E9898", 1},
        {"{\n  \"schema\": \"acsconf_vectors_v1.schema.json\",\n  \"numberOfTests\": 1e400\n}", 3},
        {"{\n  \"tcId\": -1E9999\n}", 2},
        {"{\n\n  \"product\": \"Ram\",,\n}", 3},
        {"[\"\xc3\x28\"]", 1},
    };
    for (std::size_t i = 0; i < cases.size(); ++i) {
        const auto file = dir / ("bad" + std::to_string(i) + ".json");
        std::ofstream(file, std::ios::binary) << cases[i].first;
        const auto r = acsconf::runner::load_vector_files({file});
        ASSERT_EQ(r.problems.size(), 1u) << cases[i].first;
        EXPECT_EQ(r.problems[0].file, file.string());
        EXPECT_EQ(r.problems[0].line, cases[i].second) << cases[i].first;
        EXPECT_THAT(r.problems[0].message, HasSubstr("malformed JSON"));
        EXPECT_THAT(r.problems[0].to_string(), HasSubstr(file.string() + ":" + std::to_string(cases[i].second) + ":"));
        EXPECT_TRUE(r.tests().empty());
    }
    EXPECT_THAT(acsconf::runner::load_vector_files({dir / "bad0.json"}).problems[0].message, HasSubstr("number out of range"));
    std::filesystem::remove_all(dir);
}

TEST(Loader, DuplicateTcIdReportsTheSecondOccurrenceLine) {
    const auto r = load({"bad_mixed.json"});
    const Problem* p = find_problem(r, "duplicate tcId");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->line, 21);
    EXPECT_EQ(p->tc_id, 1);
    EXPECT_EQ(p->pointer, "/testGroups/0/tests/1/tcId");
    EXPECT_THAT(p->message, HasSubstr("line 13"));
}

TEST(Loader, WrongNumberOfTestsIsReportedAtItsLine) {
    const auto r = load({"bad_mixed.json"});
    const Problem* p = find_problem(r, "numberOfTests is 7 but the file has 6");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->line, 7);
}

TEST(Loader, SchemaViolationNamesTheTestAndPointer) {
    const auto r = load({"bad_mixed.json"});
    const auto it = std::find_if(r.problems.begin(), r.problems.end(), [](const Problem& p) {
        return p.message.starts_with("schema violation") && p.tc_id == 3;
    });
    ASSERT_NE(it, r.problems.end());
    EXPECT_EQ(it->line, 29);
    EXPECT_EQ(it->pointer, "/testGroups/0/tests/2/result");
}

// Compiled schemas are shared across loads; a schema edited in place must still take effect at once.
TEST(Loader, SchemaEditedBetweenLoadsIsHonoured) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("acsconf-schema-edit-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const fs::path schema = dir / "schema.json";
    acsconf::runner::LoadOptions options;
    options.schema = schema;
    const std::vector<fs::path> files{kData + "/good_ram.json"};

    std::ofstream(schema) << R"({"type": "object"})";
    const auto accepted = acsconf::runner::load_vector_files(files, options);
    EXPECT_TRUE(accepted.problems.empty()) << accepted.problems.front().to_string();

    std::ofstream(schema, std::ios::trunc) << R"({"type": "object", "required": ["noSuchKey"]})";
    const auto rejected = acsconf::runner::load_vector_files(files, options);
    EXPECT_NE(find_problem(rejected, "schema violation"), nullptr);

    std::ofstream(schema, std::ios::trunc) << "{ not json";
    const auto unusable = acsconf::runner::load_vector_files(files, options);
    const Problem* p = find_problem(unusable, "is unusable");
    ASSERT_NE(p, nullptr);
    EXPECT_THAT(p->message, HasSubstr(schema.string()));
    fs::remove_all(dir);
}

// The real schema's per-test rules: `lint` enforces them on any file, not only on generated ones.
class SchemaRules : public ::testing::Test {
protected:
    // A one-test file whose result and expect are the test's to choose; everything else valid.
    LoadResult lint_one(const std::string& result, const std::string& expect) {
        namespace fs = std::filesystem;
        const fs::path dir = fs::temp_directory_path() / ("acsconf-schema-rules-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        const fs::path file = dir / "one.json";
        std::ofstream(file) << R"({
  "schema": "acsconf_vectors_v1.schema.json", "product": "Ram", "version": "2015-05-01",
  "operation": "DetachPolicyFromUser", "sources": {"docs": "docs/sources/ram.md"}, "notes": {},
  "numberOfTests": 1,
  "testGroups": [{"rule": "ram.DetachPolicyFromUser.UserName.length", "tests": [{
    "tcId": 7, "name": "one", "comment": "c", "flags": [], "rules": ["ram.DetachPolicyFromUser.UserName.length"],
    "request": {"params": {"UserName": "u"}},
    "expect": )" << expect << R"(,
    "result": ")" << result << R"("}]}]
})";
        acsconf::runner::LoadOptions options;
        options.schema = ACSCONF_VECTORS_SCHEMA;
        auto r = acsconf::runner::load_vector_files({file}, options);
        fs::remove_all(dir);
        return r;
    }
    static bool violation_at_tc7(const LoadResult& r) {
        return std::any_of(r.problems.begin(), r.problems.end(), [](const Problem& p) {
            return p.message.starts_with("schema violation") && p.tc_id == 7;
        });
    }
};

TEST_F(SchemaRules, AcceptableWithoutAnyOfIsRejected) {
    EXPECT_TRUE(violation_at_tc7(lint_one("acceptable", R"({"status": 400, "code": "X"})")));
    const auto ok = lint_one("acceptable", R"({"anyOf": [{"status": 400}, {"status": 404}]})");
    EXPECT_TRUE(ok.problems.empty()) << ok.problems.front().to_string();
}

TEST_F(SchemaRules, ValidMustExpectSuccessAndOneAnswer) {
    EXPECT_TRUE(violation_at_tc7(lint_one("valid", R"({"status": 400, "code": "InvalidParameter.UserName.Length"})")));
    EXPECT_TRUE(violation_at_tc7(lint_one("valid", R"({"status": 200})")));
    EXPECT_TRUE(violation_at_tc7(lint_one("valid", R"({"anyOf": [{"status": 200, "code": ""}]})")));
    const auto ok = lint_one("valid", R"({"status": 200, "code": ""})");
    EXPECT_TRUE(ok.problems.empty()) << ok.problems.front().to_string();
}

TEST_F(SchemaRules, InvalidMayExpectOneError) {
    const auto ok = lint_one("invalid", R"({"status": 400, "code": "InvalidParameter.UserName.Length"})");
    EXPECT_TRUE(ok.problems.empty()) << ok.problems.front().to_string();
}

TEST(Loader, UnknownRuleAndUndefinedFlagAreReported) {
    const auto r = load({"bad_mixed.json"});
    const Problem* rule = find_problem(r, "unknown rule id 'ram.DetachPolicyFromUser.NoSuchRule'");
    ASSERT_NE(rule, nullptr);
    EXPECT_EQ(rule->tc_id, 4);
    EXPECT_EQ(rule->line, 37);
    const Problem* flag = find_problem(r, "flag 'NotDefinedAnywhere'");
    ASSERT_NE(flag, nullptr);
    EXPECT_EQ(flag->tc_id, 5);
    EXPECT_EQ(flag->line, 45);
}

TEST(Loader, BadTestsDoNotLoseTheGoodOnes) {
    const auto r = load({"bad_mixed.json"});
    // 1 and 6 are clean, 5 only uses an undefined flag (runnable); the duplicate, the schema
    // violation and the unknown rule are left out.
    EXPECT_THAT(ids(r), ::testing::ElementsAre(1, 5, 6));
}

TEST(Loader, MissingPathIsAnErrorNamingIt) {
    try {
        acsconf::runner::expand_vector_paths({kData + "/does_not_exist.json"});
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_THAT(e.what(), HasSubstr("does_not_exist.json"));
    }
}

TEST(Loader, DirectoryExpandsToItsJsonFilesSorted) {
    const auto paths = acsconf::runner::expand_vector_paths({kData});
    ASSERT_GE(paths.size(), 4u);
    EXPECT_TRUE(std::is_sorted(paths.begin(), paths.end()));
    for (const auto& p : paths) EXPECT_EQ(p.extension(), ".json");
}

TEST(Coverage, ReportsRulesAndCodesWithoutVectors) {
    const auto r = load({"good_ram.json"});
    const auto problems = acsconf::runner::coverage_problems(r, {"DetachPolicyFromUser"});
    auto mentions = [&](const std::string& needle) {
        return std::any_of(problems.begin(), problems.end(), [&](const Problem& p) { return p.message.find(needle) != std::string::npos; });
    };
    EXPECT_TRUE(mentions("rule ram.DetachPolicyFromUser.Attachment.exists has no vector"));
    EXPECT_FALSE(mentions("rule ram.DetachPolicyFromUser.UserName.length has"));  // covered by tc1
    EXPECT_TRUE(mentions("error code EntityNotExist.User.Policy"));
    EXPECT_FALSE(mentions("error code EntityNotExist.User documented for DetachPolicyFromUser appears"));  // tc2 expects it
    // ... but only in JSON: every documented code must also be judged in XML by some vector ("formats").
    EXPECT_TRUE(mentions("error code EntityNotExist.User documented for DetachPolicyFromUser is judged in JSON only"));
}

TEST(Coverage, MissingOperationFileIsReported) {
    const auto r = load({"good_ram.json"});
    const auto problems = acsconf::runner::coverage_problems(r, {"DetachAppPolicyFromIdentity"});
    ASSERT_FALSE(problems.empty());
    EXPECT_THAT(problems.front().message, HasSubstr("no vector file for operation DetachAppPolicyFromIdentity"));
}

}  // namespace
