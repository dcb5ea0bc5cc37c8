#include "acsconf/harness/signature.hpp"

#include <algorithm>
#include <vector>

#include "acsconf/harness/crypto.hpp"
#include "acsconf/harness/percent_encoding.hpp"

namespace acsconf::harness {

// ---- V1 ----

namespace {

// The key is the secret plus '&' (docs/sources/gateway.md#signature-v1).
std::string v1_signature_of(std::string_view string_to_sign, std::string_view secret) {
    std::string key;
    key.reserve(secret.size() + 1);
    key.append(secret).push_back('&');
    return crypto::base64(crypto::hmac_sha1(key, string_to_sign));
}

}  // namespace

std::string v1_signature(std::string_view method, const ParamList& params, std::string_view secret) {
    return v1_signature_of(v1_string_to_sign(method, params), secret);
}

std::string v1_signature(std::string_view method, const std::map<std::string, std::string>& params,
                         std::string_view secret) {
    return v1_signature(method, ParamList(params.begin(), params.end()), secret);
}

bool verify_v1(std::string_view method, std::initializer_list<const ParamList*> lists, std::string_view secret) {
    const std::string* claimed = nullptr;
    for (const ParamList* list : lists)
        for (const auto& [key, value] : *list) {
            if (key != "Signature") continue;
            if (claimed != nullptr) return false;  // two signatures: ambiguous, refuse
            claimed = &value;
        }
    if (claimed == nullptr) return false;
    return crypto::constant_time_equal(v1_signature_of(v1_string_to_sign(method, lists), secret), *claimed);
}

bool verify_v1(std::string_view method, const ParamList& params, std::string_view secret) {
    return verify_v1(method, {&params}, secret);
}

bool verify_v1(std::string_view method, const std::map<std::string, std::string>& params, std::string_view secret) {
    return verify_v1(method, ParamList(params.begin(), params.end()), secret);
}

// ---- V3 ----

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

std::vector<std::string> split(std::string_view s, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= s.size()) {
        const std::size_t end = std::min(s.find(separator, start), s.size());
        parts.emplace_back(s.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

bool v3_signs(std::string_view name) {
    return name == "host" || name == "content-type" || name.starts_with("x-acs-");
}

}  // namespace

std::string v3_signed_headers(const Headers& headers) {
    std::vector<std::string> names;
    for (const auto& entry : headers) {
        const std::string name = to_lower_ascii(entry.first);
        if (v3_signs(name) && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ";") + name;
    return out;
}

std::optional<std::string> v3_canonical_request(const V3Input& input, std::string_view signed_headers) {
    std::string canonical_headers;
    for (const std::string& name : split(signed_headers, ';')) {
        // A repeated header's values are sorted and joined with ',' (openapi-util getCanonicalHeaders).
        std::vector<std::string> values;
        auto [first, last] = input.headers.equal_range(name);
        for (auto it = first; it != last; ++it) values.emplace_back(trim(it->second));
        if (values.empty()) return std::nullopt;
        std::sort(values.begin(), values.end());
        std::string joined;
        for (const auto& value : values) joined += (joined.empty() ? "" : ",") + value;
        canonical_headers += name + ":" + joined + "\n";
    }
    return input.method + "\n" + input.canonical_uri + "\n" + canonical_query(input.query) + "\n" +
           canonical_headers + "\n" + std::string(signed_headers) + "\n" + crypto::sha256_hex(input.body);
}

std::string v3_signature(const V3Input& input, std::string_view signed_headers, std::string_view secret) {
    const auto canonical_request = v3_canonical_request(input, signed_headers);
    if (!canonical_request) return {};
    const std::string to_sign = std::string(kV3Algorithm) + "\n" + crypto::sha256_hex(*canonical_request);
    // Unlike V1, the key is the bare secret (docs/sources/gateway.md#signature-v3).
    return crypto::hex(crypto::hmac_sha256(secret, to_sign));
}

std::string v3_authorization(std::string_view access_key_id, std::string_view signed_headers,
                             std::string_view signature) {
    return std::string(kV3Algorithm) + " Credential=" + std::string(access_key_id) +
           ",SignedHeaders=" + std::string(signed_headers) + ",Signature=" + std::string(signature);
}

std::optional<V3Authorization> parse_v3_authorization(std::string_view header_value) {
    header_value = trim(header_value);
    if (!header_value.starts_with(kV3Algorithm) || header_value.size() <= kV3Algorithm.size() ||
        header_value[kV3Algorithm.size()] != ' ')
        return std::nullopt;
    V3Authorization out;
    bool have_credential = false, have_headers = false, have_signature = false;
    for (const std::string& part : split(header_value.substr(kV3Algorithm.size() + 1), ',')) {
        const std::string_view item = trim(part);
        const auto equals = item.find('=');
        if (equals == std::string_view::npos) return std::nullopt;
        const std::string_view key = item.substr(0, equals), value = item.substr(equals + 1);
        if (key == "Credential") {
            out.credential = value;
            have_credential = true;
        } else if (key == "SignedHeaders") {
            out.signed_headers = value;
            have_headers = true;
        } else if (key == "Signature") {
            out.signature = value;
            have_signature = true;
        } else {
            return std::nullopt;  // an unknown field: not the format we sign, refuse rather than guess
        }
    }
    if (!have_credential || !have_headers || !have_signature || out.signed_headers.empty()) return std::nullopt;
    return out;
}

bool verify_v3(std::string_view method, std::string_view target, const Headers& headers, std::string_view body,
               std::string_view secret, std::string* reason) {
    auto fail = [&](std::string why) {
        if (reason != nullptr) *reason = std::move(why);
        return false;
    };
    const std::string* authorization = find_header(headers, "authorization");
    if (authorization == nullptr) return fail("no Authorization header");
    const auto parsed = parse_v3_authorization(*authorization);
    if (!parsed) return fail("Authorization header is not 'ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..'");
    // Everything the gateway requires signed must be signed: otherwise a captured request could be
    // replayed with a new x-acs-action or an unsigned x-acs-date (docs/sources/gateway.md#signature-v3).
    {
        const std::vector<std::string> signed_names = split(parsed->signed_headers, ';');
        std::vector<std::string> unsigned_names;
        for (const auto& entry : headers) {
            const std::string name = to_lower_ascii(entry.first);
            if (v3_signs(name) && std::find(signed_names.begin(), signed_names.end(), name) == signed_names.end() &&
                std::find(unsigned_names.begin(), unsigned_names.end(), name) == unsigned_names.end())
                unsigned_names.push_back(name);
        }
        if (find_header(headers, "host") == nullptr) return fail("no Host header");
        if (!unsigned_names.empty()) {
            std::string list;
            for (const std::string& name : unsigned_names) list += (list.empty() ? "" : ", ") + name;
            return fail(std::string(kV3UnsignedHeaderReason) + " host, content-type and every x-acs-* header sent; "
                        "not signed: " + list);
        }
    }
    if (const std::string* claimed = find_header(headers, "x-acs-content-sha256");
        claimed != nullptr && !crypto::constant_time_equal(*claimed, crypto::sha256_hex(body)))
        return fail("x-acs-content-sha256 does not match the body");

    V3Input input;
    input.method = std::string(method);
    const auto question = target.find('?');
    input.canonical_uri = std::string(target.substr(0, question));
    if (input.canonical_uri.empty()) input.canonical_uri = "/";
    if (question != std::string_view::npos) {
        std::string_view query = target.substr(question + 1);
        query = query.substr(0, query.find('#'));
        std::string error;
        if (!decode_query(query, input.query, error)) return fail("query string: " + error);
    }
    for (const auto& [name, value] : headers) input.headers.emplace(to_lower_ascii(name), value);
    input.body = std::string(body);
    const std::string expected = v3_signature(input, parsed->signed_headers, secret);
    if (expected.empty()) return fail("a header named in SignedHeaders is missing");
    if (!crypto::constant_time_equal(expected, parsed->signature)) return fail("signature does not match");
    return true;
}

}  // namespace acsconf::harness
