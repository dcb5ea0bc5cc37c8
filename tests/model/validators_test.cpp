// The per-rule validators: boundaries on both sides, every allowed special character, raw bytes.
#include <string>

#include <gtest/gtest.h>

#include "acsconf/model/utf8.hpp"
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

// The character rules test a word of eight bytes at a time, then the tail byte by byte: every byte
// value, at each place of values that take either path, against the sets spelled out here.
TEST(CharacterRules, AcceptExactlyTheirCharactersForEveryByteAtEveryPlace) {
    const std::string alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    struct Case {
        std::string allowed;
        Violation (*check)(std::string_view);
    };
    const Case cases[] = {{alnum + ".@_-", check_user_name_chars},
                          {alnum + "-", check_policy_name_chars},
                          {alnum + ".-", check_role_name_chars},
                          {alnum + ".@-", check_display_name_chars}};
    for (const Case& c : cases) {
        for (std::size_t length : {1u, 7u, 8u, 9u, 16u, 17u}) {
            for (std::size_t at = 0; at < length; ++at) {
                for (int b = 0; b < 256; ++b) {
                    std::string value(length, 'a');
                    value[at] = static_cast<char>(b);
                    const bool allowed = b < 0x80 && c.allowed.find(static_cast<char>(b)) != std::string::npos;
                    EXPECT_EQ(!c.check(value).has_value(), allowed) << "byte " << b << " at " << at << " of " << length;
                }
            }
        }
    }
}

TEST(Utf8, CountsTheSameOnTheWordPathAndTheTail) {
    EXPECT_EQ(utf8_code_points(std::string(8, 'a')), 8u);
    EXPECT_EQ(utf8_code_points(std::string(17, 'a')), 17u);
    EXPECT_EQ(utf8_code_points(std::string(8, 'a') + kCjk), 9u);          // non-ASCII in the tail
    EXPECT_EQ(utf8_code_points(kCjk + std::string(13, 'a')), 14u);        // non-ASCII in the first word
    EXPECT_FALSE(utf8_code_points(std::string(15, 'a') + "\x80"));        // a stray continuation byte last
    EXPECT_EQ(parameter_length(std::string(15, 'a') + "\xff"), 16u);      // invalid: measured in bytes
}

// Within [bytes / 4, bytes] characters, the bytes alone may settle a length rule; beyond that the
// value is counted: these sit on each side of that shortcut.
TEST(LengthRules, CountCharactersWhereTheBytesDoNotSettleIt) {
    const std::string four_byte = "\xf0\x9f\x98\x80";  // U+1F600
    EXPECT_EQ(check_user_name_length(repeat(four_byte, 16)), std::nullopt);  // 64 bytes, 16 characters
    EXPECT_EQ(check_user_name_length(repeat(four_byte, 17)), std::nullopt) << "68 bytes but 17 characters";
    EXPECT_EQ(check_user_name_length(repeat(four_byte, 64)), std::nullopt);
    EXPECT_EQ(check_user_name_length(repeat(four_byte, 65)), "InvalidParameter.UserName.Length");
    EXPECT_EQ(check_user_name_length(std::string(65, '\xff')), "InvalidParameter.UserName.Length") << "invalid UTF-8: bytes";
    EXPECT_EQ(check_policy_name_length(repeat(kCjk, 128)), std::nullopt);
    EXPECT_EQ(check_policy_name_length(repeat(kCjk, 129)), "InvalidParameter.PolicyName.Length");
    EXPECT_EQ(check_app_description(""), std::nullopt) << "AppDescription may be empty";
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

// The one decoder every layer uses (model/utf8.hpp): each invalid form is refused where it starts.
TEST(Utf8Decoder, LengthsAndCodePointsAndEveryInvalidForm) {
    using acsconf::model::decode_utf8_at;
    using acsconf::model::utf8_sequence_length;
    char32_t cp = 0;
    EXPECT_EQ(decode_utf8_at("a", 0, cp), 1u);
    EXPECT_EQ(cp, U'a');
    EXPECT_EQ(decode_utf8_at("x\xe4\xb8\x80", 1, cp), 3u);
    EXPECT_EQ(cp, U'\u4E00');
    EXPECT_EQ(decode_utf8_at("\xf0\x9f\x98\x80", 0, cp), 4u);
    EXPECT_EQ(cp, U'\U0001F600');
    EXPECT_EQ(utf8_sequence_length("\xc0\xaf", 0), 0u);          // overlong '/'
    EXPECT_EQ(utf8_sequence_length("\xe0\x80\xaf", 0), 0u);      // overlong, 3 bytes
    EXPECT_EQ(utf8_sequence_length("\xed\xa0\x80", 0), 0u);      // surrogate U+D800
    EXPECT_EQ(utf8_sequence_length("\xf4\x90\x80\x80", 0), 0u);  // above U+10FFFF
    EXPECT_EQ(utf8_sequence_length("\xe4\xb8", 0), 0u);          // truncated
    EXPECT_EQ(utf8_sequence_length("\xc3\x28", 0), 0u);          // bad continuation
    EXPECT_EQ(utf8_sequence_length("\x80", 0), 0u);              // lone continuation
    EXPECT_EQ(utf8_sequence_length("\xf8\x88\x80\x80\x80", 0), 0u);  // 5-byte lead
}
