// vector_loader: arbitrary bytes as a vector file → the runner's loader and linter, then the first
// usable tests executed on the in-process model. Properties:
//  - nothing throws (the loader collects problems; execute_vector turns every failure into an outcome);
//  - bytes that are not JSON yield at least one problem and no test;
//  - every problem names the file it came from, has a message and a line inside the file;
//  - every usable test has a positive, unique tcId, a unique name, a vector id and a known result;
//  - an executed test that does not pass says why.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/vectors.hpp"
#include "check.hpp"
#include "schema_text.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

namespace fs = std::filesystem;

// Inputs are written under the system temp dir (the only writable place on OSS-Fuzz bots), next to
// a copy of the vector schema compiled into this binary: the fuzz binary needs no source tree.
struct Workspace {
    fs::path dir;
    fs::path vector_file;
    fs::path schema_file;

    Workspace() {
        dir = fs::temp_directory_path() / ("acsconf-fuzz-vector-loader-" + std::to_string(::getpid()));
        fs::create_directories(dir);
        vector_file = dir / "fuzz_vectors.json";
        schema_file = dir / "acsconf_vectors_v1.schema.json";
        std::ofstream(schema_file, std::ios::binary) << kVectorSchemaText;
    }
    ~Workspace() {
        std::error_code ignored;
        fs::remove_all(dir, ignored);
    }
};

Workspace& workspace() {
    static Workspace instance;
    return instance;
}

int line_count(std::string_view text) {
    int lines = 1;
    for (char c : text) lines += c == '\n';
    return lines;
}

// At most this many tests run per input: executing is far slower than loading.
constexpr std::size_t kTestsExecutedPerInput = 2;

}  // namespace

int run_vector_loader(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Workspace& ws = workspace();
    {
        std::ofstream out(ws.vector_file, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    }
    const std::string path = ws.vector_file.string();

    runner::LoadResult loaded;
    runner::LoadOptions options;
    options.schema = ws.schema_file;
    try {
        loaded = runner::load_vector_files({ws.vector_file}, options);
        (void)runner::coverage_problems(loaded);
    } catch (const std::exception& e) {
        ACSCONF_FUZZ_CHECK(false, "load_vector_files / coverage_problems never throw for bad content");
    }

    const bool is_json = nlohmann::json::accept(bytes);
    if (!is_json) {
        ACSCONF_FUZZ_CHECK(!loaded.problems.empty(), "a file that is not JSON is reported as a problem");
        ACSCONF_FUZZ_CHECK(loaded.tests().empty(), "a file that is not JSON yields no test");
    }
    const int lines = line_count(bytes);
    for (const runner::Problem& problem : loaded.problems) {
        ACSCONF_FUZZ_CHECK(problem.file == path, "a problem names the file it was found in");
        ACSCONF_FUZZ_CHECK(!problem.message.empty(), "a problem says what is wrong");
        ACSCONF_FUZZ_CHECK(problem.line >= 0 && problem.line <= lines, "a problem's line is inside the file");
        ACSCONF_FUZZ_CHECK(problem.to_string().find(path) != std::string::npos, "a problem's text names the file");
    }

    std::set<int> ids;
    std::set<std::string> names;
    for (const runner::TestCase* test : loaded.tests()) {
        ACSCONF_FUZZ_CHECK(test->tc_id > 0, "a usable test has a positive tcId");
        ACSCONF_FUZZ_CHECK(ids.insert(test->tc_id).second, "tcIds of usable tests are unique");
        ACSCONF_FUZZ_CHECK(names.insert(test->name).second, "names of usable tests are unique");
        ACSCONF_FUZZ_CHECK(!test->vector_id.empty(), "a usable test has a vector id");
        ACSCONF_FUZZ_CHECK(test->result == "valid" || test->result == "invalid" || test->result == "acceptable",
                           "a usable test's result is valid, invalid or acceptable");
        ACSCONF_FUZZ_CHECK(test->line >= 1 && test->line <= lines, "a usable test's line is inside the file");
        try {
            (void)runner::codes_in_expect(test->expect);
        } catch (const std::exception&) {
            ACSCONF_FUZZ_CHECK(false, "codes_in_expect never throws on a usable test");
        }
    }

    std::size_t executed = 0;
    for (const runner::TestCase* test : loaded.tests()) {
        if (executed++ == kTestsExecutedPerInput) break;
        auto endpoint = harness::make_inprocess_endpoint();
        runner::ExecOptions exec;
        exec.run_token = [] { return std::string("acsconf000000fuzz1"); };  // a run token's shape (harness/include/acsconf/harness/run_token.hpp)
        runner::VectorResult result;
        try {
            result = runner::execute_vector(*test, *endpoint, exec);
        } catch (const std::exception&) {
            ACSCONF_FUZZ_CHECK(false, "execute_vector never throws");
        }
        if (result.outcome != runner::Judgement::Pass)
            ACSCONF_FUZZ_CHECK(!result.reason.empty(), "a vector that does not pass says why");
        ACSCONF_FUZZ_CHECK(result.vector_id == test->vector_id, "a result names the vector it ran");
    }
    return 0;
}

}  // namespace acsconf::fuzz
