// Executes one vector: see vectors/README.md for the meaning of every key used here.
#include "acsconf/runner/executor.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <mutex>
#include <random>
#include <regex>
#include <set>
#include <sstream>

#include "acsconf/harness/redact.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::runner {

using nlohmann::json;

// ---- substitution ---------------------------------------------------------------------------

std::string substitute_text(const std::string& text, const Variables& vars) {
    std::string out;
    std::size_t pos = 0;
    while (true) {
        const std::size_t start = text.find("${", pos);
        if (start == std::string::npos) {
            out.append(text, pos, std::string::npos);
            return out;
        }
        const std::size_t end = text.find('}', start + 2);
        if (end == std::string::npos) throw SubstitutionError("unterminated '${' in \"" + text + "\"");
        const std::string name = text.substr(start + 2, end - start - 2);
        auto it = vars.find(name);
        if (it == vars.end()) throw SubstitutionError("unknown variable ${" + name + "} (not ${run} nor saved by a given step)");
        out.append(text, pos, start - pos);
        out += it->second;
        pos = end + 1;
    }
}

namespace {

std::string decode_hex(const std::string& hex) {
    std::string digits;
    for (char c : hex) {
        if (std::isspace(static_cast<unsigned char>(c))) continue;
        if (!std::isxdigit(static_cast<unsigned char>(c))) throw SubstitutionError("hex value \"" + hex + "\" has a non-hex character");
        digits += c;
    }
    if (digits.size() % 2 != 0) throw SubstitutionError("hex value \"" + hex + "\" has an odd number of digits");
    std::string bytes;
    for (std::size_t i = 0; i < digits.size(); i += 2)
        bytes += static_cast<char>(std::stoi(digits.substr(i, 2), nullptr, 16));
    return bytes;
}

}  // namespace

std::string expand_value(const json& value, const Variables& vars) {
    if (value.is_string()) return substitute_text(value.get<std::string>(), vars);
    if (value.is_object()) {
        if (value.contains("hex") && value["hex"].is_string()) return decode_hex(value["hex"].get<std::string>());
        if (value.contains("repeat")) {
            if (!value.contains("count") || !value["count"].is_number_integer() || value["count"].get<long long>() < 0 ||
                value["count"].get<long long>() > 1'000'000)
                throw SubstitutionError("repeat needs a count between 0 and 1000000: " + value.dump());
            const std::string unit = expand_value(value["repeat"], vars);
            std::string out;
            const auto count = value["count"].get<long long>();
            out.reserve(unit.size() * static_cast<std::size_t>(count));
            for (long long i = 0; i < count; ++i) out += unit;
            return out;
        }
        if (value.contains("concat") && value["concat"].is_array()) {
            std::string out;
            for (const auto& part : value["concat"]) out += expand_value(part, vars);
            return out;
        }
    }
    throw SubstitutionError("not a VALUE (string, repeat/count, concat or hex): " + value.dump());
}

json substitute_strings(const json& doc, const Variables& vars) {
    if (doc.is_string()) return printable_bytes(substitute_text(doc.get<std::string>(), vars));
    if (doc.is_array()) {
        json out = json::array();
        for (const auto& item : doc) out.push_back(substitute_strings(item, vars));
        return out;
    }
    if (doc.is_object()) {
        json out = json::object();
        for (const auto& [key, item] : doc.items()) out[key] = substitute_strings(item, vars);
        return out;
    }
    return doc;
}

std::string new_run_token() {
    static std::mutex mutex;
    static std::mt19937_64 engine{std::random_device{}()};
    static std::set<std::string> issued;  // guarantees uniqueness within the process
    static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::lock_guard lock(mutex);
    std::uniform_int_distribution<int> pick(0, 35);
    while (true) {
        std::string token(8, 'a');
        for (auto& c : token) c = kAlphabet[pick(engine)];
        if (issued.insert(token).second) return token;
    }
}

std::string printable_bytes(const std::string& bytes) {
    std::string out;
    auto escape = [&](unsigned char b) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\x";
        out += kHex[b >> 4];
        out += kHex[b & 0xF];
    };
    for (std::size_t i = 0; i < bytes.size();) {
        const auto b = static_cast<unsigned char>(bytes[i]);
        std::size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
        bool valid = len > 0 && i + len <= bytes.size();
        for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(bytes[i + k]) >> 6) == 0x2;
        if (valid && len == 2) valid = b >= 0xC2;  // overlong
        if (valid && len == 3) {
            const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
            valid = !(b == 0xE0 && b1 < 0xA0) && !(b == 0xED && b1 >= 0xA0);  // overlong, surrogates
        }
        if (valid && len == 4) {
            const auto b1 = static_cast<unsigned char>(bytes[i + 1]);
            valid = !(b == 0xF0 && b1 < 0x90) && !(b == 0xF4 && b1 >= 0x90) && b <= 0xF4;
        }
        if (!valid) {
            escape(b);
            ++i;
            continue;
        }
        out.append(bytes, i, len);
        i += len;
    }
    return out;
}

// ---- paths ----------------------------------------------------------------------------------

namespace {

void collect_at(const json& node, const std::vector<std::pair<std::string, bool>>& segments, std::size_t index,
                std::vector<std::string>& out) {
    if (index == segments.size()) {
        if (node.is_string()) out.push_back(node.get<std::string>());
        else if (node.is_number() || node.is_boolean()) out.push_back(node.dump());
        else if (node.is_array())
            for (const auto& item : node) collect_at(item, segments, index, out);
        return;
    }
    const auto& [key, walk_array] = segments[index];
    if (node.is_array()) {  // an array reached without [*] (e.g. XML single/multiple): walk it anyway
        for (const auto& item : node) collect_at(item, segments, index, out);
        return;
    }
    if (!node.is_object() || !node.contains(key)) return;
    const json& child = node[key];
    if (walk_array && child.is_array()) {
        for (const auto& item : child) collect_at(item, segments, index + 1, out);
    } else {
        collect_at(child, segments, index + 1, out);  // [*] on a lone object: treat as one element
    }
}

}  // namespace

std::vector<std::string> strings_at_path(const json& fields, const std::string& path) {
    std::vector<std::pair<std::string, bool>> segments;
    std::stringstream stream(path);
    std::string part;
    while (std::getline(stream, part, '.')) {
        bool walk = false;
        if (part.ends_with("[*]")) {
            walk = true;
            part.resize(part.size() - 3);
        }
        segments.emplace_back(part, walk);
    }
    std::vector<std::string> out;
    collect_at(fields, segments, 0, out);
    return out;
}

// ---- matching -------------------------------------------------------------------------------

namespace {

std::string fold_message(const std::string& text) {
    std::string out;
    bool pending_space = false;
    for (char c : text) {
        if (std::isspace(static_cast<unsigned char>(c))) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string describe_alternative(const json& alternative) {
    std::vector<std::string> parts;
    if (alternative.contains("status")) parts.push_back("status " + alternative["status"].dump());
    if (alternative.contains("statusClass")) parts.push_back("status " + alternative["statusClass"].get<std::string>());
    if (alternative.contains("code")) {
        const auto code = alternative["code"].get<std::string>();
        parts.push_back(code.empty() ? "success" : "code " + code);
    }
    if (alternative.contains("codeMatches")) parts.push_back("code ~ /" + alternative["codeMatches"].get<std::string>() + "/");
    if (alternative.contains("messages")) parts.push_back("message " + alternative["messages"].dump());
    if (alternative.contains("fields")) parts.push_back("fields " + alternative["fields"].dump());
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : " ") + p;
    if (alternative.contains("label")) out = alternative["label"].get<std::string>() + " (" + out + ")";
    return out.empty() ? "any answer" : out;
}

std::string describe_response(const harness::Response& r) {
    std::string out = std::to_string(r.http_status) + " " + (r.code.empty() ? std::string("success") : r.code);
    return out;
}

// "" when the alternative holds, else what did not.
std::string check_alternative(const json& alternative, const harness::Response& r) {
    if (alternative.contains("status") && alternative["status"].is_number_integer() &&
        alternative["status"].get<int>() != r.http_status)
        return "status " + std::to_string(r.http_status) + " is not " + alternative["status"].dump();
    if (alternative.contains("statusClass") && alternative["statusClass"].is_string()) {
        const std::string cls = alternative["statusClass"].get<std::string>();
        if (cls.size() != 3 || cls[0] - '0' != r.http_status / 100)
            return "status " + std::to_string(r.http_status) + " is not " + cls;
    }
    if (alternative.contains("code") && alternative["code"].is_string() && alternative["code"].get<std::string>() != r.code)
        return "code " + (r.code.empty() ? std::string("(none)") : r.code) + " is not " +
               (alternative["code"].get<std::string>().empty() ? std::string("(none)") : alternative["code"].get<std::string>());
    if (alternative.contains("codeMatches") && alternative["codeMatches"].is_string()) {
        bool matched = false;
        try {
            matched = std::regex_search(r.code, std::regex(alternative["codeMatches"].get<std::string>(), std::regex::ECMAScript));
        } catch (const std::regex_error& e) {
            return "codeMatches is not a valid regex: " + std::string(e.what());
        }
        if (!matched) return "code " + r.code + " does not match /" + alternative["codeMatches"].get<std::string>() + "/";
    }
    if (alternative.contains("messages") && alternative["messages"].is_array()) {
        const bool any = std::any_of(alternative["messages"].begin(), alternative["messages"].end(), [&](const json& m) {
            return m.is_string() && message_matches(m.get<std::string>(), r.message);
        });
        if (!any) return "message \"" + printable_bytes(r.message) + "\" is none of " + alternative["messages"].dump();
    }
    if (alternative.contains("fields") && !fields_match(alternative["fields"], r.fields))
        return "fields " + r.fields.dump() + " do not contain " + alternative["fields"].dump();
    return {};
}

}  // namespace

bool message_matches(const std::string& expected, const std::string& actual) {
    const std::string e = fold_message(expected), a = fold_message(actual);
    return a.starts_with(e);
}

bool fields_match(const json& expected, const json& actual) {
    if (expected.is_object()) {
        if (!actual.is_object()) return false;
        for (const auto& [key, value] : expected.items())
            if (!actual.contains(key) || !fields_match(value, actual[key])) return false;
        return true;
    }
    if (expected.is_array()) {
        if (!actual.is_array()) return false;
        auto contains_match = [](const json& needles, const json& hay, bool expected_side) {
            return std::all_of(needles.begin(), needles.end(), [&](const json& n) {
                return std::any_of(hay.begin(), hay.end(), [&](const json& h) {
                    return expected_side ? fields_match(n, h) : fields_match(h, n);
                });
            });
        };
        return contains_match(expected, actual, true) && contains_match(actual, expected, false);
    }
    if (expected.is_number() && actual.is_number()) return expected.get<double>() == actual.get<double>();
    return expected == actual;
}

MatchResult match_expect(const json& expect, const harness::Response& response) {
    MatchResult result;
    const bool any_of = expect.is_object() && expect.contains("anyOf") && expect["anyOf"].is_array();
    const json alternatives = any_of ? expect["anyOf"] : json::array({expect});
    std::string single_detail;
    std::string described;
    for (std::size_t i = 0; i < alternatives.size(); ++i) {
        const json& alternative = alternatives[i];
        const std::string why = check_alternative(alternative, response);
        if (why.empty()) {
            result.matched = true;
            result.matched_alternative = alternative.contains("label") && alternative["label"].is_string()
                                             ? alternative["label"].get<std::string>()
                                             : std::to_string(i);
            return result;
        }
        // Point at the key that failed when status and code were right (e.g. only the message differs).
        const bool near_miss = !why.starts_with("status ") && !why.starts_with("code ");
        if (alternatives.size() == 1 || (near_miss && single_detail.empty()))
            single_detail = alternatives.size() == 1
                                ? why
                                : "closest " + alternative.value("label", "#" + std::to_string(i)) + ": " + why;
        described += (described.empty() ? "" : " | ") + describe_alternative(alternative);
    }
    result.mismatch = "expected " + (alternatives.size() > 1 ? "one of [" + described + "]" : described) + ", got " +
                      describe_response(response);
    if (!single_detail.empty()) result.mismatch += " (" + single_detail + ")";
    if (!response.message.empty() && single_detail.find("message \"") == std::string::npos) result.mismatch += ": \"" + printable_bytes(response.message) + "\"";
    return result;
}

// ---- execution ------------------------------------------------------------------------------

namespace {

// Teardown table: what undoes a fixture call, and which parameters the undo needs (copied from the
// call's own parameters, or read from its answer's fields).
struct Inverse {
    const char* action;
    const char* inverse;
    std::vector<const char*> params_from_request;
    std::vector<std::pair<const char*, const char*>> params_from_answer;  // param, dotted field path
};

const std::vector<Inverse>& inverse_table() {
    static const std::vector<Inverse> table = {
        {"CreateUser", "DeleteUser", {"UserName"}, {}},
        {"CreatePolicy", "DeletePolicy", {"PolicyName"}, {}},
        {"AttachPolicyToUser", "DetachPolicyFromUser", {"PolicyType", "PolicyName", "UserName"}, {}},
        {"CreateRole", "DeleteRole", {"RoleName"}, {}},
        {"CreateAppInfo", "DeleteAppInfo", {}, {{"AppId", "AppId"}}},
        {"AttachAppPolicyToIdentity", "DetachAppPolicyFromIdentity", {"IdentityType", "IdentityName", "PolicyNames", "AppId"}, {}},
    };
    return table;
}

struct PendingUndo {
    model::Call call;
    std::size_t step = 0;
};

class VectorRun {
public:
    VectorRun(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options)
        : test_(test), endpoint_(endpoint), options_(options) {}

    VectorResult run() {
        const auto started = std::chrono::steady_clock::now();
        fill_identity();
        try {
            vars_["run"] = options_.run_token ? options_.run_token() : new_run_token();
            execute();
        } catch (const SubstitutionError& e) {
            set(Outcome::Error, std::string("vector cannot be expanded: ") + e.what());
        } catch (const harness::TransportError& e) {
            set(Outcome::Error, std::string("transport error: ") + e.what());
        } catch (const std::exception& e) {
            set(Outcome::Error, std::string("could not judge: ") + e.what());
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
        result_.outcome = Outcome::Pass;
    }

    void set(Outcome outcome, std::string reason) {
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

    harness::Response send(const model::Call& call, const std::string& role) {
        harness::SendOptions send_options;
        send_options.format = options_.format;
        Exchange exchange;
        exchange.role = role;
        exchange.action = call.action;
        exchange.caller = call.caller;
        exchange.params = json::object();
        for (const auto& [name, value] : call.params) exchange.params[name] = printable_bytes(value);
        harness::Response response;
        try {
            response = endpoint_.send(call, send_options);
            if (role == "request") remember_reproduction();
        } catch (const harness::TransportError& e) {
            if (role == "request") remember_reproduction();
            exchange.message = printable_bytes(std::string("transport error: ") + e.what());
            result_.exchanges.push_back(std::move(exchange));
            throw;
        }
        exchange.http_status = response.http_status;
        exchange.code = printable_bytes(response.code);
        exchange.message = printable_bytes(response.message);
        exchange.request_id = printable_bytes(response.request_id);
        exchange.fields = response.fields;
        exchange.format = std::string(harness::format_name(response.format));
        result_.exchanges.push_back(std::move(exchange));
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
        for (const auto& caller : callers)
            if (!endpoint_.can_act_as(caller)) {
                set(Outcome::Skip, "endpoint " + endpoint_.name() + " cannot act as caller '" + caller + "'");
                return false;
            }
        return true;
    }

    void execute() {
        if (!callers_available()) return;
        for (std::size_t i = 0; i < test_.given.size(); ++i)
            if (!run_given(test_.given[i], i)) return;

        const std::string action = test_.request.value("action", test_.operation);
        const model::Call call = make_call(test_.request, action);
        const harness::Response response = send(call, "request");
        result_.actual = {{"status", response.http_status},
                          {"code", printable_bytes(response.code)},
                          {"message", printable_bytes(response.message)},
                          {"requestId", printable_bytes(response.request_id)},
                          {"fields", response.fields},
                          {"format", std::string(harness::format_name(response.format))}};
        result_.expected = substitute_strings(test_.expect, vars_);

        const MatchResult match = match_expect(result_.expected, response);
        std::vector<std::string> failures;
        if (match.matched) result_.matched = match.matched_alternative;
        else failures.push_back(match.mismatch);
        common_checks(call, response, failures);
        run_then(failures);  // also after a rejection: it proves nothing changed
        if (!failures.empty() && result_.outcome == Outcome::Pass) {
            std::string reason;
            for (const auto& f : failures) reason += (reason.empty() ? "" : "; ") + f;
            set(Outcome::Fail, reason);
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
                set(Outcome::Skip, where + ": endpoint " + endpoint_.name() + " cannot set precondition " + name + "=" + value);
                return false;
            }
            if (!previous.empty()) restore_.emplace_back(name, previous);
            return true;
        }
        if (!step.contains("call") || !step["call"].is_string()) throw SubstitutionError(where + " has neither call nor precondition");
        const model::Call call = make_call(step, step["call"].get<std::string>());
        const harness::Response response = send(call, "given");
        if (!response.ok()) {
            const std::string answer = where + ": " + call.action + " answered " + describe_response(response) +
                                       (response.message.empty() ? "" : " \"" + printable_bytes(response.message) + "\"");
            if (or_skip) set(Outcome::Skip, answer);
            else set(Outcome::Error, "could not set up the fixture: " + answer);
            return false;
        }
        remember_undo(call, response, index);
        if (step.contains("save") && step["save"].is_object()) {
            for (const auto& [variable, path] : step["save"].items()) {
                const auto found = strings_at_path(response.fields, path.get<std::string>());
                if (found.empty()) {
                    set(Outcome::Error, where + ": " + call.action + " answer has no " + path.get<std::string>() + " to save as ${" + variable + "}");
                    return false;
                }
                vars_[variable] = found.front();
            }
        }
        return true;
    }

    void remember_undo(const model::Call& call, const harness::Response& response, std::size_t index) {
        for (const auto& entry : inverse_table()) {
            if (call.action != entry.action) continue;
            PendingUndo undo;
            undo.step = index;
            undo.call.product = call.product;
            undo.call.action = entry.inverse;
            undo.call.caller = call.caller;
            for (const char* name : entry.params_from_request)
                if (auto it = call.params.find(name); it != call.params.end()) undo.call.params[name] = it->second;
            for (const auto& [name, path] : entry.params_from_answer) {
                const auto found = strings_at_path(response.fields, path);
                if (!found.empty()) undo.call.params[name] = found.front();
            }
            undo_.push_back(std::move(undo));
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

    void run_then(std::vector<std::string>& failures) {
        for (std::size_t i = 0; i < test_.then.size(); ++i) {
            const json& check = test_.then[i];
            const std::string where = "then[" + std::to_string(i) + "]";
            const model::Call call = make_call(check, check.value("call", std::string{}));
            const harness::Response response = send(call, "then");
            if (!response.ok()) {
                const std::string why = where + ": " + call.action + " answered " + describe_response(response);
                // A broken rule already found stays a `fail`; otherwise the effect cannot be judged.
                if (failures.empty()) set(Outcome::Error, "could not judge: " + why);
                else failures.push_back(why);
                return;
            }
            const std::string path = check.value("path", std::string{});
            const auto found = strings_at_path(response.fields, path);
            for (const auto& wanted : check.value("includes", json::array())) {
                const std::string value = expand_value(wanted, vars_);
                if (std::find(found.begin(), found.end(), value) == found.end())
                    failures.push_back(where + ": " + call.action + " " + path + " lacks \"" + printable_bytes(value) + "\"");
            }
            for (const auto& unwanted : check.value("excludes", json::array())) {
                const std::string value = expand_value(unwanted, vars_);
                if (std::find(found.begin(), found.end(), value) != found.end())
                    failures.push_back(where + ": " + call.action + " " + path + " still has \"" + printable_bytes(value) + "\"");
            }
        }
    }

    // Undo every fixture in reverse order, then restore preconditions. Failures here are recorded in
    // the exchanges (role "teardown") but never change the outcome: the vector was already judged.
    void teardown() {
        for (auto it = undo_.rbegin(); it != undo_.rend(); ++it) {
            try {
                send(it->call, "teardown");
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
};

}  // namespace

VectorResult execute_vector(const TestCase& test, harness::Endpoint& endpoint, const ExecOptions& options) {
    return VectorRun(test, endpoint, options).run();
}

}  // namespace acsconf::runner
