#include "acsconf/reports/commands.hpp"

#include <ostream>

#include "acsconf/reports/diff.hpp"

namespace acsconf::reports {

int report_command(const std::filesystem::path& result_json, const RenderTargets& targets, std::ostream& out,
                   std::ostream& err) {
    runner::RunResult run;
    try {
        run = read_result_json(result_json);
    } catch (const ResultFileError& e) {
        err << "acsconf report: " << e.what() << "\n";
        return kExitBadFile;
    }
    try {
        write_reports(run, targets);
    } catch (const std::exception& e) {
        err << "acsconf report: " << e.what() << "\n";
        return kExitBadFile;
    }
    const Summary s = summarize(run);
    out << verdict_name(s.verdict) << ": " << s.outcomes.pass << " passed, " << s.outcomes.fail << " failed, "
        << s.outcomes.error << " errors, " << s.outcomes.skip << " skipped";
    if (s.outcomes.xfail + s.outcomes.xpass > 0) out << ", " << s.outcomes.xfail << " xfail, " << s.outcomes.xpass << " xpass";
    out << " of " << s.outcomes.total() << " vectors\n";
    for (const auto* written : {&targets.html, &targets.junit, &targets.markdown})
        if (!written->empty()) out << "wrote " << written->string() << "\n";
    return kExitOk;
}

int diff_command(const std::filesystem::path& old_json, const std::filesystem::path& new_json, const DiffTargets& targets,
                 std::ostream& out, std::ostream& err) {
    runner::RunResult old_run, new_run;
    try {
        old_run = read_result_json(old_json);
        new_run = read_result_json(new_json);
    } catch (const ResultFileError& e) {
        err << "acsconf diff: " << e.what() << "\n";
        return kExitBadFile;
    }
    const RunDiff d = diff(old_run, new_run);
    try {
        if (!targets.markdown.empty()) write_text_file(targets.markdown, render_diff_markdown(d));
        if (!targets.json.empty()) write_text_file(targets.json, diff_to_json(d).dump(2) + "\n");
    } catch (const std::exception& e) {
        err << "acsconf diff: " << e.what() << "\n";
        return kExitBadFile;
    }
    out << render_diff_text(d);
    return d.regressed() ? kExitRegressed : kExitOk;
}

}  // namespace acsconf::reports
