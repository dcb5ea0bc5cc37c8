// A short Markdown summary for a pull-request comment: verdict, counts, the first failures.
// GitHub caps comments at 65,536 characters; we stay far below by listing at most kMaxListed vectors.
#include <sstream>

#include "acsconf/reports/reports.hpp"
#include "text.hpp"

namespace acsconf::reports {
namespace {

constexpr std::size_t kMaxListed = 20;
constexpr std::size_t kMaxReason = 200;

std::string counts_row(const std::string& label, const runner::OutcomeTally& c, bool expectations) {
    std::ostringstream row;
    row << "| " << text::markdown_inline(label) << " | " << c.pass << " | " << c.fail << " | " << c.error << " | "
        << c.skip << " | ";
    if (expectations) row << c.xfail << " | " << c.xpass << " | ";
    row << c.total() << " |\n";
    return row.str();
}

}  // namespace

std::string render_markdown(const runner::RunResult& run) {
    const Summary s = summarize(run);
    std::ostringstream md;
    const char* icon = s.verdict == Verdict::Pass ? "✅" : s.verdict == Verdict::Fail ? "❌" : "⚠️";
    md << "## " << icon << " acsconf: **" << verdict_name(s.verdict) << "**\n\n";
    md << s.outcomes.pass << " passed, " << s.outcomes.fail << " failed, " << s.outcomes.error << " errors, "
       << s.outcomes.skip << " skipped";
    // xfail / xpass exist only with an expectations file: say nothing of them otherwise.
    const bool expectations = !run.expectations.empty() || s.outcomes.xfail + s.outcomes.xpass > 0;
    if (expectations) md << ", " << s.outcomes.xfail << " xfail, " << s.outcomes.xpass << " xpass";
    md << " of " << s.outcomes.total() << " vectors against `"
       << text::markdown_code(run.endpoint) << "`";
    if (!run.filter.empty()) md << " (filter `" << text::markdown_code(run.filter) << "`)";
    if (!run.expectations.empty())
        md << " with expectations `" << text::markdown_code(run.expectations) << "`" << (run.strict_expectations ? " (strict)" : "");
    md << ".\n\n";
    if (run.interrupted)
        md << "**Interrupted**: " << run.vectors.size() << " of " << run.selected
           << " selected vectors ran before the signal; this report is partial.\n\n";

    if (expectations)
        md << "| operation | pass | fail | error | skip | xfail | xpass | total |\n|---|---:|---:|---:|---:|---:|---:|---:|\n";
    else
        md << "| operation | pass | fail | error | skip | total |\n|---|---:|---:|---:|---:|---:|\n";
    for (const auto& [operation, counts] : s.by_operation) md << counts_row(operation, counts, expectations);
    md << "\n";

    std::vector<const runner::VectorResult*> broken;
    for (const auto& v : run.vectors)
        if (v.outcome == runner::Judgement::Fail) broken.push_back(&v);
    for (const auto& v : run.vectors)
        if (v.outcome == runner::Judgement::Error) broken.push_back(&v);
    if (!broken.empty()) {
        md << "### Failures and errors\n\n";
        for (std::size_t i = 0; i < broken.size() && i < kMaxListed; ++i) {
            const auto& v = *broken[i];
            md << "- **" << (v.outcome == runner::Judgement::Fail ? "FAIL" : "ERROR") << "** `" << text::markdown_code(v.vector_id) << "` ("
               << text::markdown_inline(v.file) << ":" << v.line << "): "
               << text::markdown_inline(text::truncate(v.reason, kMaxReason)) << "\n";
        }
        if (broken.size() > kMaxListed)
            md << "- … and " << broken.size() - kMaxListed << " more; see the HTML report or result.json.\n";
        md << "\n";
    }
    std::vector<const runner::VectorResult*> expected;
    for (const auto& v : run.vectors)
        if (v.outcome == runner::Judgement::Xfail || v.outcome == runner::Judgement::Xpass) expected.push_back(&v);
    if (!expected.empty()) {
        md << "### Expected failures (expectations file)\n\n";
        for (std::size_t i = 0; i < expected.size() && i < kMaxListed; ++i) {
            const auto& v = *expected[i];
            md << "- **" << (v.outcome == runner::Judgement::Xfail ? "XFAIL" : "XPASS") << "** `"
               << text::markdown_code(v.vector_id) << "`: " << text::markdown_inline(text::truncate(v.expectation, kMaxReason))
               << "\n";
        }
        if (expected.size() > kMaxListed) md << "- … and " << expected.size() - kMaxListed << " more.\n";
        md << "\n";
    }
    md << "<sub>acsconf " << text::markdown_inline(run.acsconf_version) << " · run "
       << text::markdown_inline(run.run_id) << " · format " << text::markdown_inline(run.format)
       << " · signature " << text::markdown_inline(run.signature_version) << " · vectors "
       << text::markdown_inline(run.vectors_digest.substr(0, 12)) << "</sub>\n";
    return md.str();
}

}  // namespace acsconf::reports
