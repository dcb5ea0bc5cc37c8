// Redaction of secrets in URLs, form bodies, headers and free text; curl reproduction commands.
#include <gtest/gtest.h>

#include "acsconf/harness/redact.hpp"
#include "acsconf/harness/request_builder.hpp"

namespace acsconf::harness {
namespace {

TEST(Redact, QueryAndFormBodies) {
    EXPECT_EQ(redact_query("a=1&Signature=abc%3D&b=2"), "a=1&Signature=REDACTED&b=2");
    EXPECT_EQ(redact_query("SecurityToken=t&AccessKeySecret=s&AccessKeyId=id"),
              "SecurityToken=REDACTED&AccessKeySecret=REDACTED&AccessKeyId=id");
    EXPECT_EQ(redact_query("signature=x"), "signature=REDACTED");         // any case
    EXPECT_EQ(redact_query("Signatur%65=x"), "Signatur%65=REDACTED");     // encoded name
    EXPECT_EQ(redact_query("a&&b=%zz&Signature="), "a&&b=%zz&Signature=REDACTED");  // malformed parts kept
    EXPECT_EQ(redact_query(""), "");
}

TEST(Redact, Urls) {
    EXPECT_EQ(redact_url("https://ram.aliyuncs.com/?Action=X&Signature=abc#frag"),
              "https://ram.aliyuncs.com/?Action=X&Signature=REDACTED#frag");
    EXPECT_EQ(redact_url("http://h/path"), "http://h/path");
}

TEST(Redact, Headers) {
    const Headers headers{
        {"authorization", "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=deadbeef"},
        {"x-acs-security-token", "tok"},
        {"x-acs-signature-nonce", "n1"},
        {"host", "h"},
    };
    const Headers out = redact_headers(headers);
    EXPECT_EQ(out.find("authorization")->second,
              "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=REDACTED");
    EXPECT_EQ(out.find("x-acs-security-token")->second, "REDACTED");
    EXPECT_EQ(out.find("x-acs-signature-nonce")->second, "n1");
    EXPECT_EQ(out.find("host")->second, "h");
    EXPECT_EQ(redact_header_value("authorization", "Basic dXNlcjpwYXNz"), "REDACTED");
}

TEST(Redact, ScrubSecretsInAllEncodings) {
    const std::string text = "a s+/cret b s%2B%2Fcret c s%252B%252Fcret d";
    EXPECT_EQ(scrub_secrets(text, {"s+/cret", ""}), "a REDACTED b REDACTED c REDACTED d");
}

TEST(CurlCommand, V1AndV3CarryPlaceholdersOnly) {
    model::Call call;
    call.action = "DetachPolicyFromUser";
    call.params = {{"UserName", "it's"}};
    const Credentials credentials{"AKID", "the-secret", "the-token"};
    for (auto version : {SignatureVersion::V1, SignatureVersion::V3}) {
        for (auto method : {HttpMethod::Get, HttpMethod::Post}) {
            RequestOptions options;
            options.signature = version;
            options.method = method;
            const HttpRequest request = build_request(call, "127.0.0.1:1", credentials, options);
            const std::string command = curl_command(request, "http://127.0.0.1:1");
            SCOPED_TRACE(command);
            EXPECT_EQ(command.find("the-secret"), std::string::npos);
            EXPECT_EQ(command.find("the-token"), std::string::npos);
            EXPECT_NE(command.find("REDACTED"), std::string::npos);
            EXPECT_NE(command.find("AKID"), std::string::npos);  // the AccessKeyId is not secret
            EXPECT_NE(command.find("it%27s"), std::string::npos);  // percent-encoded, never raw
            EXPECT_EQ(command.rfind("curl -sS -X ", 0), 0u);
        }
    }
}

TEST(CurlCommand, ShellQuotesEverything) {
    HttpRequest request{"POST", "/", {{"x-test", "it's $HOME"}}, "a=1"};
    EXPECT_EQ(curl_command(request, "http://h"),
              "curl -sS -X POST -H 'x-test: it'\\''s $HOME' --data-binary 'a=1' 'http://h/'");
}

}  // namespace
}  // namespace acsconf::harness
