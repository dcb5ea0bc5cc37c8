// parse_json_text: every malformed document, and every number out of range, names origin:line:column.
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "acsconf/harness/json_text.hpp"

namespace {

using acsconf::harness::JsonExcerpt;
using acsconf::harness::JsonTextError;
using acsconf::harness::parse_json_text;
using ::testing::HasSubstr;
using ::testing::Not;

JsonTextError error_of(const std::string& text, JsonExcerpt excerpt = JsonExcerpt::Quote) {
    try {
        parse_json_text(text, "dir/file.json", excerpt);
    } catch (const JsonTextError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << text;
    return JsonTextError("", 0, 0, "");
}

TEST(JsonText, ParsesAGoodDocument) { EXPECT_EQ(parse_json_text(R"({"a": [1, 2.5]})", "x")["a"][1], 2.5); }

TEST(JsonText, NumberBeyondDoubleRangeNamesFileLineAndToken) {
    // The vector_loader finding: nlohmann throws out_of_range 406 with no position at all.
    const auto e = error_of("1E9898");
    EXPECT_EQ(e.line, 1);
    EXPECT_THAT(e.what(), HasSubstr("dir/file.json:1:"));
    EXPECT_THAT(e.reason, HasSubstr("number out of range"));
    EXPECT_THAT(e.reason, HasSubstr("1E9898"));
    const auto nested = error_of("{\n  \"a\": 1,\n  \"big\": -2e400\n}");
    EXPECT_EQ(nested.line, 3);
    EXPECT_THAT(nested.what(), HasSubstr("dir/file.json:3:"));
}

TEST(JsonText, SyntaxErrorsNameTheirLineAndColumn) {
    const auto e = error_of("{\n  \"a\": 1,\n  \"b\": tru\n}");
    EXPECT_EQ(e.line, 3);
    EXPECT_GT(e.column, 1);
    EXPECT_THAT(e.what(), HasSubstr("dir/file.json:3:"));
    EXPECT_THAT(e.reason, Not(HasSubstr("json.exception")));  // our words, not nlohmann's prefix
    EXPECT_EQ(error_of("").line, 1);
    EXPECT_EQ(error_of("{} x").line, 1);                        // trailing garbage
    EXPECT_EQ(error_of("[\"\xff\"]").line, 1);                  // invalid UTF-8 in a string
    EXPECT_EQ(error_of("[1,\n2,\n").line, 3);                    // truncated
}

TEST(JsonText, OmitKeepsTheBytesOut) {
    const auto e = error_of("{\"secret\": \"s3cr3t\" 1E9898}", JsonExcerpt::Omit);
    EXPECT_THAT(e.what(), Not(HasSubstr("s3cr3t")));
    EXPECT_THAT(e.what(), HasSubstr("dir/file.json:1:"));
    const auto overflow = error_of("[1E9898]", JsonExcerpt::Omit);
    EXPECT_THAT(overflow.reason, HasSubstr("number out of range"));
    EXPECT_THAT(overflow.what(), Not(HasSubstr("9898")));
}

}  // namespace
