// The seed encoders must be exact inverses of what the targets read with FuzzedDataProvider, or the
// generated corpus silently tests something else than the vectors say.
#include <string>

#include <fuzzer/FuzzedDataProvider.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "check.hpp"
#include "corpus.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace {

using acsconf::fuzz::FdpWriter;
using acsconf::model::Call;
using acsconf::model::Product;

const std::uint8_t* bytes_of(const std::string& s) { return reinterpret_cast<const std::uint8_t*>(s.data()); }

TEST(FdpWriter, StringsAndIntegersReadBackThroughFuzzedDataProvider) {
    FdpWriter writer;
    writer.byte(0xA5);
    writer.random_length_string("plain", 256);
    writer.boolean(true);
    writer.random_length_string("back\\slash\\\\twice", 256);
    writer.integral_in_range(70000, 5, 1u << 20);  // needs three bytes of range
    writer.random_length_string("", 256);
    writer.random_length_string("exactly8", 8);  // at max_length: no terminator is written
    writer.random_length_string("after", 256);
    const std::string data = writer.bytes();

    FuzzedDataProvider reader(bytes_of(data), data.size());
    EXPECT_EQ(reader.ConsumeIntegral<std::uint8_t>(), 0xA5);
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), "plain");
    EXPECT_TRUE(reader.ConsumeBool());
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), "back\\slash\\\\twice");
    EXPECT_EQ(reader.ConsumeIntegralInRange<std::uint32_t>(5, 1u << 20), 70000u);
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), "");
    EXPECT_EQ(reader.ConsumeRandomLengthString(8), "exactly8");
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), "after");
    EXPECT_EQ(reader.remaining_bytes(), 0u);
}

TEST(FdpWriter, OverlongStringIsCutAtMaxLength) {
    FdpWriter writer;
    writer.random_length_string(std::string(300, 'x'), 256);
    writer.random_length_string("next", 256);
    const std::string data = writer.bytes();
    FuzzedDataProvider reader(bytes_of(data), data.size());
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), std::string(256, 'x'));
    EXPECT_EQ(reader.ConsumeRandomLengthString(256), "next");
}

TEST(ValidatorSeeds, RamCallsRoundTrip) {
    for (const char* caller : {"main", "unprivileged"}) {
        Call call{Product::Ram, "DetachPolicyFromUser",
                  {{"UserName", "a\\b"}, {"PolicyType", ""}, {"PolicyName", std::string(200, 'P')}}, caller};
        const std::string input = acsconf::fuzz::encode_ram_validator_input(call);
        ASSERT_FALSE(input.empty());
        const Call decoded = acsconf::fuzz::decode_ram_validator_input(bytes_of(input), input.size());
        EXPECT_EQ(decoded.params, call.params);
        EXPECT_EQ(decoded.caller, call.caller);
        EXPECT_EQ(decoded.action, "DetachPolicyFromUser");
    }
}

TEST(ValidatorSeeds, RamEncoderRefusesCallsTheTargetCannotExpress) {
    EXPECT_EQ(acsconf::fuzz::encode_ram_validator_input(Call{Product::Ram, "DetachPolicyFromUser", {{"Extra", "x"}}}), "");
    EXPECT_EQ(acsconf::fuzz::encode_ram_validator_input(Call{Product::Ram, "CreateUser", {{"UserName", "x"}}}), "");
    EXPECT_EQ(acsconf::fuzz::encode_ram_validator_input(Call{Product::Vod, "DetachPolicyFromUser", {}}), "");
}

TEST(ValidatorSeeds, VodCallsRoundTripWithFixtureIds) {
    Call call{Product::Vod, "DetachAppPolicyFromIdentity",
              {{"IdentityType", "RamUser"}, {"IdentityName", "${uid}"}, {"AppId", "${app}"},
               {"PolicyNames", "VODAppFullAccess,,x"}},
              "unprivileged"};
    const std::string input = acsconf::fuzz::encode_vod_validator_input(call);
    ASSERT_FALSE(input.empty());
    const Call decoded = acsconf::fuzz::decode_vod_validator_input(bytes_of(input), input.size());
    EXPECT_EQ(decoded.params, call.params);
    EXPECT_EQ(decoded.caller, "unprivileged");

    Call literal{Product::Vod, "DetachAppPolicyFromIdentity", {{"IdentityName", "not-a-fixture"}}};
    const std::string literal_input = acsconf::fuzz::encode_vod_validator_input(literal);
    EXPECT_EQ(acsconf::fuzz::decode_vod_validator_input(bytes_of(literal_input), literal_input.size()).params,
              literal.params);
}

TEST(Corpus, EveryVectorRequestOfTheValidatorsBecomesASeed) {
    const auto corpus = acsconf::fuzz::corpus_from_vectors({ACSCONF_VECTORS_DIR});
    EXPECT_TRUE(corpus.problems.empty()) << corpus.problems.front();
    // Most vectors call the operation under test with its own parameters only: those must all be seeds.
    EXPECT_GT(corpus.seeds.at("ram_validator").size(), 50u);
    EXPECT_GT(corpus.seeds.at("vod_validator").size(), 30u);
    for (const auto& seed : corpus.seeds.at("vector_loader")) {
        const auto doc = nlohmann::json::parse(seed);
        EXPECT_EQ(doc.at("numberOfTests"), 1);
        EXPECT_EQ(doc.at("testGroups").size(), 1u);
    }
    const auto& dict = corpus.dictionary.at("ram_validator");
    EXPECT_TRUE(dict.count("UserName") && dict.count("DetachPolicyFromUser") && dict.count("ReadOnlyAccess"));
    EXPECT_TRUE(corpus.dictionary.at("vod_validator").count("VODAppAdministratorAccess"));
}

TEST(Corpus, DictionaryLinesEscapeQuotesBackslashesAndBytes) {
    EXPECT_EQ(acsconf::fuzz::dictionary_line("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(acsconf::fuzz::dictionary_line(std::string("\0\xff\r", 3)), R"("\x00\xFF\x0D")");
}

TEST(CheckMacro, ABrokenPropertyAbortsNamingIt) {
    EXPECT_DEATH(ACSCONF_FUZZ_CHECK(1 + 1 == 3, "arithmetic holds"),
                 "acsconf fuzz property violated at .*: arithmetic holds");
}

}  // namespace
