// For executor tests: a scripted Endpoint (records every call and answers through a handler the test
// sets, so each test states exactly what the endpoint does), its canned answers, and an inline vector.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/vectors.hpp"

namespace acsconf::runner::testing {

inline harness::Response success(nlohmann::json fields = nlohmann::json::object()) {
    harness::Response r;
    r.http_status = 200;
    r.request_id = "REQ-1";
    r.fields = std::move(fields);
    return r;
}

inline harness::Response failure(int status, std::string code, std::string message = "some message") {
    harness::Response r;
    r.http_status = status;
    r.code = std::move(code);
    r.message = std::move(message);
    r.request_id = "REQ-2";
    return r;
}

// A DetachPolicyFromUser vector as if read from "inline.json" at `line`: the identity fields filled
// the way the loader fills them; the test sets what it exercises (given, request, expect, then).
inline TestCase inline_detach_vector(int line, int tc_id, std::string name, std::string rule, std::string result) {
    TestCase t;
    t.file = "inline.json";
    t.line = line;
    t.tc_id = tc_id;
    t.vector_id = "Ram_DetachPolicyFromUser/tc" + std::to_string(tc_id) + "_" + name;
    t.name = std::move(name);
    t.operation = "DetachPolicyFromUser";
    t.rules = {std::move(rule)};
    t.result = std::move(result);
    return t;
}

class FakeEndpoint final : public harness::Endpoint {
public:
    // By default every call succeeds, and the read-only calls the runner verifies fixtures with
    // (GetUser, GetRole, ListPoliciesForUser, ListAppPoliciesForIdentity) show what earlier calls made.
    std::function<harness::Response(const model::Call&)> handler = [this](const model::Call& c) { return holding(c); };
    std::vector<model::Call> calls;
    std::set<std::string> callers{"main", "unprivileged"};
    std::map<std::string, std::string> preconditions;
    std::set<std::string> settable_preconditions{"vod.multiAppService"};
    std::vector<std::pair<std::string, std::string>> precondition_log;
    std::vector<harness::SendOptions> sent_options;  // format and fault of every call, in order
    std::set<harness::Fault> sendable_faults;        // the others are refused (the vector is skipped)

    std::string name() const override { return "fake"; }
    harness::Response send(const model::Call& call, const harness::SendOptions& options) override {
        calls.push_back(call);
        sent_options.push_back(options);
        harness::Response response = handler(call);
        response.format = options.format;  // a faithful endpoint answers in the format asked
        return response;
    }
    std::string fault_unsupported(harness::Fault fault) const override {
        return fault == harness::Fault::None || sendable_faults.contains(fault) ? std::string() : "fake cannot send it";
    }
    bool set_precondition(std::string_view name, std::string_view value) override {
        if (!settable_preconditions.contains(std::string(name))) return false;
        preconditions[std::string(name)] = std::string(value);
        precondition_log.emplace_back(name, value);
        return true;
    }
    std::string precondition(std::string_view name) const override {
        auto it = preconditions.find(std::string(name));
        return it == preconditions.end() ? std::string{} : it->second;
    }
    bool can_act_as(std::string_view caller) const override { return callers.contains(std::string(caller)); }

    harness::Response holding(const model::Call& c) const {
        auto param = [](const model::Call& call, const char* name) {
            auto it = call.params.find(name);
            return it == call.params.end() ? std::string() : it->second;
        };
        if (c.action == "GetUser") return success({{"User", {{"UserName", param(c, "UserName")}}}});
        if (c.action == "GetRole") return success({{"Role", {{"RoleName", param(c, "RoleName")}}}});
        nlohmann::json listed = nlohmann::json::array();
        for (const auto& earlier : calls) {
            if (c.action == "ListPoliciesForUser" && earlier.action == "AttachPolicyToUser" &&
                param(earlier, "UserName") == param(c, "UserName"))
                listed.push_back({{"PolicyName", param(earlier, "PolicyName")}});
            if (c.action == "ListAppPoliciesForIdentity" && earlier.action == "AttachAppPolicyToIdentity" &&
                param(earlier, "IdentityName") == param(c, "IdentityName")) {
                const std::string names = param(earlier, "PolicyNames");
                for (std::size_t start = 0; start <= names.size();) {
                    const std::size_t end = std::min(names.find(',', start), names.size());
                    listed.push_back({{"PolicyName", names.substr(start, end - start)}});
                    start = end + 1;
                }
            }
        }
        if (c.action == "ListPoliciesForUser") return success({{"Policies", {{"Policy", listed}}}});
        if (c.action == "ListAppPoliciesForIdentity") return success({{"AppPolicyList", listed}});
        return success();
    }

    std::vector<std::string> actions() const {
        std::vector<std::string> out;
        for (const auto& c : calls) out.push_back(c.action);
        return out;
    }
};

}  // namespace acsconf::runner::testing
