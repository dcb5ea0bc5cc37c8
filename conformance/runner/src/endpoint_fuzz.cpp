// `acsconf fuzz` (see endpoint_fuzz.hpp): generate, send, judge against a mirror model, minimise, write.
#include "acsconf/runner/endpoint_fuzz.hpp"

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include "acsconf/model/account.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/parameters.hpp"
#include "acsconf/model/validators.hpp"
#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/substitution.hpp"
#include "fuzz_findings.hpp"
#include "fuzz_generation.hpp"

namespace acsconf::runner {
namespace {

using namespace fuzzing;  // the calls (fuzz_generation.hpp) and the findings (fuzz_findings.hpp)
using nlohmann::json;
using model::Call;
using model::Outcome;
using model::ParameterMap;
using model::Product;
using Clock = std::chrono::steady_clock;

std::string_view policy_names_of(const ParameterMap& params) {
    const auto it = params.find("PolicyNames");
    return it == params.end() ? std::string_view() : std::string_view(it->second);
}

bool lists_admin_policy(const ParameterMap& params) {
    const auto names = model::split_policy_names(policy_names_of(params));
    return std::find(names.begin(), names.end(), model::kVodAdminPolicy) != names.end();
}

// A VOD call the model accepted whose PolicyNames is a plain list (each item one of the three VOD
// application policies, once, no empty item) and whose every name the model detached (nothing in
// NonExistPolicyNames / FailedPolicyNames). No implementation-defined list rule is involved then
// (RULES.md: placement, duplicates, empty items, whitespace), so a 4xx is no plausible answer.
bool plain_list_fully_detached(const ParameterMap& params, const model::Outcome& answer) {
    const std::string_view list = policy_names_of(params);
    if (list.empty() || list.front() == ',' || list.back() == ',' || list.find(",,") != std::string_view::npos) return false;
    std::set<std::string> distinct;
    for (const std::string& name : model::split_policy_names(list))
        if (!model::is_vod_app_policy(name) || !distinct.insert(name).second) return false;
    for (const char* reported : {"NonExistPolicyNames", "FailedPolicyNames"}) {
        const auto it = answer.fields.find(reported);
        if (it == answer.fields.end()) continue;
        if ((it->is_array() && !it->empty()) || (it->is_string() && !it->get<std::string>().empty())) return false;
    }
    return true;
}

// ---- the worker ------------------------------------------------------------------------------------

struct Shared {
    Shared(const EndpointFuzzOptions& fuzz_options, Clock::time_point until)
        : options(fuzz_options), deadline(until) {}

    const EndpointFuzzOptions& options;
    Clock::time_point deadline;
    std::atomic<bool> stop{false};
    std::mutex mutex;  // guards report and signatures
    EndpointFuzzReport report;
    std::set<std::string> signatures;  // distinct disagreements already written
    std::set<std::string> minimised;   // the calls they minimised to (operation, changes, answer)
    std::atomic<std::size_t> calls{0};
    std::atomic<std::size_t> transport_errors{0};

    bool should_stop() const {
        return stop.load() || Clock::now() >= deadline || (options.should_stop && options.should_stop());
    }
};

class Worker {
public:
    Worker(Shared& shared, std::unique_ptr<harness::Endpoint> endpoint, const std::vector<const TestCase*>& seeds, unsigned index)
        : shared_(shared), endpoint_(std::move(endpoint)), seeds_(seeds), names_{new_run_token(), "", ""},
          generator_(shared.options.seed * 1000003u + index, names_) {}

    // Whatever was created is removed, also when run() ends by an exception.
    ~Worker() { tear_down(); }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void run() {
        if (!set_up()) return;
        generator_.collect_pools(seeds_);
        while (!shared_.should_stop()) {
            Candidate candidate = generator_.generate(endpoint_->can_act_as(model::kUnprivileged));
            if (!generator_.safe(candidate)) continue;
            Judged judged = send_and_judge(candidate);
            if (judged.transport_error || !judged.disagrees) continue;
            report_disagreement(candidate, judged);
        }
    }

private:
    // ---- fixture ----
    Outcome both(const Call& call, harness::Response* endpoint_answer = nullptr) {
        harness::Response answer = endpoint_->send(call, {shared_.options.format});
        if (endpoint_answer) *endpoint_answer = answer;
        return mirror_.handle(mirror_call(call));
    }

    bool set_up() {
        names_.user = names_.token + "-fz";
        mirror_.set_precondition(model::kPreconditionVodMultiApp, "open");
        const std::string vod_state = endpoint_->precondition(model::kPreconditionVodMultiApp);
        if (!vod_state.empty()) mirror_.set_precondition(model::kPreconditionVodMultiApp, vod_state);
        try {
            harness::Response created;
            const Outcome mirrored = both(Call{Product::Ram, "CreateUser", {{"UserName", names_.user}}}, &created);
            if (!created.ok()) return fail_set_up("CreateUser " + names_.user + " answered " + describe(created));
            created_user_ = true;
            if (!mirrored.ok()) return fail_set_up("the model refused CreateUser " + names_.user);
            names_.endpoint_uid = created.fields.value("User", json::object()).value("UserId", std::string());
            mirror_uid_ = mirrored.fields["User"]["UserId"].get<std::string>();
            if (names_.endpoint_uid.empty()) return fail_set_up("CreateUser " + names_.user + " answered no User.UserId");
            harness::Response attached;
            both(ram_attach(), &attached);
            if (!attached.ok()) return fail_set_up("AttachPolicyToUser answered " + describe(attached));
            ram_attached_ = true;
            harness::Response app_attached;
            both(vod_attach(), &app_attached);
            if (!app_attached.ok()) return fail_set_up("AttachAppPolicyToIdentity answered " + describe(app_attached));
            vod_attached_ = true;
        } catch (const harness::TransportError& e) {
            return fail_set_up(e.what());
        }
        return true;
    }

    bool fail_set_up(const std::string& why) {
        std::lock_guard lock(shared_.mutex);
        shared_.report.could_not_judge = true;
        if (shared_.report.problem.empty()) shared_.report.problem = "fixture set-up failed: " + why;
        return false;
    }

    Call ram_attach() const {
        return Call{Product::Ram, "AttachPolicyToUser",
                    {{"PolicyType", "System"}, {"PolicyName", std::string(kFixturePolicy)}, {"UserName", names_.user}}};
    }
    Call vod_attach() const {
        return Call{Product::Vod, "AttachAppPolicyToIdentity",
                    {{"IdentityType", "RamUser"}, {"IdentityName", names_.endpoint_uid},
                     {"AppId", std::string(model::kVodDefaultAppId)}, {"PolicyNames", std::string(kFixtureAppPolicy)}}};
    }

    // After a call that may have detached our fixture: attach again, on both sides (errors such as
    // "already attached" are expected and ignored).
    void restore() {
        try {
            both(ram_attach());
            both(vod_attach());
        } catch (const harness::TransportError&) {
        }
    }

    void tear_down() {
        const auto quietly = [&](const Call& call) {
            try {
                endpoint_->send(call, {shared_.options.format});
            } catch (const std::exception&) {  // runs from the destructor: never throws
            }
        };
        if (vod_attached_)
            quietly(Call{Product::Vod, std::string(kVodDetach),
                         {{"IdentityType", "RamUser"}, {"IdentityName", names_.endpoint_uid},
                          {"AppId", std::string(model::kVodDefaultAppId)}, {"PolicyNames", std::string(kFixtureAppPolicy)}}});
        if (ram_attached_)
            quietly(Call{Product::Ram, std::string(kRamDetach),
                         {{"PolicyType", "System"}, {"PolicyName", std::string(kFixturePolicy)}, {"UserName", names_.user}}});
        if (created_user_) quietly(Call{Product::Ram, "DeleteUser", {{"UserName", names_.user}}});
        vod_attached_ = ram_attached_ = created_user_ = false;
    }

    // The mirror model has its own user id: the endpoint's id becomes the mirror's in every value.
    Call mirror_call(Call call) const {
        if (names_.endpoint_uid.empty() || names_.endpoint_uid == mirror_uid_) return call;
        for (auto& [name, value] : call.params)
            for (std::size_t at = value.find(names_.endpoint_uid); at != std::string::npos;
                 at = value.find(names_.endpoint_uid, at + mirror_uid_.size()))
                value.replace(at, names_.endpoint_uid.size(), mirror_uid_);
        return call;
    }

    // ---- generation ----
    // ---- judging ----
    static std::string describe(const harness::Response& r) {
        return std::to_string(r.http_status) + (r.code.empty() ? " (success)" : " " + printable_bytes(r.code));
    }

    static json alternative(const Outcome& o, const std::string& label) {
        return json{{"status", o.http_status}, {"code", o.code}, {"label", label.empty() ? (o.code.empty() ? "success" : o.code) : label}};
    }

    static json family_alternative(const model::FamilyAnswer& answer) {
        json alternative{{"statusClass", answer.status_class}};
        if (answer.code) alternative["code"] = *answer.code;
        else alternative["codeMatches"] = answer.code_matches;
        alternative["label"] = "plausible: " + answer.label;
        return alternative;
    }

    // The model's acceptable answers for a call: its own answer; every error a broken rule raises when
    // several are broken (errorPrecedence); for a broken rule whose code is implementation-defined, the
    // answers of its code families (catalogue.json "plausible": those its vectors accept), or any 4xx
    // when it names none; any 4xx or 2xx for the VOD existence rules and the implementation-defined
    // classes of input the generator marked; and for a VOD call the model accepts, any 4xx unless its
    // list is plain and fully detached (then only the AppId families of the admin policy).
    json expectation(const Candidate& c, const Call& mirrored, const Outcome& model_answer, std::string& rule) const {
        json alternatives = json::array();
        std::set<std::string> seen;
        const auto add = [&](json alt) {
            if (seen.insert(alt.dump()).second) alternatives.push_back(std::move(alt));
        };
        // The answers of a rule's code families (catalogue.json "plausible"): those its vectors accept.
        const auto add_plausible = [&](std::string_view rule_id, std::string_view parameter) {
            if (const model::Rule* r = model::find_rule(rule_id))
                for (const std::string& family : r->plausible)
                    for (const model::FamilyAnswer& answer : model::family_answers(family, parameter)) add(family_alternative(answer));
        };
        add(alternative(model_answer, ""));
        bool lenient_4xx = c.any_4xx;
        bool lenient_2xx = c.any_2xx;
        ParameterMap repaired = mirrored.params;
        const ParameterMap valid = c.op->product == Product::Ram ? ParameterMap{{"UserName", "x"}, {"PolicyName", "x"}, {"PolicyType", "System"}}
                                                                 : ParameterMap{{"IdentityType", "RamUser"}, {"IdentityName", "x"},
                                                                                {"AppId", "x"}, {"PolicyNames", "VODAppReadOnlyAccess"}};
        std::size_t violations = 0;
        for (int i = 0; i < 8; ++i) {
            const auto verdict = c.op->product == Product::Ram ? model::validate_detach_policy_from_user(repaired)
                                                               : model::validate_detach_app_policy_from_identity(repaired);
            if (!verdict) break;
            if (violations++ == 0) rule = std::string(verdict->rule);
            Outcome o;
            o.code = std::string(verdict->code);
            const model::ErrorInfo* info = model::find_error(c.op->product, o.code);
            o.http_status = info ? info->http_status : 400;
            add(alternative(o, ""));
            add_plausible(verdict->rule, verdict->parameter);
            lenient_4xx = lenient_4xx || rule_allows_any_4xx(verdict->rule);
            repaired[std::string(verdict->parameter)] = valid.at(std::string(verdict->parameter));
        }
        if (violations > 0 && c.caller != model::kMainAccount) {  // permission vs validation: undocumented order
            Outcome o;
            o.code = c.op->product == Product::Ram ? "NoPermission" : "Forbidden.OperateApp";
            o.http_status = 403;
            add(alternative(o, ""));
        }
        if (violations == 0 && c.op->product == Product::Vod && model_answer.code == "InvalidParameter") {
            lenient_4xx = lenient_2xx = true;  // identity/app existence: 4xx, or 2xx listing the names (RULES.md)
        }
        if (violations == 0 && c.op->product == Product::Vod && model_answer.ok()) {
            if (!plain_list_fully_detached(mirrored.params, model_answer)) {
                lenient_4xx = true;  // list placement, duplicates, empty items, whitespace: implementation-defined
            } else if (mirrored.params.count("AppId") && lists_admin_policy(mirrored.params)) {
                add_plausible(operation_rule(*c.op, "AppId.optionalForAdmin"), "AppId");  // sent anyway
            }
        }
        if (lenient_4xx) add(json{{"statusClass", "4xx"}, {"label", "implementation-defined: any 4xx"}});
        if (lenient_2xx) add(json{{"statusClass", "2xx"}, {"code", ""}, {"label", "implementation-defined: success"}});
        return alternatives.size() == 1 ? alternatives[0] : json{{"anyOf", alternatives}};
    }

    // The rule a call is filed under when it breaks no parameter rule, from what the model answered
    // it (the mutations' own rules may no longer apply once minimised): the operation's rule that
    // raises the model's code (where several do, the one whose parameter the message names), the
    // effect for a success, errorPrecedence otherwise.
    static std::string rule_of_answer(const Candidate& c, const Outcome& model_answer) {
        if (model_answer.ok()) return operation_rule(*c.op, "effect.detached");
        const std::string prefix = operation_rule(*c.op, "");
        const model::Rule* first = nullptr;
        for (const model::Rule& r : model::rule_catalogue()) {
            if (r.id.rfind(prefix, 0) != 0 ||
                std::find(r.error_codes.begin(), r.error_codes.end(), model_answer.code) == r.error_codes.end())
                continue;
            if (first == nullptr) first = &r;
            const std::string subject = r.id.substr(prefix.size(), r.id.find('.', prefix.size()) - prefix.size());
            if (model_answer.message.find(subject) != std::string::npos) return r.id;
        }
        return first != nullptr ? first->id : precedence_rule(*c.op);
    }

    Judged send_and_judge(const Candidate& c) {
        Judged judged;
        const Call call{c.op->product, std::string(c.op->action), c.params, c.caller};
        const Call mirrored = mirror_call(call);
        harness::Response answer;
        ++shared_.calls;
        try {
            answer = endpoint_->send(call, {shared_.options.format});
        } catch (const harness::TransportError&) {
            ++shared_.transport_errors;
            judged.transport_error = true;
            return judged;
        }
        const Outcome model_answer = mirror_.handle(mirrored);
        judged.model_code = model_answer.code;
        judged.model_status = model_answer.http_status;
        judged.expect = expectation(c, mirrored, model_answer, judged.rule);
        judged.got = describe(answer);
        const MatchResult match = match_expect(judged.expect, answer);
        if (!match.matched) {
            judged.disagrees = true;
            judged.mismatch = match.mismatch;
        } else if (answer.request_id.empty()) {
            judged.disagrees = true;
            judged.mismatch = "common.RequestId.present: the answer has no RequestId";
        } else if (!answer.ok() && answer.message.empty()) {
            judged.disagrees = true;
            judged.mismatch = "common.error.envelope: an error answer without Message";
        } else if (std::string problem = response_format_problem(answer, shared_.options.format); !problem.empty()) {
            judged.disagrees = true;
            judged.mismatch = std::move(problem);
        }
        if (judged.disagrees && judged.rule.empty()) judged.rule = rule_of_answer(c, model_answer);  // only for findings
        if (answer.ok() || model_answer.ok()) restore();  // something may have been detached
        return judged;
    }

    // ---- disagreements ----
    std::string signature(const Candidate& c, const Judged& j) const {
        return std::string(c.op->action) + "|" + j.model_code + "|" + j.got + "|" + c.rule;
    }

    void report_disagreement(Candidate candidate, Judged judged) {
        const std::string first_signature = signature(candidate, judged);
        {
            std::lock_guard lock(shared_.mutex);
            if (shared_.signatures.count(first_signature)) return;
        }
        minimise(candidate, judged, first_signature);
        candidate.what = describe_changes(candidate);  // the mutations' own words may no longer hold
        std::lock_guard lock(shared_.mutex);
        if (!shared_.signatures.insert(first_signature).second) return;
        // Different first disagreements may minimise to the same call: it is written once.
        if (!shared_.minimised.insert(std::string(candidate.op->action) + "|" + candidate.what + "|" + judged.got).second) return;
        EndpointFuzzFinding finding;
        finding.summary = std::string(candidate.op->action) + " (" + candidate.what + "): " + judged.mismatch;
        finding.file = write_finding_vector(candidate, judged, shared_.report.findings.size() + 1, names_, shared_.options);
        finding.reproduced = reproduces(finding.file);
        if (shared_.options.log) shared_.options.log("disagreement: " + finding.summary + " -> " + finding.file.string());
        shared_.report.findings.push_back(std::move(finding));
        if (shared_.report.findings.size() >= shared_.options.max_findings) shared_.stop = true;
    }

    // Simplifications are kept while the same disagreement (same model answer, same endpoint answer)
    // persists: parameters dropped, values replaced by the base call's, values shortened.
    // What a (minimised) call changes from the fixture's own call, parameter by parameter; the run's
    // names as ${run} / ${uid}, as in the finding's request.
    std::string describe_changes(const Candidate& c) const {
        const ParameterMap usual = generator_.base(*c.op);
        std::string out;
        const auto note = [&](const std::string& text) { out += (out.empty() ? "" : "; ") + text; };
        for (const std::string& param : c.op->params) {
            const auto sent = c.params.find(param);
            const auto base = usual.find(param);
            if (sent == c.params.end()) {
                if (base != usual.end()) note(param + ": not sent");
                continue;
            }
            if (base != usual.end() && base->second == sent->second) continue;
            std::string value = sent->second;
            for (const auto& [name, variable] : {std::pair{names_.token, "${run}"}, std::pair{names_.endpoint_uid, "${uid}"}})
                for (auto at = name.empty() ? std::string::npos : value.find(name); at != std::string::npos; at = value.find(name, at + 1))
                    value.replace(at, name.size(), variable);
            note(param + ": " + (value.empty() ? std::string("sent empty")
                                 : value.size() > 40 ? std::to_string(model::parameter_length(sent->second)) + " characters"
                                                     : "'" + printable_bytes(value) + "'"));
        }
        if (c.caller != model::kMainAccount) note("caller unprivileged");
        return out.empty() ? "the fixture's own call, unmutated" : out;
    }

    void minimise(Candidate& best, Judged& best_judged, const std::string& wanted) {
        const ParameterMap base_params = generator_.base(*best.op);
        std::size_t budget = 300;
        const auto try_candidate = [&](Candidate next) {
            if (budget == 0 || !generator_.safe(next)) return false;
            --budget;
            Judged j = send_and_judge(next);
            if (!j.disagrees || signature(next, j) != wanted) return false;
            best = std::move(next);
            best_judged = std::move(j);
            return true;
        };
        bool progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (const std::string& param : best.op->params) {
                const auto found = best.params.find(param);
                if (found == best.params.end()) continue;
                const auto base_value = base_params.find(param);
                if (base_value != base_params.end() && found->second != base_value->second) {
                    Candidate next = best;
                    next.params[param] = base_value->second;
                    if (try_candidate(next)) progress = true;
                }
                // Shorter values: drop halves, then single characters (never the run token's bytes:
                // safe() refuses values without it).
                for (std::size_t chunk = std::max<std::size_t>(1, best.params[param].size() / 2); chunk >= 1; chunk /= 2) {
                    for (std::size_t at = 0; at + chunk <= best.params[param].size() && budget > 0;) {
                        Candidate next = best;
                        next.params[param].erase(at, chunk);
                        if (try_candidate(next)) {
                            progress = true;
                        } else {
                            at += chunk;
                        }
                    }
                    if (chunk == 1) break;
                }
            }
        }
    }

    // The written file, loaded and executed exactly as `acsconf run --vectors FILE` would, on this
    // worker's endpoint: it must not pass.
    bool reproduces(const std::filesystem::path& file) {
        const LoadResult loaded = load_vector_files({file});
        if (!loaded.problems.empty() || loaded.tests().size() != 1) {
            if (shared_.options.log)
                shared_.options.log("warning: " + file.string() + " does not load cleanly: " +
                                    (loaded.problems.empty() ? std::string("no test") : loaded.problems.front().to_string()));
            return false;
        }
        ExecOptions exec;
        exec.format = shared_.options.format;
        const VectorResult result = execute_vector(*loaded.tests().front(), *endpoint_, exec);
        return result.outcome == runner::Judgement::Fail;
    }

    Shared& shared_;
    std::unique_ptr<harness::Endpoint> endpoint_;
    const std::vector<const TestCase*>& seeds_;
    model::Account mirror_;  // faithful: what the endpoint should answer
    FixtureNames names_;        // token, user, the user's id on the endpoint
    CallGenerator generator_;   // reads names_
    std::string mirror_uid_;    // the user's id in the mirror model
    bool created_user_ = false;
    bool ram_attached_ = false;
    bool vod_attached_ = false;
};

}  // namespace

EndpointFuzzReport fuzz_endpoint(const EndpointMaker& make_endpoint, const std::vector<const TestCase*>& seeds,
                                 const EndpointFuzzOptions& options) {
    Shared shared{options, Clock::now() + options.duration};
    const unsigned jobs = std::max(1u, options.jobs);
    std::vector<std::unique_ptr<harness::Endpoint>> endpoints;
    for (unsigned i = 0; i < jobs; ++i) endpoints.push_back(make_endpoint());
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < jobs; ++i)
        threads.emplace_back([&, i] {
            try {
                Worker(shared, std::move(endpoints[i]), seeds, i).run();
            } catch (const std::exception& e) {  // e.g. the findings directory cannot be written
                std::lock_guard lock(shared.mutex);
                shared.report.could_not_judge = true;
                shared.report.problem = e.what();
                shared.stop = true;
            }
        });
    for (auto& t : threads) t.join();
    shared.report.calls = shared.calls;
    shared.report.transport_errors = shared.transport_errors;
    if (!shared.report.could_not_judge && shared.report.calls > 0 && shared.report.transport_errors == shared.report.calls) {
        shared.report.could_not_judge = true;
        shared.report.problem = "no call got a judgeable answer";
    }
    return std::move(shared.report);
}

int fuzz_exit_code(const EndpointFuzzReport& report) {
    if (!report.findings.empty()) return 1;
    if (report.could_not_judge || report.transport_errors > 0) return 3;
    return 0;
}

}  // namespace acsconf::runner
