#include "sample_run.hpp"

namespace acsconf::reports::testing {

using nlohmann::json;
using runner::Judgement;

runner::VectorResult make_vector(const std::string& operation_key, int tc_id, const std::string& name,
                                 Judgement outcome) {
    runner::VectorResult v;
    v.vector_id = operation_key + "/tc" + std::to_string(tc_id) + "_" + name;
    const bool ram = operation_key.rfind("Ram_", 0) == 0;
    v.product = ram ? "Ram" : "Vod";
    v.operation = operation_key.substr(4);
    v.file = ram ? "vectors/ram_DetachPolicyFromUser.json" : "vectors/vod_DetachAppPolicyFromIdentity.json";
    v.line = 10 * tc_id;
    v.tc_id = tc_id;
    v.comment = "comment of " + name;
    v.expected_result = "invalid";
    v.rules = {(ram ? "ram." : "vod.") + v.operation + ".rule" + std::to_string(tc_id)};
    v.flags = {"Flag" + std::to_string(tc_id)};
    v.outcome = outcome;
    v.expected = {{"status", 404}, {"code", "EntityNotExist.User"}};
    v.actual = {{"status", 404}, {"code", "EntityNotExist.User"}, {"message", "The user does not exist."},
                {"requestId", "REQ-" + std::to_string(tc_id)}, {"fields", json::object()}, {"format", "JSON"}};
    v.duration_ms = 1.5 * tc_id;
    runner::Exchange e;
    e.role = "request";
    e.action = v.operation;
    e.params = {{"UserName", "nobody"}};
    e.caller = "main";
    e.http_status = 404;
    e.code = "EntityNotExist.User";
    e.message = "The user does not exist.";
    e.request_id = "REQ-" + std::to_string(tc_id);
    e.fields = json::object();
    e.format = "JSON";
    v.exchanges.push_back(e);
    v.reproduce = "curl 'http://127.0.0.1:8080/?Action=" + v.operation + "&UserName=nobody'";
    switch (outcome) {
        case Judgement::Pass: break;
        case Judgement::Fail:
            v.reason = "Code: expected EntityNotExist.User, got NoPermission";
            v.actual["status"] = 403;
            v.actual["code"] = "NoPermission";
            break;
        case Judgement::Error: v.reason = "connection refused by 127.0.0.1:8080"; break;
        case Judgement::Skip: v.reason = "precondition vod.multiAppService=closed not available"; break;
        case Judgement::Xfail:
        case Judgement::Xpass: v.expectation = "exp.jsonl:1: known deviation of this endpoint"; break;
    }
    return v;
}

runner::RunResult sample_run() {
    runner::RunResult run;
    run.acsconf_version = "0.1.0";
    run.vectors_digest = "3f0a9c1b2d4e5f60718293a4b5c6d7e8f90112233445566778899aabbccddeeff";
    run.vector_files = {"vectors/ram_DetachPolicyFromUser.json", "vectors/vod_DetachAppPolicyFromIdentity.json"};
    run.endpoint = "http://127.0.0.1:8080";
    run.format = "JSON";
    run.signature_version = "v1";
    run.run_id = "r1a2b3c4";
    run.started_at = "2026-11-23T10:00:00Z";
    run.finished_at = "2026-11-23T10:00:05Z";
    run.filter = "";
    run.vectors.push_back(make_vector("Ram_DetachPolicyFromUser", 1, "user_missing", Judgement::Pass));
    run.vectors.push_back(make_vector("Ram_DetachPolicyFromUser", 2, "wrong_code", Judgement::Fail));
    run.vectors.push_back(make_vector("Ram_DetachPolicyFromUser", 3, "refused", Judgement::Error));
    run.vectors.push_back(make_vector("Ram_DetachPolicyFromUser", 4, "needs_switch", Judgement::Skip));
    auto acceptable = make_vector("Vod_DetachAppPolicyFromIdentity", 5, "two_errors", Judgement::Pass);
    acceptable.expected_result = "acceptable";
    acceptable.expected = {{"anyOf", json::array({{{"label", "MissingPolicyNames"}, {"code", "MissingPolicyNames"}},
                                                  {{"label", "EntityNotExist.User"}, {"code", "EntityNotExist.User"}}})}};
    acceptable.matched = "EntityNotExist.User";
    run.vectors.push_back(acceptable);
    auto valid = make_vector("Vod_DetachAppPolicyFromIdentity", 6, "detach_ok", Judgement::Pass);
    valid.expected_result = "valid";
    valid.expected = {{"statusClass", "2xx"}, {"code", ""}};
    valid.actual = {{"status", 200}, {"requestId", "REQ-6"}, {"fields", {{"NonExistPolicyNames", json::array()}}}};
    run.vectors.push_back(valid);
    return run;
}

}  // namespace acsconf::reports::testing
