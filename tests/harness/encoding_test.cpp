// Percent-encoding, canonical queries, query decoding and RPC request parsing.
#include <gtest/gtest.h>

#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/rpc_request.hpp"

namespace acsconf::harness {
namespace {

TEST(PercentEncode, UnreservedCharactersStay) {
    EXPECT_EQ(percent_encode("AZaz09-_.~"), "AZaz09-_.~");
}

TEST(PercentEncode, AlibabaSpecialCases) {
    EXPECT_EQ(percent_encode(" "), "%20");  // never '+'
    EXPECT_EQ(percent_encode("*"), "%2A");
    EXPECT_EQ(percent_encode("~"), "~");
    EXPECT_EQ(percent_encode("+"), "%2B");
    EXPECT_EQ(percent_encode("/"), "%2F");
    EXPECT_EQ(percent_encode("=&:"), "%3D%26%3A");
    EXPECT_EQ(percent_encode(""), "");
}

TEST(PercentEncode, Utf8BytesUpperCaseHex) {
    EXPECT_EQ(percent_encode("\xC3\xA9"), "%C3%A9");              // é
    EXPECT_EQ(percent_encode("\xE4\xB8\xAD"), "%E4%B8%AD");       // 中
    EXPECT_EQ(percent_encode(std::string("\0\xFF", 2)), "%00%FF");  // raw bytes too
}

TEST(CanonicalQuery, SortedByKeyRepeatedKeysKeepOrderEmptyValues) {
    const ParamList params{{"b", "2"}, {"a", "x y"}, {"b", "1"}, {"c", ""}, {"Signature", "zzz"}};
    EXPECT_EQ(canonical_query(params, "Signature"), "a=x%20y&b=2&b=1&c=");
    EXPECT_EQ(canonical_query(params), "Signature=zzz&a=x%20y&b=2&b=1&c=");  // byte order: 'S' < 'a'
}

TEST(CanonicalQuery, MapOverloadMatchesList) {
    const std::map<std::string, std::string> map{{"Z", "*"}, {"A", "~"}};
    EXPECT_EQ(canonical_query(map), "A=~&Z=%2A");
    EXPECT_EQ(canonical_query(map), canonical_query(ParamList{{"Z", "*"}, {"A", "~"}}));
}

TEST(DecodeQuery, DecodesEscapesAndPlus) {
    ParamList out;
    std::string error;
    ASSERT_TRUE(decode_query("a=x%20y&b=1+2&c&d=", out, error));
    const ParamList expected{{"a", "x y"}, {"b", "1 2"}, {"c", ""}, {"d", ""}};
    EXPECT_EQ(out, expected);
}

TEST(DecodeQuery, PlusKeptWhenAsked) {
    ParamList out;
    std::string error;
    ASSERT_TRUE(decode_query("b=1+2", out, error, /*plus_is_space=*/false));
    EXPECT_EQ(out.at(0).second, "1+2");
}

TEST(DecodeQuery, InvalidEscapeIsAnError) {
    ParamList out;
    std::string error;
    EXPECT_FALSE(decode_query("a=%zz", out, error));
    EXPECT_FALSE(error.empty());
}

// Regression for https://github.com/boostorg/url/issues/946: parse_query must only see the bytes of the
// view, never the rest of a larger buffer behind it.
TEST(DecodeQuery, ViewIntoLargerBufferReadsOnlyTheView) {
    const std::string buffer = "a=1&b=2&secret=leak";
    ParamList out;
    std::string error;
    ASSERT_TRUE(decode_query(std::string_view(buffer).substr(0, 7), out, error));
    const ParamList expected{{"a", "1"}, {"b", "2"}};
    EXPECT_EQ(out, expected);
}

TEST(EncodeDecode, RoundTripOfAwkwardValues) {
    const ParamList params{{"k", " *~+/=&%\xC3\xA9"}, {"e", ""}};
    ParamList back;
    std::string error;
    ASSERT_TRUE(decode_query(encode_query(params), back, error));
    EXPECT_EQ(back, params);
}

TEST(ParseRpcRequest, MergesQueryAndFormBody) {
    Headers headers{{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
    auto parsed = parse_rpc_request("POST", "/?Action=DetachPolicyFromUser&UserName=q", headers,
                                    "UserName=form+user&PolicyType=System");
    ASSERT_TRUE(parsed.ok) << parsed.error;
    EXPECT_EQ(parsed.path, "/");
    EXPECT_EQ(parsed.params().at("Action"), "DetachPolicyFromUser");
    EXPECT_EQ(parsed.params().at("UserName"), "form user");  // the form comes last and wins
    ASSERT_NE(parsed.find("UserName"), nullptr);
    EXPECT_EQ(*parsed.find("UserName"), "form user");
    EXPECT_EQ(parsed.find("NoSuchName"), nullptr);
    EXPECT_EQ(parsed.params().at("PolicyType"), "System");
    EXPECT_EQ(parsed.query.size(), 2u);
    EXPECT_EQ(parsed.form.size(), 2u);
    EXPECT_EQ(parsed.all().size(), 4u);
}

TEST(ParseRpcRequest, BodyIgnoredWithoutFormContentType) {
    auto parsed = parse_rpc_request("POST", "/?A=1", {}, "B=2");
    ASSERT_TRUE(parsed.ok);
    EXPECT_EQ(parsed.params().count("B"), 0u);
}

// Regression for boostorg/url#864: an empty query followed by a fragment.
TEST(ParseRpcRequest, EmptyQueryWithFragmentHasNoParams) {
    auto parsed = parse_rpc_request("GET", "/?#frag", {}, "");
    ASSERT_TRUE(parsed.ok);
    EXPECT_TRUE(parsed.params().empty());
    EXPECT_EQ(parsed.path, "/");
}

TEST(ParseRpcRequest, BadEscapesNamed) {
    auto in_query = parse_rpc_request("GET", "/?a=%G1", {}, "");
    EXPECT_FALSE(in_query.ok);
    EXPECT_NE(in_query.error.find("query string"), std::string::npos);
    auto in_body = parse_rpc_request("POST", "/", {{"content-type", "application/x-www-form-urlencoded"}}, "a=%");
    EXPECT_FALSE(in_body.ok);
    EXPECT_NE(in_body.error.find("form body"), std::string::npos);
}

}  // namespace
}  // namespace acsconf::harness
