// V1 and V3 signatures: the official known-answer vectors (docs/sources/ram.md), sign/verify round trips,
// and one-byte tamper detection.
#include <gtest/gtest.h>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/signature.hpp"

namespace acsconf::harness {
namespace {

const ParamList kCreateUser{
    {"AccessKeyId", "testid"},
    {"Action", "CreateUser"},
    {"Format", "JSON"},
    {"SignatureMethod", "HMAC-SHA1"},
    {"SignatureNonce", "6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2"},
    {"SignatureVersion", "1.0"},
    {"Timestamp", "2015-08-18T03:15:45Z"},
    {"UserName", "test"},
    {"Version", "2015-05-01"},
};

TEST(SignatureV1, KnownAnswerCreateUser) {
    EXPECT_EQ(v1_string_to_sign("GET", kCreateUser),
              "GET&%2F&AccessKeyId%3Dtestid%26Action%3DCreateUser%26Format%3DJSON%26SignatureMethod%3DHMAC-SHA1"
              "%26SignatureNonce%3D6a6e0ca6-4557-11e5-86a2-b8e8563dc8d2%26SignatureVersion%3D1.0%26Timestamp"
              "%3D2015-08-18T03%253A15%253A45Z%26UserName%3Dtest%26Version%3D2015-05-01");
    EXPECT_EQ(v1_signature("GET", kCreateUser, "testsecret"), "kRA2cnpJVacIhDMzXnoNZG9tDCI=");
}

TEST(SignatureV1, OrderOfInputDoesNotMatter) {
    ParamList shuffled(kCreateUser.rbegin(), kCreateUser.rend());
    EXPECT_EQ(v1_signature("GET", shuffled, "testsecret"), "kRA2cnpJVacIhDMzXnoNZG9tDCI=");
    std::map<std::string, std::string> map(kCreateUser.begin(), kCreateUser.end());
    EXPECT_EQ(v1_signature("GET", map, "testsecret"), "kRA2cnpJVacIhDMzXnoNZG9tDCI=");
}

ParamList signed_v1(ParamList params, std::string_view method, std::string_view secret) {
    params.emplace_back("Signature", v1_signature(method, params, secret));
    return params;
}

TEST(SignatureV1, RoundTripWithAwkwardValues) {
    const ParamList params{{"Action", "DetachPolicyFromUser"}, {"UserName", "a b*c~d+e/f"},
                           {"PolicyName", "\xE4\xB8\xAD\xE6\x96\x87"}, {"Empty", ""}, {"Rep", "1"}, {"Rep", "2"}};
    for (const char* method : {"GET", "POST"}) {
        const ParamList signed_params = signed_v1(params, method, "s3cr3t");
        EXPECT_TRUE(verify_v1(method, signed_params, "s3cr3t")) << method;
        EXPECT_FALSE(verify_v1(method, signed_params, "s3cr3u")) << "wrong secret";
        EXPECT_FALSE(verify_v1(method == std::string("GET") ? "POST" : "GET", signed_params, "s3cr3t")) << "method";
    }
}

TEST(SignatureV1, EdgeCharactersChangeTheSignature) {
    // '+' and ' ' and '%20' must not collide: each is encoded distinctly.
    const auto sig = [](std::string value) {
        return v1_signature("GET", ParamList{{"K", std::move(value)}}, "k");
    };
    EXPECT_NE(sig("a b"), sig("a+b"));
    EXPECT_NE(sig("a b"), sig("a%20b"));
    EXPECT_NE(sig("*"), sig("%2A"));
    EXPECT_NE(sig(""), sig(" "));
}

TEST(SignatureV1, EveryOneByteTamperIsDetected) {
    const ParamList good = signed_v1(kCreateUser, "GET", "testsecret");
    for (std::size_t i = 0; i < good.size(); ++i) {
        for (std::size_t at = 0; at < good[i].second.size(); ++at) {
            ParamList bad = good;
            bad[i].second[at] = static_cast<char>(bad[i].second[at] ^ 0x01);
            EXPECT_FALSE(verify_v1("GET", bad, "testsecret")) << good[i].first << " byte " << at;
        }
    }
}

TEST(SignatureV1, MissingOrDuplicateSignatureRejected) {
    EXPECT_FALSE(verify_v1("GET", kCreateUser, "testsecret"));
    ParamList twice = signed_v1(kCreateUser, "GET", "testsecret");
    twice.push_back(twice.back());
    EXPECT_FALSE(verify_v1("GET", twice, "testsecret"));
}

// ---- V3 ----

V3Input run_instances() {
    V3Input input;
    input.method = "POST";
    input.query = {{"ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd"}, {"RegionId", "cn-shanghai"}};
    input.headers = {
        {"host", "ecs.cn-shanghai.aliyuncs.com"},
        {"x-acs-action", "RunInstances"},
        {"x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"x-acs-date", "2023-10-26T10:22:32Z"},
        {"x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"},
        {"x-acs-version", "2014-05-26"},
    };
    return input;
}

constexpr std::string_view kRunInstancesSignature = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";

TEST(SignatureV3, KnownAnswerRunInstances) {
    const V3Input input = run_instances();
    const std::string signed_headers = v3_signed_headers(input.headers);
    EXPECT_EQ(signed_headers, "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
    const auto canonical = v3_canonical_request(input, signed_headers);
    ASSERT_TRUE(canonical);
    EXPECT_EQ(crypto::sha256_hex(*canonical), "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259");
    EXPECT_EQ(v3_signature(input, signed_headers, "YourAccessKeySecret"), kRunInstancesSignature);
    EXPECT_EQ(v3_authorization("YourAccessKeyId", signed_headers, kRunInstancesSignature),
              "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;"
              "x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=" + std::string(kRunInstancesSignature));
}

struct ReceivedV3 {
    std::string target;
    Headers headers;
    std::string body;
};

ReceivedV3 sign_and_send(V3Input input, std::string_view secret) {
    const std::string signed_headers = v3_signed_headers(input.headers);
    ReceivedV3 out{"/?" + encode_query(input.query), input.headers, input.body};
    out.headers.emplace("authorization",
                        v3_authorization("id", signed_headers, v3_signature(input, signed_headers, secret)));
    return out;
}

TEST(SignatureV3, VerifyAcceptsTheKnownAnswerRequest) {
    const ReceivedV3 request = sign_and_send(run_instances(), "YourAccessKeySecret");
    std::string reason;
    EXPECT_TRUE(verify_v3("POST", request.target, request.headers, request.body, "YourAccessKeySecret", &reason))
        << reason;
    EXPECT_FALSE(verify_v3("POST", request.target, request.headers, request.body, "other", &reason));
    EXPECT_EQ(reason, "signature does not match");
    EXPECT_FALSE(verify_v3("GET", request.target, request.headers, request.body, "YourAccessKeySecret"));
}

TEST(SignatureV3, AwkwardQueryValuesRoundTrip) {
    V3Input input = run_instances();
    input.query = {{"UserName", "a b*c~"}, {"PolicyName", "\xC3\xA9+/"}, {"Empty", ""}};
    const ReceivedV3 request = sign_and_send(input, "k");
    std::string reason;
    EXPECT_TRUE(verify_v3("POST", request.target, request.headers, request.body, "k", &reason)) << reason;
}

TEST(SignatureV3, OneByteTamperAnywhereIsDetected) {
    V3Input input = run_instances();
    input.body = "UserName=bob";
    input.headers.erase("x-acs-content-sha256");
    input.headers.emplace("x-acs-content-sha256", crypto::sha256_hex(input.body));
    input.headers.emplace("content-type", "application/x-www-form-urlencoded");
    const ReceivedV3 good = sign_and_send(input, "k");
    ASSERT_TRUE(verify_v3("POST", good.target, good.headers, good.body, "k"));

    for (std::size_t at = 2; at < good.target.size(); ++at) {  // keep "/?"
        ReceivedV3 bad = good;
        bad.target[at] = bad.target[at] == 'A' ? 'B' : 'A';
        EXPECT_FALSE(verify_v3("POST", bad.target, bad.headers, bad.body, "k")) << "target byte " << at;
    }
    for (std::size_t at = 0; at < good.body.size(); ++at) {
        ReceivedV3 bad = good;
        bad.body[at] = static_cast<char>(bad.body[at] ^ 0x01);
        EXPECT_FALSE(verify_v3("POST", bad.target, bad.headers, bad.body, "k")) << "body byte " << at;
    }
    for (const auto& [name, value] : good.headers) {
        if (name == "authorization" || name == "x-acs-content-sha256") continue;
        ReceivedV3 bad = good;
        auto it = bad.headers.find(name);
        it->second[0] = static_cast<char>(it->second[0] ^ 0x01);
        EXPECT_FALSE(verify_v3("POST", bad.target, bad.headers, bad.body, "k")) << "header " << name;
    }
}

TEST(SignatureV3, BodyHashMismatchNamed) {
    V3Input input = run_instances();
    ReceivedV3 request = sign_and_send(input, "k");
    request.body = "x";
    std::string reason;
    EXPECT_FALSE(verify_v3("POST", request.target, request.headers, request.body, "k", &reason));
    EXPECT_EQ(reason, "x-acs-content-sha256 does not match the body");
}

TEST(SignatureV3, MalformedAuthorizationRejected) {
    EXPECT_FALSE(parse_v3_authorization("ACS3-HMAC-SHA256"));
    EXPECT_FALSE(parse_v3_authorization("HMAC Credential=a,SignedHeaders=host,Signature=b"));
    EXPECT_FALSE(parse_v3_authorization("ACS3-HMAC-SHA256 Credential=a,Signature=b"));
    EXPECT_FALSE(parse_v3_authorization("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host,Signature=b,Extra=c"));
    auto ok = parse_v3_authorization("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-date,Signature=b");
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->credential, "a");
    EXPECT_EQ(ok->signed_headers, "host;x-acs-date");
    EXPECT_EQ(ok->signature, "b");
    // A signed header that is not in the request: rejected, not crashed.
    Headers headers{{"authorization", "ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;x-acs-missing,Signature=b"},
                    {"host", "h"}};
    std::string reason;
    EXPECT_FALSE(verify_v3("POST", "/", headers, "", "k", &reason));
    EXPECT_EQ(reason, "a header named in SignedHeaders is missing");
}

TEST(SignatureV3, RepeatedHeaderValuesSortedAndJoined) {
    V3Input a = run_instances(), b = run_instances();
    a.headers.emplace("x-acs-extra", "2");
    a.headers.emplace("x-acs-extra", "1");
    b.headers.emplace("x-acs-extra", "1");
    b.headers.emplace("x-acs-extra", "2");
    const std::string names = v3_signed_headers(a.headers);
    EXPECT_EQ(names.find("x-acs-extra;x-acs-extra"), std::string::npos);
    EXPECT_EQ(v3_signature(a, names, "k"), v3_signature(b, names, "k"));
    EXPECT_NE(v3_canonical_request(a, names)->find("x-acs-extra:1,2\n"), std::string::npos);
}

}  // namespace
}  // namespace acsconf::harness
