# The fuzz targets' shared code, as a plain static library: the run_<target>() functions, the seed
# encoders and the corpus/dictionary generator. Included from tests/fuzz (every build, so the g++
# replay test runs the very same functions) and from fuzz/ (the clang libFuzzer build).
include_guard(GLOBAL)

# Every target, from its one declaration in fuzz/targets.def: ACSCONF_FUZZ_TARGET(name, max_len).
set(_acsconf_fuzz_dir "${CMAKE_CURRENT_LIST_DIR}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_acsconf_fuzz_dir}/targets.def")
file(STRINGS "${_acsconf_fuzz_dir}/targets.def" _acsconf_fuzz_lines REGEX "^ACSCONF_FUZZ_TARGET\\(")
set(_acsconf_names)
foreach(_line IN LISTS _acsconf_fuzz_lines)
  if(NOT _line MATCHES "^ACSCONF_FUZZ_TARGET\\(([a-z0-9_]+), *([0-9]+)\\)")
    message(FATAL_ERROR "fuzz/targets.def: cannot read '${_line}' (expected ACSCONF_FUZZ_TARGET(name, max_len))")
  endif()
  list(APPEND _acsconf_names "${CMAKE_MATCH_1}")
  set(ACSCONF_FUZZ_MAX_LEN_${CMAKE_MATCH_1} "${CMAKE_MATCH_2}" CACHE INTERNAL "")
endforeach()
set(ACSCONF_FUZZ_TARGET_NAMES ${_acsconf_names} CACHE INTERNAL "acsconf fuzz targets (fuzz/targets.def)")
file(GLOB _acsconf_fuzz_sources CONFIGURE_DEPENDS "${_acsconf_fuzz_dir}/src/*.cpp")

add_library(acsconf_fuzz_targets STATIC ${_acsconf_fuzz_sources})
target_include_directories(acsconf_fuzz_targets PUBLIC "${_acsconf_fuzz_dir}/src" "${_acsconf_fuzz_dir}")
# plugin_differential's default plugin: the example plugin of this build (mock/plugin).
target_compile_definitions(acsconf_fuzz_targets PRIVATE ACSCONF_DEFAULT_PLUGIN="$<TARGET_FILE:acsconf_mock_plugin>")
add_dependencies(acsconf_fuzz_targets acsconf_mock_plugin)
target_link_libraries(acsconf_fuzz_targets
  PUBLIC acsconf_model acsconf_harness acsconf_mock acsconf_runner nlohmann_json::nlohmann_json
  PRIVATE Boost::headers pugixml::pugixml acsconf_warnings)

# <fuzzer/FuzzedDataProvider.h> ships with clang (libclang-rt-14-dev). clang finds it on its own; for
# g++ we expose a copy of that one header (not clang's whole resource dir, whose <stddef.h> etc. would
# shadow gcc's).
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  file(GLOB _acsconf_fdp_candidates
    "/usr/lib/llvm-*/lib/clang/*/include/fuzzer/FuzzedDataProvider.h"
    "/usr/local/lib/clang/*/include/fuzzer/FuzzedDataProvider.h")
  if(NOT _acsconf_fdp_candidates)
    message(FATAL_ERROR "fuzz: <fuzzer/FuzzedDataProvider.h> not found: install libclang-rt-14-dev (scripts/setup.sh does)")
  endif()
  list(SORT _acsconf_fdp_candidates COMPARE NATURAL ORDER DESCENDING)
  list(GET _acsconf_fdp_candidates 0 _acsconf_fdp_header)
  configure_file("${_acsconf_fdp_header}" "${CMAKE_BINARY_DIR}/acsconf_fdp_include/fuzzer/FuzzedDataProvider.h" COPYONLY)
  target_include_directories(acsconf_fuzz_targets SYSTEM PUBLIC "${CMAKE_BINARY_DIR}/acsconf_fdp_include")
endif()

# The vector schema compiled into the fuzz library (vector_loader runs where no source tree exists).
set(_acsconf_vector_schema "${ACSCONF_VECTORS_DIR}/schema/acsconf_vectors_v1.schema.json")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${_acsconf_vector_schema}")
file(READ "${_acsconf_vector_schema}" ACSCONF_VECTOR_SCHEMA_TEXT)
configure_file("${_acsconf_fuzz_dir}/src/schema_text.hpp.in"
  "${CMAKE_BINARY_DIR}/acsconf_fuzz_generated/schema_text.hpp" @ONLY)
target_include_directories(acsconf_fuzz_targets PRIVATE "${CMAKE_BINARY_DIR}/acsconf_fuzz_generated")
