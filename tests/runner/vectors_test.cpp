// The two key checks of the real vector files (vectors/):
//  - vectors_lint: they lint clean and cover every catalogue rule and documented error code;
//  - mutation_selfcheck: every deliberate deviation is caught by at least one vector: model deviations
//    in-process, gateway deviations over the bundled mock in both signature versions.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/http_endpoint.hpp"
#include "acsconf/mock/server.hpp"
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
    // Every vector in both formats, one job: instances of a vector run one after the other, sharing
    // their run's fixture sets as in any run.
    acsconf::runner::RunOptions options;
    options.formats = acsconf::runner::FormatChoice::Both;
    const auto run = run_vectors(real_vectors(), *endpoint, options);
    for (const auto& v : run.vectors)
        // Skips are allowed (an `orSkip` fixture the model legitimately refuses); fail/error are not.
        if (v.outcome == Judgement::Fail || v.outcome == Judgement::Error) ADD_FAILURE_AT(v.file.c_str(), v.line) << outcome_name(v.outcome) << " " << v.vector_id << ": " << v.reason;
}

// The run of the whole suite against the bundled mock with `deviation` injected, signing as `signature`.
RunResult run_on_mock(const std::string& deviation, acsconf::harness::SignatureVersion signature) {
    acsconf::mock::ServerOptions server_options;
    server_options.port = 0;
    server_options.service.model.deviation = deviation;
    acsconf::mock::Server server(server_options);
    server.start();
    acsconf::harness::HttpEndpointOptions http;
    http.ram_url = server.base_url();
    http.signature = signature;
    http.max_attempts = 1;
    for (const auto& key : server_options.service.access_keys)
        http.credentials[key.principal] = acsconf::harness::Credentials{key.id, key.secret, ""};
    auto endpoint = acsconf::harness::make_http_endpoint(std::move(http));
    RunResult run = run_vectors(real_vectors(), *endpoint);
    endpoint.reset();
    server.stop();
    return run;
}

TEST(mutation_selfcheck, EveryDeviationIsCaught) {
    const auto& deviations = acsconf::model::deviation_catalogue();
    ASSERT_FALSE(deviations.empty());
    std::vector<std::string> surviving;
    for (const auto& deviation : deviations) {
        if (deviation.layer == acsconf::model::DeviationLayer::Gateway) {
            for (auto signature : {acsconf::harness::SignatureVersion::V1, acsconf::harness::SignatureVersion::V3})
                if (summarize_run(run_on_mock(deviation.id, signature)).outcomes.fail == 0)
                    surviving.push_back(deviation.id + " (" + deviation.rule_id + ", mock " +
                                        std::string(acsconf::harness::signature_version_name(signature)) + ")");
            continue;
        }
        auto endpoint = acsconf::harness::make_inprocess_endpoint({deviation.id});
        const auto run = run_vectors(real_vectors(), *endpoint);
        if (summarize_run(run).outcomes.fail == 0) surviving.push_back(deviation.id + " (" + deviation.rule_id + ")");
    }
    std::string list;
    for (const auto& s : surviving) list += "\n  " + s;
    EXPECT_TRUE(surviving.empty()) << surviving.size() << " of " << deviations.size()
                                   << " deviations survive every vector:" << list;
}

TEST(vectors_lint, FaithfulMockPassesEveryVectorInBothSignatureVersions) {
    for (auto signature : {acsconf::harness::SignatureVersion::V1, acsconf::harness::SignatureVersion::V3}) {
        const auto run = run_on_mock("", signature);
        for (const auto& v : run.vectors)
            if (v.outcome == Judgement::Fail || v.outcome == Judgement::Error)
                ADD_FAILURE_AT(v.file.c_str(), v.line) << acsconf::harness::signature_version_name(signature) << " "
                                                       << outcome_name(v.outcome) << " " << v.vector_id << ": " << v.reason;
    }
}

}  // namespace
