// Executes one vector: see vectors/README.md for the meaning of every key used here.
#include "acsconf/runner/executor.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <optional>
#include <set>
#include <sstream>

#include "acsconf/harness/redact.hpp"  // harness::Reproducible
#include "acsconf/harness/response_codec.hpp"  // format_of_content_type
#include "acsconf/model/catalogue.hpp"
#include "acsconf/runner/fixtures.hpp"
#include "fixture_tables.hpp"

namespace acsconf::runner {

using nlohmann::json;

// ---- execution ------------------------------------------------------------------------------

namespace {

using namespace fixture_tables;

struct PendingUndo {
    model::Call call;
    std::size_t ledger_id = 0;
    bool done = false;  // the vector's own request already did it (and its `then` checks proved it)
};

// The run's deadline passed: the vector is cut off (`error`, never `pass`).
class DeadlineReached : public harness::TransportError {
public:
    DeadlineReached() : harness::TransportError("cut off: the run's deadline passed before this vector finished") {}
};

}  // namespace

namespace {

class VectorRun {
public:
    VectorRun(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options)
        : test_(test), endpoint_(endpoint), options_(options) {}

    VectorResult run() {
        const auto started = std::chrono::steady_clock::now();
        fill_identity();
        try {
            vars_["run"] = options_.run_token ? options_.run_token() : new_run_token();
            // Vectors with the same `given` list share one set of fixtures (and one token) per run.
            vars_["shared"] = options_.shared != nullptr ? options_.shared->token_for(shared_set_key(test_.given)) : new_run_token();
            execute();
        } catch (const SubstitutionError& e) {
            set(Judgement::Error, std::string("vector cannot be expanded: ") + e.what());
        } catch (const DeadlineReached& e) {
            set(Judgement::Error, e.what());
        } catch (const harness::TransportError& e) {
            set(Judgement::Error, std::string("transport error: ") + e.what());
        } catch (const std::exception& e) {
            set(Judgement::Error, std::string("could not judge: ") + e.what());
        }
        teardown();
        result_.duration_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        return std::move(result_);
    }

private:
    void fill_identity() {
        result_.vector_id = test_.vector_id;
        result_.file = test_.file;
        result_.line = test_.line;
        result_.tc_id = test_.tc_id;
        result_.product = std::string(model::product_name(test_.product));
        result_.operation = test_.operation;
        result_.comment = test_.comment;
        result_.expected_result = test_.result;
        result_.rules = test_.rules;
        result_.flags = test_.flags;
        result_.expected = test_.expect;
        result_.outcome = Judgement::Pass;
    }

    void set(Judgement outcome, std::string reason) {
        result_.outcome = outcome;
        result_.reason = std::move(reason);
    }

    model::Product product_of(const json& step) const {
        model::Product product = test_.product;
        if (step.contains("product") && step["product"].is_string() && !model::parse_product(step["product"].get<std::string>(), product))
            throw SubstitutionError("unknown product '" + step["product"].get<std::string>() + "'");
        return product;
    }

    model::Call make_call(const json& step, const std::string& action) {
        model::Call call;
        call.product = product_of(step);
        call.action = action;
        call.caller = step.value("caller", std::string(model::kMainAccount));
        if (step.contains("params")) {
            if (!step["params"].is_object()) throw SubstitutionError("params must be an object");
            for (const auto& [name, value] : step["params"].items()) call.params[name] = expand_value(value, vars_);
        }
        return call;
    }

    // `role`: "given" and "teardown" calls change state. Once a fixture call is sent it gets the
    // teardown's budget: cut short, its answer (and so its undo) would be lost while the endpoint
    // still made the resource.
    harness::SendOptions send_options(const std::string& role) const {
        harness::SendOptions send_options;
        send_options.format = options_.format;
        if (options_.deadline) {
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*options_.deadline - std::chrono::steady_clock::now());
            if (role == "teardown") send_options.timeout = std::max(left, kTeardownTimeout);
            else if (left.count() <= 0) throw DeadlineReached();
            else send_options.timeout = role == "given" ? std::max(left, kTeardownTimeout) : left;
        }
        return send_options;
    }

    harness::Response send(const model::Call& call, const std::string& role, harness::Fault fault = harness::Fault::None) {
        harness::SendOptions send_options = this->send_options(role);
        send_options.fault = fault;
        harness::Response response;
        try {
            response = endpoint_.send(call, send_options);
            if (role == "request") remember_reproduction();
        } catch (const harness::TransportError& e) {
            if (role == "request") remember_reproduction();
            result_.exchanges.push_back(make_exchange(role, call, nullptr, e.what()));
            throw;
        }
        result_.exchanges.push_back(make_exchange(role, call, &response));
        return response;
    }

    // Endpoints that speak real HTTP can render the request they just sent as a redacted curl line.
    void remember_reproduction() {
        if (const auto* reproducible = dynamic_cast<const harness::Reproducible*>(&endpoint_))
            result_.reproduce = reproducible->last_curl_command();
    }

    // Callers the endpoint has no credentials for make the vector `skip` before anything is sent.
    bool callers_available() {
        std::vector<std::string> callers{test_.request.value("caller", std::string(model::kMainAccount))};
        for (const auto& step : test_.given) callers.push_back(step.value("caller", std::string(model::kMainAccount)));
        for (const auto& check : test_.then) callers.push_back(check.value("caller", std::string(model::kMainAccount)));
        for (const auto& alternative : alternatives())
            for (const auto& check : alternative.value("then", json::array()))
                callers.push_back(check.value("caller", std::string(model::kMainAccount)));
        for (const auto& caller : callers)
            if (!endpoint_.can_act_as(caller)) {
                set(Judgement::Skip, "endpoint " + endpoint_.name() + " cannot act as caller '" + caller + "'");
                return false;
            }
        return true;
    }

    // The expect block's alternatives, unsubstituted (their `then` checks expand values themselves).
    std::vector<json> alternatives() const { return expect_alternatives(test_.expect); }

    // A deliberately bad request this endpoint cannot send (no wire, another signature version) makes
    // the vector `skip` with the endpoint's reason, before any fixture is made.
    bool fault_available(harness::Fault& fault) {
        if (!test_.request.contains("fault")) return true;
        if (!harness::parse_fault(test_.request["fault"].get<std::string>(), fault))
            throw SubstitutionError("unknown request.fault " + test_.request["fault"].dump());
        if (const std::string why = endpoint_.fault_unsupported(fault); !why.empty()) {
            set(Judgement::Skip, "request.fault " + std::string(harness::fault_name(fault)) + ": " + why);
            return false;
        }
        return true;
    }

    void execute() {
        if (!callers_available()) return;
        harness::Fault fault = harness::Fault::None;
        if (!fault_available(fault)) return;
        for (std::size_t i = 0; i < test_.given.size(); ++i)
            if (!run_given(test_.given[i], i)) return;

        const std::string action = test_.request.value("action", test_.operation);
        const model::Call call = make_call(test_.request, action);
        const harness::Response response = send(call, "request", fault);
        request_call_ = call;
        request_ok_ = response.ok();
        result_.actual = {{"status", response.http_status},
                          {"code", reportable_text(response.code)},
                          {"message", reportable_text(response.message)},
                          {"requestId", reportable_text(response.request_id)},
                          {"fields", reportable_fields(response.fields)},
                          {"format", std::string(harness::format_name(response.format))}};
        result_.expected = substitute_strings(test_.expect, vars_);

        const MatchResult match = match_expect(result_.expected, response);
        std::vector<std::string> failures;
        if (!match.matched) failures.push_back(match.mismatch);
        format_check(response, failures);
        common_checks(call, response, failures);
        run_checks(test_.then, "then", failures);  // also after a rejection: it proves nothing changed
        if (match.matched) choose_alternative(match, failures);
        if (!failures.empty() && result_.outcome == Judgement::Pass) {
            std::string reason;
            for (const auto& f : failures) reason += (reason.empty() ? "" : "; ") + f;
            set(Judgement::Fail, reason);
        }
        skip_undo_done_by_request();
    }

    // A vector whose request is exactly the undo of one of its fixtures (the successful detach of what
    // `given` attached) needs no second detach, when its `then` checks proved the effect. Otherwise
    // the undo is sent anyway: a resource must never be left behind on the word of a broken endpoint.
    // The same holds for an attachment a passing `then` listing proved gone (proves_gone).
    void skip_undo_done_by_request() {
        if (!request_call_ || result_.outcome != Judgement::Pass || test_.then.empty()) return;
        bool request_matched = !request_ok_;  // a refused request undid nothing
        for (auto& undo : undo_) {
            if (undo.done) continue;
            const bool by_request = !request_matched && same_call(undo.call, *request_call_);
            request_matched = request_matched || by_request;
            if (by_request || std::any_of(proven_absent_.begin(), proven_absent_.end(),
                                          [&](const ProvenAbsent& p) { return proves_gone(undo.call, p); })) {
                undo.done = true;
                if (options_.ledger != nullptr) options_.ledger->remove(undo.ledger_id);
            }
        }
    }

    bool run_given(const json& step, std::size_t index) {
        const std::string where = "given[" + std::to_string(index) + "]";
        const bool or_skip = step.value("orSkip", false);
        if (step.contains("precondition")) {
            const std::string name = step["precondition"].get<std::string>();
            const std::string value = expand_value(step.value("value", json("")), vars_);
            const std::string previous = endpoint_.precondition(name);
            if (!endpoint_.set_precondition(name, value)) {
                set(Judgement::Skip, where + ": endpoint " + endpoint_.name() + " cannot set precondition " + name + "=" + value);
                return false;
            }
            if (!previous.empty()) restore_.emplace_back(name, previous);
            return true;
        }
        if (!step.contains("call") || !step["call"].is_string()) throw SubstitutionError(where + " has neither call nor precondition");
        const model::Call call = make_call(step, step["call"].get<std::string>());
        if (step.value("absent", false)) {
            // A read-only look before a request that names something the run cannot create under its
            // own token: go on only when the endpoint says it does not exist.
            const harness::Response response = send(call, "given");
            if (response.http_status == 404 || response.code.starts_with("EntityNotExist")) return true;
            set(Judgement::Skip, where + ": " + call.action + " answered " + describe_response(response) +
                                   ": the name is in use (or its absence cannot be shown) on this endpoint; not touched");
            return false;
        }
        const bool shared = step.value("shared", false) && options_.shared != nullptr;
        const harness::Response response =
            shared ? options_.shared->obtain(shared_set_key(test_.given), call, endpoint_, send_options("given"), undo_calls)
                   : send(call, "given");
        if (!response.ok()) {
            const std::string answer = where + ": " + call.action + " answered " + describe_response(response) +
                                       (response.message.empty() ? "" : " \"" + printable_bytes(response.message) + "\"");
            if (or_skip) set(Judgement::Skip, answer);
            else set(Judgement::Error, "could not set up the fixture: " + answer);
            return false;
        }
        if (!shared) remember_undo(call, response);
        if (!verify_fixture(call, response, where)) return false;
        if (step.contains("save") && step["save"].is_object()) {
            for (const auto& [variable, path] : step["save"].items()) {
                const auto found = strings_at_path(response.fields, path.get<std::string>());
                if (found.empty()) {
                    set(Judgement::Error, where + ": " + call.action + " answer has no " + path.get<std::string>() + " to save as ${" + variable + "}");
                    return false;
                }
                vars_[variable] = found.front();
            }
        }
        return true;
    }

    // After a fixture call answered success, the read-only check (where one exists) must show its
    // effect. It does not: the endpoint claimed a success it did not deliver (`fail`). The check itself
    // cannot be made: `error`.
    bool verify_fixture(const model::Call& call, const harness::Response& answer, const std::string& where) {
        for (const auto& entry : verification_table()) {
            if (call.action != entry.action) continue;
            const auto wanted_it = call.params.find(entry.expect_param);
            if (wanted_it == call.params.end()) return true;
            const model::Call check = fixture_tables::derived_call(call, entry.check, entry.params);
            const harness::Response response = send(check, "verify");
            const std::string subject = where + ": " + call.action + " answered success, but ";
            if (!response.ok()) {
                set(Judgement::Error, "could not verify the fixture: " + subject + entry.check + " answered " +
                                        describe_response(response));
                return false;
            }
            const auto listed = strings_at_path(response.fields, entry.path);
            const auto absent = split_list(strings_at_path(answer.fields, "NonExistPolicyNames"));
            for (const std::string& wanted : split_list({wanted_it->second})) {
                auto same = [&](const std::string& v) { return iequal(v, wanted); };
                if (std::any_of(absent.begin(), absent.end(), same)) continue;
                if (std::none_of(listed.begin(), listed.end(), same)) {
                    set(Judgement::Fail, "fixture not in effect: " + subject + entry.check + " " + entry.path +
                                           " does not list \"" + printable_bytes(wanted) + "\"");
                    return false;
                }
            }
        }
        return true;
    }

    void remember_undo(const model::Call& call, const harness::Response& response) {
        for (auto& undo : undo_calls(call, response)) {
            const std::size_t id = options_.ledger != nullptr ? options_.ledger->add(undo) : 0;
            undo_.push_back({std::move(undo), id});
        }
    }

    void common_checks(const model::Call& call, const harness::Response& response, std::vector<std::string>& failures) {
        if (response.request_id.empty()) failures.push_back("common.RequestId.present: the answer has no RequestId");
        const bool is_error = !response.code.empty() || response.http_status >= 400;
        if (!is_error) return;
        if (response.code.empty() || response.message.empty())
            failures.push_back("common.error.envelope: an error answer (HTTP " + std::to_string(response.http_status) +
                               ") must carry Code and Message");
        if (response.http_status < 400)
            failures.push_back("common.error.envelope: Code " + printable_bytes(response.code) + " came with HTTP " +
                               std::to_string(response.http_status));
        if (const model::ErrorInfo* info = model::find_error(call.product, response.code);
            info != nullptr && info->status_confirmed && info->http_status != response.http_status)
            failures.push_back("common.error.envelope: Code " + info->code + " came with HTTP " +
                               std::to_string(response.http_status) + ", documented as " + std::to_string(info->http_status));
    }

    void format_check(const harness::Response& response, std::vector<std::string>& failures) const {
        if (std::string problem = response_format_problem(response, options_.format); !problem.empty())
            failures.push_back(std::move(problem));
    }

    // Of the alternatives the answer satisfies, the first whose own `then` checks hold is the answer
    // (a success must prove its effect). None holding is a failure naming what each one lacked.
    void choose_alternative(const MatchResult& match, std::vector<std::string>& failures) {
        const std::vector<json> all = alternatives();
        std::string lacking;
        for (const auto& [index, label] : match.candidates) {
            const json checks = index < all.size() ? all[index].value("then", json::array()) : json::array();
            std::vector<std::string> own;
            run_checks(checks, "expect[" + label + "].then", own);
            if (own.empty()) {
                result_.matched = label;
                return;
            }
            for (const auto& f : own) lacking += (lacking.empty() ? "" : "; ") + f;
        }
        failures.push_back("the answer matches " + std::string(match.candidates.size() > 1 ? "alternatives" : "alternative") +
                           " whose effect does not hold: " + lacking);
    }

    void run_checks(const json& checks, const std::string& prefix, std::vector<std::string>& failures) {
        for (std::size_t i = 0; i < checks.size(); ++i) {
            const json& check = checks[i];
            const std::string where = prefix + "[" + std::to_string(i) + "]";
            const model::Call call = make_call(check, check.value("call", std::string{}));
            const harness::Response response = send(call, "then");
            if (!response.ok()) {
                const std::string why = where + ": " + call.action + " answered " + describe_response(response);
                // A broken rule already found stays a `fail`; otherwise the effect cannot be judged.
                if (failures.empty()) set(Judgement::Error, "could not judge: " + why);
                else failures.push_back(why);
                return;
            }
            const std::string path = check.value("path", std::string{});
            const auto found = strings_at_path(response.fields, path);
            const std::size_t failures_before = failures.size();
            ProvenAbsent proof{call, {}};
            for (const auto& wanted : check.value("includes", json::array())) {
                const std::string value = expand_value(wanted, vars_);
                if (std::find(found.begin(), found.end(), value) == found.end())
                    failures.push_back(where + ": " + call.action + " " + path + " lacks \"" + printable_bytes(value) + "\"");
            }
            for (const auto& unwanted : check.value("excludes", json::array())) {
                const std::string value = expand_value(unwanted, vars_);
                if (std::find(found.begin(), found.end(), value) != found.end())
                    failures.push_back(where + ": " + call.action + " " + path + " still has \"" + printable_bytes(value) + "\"");
                else proof.excluded.insert(value);
            }
            if (failures.size() == failures_before) proven_absent_.push_back(std::move(proof));
        }
    }

    // Undo every fixture in reverse order, then restore preconditions. Failures here are recorded in
    // the exchanges (role "teardown") but never change the outcome: the vector was already judged.
    void teardown() {
        for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
            if (it->done) continue;
            try {
                if (removed_or_absent(send(it->call, "teardown")) && options_.ledger != nullptr)
                    options_.ledger->remove(it->ledger_id);
            } catch (const std::exception&) {  // already recorded as an exchange
            }
        }
        undo_.clear();
        for (auto it = restore_.rbegin(); it != restore_.rend(); ++it) {
            try {
                endpoint_.set_precondition(it->first, it->second);
            } catch (const std::exception&) {  // best effort, like the fixture undo above
            }
        }
        restore_.clear();
    }

    const TestCase& test_;
    harness::Endpoint& endpoint_;
    const ExecOptions& options_;
    VectorResult result_;
    Variables vars_;
    std::vector<PendingUndo> undo_;
    std::vector<std::pair<std::string, std::string>> restore_;
    std::optional<model::Call> request_call_;
    bool request_ok_ = false;
    std::vector<ProvenAbsent> proven_absent_;
};

}  // namespace

std::string response_format_problem(const harness::Response& response, harness::Format asked) {
    const std::string asked_name(harness::format_name(asked));
    if (response.format != asked)
        return "common.response.format: asked for " + asked_name + ", the body is " + std::string(harness::format_name(response.format));
    if (const auto named = harness::format_of_content_type(response.content_type); named && *named != asked)
        return "common.response.format: asked for " + asked_name + ", the Content-Type is \"" + printable_bytes(response.content_type) + "\"";
    return {};
}

VectorResult execute_vector(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options) {
    return VectorRun(test, endpoint, options).run();
}

}  // namespace acsconf::runner
