#include "acsconf/harness/request_builder.hpp"

#include <ctime>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/signature.hpp"

namespace acsconf::harness {

std::string_view signature_version_name(SignatureVersion v) { return v == SignatureVersion::V3 ? "v3" : "v1"; }

bool parse_signature_version(std::string_view text, SignatureVersion& out) {
    const std::string lower = to_lower_ascii(text);
    if (lower == "v1") out = SignatureVersion::V1;
    else if (lower == "v3") out = SignatureVersion::V3;
    else return false;
    return true;
}

std::string_view http_method_name(HttpMethod m) { return m == HttpMethod::Get ? "GET" : "POST"; }

bool parse_http_method(std::string_view text, HttpMethod& out) {
    const std::string lower = to_lower_ascii(text);
    if (lower == "get") out = HttpMethod::Get;
    else if (lower == "post") out = HttpMethod::Post;
    else return false;
    return true;
}

std::string utc_timestamp(std::chrono::system_clock::time_point when) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

namespace {

ParamList sorted_business_params(const model::Call& call) {
    return ParamList(call.params.begin(), call.params.end());  // std::map: already sorted by key
}

HttpRequest build_v1(const model::Call& call, std::string_view host, const Credentials& credentials,
                     const RequestOptions& options, const std::string& nonce, const std::string& timestamp) {
    std::map<std::string, std::string> all{
        {"Action", call.action},
        {"Version", std::string(model::product_version(call.product))},
        {"Format", std::string(format_name(options.format))},
        {"AccessKeyId", credentials.access_key_id},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureVersion", "1.0"},
        {"SignatureNonce", nonce},
        {"Timestamp", timestamp},
    };
    if (!credentials.security_token.empty()) all["SecurityToken"] = credentials.security_token;
    for (const auto& [key, value] : call.params) all[key] = value;
    ParamList params(all.begin(), all.end());
    const std::string method(http_method_name(options.method));
    params.emplace_back("Signature", v1_signature(method, params, credentials.access_key_secret));

    HttpRequest request;
    request.method = method;
    request.headers.emplace("host", std::string(host));
    if (options.method == HttpMethod::Get) {
        request.target = options.path + "?" + encode_query(params);
    } else {
        request.target = options.path;
        request.body = encode_query(params);
        request.headers.emplace("content-type", "application/x-www-form-urlencoded");
    }
    return request;
}

HttpRequest build_v3(const model::Call& call, std::string_view host, const Credentials& credentials,
                     const RequestOptions& options, const std::string& nonce, const std::string& timestamp) {
    V3Input input;
    input.method = std::string(http_method_name(options.method));
    input.canonical_uri = options.path;
    input.query = sorted_business_params(call);
    input.headers = {
        {"host", std::string(host)},
        {"x-acs-action", call.action},
        {"x-acs-version", std::string(model::product_version(call.product))},
        {"x-acs-date", timestamp},
        {"x-acs-signature-nonce", nonce},
        {"x-acs-content-sha256", crypto::sha256_hex("")},
    };
    if (!credentials.security_token.empty()) {
        input.headers.emplace("x-acs-accesskey-id", credentials.access_key_id);
        input.headers.emplace("x-acs-security-token", credentials.security_token);
    }
    const std::string signed_headers = v3_signed_headers(input.headers);
    const std::string signature = v3_signature(input, signed_headers, credentials.access_key_secret);

    HttpRequest request;
    request.method = input.method;
    request.target = options.path + (input.query.empty() ? "" : "?" + encode_query(input.query));
    request.headers = std::move(input.headers);
    // Not signed (the SDKs do not sign it either): V3 has no Format parameter, the answer's format
    // follows Accept.
    request.headers.emplace("accept", options.format == Format::Xml ? "application/xml" : "application/json");
    request.headers.emplace("authorization", v3_authorization(credentials.access_key_id, signed_headers, signature));
    return request;
}

}  // namespace

HttpRequest build_request(const model::Call& call, std::string_view host, const Credentials& credentials,
                          const RequestOptions& options) {
    const std::string nonce = options.nonce.empty() ? crypto::random_nonce() : options.nonce;
    const std::string timestamp =
        options.timestamp.empty() ? utc_timestamp(std::chrono::system_clock::now()) : options.timestamp;
    return options.signature == SignatureVersion::V3 ? build_v3(call, host, credentials, options, nonce, timestamp)
                                                     : build_v1(call, host, credentials, options, nonce, timestamp);
}

}  // namespace acsconf::harness
