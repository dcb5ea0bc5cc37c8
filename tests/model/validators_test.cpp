// The per-rule validators: boundaries on both sides, every allowed special character, raw bytes.
#include <string>

#include <gtest/gtest.h>

#include "acsconf/model/validators.hpp"

namespace acsconf::model {
namespace {

const std::string kCjk = "\xe7\x94\xa8";  // U+7528, 3 bytes

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

TEST(Utf8, CountsCodePointsNotBytes) {
    EXPECT_EQ(utf8_code_points("abc"), 3u);
    EXPECT_EQ(utf8_code_points("\xc3\xa9"), 1u);          // é
    EXPECT_EQ(utf8_code_points(kCjk + kCjk), 2u);
    EXPECT_EQ(utf8_code_points("\xf0\x9f\x98\x80"), 1u);  // U+1F600
    EXPECT_EQ(utf8_code_points(""), 0u);
}

TEST(Utf8, RejectsMalformedSequences) {
    EXPECT_FALSE(utf8_code_points("\xc3\x28"));          // bad continuation
    EXPECT_FALSE(utf8_code_points("\xc0\xaf"));          // overlong '/'
    EXPECT_FALSE(utf8_code_points("\xed\xa0\x80"));      // surrogate U+D800
    EXPECT_FALSE(utf8_code_points("\xe4\xb8"));          // truncated at the end
    EXPECT_FALSE(utf8_code_points("\xf4\x90\x80\x80"));  // above U+10FFFF
    EXPECT_FALSE(utf8_code_points("\xff"));
    EXPECT_FALSE(is_valid_utf8("ok\x80"));
}

TEST(Utf8, InvalidBytesAreMeasuredInBytes) {
    EXPECT_EQ(parameter_length("\xc3\x28\xff"), 3u);
    EXPECT_EQ(parameter_length(kCjk), 1u);
}

TEST(UserName, LengthIsOneToSixtyFour) {
    EXPECT_EQ(check_user_name_length(""), "InvalidParameter.UserName.Length");
    EXPECT_EQ(check_user_name_length("a"), std::nullopt);
    EXPECT_EQ(check_user_name_length(std::string(64, 'a')), std::nullopt);
    EXPECT_EQ(check_user_name_length(std::string(65, 'a')), "InvalidParameter.UserName.Length");
    EXPECT_EQ(check_user_name_length(repeat(kCjk, 64)), std::nullopt) << "64 characters of 3 bytes each";
    EXPECT_EQ(check_user_name_length(repeat(kCjk, 65)), "InvalidParameter.UserName.Length");
}

TEST(UserName, CharsAreLettersDigitsAndDotAtUnderscoreHyphen) {
    for (const char* ok : {"abcXYZ019", "a.b", "a@b", "a_b", "a-b", ".@_-"})
        EXPECT_EQ(check_user_name_chars(ok), std::nullopt) << ok;
    for (const std::string& bad : {std::string("a b"), std::string("a/b"), std::string("a+b"), std::string("a!"),
                                  std::string("a\tb"), std::string("a\0b", 3), kCjk, std::string("\xc3\x28"), std::string()})
        EXPECT_EQ(check_user_name_chars(bad), "InvalidParameter.UserName.InvalidChars") << bad;
}

TEST(PolicyName, LengthIsOneToOneHundredTwentyEight) {
    EXPECT_EQ(check_policy_name_length(""), "InvalidParameter.PolicyName.Length");
    EXPECT_EQ(check_policy_name_length(std::string(128, 'p')), std::nullopt);
    EXPECT_EQ(check_policy_name_length(std::string(129, 'p')), "InvalidParameter.PolicyName.Length");
}

TEST(PolicyName, CharsAreLettersDigitsAndHyphenOnly) {
    EXPECT_EQ(check_policy_name_chars("Aliyun-OSS-2"), std::nullopt);
    for (const char* bad : {"a_b", "a.b", "a@b", "a b", "a/b", "\xe7\x94\xa8"})
        EXPECT_EQ(check_policy_name_chars(bad), "InvalidParameter.PolicyName.InvalidChars") << bad;
}

TEST(PolicyType, OnlySystemOrCustomExactly) {
    EXPECT_EQ(check_policy_type("System"), std::nullopt);
    EXPECT_EQ(check_policy_type("Custom"), std::nullopt);
    for (const char* bad : {"", "system", "CUSTOM", "Other", "System ", " Custom"})
        EXPECT_EQ(check_policy_type(bad), "InvalidParameter.PolicyType") << bad;
}

TEST(PolicyDocument, LengthThenJsonObject) {
    EXPECT_EQ(check_policy_document(R"({"Version":"1","Statement":[]})"), std::nullopt);
    EXPECT_EQ(check_policy_document(""), "InvalidParameter.PolicyDocument.Length");
    EXPECT_EQ(check_policy_document("[]"), "MalformedPolicyDocument");
    EXPECT_EQ(check_policy_document("{\"a\":"), "MalformedPolicyDocument");
    EXPECT_EQ(check_policy_document("\"\xc3\x28\""), "MalformedPolicyDocument");
    const std::string at_limit = "{\"k\":\"" + std::string(6144 - 8, 'x') + "\"}";
    ASSERT_EQ(at_limit.size(), 6144u);
    EXPECT_EQ(check_policy_document(at_limit), std::nullopt);
    EXPECT_EQ(check_policy_document("{\"k\":\"" + std::string(6144 - 7, 'x') + "\"}"),
              "InvalidParameter.PolicyDocument.Length");
}

TEST(FixtureParameters, DisplayNameCommentsRoleName) {
    EXPECT_EQ(check_display_name_chars("Alice.B-1@x" + kCjk), std::nullopt);
    EXPECT_EQ(check_display_name_chars("a_b"), "InvalidParameter.DisplayName.InvalidChars");
    EXPECT_EQ(check_display_name_length(std::string(129, 'd')), "InvalidParameter.DisplayName.Length");
    EXPECT_EQ(check_comments_length(std::string(128, 'c')), std::nullopt);
    EXPECT_EQ(check_comments_length(std::string(129, 'c')), "InvalidParameter.Comments.Length");
    EXPECT_EQ(check_role_name_chars("my.role-1"), std::nullopt);
    EXPECT_EQ(check_role_name_chars("my_role"), "InvalidParameter.RoleName.InvalidChars");
    EXPECT_EQ(check_role_name_length(std::string(64, 'r')), std::nullopt);
    EXPECT_EQ(check_role_name_length(std::string(65, 'r')), "InvalidParameter.RoleName.Length");
}

TEST(Vod, IdentityTypeIsRamUserOrRamRole) {
    EXPECT_EQ(check_identity_type("RamUser"), std::nullopt);
    EXPECT_EQ(check_identity_type("RamRole"), std::nullopt);
    for (const char* bad : {"", "ramuser", "RamGroup", "RamUser ", "RamUser,RamRole"})
        EXPECT_EQ(check_identity_type(bad), "InvalidParameter") << bad;
}

TEST(Vod, PolicyNamesSplitOnCommasDroppingEmptyItemsWithoutTrimming) {
    using V = std::vector<std::string>;
    EXPECT_EQ(split_policy_names("A,B"), (V{"A", "B"}));
    EXPECT_EQ(split_policy_names("A,,B,"), (V{"A", "B"}));
    EXPECT_EQ(split_policy_names(",,"), V{});
    EXPECT_EQ(split_policy_names(""), V{});
    EXPECT_EQ(split_policy_names(" A, B"), (V{" A", " B"}));
    EXPECT_EQ(split_policy_names("A,A"), (V{"A", "A"}));
}

TEST(Vod, OnlyTheThreeAppPoliciesAreAppPolicies) {
    EXPECT_TRUE(is_vod_app_policy("VODAppFullAccess"));
    EXPECT_TRUE(is_vod_app_policy("VODAppReadOnlyAccess"));
    EXPECT_TRUE(is_vod_app_policy("VODAppAdministratorAccess"));
    EXPECT_FALSE(is_vod_app_policy("AliyunVODFullAccess"));
    EXPECT_FALSE(is_vod_app_policy("vodappfullaccess"));
}

TEST(Vod, AppNameAndDescription) {
    EXPECT_EQ(check_app_name("my-app.1@x" + kCjk), std::nullopt);
    EXPECT_EQ(check_app_name(""), "InvalidParameter");
    EXPECT_EQ(check_app_name("my app"), "InvalidParameter");
    EXPECT_EQ(check_app_name(std::string(128, 'n')), std::nullopt);
    EXPECT_EQ(check_app_name(std::string(129, 'n')), "InvalidParameter");
    EXPECT_EQ(check_app_description(std::string(512, 'd')), std::nullopt);
    EXPECT_EQ(check_app_description(std::string(513, 'd')), "InvalidParameter");
}

}  // namespace
}  // namespace acsconf::model
