// Where the CLI finds vector files and how it reports problems in them (shared by run/list/lint).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "acsconf/runner/vectors.hpp"

namespace acsconf::cli {

// --vectors if given, else $ACSCONF_VECTORS, else the source tree's vectors/ (compiled in; relative to the
// working directory when below it).
std::vector<std::string> vector_sources(const std::vector<std::string>& from_flag);

// Expands and loads; a missing path throws std::runtime_error (the caller exits 2).
runner::LoadResult load_vectors(const std::vector<std::string>& sources);

// One "file:line: tcId N (pointer): message" line per problem.
void print_problems(std::ostream& out, const std::vector<runner::Problem>& problems);

}  // namespace acsconf::cli
