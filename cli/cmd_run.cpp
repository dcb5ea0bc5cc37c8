// `acsconf run`: run the vectors on an endpoint, print a summary, optionally write reports.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <unistd.h>

#include "acsconf/model/catalogue.hpp"
#include "acsconf/runner/run.hpp"
#include "command_registry.hpp"
#include "endpoint_factory.hpp"
#include "vector_source.hpp"

#ifdef ACSCONF_REPORTS_AVAILABLE
#include "acsconf/reports/reports.hpp"
#endif

namespace {

namespace fs = std::filesystem;

// Set by SIGINT/SIGTERM: the run stops after the current vector, whose teardown still runs.
volatile std::sig_atomic_t g_stop_requested = 0;
extern "C" void request_stop(int) { g_stop_requested = 1; }
using acsconf::runner::Outcome;

struct RunArgs {
    std::string endpoint;
    std::vector<std::string> vectors;
    std::string filter;
    std::string report_dir;
    std::string format = "json";
    std::string deviation;
    bool live = false;
};

// What the selected vectors' `given` steps will create on a real endpoint, so a person can say no.
void print_live_plan(std::ostream& out, const std::string& spec, const acsconf::runner::LoadResult& loaded,
                     const std::string& filter) {
    std::map<std::string, std::size_t> creations;
    std::size_t selected = 0;
    for (const auto* test : loaded.tests()) {
        if (!filter.empty() && !acsconf::runner::glob_match(filter, test->vector_id)) continue;
        ++selected;
        for (const auto& step : test->given)
            if (step.contains("call") && step["call"].is_string()) {
                const std::string action = step["call"].get<std::string>();
                if (action.starts_with("Create") || action.starts_with("Attach")) ++creations[action];
            }
    }
    out << "acsconf run: " << selected << " vector(s) on " << spec
        << ". Their set-up will make, each named with this run's id and removed again after its vector:\n";
    for (const auto& [action, count] : creations) out << "  " << std::setw(5) << count << " x " << action << "\n";
}

void print_tally_row(std::ostream& out, const std::string& label, const acsconf::runner::OutcomeTally& t, std::size_t width) {
    out << "  " << std::left << std::setw(static_cast<int>(width)) << label << std::right << std::setw(6) << t.pass
        << std::setw(6) << t.fail << std::setw(6) << t.error << std::setw(6) << t.skip << "\n";
}

void print_summary(std::ostream& out, const acsconf::runner::RunResult& run) {
    const auto summary = acsconf::runner::summarize_run(run);
    std::size_t width = 8;
    for (const auto& [rule, tally] : summary.by_rule) width = std::max(width, rule.size() + 2);
    out << "\nper rule:\n  " << std::left << std::setw(static_cast<int>(width)) << "rule" << std::right << std::setw(6)
        << "pass" << std::setw(6) << "fail" << std::setw(6) << "error" << std::setw(6) << "skip" << "\n";
    for (const auto& [rule, tally] : summary.by_rule) print_tally_row(out, rule, tally, width);
    print_tally_row(out, "total", summary.outcomes, width);

    bool header = false;
    for (const auto& v : run.vectors) {
        if (v.outcome == Outcome::Pass) continue;
        if (!header) out << "\nnot passed:\n";
        header = true;
        out << "  " << acsconf::runner::outcome_name(v.outcome) << "  " << v.vector_id << " (" << v.file << ":" << v.line
            << ")\n        " << v.reason << "\n";
    }
    out << "\n" << summary.outcomes.total() << " vectors: " << summary.outcomes.pass << " pass, " << summary.outcomes.fail
        << " fail, " << summary.outcomes.error << " error, " << summary.outcomes.skip << " skip (endpoint " << run.endpoint
        << ", run " << run.run_id << ")\n";
}

void write_reports(const acsconf::runner::RunResult& run, const std::string& dir) {
#ifdef ACSCONF_REPORTS_AVAILABLE
    acsconf::reports::write_report_dir(run, dir);
    std::cout << "reports written to " << dir << "/ (result.json, junit.xml, report.html, summary.md)\n";
#else
    (void)run;
    throw CLI::ValidationError("--report-dir", "this build has no reports layer (acsconf_reports); cannot write " + dir);
#endif
}

int run_command(const RunArgs& args) {
    using namespace acsconf::cli;
    if (!args.deviation.empty()) {
        const auto& catalogue = acsconf::model::deviation_catalogue();
        if (std::none_of(catalogue.begin(), catalogue.end(), [&](const auto& d) { return d.id == args.deviation; })) {
            std::cerr << "acsconf run: unknown --deviation '" << args.deviation << "' (see acsconf deviations)\n";
            return kExitUsage;
        }
    }
    EndpointOptions endpoint_options;
    endpoint_options.model.deviation = args.deviation;
    endpoint_options.format = args.format == "xml" ? acsconf::harness::Format::Xml : acsconf::harness::Format::Json;
    const std::string spec = args.endpoint.empty() ? default_endpoint_spec() : args.endpoint;

    acsconf::runner::LoadResult loaded;
    try {
        loaded = load_vectors(vector_sources(args.vectors));
    } catch (const std::exception& e) {
        std::cerr << "acsconf run: " << e.what() << "\n";
        return kExitUsage;
    }
    print_problems(std::cerr, loaded.problems);

    BuiltEndpoint built;
    try {
        built = make_endpoint(spec, endpoint_options);
    } catch (const std::exception& e) {
        std::cerr << "acsconf run: " << e.what() << "\n";
        return kExitUsage;
    }

    if (built.remote) {
        print_live_plan(std::cerr, spec, loaded, args.filter);
        if (!args.live) {
            std::cerr << "acsconf run: endpoint '" << spec << "' is not on this machine; nothing was sent. "
                      << "Add --live to create and remove the resources above there.\n";
            return kExitUsage;
        }
    }

    acsconf::runner::RunOptions options;
    options.filter = args.filter;
    options.format = endpoint_options.format;
    options.signature_version = built.signature_version;
    options.acsconf_version = ACSCONF_VERSION_STRING;
    const bool on_terminal = isatty(fileno(stderr)) != 0;
    acsconf::runner::OutcomeTally tally;
    options.progress = [&](const acsconf::runner::VectorResult& v, std::size_t done, std::size_t total) {
        tally.add(v.outcome);
        if (on_terminal) {
            std::cerr << "\r[" << done << "/" << total << "] pass " << tally.pass << "  fail " << tally.fail << "  error "
                      << tally.error << "  skip " << tally.skip << std::flush;
            if (done == total) std::cerr << "\n";
        } else {
            std::cout << acsconf::runner::outcome_name(v.outcome) << " " << v.vector_id << "\n";
        }
    };
    options.should_stop = [] { return g_stop_requested != 0; };
    std::signal(SIGINT, request_stop);
    std::signal(SIGTERM, request_stop);
    const auto run = acsconf::runner::run_vectors(loaded, *built.endpoint, options);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    if (g_stop_requested != 0)
        std::cerr << "acsconf run: interrupted after " << run.vectors.size() << " vector(s); their fixtures were removed\n";
    if (run.vectors.empty()) {
        // An empty selection must not look like a green run in CI.
        std::cerr << "acsconf run: no vector matches filter '" << args.filter << "' (acsconf list shows the ids)\n";
        return kExitUsage;
    }
    print_summary(std::cout, run);
    if (!args.report_dir.empty()) {
        try {
            write_reports(run, args.report_dir);
        } catch (const std::exception& e) {
            std::cerr << "acsconf run: cannot write reports: " << e.what() << "\n";
            return kExitUsage;
        }
    }
    if (!loaded.problems.empty()) {
        std::cerr << "acsconf run: " << loaded.problems.size() << " problem(s) in the vector files (see above; acsconf lint)\n";
        return kExitUsage;
    }
    const int verdict = acsconf::runner::run_exit_code(run);
    // An interrupted run judged only part of the vectors: never report it as green.
    if (g_stop_requested != 0 && verdict == kExitOk) return kExitCouldNotJudge;
    return verdict;
}

const acsconf::cli::CommandRegistration kRun{
    "run", "Run the conformance vectors on an endpoint", [](CLI::App& sub) -> acsconf::cli::CommandAction {
        auto args = std::make_shared<RunArgs>();
        sub.add_option("--endpoint", args->endpoint,
                       "inprocess, mock, http(s)://URL or replay:FILE (default: mock when built, else inprocess)");
        sub.add_option("--vectors", args->vectors, "vector files or directories (default: $ACSCONF_VECTORS or the suite's vectors)");
        sub.add_option("--filter", args->filter, "glob on vector ids, e.g. '*UserName*'");
        sub.add_option("--report-dir", args->report_dir, "write result.json, junit.xml, report.html and summary.md here");
        sub.add_option("--format", args->format, "wire format asked of the endpoint")->check(CLI::IsMember({"json", "xml"}));
        sub.add_flag("--live", args->live, "allow an endpoint off this machine (the real cloud): creates and removes real resources");
        sub.add_option("--deviation", args->deviation, "break one rule on purpose (model-based endpoints; see acsconf deviations)");
        return [args] { return run_command(*args); };
    }};

}  // namespace
