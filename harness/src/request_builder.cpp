#include "acsconf/harness/request_builder.hpp"

#include <ctime>
#include <stdexcept>

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

std::string fault_unsupported(Fault fault, SignatureVersion version) {
    switch (fault) {
        case Fault::SignatureMethodUnsupported:
            if (version == SignatureVersion::V3)
                return "V3 has no SignatureMethod parameter (the algorithm is part of Authorization); this fault "
                       "applies to V1 signatures only";
            return {};
        case Fault::ContentSha256Mismatch:
        case Fault::SignedHeaderChanged:
        case Fault::SignedHeadersIncomplete:
            if (version == SignatureVersion::V1)
                return "V1 signs parameters, not headers or a body hash; this fault applies to V3 signatures only";
            return {};
        default:
            return {};
    }
}

namespace {

// A request signed by a key nobody issued: the id is random per request, the secret is ours (the
// receiver must refuse before it could ever check it).
Credentials unknown_key(const Credentials& real) {
    return Credentials{"AcsconfUnknownKey" + crypto::random_nonce().substr(0, 16), real.access_key_secret, ""};
}

// One character changed, staying in the signature's alphabet (base64 for V1, lower-case hex for V3):
// a signature that is well-formed but wrong.
std::string tampered(std::string signature, char replacement, char alternative) {
    if (signature.empty()) return std::string(1, replacement);
    char& c = signature[signature.size() / 2];
    c = c == replacement ? alternative : replacement;
    return signature;
}

// The timestamp a fault asks for; "" means "send none".
std::string faulty_timestamp(Fault fault, const std::string& normal) {
    switch (fault) {
        case Fault::TimestampExpired: return "2015-01-01T00:00:00Z";
        case Fault::TimestampFuture: return utc_timestamp(std::chrono::system_clock::now() + std::chrono::hours(24));
        case Fault::TimestampMalformed: {  // the right time in the wrong notation (RFC 1123, not ISO 8601)
            const std::time_t seconds = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
            std::tm tm{};
            gmtime_r(&seconds, &tm);
            char buffer[40];
            std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &tm);
            return buffer;
        }
        case Fault::TimestampMissing: return {};
        default: return normal;
    }
}

ParamList sorted_business_params(const model::Call& call) {
    return ParamList(call.params.begin(), call.params.end());  // std::map: already sorted by key
}

HttpRequest build_v1(const model::Call& call, std::string_view host, const Credentials& credentials,
                     const RequestOptions& options, const std::string& nonce, const std::string& timestamp) {
    const Fault fault = options.fault;
    std::map<std::string, std::string> all{
        {"Action", call.action},
        {"Version", std::string(model::product_version(call.product))},
        {"Format", std::string(format_name(options.format))},
        {"AccessKeyId", credentials.access_key_id},
        {"SignatureMethod", fault == Fault::SignatureMethodUnsupported ? "HMAC-MD5" : "HMAC-SHA1"},
        {"SignatureVersion", "1.0"},
    };
    if (fault != Fault::NonceMissing) all["SignatureNonce"] = nonce;
    if (const std::string sent_at = faulty_timestamp(fault, timestamp); !sent_at.empty()) all["Timestamp"] = sent_at;
    if (!credentials.security_token.empty()) all["SecurityToken"] = credentials.security_token;
    for (const auto& [key, value] : call.params) all[key] = value;
    ParamList params(all.begin(), all.end());
    const std::string method(http_method_name(options.method));
    const std::string signature = v1_signature(method, params, credentials.access_key_secret);
    if (fault == Fault::SignatureTampered) params.emplace_back("Signature", tampered(signature, 'A', 'B'));
    else if (fault != Fault::SignatureMissing) params.emplace_back("Signature", signature);

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
    const Fault fault = options.fault;
    input.headers = {
        {"host", std::string(host)},
        {"x-acs-action", call.action},
        {"x-acs-version", std::string(model::product_version(call.product))},
        {"x-acs-content-sha256", crypto::sha256_hex("")},
    };
    if (const std::string sent_at = faulty_timestamp(fault, timestamp); !sent_at.empty())
        input.headers.emplace("x-acs-date", sent_at);
    if (fault != Fault::NonceMissing) input.headers.emplace("x-acs-signature-nonce", nonce);
    if (!credentials.security_token.empty()) {
        input.headers.emplace("x-acs-accesskey-id", credentials.access_key_id);
        input.headers.emplace("x-acs-security-token", credentials.security_token);
    }
    std::string signed_headers = v3_signed_headers(input.headers);
    if (fault == Fault::SignedHeadersIncomplete) {
        // Only the date, nonce and body hash are covered: host, action and version could be swapped.
        Headers covered;
        for (const auto& [name, value] : input.headers)
            if (name != "host" && name != "x-acs-action" && name != "x-acs-version") covered.emplace(name, value);
        signed_headers = v3_signed_headers(covered);
    }
    std::string signature = v3_signature(input, signed_headers, credentials.access_key_secret);
    if (fault == Fault::SignatureTampered) signature = tampered(signature, '0', '1');

    HttpRequest request;
    request.method = input.method;
    request.target = options.path + (input.query.empty() ? "" : "?" + encode_query(input.query));
    request.headers = std::move(input.headers);
    // Not signed (the SDKs do not sign it either): V3 has no Format parameter, the answer's format
    // follows Accept.
    request.headers.emplace("accept", options.format == Format::Xml ? "application/xml" : "application/json");
    std::string authorization = v3_authorization(credentials.access_key_id, signed_headers, signature);
    if (fault == Fault::SignatureMissing) authorization.resize(authorization.rfind(",Signature="));
    request.headers.emplace("authorization", std::move(authorization));
    if (fault == Fault::ContentSha256Mismatch) {
        // A form body the signed x-acs-content-sha256 (of the empty body) does not hash.
        request.body = "AcsconfUnhashed=1";
        request.headers.emplace("content-type", "application/x-www-form-urlencoded");
    } else if (fault == Fault::SignedHeaderChanged) {
        request.headers.erase("x-acs-signature-nonce");
        request.headers.emplace("x-acs-signature-nonce", crypto::random_nonce());
    }
    return request;
}

}  // namespace

HttpRequest build_request(const model::Call& call, std::string_view host, const Credentials& given_credentials,
                          const RequestOptions& options) {
    if (const std::string why = fault_unsupported(options.fault, options.signature); !why.empty())
        throw std::invalid_argument(std::string(fault_name(options.fault)) + ": " + why);
    const Credentials credentials =
        options.fault == Fault::AccessKeyIdUnknown ? unknown_key(given_credentials) : given_credentials;
    const std::string nonce = options.nonce.empty() ? crypto::random_nonce() : options.nonce;
    const std::string timestamp =
        options.timestamp.empty() ? utc_timestamp(std::chrono::system_clock::now()) : options.timestamp;
    return options.signature == SignatureVersion::V3 ? build_v3(call, host, credentials, options, nonce, timestamp)
                                                     : build_v1(call, host, credentials, options, nonce, timestamp);
}

}  // namespace acsconf::harness
