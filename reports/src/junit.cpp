// JUnit XML as Jenkins/GitLab/GitHub annotators read it (reports/schema/junit.xsd describes the
// exact subset written here): one <testsuite> per operation, one <testcase> per vector.
#include <cstdio>
#include <map>
#include <sstream>

#include <pugixml.hpp>

#include "acsconf/reports/reports.hpp"
#include "text.hpp"

namespace acsconf::reports {
namespace {

using runner::Judgement;
using runner::VectorResult;
using text::join;

std::string seconds(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", ms / 1000.0);
    return buf;
}

// "Ram_DetachPolicyFromUser/tc42_username_64_chars" -> "tc42_username_64_chars"
std::string case_name(const VectorResult& v) {
    const auto slash = v.vector_id.find('/');
    return slash == std::string::npos ? v.vector_id : v.vector_id.substr(slash + 1);
}

void set(pugi::xml_node node, const char* attribute, std::string_view value) {
    node.append_attribute(attribute).set_value(text::printable(value).c_str());
}

void add_property(pugi::xml_node properties, const char* name, std::string_view value) {
    auto p = properties.append_child("property");
    set(p, "name", name);
    set(p, "value", value);
}

// The failure body: what a CI log viewer shows. Expected and actual side by side, then how to rerun.
std::string failure_body(const VectorResult& v) {
    std::ostringstream body;
    body << v.file << ":" << v.line << "\n" << v.reason << "\n\nexpected: " << v.expected.dump(2)
         << "\nactual:   " << v.actual.dump(2) << "\n";
    if (!v.reproduce.empty()) body << "\nreproduce:\n" << v.reproduce << "\n";
    return text::printable(body.str());
}

void add_testcase(pugi::xml_node suite, const VectorResult& v, const std::string& classname) {
    auto tc = suite.append_child("testcase");
    set(tc, "name", case_name(v));
    set(tc, "classname", classname);
    set(tc, "time", seconds(v.duration_ms));
    set(tc, "file", v.file);
    set(tc, "line", std::to_string(v.line));

    auto properties = tc.append_child("properties");
    add_property(properties, "vector_id", v.vector_id);
    add_property(properties, "rules", join(v.rules, " "));
    if (!v.flags.empty()) add_property(properties, "flags", join(v.flags, " "));
    add_property(properties, "expected_result", v.expected_result);
    if (!v.matched.empty()) add_property(properties, "matched_alternative", v.matched);
    if (!v.comment.empty()) add_property(properties, "comment", v.comment);
    if (!v.format.empty()) add_property(properties, "format", v.format);
    if (!v.expectation.empty()) add_property(properties, "expectation", v.expectation);
    add_property(properties, "outcome", runner::outcome_name(v.outcome));

    const std::string headline = text::truncate(v.reason, 500);
    switch (v.outcome) {
        case Judgement::Pass: break;
        case Judgement::Fail: {
            auto failure = tc.append_child("failure");
            set(failure, "message", headline);
            set(failure, "type", "conformance");
            failure.append_child(pugi::node_pcdata).set_value(failure_body(v).c_str());
            break;
        }
        case Judgement::Error: {
            auto error = tc.append_child("error");
            set(error, "message", headline);
            set(error, "type", "endpoint");
            error.append_child(pugi::node_pcdata).set_value(failure_body(v).c_str());
            break;
        }
        case Judgement::Skip: {
            auto skipped = tc.append_child("skipped");
            set(skipped, "message", headline);
            break;
        }
        case Judgement::Xfail: {  // as pytest writes an expected failure: skipped, with why it was expected
            auto skipped = tc.append_child("skipped");
            set(skipped, "message", text::truncate("xfail (" + v.expectation + "): " + v.reason, 500));
            break;
        }
        case Judgement::Xpass: {  // passed, but the expectations file says it should not: say so
            tc.append_child("system-out").append_child(pugi::node_pcdata).set_value(("xpass: " + v.reason).c_str());
            break;
        }
    }
}

}  // namespace

std::string render_junit(const runner::RunResult& run) {
    // Group by operation key, keeping the run's order of first appearance.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const VectorResult*>> groups;
    for (const auto& v : run.vectors) {
        const std::string key = operation_key(v);
        if (!groups.count(key)) order.push_back(key);
        groups[key].push_back(&v);
    }

    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";

    const Summary all = summarize(run);
    double total_ms = 0;
    for (const auto& v : run.vectors) total_ms += v.duration_ms;
    auto root = doc.append_child("testsuites");
    set(root, "name", "acsconf");
    set(root, "tests", std::to_string(all.outcomes.total()));
    set(root, "failures", std::to_string(all.outcomes.fail));
    set(root, "errors", std::to_string(all.outcomes.error));
    set(root, "skipped", std::to_string(all.outcomes.skip + all.outcomes.xfail));
    set(root, "time", seconds(total_ms));
    if (!run.started_at.empty()) set(root, "timestamp", run.started_at);

    int suite_id = 0;
    for (const auto& key : order) {
        runner::OutcomeTally counts;
        double suite_ms = 0;
        for (const auto* v : groups[key]) {
            counts.add(v->outcome);
            suite_ms += v->duration_ms;
        }
        auto suite = root.append_child("testsuite");
        set(suite, "name", key);
        set(suite, "tests", std::to_string(counts.total()));
        set(suite, "failures", std::to_string(counts.fail));
        set(suite, "errors", std::to_string(counts.error));
        set(suite, "skipped", std::to_string(counts.skip + counts.xfail));
        set(suite, "time", seconds(suite_ms));
        if (!run.started_at.empty()) set(suite, "timestamp", run.started_at);
        set(suite, "id", std::to_string(suite_id++));
        auto properties = suite.append_child("properties");
        add_property(properties, "endpoint", run.endpoint);
        add_property(properties, "format", run.format);
        add_property(properties, "signature_version", run.signature_version);
        add_property(properties, "run_id", run.run_id);
        add_property(properties, "vectors_digest", run.vectors_digest);
        add_property(properties, "acsconf_version", run.acsconf_version);
        for (const auto* v : groups[key]) add_testcase(suite, *v, key);
    }

    std::ostringstream out;
    doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
    return out.str();
}

}  // namespace acsconf::reports
