// result.json: writing, reading and validating against reports/schema/result_v1.schema.json.
#include <algorithm>
#include <iterator>
#include <cctype>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>

#include <valijson/adapters/nlohmann_json_adapter.hpp>

#include "acsconf/harness/json_text.hpp"
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "acsconf/reports/reports.hpp"
#include "acsconf/runner/matching.hpp"
#include "result_schema_text.hpp"  // generated from reports/schema/result_v1.schema.json
#include "text.hpp"

namespace acsconf::reports {

using nlohmann::json;
using runner::Judgement;

std::string_view result_schema_text() { return generated::kResultSchemaV1; }

const char* outcome_key(Judgement o) { return runner::outcome_name(o); }

Judgement parse_outcome(std::string_view word) {
    if (word == "pass") return Judgement::Pass;
    if (word == "fail") return Judgement::Fail;
    if (word == "error") return Judgement::Error;
    if (word == "skip") return Judgement::Skip;
    if (word == "xfail") return Judgement::Xfail;
    if (word == "xpass") return Judgement::Xpass;
    throw ResultFileError("unknown outcome \"" + text::printable(word) + "\" (expected pass, fail, error, skip, xfail or xpass)");
}

const char* verdict_name(Verdict v) {
    switch (v) {
        case Verdict::Pass: return "PASS";
        case Verdict::Fail: return "FAIL";
        case Verdict::Error: return "ERROR";
    }
    return "ERROR";
}

std::string operation_key(const runner::VectorResult& v) {
    const auto slash = v.vector_id.find('/');
    if (slash != std::string::npos && slash > 0) return v.vector_id.substr(0, slash);
    return v.product + "_" + v.operation;
}

Summary summarize(const runner::RunResult& run) {
    Summary s;
    runner::RunSummary counted = runner::summarize_run(run);  // the runner's own tallies: total and per rule
    s.outcomes = counted.outcomes;
    s.by_rule = std::move(counted.by_rule);
    for (const auto& v : run.vectors) {
        s.by_product[v.product].add(v.outcome);
        s.by_operation[operation_key(v)].add(v.outcome);
        for (const auto& code : runner::expected_codes(v.expected)) s.by_error_code[code].add(v.outcome);
    }
    const bool strict_failure = run.strict_expectations && s.outcomes.xfail + s.outcomes.xpass > 0;
    s.verdict = s.outcomes.fail > 0 || strict_failure ? Verdict::Fail
                : s.outcomes.error > 0                ? Verdict::Error
                                                      : Verdict::Pass;
    return s;
}

namespace {

// Defence in depth: the runner redacts secrets before they reach a RunResult, but a report is
// published, so the writer drops them again by name wherever they could appear.
bool is_secret_name(std::string_view name) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower == "accesskeysecret" || lower == "securitytoken" || lower == "signature" ||
           lower == "authorization" || lower == "x-acs-security-token";
}

json redact(const json& value) {
    if (value.is_object()) {
        json out = json::object();
        for (const auto& [key, item] : value.items()) out[key] = is_secret_name(key) ? json("<redacted>") : redact(item);
        return out;
    }
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) out.push_back(redact(item));
        return out;
    }
    return value;
}

std::string redact_command(const std::string& command) {
    // Query-style (Signature=…, SecurityToken=…) and header-style (Authorization: …, x-acs-security-token: …).
    static const std::regex query_secret(R"(((?:^|[?&\s'"])(?:Signature|SecurityToken|AccessKeySecret)=)[^&\s'"]*)",
                                         std::regex::icase);
    static const std::regex header_secret(R"(((?:Authorization|x-acs-security-token):\s*)[^'"\n]*)", std::regex::icase);
    std::string out = std::regex_replace(command, query_secret, "$1<redacted>");
    return std::regex_replace(out, header_secret, "$1<redacted>");
}

// JSON strings must be UTF-8; raw bytes from vectors become visible "\xNN" text.
json printable_json(const json& value) {
    if (value.is_string()) return text::printable(value.get_ref<const std::string&>());
    if (value.is_object()) {
        json out = json::object();
        for (const auto& [key, item] : value.items()) out[text::printable(key)] = printable_json(item);
        return out;
    }
    if (value.is_array()) {
        json out = json::array();
        for (const auto& item : value) out.push_back(printable_json(item));
        return out;
    }
    return value;
}

std::string str(std::string_view s) { return text::printable(s); }

json counts_json(const runner::OutcomeTally& c) {
    json out = {{"pass", c.pass}, {"fail", c.fail}, {"error", c.error}, {"skip", c.skip}};
    if (c.xfail > 0) out["xfail"] = c.xfail;  // only with an expectations file: older readers stay happy
    if (c.xpass > 0) out["xpass"] = c.xpass;
    return out;
}

json counts_map_json(const std::map<std::string, runner::OutcomeTally>& m) {
    json out = json::object();
    for (const auto& [key, counts] : m) out[str(key)] = counts_json(counts);
    return out;
}

json exchange_json(const runner::Exchange& e) {
    return {{"role", str(e.role)},         {"action", str(e.action)},
            {"params", printable_json(redact(e.params))},
            {"caller", str(e.caller)},     {"httpStatus", e.http_status},
            {"code", str(e.code)},         {"message", str(e.message)},
            {"requestId", str(e.request_id)},
            {"fields", printable_json(redact(e.fields))},
            {"format", str(e.format)}};
}

json string_array(const std::vector<std::string>& items) {
    json out = json::array();
    for (const auto& item : items) out.push_back(str(item));
    return out;
}

json vector_json(const runner::VectorResult& v) {
    json exchanges = json::array();
    for (const auto& e : v.exchanges) exchanges.push_back(exchange_json(e));
    json out = {{"id", str(v.vector_id)},
            {"file", str(v.file)},
            {"line", std::max(v.line, 0)},
            {"tcId", v.tc_id},
            {"product", str(v.product)},
            {"operation", str(v.operation)},
            {"comment", str(v.comment)},
            {"expectedResult", str(v.expected_result)},
            {"rules", string_array(v.rules)},
            {"flags", string_array(v.flags)},
            {"outcome", outcome_key(v.outcome)},
            {"reason", str(v.reason)},
            {"expected", printable_json(redact(v.expected))},
            {"actual", printable_json(redact(v.actual))},
            {"matched", str(v.matched)},
            {"durationMs", std::max(v.duration_ms, 0.0)},
            {"exchanges", std::move(exchanges)},
            {"reproduce", str(redact_command(v.reproduce))}};
    if (!v.format.empty()) out["format"] = str(v.format);
    if (!v.expectation.empty()) out["expectation"] = str(v.expectation);
    return out;
}

// ---- reading -----------------------------------------------------------------------------------

const valijson::Schema& result_schema() {
    // valijson::Schema is neither copyable nor movable: build it in place, once.
    static const std::unique_ptr<valijson::Schema> schema = [] {
        auto parsed = std::make_unique<valijson::Schema>();
        const json doc = json::parse(result_schema_text());
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *parsed);
        return parsed;
    }();
    return *schema;
}

void validate_against_schema(const json& doc) {
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    if (validator.validate(result_schema(), adapter, &results)) return;
    // valijson reports the innermost problem last; that one names the offending field.
    std::vector<std::string> problems;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        std::string where;
        for (const auto& part : error.context) where += part;
        problems.push_back(where + ": " + error.description);
    }
    std::ostringstream msg;
    msg << "result file does not follow result_v1.schema.json";
    const std::size_t shown = std::min<std::size_t>(problems.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) msg << "\n  " << problems[problems.size() - 1 - i];
    throw ResultFileError(msg.str());
}

runner::Exchange exchange_from(const json& j) {
    runner::Exchange e;
    e.role = j.at("role").get<std::string>();
    e.action = j.at("action").get<std::string>();
    e.params = j.at("params");
    e.caller = j.at("caller").get<std::string>();
    e.http_status = j.at("httpStatus").get<int>();
    e.code = j.at("code").get<std::string>();
    e.message = j.at("message").get<std::string>();
    e.request_id = j.at("requestId").get<std::string>();
    e.fields = j.at("fields");
    e.format = j.at("format").get<std::string>();
    return e;
}

runner::VectorResult vector_from(const json& j) {
    runner::VectorResult v;
    v.vector_id = j.at("id").get<std::string>();
    v.file = j.at("file").get<std::string>();
    v.line = j.at("line").get<int>();
    v.tc_id = j.at("tcId").get<int>();
    v.product = j.at("product").get<std::string>();
    v.operation = j.at("operation").get<std::string>();
    v.comment = j.at("comment").get<std::string>();
    v.expected_result = j.at("expectedResult").get<std::string>();
    v.rules = j.at("rules").get<std::vector<std::string>>();
    v.flags = j.at("flags").get<std::vector<std::string>>();
    v.outcome = parse_outcome(j.at("outcome").get<std::string>());
    v.reason = j.at("reason").get<std::string>();
    v.expected = j.at("expected");
    v.actual = j.at("actual");
    v.matched = j.at("matched").get<std::string>();
    v.duration_ms = j.at("durationMs").get<double>();
    for (const auto& e : j.at("exchanges")) v.exchanges.push_back(exchange_from(e));
    v.reproduce = j.at("reproduce").get<std::string>();
    v.format = j.value("format", std::string());
    v.expectation = j.value("expectation", std::string());
    return v;
}

}  // namespace

namespace {

// Every exchange of the run (vectors' and shared fixtures'); the same sum as runner::exchange_count,
// which this header-only use of the runner cannot link.
std::size_t exchange_total(const runner::RunResult& run) {
    std::size_t total = run.shared_exchanges.size();
    for (const auto& v : run.vectors) total += v.exchanges.size();
    return total;
}

}  // namespace

json to_json(const runner::RunResult& run) {
    const Summary s = summarize(run);
    json vectors = json::array();
    for (const auto& v : run.vectors) vectors.push_back(vector_json(v));
    json shared_exchanges = json::array();
    for (const auto& e : run.shared_exchanges) shared_exchanges.push_back(exchange_json(e));
    json doc = {
        {"schemaVersion", kResultSchemaVersion},
        {"kind", kResultKind},
        {"run",
         {{"acsconfVersion", str(run.acsconf_version)},
          {"vectorsDigest", str(run.vectors_digest)},
          {"vectorFiles", string_array(run.vector_files)},
          {"endpoint", str(run.endpoint)},
          {"format", str(run.format)},
          {"signatureVersion", str(run.signature_version)},
          {"runId", str(run.run_id)},
          {"startedAt", str(run.started_at)},
          {"finishedAt", str(run.finished_at)},
          {"filter", str(run.filter)},
          {"shard", str(run.shard)},
          {"jobs", run.jobs},
          {"selected", run.selected},
          {"interrupted", run.interrupted},
          {"exchanges", exchange_total(run)},
          {"sharedExchanges", shared_exchanges},
          {"tlsVerification", run.insecure ? "off" : "on"}}},
        {"summary",
         {{"verdict", verdict_name(s.verdict)},
          {"total", s.outcomes.total()},
          {"outcomes", counts_json(s.outcomes)},
          {"byRule", counts_map_json(s.by_rule)},
          {"byProduct", counts_map_json(s.by_product)},
          {"byOperation", counts_map_json(s.by_operation)},
          {"byErrorCode", counts_map_json(s.by_error_code)},
          {"interrupted", run.interrupted},
          {"exchangesPerVector", run.vectors.empty() ? 0.0
                                                     : static_cast<double>(exchange_total(run)) /
                                                           static_cast<double>(run.vectors.size())}}},
        {"vectors", std::move(vectors)},
    };
    if (!run.expectations.empty()) {
        doc["run"]["expectations"] = str(run.expectations);
        doc["run"]["strictExpectations"] = run.strict_expectations;
    }
    return doc;
}

runner::RunResult from_json(const json& doc) {
    // Kind and version first: "this is another tool's file / a newer format" is more useful than
    // the schema's complaint about it.
    if (!doc.is_object()) throw ResultFileError("result file is not a JSON object");
    const auto kind = doc.find("kind");
    if (kind == doc.end() || !kind->is_string() || *kind != kResultKind) {
        throw ResultFileError(std::string("not an acsconf result file: \"kind\" is ") +
                              (kind == doc.end() ? std::string("missing") : text::truncate(kind->dump(), 80)) +
                              ", expected \"" + kResultKind + "\"");
    }
    const auto version = doc.find("schemaVersion");
    if (version == doc.end() || !version->is_number_integer() || version->get<int>() != kResultSchemaVersion) {
        throw ResultFileError("unsupported result file version: \"schemaVersion\" is " +
                              (version == doc.end() ? std::string("missing") : text::truncate(version->dump(), 40)) +
                              ", this acsconf reads version " + std::to_string(kResultSchemaVersion));
    }
    validate_against_schema(doc);

    runner::RunResult run;
    const json& r = doc.at("run");
    run.acsconf_version = r.at("acsconfVersion").get<std::string>();
    run.vectors_digest = r.at("vectorsDigest").get<std::string>();
    run.vector_files = r.at("vectorFiles").get<std::vector<std::string>>();
    run.endpoint = r.at("endpoint").get<std::string>();
    run.format = r.at("format").get<std::string>();
    run.signature_version = r.at("signatureVersion").get<std::string>();
    run.run_id = r.at("runId").get<std::string>();
    run.started_at = r.at("startedAt").get<std::string>();
    run.finished_at = r.at("finishedAt").get<std::string>();
    run.filter = r.at("filter").get<std::string>();
    // Written since acsconf ran vectors in parallel; older files lack them.
    run.shard = r.value("shard", std::string());
    run.jobs = r.value("jobs", std::size_t{1});
    run.interrupted = r.value("interrupted", false);
    run.selected = r.value("selected", doc.at("vectors").size());
    if (r.contains("sharedExchanges"))
        for (const auto& e : r.at("sharedExchanges")) run.shared_exchanges.push_back(exchange_from(e));
    run.expectations = r.value("expectations", std::string());
    run.strict_expectations = r.value("strictExpectations", false);
    run.insecure = r.value("tlsVerification", std::string("on")) == "off";
    const auto& vectors = doc.at("vectors");
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        try {
            run.vectors.push_back(vector_from(vectors[i]));
        } catch (const json::exception& e) {  // the schema should make this unreachable; keep it named
            throw ResultFileError("vectors[" + std::to_string(i) + "]: " + e.what());
        }
    }
    return run;
}

void write_text_file(const std::filesystem::path& file, std::string_view content) {
    if (file.has_parent_path()) {
        std::error_code ec;
        std::filesystem::create_directories(file.parent_path(), ec);
    }
    // Write beside, then rename: a reader (CI, a browser) never sees half a report.
    const std::filesystem::path partial = file.string() + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw std::runtime_error("cannot write " + file.string() + ": cannot open for writing");
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) throw std::runtime_error("cannot write " + file.string() + ": write failed");
    }
    std::error_code ec;
    std::filesystem::rename(partial, file, ec);
    if (ec) {
        std::filesystem::remove(partial, ec);
        throw std::runtime_error("cannot write " + file.string() + ": " + ec.message());
    }
}

void write_result_json(const runner::RunResult& run, const std::filesystem::path& file) {
    write_text_file(file, to_json(run).dump(2) + "\n");
}

runner::RunResult read_result_json(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw ResultFileError(file.string() + ": cannot open for reading");
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    json doc;
    try {
        doc = harness::parse_json_text(text, file.string());
    } catch (const harness::JsonTextError& e) {
        throw ResultFileError(std::string(e.what()) + " (not valid JSON)");
    }
    try {
        return from_json(doc);
    } catch (const ResultFileError& e) {
        throw ResultFileError(file.string() + ": " + e.what());
    }
}

void write_reports(const runner::RunResult& run, const RenderTargets& targets) {
    if (!targets.html.empty()) write_text_file(targets.html, render_html(run));
    if (!targets.junit.empty()) write_text_file(targets.junit, render_junit(run));
    if (!targets.markdown.empty()) write_text_file(targets.markdown, render_markdown(run));
}

void write_report_dir(const runner::RunResult& run, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw std::runtime_error("cannot create report directory " + dir.string() + ": " + ec.message());
    write_result_json(run, dir / "result.json");
    write_reports(run, {dir / "report.html", dir / "junit.xml", dir / "summary.md"});
}

}  // namespace acsconf::reports
