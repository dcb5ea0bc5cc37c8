// Executor: substitution, matching, fixtures, teardown, outcomes. Uses a scripted endpoint so each
// test controls the answers exactly.
#include <chrono>
#include <regex>
#include <set>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acsconf/harness/run_token.hpp"

#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/run.hpp"
#include "fake_endpoint.hpp"

namespace {

using namespace acsconf::runner;
using acsconf::runner::testing::failure;
using acsconf::runner::testing::FakeEndpoint;
using acsconf::runner::testing::inline_detach_vector;
using acsconf::runner::testing::success;
using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TestCase make_test(json given, json request, json expect, json then = json::array()) {
    TestCase t = inline_detach_vector(10, 7, "inline", "ram.DetachPolicyFromUser.User.exists", "invalid");
    t.given = std::move(given);
    t.request = std::move(request);
    t.expect = std::move(expect);
    t.then = std::move(then);
    return t;
}

ExecOptions fixed_run(const std::string& token = "abcd1234") {
    ExecOptions o;
    o.run_token = [token] { return token; };
    return o;
}

// ---- substitution ----

TEST(Substitution, RepeatGivesExactLength) {
    EXPECT_EQ(expand_value(json{{"repeat", "a"}, {"count", 65}}, {}).size(), 65u);
    EXPECT_EQ(expand_value(json{{"repeat", "ab"}, {"count", 0}}, {}), "");
}

TEST(Substitution, ConcatWithRunTokenKeepsLengthExact) {
    const json value = {{"concat", json::array({"${run}", json{{"repeat", "a"}, {"count", 56}}})}};
    const std::string out = expand_value(value, {{"run", "k3x9a0b1"}});
    EXPECT_EQ(out.size(), 64u);
    EXPECT_TRUE(out.starts_with("k3x9a0b1aaaa"));
}

TEST(Substitution, HexGivesRawBytesIgnoringSpaces) {
    EXPECT_EQ(expand_value(json{{"hex", "c3 28"}}, {}), std::string("\xc3\x28"));
    EXPECT_EQ(expand_value(json{{"hex", "00 7f"}}, {}), std::string("\x00\x7f", 2));
}

TEST(Substitution, BadValuesThrowNamingTheProblem) {
    EXPECT_THROW(expand_value(json{{"hex", "c3 2"}}, {}), SubstitutionError);
    EXPECT_THROW(expand_value(json{{"hex", "zz"}}, {}), SubstitutionError);
    EXPECT_THROW(expand_value(json{{"repeat", "a"}, {"count", -1}}, {}), SubstitutionError);
    EXPECT_THROW(expand_value(json(5), {}), SubstitutionError);
    try {
        substitute_text("${nope}-u", {{"run", "x"}});
        FAIL();
    } catch (const SubstitutionError& e) {
        EXPECT_THAT(e.what(), HasSubstr("${nope}"));
    }
    EXPECT_THROW(substitute_text("${run", {{"run", "x"}}), SubstitutionError);
}

TEST(Substitution, RunTokenCarriesThePrefixAndTheTimeAndIsUnique) {
    std::set<std::string> seen;
    const std::regex shape("^acsconf[a-z0-9]{11}$");
    for (int i = 0; i < 2000; ++i) {
        const std::string token = new_run_token();
        EXPECT_TRUE(std::regex_match(token, shape)) << token;
        EXPECT_TRUE(seen.insert(token).second) << "repeated " << token;
        // `acsconf cleanup --older-than` reads the creation time back from any name that starts with it.
        const auto made = acsconf::harness::run_token_time(token + "-u");
        ASSERT_TRUE(made.has_value()) << token;
        EXPECT_LT(std::chrono::abs(std::chrono::system_clock::now() - *made), std::chrono::minutes(1)) << token;
    }
    EXPECT_FALSE(acsconf::harness::run_token_time("acsconf-user").has_value());
    EXPECT_FALSE(acsconf::harness::run_token_time("xacsconf0000000000000").has_value());
}

TEST(Substitution, EachExecutionGetsItsOwnRunToken) {
    FakeEndpoint endpoint;
    endpoint.handler = [](const acsconf::model::Call&) { return success(); };
    const auto t = make_test(json::array(), {{"params", {{"UserName", "${run}-u"}}}}, {{"code", ""}});
    execute_vector(t, endpoint);
    execute_vector(t, endpoint);
    ASSERT_EQ(endpoint.calls.size(), 2u);
    EXPECT_EQ(endpoint.calls[0].params.at("UserName").size(), acsconf::harness::kRunTokenLength + 2);
    EXPECT_NE(endpoint.calls[0].params.at("UserName"), endpoint.calls[1].params.at("UserName"));
}

TEST(PrintableBytes, EscapesInvalidUtf8Only) {
    EXPECT_EQ(printable_bytes("abc"), "abc");
    EXPECT_EQ(printable_bytes("\xc3\xa9"), "\xc3\xa9");  // é stays
    EXPECT_EQ(printable_bytes("\xc3\x28"), "\\xc3(");
    EXPECT_EQ(printable_bytes("\xff"), "\\xff");
}

// ---- matching ----

TEST(Match, StatusAndCodeExact) {
    EXPECT_TRUE(match_expect({{"status", 404}, {"code", "EntityNotExist.User"}}, failure(404, "EntityNotExist.User")).matched);
    const auto m = match_expect({{"status", 404}, {"code", "EntityNotExist.User"}},
                                failure(400, "InvalidParameter.UserName.Length", "too long"));
    EXPECT_FALSE(m.matched);
    EXPECT_THAT(m.mismatch, HasSubstr("expected status 404 code EntityNotExist.User, got 400 InvalidParameter.UserName.Length"));
}

TEST(Match, EmptyCodeMeansSuccess) {
    EXPECT_TRUE(match_expect({{"code", ""}}, success()).matched);
    EXPECT_FALSE(match_expect({{"code", ""}}, failure(400, "X")).matched);
}

TEST(Match, StatusClassAndCodeRegex) {
    EXPECT_TRUE(match_expect({{"statusClass", "4xx"}}, failure(409, "X")).matched);
    EXPECT_FALSE(match_expect({{"statusClass", "4xx"}}, failure(503, "X")).matched);
    const json regex = {{"codeMatches", "^Missing(Parameter|UserName)$"}};
    EXPECT_TRUE(match_expect(regex, failure(400, "MissingUserName")).matched);
    EXPECT_FALSE(match_expect(regex, failure(400, "MissingUserNameX")).matched);
}

TEST(Match, MessagesAreLoose) {
    EXPECT_TRUE(message_matches("The user does not exist.", "the  user does NOT exist."));
    EXPECT_TRUE(message_matches("The user does not exist.", "The user does not exist. Resource: acs:ram::1:user/x Action: ram:Detach"));
    EXPECT_FALSE(message_matches("The user does not exist.", "The policy does not exist."));
    const json expect = {{"messages", json::array({"A", "The parameter - \"PolicyNam\" contains invalid chars."})}};
    EXPECT_TRUE(match_expect(expect, failure(400, "X", "the parameter - \"PolicyNam\"  contains invalid chars.")).matched);
}

TEST(Match, FieldsAreASubsetWithArraysAsSets) {
    const json actual = {{"NonExistPolicyNames", json::array({"B", "A"})}, {"Other", 1}};
    EXPECT_TRUE(fields_match({{"NonExistPolicyNames", json::array({"A", "B"})}}, actual));
    EXPECT_FALSE(fields_match({{"NonExistPolicyNames", json::array({"A"})}}, actual));  // sets must be equal
    EXPECT_FALSE(fields_match({{"Missing", 1}}, actual));
    EXPECT_TRUE(fields_match(json::object(), actual));
}

TEST(Match, AnyOfRecordsLabelOrIndex) {
    const json expect = {{"anyOf", json::array({json{{"code", "MissingParameter"}, {"label", "MissingParameter"}},
                                                json{{"code", "MissingUserName"}}})}};
    auto m = match_expect(expect, failure(400, "MissingParameter"));
    EXPECT_TRUE(m.matched);
    EXPECT_EQ(m.matched_alternative, "MissingParameter");
    m = match_expect(expect, failure(400, "MissingUserName"));
    EXPECT_EQ(m.matched_alternative, "1");
    m = match_expect(expect, failure(400, "Other"));
    EXPECT_FALSE(m.matched);
    EXPECT_THAT(m.mismatch, HasSubstr("expected one of ["));
}

// ---- execution ----

TEST(Execute, TeardownRunsInReverseEvenWhenTheRequestFails) {
    FakeEndpoint endpoint;
    endpoint.handler = [&endpoint](const acsconf::model::Call& c) {
        if (c.action == "DetachPolicyFromUser" && c.params.at("PolicyName") == "Wrong") return failure(404, "EntityNotExist.Policy");
        return endpoint.holding(c);
    };
    const json given = json::array({json{{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}},
                                    json{{"call", "AttachPolicyToUser"},
                                         {"params", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "${run}-u"}}}}});
    const auto t = make_test(given, {{"params", {{"UserName", "${run}-u"}, {"PolicyName", "Wrong"}, {"PolicyType", "System"}}}},
                             {{"status", 200}});
    const auto r = execute_vector(t, endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    // Each fixture is verified by a read-only call before the request.
    EXPECT_THAT(endpoint.actions(), ElementsAre("CreateUser", "GetUser", "AttachPolicyToUser", "ListPoliciesForUser",
                                                "DetachPolicyFromUser", "DetachPolicyFromUser", "DeleteUser"));
    const auto& undo_detach = endpoint.calls[5];
    EXPECT_EQ(undo_detach.params.at("PolicyName"), "ReadOnlyAccess");
    EXPECT_EQ(undo_detach.params.at("UserName"), "abcd1234-u");
    EXPECT_EQ(endpoint.calls[6].params.at("UserName"), "abcd1234-u");
    ASSERT_EQ(r.exchanges.size(), 7u);
    EXPECT_EQ(r.exchanges[1].role, "verify");
    EXPECT_EQ(r.exchanges[6].role, "teardown");
}

// A yes-man: every call answers 200 with a RequestId and nothing else.
TEST(Execute, FixtureThatDidNotTakeEffectFailsTheVector) {
    FakeEndpoint endpoint;
    endpoint.handler = [](const acsconf::model::Call&) { return success(); };
    const json given = json::array({json{{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}},
                                    json{{"call", "AttachPolicyToUser"},
                                         {"params", {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}, {"UserName", "${run}-u"}}}}});
    const json then = json::array({json{{"call", "ListPoliciesForUser"},
                                        {"params", {{"UserName", "${run}-u"}}},
                                        {"path", "Policies.Policy[*].PolicyName"},
                                        {"excludes", json::array({"ReadOnlyAccess"})}}});
    const auto r = execute_vector(make_test(given, {{"params", {{"UserName", "${run}-u"}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}}}},
                                            {{"code", ""}}, then),
                                  endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("fixture not in effect"));
    EXPECT_THAT(r.reason, HasSubstr("GetUser"));
    EXPECT_THAT(endpoint.actions(), ElementsAre("CreateUser", "GetUser", "DeleteUser"));  // never judged, still undone
}

TEST(Execute, FixtureCheckThatCannotBeMadeIsAnError) {
    FakeEndpoint endpoint;
    endpoint.handler = [&](const acsconf::model::Call& c) {
        return c.action == "GetUser" ? failure(404, "InvalidAction.NotFound") : endpoint.holding(c);
    };
    const json given = json::array({json{{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}}});
    const auto r = execute_vector(make_test(given, {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Error);
    EXPECT_THAT(r.reason, HasSubstr("could not verify the fixture"));
}

TEST(Execute, PreconditionThatCannotBeReachedIsAnErrorNotASkip) {
    // Only the control route is down: no answer at all.
    class RefusingControl final : public acsconf::harness::Endpoint {
    public:
        std::string name() const override { return "refusing"; }
        acsconf::harness::Response send(const acsconf::model::Call&, const acsconf::harness::SendOptions&) override { return success(); }
        bool set_precondition(std::string_view, std::string_view) override {
            throw acsconf::harness::TransportError("connection refused");
        }
        std::string precondition(std::string_view) const override { throw acsconf::harness::TransportError("connection refused"); }
        bool can_act_as(std::string_view) const override { return true; }
    } refusing;
    const json given = json::array({json{{"precondition", "vod.multiAppService"}, {"value", "closed"}}});
    const auto r = execute_vector(make_test(given, {{"params", json::object()}}, {{"code", ""}}), refusing, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Error);
    EXPECT_THAT(r.reason, HasSubstr("connection refused"));
}

TEST(Execute, TeardownErrorsAreRecordedNotFatal) {
    FakeEndpoint endpoint;
    endpoint.handler = [&endpoint](const acsconf::model::Call& c) {
        if (c.action == "DeleteUser") return failure(409, "DeleteConflict.User.Policy");
        return endpoint.holding(c);
    };
    const auto t = make_test(json::array({json{{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}}}),
                             {{"params", {{"UserName", "${run}-u"}}}}, {{"code", ""}});
    const auto r = execute_vector(t, endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    EXPECT_EQ(r.exchanges.back().code, "DeleteConflict.User.Policy");
}

TEST(Execute, FailedFixtureIsErrorAndOrSkipIsSkip) {
    FakeEndpoint endpoint;
    endpoint.handler = [&endpoint](const acsconf::model::Call& c) {
        if (c.action == "CreatePolicy") return failure(409, "EntityAlreadyExists.Policy");
        return endpoint.holding(c);
    };
    json step = {{"call", "CreatePolicy"}, {"params", {{"PolicyName", "ReadOnlyAccess"}}}};
    const json create_user = {{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}};
    auto r = execute_vector(make_test(json::array({create_user, step}), {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Error);
    EXPECT_THAT(r.reason, HasSubstr("given[1]: CreatePolicy answered 409 EntityAlreadyExists.Policy"));
    EXPECT_THAT(endpoint.actions(), ElementsAre("CreateUser", "GetUser", "CreatePolicy", "DeleteUser"));  // the user is still removed

    step["orSkip"] = true;
    r = execute_vector(make_test(json::array({step}), {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Skip);
    EXPECT_THAT(r.reason, HasSubstr("EntityAlreadyExists.Policy"));
}

TEST(Execute, SavedVariablesFeedLaterSteps) {
    FakeEndpoint endpoint;
    endpoint.handler = [&endpoint](const acsconf::model::Call& c) {
        if (c.action == "CreateUser") return success({{"User", {{"UserId", "2000111"}, {"UserName", c.params.at("UserName")}}}});
        return endpoint.holding(c);
    };
    const json given = json::array({json{{"call", "CreateUser"}, {"product", "Ram"}, {"params", {{"UserName", "${run}-u"}}}, {"save", {{"uid", "User.UserId"}}}}});
    auto t = make_test(given, {{"params", {{"IdentityName", "${uid}"}}}}, {{"code", ""}});
    const auto r = execute_vector(t, endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    EXPECT_EQ(endpoint.calls[2].params.at("IdentityName"), "2000111");  // after CreateUser and its GetUser
}

TEST(Execute, PreconditionIsSetAndRestoredOrSkips) {
    FakeEndpoint endpoint;
    endpoint.preconditions["vod.multiAppService"] = "open";
    const json given = json::array({json{{"precondition", "vod.multiAppService"}, {"value", "closed"}}});
    auto r = execute_vector(make_test(given, {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    ASSERT_EQ(endpoint.precondition_log.size(), 2u);
    EXPECT_EQ(endpoint.precondition_log[0].second, "closed");
    EXPECT_EQ(endpoint.precondition("vod.multiAppService"), "open");

    endpoint.settable_preconditions.clear();
    endpoint.calls.clear();
    r = execute_vector(make_test(given, {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Skip);
    EXPECT_THAT(r.reason, HasSubstr("vod.multiAppService"));
    EXPECT_TRUE(endpoint.calls.empty());
}

TEST(Execute, CallerTheEndpointCannotActAsSkipsBeforeSending) {
    FakeEndpoint endpoint;
    endpoint.callers = {"main"};
    const auto r = execute_vector(make_test(json::array(), {{"params", json::object()}, {"caller", "unprivileged"}}, {{"status", 403}}),
                                  endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Skip);
    EXPECT_THAT(r.reason, HasSubstr("unprivileged"));
    EXPECT_TRUE(endpoint.calls.empty());
}

TEST(Execute, TransportErrorIsError) {
    FakeEndpoint endpoint;
    endpoint.handler = [](const acsconf::model::Call&) -> acsconf::harness::Response {
        throw acsconf::harness::TransportError("connection refused");
    };
    const auto r = execute_vector(make_test(json::array(), {{"params", json::object()}}, {{"code", ""}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Error);
    EXPECT_THAT(r.reason, HasSubstr("connection refused"));
}

TEST(Execute, MissingRequestIdAndBareErrorEnvelopeFail) {
    FakeEndpoint endpoint;
    endpoint.handler = [](const acsconf::model::Call&) {
        auto r = failure(404, "EntityNotExist.User", "");
        r.request_id.clear();
        return r;
    };
    const auto r = execute_vector(make_test(json::array(), {{"params", json::object()}}, {{"status", 404}}), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("common.RequestId.present"));
    EXPECT_THAT(r.reason, HasSubstr("must carry Code and Message"));
}

TEST(Execute, ThenChecksIncludesAndExcludes) {
    FakeEndpoint endpoint;
    json listed = {{"Policies", {{"Policy", json::array({json{{"PolicyName", "ReadOnlyAccess"}}, json{{"PolicyName", "Other"}}})}}}};
    endpoint.handler = [&](const acsconf::model::Call& c) {
        return c.action == "ListPoliciesForUser" ? success(listed) : success();
    };
    const json then = json::array({json{{"call", "ListPoliciesForUser"},
                                        {"params", {{"UserName", "u"}}},
                                        {"path", "Policies.Policy[*].PolicyName"},
                                        {"includes", json::array({"Other"})},
                                        {"excludes", json::array({"ReadOnlyAccess"})}}});
    auto r = execute_vector(make_test(json::array(), {{"params", json::object()}}, {{"code", ""}}, then), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("still has \"ReadOnlyAccess\""));

    listed["Policies"]["Policy"].erase(0);
    r = execute_vector(make_test(json::array(), {{"params", json::object()}}, {{"code", ""}}, then), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
}

TEST(Execute, ThenChecksAlsoRunAfterARejection) {
    FakeEndpoint endpoint;
    // The endpoint rejects the request as expected but detached the policy anyway.
    endpoint.handler = [&endpoint](const acsconf::model::Call& c) {
        return c.action == "ListPoliciesForUser" ? success({{"Policies", {{"Policy", json::array()}}}})
                                                  : failure(400, "InvalidParameter.PolicyType");
    };
    const json then = json::array({json{{"call", "ListPoliciesForUser"},
                                        {"params", {{"UserName", "u"}}},
                                        {"path", "Policies.Policy[*].PolicyName"},
                                        {"includes", json::array({"ReadOnlyAccess"})}}});
    const auto r = execute_vector(make_test(json::array(), {{"params", json::object()}}, {{"code", "InvalidParameter.PolicyType"}}, then),
                                  endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Fail);
    EXPECT_THAT(r.reason, HasSubstr("lacks \"ReadOnlyAccess\""));
}

TEST(Execute, ResultIsFilledForReports) {
    FakeEndpoint endpoint;
    endpoint.handler = [](const acsconf::model::Call&) { return failure(404, "EntityNotExist.User", "The user does not exist."); };
    const json expect = {{"anyOf", json::array({json{{"code", "EntityNotExist.User"}, {"label", "notFound"}, {"messages", json::array({"${run}"})}},
                                                json{{"status", 404}, {"label", "any404"}}})}};
    const auto r = execute_vector(make_test(json::array(), {{"params", {{"UserName", {{"hex", "c3 28"}}}}}}, expect), endpoint, fixed_run());
    EXPECT_EQ(r.outcome, Judgement::Pass) << r.reason;
    EXPECT_EQ(r.matched, "any404");
    EXPECT_EQ(r.expected["anyOf"][0]["messages"][0], "abcd1234");  // substituted
    EXPECT_EQ(r.actual["code"], "EntityNotExist.User");
    EXPECT_EQ(r.actual["status"], 404);
    EXPECT_EQ(r.exchanges.at(0).params["UserName"], "\\xc3(");
    EXPECT_EQ(r.vector_id, "Ram_DetachPolicyFromUser/tc7_inline");
    EXPECT_EQ(r.line, 10);
    EXPECT_EQ(r.product, "Ram");
}

// ---- run ----

LoadResult two_vectors() {
    LoadResult loaded;
    VectorFile file;
    file.path = "inline.json";
    file.bytes = "abc";
    file.header_ok = true;
    file.operation = "DetachPolicyFromUser";
    for (int id : {1, 2}) {
        TestCase t = make_test(json::array({json{{"call", "CreateUser"}, {"params", {{"UserName", "${run}-u"}}}}}),
                               {{"params", json::object()}}, {{"code", ""}});
        t.tc_id = id;
        t.vector_id = "Ram_DetachPolicyFromUser/tc" + std::to_string(id) + "_x";
        file.tests.push_back(t);
    }
    loaded.files.push_back(file);
    return loaded;
}

TEST(Run, FillsTheRunResult) {
    FakeEndpoint endpoint;
    RunOptions options;
    options.filter = "*tc2_*";
    const auto run = run_vectors(two_vectors(), endpoint, options);
    ASSERT_EQ(run.vectors.size(), 1u);
    EXPECT_EQ(run.vectors[0].tc_id, 2);
    // SHA-256("abc")
    EXPECT_EQ(run.vectors_digest, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(run.endpoint, "fake");
    EXPECT_EQ(run.filter, "*tc2_*");
    EXPECT_TRUE(std::regex_match(run.run_id, std::regex("^[0-9]{8}T[0-9]{6}Z-acsconf[a-z0-9]{11}$"))) << run.run_id;
    EXPECT_TRUE(std::regex_match(run.started_at, std::regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")));
    EXPECT_EQ(run_exit_code(run), 0);
}

TEST(Run, StopRequestEndsTheRunAfterTheCurrentVectorsTeardown) {
    FakeEndpoint endpoint;
    RunOptions options;
    int asked = 0;
    options.should_stop = [&] { return ++asked > 1; };  // stop before the second vector
    const auto run = run_vectors(two_vectors(), endpoint, options);
    EXPECT_EQ(run.vectors.size(), 1u);
    EXPECT_THAT(endpoint.actions(), ElementsAre("CreateUser", "GetUser", "DetachPolicyFromUser", "DeleteUser"));
}

TEST(Run, SummaryAndExitCode) {
    RunResult run;
    VectorResult pass, fail, error;
    pass.outcome = Judgement::Pass;
    pass.rules = {"r1"};
    fail.outcome = Judgement::Fail;
    fail.rules = {"r1", "r2"};
    error.outcome = Judgement::Error;
    VectorResult skip;
    skip.outcome = Judgement::Skip;
    run.vectors = {skip, skip};
    EXPECT_EQ(run_exit_code(run), 3) << "nothing passed";
    run.vectors = {};
    EXPECT_EQ(run_exit_code(run), 3) << "nothing ran";
    run.vectors = {pass, skip};
    EXPECT_EQ(run_exit_code(run), 0);
    run.vectors = {pass, error};
    EXPECT_EQ(run_exit_code(run), 3);
    run.vectors.push_back(fail);
    EXPECT_EQ(run_exit_code(run), 1);
    const auto summary = summarize_run(run);
    EXPECT_EQ(summary.outcomes.total(), 3);
    EXPECT_EQ(summary.by_rule.at("r1").pass, 1);
    EXPECT_EQ(summary.by_rule.at("r1").fail, 1);
    EXPECT_EQ(summary.by_rule.at("r2").fail, 1);
}

TEST(Run, GlobMatch) {
    EXPECT_TRUE(glob_match("*UserName*", "Ram_X/tc1_UserName_len"));
    EXPECT_TRUE(glob_match("Ram_*/tc?_a", "Ram_X/tc1_a"));
    EXPECT_FALSE(glob_match("Ram_*/tc?_a", "Ram_X/tc12_a"));
    EXPECT_FALSE(glob_match("Vod*", "Ram_X/tc1"));
    EXPECT_TRUE(glob_match("*", ""));
}

}  // namespace
