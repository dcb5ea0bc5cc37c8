#include "vector_source.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>

namespace acsconf::cli {

std::vector<std::string> vector_sources(const std::vector<std::string>& from_flag) {
    if (!from_flag.empty()) return from_flag;
    if (const char* env = std::getenv("ACSCONF_VECTORS"); env != nullptr && *env != '\0') return {env};
    return {ACSCONF_DEFAULT_VECTORS_DIR};
}

runner::LoadResult load_vectors(const std::vector<std::string>& sources) {
    std::vector<std::filesystem::path> paths(sources.begin(), sources.end());
    return runner::load_vector_files(runner::expand_vector_paths(paths));
}

void print_problems(std::ostream& out, const std::vector<runner::Problem>& problems) {
    for (const auto& problem : problems) out << problem.to_string() << "\n";
}

}  // namespace acsconf::cli
