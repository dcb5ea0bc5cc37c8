#include "acsconf/harness/cassette.hpp"
#include "acsconf/harness/json_text.hpp"

#include <fstream>
#include <mutex>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/redact.hpp"
#include "acsconf/harness/run_token.hpp"

namespace acsconf::harness {
namespace {

using nlohmann::json;

constexpr int kCassetteVersion = 1;

// ---- lossless byte strings in JSON ----

json bytes_to_json(const std::string& bytes) {
    try {
        (void)json(bytes).dump();  // throws on invalid UTF-8
        return bytes;
    } catch (const json::type_error&) {
        return json{{"hex", crypto::hex(bytes)}};
    }
}

std::optional<std::string> bytes_from_json(const json& value) {
    if (value.is_string()) return value.get<std::string>();
    if (!value.is_object() || !value.contains("hex") || !value["hex"].is_string()) return std::nullopt;
    const std::string& hex = value["hex"].get_ref<const std::string&>();
    if (hex.size() % 2 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int byte = 0;
        for (std::size_t j = i; j < i + 2; ++j) {
            const char c = hex[j];
            const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (digit < 0) return std::nullopt;
            byte = byte * 16 + digit;
        }
        out += static_cast<char>(byte);
    }
    return out;
}

std::string dump_line(const json& line) { return line.dump(-1, ' ', false, json::error_handler_t::replace); }

json call_to_json(const model::Call& call) {
    json params = json::array();
    for (const auto& [key, value] : call.params) params.push_back(json::array({bytes_to_json(key), bytes_to_json(value)}));
    return {{"product", std::string(model::product_name(call.product))},
            {"action", bytes_to_json(call.action)},
            {"params", std::move(params)},
            {"caller", bytes_to_json(call.caller)}};
}

json response_to_json(const Response& r) {
    return {{"status", r.http_status},          {"code", bytes_to_json(r.code)},
            {"message", bytes_to_json(r.message)}, {"requestId", bytes_to_json(r.request_id)},
            {"hostId", bytes_to_json(r.host_id)},  {"recommend", bytes_to_json(r.recommend)},
            {"fields", r.fields},                  {"format", std::string(format_name(r.format))},
            {"contentType", bytes_to_json(r.content_type)}, {"rawBody", bytes_to_json(r.raw_body)}};
}

bool parse_format(const json& value, Format& out) {
    if (value == "JSON") out = Format::Json;
    else if (value == "XML") out = Format::Xml;
    else return false;
    return true;
}

// ---- recording ----

class RecordingEndpoint final : public Endpoint, public Reproducible {
public:
    RecordingEndpoint(std::unique_ptr<Endpoint> inner, const std::string& path, const std::string& signature_version)
        : inner_(std::move(inner)), path_(path), out_(path, std::ios::binary | std::ios::trunc) {
        if (!out_) throw CassetteError("cannot write cassette " + path);
        json principals = json::array();
        for (std::string_view principal : {model::kMainAccount, model::kUnprivileged})
            if (inner_->can_act_as(principal)) principals.push_back(std::string(principal));
        write({{"acsconf_cassette", kCassetteVersion},
               {"endpoint", redact_url(inner_->name())},
               {"signature_version", signature_version},
               {"principals", std::move(principals)}});
    }

    std::string name() const override { return inner_->name(); }

    Response send(const model::Call& call, const SendOptions& options) override {
        json line{{"kind", "send"}, {"call", call_to_json(call)}, {"format", std::string(format_name(options.format))}};
        if (options.fault != Fault::None) line["fault"] = std::string(fault_name(options.fault));
        try {
            Response response = inner_->send(call, options);
            line["response"] = response_to_json(response);
            record(std::move(line));
            return response;
        } catch (const TransportError& e) {
            line["error"] = e.what();
            record(std::move(line));
            throw;
        }
    }

    bool set_precondition(std::string_view name, std::string_view value) override {
        const bool result = inner_->set_precondition(name, value);
        record({{"kind", "precondition"}, {"name", std::string(name)}, {"value", std::string(value)}, {"result", result}});
        return result;
    }
    // Recorded too: a runner reads the value before changing it and restores it afterwards, and the
    // replay must hand it the same value so the restore happens there as well.
    std::string precondition(std::string_view name) const override {
        std::string value = inner_->precondition(name);
        record({{"kind", "precondition_get"}, {"name", std::string(name)}, {"value", value}});
        return value;
    }
    bool can_act_as(std::string_view caller) const override { return inner_->can_act_as(caller); }
    std::string fault_unsupported(Fault fault) const override { return inner_->fault_unsupported(fault); }

    std::string last_curl_command() const override {
        const auto* reproducible = dynamic_cast<const Reproducible*>(inner_.get());
        return reproducible != nullptr ? reproducible->last_curl_command() : std::string();
    }

private:
    void record(json line) const {
        std::lock_guard lock(mutex_);
        line["seq"] = ++seq_;
        write(line);
    }
    void write(const json& line) const {
        out_ << dump_line(line) << '\n';
        out_.flush();  // an interrupted run keeps every exchange made so far
        if (!out_) throw CassetteError("cannot write cassette " + path_);
    }

    std::unique_ptr<Endpoint> inner_;
    std::string path_;
    mutable std::ofstream out_;
    mutable std::mutex mutex_;
    mutable long long seq_ = 0;
};

// ---- replay ----

struct Record {
    int line = 0;
    std::string kind;
    model::Call call;
    Format format = Format::Json;
    Fault fault = Fault::None;  // a deliberately bad request (recorded as "fault")
    std::optional<Response> response;
    std::string error;
    std::string name, value;  // preconditions
    bool result = false;
};

using Substitutions = std::map<std::string, std::string>;  // recorded run token → current run token

bool is_token(std::string_view s) {
    return looks_like_token(s);
}

std::string substitute(std::string text, const Substitutions& subs) {
    for (const auto& [from, to] : subs)
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
            text.replace(at, from.size(), to);
    return text;
}

void substitute_json(json& value, const Substitutions& subs) {
    if (value.is_string()) value = substitute(value.get<std::string>(), subs);
    else if (value.is_array() || value.is_object())
        for (auto& item : value) substitute_json(item, subs);
}

// Equal after known substitutions, or after learning one more from a token-sized window.
bool value_matches(const std::string& recorded, const std::string& current, Substitutions& subs) {
    const std::string known = substitute(recorded, subs);
    if (known == current) return true;
    if (known.size() != current.size()) return false;
    std::size_t diff = 0;
    while (known[diff] == current[diff]) ++diff;
    const std::size_t first = diff >= kRunTokenLength - 1 ? diff - (kRunTokenLength - 1) : 0;
    for (std::size_t at = first; at <= diff && at + kRunTokenLength <= known.size(); ++at) {
        const std::string from = known.substr(at, kRunTokenLength), to = current.substr(at, kRunTokenLength);
        if (!is_token(from) || !is_token(to) || subs.count(from) != 0) continue;
        Substitutions trial = subs;
        trial.emplace(from, to);
        if (substitute(recorded, trial) == current) {
            subs = std::move(trial);
            return true;
        }
    }
    return false;
}

class ReplayEndpoint final : public Endpoint {
public:
    explicit ReplayEndpoint(std::string path) : path_(std::move(path)) { load(); }

    std::string name() const override { return "replay:" + path_; }

    Response send(const model::Call& call, const SendOptions& options) override {
        std::lock_guard lock(mutex_);
        for (std::size_t i = send_cursor_; i < records_.size(); ++i) {
            const Record& record = records_[i];
            if (record.kind != "send") continue;
            Substitutions trial = subs_;
            if (record.fault != options.fault || !matches(record, call, options.format, trial)) continue;
            subs_ = std::move(trial);
            send_cursor_ = i + 1;
            if (!record.response) throw TransportError(substitute(record.error, subs_));
            Response response = *record.response;
            response.message = substitute(response.message, subs_);
            response.raw_body = substitute(response.raw_body, subs_);
            substitute_json(response.fields, subs_);
            return response;
        }
        std::string params;
        for (const auto& [key, value] : call.params) params += (params.empty() ? "" : ", ") + key;
        throw TransportError("replay " + path_ + ": no recorded " + std::string(model::product_name(call.product)) +
                             " " + call.action + " call (caller " + call.caller + ", parameters [" + params +
                             "], format " + std::string(format_name(options.format)) + ") after line " +
                             std::to_string(send_cursor_ == 0 ? 1 : records_[send_cursor_ - 1].line));
    }

    // Preconditions are idempotent state, not exchanges: any recorded attempt with the same name and
    // value answers (in any order, so a filtered replay works too).
    bool set_precondition(std::string_view name, std::string_view value) override {
        std::lock_guard lock(mutex_);
        for (const Record& record : records_) {
            if (record.kind != "precondition" || record.name != name || record.value != value) continue;
            if (record.result) preconditions_[std::string(name)] = std::string(value);
            return record.result;
        }
        return false;  // never recorded: this cassette cannot provide it, the vector is skipped
    }

    // What this replay set last, else the first value the recording read.
    std::string precondition(std::string_view name) const override {
        std::lock_guard lock(mutex_);
        if (auto it = preconditions_.find(name); it != preconditions_.end()) return it->second;
        for (const Record& record : records_)
            if (record.kind == "precondition_get" && record.name == name) return record.value;
        return {};
    }

    bool can_act_as(std::string_view caller) const override {
        return std::find(header_.principals.begin(), header_.principals.end(), caller) != header_.principals.end();
    }

    // A fault the recording endpoint could not send was skipped there and never recorded.
    std::string fault_unsupported(Fault fault) const override {
        if (fault == Fault::None) return {};
        std::lock_guard lock(mutex_);
        for (const Record& record : records_)
            if (record.kind == "send" && record.fault == fault) return {};
        return "replay " + path_ + " holds no request with fault " + std::string(fault_name(fault)) +
               " (the recorded endpoint could not send it)";
    }

    const CassetteHeader& header() const { return header_; }

private:
    static bool matches(const Record& record, const model::Call& call, Format format, Substitutions& subs) {
        if (record.call.product != call.product || record.call.action != call.action ||
            record.call.caller != call.caller || record.format != format || record.call.params.size() != call.params.size())
            return false;
        for (const auto& [key, value] : call.params) {
            auto it = record.call.params.find(key);
            if (it == record.call.params.end() || !value_matches(it->second, value, subs)) return false;
        }
        return true;
    }

    [[noreturn]] void fail(int line, const std::string& what) const {
        throw CassetteError(path_ + ":" + std::to_string(line) + ": " + what);
    }

    void load() {
        std::ifstream in(path_, std::ios::binary);
        if (!in) throw CassetteError("cannot read cassette " + path_);
        std::string text;
        int line_number = 0;
        while (std::getline(in, text)) {
            ++line_number;
            if (text.empty()) continue;
            json line;
            try {
                line = parse_json_text(text, path_);
            } catch (const JsonTextError& e) {
                fail(line_number, "malformed JSON (column " + std::to_string(e.column) + "): " + e.reason);
            }
            if (!line.is_object()) fail(line_number, "not a JSON object");
            if (line_number == 1) {
                read_header(line);
                continue;
            }
            records_.push_back(read_record(line, line_number));
        }
        if (line_number == 0) fail(1, "empty file, expected the cassette header");
    }

    void read_header(const json& line) {
        if (line.value("acsconf_cassette", 0) != kCassetteVersion)
            fail(1, "not an acsconf cassette (version " + std::to_string(kCassetteVersion) + " header expected)");
        header_.endpoint = line.value("endpoint", "");
        header_.signature_version = line.value("signature_version", "");
        if (line.contains("principals") && line["principals"].is_array())
            for (const auto& p : line["principals"])
                if (p.is_string()) header_.principals.push_back(p.get<std::string>());
    }

    Record read_record(const json& line, int number) const {
        Record record;
        record.line = number;
        record.kind = line.value("kind", "");
        if (record.kind == "precondition") {
            if (!line.contains("name") || !line["name"].is_string() || !line.contains("value") ||
                !line["value"].is_string() || !line.contains("result") || !line["result"].is_boolean())
                fail(number, "precondition record needs string name, value and boolean result");
            record.name = line["name"].get<std::string>();
            record.value = line["value"].get<std::string>();
            record.result = line["result"].get<bool>();
            return record;
        }
        if (record.kind == "precondition_get") {
            if (!line.contains("name") || !line["name"].is_string() || !line.contains("value") || !line["value"].is_string())
                fail(number, "precondition_get record needs string name and value");
            record.name = line["name"].get<std::string>();
            record.value = line["value"].get<std::string>();
            return record;
        }
        if (record.kind != "send") fail(number, "unknown kind (expected \"send\", \"precondition\" or \"precondition_get\")");
        const json& call = line.value("call", json());
        if (!call.is_object()) fail(number, "send record without a \"call\" object");
        if (!call.contains("product") || !call["product"].is_string() ||
            !model::parse_product(call["product"].get<std::string>(), record.call.product))
            fail(number, "call.product must be \"Ram\" or \"Vod\"");
        auto action = bytes_from_json(call.value("action", json()));
        auto caller = bytes_from_json(call.value("caller", json()));
        if (!action || !caller) fail(number, "call.action and call.caller must be strings");
        record.call.action = *action;
        record.call.caller = *caller;
        const json& params = call.value("params", json::array());
        if (!params.is_array()) fail(number, "call.params must be an array of [name, value] pairs");
        for (const auto& pair : params) {
            if (!pair.is_array() || pair.size() != 2) fail(number, "call.params must be an array of [name, value] pairs");
            auto key = bytes_from_json(pair[0]);
            auto value = bytes_from_json(pair[1]);
            if (!key || !value) fail(number, "call.params entries must be strings or {\"hex\": ..}");
            record.call.params[*key] = *value;
        }
        if (line.contains("fault") && (!line["fault"].is_string() || !parse_fault(line["fault"].get<std::string>(), record.fault)))
            fail(number, "\"fault\" is not a known fault name");
        if (!line.contains("format") || !parse_format(line["format"], record.format))
            fail(number, "format must be \"JSON\" or \"XML\"");
        if (line.contains("error")) {
            if (!line["error"].is_string()) fail(number, "error must be a string");
            record.error = line["error"].get<std::string>();
            return record;
        }
        const json& r = line.value("response", json());
        if (!r.is_object()) fail(number, "send record needs a \"response\" object or an \"error\" string");
        Response response;
        if (!r.contains("status") || !r["status"].is_number_integer()) fail(number, "response.status must be an integer");
        response.http_status = r["status"].get<int>();
        auto text = [&](const char* key, std::string& into) {
            if (!r.contains(key)) return;
            auto value = bytes_from_json(r[key]);
            if (!value) fail(number, std::string("response.") + key + " must be a string");
            into = *value;
        };
        text("code", response.code);
        text("message", response.message);
        text("requestId", response.request_id);
        text("hostId", response.host_id);
        text("recommend", response.recommend);
        text("contentType", response.content_type);
        text("rawBody", response.raw_body);
        if (r.contains("fields")) response.fields = r["fields"];
        if (r.contains("format") && !parse_format(r["format"], response.format))
            fail(number, "response.format must be \"JSON\" or \"XML\"");
        record.response = std::move(response);
        return record;
    }

    std::string path_;
    CassetteHeader header_;
    std::vector<Record> records_;
    mutable std::mutex mutex_;
    std::size_t send_cursor_ = 0;
    Substitutions subs_;
    std::map<std::string, std::string, std::less<>> preconditions_;
};

}  // namespace

std::unique_ptr<Endpoint> make_recording_endpoint(std::unique_ptr<Endpoint> inner, const std::string& path,
                                                  const std::string& signature_version) {
    if (!inner) throw CassetteError("recording needs an endpoint to record");
    return std::make_unique<RecordingEndpoint>(std::move(inner), path, signature_version);
}

std::unique_ptr<Endpoint> make_replay_endpoint(const std::string& path) {
    return std::make_unique<ReplayEndpoint>(path);
}

CassetteHeader read_cassette_header(const std::string& path) {
    ReplayEndpoint replay(path);
    return replay.header();
}

}  // namespace acsconf::harness
