// The per-key predicates and expected_codes that both the runner's verdict and the reports use
// (acsconf/runner/matching.hpp): one vocabulary, so each is checked here once.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acsconf/runner/matching.hpp"

using namespace acsconf::runner;
using nlohmann::json;
using ::testing::ElementsAre;

TEST(MatchPredicates, AlternativesAreTheAnyOfEntriesOrTheBlockItself) {
    const json single = {{"code", "A"}};
    EXPECT_THAT(expect_alternatives(single), ElementsAre(single));
    const json any = {{"anyOf", json::array({{{"code", "A"}}, {{"code", "B"}}})}};
    EXPECT_THAT(expect_alternatives(any), ElementsAre(json{{"code", "A"}}, json{{"code", "B"}}));
}

TEST(MatchPredicates, StatusAndStatusClass) {
    EXPECT_TRUE(status_matches({{"status", 404}}, 404));
    EXPECT_FALSE(status_matches({{"status", 404}}, 400));
    EXPECT_TRUE(status_matches({{"statusClass", "4xx"}}, 409));
    EXPECT_FALSE(status_matches({{"statusClass", "4xx"}}, 503));
    EXPECT_TRUE(status_matches({{"code", "X"}}, 500));  // unconstrained
}

TEST(MatchPredicates, CodeAndCodeMatches) {
    EXPECT_TRUE(code_matches({{"code", "EntityNotExist.User"}}, "EntityNotExist.User"));
    EXPECT_FALSE(code_matches({{"code", "EntityNotExist.User"}}, "EntityNotExist.Policy"));
    EXPECT_TRUE(code_matches({{"codeMatches", "^Missing"}}, "MissingUserName"));
    EXPECT_FALSE(code_matches({{"codeMatches", "^Missing"}}, "InvalidParameter"));
    EXPECT_FALSE(code_matches({{"codeMatches", "("}}, "("));  // a bad pattern matches nothing
    EXPECT_TRUE(code_matches({{"status", 200}}, "Anything"));
}

TEST(MatchPredicates, MessagesAreLooseAndAnyOfTheList) {
    const json alt = {{"messages", json::array({"Other.", "The user does not exist."})}};
    EXPECT_TRUE(messages_match(alt, "the  user DOES not exist. Resource: x"));
    EXPECT_FALSE(messages_match(alt, "The policy does not exist."));
    EXPECT_TRUE(messages_match({{"code", "X"}}, "whatever"));
}

TEST(MatchPredicates, ExpectedCodesOncePerAlternativeInOrder) {
    const json expect = {{"anyOf", json::array({{{"code", "B"}},
                                                {{"code", ""}},
                                                {{"codeMatches", "^Inv"}},
                                                {{"statusClass", "2xx"}},
                                                {{"status", 500}},
                                                {{"code", "B"}}})}};
    EXPECT_THAT(expected_codes(expect), ElementsAre("B", "(success)", "~^Inv"));
    EXPECT_THAT(expected_codes({{"code", "EntityNotExist.User"}}), ElementsAre("EntityNotExist.User"));
}
