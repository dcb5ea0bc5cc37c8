// `acsconf list [--filter P]`: one line per vector: id, expected result, rules.
#include <iostream>
#include <memory>

#include "acsconf/runner/run.hpp"
#include "command_registry.hpp"
#include "vector_source.hpp"

namespace {

struct ListArgs {
    std::vector<std::string> vectors;
    std::string filter;
};

int list(const ListArgs& args) {
    const auto loaded = acsconf::cli::load_vectors(acsconf::cli::vector_sources(args.vectors));
    acsconf::cli::print_problems(std::cerr, loaded.problems);
    for (const auto* test : loaded.tests()) {
        if (!args.filter.empty() && !acsconf::runner::glob_match(args.filter, test->vector_id)) continue;
        std::cout << test->vector_id << "\t" << test->result << "\t";
        for (std::size_t i = 0; i < test->rules.size(); ++i) std::cout << (i ? "," : "") << test->rules[i];
        std::cout << "\n";
    }
    return loaded.problems.empty() ? acsconf::cli::kExitOk : acsconf::cli::kExitUsage;
}

const acsconf::cli::CommandRegistration kList{
    "list", "List the vectors (id, expected result, rules)", [](CLI::App& sub) -> acsconf::cli::CommandAction {
        auto args = std::make_shared<ListArgs>();
        sub.add_option("--vectors", args->vectors, "vector files or directories (default: $ACSCONF_VECTORS or the suite's vectors)");
        sub.add_option("--filter", args->filter, "glob on vector ids, e.g. '*UserName*'");
        return [args] { return list(*args); };
    }};

}  // namespace
