// acsconf_conformance: every vector is one GoogleTest test, run on the in-process endpoint.
//   suite = "Ram_DetachPolicyFromUser", test = "tc42_username_64_chars" ("…_xml" for the XML instance of a
//   vector with "formats"), file:line = the vector's tcId.
// Vectors come from $ACSCONF_VECTORS (a directory or file) or the source tree's vectors/.
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/vectors.hpp"

namespace {

using acsconf::runner::Judgement;

std::string join(const std::vector<std::string>& items, const char* separator) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
    return out;
}

class VectorTest : public testing::Test {
public:
    VectorTest(const acsconf::runner::TestCase* test, acsconf::harness::Endpoint* endpoint, acsconf::harness::Format format)
        : test_(test), endpoint_(endpoint), format_(format) {}

    void TestBody() override {
        acsconf::runner::ExecOptions options;
        options.format = format_;
        const auto result = acsconf::runner::execute_vector(*test_, *endpoint_, options);
        RecordProperty("vector_id", result.vector_id);
        RecordProperty("rules", join(result.rules, ","));
        RecordProperty("expected_result", result.expected_result);
        RecordProperty("outcome", acsconf::runner::outcome_name(result.outcome));
        if (!result.matched.empty()) RecordProperty("matched", result.matched);
        switch (result.outcome) {
            case Judgement::Pass:
            case Judgement::Xpass: return;  // no expectations file here; kept for completeness
            case Judgement::Xfail: GTEST_SKIP() << "expected failure: " << result.reason;
            case Judgement::Fail: ADD_FAILURE_AT(result.file.c_str(), result.line) << result.vector_id << ": " << result.reason; return;
            case Judgement::Skip: GTEST_SKIP() << result.reason;
            case Judgement::Error:
                ADD_FAILURE_AT(result.file.c_str(), result.line) << "could not judge " << result.vector_id << ": " << result.reason;
                return;
        }
    }

private:
    const acsconf::runner::TestCase* test_;
    acsconf::harness::Endpoint* endpoint_;
    acsconf::harness::Format format_;
};

// Lint problems of the vector files, reported as one failing test so they are never silent.
class VectorFilesLint : public testing::Test {
public:
    explicit VectorFilesLint(std::vector<acsconf::runner::Problem> problems) : problems_(std::move(problems)) {}
    void TestBody() override {
        for (const auto& problem : problems_) ADD_FAILURE_AT(problem.file.c_str(), problem.line) << problem.to_string();
    }

private:
    std::vector<acsconf::runner::Problem> problems_;
};

}  // namespace

int main(int argc, char** argv) {
    testing::InitGoogleTest(&argc, argv);
    const char* from_env = std::getenv("ACSCONF_VECTORS");
    const std::string source = from_env != nullptr && *from_env != '\0' ? from_env : ACSCONF_DEFAULT_VECTORS_DIR;

    static acsconf::runner::LoadResult loaded;  // outlives every registered test
    std::vector<acsconf::runner::Problem> problems;
    try {
        loaded = acsconf::runner::load_vector_files(acsconf::runner::expand_vector_paths({source}));
        problems = loaded.problems;
    } catch (const std::exception& e) {
        problems.push_back({source, 0, "", 0, e.what()});
    }
    static std::unique_ptr<acsconf::harness::Endpoint> endpoint = acsconf::harness::make_inprocess_endpoint();

    testing::RegisterTest("VectorFiles", "lint", nullptr, nullptr, __FILE__, __LINE__,
                          [problems]() -> testing::Test* { return new VectorFilesLint(problems); });
    for (const auto* test : loaded.tests()) {
        const auto slash = test->vector_id.find('/');
        const std::string suite = test->vector_id.substr(0, slash);
        const std::string name = test->vector_id.substr(slash + 1);
        // One test per format the vector is judged in; the XML instance is "<name>_xml".
        for (const auto& format_name : test->formats) {
            const auto format = format_name == "XML" ? acsconf::harness::Format::Xml : acsconf::harness::Format::Json;
            const std::string instance = format == acsconf::harness::Format::Xml ? name + "_xml" : name;
            testing::RegisterTest(suite.c_str(), instance.c_str(), nullptr, nullptr, test->file.c_str(), test->line,
                                  [test, format]() -> testing::Test* { return new VectorTest(test, endpoint.get(), format); });
        }
    }
    return RUN_ALL_TESTS();
}
