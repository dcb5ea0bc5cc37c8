// `acsconf run`: run the vectors on an endpoint, print a summary, optionally write reports.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>
#include <memory>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#include "acsconf/model/catalogue.hpp"
#include "acsconf/harness/run_token.hpp"
#include "acsconf/runner/expectations.hpp"
#include "acsconf/runner/fixtures.hpp"
#include "acsconf/runner/run.hpp"
#include "command_registry.hpp"
#include "duration.hpp"
#include "endpoint_factory.hpp"
#include "vector_source.hpp"

#include "acsconf/reports/reports.hpp"

namespace {

namespace fs = std::filesystem;

using acsconf::runner::Judgement;

// SIGINT/SIGTERM while a run is under way. The signals are blocked in every thread (set before any
// thread exists) and taken by one watcher thread: the first stops scheduling (vectors under way finish,
// teardown included, and the partial report is written); the second ends the process at once and
// prints what the run made and has not removed yet.
class SignalWatcher {
public:
    SignalWatcher() {
        sigemptyset(&signals_);
        sigaddset(&signals_, SIGINT);
        sigaddset(&signals_, SIGTERM);
        sigaddset(&signals_, kWake);
        pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
    }
    ~SignalWatcher() {
        done_ = true;
        // Wake the watcher now rather than at its next tick, so a run does not end 100 ms late.
        if (thread_.joinable()) {
            pthread_kill(thread_.native_handle(), kWake);
            thread_.join();
        }
        pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
    }
    SignalWatcher(const SignalWatcher&) = delete;
    SignalWatcher& operator=(const SignalWatcher&) = delete;

    void watch(const acsconf::runner::FixtureLedger& ledger) {
        thread_ = std::thread([this, &ledger] {
            while (!done_) {
                const timespec tick{0, 100'000'000};
                const int received = sigtimedwait(&signals_, nullptr, &tick);
                if (received < 0 || received == kWake) continue;
                const char* name = received == SIGINT ? "SIGINT" : "SIGTERM";
                if (++count_ == 1) {
                    std::cerr << "\nacsconf run: " << name << ": no new vector starts; the ones under way finish and "
                              << "remove their fixtures. A second signal aborts at once.\n" << std::flush;
                    continue;
                }
                const auto left = ledger.outstanding();
                std::cerr << "\nacsconf run: " << name << " again: aborted. ";
                if (left.empty()) {
                    std::cerr << "Nothing the run created is known to remain.\n";
                } else {
                    std::cerr << left.size() << " resource(s) this run created may be left behind (the call that removes each):\n";
                    for (const auto& item : left) std::cerr << "  " << item << "\n";
                    std::cerr << "Remove them with: acsconf cleanup --endpoint ENDPOINT --yes\n";
                }
                std::cerr << std::flush;
                std::_Exit(acsconf::runner::kExitInterrupted);
            }
        });
    }
    bool stop_requested() const { return count_ > 0; }

private:
    static constexpr int kWake = SIGUSR1;  // only ever sent by the destructor to the watcher thread
    sigset_t signals_{}, previous_{};
    std::atomic<int> count_{0};
    std::atomic<bool> done_{false};
    std::thread thread_;
};

struct RunArgs {
    std::string endpoint;
    std::vector<std::string> vectors;
    std::string filter;
    std::string report_dir;
    std::string format;  // "" = each vector in its own formats
    std::string deviation;
    bool live = false;
    std::size_t jobs = 0;  // 0: the endpoint's default
    double max_rps = 0;
    std::string deadline;
    std::string shard;
    std::string expectations;
    bool strict_expectations = false;
    std::string probe_output;  // `acsconf probe`: only acceptable vectors; write expectations here
};

// What the selected vectors' `given` steps will create on a real endpoint, so a person can say no.
// The text must stay true: runner/run.cpp (conflicts_of) and vectors/README.md say the same.
void print_live_plan(std::ostream& out, const std::string& spec, const std::vector<const acsconf::runner::TestCase*>& selected) {
    std::map<std::string, std::size_t> per_vector, shared, fixed;
    std::set<std::string> shared_sets;  // a set of shared steps is made once, however many vectors use it
    for (const auto* test : selected) {
        const bool new_set = shared_sets.insert(acsconf::runner::shared_set_key(test->given)).second;
        for (const auto& step : test->given)
            if (step.contains("call") && step["call"].is_string()) {
                const std::string action = step["call"].get<std::string>();
                if (!action.starts_with("Create") && !action.starts_with("Attach")) continue;
                const std::string params = step.value("params", nlohmann::json::object()).dump();
                const bool tokened = params.find("${run}") != std::string::npos || params.find("${shared}") != std::string::npos;
                if (step.value("shared", false)) {
                    if (new_set) ++shared[action];
                } else if (!tokened && action.starts_with("Create")) {
                    ++fixed[action];
                } else {
                    ++per_vector[action];
                }
            }
    }
    out << "acsconf run: " << selected.size() << " vector instance(s) on " << spec << ".\n"
        << "Every resource they create is named with this run's token (" << acsconf::harness::kRunTokenPrefix
        << " + creation time + random), or, where a rule needs a fixed name, created only when absent;\n"
        << "each is removed again. Nothing the run did not create is detached, deleted or changed.\n";
    auto list = [&out](const char* title, const std::map<std::string, std::size_t>& counts) {
        if (counts.empty()) return;
        out << title << "\n";
        for (const auto& [action, count] : counts) out << "  " << std::setw(5) << count << " x " << action << "\n";
    };
    list("Made for one vector and removed after it:", per_vector);
    list("Shared by several vectors (made once, removed after the last of them):", shared);
    list("Fixed names (the vector is skipped if the name already exists):", fixed);
}

void print_tally_row(std::ostream& out, const std::string& label, const acsconf::runner::OutcomeTally& t, std::size_t width) {
    out << "  " << std::left << std::setw(static_cast<int>(width)) << label << std::right << std::setw(6) << t.pass
        << std::setw(6) << t.fail << std::setw(6) << t.error << std::setw(6) << t.skip << std::setw(6) << t.xfail
        << std::setw(6) << t.xpass << "\n";
}

void print_summary(std::ostream& out, const acsconf::runner::RunResult& run) {
    const auto summary = acsconf::runner::summarize_run(run);
    std::size_t width = 8;
    for (const auto& [rule, tally] : summary.by_rule) width = std::max(width, rule.size() + 2);
    out << "\nper rule:\n  " << std::left << std::setw(static_cast<int>(width)) << "rule" << std::right << std::setw(6)
        << "pass" << std::setw(6) << "fail" << std::setw(6) << "error" << std::setw(6) << "skip" << std::setw(6) << "xfail"
        << std::setw(6) << "xpass" << "\n";
    for (const auto& [rule, tally] : summary.by_rule) print_tally_row(out, rule, tally, width);
    print_tally_row(out, "total", summary.outcomes, width);

    bool header = false;
    for (const auto& v : run.vectors) {
        if (v.outcome == Judgement::Pass) continue;
        if (!header) out << "\nnot passed:\n";
        header = true;
        out << "  " << acsconf::runner::outcome_name(v.outcome) << "  " << v.vector_id << " (" << v.file << ":" << v.line
            << ")\n        " << v.reason << "\n";
    }
    out << "\n" << summary.outcomes.total() << " vectors: " << summary.outcomes.pass << " pass, " << summary.outcomes.fail
        << " fail, " << summary.outcomes.error << " error, " << summary.outcomes.skip << " skip, " << summary.outcomes.xfail
        << " xfail, " << summary.outcomes.xpass << " xpass (endpoint " << run.endpoint << ", run " << run.run_id
        << (run.shard.empty() ? "" : ", shard " + run.shard) << ")\n";
    const std::size_t exchanges = acsconf::runner::exchange_count(run);
    out << exchanges << " exchanges, " << std::fixed << std::setprecision(2)
        << (run.vectors.empty() ? 0.0 : static_cast<double>(exchanges) / static_cast<double>(run.vectors.size()))
        << " per vector, " << run.jobs << " job(s)\n" << std::defaultfloat;
    if (run.interrupted)
        out << "INTERRUPTED: " << run.vectors.size() << " of " << run.selected
            << " selected vectors ran before the signal; this report is partial\n";
}

void write_reports(const acsconf::runner::RunResult& run, const std::string& dir) {
    acsconf::reports::write_report_dir(run, dir);
    std::cout << "reports written to " << dir << "/ (result.json, junit.xml, report.html, summary.md)\n";
}

int run_command(const RunArgs& args) {
    using namespace acsconf::cli;
    // Before any thread exists (the embedded mock's included), so that they all inherit the mask.
    SignalWatcher signals;
    acsconf::runner::Shard shard;
    std::optional<std::chrono::milliseconds> deadline;
    try {
        if (!args.shard.empty()) shard = acsconf::runner::parse_shard(args.shard);
        else if (auto from_env = acsconf::runner::shard_from_environment()) shard = *from_env;
        if (!args.deadline.empty()) deadline = parse_duration(args.deadline);
    } catch (const std::invalid_argument& e) {
        std::cerr << (args.probe_output.empty() ? "acsconf run: " : "acsconf probe: ") << e.what() << "\n";
        return kExitUsage;
    }
    if (!args.deviation.empty()) {
        const auto& catalogue = acsconf::model::deviation_catalogue();
        if (std::none_of(catalogue.begin(), catalogue.end(), [&](const auto& d) { return d.id == args.deviation; })) {
            std::cerr << "acsconf run: unknown --deviation '" << args.deviation << "' (see acsconf deviations)\n";
            return kExitUsage;
        }
    }
    const bool probing = !args.probe_output.empty();
    const char* command = probing ? "acsconf probe" : "acsconf run";
    acsconf::runner::FormatChoice formats{};
    if (!acsconf::runner::parse_format_choice(args.format, formats)) {
        std::cerr << command << ": --format must be json, xml or both, not '" << args.format << "'\n";
        return kExitUsage;
    }
    std::optional<acsconf::runner::Expectations> expectations;
    if (!args.expectations.empty()) {
        try {
            expectations = acsconf::runner::load_expectations(args.expectations);
        } catch (const acsconf::runner::ExpectationsError& e) {
            std::cerr << command << ": bad expectations file: " << e.what() << "\n";
            return kExitUsage;
        }
    }
    EndpointOptions endpoint_options;
    endpoint_options.model.deviation = args.deviation;
    if (args.max_rps > 0) endpoint_options.rate_limiter = std::make_shared<acsconf::harness::RateLimiter>(args.max_rps);
    const std::string spec = args.endpoint.empty() ? default_endpoint_spec() : args.endpoint;

    acsconf::runner::LoadResult loaded;
    try {
        loaded = load_vectors(vector_sources(args.vectors));
    } catch (const std::exception& e) {
        std::cerr << command << ": " << e.what() << "\n";
        return kExitUsage;
    }
    print_problems(std::cerr, loaded.problems);
    if (expectations) {
        // An entry that names no vector would silently stop applying (a typo, a renamed vector).
        std::vector<std::string> ids;
        for (const auto* test : loaded.tests())
            for (auto format : {acsconf::harness::Format::Json, acsconf::harness::Format::Xml})
                ids.push_back(acsconf::runner::instance_id(*test, format));
        const auto unmatched = acsconf::runner::unmatched_expectations(*expectations, ids);
        for (const auto& line : unmatched) std::cerr << command << ": bad expectations file: " << line << "\n";
        if (!unmatched.empty()) return kExitUsage;
    }

    BuiltEndpoint built;
    try {
        built = make_endpoint(spec, endpoint_options);
    } catch (const std::exception& e) {
        std::cerr << command << ": " << e.what() << "\n";
        return kExitUsage;
    }

    // A probe asks only what the documentation leaves open: the implementation-defined vectors.
    std::function<bool(const acsconf::runner::TestCase&)> select;
    if (probing) select = [](const acsconf::runner::TestCase& test) { return test.result == "acceptable"; };
    // What the run will judge: one entry per instance (vector and format), as run_vectors selects.
    std::vector<const acsconf::runner::TestCase*> selected;
    for (const auto* test : loaded.tests()) {
        if (select && !select(*test)) continue;
        for (const auto format : acsconf::runner::instance_formats(*test, formats)) {
            const std::string id = acsconf::runner::instance_id(*test, format);
            if ((args.filter.empty() || acsconf::runner::glob_match(args.filter, id)) && acsconf::runner::in_shard(id, shard))
                selected.push_back(test);
        }
    }
    if (built.remote) {
        print_live_plan(std::cerr, spec, selected);
        if (!args.live) {
            std::cerr << command << ": endpoint '" << spec << "' is not on this machine; nothing was sent. "
                      << "Add --live to create and remove the resources above there.\n";
            return kExitUsage;
        }
    }

    acsconf::runner::RunOptions options;
    options.filter = args.filter;
    options.shard = shard;
    options.jobs = args.jobs > 0 ? args.jobs : built.default_jobs;
    if (built.ordered && options.jobs > 1) {
        std::cerr << command << ": a cassette is an ordered log: running with 1 job instead of " << options.jobs << "\n";
        options.jobs = 1;
    }
    if (deadline) options.deadline = std::chrono::steady_clock::now() + *deadline;
    acsconf::runner::FixtureLedger ledger;
    acsconf::runner::SharedFixtures shared(&ledger);
    options.exec.ledger = &ledger;
    options.exec.shared = &shared;
    options.formats = formats;
    if (expectations) options.expectations = &*expectations;
    options.strict_expectations = args.strict_expectations;
    options.select = select;
    options.signature_version = built.signature_version;
    options.insecure = built.insecure;
    options.acsconf_version = ACSCONF_VERSION_STRING;
    const bool on_terminal = isatty(fileno(stderr)) != 0;
    acsconf::runner::OutcomeTally tally;
    // One line per event, never interleaved: progress is called by one worker at a time.
    options.progress = [&](const acsconf::runner::VectorResult& v, std::size_t done, std::size_t total) {
        tally.add(v.outcome);
        if (on_terminal) {
            std::cerr << "\r[" << done << "/" << total << "] pass " << tally.pass << "  fail " << tally.fail << "  error "
                      << tally.error << "  skip " << tally.skip << std::flush;
            if (done == total) std::cerr << "\n";
        } else {
            std::cout << "[" << done << "/" << total << "] " << acsconf::runner::outcome_name(v.outcome) << " "
                      << v.vector_id << std::endl;  // flushed: a log or a pipe shows progress as it happens
        }
    };
    options.should_stop = [&signals] { return signals.stop_requested(); };
    signals.watch(ledger);
    const auto run = acsconf::runner::run_vectors(loaded, *built.endpoint, options);
    if (run.interrupted) {
        if (on_terminal) std::cerr << "\n";
        const auto left = ledger.outstanding();
        std::cerr << command << ": interrupted after " << run.vectors.size() << " of " << run.selected << " vector(s); ";
        if (left.empty()) {
            std::cerr << "nothing the run created remains\n";
        } else {
            std::cerr << left.size() << " resource(s) it created could not be removed:\n";
            for (const auto& item : left) std::cerr << "  " << item << "\n";
        }
    }
    if (run.vectors.empty() && !run.interrupted) {
        // An empty selection must not look like a green run in CI.
        std::cerr << command << ": no vector matches filter '" << args.filter << "' (acsconf list shows the ids)\n";
        return kExitUsage;
    }
    print_summary(std::cout, run);
    if (probing) {
        std::ofstream out(args.probe_output, std::ios::binary | std::ios::trunc);
        out << acsconf::runner::expectations_from_probe(run);
        if (!out) {
            std::cerr << "acsconf probe: cannot write " << args.probe_output << "\n";
            return kExitUsage;
        }
        std::cout << "expectations written to " << args.probe_output
                  << " (use: acsconf run --endpoint " << spec << " --expectations " << args.probe_output << ")\n";
    }
    if (!args.report_dir.empty()) {
        try {
            write_reports(run, args.report_dir);
        } catch (const std::exception& e) {
            std::cerr << command << ": cannot write reports: " << e.what() << "\n";
            return kExitUsage;
        }
    }
    if (!loaded.problems.empty()) {
        std::cerr << command << ": " << loaded.problems.size() << " problem(s) in the vector files (see above; acsconf lint)\n";
        return kExitUsage;
    }
    // An interrupted run judged only part of the vectors: its own code, never green (README "Exit codes").
    return acsconf::runner::run_exit_code(run);
}

void add_shared_options(CLI::App& sub, RunArgs& args) {
    sub.footer(acsconf::cli::known_endpoints_help());
    sub.add_option("--endpoint", args.endpoint,
                   "inprocess, mock, http(s)://URL or replay:FILE (default: mock when built, else inprocess)");
    sub.add_option("--vectors", args.vectors, "vector files or directories (default: $ACSCONF_VECTORS or the suite's vectors)");
    sub.add_option("--filter", args.filter, "glob on vector ids, e.g. '*UserName*' (XML instances end in .xml)");
    sub.add_option("--report-dir", args.report_dir, "write result.json, junit.xml, report.html and summary.md here");
    sub.add_option("--format", args.format,
                   "wire formats: json, xml or both for every vector (default: each vector in its own formats, JSON plus "
                   "XML for the error codes, response shapes and envelope)")
        ->check(CLI::IsMember({"json", "xml", "both"}));
    sub.add_flag("--live", args.live, "allow an endpoint off this machine (the real cloud): creates and removes real resources");
    sub.add_option("--deviation", args.deviation, "break one rule on purpose (model-based endpoints; see acsconf deviations)");
    sub.add_option("--jobs,-j", args.jobs, "vectors judged at the same time (default: " + std::to_string(acsconf::cli::kNetworkJobs) +
                                               " over a network, 1 in-process or with a cassette)")
        ->check(CLI::Range(std::size_t{1}, std::size_t{64}));
    sub.add_option("--max-rps", args.max_rps, "at most this many requests per second, all jobs together (client-side)")
        ->check(CLI::Range(0.01, 10000.0));
    sub.add_option("--deadline", args.deadline,
                   "bound for the whole run (e.g. 90s, 10m): no vector starts after it; those cut off are errors");
    sub.add_option("--shard", args.shard,
                   "I/N: run only the I-th of N disjoint parts (default: GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS when set)");
}

const acsconf::cli::CommandRegistration kRun{
    "run", "Run the conformance vectors on an endpoint", [](CLI::App& sub) -> acsconf::cli::CommandAction {
        auto args = std::make_shared<RunArgs>();
        add_shared_options(sub, *args);
        sub.add_option("--expectations", args->expectations,
                       "known behaviour of this endpoint (JSON lines, see acsconf probe): listed failures become xfail/xpass, "
                       "narrowed acceptable answers catch drift");
        sub.add_flag("--strict-expectations", args->strict_expectations, "xfail and xpass fail the run (exit 1) too");
        return [args] { return run_command(*args); };
    }};

const acsconf::cli::CommandRegistration kProbe{
    "probe",
    "Run only the implementation-defined (acceptable) vectors and write an expectations file narrowing each to the "
    "answer this endpoint gave",
    [](CLI::App& sub) -> acsconf::cli::CommandAction {
        auto args = std::make_shared<RunArgs>();
        add_shared_options(sub, *args);
        sub.add_option("--output,-o", args->probe_output, "the expectations file to write")->required();
        return [args] { return run_command(*args); };
    }};

}  // namespace
