// One full conformance run in-process: every vector of vectors/*.json executed against the model
// (fixtures, request, matching, then-checks, teardown), loaded once. Reports vectors per second.
#include <benchmark/benchmark.h>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/runner/run.hpp"
#include "acsconf/runner/vectors.hpp"

namespace {

using namespace acsconf;

void BM_LoadVectors(benchmark::State& state) {
    const auto paths = runner::expand_vector_paths({ACSCONF_VECTORS_DIR});
    for (auto _ : state) benchmark::DoNotOptimize(runner::load_vector_files(paths));
}
BENCHMARK(BM_LoadVectors)->Unit(benchmark::kMillisecond);

void BM_FullSuiteInProcess(benchmark::State& state) {
    const auto loaded = runner::load_vector_files(runner::expand_vector_paths({ACSCONF_VECTORS_DIR}));
    if (!loaded.problems.empty()) {
        state.SkipWithError(loaded.problems.front().to_string().c_str());
        return;
    }
    std::size_t vectors = 0;
    std::size_t passed = 0;
    for (auto _ : state) {
        auto endpoint = harness::make_inprocess_endpoint();
        const runner::RunResult result = runner::run_vectors(loaded, *endpoint);
        vectors += result.vectors.size();
        for (const auto& vector : result.vectors) passed += vector.outcome == runner::Judgement::Pass;
    }
    state.counters["vectors/s"] = benchmark::Counter(static_cast<double>(vectors), benchmark::Counter::kIsRate);
    state.counters["pass_ratio"] = vectors ? static_cast<double>(passed) / static_cast<double>(vectors) : 0.0;
}
BENCHMARK(BM_FullSuiteInProcess)->Unit(benchmark::kMillisecond);

}  // namespace
