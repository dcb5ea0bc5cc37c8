#include "vector_source.hpp"

#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <system_error>

namespace acsconf::cli {

namespace {

// The built-in vectors directory, relative to the working directory when it lies below it: reports
// and messages then name "vectors/..." rather than one machine's checkout (a committed baseline too).
std::string default_vectors_dir() {
    const std::filesystem::path dir = ACSCONF_DEFAULT_VECTORS_DIR;
    std::error_code ec;
    const auto cwd = std::filesystem::current_path(ec);
    if (ec) return dir.string();
    const auto relative = std::filesystem::relative(dir, cwd, ec);
    if (ec || relative.empty() || *relative.begin() == "..") return dir.string();
    return relative.string();
}

}  // namespace

std::vector<std::string> vector_sources(const std::vector<std::string>& from_flag) {
    if (!from_flag.empty()) return from_flag;
    if (const char* env = std::getenv("ACSCONF_VECTORS"); env != nullptr && *env != '\0') return {env};
    return {default_vectors_dir()};
}

runner::LoadResult load_vectors(const std::vector<std::string>& sources) {
    std::vector<std::filesystem::path> paths(sources.begin(), sources.end());
    return runner::load_vector_files(runner::expand_vector_paths(paths));
}

void print_problems(std::ostream& out, const std::vector<runner::Problem>& problems) {
    for (const auto& problem : problems) out << problem.to_string() << "\n";
}

}  // namespace acsconf::cli
