// Regression diff: vector by vector, by id. Only outcomes and matched alternatives are compared, so
// run ids, timestamps, request ids and durations never count as changes.
#include "acsconf/reports/diff.hpp"

#include <map>
#include <set>
#include <sstream>

#include "acsconf/reports/reports.hpp"
#include "text.hpp"

namespace acsconf::reports {
namespace {

using runner::Judgement;
using runner::VectorResult;

bool broken(Judgement o) { return o == Judgement::Fail || o == Judgement::Error; }

VectorChange change_of(const VectorResult* old_v, const VectorResult* new_v, std::string detail) {
    VectorChange c;
    c.vector_id = new_v ? new_v->vector_id : old_v->vector_id;
    if (old_v) {
        c.old_outcome = outcome_key(old_v->outcome);
        c.old_matched = old_v->matched;
    }
    if (new_v) {
        c.new_outcome = outcome_key(new_v->outcome);
        c.new_matched = new_v->matched;
    }
    c.detail = std::move(detail);
    return c;
}

// Index by id; ids seen more than once are returned apart (such a run cannot be compared by id).
std::map<std::string, const VectorResult*> index(const runner::RunResult& run, std::set<std::string>& duplicates) {
    std::map<std::string, const VectorResult*> by_id;
    for (const auto& v : run.vectors)
        if (!by_id.emplace(v.vector_id, &v).second) duplicates.insert(v.vector_id);
    return by_id;
}

nlohmann::json changes_json(const std::vector<VectorChange>& changes) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : changes)
        out.push_back({{"id", text::printable(c.vector_id)},
                       {"oldOutcome", c.old_outcome},
                       {"newOutcome", c.new_outcome},
                       {"oldMatched", text::printable(c.old_matched)},
                       {"newMatched", text::printable(c.new_matched)},
                       {"detail", text::printable(c.detail)}});
    return out;
}

}  // namespace

bool RunDiff::regressed() const {
    if (!newly_failing.empty()) return true;
    for (const auto& c : added)
        if (c.new_outcome == "fail" || c.new_outcome == "error") return true;
    return false;
}

RunDiff diff(const runner::RunResult& old_run, const runner::RunResult& new_run) {
    RunDiff d;
    std::set<std::string> duplicates;
    const auto old_by_id = index(old_run, duplicates);
    const auto new_by_id = index(new_run, duplicates);

    for (const auto& id : duplicates) {
        VectorChange c;
        c.vector_id = id;
        c.detail = "vector id appears more than once in a run; cannot compare by id";
        d.not_comparable.push_back(c);
    }

    for (const auto& [id, old_v] : old_by_id) {
        if (duplicates.count(id)) continue;
        if (!new_by_id.count(id)) d.removed.push_back(change_of(old_v, nullptr, "not in the new run"));
    }
    // New-run order, so the lists read like the new report.
    for (const auto& v : new_run.vectors) {
        const std::string& id = v.vector_id;
        if (duplicates.count(id)) continue;
        const VectorResult* new_v = &v;
        const auto found = old_by_id.find(id);
        if (found == old_by_id.end()) {
            d.added.push_back(change_of(nullptr, new_v, new_v->reason));
            continue;
        }
        const VectorResult* old_v = found->second;
        if (old_v->product != new_v->product || old_v->operation != new_v->operation) {
            d.not_comparable.push_back(change_of(old_v, new_v, "the id now names a vector of another operation (" +
                                                                   old_v->product + "." + old_v->operation + " → " +
                                                                   new_v->product + "." + new_v->operation + ")"));
            continue;
        }
        const bool old_skip = old_v->outcome == Judgement::Skip, new_skip = new_v->outcome == Judgement::Skip;
        if (old_skip != new_skip) {
            d.not_comparable.push_back(change_of(old_v, new_v, std::string("skipped in the ") + (new_skip ? "new" : "old") +
                                                                   " run: " + (new_skip ? new_v->reason : old_v->reason)));
            continue;
        }
        if (new_v->outcome == Judgement::Xfail || new_v->outcome == Judgement::Xpass) {
            d.expected_failures.push_back(change_of(old_v, new_v, new_v->expectation));
        } else if (broken(new_v->outcome) && !broken(old_v->outcome)) {
            d.newly_failing.push_back(change_of(old_v, new_v, new_v->reason));
        } else if (!broken(new_v->outcome) && broken(old_v->outcome)) {
            d.newly_passing.push_back(change_of(old_v, new_v, ""));
        } else if (broken(new_v->outcome)) {
            d.still_failing.push_back(change_of(old_v, new_v, new_v->reason));
        } else if (new_v->outcome == Judgement::Pass && old_v->matched != new_v->matched) {
            d.changed_answers.push_back(change_of(old_v, new_v, "matched alternative \"" + old_v->matched + "\" → \"" +
                                                                    new_v->matched + "\""));
        } else {
            ++d.unchanged;
        }
    }
    return d;
}

nlohmann::json diff_to_json(const RunDiff& d) {
    return {{"kind", "acsconf-diff"},
            {"schemaVersion", 1},
            {"regressed", d.regressed()},
            {"unchanged", d.unchanged},
            {"newlyFailing", changes_json(d.newly_failing)},
            {"newlyPassing", changes_json(d.newly_passing)},
            {"stillFailing", changes_json(d.still_failing)},
            {"changedAnswers", changes_json(d.changed_answers)},
            {"added", changes_json(d.added)},
            {"removed", changes_json(d.removed)},
            {"notComparable", changes_json(d.not_comparable)},
            {"expectedFailures", changes_json(d.expected_failures)}};
}

namespace {

constexpr std::size_t kMaxListed = 25;

void markdown_list(std::ostringstream& md, const char* title, const std::vector<VectorChange>& changes) {
    if (changes.empty()) return;
    md << "### " << title << " (" << changes.size() << ")\n\n";
    for (std::size_t i = 0; i < changes.size() && i < kMaxListed; ++i) {
        const auto& c = changes[i];
        md << "- `" << text::markdown_code(c.vector_id) << "` " << (c.old_outcome.empty() ? "—" : c.old_outcome) << " → "
           << (c.new_outcome.empty() ? "—" : c.new_outcome);
        if (!c.detail.empty()) md << ": " << text::markdown_inline(text::truncate(c.detail, 200));
        md << "\n";
    }
    if (changes.size() > kMaxListed) md << "- … and " << changes.size() - kMaxListed << " more (see the JSON diff)\n";
    md << "\n";
}

}  // namespace

std::string render_diff_markdown(const RunDiff& d) {
    std::ostringstream md;
    md << "## " << (d.regressed() ? "❌ acsconf diff: **regressed**" : "✅ acsconf diff: **no regression**") << "\n\n";
    md << "| newly failing | newly passing | still failing | changed answers | added | removed | not comparable | unchanged |\n"
       << "|---:|---:|---:|---:|---:|---:|---:|---:|\n"
       << "| " << d.newly_failing.size() << " | " << d.newly_passing.size() << " | " << d.still_failing.size() << " | "
       << d.changed_answers.size() << " | " << d.added.size() << " | " << d.removed.size() << " | "
       << d.not_comparable.size() << " | " << d.unchanged << " |\n\n";
    markdown_list(md, "Newly failing", d.newly_failing);
    markdown_list(md, "Newly passing", d.newly_passing);
    markdown_list(md, "Changed answers on acceptable vectors", d.changed_answers);
    markdown_list(md, "Added", d.added);
    markdown_list(md, "Removed", d.removed);
    markdown_list(md, "Not comparable", d.not_comparable);
    markdown_list(md, "Expected failures (xfail / xpass)", d.expected_failures);
    markdown_list(md, "Still failing", d.still_failing);
    return md.str();
}

std::string render_diff_text(const RunDiff& d) {
    std::ostringstream out;
    out << (d.regressed() ? "REGRESSED" : "no regression") << ": " << d.newly_failing.size() << " newly failing, "
        << d.newly_passing.size() << " newly passing, " << d.still_failing.size() << " still failing, "
        << d.changed_answers.size() << " changed answers, " << d.added.size() << " added, " << d.removed.size()
        << " removed, " << d.not_comparable.size() << " not comparable, " << d.expected_failures.size()
        << " expected failures (xfail/xpass), " << d.unchanged << " unchanged\n";
    auto lines = [&out](const char* tag, const std::vector<VectorChange>& changes) {
        for (const auto& c : changes) {
            out << "  " << tag << " " << text::printable(c.vector_id) << " (" << (c.old_outcome.empty() ? "-" : c.old_outcome)
                << " -> " << (c.new_outcome.empty() ? "-" : c.new_outcome) << ")";
            if (!c.detail.empty()) out << ": " << text::truncate(c.detail, 160);
            out << "\n";
        }
    };
    lines("newly failing", d.newly_failing);
    for (const auto& c : d.added)
        if (c.new_outcome == "fail" || c.new_outcome == "error") lines("added, failing", {c});
    lines("newly passing", d.newly_passing);
    lines("changed answer", d.changed_answers);
    lines("not comparable", d.not_comparable);
    lines("expected", d.expected_failures);
    return out.str();
}

}  // namespace acsconf::reports
