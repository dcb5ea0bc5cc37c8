// TEMPORARY local stand-in for the harness's wire pieces, until harness/ lands its request parser,
// V1/V3 verifiers and response encoder; then this file forwards to them and the code below goes.
// Built only on the libraries (Boost.URL, OpenSSL, nlohmann_json, pugixml).
#include "wire.hpp"

#include <algorithm>
#include <array>
#include <sstream>
#include <vector>

#include <boost/url/encode.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <pugixml.hpp>

namespace acsconf::mock::wire {
namespace {

using Params = std::map<std::string, std::string>;

const std::string* header(const HttpRequest& request, std::string_view name) {
    auto it = request.headers.find(std::string(name));
    return it == request.headers.end() ? nullptr : &it->second;
}

bool is_form(const HttpRequest& request) {
    const std::string* type = header(request, "content-type");
    return type != nullptr && type->find("application/x-www-form-urlencoded") != std::string::npos;
}

// Decodes an encoded query (storage NUL-terminated: Boost.URL 1.81 parse_query reads to NUL).
bool decode_query(const std::string& encoded, std::vector<std::pair<std::string, std::string>>& out,
                  std::string& error, std::string_view what) {
    if (encoded.empty()) return true;  // Boost.URL 1.81 issue 864: empty query + fragment
    auto parsed = boost::urls::parse_query(encoded);
    if (!parsed) {
        error = "The " + std::string(what) + " is not a valid URL-encoded parameter list.";
        return false;
    }
    boost::urls::encoding_opts opts;
    opts.space_as_plus = true;
    for (auto param : boost::urls::params_view(encoded, opts)) out.emplace_back(param.key, param.value);
    return true;
}

std::string rpc_encode(std::string_view s) {
    return boost::urls::encode(s, boost::urls::unreserved_chars);
}

std::string hex(const unsigned char* data, std::size_t size) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < size; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 0xF];
    }
    return out;
}

std::string sha256_hex(std::string_view data) {
    std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest.data());
    return hex(digest.data(), digest.size());
}

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int size = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
         data.size(), out.data(), &size);
    return std::string(reinterpret_cast<const char*>(out.data()), size);
}

std::string base64(std::string_view data) {
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(data.data()),
                                  static_cast<int>(data.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

void to_xml(pugi::xml_node parent, const std::string& name, const nlohmann::json& value) {
    if (value.is_array()) {
        for (const auto& item : value) to_xml(parent, name, item);
        return;
    }
    pugi::xml_node node = parent.append_child(name.c_str());
    if (value.is_object()) {
        for (const auto& [key, item] : value.items()) to_xml(node, key, item);
    } else if (value.is_string()) {
        node.text().set(value.get<std::string>().c_str());
    } else if (!value.is_null()) {
        node.text().set(value.dump().c_str());
    }
}

}  // namespace

std::optional<std::map<std::string, std::string>> parse_params(const HttpRequest& request,
                                                               std::string& error) {
    std::vector<std::pair<std::string, std::string>> pairs;
    const auto query_start = request.target.find('?');
    if (query_start != std::string::npos) {
        std::string query = request.target.substr(query_start + 1);
        query = query.substr(0, query.find('#'));
        if (!decode_query(query, pairs, error, "query string")) return std::nullopt;
    }
    if (is_form(request) && !decode_query(request.body, pairs, error, "form body")) return std::nullopt;
    Params params;
    for (auto& [key, value] : pairs) params.insert_or_assign(std::move(key), std::move(value));
    return params;
}

std::string v1_signature(std::string_view method, const Params& params, std::string_view secret) {
    std::string canonical;
    for (const auto& [key, value] : params) {
        if (key == "Signature") continue;
        if (!canonical.empty()) canonical += '&';
        canonical += rpc_encode(key) + "=" + rpc_encode(value);
    }
    const std::string to_sign = std::string(method) + "&%2F&" + rpc_encode(canonical);
    return base64(hmac(EVP_sha1(), std::string(secret) + "&", to_sign));
}

bool verify_v1(const HttpRequest& request, const Params& params, std::string_view secret) {
    auto signature = params.find("Signature");
    if (signature == params.end()) return false;
    return constant_time_equal(v1_signature(request.method, params, secret), signature->second);
}

std::string v3_signature(const HttpRequest& request, std::string_view signed_headers,
                         std::string_view secret) {
    std::vector<std::pair<std::string, std::string>> query;
    std::string error;
    const auto query_start = request.target.find('?');
    if (query_start != std::string::npos) {
        std::string encoded = request.target.substr(query_start + 1);
        encoded = encoded.substr(0, encoded.find('#'));
        if (!decode_query(encoded, query, error, "query string")) return {};
    }
    std::vector<std::string> items;
    for (const auto& [key, value] : query) items.push_back(rpc_encode(key) + "=" + rpc_encode(value));
    std::sort(items.begin(), items.end());
    std::string canonical_query;
    for (const auto& item : items) canonical_query += (canonical_query.empty() ? "" : "&") + item;

    std::string canonical_headers;
    std::istringstream names{std::string(signed_headers)};
    for (std::string name; std::getline(names, name, ';');) {
        const std::string* value = header(request, name);
        if (value == nullptr) return {};
        canonical_headers += name + ":" + *value + "\n";
    }
    const std::string canonical_request = request.method + "\n/\n" + canonical_query + "\n" +
                                          canonical_headers + "\n" + std::string(signed_headers) +
                                          "\n" + sha256_hex(request.body);
    const std::string to_sign = "ACS3-HMAC-SHA256\n" + sha256_hex(canonical_request);
    const std::string mac = hmac(EVP_sha256(), secret, to_sign);
    return hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

bool verify_v3(const HttpRequest& request, std::string_view secret) {
    const std::string* authorization = header(request, "authorization");
    if (authorization == nullptr) return false;
    auto field = [&](std::string_view name) -> std::string {
        auto at = authorization->find(std::string(name) + "=");
        if (at == std::string::npos) return {};
        at += name.size() + 1;
        return authorization->substr(at, authorization->find(',', at) - at);
    };
    if (const std::string* claimed = header(request, "x-acs-content-sha256");
        claimed != nullptr && *claimed != sha256_hex(request.body))
        return false;
    const std::string expected = v3_signature(request, field("SignedHeaders"), secret);
    return !expected.empty() && constant_time_equal(expected, field("Signature"));
}

std::string encode(const model::Outcome& outcome, std::string_view action, const Envelope& envelope,
                   harness::Format format) {
    nlohmann::ordered_json body;
    body["RequestId"] = envelope.request_id;
    if (!outcome.ok()) {
        body["HostId"] = envelope.host_id;
        body["Code"] = outcome.code;
        body["Message"] = outcome.message;
        if (!envelope.recommend.empty()) body["Recommend"] = envelope.recommend;
    }
    for (const auto& [key, value] : outcome.fields.items()) body[key] = value;
    if (format == harness::Format::Json)
        return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    pugi::xml_document doc;
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    pugi::xml_node root =
        doc.append_child(outcome.ok() ? (std::string(action) + "Response").c_str() : "Error");
    for (const auto& [key, value] : body.items()) to_xml(root, key, nlohmann::json(value));
    std::ostringstream out;
    doc.save(out, "", pugi::format_raw);
    return out.str();
}

}  // namespace acsconf::mock::wire
