// `acsconf fuzz` (see endpoint_fuzz.hpp): generate, send, judge against a mirror model, minimise, write.
#include "acsconf/runner/endpoint_fuzz.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <fstream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <thread>

#include "acsconf/model/account.hpp"
#include "acsconf/model/catalogue.hpp"
#include "acsconf/model/parameters.hpp"
#include "acsconf/model/validators.hpp"
#include "acsconf/runner/executor.hpp"

namespace acsconf::runner {
namespace {

using nlohmann::json;
using model::Call;
using model::Outcome;
using model::ParameterMap;
using model::Product;
using Clock = std::chrono::steady_clock;

constexpr std::string_view kRamDetach = "DetachPolicyFromUser";
constexpr std::string_view kVodDetach = "DetachAppPolicyFromIdentity";
constexpr std::string_view kFixturePolicy = "ReadOnlyAccess";                     // RAM System policy
constexpr std::string_view kFixtureAppPolicy = model::kVodReadOnlyPolicy;          // on the default app

struct OperationSpec {
    Product product;
    std::string_view action;
    std::vector<std::string> params;  // the documented business parameters
};

const OperationSpec& ram_spec() {
    static const OperationSpec spec{Product::Ram, kRamDetach, {"UserName", "PolicyName", "PolicyType"}};
    return spec;
}
const OperationSpec& vod_spec() {
    static const OperationSpec spec{Product::Vod, kVodDetach, {"IdentityType", "IdentityName", "AppId", "PolicyNames"}};
    return spec;
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool contains(std::string_view haystack, std::string_view needle) {
    return !needle.empty() && haystack.find(needle) != std::string_view::npos;
}

// One generated call and what the generator knows about it.
struct Candidate {
    const OperationSpec* op = nullptr;
    ParameterMap params;
    std::string caller{model::kMainAccount};
    std::string what;       // the mutations applied, for the finding's comment
    std::string rule;       // the rule the (last) mutation probes
    // Implementation-defined (RULES.md): any 4xx code is plausible (a rule whose code is unconfirmed),
    // or even success (a class of input whose acceptance is unconfirmed: case variants, '@' in a
    // UserName, whitespace, separators and empty items in PolicyNames).
    bool any_4xx = false;
    bool any_2xx = false;
};

// ---- values --------------------------------------------------------------------------------------

// Character classes a rule distinguishes, and the edges of UTF-8.
const std::vector<std::string>& char_samples() {
    static const std::vector<std::string> samples = {
        "a", "Z", "7", ".", "@", "_", "-", " ", "/", "+", "%", "&", "=", "?", "#", ",", ";", "*", "~", "'", "\"",
        "\\", "<", "\t", std::string(1, '\0'), "\x1f", "\x7f",
        "\xc3\xa9",          // é: 2 bytes, one character
        "\xe4\xb8\x80",      // CJK U+4E00
        "\xe9\xbe\xa5",      // U+9FA5, the last CJK of the DisplayName/AppName class
        "\xf0\x9f\x98\x80",  // emoji, 4 bytes
        "\xc2\xa0",          // no-break space
        "\xe3\x80\x80",      // ideographic space
        "\xef\xbb\xbf",      // BOM
        "\xff",              // never valid in UTF-8
        "\xc0\xaf",          // overlong '/'
        "\xed\xa0\x80",      // surrogate
        "\xf4\x90\x80\x80",  // above U+10FFFF
        "\xe4\xb8",          // truncated sequence
    };
    return samples;
}

std::size_t limit_of(std::string_view param) {
    if (param == "UserName") return model::kUserNameMaxLength;
    if (param == "PolicyName") return model::kPolicyNameMaxLength;
    return 64;  // no documented limit: probe around a common one
}

// "<product>.<Operation>.<Param>.<aspect>" when the rule catalogue has it, else "".
std::string rule_id(const OperationSpec& op, std::string_view param, std::string_view aspect) {
    const std::string prefix = op.product == Product::Ram ? "ram." : "vod.";
    std::string id = prefix + std::string(op.action) + "." + std::string(param) + "." + std::string(aspect);
    return model::find_rule(id) ? id : std::string();
}

std::string precedence_rule(const OperationSpec& op) {
    return (op.product == Product::Ram ? "ram." : "vod.") + std::string(op.action) + ".errorPrecedence";
}

bool rule_confirmed(std::string_view id) {
    const model::Rule* rule = model::find_rule(id);
    return rule == nullptr || rule->confirmed;
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
    std::atomic<std::size_t> calls{0};
    std::atomic<std::size_t> transport_errors{0};

    bool should_stop() const {
        return stop.load() || Clock::now() >= deadline || (options.should_stop && options.should_stop());
    }
};

struct Judged {
    bool disagrees = false;
    bool transport_error = false;
    json expect;
    std::string got;      // "404 EntityNotExist.User"
    std::string mismatch;
    std::string model_code;
    int model_status = 0;
    std::string rule;  // the rule the model's answer comes from (its first violation), else the mutation's
};

class Worker {
public:
    Worker(Shared& shared, std::unique_ptr<harness::Endpoint> endpoint, const std::vector<const TestCase*>& seeds, unsigned index)
        : shared_(shared), endpoint_(std::move(endpoint)), seeds_(seeds),
          rng_(shared.options.seed * 1000003u + index), token_(new_run_token()) {}

    // Whatever was created is removed, also when run() ends by an exception.
    ~Worker() { tear_down(); }
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    void run() {
        if (!set_up()) return;
        collect_pools();
        while (!shared_.should_stop()) {
            Candidate candidate = generate();
            if (!safe(candidate)) continue;
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
        user_ = token_ + "-fz";
        mirror_.set_precondition(model::kPreconditionVodMultiApp, "open");
        const std::string vod_state = endpoint_->precondition(model::kPreconditionVodMultiApp);
        if (!vod_state.empty()) mirror_.set_precondition(model::kPreconditionVodMultiApp, vod_state);
        try {
            harness::Response created;
            const Outcome mirrored = both(Call{Product::Ram, "CreateUser", {{"UserName", user_}}}, &created);
            if (!created.ok()) return fail_set_up("CreateUser " + user_ + " answered " + describe(created));
            created_user_ = true;
            if (!mirrored.ok()) return fail_set_up("the model refused CreateUser " + user_);
            endpoint_uid_ = created.fields.value("User", json::object()).value("UserId", std::string());
            mirror_uid_ = mirrored.fields["User"]["UserId"].get<std::string>();
            if (endpoint_uid_.empty()) return fail_set_up("CreateUser " + user_ + " answered no User.UserId");
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
                    {{"PolicyType", "System"}, {"PolicyName", std::string(kFixturePolicy)}, {"UserName", user_}}};
    }
    Call vod_attach() const {
        return Call{Product::Vod, "AttachAppPolicyToIdentity",
                    {{"IdentityType", "RamUser"}, {"IdentityName", endpoint_uid_},
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
                         {{"IdentityType", "RamUser"}, {"IdentityName", endpoint_uid_},
                          {"AppId", std::string(model::kVodDefaultAppId)}, {"PolicyNames", std::string(kFixtureAppPolicy)}}});
        if (ram_attached_)
            quietly(Call{Product::Ram, std::string(kRamDetach),
                         {{"PolicyType", "System"}, {"PolicyName", std::string(kFixturePolicy)}, {"UserName", user_}}});
        if (created_user_) quietly(Call{Product::Ram, "DeleteUser", {{"UserName", user_}}});
        vod_attached_ = ram_attached_ = created_user_ = false;
    }

    // The mirror model has its own user id: the endpoint's id becomes the mirror's in every value.
    Call mirror_call(Call call) const {
        if (endpoint_uid_.empty() || endpoint_uid_ == mirror_uid_) return call;
        for (auto& [name, value] : call.params)
            for (std::size_t at = value.find(endpoint_uid_); at != std::string::npos;
                 at = value.find(endpoint_uid_, at + mirror_uid_.size()))
                value.replace(at, endpoint_uid_.size(), mirror_uid_);
        return call;
    }

    // ---- generation ----
    void collect_pools() {
        const Variables vars = {{"run", token_}, {"uid", endpoint_uid_}, {"app", std::string(model::kVodDefaultAppId)}};
        for (const TestCase* test : seeds_) {
            if (!test->request.is_object() || !test->request.contains("params")) continue;
            if (test->operation != kRamDetach && test->operation != kVodDetach) continue;
            for (const auto& [name, value] : test->request["params"].items()) {
                try {
                    pools_[name].push_back(expand_value(value, vars));
                } catch (const std::exception&) {  // needs a fixture variable we do not have
                }
            }
        }
        for (auto& [name, values] : pools_) {
            std::sort(values.begin(), values.end());
            values.erase(std::unique(values.begin(), values.end()), values.end());
        }
    }

    ParameterMap base(const OperationSpec& op) const {
        if (op.product == Product::Ram)
            return {{"UserName", user_}, {"PolicyName", std::string(kFixturePolicy)}, {"PolicyType", "System"}};
        return {{"IdentityType", "RamUser"}, {"IdentityName", endpoint_uid_},
                {"AppId", std::string(model::kVodDefaultAppId)}, {"PolicyNames", std::string(kFixtureAppPolicy)}};
    }

    std::size_t pick(std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng_); }
    bool chance(unsigned percent) { return pick(100) < percent; }

    Candidate generate() {
        Candidate c;
        c.op = chance(50) ? &ram_spec() : &vod_spec();
        c.params = base(*c.op);
        const std::size_t mutations = chance(75) ? 1 : 2;
        for (std::size_t i = 0; i < mutations; ++i) mutate(c);
        if (chance(4) && endpoint_->can_act_as(model::kUnprivileged)) {
            c.caller = std::string(model::kUnprivileged);
            c.what += "; caller unprivileged";
        }
        return c;
    }

    void mutate(Candidate& c) {
        const std::string param = c.op->params[pick(c.op->params.size())];
        std::string value = c.params.count(param) ? c.params[param] : std::string();
        const auto note = [&](const std::string& what, std::string_view aspect, bool implementation_defined = false) {
            c.what += (c.what.empty() ? "" : "; ") + param + ": " + what;
            const std::string rule = rule_id(*c.op, param, aspect);
            c.rule = !rule.empty() ? rule : c.rule.empty() ? precedence_rule(*c.op) : c.rule;
            c.any_4xx = c.any_4xx || implementation_defined || (!rule.empty() && !rule_confirmed(rule));
            c.any_2xx = c.any_2xx || implementation_defined;
        };
        switch (pick(9)) {
            case 0:  // missing
                c.params.erase(param);
                note("not sent", "required");
                return;
            case 1:  // empty
                c.params[param] = "";
                note("sent empty", "length");
                return;
            case 2: {  // lengths around the limit, counted in characters
                const std::size_t limit = limit_of(param);
                const std::size_t lengths[] = {1, limit - 1, limit, limit + 1, limit + 2, 2 * limit};
                const std::size_t target = lengths[pick(std::size(lengths))];
                const bool multibyte = chance(20);
                std::string grown = param == "UserName" ? token_ : std::string();
                const std::string fill = multibyte ? "\xc3\xa9" : param == "PolicyNames" ? "A" : "a";
                std::size_t chars = model::parameter_length(grown);
                while (chars < target) grown += fill, ++chars;
                if (chars > target) grown = grown.substr(0, target);  // only when target < token length
                c.params[param] = grown;
                note(std::to_string(target) + " characters" + (multibyte ? " of U+00E9" : ""), "length");
                return;
            }
            case 3: {  // one character of each class, inserted
                const std::string& sample = char_samples()[pick(char_samples().size())];
                const std::size_t at = value.empty() ? 0 : pick(value.size() + 1);
                value.insert(at, sample);
                c.params[param] = value;
                const bool at_sign = sample == "@" && param == "UserName";  // regex allows, prose omits
                note("inserted " + printable_bytes(sample) + " at " + std::to_string(at), "chars", at_sign);
                return;
            }
            case 4: {  // case variants
                std::string changed = value;
                const int how = static_cast<int>(pick(3));
                for (std::size_t i = 0; i < changed.size(); ++i) {
                    const auto ch = static_cast<unsigned char>(changed[i]);
                    if (how == 0) changed[i] = static_cast<char>(std::toupper(ch));
                    if (how == 1) changed[i] = static_cast<char>(std::tolower(ch));
                    if (how == 2 && i == 0) changed[i] = static_cast<char>(std::isupper(ch) ? std::tolower(ch) : std::toupper(ch));
                }
                if (changed == value) return;
                c.params[param] = changed;
                // Case variants of names and enumerations are implementation-defined (RULES.md).
                note(std::string(how == 0 ? "upper case" : how == 1 ? "lower case" : "first letter's case flipped"),
                     "values", true);
                return;
            }
            case 5: {  // whitespace around
                static const std::string kSpaces[] = {" ", "\t", "\n", "\r\n", "\xc2\xa0", "\xe3\x80\x80"};
                const std::string& space = kSpaces[pick(std::size(kSpaces))];
                c.params[param] = chance(50) ? space + value : value + space;
                note("whitespace " + printable_bytes(space) + " around", "chars", param == "PolicyNames");
                return;
            }
            case 6: {  // list separators (PolicyNames, and any other parameter too)
                static const std::string kItems[] = {"VODAppReadOnlyAccess", "VODAppFullAccess", "VODAppAdministratorAccess",
                                                     "ReadOnlyAccess", "NoSuchPolicy"};
                static const std::string kSeparators[] = {",", ", ", " ,", ",,", ";", "|", " "};
                const std::string& separator = kSeparators[pick(std::size(kSeparators))];
                std::string list = value.empty() ? kItems[pick(std::size(kItems))] : value;
                const std::size_t more = 1 + pick(2);
                for (std::size_t i = 0; i < more; ++i) list += separator + (chance(30) ? value : kItems[pick(std::size(kItems))]);
                if (chance(20)) list = (chance(50) ? "," : "") + list + (chance(50) ? "," : "");
                c.params[param] = list;
                note("list with separator '" + printable_bytes(separator) + "'", "list", param == "PolicyNames");
                return;
            }
            case 7: {  // a value some vector used for this parameter
                const auto found = pools_.find(param);
                if (found == pools_.end() || found->second.empty()) return;
                c.params[param] = found->second[pick(found->second.size())];
                note("vector value " + printable_bytes(c.params[param].substr(0, 40)), "chars");
                return;
            }
            default: {  // UTF-8 edge cases replacing one byte
                static const std::string kEdges[] = {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8",
                                                     "\xe4\xb8\x80", "\xf0\x9f\x98\x80", std::string(1, '\0')};
                const std::string& edge = kEdges[pick(std::size(kEdges))];
                if (value.empty()) {
                    value = edge;
                } else {
                    value.replace(pick(value.size()), 1, edge);
                }
                c.params[param] = value;
                note("UTF-8 edge " + printable_bytes(edge), "chars");
                return;
            }
        }
    }

    // Only calls that cannot touch anything this run did not create: RAM names our user (by its
    // token), VOD our user's id. A value without them is never sent.
    bool safe(const Candidate& c) const {
        const auto found = c.params.find(c.op->product == Product::Ram ? "UserName" : "IdentityName");
        if (found == c.params.end() || found->second.empty()) return true;  // rejected before any lookup
        const std::string& value = found->second;
        if (c.op->product == Product::Ram) return contains(lower(value), token_);
        return contains(value, endpoint_uid_) || contains(lower(value), token_);
    }

    // ---- judging ----
    static std::string describe(const harness::Response& r) {
        return std::to_string(r.http_status) + (r.code.empty() ? " (success)" : " " + printable_bytes(r.code));
    }

    static json alternative(const Outcome& o, const std::string& label) {
        return json{{"status", o.http_status}, {"code", o.code}, {"label", label.empty() ? (o.code.empty() ? "success" : o.code) : label}};
    }

    // The model's acceptable answers for a call: its own answer; every error a broken rule raises when
    // several are broken (errorPrecedence); any 4xx when a rule involved is implementation-defined; also
    // any 2xx for the VOD existence rules and implementation-defined list and character classes.
    json expectation(const Candidate& c, const Call& mirrored, const Outcome& model_answer, std::string& rule) const {
        json alternatives = json::array();
        std::set<std::string> seen;
        const auto add = [&](json alt) {
            if (seen.insert(alt.dump()).second) alternatives.push_back(std::move(alt));
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
            if (!rule_confirmed(verdict->rule)) lenient_4xx = true;
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
        if (violations == 0 && c.op->product == Product::Vod && model_answer.ok()) lenient_4xx = true;  // list placement, whitespace
        if (lenient_4xx) add(json{{"statusClass", "4xx"}, {"label", "implementation-defined: any 4xx"}});
        if (lenient_2xx) add(json{{"statusClass", "2xx"}, {"code", ""}, {"label", "implementation-defined: success"}});
        return alternatives.size() == 1 ? alternatives[0] : json{{"anyOf", alternatives}};
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
        judged.rule = c.rule;
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
        }
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
        std::lock_guard lock(shared_.mutex);
        if (!shared_.signatures.insert(first_signature).second) return;
        EndpointFuzzFinding finding;
        finding.summary = std::string(candidate.op->action) + " (" + candidate.what + "): " + judged.mismatch;
        finding.file = write_vector(candidate, judged, shared_.report.findings.size() + 1);
        finding.reproduced = reproduces(finding.file);
        if (shared_.options.log) shared_.options.log("disagreement: " + finding.summary + " -> " + finding.file.string());
        shared_.report.findings.push_back(std::move(finding));
        if (shared_.report.findings.size() >= shared_.options.max_findings) shared_.stop = true;
    }

    // Simplifications are kept while the same disagreement (same model answer, same endpoint answer)
    // persists: parameters dropped, values replaced by the base call's, values shortened.
    void minimise(Candidate& best, Judged& best_judged, const std::string& wanted) {
        const ParameterMap base_params = base(*best.op);
        std::size_t budget = 300;
        const auto try_candidate = [&](Candidate next) {
            if (budget == 0 || !safe(next)) return false;
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

    // A value as a vector VALUE: "${run}" / "${uid}" for the fixture's parts, {"hex"} for bytes that
    // are not printable UTF-8, plain strings otherwise (joined with {"concat"} when mixed).
    json vector_value(const std::string& value) const {
        json parts = json::array();
        std::string text;
        const auto flush = [&] {
            if (!text.empty()) parts.push_back(text), text.clear();
        };
        const auto printable_utf8 = [](std::string_view s) {
            if (!model::is_valid_utf8(s)) return false;
            for (unsigned char ch : s)
                if (ch < 0x20 || ch == 0x7f) return false;
            return s.find("${") == std::string_view::npos;
        };
        std::size_t i = 0;
        while (i < value.size()) {
            if (value.compare(i, token_.size(), token_) == 0) {
                text += "${run}";
                i += token_.size();
                continue;
            }
            if (!endpoint_uid_.empty() && value.compare(i, endpoint_uid_.size(), endpoint_uid_) == 0) {
                text += "${uid}";
                i += endpoint_uid_.size();
                continue;
            }
            // The next run of bytes up to a token/uid occurrence.
            std::size_t end = value.size();
            for (const std::string* marker : {&token_, &endpoint_uid_})
                if (!marker->empty()) end = std::min(end, value.find(*marker, i + 1) == std::string::npos ? value.size() : value.find(*marker, i + 1));
            const std::string piece = value.substr(i, end - i);
            if (printable_utf8(piece)) {
                text += piece;
            } else {
                flush();
                static constexpr char kHex[] = "0123456789abcdef";
                std::string hex;
                for (unsigned char ch : piece) hex += std::string{kHex[ch >> 4], kHex[ch & 0xF]};
                parts.push_back(json{{"hex", hex}});
            }
            i = end;
        }
        flush();
        if (parts.empty()) return "";
        if (parts.size() == 1 && parts[0].is_string()) return parts[0];
        return json{{"concat", parts}};
    }

    std::filesystem::path write_vector(const Candidate& c, const Judged& j, std::size_t number) const {
        const bool ram = c.op->product == Product::Ram;
        json given = json::array();
        given.push_back({{"call", "CreateUser"}, {"product", "Ram"}, {"params", {{"UserName", "${run}-fz"}}}, {"save", {{"uid", "User.UserId"}}}});
        given.push_back({{"call", "AttachPolicyToUser"}, {"product", "Ram"},
                         {"params", {{"PolicyType", "System"}, {"PolicyName", kFixturePolicy}, {"UserName", "${run}-fz"}}}});
        if (!ram)
            given.push_back({{"call", "AttachAppPolicyToIdentity"},
                             {"params", {{"IdentityType", "RamUser"}, {"IdentityName", "${uid}"},
                                         {"AppId", model::kVodDefaultAppId}, {"PolicyNames", kFixtureAppPolicy}}}});
        json params = json::object();
        for (const auto& [name, value] : c.params) params[name] = vector_value(value);
        json request = {{"params", params}};
        if (c.caller != model::kMainAccount) request["caller"] = c.caller;
        const bool several = j.expect.contains("anyOf");
        const std::string result = several ? "acceptable" : j.model_code.empty() ? "valid" : "invalid";
        const std::string name = "fuzz_" + std::to_string(number) + "_" + token_;
        json test = {{"tcId", 1},
                     {"name", name},
                     {"comment", "Found by acsconf fuzz (seed " + std::to_string(shared_.options.seed) + ") on " +
                                     shared_.options.endpoint_spec + ": " + c.what + ". Endpoint answered " + j.got +
                                     "; the model's acceptable answers are in expect."},
                     {"flags", {"FuzzFinding"}},
                     {"rules", {j.rule}},
                     {"given", given},
                     {"request", request},
                     {"expect", j.expect},
                     {"result", result}};
        json doc = {{"schema", "acsconf_vectors_v1.schema.json"},
                    {"product", ram ? "Ram" : "Vod"},
                    {"version", model::product_version(c.op->product)},
                    {"operation", c.op->action},
                    {"generator", "acsconf fuzz"},
                    {"sources", {{"docs", ram ? "docs/sources/ram.md" : "docs/sources/vod.md"},
                                 {"catalogue", "conformance/model/catalogue/catalogue.json"},
                                 {"rules", "conformance/model/RULES.md"}}},
                    {"notes", {{"FuzzFinding", {{"bugType", "MODIFIED_PARAMETER"},
                                                {"description", "Generated by acsconf fuzz: the endpoint's answer is not among the model's acceptable answers."}}}}},
                    {"numberOfTests", 1},
                    {"testGroups", {{{"rule", j.rule}, {"tests", {test}}}}}};
        std::filesystem::create_directories(shared_.options.out_dir);
        const std::filesystem::path file = shared_.options.out_dir / (name + ".json");
        std::ofstream(file, std::ios::binary) << doc.dump(2) << "\n";
        return file;
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
        return result.outcome == runner::Outcome::Fail;
    }

    Shared& shared_;
    std::unique_ptr<harness::Endpoint> endpoint_;
    const std::vector<const TestCase*>& seeds_;
    std::mt19937_64 rng_;
    model::Account mirror_;  // faithful: what the endpoint should answer
    std::string token_;
    std::string user_;
    std::string endpoint_uid_;
    std::string mirror_uid_;
    bool created_user_ = false;
    bool ram_attached_ = false;
    bool vod_attached_ = false;
    std::map<std::string, std::vector<std::string>> pools_;
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
