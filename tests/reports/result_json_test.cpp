#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "acsconf/reports/reports.hpp"
#include "sample_run.hpp"

namespace acsconf::reports {
namespace {

using nlohmann::json;
using runner::Judgement;
using testing::sample_run;

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::filesystem::path temp_file(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("acsconf_reports_tests_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir / name;
}

// Validates against the schema file as committed (not the compiled-in copy).
bool valid_against_committed_schema(const json& doc) {
    const json schema_doc = json::parse(read_file(std::filesystem::path(ACSCONF_REPORTS_SCHEMA_DIR) / "result_v1.schema.json"));
    valijson::Schema schema;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter schema_adapter(schema_doc);
    parser.populateSchema(schema_adapter, schema);
    valijson::Validator validator;
    valijson::adapters::NlohmannJsonAdapter doc_adapter(doc);
    return validator.validate(schema, doc_adapter, nullptr);
}

void expect_error_mentions(const json& doc, const std::string& needle) {
    try {
        from_json(doc);
        FAIL() << "from_json accepted a bad document; expected an error mentioning " << needle;
    } catch (const ResultFileError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

TEST(ResultJson, HeaderIsVersionedAndSummaryCountsOutcomes) {
    const json doc = to_json(sample_run());
    EXPECT_EQ(doc["schemaVersion"], 1);
    EXPECT_EQ(doc["kind"], "acsconf-result");
    EXPECT_EQ(doc["summary"]["verdict"], "FAIL");
    EXPECT_EQ(doc["summary"]["total"], 6);
    EXPECT_EQ(doc["summary"]["outcomes"], (json{{"pass", 3}, {"fail", 1}, {"error", 1}, {"skip", 1}}));
    EXPECT_EQ(doc["summary"]["byProduct"]["Vod"], (json{{"pass", 2}, {"fail", 0}, {"error", 0}, {"skip", 0}}));
    EXPECT_EQ(doc["summary"]["byRule"]["ram.DetachPolicyFromUser.rule2"]["fail"], 1);
    EXPECT_EQ(doc["summary"]["byOperation"]["Ram_DetachPolicyFromUser"]["error"], 1);
    // The acceptable vector expects two codes; each is counted.
    EXPECT_EQ(doc["summary"]["byErrorCode"]["MissingPolicyNames"]["pass"], 1);
    EXPECT_EQ(doc["summary"]["byErrorCode"]["(success)"]["pass"], 1);
    EXPECT_EQ(doc["run"]["signatureVersion"], "v1");
    EXPECT_EQ(doc["vectors"][4]["matched"], "EntityNotExist.User");
}

TEST(ResultJson, OutputFollowsTheCommittedSchema) {
    EXPECT_TRUE(valid_against_committed_schema(to_json(sample_run())));
    EXPECT_TRUE(valid_against_committed_schema(to_json(runner::RunResult{})));
    // And the schema does constrain: a bad outcome is refused by it.
    json doc = to_json(sample_run());
    doc["vectors"][0]["outcome"] = "passed";
    EXPECT_FALSE(valid_against_committed_schema(doc));
}

TEST(ResultJson, CompiledInSchemaIsTheCommittedOne) {
    EXPECT_EQ(json::parse(result_schema_text()),
              json::parse(read_file(std::filesystem::path(ACSCONF_REPORTS_SCHEMA_DIR) / "result_v1.schema.json")));
}

TEST(ResultJson, RoundTripKeepsEveryField) {
    const runner::RunResult original = sample_run();
    const runner::RunResult back = from_json(to_json(original));
    EXPECT_EQ(back.acsconf_version, original.acsconf_version);
    EXPECT_EQ(back.vectors_digest, original.vectors_digest);
    EXPECT_EQ(back.vector_files, original.vector_files);
    EXPECT_EQ(back.endpoint, original.endpoint);
    EXPECT_EQ(back.format, original.format);
    EXPECT_EQ(back.signature_version, original.signature_version);
    EXPECT_EQ(back.run_id, original.run_id);
    EXPECT_EQ(back.started_at, original.started_at);
    EXPECT_EQ(back.finished_at, original.finished_at);
    EXPECT_EQ(back.filter, original.filter);
    ASSERT_EQ(back.vectors.size(), original.vectors.size());
    for (std::size_t i = 0; i < original.vectors.size(); ++i) {
        const auto& a = original.vectors[i];
        const auto& b = back.vectors[i];
        SCOPED_TRACE(a.vector_id);
        EXPECT_EQ(b.vector_id, a.vector_id);
        EXPECT_EQ(b.file, a.file);
        EXPECT_EQ(b.line, a.line);
        EXPECT_EQ(b.tc_id, a.tc_id);
        EXPECT_EQ(b.product, a.product);
        EXPECT_EQ(b.operation, a.operation);
        EXPECT_EQ(b.comment, a.comment);
        EXPECT_EQ(b.expected_result, a.expected_result);
        EXPECT_EQ(b.rules, a.rules);
        EXPECT_EQ(b.flags, a.flags);
        EXPECT_EQ(b.outcome, a.outcome);
        EXPECT_EQ(b.reason, a.reason);
        EXPECT_EQ(b.expected, a.expected);
        EXPECT_EQ(b.actual, a.actual);
        EXPECT_EQ(b.matched, a.matched);
        EXPECT_DOUBLE_EQ(b.duration_ms, a.duration_ms);
        ASSERT_EQ(b.exchanges.size(), a.exchanges.size());
        EXPECT_EQ(b.exchanges[0].params, a.exchanges[0].params);
        EXPECT_EQ(b.exchanges[0].request_id, a.exchanges[0].request_id);
        EXPECT_EQ(b.exchanges[0].http_status, a.exchanges[0].http_status);
        EXPECT_EQ(b.reproduce, a.reproduce);
    }
    EXPECT_EQ(to_json(back), to_json(original));
}

TEST(ResultJson, FileRoundTripAndReadErrorsNameTheFile) {
    const auto file = temp_file("result.json");
    write_result_json(sample_run(), file);
    EXPECT_EQ(to_json(read_result_json(file)), to_json(sample_run()));

    std::ofstream(temp_file("corrupt.json")) << "{\"schemaVersion\": 1, \"kind\": \"acsconf-result\", ";
    try {
        read_result_json(temp_file("corrupt.json"));
        FAIL() << "a truncated file was accepted";
    } catch (const ResultFileError& e) {
        EXPECT_NE(std::string(e.what()).find("corrupt.json"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
    }
    EXPECT_THROW(read_result_json(temp_file("does_not_exist.json")), ResultFileError);
}

TEST(ResultJson, OtherVersionOrKindIsRefusedClearly) {
    json doc = to_json(sample_run());
    doc["schemaVersion"] = 2;
    expect_error_mentions(doc, "schemaVersion");
    doc = to_json(sample_run());
    doc.erase("schemaVersion");
    expect_error_mentions(doc, "schemaVersion\" is missing");
    doc = to_json(sample_run());
    doc["kind"] = "wycheproof";
    expect_error_mentions(doc, "not an acsconf result file");
    expect_error_mentions(json::array(), "not a JSON object");
}

TEST(ResultJson, SchemaViolationNamesTheField) {
    json doc = to_json(sample_run());
    doc["vectors"][1].erase("outcome");
    expect_error_mentions(doc, "does not follow result_v1.schema.json");
    doc = to_json(sample_run());
    doc["vectors"][1]["line"] = "ten";
    expect_error_mentions(doc, "line");
}

TEST(ResultJson, SecretsNeverReachTheDocument) {
    runner::RunResult run = sample_run();
    run.vectors[0].exchanges[0].params["Signature"] = "c2VjcmV0LXNpZ25hdHVyZQ==";
    run.vectors[0].exchanges[0].params["AccessKeySecret"] = "topsecretvalue";
    run.vectors[0].exchanges[0].params["SecurityToken"] = "sts-token-value";
    run.vectors[0].reproduce = "curl 'http://h/?Action=X&Signature=abcDEF123&SecurityToken=tok999' -H 'Authorization: ACS3-HMAC-SHA256 Credential=id,Signature=deadbeef'";
    const std::string text = to_json(run).dump();
    for (const char* secret : {"c2VjcmV0LXNpZ25hdHVyZQ==", "topsecretvalue", "sts-token-value", "abcDEF123", "tok999", "deadbeef"})
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    EXPECT_NE(text.find("Action=X"), std::string::npos);  // the rest of the command survives
}

TEST(ResultJson, RawBytesBecomeVisibleEscapes) {
    runner::RunResult run = sample_run();
    run.vectors[0].comment = std::string("bad \xc3\x28 byte, NUL ") + '\0' + " here, 中文 kept";
    const json doc = to_json(run);  // must not throw on invalid UTF-8
    const std::string comment = doc["vectors"][0]["comment"];
    EXPECT_NE(comment.find("\\xc3("), std::string::npos) << comment;
    EXPECT_NE(comment.find("\\x00"), std::string::npos) << comment;
    EXPECT_NE(comment.find("中文"), std::string::npos) << comment;
    EXPECT_NO_THROW((void)doc.dump());
}

// Every field of a real document, replaced by each wrong-typed value: from_json either accepts it
// (free-form fields such as "expected") or throws ResultFileError; never another exception or a crash.
TEST(ResultJson, EveryMistypedFieldGivesResultFileError) {
    const json original = to_json(sample_run());
    const json flat = original.flatten();
    const std::vector<json> replacements = {nullptr, 7, -1, 2.5, "text", json::array(), json::object(), true};
    int refused = 0;
    for (const auto& [pointer, value] : flat.items()) {
        for (const auto& replacement : replacements) {
            json doc = original;
            doc[json::json_pointer(pointer)] = replacement;
            try {
                (void)from_json(doc);
            } catch (const ResultFileError&) {
                ++refused;
            } catch (const std::exception& e) {
                ADD_FAILURE() << pointer << " = " << replacement.dump() << " escaped as " << e.what();
            }
        }
    }
    EXPECT_GT(refused, 100);
}

TEST(Summary, VerdictPrefersFailOverError) {
    runner::RunResult run = sample_run();
    EXPECT_EQ(summarize(run).verdict, Verdict::Fail);
    run.vectors.erase(run.vectors.begin() + 1);  // drop the failing vector
    EXPECT_EQ(summarize(run).verdict, Verdict::Error);
    run.vectors.erase(run.vectors.begin() + 1);  // drop the erroring vector
    EXPECT_EQ(summarize(run).verdict, Verdict::Pass);
    EXPECT_EQ(summarize(runner::RunResult{}).verdict, Verdict::Pass);
}

TEST(Summary, UnknownOutcomeWordIsAnError) {
    EXPECT_EQ(parse_outcome("skip"), Judgement::Skip);
    EXPECT_THROW(parse_outcome("PASS"), ResultFileError);
}

}  // namespace
}  // namespace acsconf::reports
