// One self-contained HTML page per run: inline CSS and JS, no external assets, no network.
// Every piece of run data goes through text::html_escape; the script only reads DOM attributes, so no
// data is ever embedded in JavaScript.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <sstream>

#include "acsconf/reports/reports.hpp"
#include "acsconf/runner/matching.hpp"
#include "text.hpp"

namespace acsconf::reports {
namespace {

using nlohmann::json;
using runner::Judgement;
using runner::VectorResult;
using text::html_escape;
using text::join;

constexpr const char* kStyle = R"css(
:root{--pass:#1a7f37;--fail:#cf222e;--error:#9a6700;--skip:#6e7781;--bg:#f6f8fa;--line:#d0d7de}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#fff}
main{max-width:1200px;margin:0 auto;padding:0 20px 40px}
.banner{color:#fff;padding:18px 24px;margin-bottom:12px}
.banner h1{margin:0;font-size:34px;letter-spacing:.04em}
.banner .counts{font-size:18px;margin:4px 0}
.banner .meta{opacity:.9;margin:0;font-size:13px}
.v-PASS{background:var(--pass)}.v-FAIL{background:var(--fail)}.v-ERROR{background:var(--error)}
.toolbar{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:10px 0;display:flex;gap:10px;align-items:center;z-index:1}
.toolbar input{flex:1;padding:7px 10px;font-size:14px;border:1px solid var(--line);border-radius:6px}
.toolbar select{padding:6px;font-size:14px}
h2{border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
.badge{display:inline-block;min-width:48px;text-align:center;color:#fff;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600}
.b-pass{background:var(--pass)}.b-fail{background:var(--fail)}.b-error{background:var(--error)}.b-skip{background:var(--skip)}
.b-xfail{background:var(--skip);outline:2px solid var(--fail)}.b-xpass{background:var(--pass);outline:2px solid var(--fail)}
.card{border:1px solid var(--line);border-left:6px solid var(--fail);border-radius:6px;padding:10px 14px;margin:12px 0;background:#fff}
.card.error{border-left-color:var(--error)}
.card h3{margin:0 0 4px;font-size:15px;word-break:break-all}
.where{color:#57606a;margin:0 0 6px;font-size:13px}
.reason{margin:6px 0;font-weight:600;white-space:pre-wrap;word-break:break-word}
table{border-collapse:collapse;width:100%;margin:6px 0}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg)}
td.num,th.num{text-align:right;width:70px}
td.bad{background:#ffebe9;color:#82071e;font-weight:600}
td.good{background:#dafbe1}
.cmp td:first-child{width:110px;font-weight:600}
pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;max-height:320px;margin:6px 0;white-space:pre-wrap;word-break:break-all}
.two{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.repro{position:relative}
.repro button{position:absolute;top:6px;right:6px}
details summary{cursor:pointer;color:#0969da;margin:4px 0}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.vectors td:nth-child(2){word-break:break-all}
.muted{color:#57606a}
.hidden{display:none}
footer{margin-top:30px;color:#57606a;font-size:12px}
)css";

constexpr const char* kScript = R"js(
(function(){
  var box=document.getElementById('filter'), pick=document.getElementById('outcome'), shown=document.getElementById('shown');
  var items=document.querySelectorAll('[data-search]');
  function apply(){
    var words=box.value.toLowerCase().split(/\s+/).filter(Boolean), want=pick.value, n=0;
    items.forEach(function(el){
      var hay=el.getAttribute('data-search'), ok=(!want||el.getAttribute('data-outcome')===want);
      for(var i=0;ok&&i<words.length;i++){ if(hay.indexOf(words[i])<0) ok=false; }
      el.classList.toggle('hidden',!ok); if(ok&&el.tagName==='TR') n++;
    });
    shown.textContent=n+' of '+document.querySelectorAll('tr[data-search]').length+' vectors shown';
  }
  box.addEventListener('input',apply); pick.addEventListener('change',apply);
  document.querySelectorAll('.repro button').forEach(function(b){
    b.addEventListener('click',function(){
      var t=b.parentNode.querySelector('pre').textContent;
      if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){b.textContent='Copied';});}
    });
  });
  apply();
})();
)js";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

std::string json_text(const json& j) {
    if (j.is_null()) return "(none)";
    return j.dump(2, ' ', false, json::error_handler_t::replace);
}

std::string scalar_text(const json& j) {
    if (j.is_string()) return j.get<std::string>();
    if (j.is_null()) return "";
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string badge(Judgement o) {
    const std::string key = outcome_key(o);
    std::string upper = key;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return "<span class=\"badge b-" + key + "\">" + upper + "</span>";
}

// Lower-cased text the filter box searches: id, rules, flags, codes, comment, outcome, reason.
std::string search_text(const VectorResult& v) {
    std::string hay = v.vector_id + " " + join(v.rules, " ") + " " + join(v.flags, " ") + " " +
                      join(runner::expected_codes(v.expected), " ") + " " + v.comment + " " + outcome_key(v.outcome) + " " +
                      v.reason + " " + v.product + " " + v.matched;
    if (v.actual.is_object() && v.actual.contains("code")) hay += " " + scalar_text(v.actual["code"]);
    return lower(hay);
}

std::string filter_attributes(const VectorResult& v) {
    return " data-outcome=\"" + std::string(outcome_key(v.outcome)) + "\" data-search=\"" + html_escape(search_text(v)) + "\"";
}

// One comparison row of the failure card: what any alternative allowed vs what came back.
struct CompareRow {
    std::string label, expected, actual;
    bool mismatch = false;
    bool judged = false;  // false when nothing was expected for this field
};

std::vector<CompareRow> compare_rows(const VectorResult& v) {
    const json actual = v.actual.is_object() ? v.actual : json::object();
    const auto alts = runner::expect_alternatives(v.expected);
    CompareRow status{"HTTP status", "", scalar_text(actual.value("status", json()))};
    CompareRow code{"Code", "", scalar_text(actual.value("code", json()))};
    CompareRow message{"Message", "", scalar_text(actual.value("message", json()))};
    const int actual_status = actual.contains("status") && actual["status"].is_number_integer() ? actual["status"].get<int>() : -1;
    bool status_ok = false, code_ok = false, message_ok = false;
    // Alternatives often share a status ("4xx" each); list every distinct value once.
    auto add = [](std::string& list, const std::string& item) {
        const std::string separator = "  |  ";
        if ((separator + list + separator).find(separator + item + separator) != std::string::npos) return;
        if (!list.empty()) list += separator;
        list += item;
    };
    // The runner's own predicates judge each part; this only gathers what every alternative allowed.
    for (const auto& alt : alts) {
        if (!alt.is_object()) continue;
        if (alt.contains("status") || alt.contains("statusClass")) {
            status.judged = true;
            add(status.expected, alt.contains("status") ? scalar_text(alt["status"]) : scalar_text(alt["statusClass"]));
            if (runner::status_matches(alt, actual_status)) status_ok = true;
        }
        if (alt.contains("code") || alt.contains("codeMatches")) {
            code.judged = true;
            if (alt.contains("code")) {
                const std::string want = scalar_text(alt["code"]);
                add(code.expected, want.empty() ? "(success, no Code)" : want);
            } else {
                add(code.expected, "matches /" + scalar_text(alt["codeMatches"]) + "/");
            }
            if (runner::code_matches(alt, code.actual)) code_ok = true;
        }
        if (alt.contains("messages") && alt["messages"].is_array()) {
            message.judged = true;
            for (const auto& m : alt["messages"]) add(message.expected, "\"" + scalar_text(m) + "\"");
            if (runner::messages_match(alt, message.actual)) message_ok = true;
        }
    }
    status.mismatch = status.judged && !status_ok;
    code.mismatch = code.judged && !code_ok;
    message.mismatch = message.judged && !message_ok;
    return {status, code, message};
}

// The command that reruns one vector when the runner gave no curl line (in-process endpoints).
std::string rerun_command(const VectorResult& v, const std::string& endpoint) {
    std::string command = "acsconf run";
    if (endpoint == "inprocess" || endpoint.rfind("http://", 0) == 0 || endpoint.rfind("https://", 0) == 0)
        command += " --endpoint '" + endpoint + "'";
    else if (endpoint.rfind("mock", 0) == 0)
        command += " --endpoint mock";
    return command + " --filter '" + v.vector_id + "'";
}

void failure_card(std::ostringstream& h, const VectorResult& v, const std::string& endpoint) {
    h << "<article class=\"card " << outcome_key(v.outcome) << "\"" << filter_attributes(v) << ">\n";
    h << "<h3>" << badge(v.outcome) << " <code>" << html_escape(v.vector_id) << "</code></h3>\n";
    h << "<p class=\"where\">" << html_escape(v.file) << ":" << v.line << " · rules: " << html_escape(join(v.rules, ", "))
      << " · expected result: " << html_escape(v.expected_result) << "</p>\n";
    if (!v.comment.empty()) h << "<p class=\"muted\">" << html_escape(v.comment) << "</p>\n";
    h << "<p class=\"reason\">" << html_escape(v.reason) << "</p>\n";
    h << "<table class=\"cmp\"><tr><th></th><th>expected</th><th>actual</th></tr>\n";
    for (const auto& row : compare_rows(v)) {
        if (!row.judged && row.actual.empty()) continue;
        h << "<tr><td>" << row.label << "</td><td>" << (row.judged ? html_escape(row.expected) : "<span class=\"muted\">(not checked)</span>")
          << "</td><td class=\"" << (row.mismatch ? "bad" : row.judged ? "good" : "") << "\">" << html_escape(row.actual)
          << "</td></tr>\n";
    }
    h << "</table>\n";
    h << "<details><summary>Full expected and actual</summary><div class=\"two\"><pre>" << html_escape(json_text(v.expected))
      << "</pre><pre>" << html_escape(json_text(v.actual)) << "</pre></div></details>\n";
    h << "<div class=\"repro\"><pre>";
    if (!v.reproduce.empty()) {
        h << html_escape(v.reproduce) << "</pre><button type=\"button\">Copy</button></div>\n";
    } else {
        h << html_escape(rerun_command(v, endpoint)) << "</pre><button type=\"button\">Copy</button></div>\n";
    }
    if (!v.exchanges.empty()) {
        h << "<details><summary>" << v.exchanges.size() << " exchange(s)</summary><table><tr><th>role</th><th>action</th>"
          << "<th>caller</th><th class=\"num\">status</th><th>Code</th><th>Message</th><th>RequestId</th></tr>\n";
        for (const auto& e : v.exchanges) {
            h << "<tr><td>" << html_escape(e.role) << "</td><td>" << html_escape(e.action) << "</td><td>" << html_escape(e.caller)
              << "</td><td class=\"num\">" << e.http_status << "</td><td>" << html_escape(e.code) << "</td><td>"
              << html_escape(text::truncate(e.message, 300)) << "</td><td><code>" << html_escape(e.request_id)
              << "</code></td></tr>\n";
        }
        h << "</table></details>\n";
    }
    h << "</article>\n";
}

void counts_table(std::ostringstream& h, const char* first_column, const std::map<std::string, runner::OutcomeTally>& rows) {
    h << "<table class=\"matrix\"><tr><th>" << first_column << "</th><th class=\"num\">pass</th><th class=\"num\">fail</th>"
      << "<th class=\"num\">error</th><th class=\"num\">skip</th><th class=\"num\">total</th></tr>\n";
    for (const auto& [key, c] : rows) {
        const char* outcome = c.fail ? "fail" : c.error ? "error" : c.pass ? "pass" : c.xfail ? "xfail" : c.xpass ? "xpass" : "skip";
        h << "<tr data-outcome=\"" << outcome << "\"><td><code>" << html_escape(key) << "</code></td>"
          << "<td class=\"num" << (c.pass ? " good" : "") << "\">" << c.pass << "</td>"
          << "<td class=\"num" << (c.fail ? " bad" : "") << "\">" << c.fail << "</td>"
          << "<td class=\"num" << (c.error ? " bad" : "") << "\">" << c.error << "</td>"
          << "<td class=\"num\">" << c.skip << "</td><td class=\"num\">" << c.total() << "</td></tr>\n";
    }
    h << "</table>\n";
}

std::string duration(double ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", ms);
    return buf;
}

}  // namespace

std::string render_html(const runner::RunResult& run) {
    const Summary s = summarize(run);
    const std::string verdict = verdict_name(s.verdict);
    std::ostringstream h;
    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // No network, ever: the page must open the same from a CI artefact or an air-gapped disk.
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
         "script-src 'unsafe-inline'\">\n"
      << "<title>acsconf " << verdict << " — " << html_escape(run.endpoint) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n";

    h << "<header class=\"banner v-" << verdict << "\" id=\"verdict\">\n<h1>" << verdict << "</h1>\n<p class=\"counts\">"
      << s.outcomes.fail << " failed · " << s.outcomes.error << " errors · " << s.outcomes.pass << " passed · "
      << s.outcomes.skip << " skipped · "
      << (s.outcomes.xfail + s.outcomes.xpass > 0
              ? std::to_string(s.outcomes.xfail) + " xfail · " + std::to_string(s.outcomes.xpass) + " xpass · "
              : std::string())
      << s.outcomes.total() << " vectors</p>\n<p class=\"meta\">endpoint <b>"
      << html_escape(run.endpoint) << "</b> · format " << html_escape(run.format) << " · signature "
      << html_escape(run.signature_version) << " · run " << html_escape(run.run_id) << " · " << html_escape(run.started_at)
      << " → " << html_escape(run.finished_at)
      << (run.expectations.empty() ? std::string()
                                   : " · expectations " + html_escape(run.expectations) +
                                         (run.strict_expectations ? " (strict)" : ""))
      << (run.insecure ? " · <b>TLS verification OFF</b> (ACSCONF_INSECURE): the endpoint's identity was not checked" : "")
      << "</p>\n"
      << (run.interrupted ? "<p class=\"meta\" id=\"interrupted\"><b>Interrupted</b>: " + std::to_string(run.vectors.size()) +
                                " of " + std::to_string(run.selected) + " selected vectors ran; this report is partial</p>\n"
                          : std::string())
      << "</header>\n<main>\n";

    h << "<div class=\"toolbar\"><input id=\"filter\" type=\"search\" placeholder=\"Filter: vector id, rule, error code, "
         "flag, words of the comment…\" aria-label=\"filter\"><select id=\"outcome\" aria-label=\"outcome\">"
         "<option value=\"\">all outcomes</option><option value=\"fail\">fail</option><option value=\"error\">error</option>"
         "<option value=\"skip\">skip</option><option value=\"pass\">pass</option><option value=\"xfail\">xfail</option>"
         "<option value=\"xpass\">xpass</option></select><span id=\"shown\" "
         "class=\"muted\"></span></div>\n";

    // Failures first: that is what the reader opened the page for.
    const int broken = s.outcomes.fail + s.outcomes.error;
    h << "<section id=\"failures\"><h2>Failures and errors (" << broken << ")</h2>\n";
    if (broken == 0) h << "<p class=\"muted\">None: every judged vector passed.</p>\n";
    // Many vectors often break for one cause (a fixture the endpoint refuses): name the causes first.
    std::map<std::string, int> reasons;
    for (const auto& v : run.vectors)
        if (v.outcome == Judgement::Fail || v.outcome == Judgement::Error) ++reasons[v.reason];
    if (broken > 3 && reasons.size() < static_cast<std::size_t>(broken)) {
        std::vector<std::pair<int, std::string>> ranked;
        for (const auto& [reason, n] : reasons) ranked.emplace_back(n, reason);
        std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        h << "<table class=\"causes\"><tr><th class=\"num\">vectors</th><th>most common reasons</th></tr>\n";
        for (std::size_t i = 0; i < ranked.size() && i < 5; ++i)
            h << "<tr><td class=\"num\">" << ranked[i].first << "</td><td>" << html_escape(text::truncate(ranked[i].second, 300))
              << "</td></tr>\n";
        h << "</table>\n";
    }
    for (Judgement wanted : {Judgement::Fail, Judgement::Error})
        for (const auto& v : run.vectors)
            if (v.outcome == wanted) failure_card(h, v, run.endpoint);
    h << "</section>\n";

    // Known deviations of this endpoint (--expectations): listed apart, with the entry that expected them.
    if (s.outcomes.xfail + s.outcomes.xpass > 0) {
        h << "<section id=\"expectations\"><h2>Expected failures (" << s.outcomes.xfail << " xfail, " << s.outcomes.xpass
          << " xpass)</h2>\n<table class=\"vectors\"><tr><th>outcome</th><th>vector</th><th>expectation</th><th>reason</th></tr>\n";
        for (const auto& v : run.vectors)
            if (v.outcome == Judgement::Xfail || v.outcome == Judgement::Xpass)
                h << "<tr" << filter_attributes(v) << "><td>" << badge(v.outcome) << "</td><td><code>" << html_escape(v.vector_id)
                  << "</code></td><td>" << html_escape(v.expectation) << "</td><td>" << html_escape(text::truncate(v.reason, 300))
                  << "</td></tr>\n";
        h << "</table></section>\n";
    }

    h << "<section id=\"coverage\"><h2>Coverage</h2>\n<h3>Rules</h3>\n";
    counts_table(h, "rule", s.by_rule);
    h << "<h3>Error codes the vectors expect</h3>\n";
    counts_table(h, "code", s.by_error_code);
    h << "</section>\n";

    std::map<std::string, std::vector<const VectorResult*>> by_product;
    for (const auto& v : run.vectors) by_product[v.product].push_back(&v);
    for (const auto& [product, vectors] : by_product) {
        const auto& c = s.by_product.at(product);
        h << "<section class=\"product\" id=\"product-" << html_escape(product) << "\"><h2>" << html_escape(product) << " — "
          << c.pass << " pass, " << c.fail << " fail, " << c.error << " error, " << c.skip << " skip</h2>\n"
          << "<table class=\"vectors\"><tr><th>outcome</th><th>vector</th><th>expected</th><th>matched</th>"
             "<th class=\"num\">ms</th><th>reason</th></tr>\n";
        for (const auto* v : vectors) {
            h << "<tr" << filter_attributes(*v) << "><td>" << badge(v->outcome) << "</td><td><code>" << html_escape(v->vector_id)
              << "</code><br><span class=\"muted\">" << html_escape(text::truncate(v->comment, 200)) << "</span></td><td>"
              << html_escape(v->expected_result) << "</td><td>" << html_escape(v->matched) << "</td><td class=\"num\">"
              << duration(v->duration_ms) << "</td><td>" << html_escape(text::truncate(v->reason, 300)) << "</td></tr>\n";
        }
        h << "</table></section>\n";
    }

    h << "<footer>acsconf " << html_escape(run.acsconf_version) << " · vectors " << html_escape(join(run.vector_files, ", "))
      << " · digest <code>" << html_escape(run.vectors_digest) << "</code>";
    if (!run.filter.empty()) h << " · filter <code>" << html_escape(run.filter) << "</code>";
    h << "</footer>\n</main>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
    return h.str();
}

}  // namespace acsconf::reports
