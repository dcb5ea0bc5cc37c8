// Issue 10's judging: an answer's own `then` per alternative, the format asked, deliberately bad
// requests (request.fault), one instance per format, and expectations files (xfail, xpass, drift).
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/expectations.hpp"
#include "acsconf/runner/run.hpp"
#include "fake_endpoint.hpp"

namespace {

using namespace acsconf::runner;
using acsconf::harness::Fault;
using acsconf::harness::Format;
using acsconf::runner::testing::failure;
using acsconf::runner::testing::FakeEndpoint;
using acsconf::runner::testing::inline_detach_vector;
using acsconf::runner::testing::success;
using nlohmann::json;
using ::testing::HasSubstr;

TestCase acceptable_case_vector() {
    TestCase t = inline_detach_vector(3, 72, "case", "ram.DetachPolicyFromUser.PolicyType.values", "acceptable");
    t.request = {{"params", {{"PolicyType", "system"}, {"PolicyName", "P"}, {"UserName", "u"}}}};
    const auto list = [](const char* key) {
        return json{{"call", "ListPoliciesForUser"},
                    {"params", {{"UserName", "u"}}},
                    {"path", "Policies.Policy[*].PolicyName"},
                    {key, json::array({"P"})}};
    };
    json accepted = {{"code", ""}, {"label", "Accepted"}};
    accepted["then"] = json::array({list("excludes")});
    json rejected = {{"code", "InvalidParameter.PolicyType"}, {"label", "Rejected"}};
    rejected["then"] = json::array({list("includes")});
    t.expect = {{"anyOf", json::array({accepted, rejected})}};
    return t;
}

ExecOptions fixed(Format format = Format::Json) {
    ExecOptions o;
    o.format = format;
    o.run_token = [] { return std::string("abcd1234"); };
    return o;
}

// The policy list the fake endpoint shows after the request.
FakeEndpoint endpoint_listing(json request_answer_is_success, bool still_listed) {
    FakeEndpoint e;
    e.handler = [=](const acsconf::model::Call& call) {
        if (call.action == "ListPoliciesForUser")
            return success({{"Policies", {{"Policy", still_listed ? json::array({{{"PolicyName", "P"}}}) : json::array()}}}});
        return request_answer_is_success.get<bool>() ? success() : failure(400, "InvalidParameter.PolicyType");
    };
    return e;
}

TEST(AlternativeThen, ASuccessThatDetachedNothingFails) {
    auto e = endpoint_listing(true, /*still_listed=*/true);
    const auto r = execute_vector(acceptable_case_vector(), e, fixed());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("expect[Accepted].then[0]"));
    EXPECT_THAT(r.reason, HasSubstr("still has \"P\""));
}

TEST(AlternativeThen, ASuccessThatDetachedPassesAndOnlyItsOwnChecksRun) {
    auto e = endpoint_listing(true, /*still_listed=*/false);
    const auto r = execute_vector(acceptable_case_vector(), e, fixed());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    EXPECT_EQ(r.matched, "Accepted");
    const auto actions = e.actions();
    EXPECT_EQ(std::count(actions.begin(), actions.end(), "ListPoliciesForUser"), 1);
}

TEST(AlternativeThen, ARejectionMustLeaveThePolicy) {
    auto kept = endpoint_listing(false, /*still_listed=*/true);
    EXPECT_EQ(execute_vector(acceptable_case_vector(), kept, fixed()).outcome, Judgement::Pass);
    auto lost = endpoint_listing(false, /*still_listed=*/false);
    const auto r = execute_vector(acceptable_case_vector(), lost, fixed());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("expect[Rejected].then[0]"));
}

TEST(AlternativeThen, TheFirstMatchingAlternativeWhoseEffectHoldsIsTheAnswer) {
    TestCase t = acceptable_case_vector();
    // Two success readings: "detached" (not listed) and "kept" (still listed); the endpoint kept it.
    json kept = t.expect["anyOf"][0];
    kept["label"] = "Kept";
    kept["then"][0].erase("excludes");
    kept["then"][0]["includes"] = {"P"};
    t.expect["anyOf"].push_back(kept);
    auto e = endpoint_listing(true, /*still_listed=*/true);
    const auto r = execute_vector(t, e, fixed());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    EXPECT_EQ(r.matched, "Kept");
}

TEST(FormatCheck, AnAnswerInTheOtherFormatFailsNamingTheMismatch) {
    TestCase t = acceptable_case_vector();
    t.expect = {{"code", ""}};
    t.result = "valid";
    class JsonOnly final : public acsconf::harness::Endpoint {
    public:
        std::string name() const override { return "json-only"; }
        acsconf::harness::Response send(const acsconf::model::Call&, const acsconf::harness::SendOptions&) override {
            auto r = success();
            r.format = Format::Json;
            r.content_type = "application/json;charset=utf-8";
            return r;
        }
        bool set_precondition(std::string_view, std::string_view) override { return false; }
        std::string precondition(std::string_view) const override { return {}; }
        bool can_act_as(std::string_view) const override { return true; }
    } json_only;
    EXPECT_EQ(execute_vector(t, json_only, fixed(Format::Json)).outcome, Judgement::Pass);
    const auto r = execute_vector(t, json_only, fixed(Format::Xml));
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("common.response.format: asked for XML, the body is JSON"));
}

TEST(FormatCheck, AContentTypeNamingTheOtherFormatFails) {
    TestCase t = acceptable_case_vector();
    t.expect = {{"code", ""}};
    FakeEndpoint e;
    e.handler = [](const acsconf::model::Call&) {
        auto r = success();
        r.content_type = "application/json";  // the body is decoded as XML (FakeEndpoint copies the asked format)
        return r;
    };
    const auto r = execute_vector(t, e, fixed(Format::Xml));
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("the Content-Type is \"application/json\""));
}

TEST(Fault, IsSentWithTheRequestOnlyAndSkippedWhereUnsupported) {
    TestCase t = acceptable_case_vector();
    t.request["fault"] = "signature.tampered";
    t.expect = {{"code", "SignatureDoesNotMatch"}};
    t.given = json::array({{{"call", "CreateUser"}, {"params", {{"UserName", "u"}}}}});
    FakeEndpoint refuses;
    const auto skipped = execute_vector(t, refuses, fixed());
    EXPECT_EQ(skipped.outcome, Judgement::Skip);
    EXPECT_THAT(skipped.reason, HasSubstr("request.fault signature.tampered: fake cannot send it"));
    EXPECT_TRUE(refuses.calls.empty()) << "nothing may be created before the skip";

    FakeEndpoint sends;
    sends.sendable_faults = {Fault::SignatureTampered};
    // Fixture calls (and their read-only verification) succeed; the operation under test is refused.
    sends.handler = [&t, &sends](const acsconf::model::Call& c) {
        return c.action == t.operation ? failure(400, "SignatureDoesNotMatch") : sends.holding(c);
    };
    const auto r = execute_vector(t, sends, fixed());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    ASSERT_EQ(sends.sent_options.size(), sends.calls.size());
    ASSERT_GE(sends.calls.size(), 3u);  // CreateUser (and its check), the request, DeleteUser
    for (std::size_t i = 0; i < sends.calls.size(); ++i)
        EXPECT_EQ(sends.sent_options[i].fault, sends.calls[i].action == t.operation ? Fault::SignatureTampered : Fault::None)
            << sends.calls[i].action;
    EXPECT_EQ(sends.calls.back().action, "DeleteUser");
}

LoadResult two_format_suite() {
    LoadResult loaded;
    VectorFile file;
    file.path = "inline.json";
    TestCase both = acceptable_case_vector();
    both.expect = {{"code", ""}};
    both.formats = {"JSON", "XML"};
    TestCase json_only = both;
    json_only.vector_id = "Ram_DetachPolicyFromUser/tc1_json";
    json_only.formats = {"JSON"};
    file.tests = {both, json_only};
    loaded.files.push_back(file);
    return loaded;
}

TEST(Formats, EachVectorRunsInItsOwnFormatsUnlessTheRunSaysOtherwise) {
    const LoadResult loaded = two_format_suite();
    FakeEndpoint e;
    RunOptions options;
    std::vector<std::string> ids;
    for (const auto& v : run_vectors(loaded, e, options).vectors) ids.push_back(v.vector_id + " " + v.format);
    EXPECT_THAT(ids, ::testing::ElementsAre("Ram_DetachPolicyFromUser/tc72_case JSON",
                                            "Ram_DetachPolicyFromUser/tc72_case.xml XML",
                                            "Ram_DetachPolicyFromUser/tc1_json JSON"));
    options.formats = FormatChoice::Both;
    EXPECT_EQ(run_vectors(loaded, e, options).vectors.size(), 4u);
    EXPECT_EQ(run_vectors(loaded, e, options).format, "JSON+XML");
    options.formats = FormatChoice::Xml;
    const auto xml = run_vectors(loaded, e, options);
    ASSERT_EQ(xml.vectors.size(), 2u);
    EXPECT_EQ(xml.vectors[1].vector_id, "Ram_DetachPolicyFromUser/tc1_json.xml");
    options.formats = FormatChoice::PerVector;
    options.filter = "*.xml";
    EXPECT_EQ(run_vectors(loaded, e, options).vectors.size(), 1u);
}

// ---- expectations ----

TEST(Expectations, ParsesEntriesSkippingCommentsAndBlankLines) {
    const auto e = parse_expectations("# header\n\n"
                                      R"({"vector": "Ram_*/tc7_*", "outcome": "fail", "reason": "caps at 63"})" "\n"
                                      R"({"vector": "Ram_X/tc1_a", "accept": ["L1", "L2"], "reason": "probe"})" "\n",
                                      "exp.jsonl");
    ASSERT_EQ(e.entries.size(), 2u);
    EXPECT_TRUE(e.entries[0].known_failure);
    EXPECT_EQ(e.entries[0].line, 3);
    EXPECT_EQ(e.entries[1].accept, (std::vector<std::string>{"L1", "L2"}));
    EXPECT_EQ(e.entries[1].where(), "exp.jsonl:4");
}

TEST(Expectations, MalformedLinesAreErrorsNamingFileAndLine) {
    const std::vector<std::pair<std::string, std::string>> bad = {
        {"{not json", "exp.jsonl:2: not a JSON object on one line"},
        {R"({"vector": "a", "outcome": "fail"})", "exp.jsonl:2: "},                              // no reason
        {R"({"vector": "a", "outcome": "pass", "reason": "r"})", "exp.jsonl:2: "},               // only "fail"
        {R"({"vector": "a", "outcome": "fail", "accept": ["x"], "reason": "r"})", "exp.jsonl:2: "},  // both
        {R"({"vector": "a", "reason": "r", "extra": 1})", "exp.jsonl:2: "},
        {R"({"vector": "a", "accept": [], "reason": "r"})", "exp.jsonl:2: "},
    };
    for (const auto& [line, prefix] : bad) {
        try {
            parse_expectations("# first line\n" + line + "\n", "exp.jsonl");
            ADD_FAILURE() << "accepted: " << line;
        } catch (const ExpectationsError& e) {
            EXPECT_THAT(e.what(), ::testing::StartsWith(prefix)) << line;
        }
    }
    EXPECT_THROW(parse_expectations(R"({"vector": "a", "outcome": "fail", "reason": "r"})" "\n"
                                    R"({"vector": "a", "outcome": "fail", "reason": "again"})",
                                    "exp.jsonl"),
                 ExpectationsError);
    EXPECT_THROW(load_expectations("/nonexistent/exp.jsonl"), ExpectationsError);
}

VectorResult result(const std::string& id, Judgement outcome, const std::string& matched = "") {
    VectorResult v;
    v.vector_id = id;
    v.outcome = outcome;
    v.matched = matched;
    v.expected_result = "acceptable";
    v.reason = outcome == Judgement::Fail ? "broke it" : "";
    return v;
}

TEST(Expectations, KnownFailuresBecomeXfailOrXpassAndAcceptNarrowsToCatchDrift) {
    const auto e = parse_expectations(R"({"vector": "A/tc1_*", "outcome": "fail", "reason": "known"})" "\n"
                                      R"({"vector": "A/tc2_b", "accept": ["L1"], "reason": "probe"})" "\n",
                                      "exp.jsonl");
    RunResult run;
    run.vectors = {result("A/tc1_a", Judgement::Fail), result("A/tc1_a.xml", Judgement::Pass),
                   result("A/tc2_b", Judgement::Pass, "L1"), result("A/tc2_b", Judgement::Pass, "L2"),
                   result("A/tc3_c", Judgement::Fail)};
    apply_expectations(run, e);
    EXPECT_EQ(run.vectors[0].outcome, Judgement::Xfail);
    EXPECT_EQ(run.vectors[0].expectation, "exp.jsonl:1: known");
    EXPECT_EQ(run.vectors[1].outcome, Judgement::Xpass);
    EXPECT_EQ(run.vectors[2].outcome, Judgement::Pass);
    EXPECT_EQ(run.vectors[3].outcome, Judgement::Fail);
    EXPECT_THAT(run.vectors[3].reason, HasSubstr("drift: the endpoint answered \"L2\", exp.jsonl:2 recorded [L1]"));
    EXPECT_EQ(run.vectors[4].outcome, Judgement::Fail);
    EXPECT_EQ(run.expectations, "exp.jsonl");
}

TEST(Expectations, NeitherXfailNorXpassChangesTheExitCodeUnlessStrict) {
    RunResult run;
    run.vectors = {result("A/tc1_a", Judgement::Xfail), result("A/tc1_b", Judgement::Xpass), result("A/tc1_c", Judgement::Pass)};
    EXPECT_EQ(run_exit_code(run), 0);
    run.strict_expectations = true;
    EXPECT_EQ(run_exit_code(run), 1);
}

TEST(Expectations, UnmatchedEntriesAreNamed) {
    const auto e = parse_expectations(R"({"vector": "A/tc9_*", "outcome": "fail", "reason": "typo"})", "exp.jsonl");
    const auto unmatched = unmatched_expectations(e, {"A/tc1_a"});
    ASSERT_EQ(unmatched.size(), 1u);
    EXPECT_THAT(unmatched[0], ::testing::StartsWith("exp.jsonl:1: vector \"A/tc9_*\" matches no loaded vector"));
    EXPECT_TRUE(unmatched_expectations(e, {"A/tc9_x"}).empty());
}

TEST(Expectations, ProbeWritesOneAcceptLinePerPassedAcceptableVectorThatParsesBack) {
    RunResult run;
    run.endpoint = "http://127.0.0.1:1";
    run.run_id = "R1";
    run.vectors = {result("A/tc1_a", Judgement::Pass, "L1"), result("A/tc2_b", Judgement::Fail), result("A/tc3_c", Judgement::Pass, "0")};
    run.vectors.push_back(result("A/tc4_d", Judgement::Pass, "Success"));
    run.vectors.back().expected_result = "valid";
    const auto parsed = parse_expectations(expectations_from_probe(run), "probe.jsonl");
    ASSERT_EQ(parsed.entries.size(), 2u);
    EXPECT_EQ(parsed.entries[0].vector, "A/tc1_a");
    EXPECT_EQ(parsed.entries[0].accept, std::vector<std::string>{"L1"});
    EXPECT_EQ(parsed.entries[1].accept, std::vector<std::string>{"0"});
}

}  // namespace
