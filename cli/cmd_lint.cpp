// `acsconf lint [FILE...] [--coverage]`: schema + lint of vector files, optionally catalogue coverage.
#include <iostream>
#include <memory>

#include "acsconf/runner/vectors.hpp"
#include "command_registry.hpp"
#include "vector_source.hpp"

namespace {

struct LintArgs {
    std::vector<std::string> files;
    bool coverage = false;
};

int lint(const LintArgs& args) {
    const auto loaded = acsconf::cli::load_vectors(acsconf::cli::vector_sources(args.files));
    auto problems = loaded.problems;
    if (args.coverage) {
        const auto missing = acsconf::runner::coverage_problems(loaded);
        problems.insert(problems.end(), missing.begin(), missing.end());
    }
    acsconf::cli::print_problems(std::cerr, problems);
    std::cout << loaded.files.size() << " file(s), " << loaded.tests().size() << " usable test(s), "
              << problems.size() << " problem(s)" << (args.coverage ? " (coverage checked)" : "") << "\n";
    return problems.empty() ? acsconf::cli::kExitOk : acsconf::cli::kExitUsage;
}

const acsconf::cli::CommandRegistration kLint{
    "lint", "Check vector files: schema, duplicate tcId/name, numberOfTests, flags, rule ids",
    [](CLI::App& sub) -> acsconf::cli::CommandAction {
        auto args = std::make_shared<LintArgs>();
        sub.add_option("files", args->files, "vector files or directories (default: the suite's vectors)");
        sub.add_flag("--coverage", args->coverage,
                     "also require a vector for every catalogue rule and documented error code of both operations");
        return [args] { return lint(*args); };
    }};

}  // namespace
