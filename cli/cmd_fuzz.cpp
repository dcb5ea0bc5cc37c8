// `acsconf fuzz`: fuzz an endpoint's validation against the model (conformance/runner endpoint_fuzz.hpp).
//   acsconf fuzz --endpoint SPEC [--seconds N] [--seed N] [--out DIR] [--jobs N] [--max-rps R] [--live]
// Exit: 0 no disagreement, 1 disagreement (each written to DIR as a vector file), 2 usage,
// 3 the endpoint could not be judged.
#include <csignal>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>

#include "acsconf/harness/rate_limit.hpp"
#include "acsconf/model/account.hpp"
#include "acsconf/runner/endpoint_fuzz.hpp"
#include "command_registry.hpp"
#include "endpoint_factory.hpp"
#include "vector_source.hpp"

namespace acsconf::cli {
namespace {

volatile std::sig_atomic_t g_fuzz_stop = 0;
extern "C" void request_fuzz_stop(int) { g_fuzz_stop = 1; }

struct FuzzArgs {
    std::string endpoint;
    long seconds = 60;
    std::uint64_t seed = 1;
    std::string out = "fuzz-findings";
    unsigned jobs = 1;
    std::size_t max_findings = 1;
    double max_rps = 0;
    std::string deviation;
    std::string format = "json";
    std::vector<std::string> vectors;
    bool live = false;
};

int fuzz_command(const FuzzArgs& args) {
    if (!args.deviation.empty() && !model::Account::known_deviation(args.deviation)) {
        std::cerr << "acsconf fuzz: unknown --deviation '" << args.deviation << "' (see acsconf deviations)\n";
        return kExitUsage;
    }
    runner::LoadResult loaded;
    try {
        loaded = load_vectors(vector_sources(args.vectors));
    } catch (const std::exception& e) {
        std::cerr << "acsconf fuzz: " << e.what() << "\n";
        return kExitUsage;
    }
    if (!loaded.problems.empty()) {
        print_problems(std::cerr, loaded.problems);
        return kExitUsage;
    }
    EndpointOptions endpoint_options;
    endpoint_options.model.deviation = args.deviation;
    // One limiter for every job (HTTP endpoints honour it), as `acsconf run --max-rps` does.
    if (args.max_rps > 0) endpoint_options.rate_limiter = std::make_shared<harness::RateLimiter>(args.max_rps);
    endpoint_options.format = args.format == "xml" ? harness::Format::Xml : harness::Format::Json;
    const std::string spec = args.endpoint.empty() ? default_endpoint_spec() : args.endpoint;

    std::vector<BuiltEndpoint> built;
    try {
        for (unsigned i = 0; i < std::max(1u, args.jobs); ++i) built.push_back(make_endpoint(spec, endpoint_options));
    } catch (const std::exception& e) {
        std::cerr << "acsconf fuzz: " << e.what() << "\n";
        return kExitUsage;
    }
    if (built.front().remote) {
        std::cerr << "acsconf fuzz: " << args.jobs << " job(s) on " << spec << ". Each creates one RAM user named "
                  << "<run id>-fz, attaches ReadOnlyAccess and VODAppReadOnlyAccess (app-1000000) to it, sends calls "
                  << "naming only that user, and removes all of it at the end.\n";
        if (!args.live) {
            std::cerr << "acsconf fuzz: endpoint '" << spec << "' is not on this machine; nothing was sent. Add --live "
                      << "(and consider --max-rps).\n";
            return kExitUsage;
        }
    }
    // The findings' directory is made before anything is sent: a finding must never be lost to it.
    {
        std::error_code ec;
        std::filesystem::create_directories(args.out, ec);
        if (ec || !std::filesystem::is_directory(args.out)) {
            std::cerr << "acsconf fuzz: --out '" << args.out << "' is not a directory that can be written ("
                      << (ec ? ec.message() : std::string("it exists and is not a directory")) << ")\n";
            return kExitUsage;
        }
    }
    std::size_t next = 0;
    std::mutex take;
    const runner::EndpointMaker maker = [&]() -> std::unique_ptr<harness::Endpoint> {
        std::lock_guard lock(take);
        return std::move(built.at(next++).endpoint);
    };

    runner::EndpointFuzzOptions options;
    options.duration = std::chrono::seconds(args.seconds);
    options.seed = args.seed;
    options.out_dir = args.out;
    options.jobs = std::max(1u, args.jobs);
    options.max_findings = args.max_findings;
    options.format = endpoint_options.format;
    options.endpoint_spec = spec + (args.deviation.empty() ? "" : " --deviation " + args.deviation);
    options.should_stop = [] { return g_fuzz_stop != 0; };
    options.log = [](const std::string& line) { std::cerr << "acsconf fuzz: " << line << "\n"; };

    std::signal(SIGINT, request_fuzz_stop);
    std::signal(SIGTERM, request_fuzz_stop);
    const runner::EndpointFuzzReport report = runner::fuzz_endpoint(maker, loaded.tests(), options);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);

    std::cout << "acsconf fuzz: " << report.calls << " calls to " << spec << ", " << report.findings.size()
              << " disagreement(s), " << report.transport_errors << " without a judgeable answer\n";
    for (const auto& finding : report.findings)
        std::cout << "  " << finding.file.string() << (finding.reproduced ? "" : " (NOT reproduced by acsconf run)")
                  << "\n    " << finding.summary << "\n    replay: acsconf run --endpoint " << spec
                  << (args.deviation.empty() ? "" : " --deviation " + args.deviation)
                  << (args.format == "xml" ? " --format xml" : "") << " --vectors "
                  << finding.file.string() << "\n";
    if (report.could_not_judge) std::cerr << "acsconf fuzz: the endpoint could not be judged: " << report.problem << "\n";
    const int code = runner::fuzz_exit_code(report);
    if (g_fuzz_stop != 0 && code == kExitOk) return kExitCouldNotJudge;  // interrupted: not a clean bill
    return code;
}

const CommandRegistration kFuzz{
    "fuzz", "Fuzz an endpoint's validation against the model; each disagreement becomes a vector file",
    [](CLI::App& sub) -> CommandAction {
        auto args = std::make_shared<FuzzArgs>();
        sub.footer(acsconf::cli::known_endpoints_help());
        sub.add_option("--endpoint", args->endpoint, "inprocess, mock, http(s)://URL or plugin:/path/lib.so (default: mock)");
        sub.add_option("--seconds", args->seconds, "how long to fuzz")->check(CLI::Range(1L, 7L * 24 * 3600))->capture_default_str();
        sub.add_option("--seed", args->seed, "random seed (same seed, same calls)")->capture_default_str();
        sub.add_option("--out", args->out, "directory for the findings (one vector file each)")->capture_default_str();
        sub.add_option("--jobs", args->jobs, "workers at once, each with its own endpoint and fixture")
            ->check(CLI::Range(1u, 64u))->capture_default_str();
        sub.add_option("--max-findings", args->max_findings, "stop after this many distinct disagreements")
            ->check(CLI::Range(std::size_t{1}, std::size_t{1000}))->capture_default_str();
        sub.add_option("--max-rps", args->max_rps, "at most this many calls per second, all jobs together (0: no limit)")
            ->check(CLI::Range(0.0, 1e6));
        sub.add_option("--deviation", args->deviation, "break one rule on purpose (model-based endpoints): a self-test");
        sub.add_option("--format", args->format, "wire format asked of the endpoint")->check(CLI::IsMember({"json", "xml"}));
        sub.add_option("--vectors", args->vectors, "vector files whose parameter values seed the mutations");
        sub.add_flag("--live", args->live, "allow an endpoint off this machine: creates and removes one user per job there");
        return [args] { return fuzz_command(*args); };
    }};

}  // namespace
}  // namespace acsconf::cli
