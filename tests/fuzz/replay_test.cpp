// Every stored fuzz input must still pass its target's properties: the files under
// fuzz/regressions/<target>/ (crashes found and fixed; a file there that aborts is a regression) and
// the seed corpus generated from vectors/*.json.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "corpus.hpp"
#include "targets.hpp"

namespace fs = std::filesystem;
using acsconf::fuzz::Target;

namespace {

const acsconf::fuzz::Corpus& vector_corpus() {
    static const acsconf::fuzz::Corpus corpus = acsconf::fuzz::corpus_from_vectors({ACSCONF_VECTORS_DIR});
    return corpus;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int run(const Target& target, const std::string& input) {
    return target.run(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
}

class Replay : public testing::TestWithParam<Target> {};

TEST_P(Replay, StoredRegressionInputsKeepTheirProperties) {
    const Target& target = GetParam();
    const fs::path dir = fs::path(ACSCONF_FUZZ_REGRESSIONS_DIR) / std::string(target.name);
    std::size_t replayed = 0;
    if (fs::is_directory(dir)) {
        for (const auto& entry : fs::directory_iterator(dir)) {
            if (!entry.is_regular_file() || entry.path().filename().string().front() == '.') continue;
            if (entry.path().extension() == ".md") continue;  // notes on what each input found
            SCOPED_TRACE(entry.path().string());
            EXPECT_EQ(run(target, read_file(entry.path())), 0);
            ++replayed;
        }
    }
    RecordProperty("replayed", static_cast<int>(replayed));
}

TEST_P(Replay, GeneratedSeedCorpusKeepsItsProperties) {
    const Target& target = GetParam();
    const auto& seeds = vector_corpus().seeds;
    const auto found = seeds.find(std::string(target.name));
    ASSERT_TRUE(found != seeds.end() && !found->second.empty())
        << "no seed generated from vectors/*.json for " << target.name;
    for (std::size_t i = 0; i < found->second.size(); ++i) {
        SCOPED_TRACE("seed " + std::to_string(i));
        EXPECT_EQ(run(target, found->second[i]), 0);
    }
}

// The empty input and a few degenerate ones are where decoders most often slip.
TEST_P(Replay, DegenerateInputsKeepTheirProperties) {
    const Target& target = GetParam();
    for (const std::string& input : {std::string(), std::string(1, '\0'), std::string(64, '\xff'),
                                     std::string("\\\\\\"), std::string(300, 'a')}) {
        SCOPED_TRACE("input of " + std::to_string(input.size()) + " bytes");
        EXPECT_EQ(run(target, input), 0);
    }
}

INSTANTIATE_TEST_SUITE_P(EveryTarget, Replay, testing::ValuesIn(acsconf::fuzz::all_targets()),
                         [](const testing::TestParamInfo<Target>& param_info) { return std::string(param_info.param.name); });

}  // namespace
