#include "acsconf/harness/redact.hpp"

#include <boost/url/decode_view.hpp>
#include <boost/url/pct_string_view.hpp>

#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/signature.hpp"

namespace acsconf::harness {

bool is_secret_param(std::string_view name) {
    // Decode first: "Signatur%65" is still the signature to a server.
    std::string decoded(name);
    if (auto pct = boost::urls::make_pct_string_view(name)) {
        decoded.clear();
        for (char c : pct->decode()) decoded += c;
    }
    const std::string lower = to_lower_ascii(decoded);
    return lower == "signature" || lower == "accesskeysecret" || lower == "securitytoken";
}

std::string redact_query(std::string_view encoded, std::string_view placeholder) {
    std::string out;
    std::size_t start = 0;
    while (start <= encoded.size()) {
        const std::size_t end = std::min(encoded.find('&', start), encoded.size());
        const std::string_view pair = encoded.substr(start, end - start);
        const std::size_t equals = pair.find('=');
        const std::string_view key = pair.substr(0, equals);
        if (equals != std::string_view::npos && is_secret_param(key)) {
            out += key;
            out += '=';
            out += placeholder;
        } else {
            out += pair;
        }
        if (end < encoded.size()) out += '&';
        start = end + 1;
    }
    return out;
}

std::string redact_url(std::string_view url, std::string_view placeholder) {
    const std::size_t question = url.find('?');
    if (question == std::string_view::npos) return std::string(url);
    const std::size_t hash = url.find('#', question);
    const std::string_view query = url.substr(question + 1, hash == std::string_view::npos ? hash : hash - question - 1);
    std::string out(url.substr(0, question + 1));
    out += redact_query(query, placeholder);
    if (hash != std::string_view::npos) out += url.substr(hash);
    return out;
}

std::string redact_header_value(std::string_view lower_name, std::string_view value, std::string_view placeholder) {
    if (lower_name == "authorization") {
        if (auto parsed = parse_v3_authorization(value))
            return v3_authorization(parsed->credential, parsed->signed_headers, placeholder);
        return std::string(placeholder);  // some other scheme: all of it may be secret
    }
    if (lower_name.find("token") != std::string_view::npos || lower_name.find("secret") != std::string_view::npos ||
        lower_name.find("signature") != std::string_view::npos) {
        if (lower_name == "x-acs-signature-nonce") return std::string(value);  // a nonce is not secret
        return std::string(placeholder);
    }
    return std::string(value);
}

Headers redact_headers(const Headers& headers, std::string_view placeholder) {
    Headers out;
    for (const auto& [name, value] : headers) {
        const std::string lower = to_lower_ascii(name);
        out.emplace(name, redact_header_value(lower, value, placeholder));
    }
    return out;
}

std::string scrub_secrets(std::string text, const std::vector<std::string>& secrets, std::string_view placeholder) {
    for (const std::string& secret : secrets) {
        if (secret.empty()) continue;
        const std::string once = percent_encode(secret);
        // JSON may escape '/' as "\/" (base64 tokens contain '/').
        std::string json_escaped;
        for (char c : secret) json_escaped += c == '/' ? std::string("\\/") : std::string(1, c);
        for (const std::string& form : {secret, once, percent_encode(once), json_escaped}) {
            for (std::size_t at = text.find(form); at != std::string::npos; at = text.find(form, at + placeholder.size()))
                text.replace(at, form.size(), placeholder);
        }
    }
    return text;
}

namespace {

void scrub_json(nlohmann::json& value, const std::vector<std::string>& secrets, std::string_view placeholder) {
    if (value.is_string()) {
        value = scrub_secrets(value.get<std::string>(), secrets, placeholder);
    } else if (value.is_array()) {
        for (auto& element : value) scrub_json(element, secrets, placeholder);
    } else if (value.is_object()) {
        nlohmann::json clean = nlohmann::json::object();
        for (auto& [key, child] : value.items()) {
            scrub_json(child, secrets, placeholder);
            clean[scrub_secrets(key, secrets, placeholder)] = std::move(child);
        }
        value = std::move(clean);
    }
}

}  // namespace

Response scrub_response(Response response, const std::vector<std::string>& secrets, std::string_view placeholder) {
    for (std::string* text : {&response.code, &response.message, &response.request_id, &response.host_id,
                              &response.recommend, &response.content_type, &response.raw_body})
        *text = scrub_secrets(std::move(*text), secrets, placeholder);
    scrub_json(response.fields, secrets, placeholder);
    return response;
}

namespace {

std::string shell_quote(std::string_view text) {
    std::string out = "'";
    for (char c : text) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

}  // namespace

std::string curl_command(const HttpRequest& request, std::string_view origin) {
    std::string out = "curl -sS -X " + request.method;
    for (const auto& [name, value] : request.headers) {
        const std::string lower = to_lower_ascii(name);
        out += " -H " + shell_quote(lower + ": " + redact_header_value(lower, value));
    }
    if (!request.body.empty()) out += " --data-binary " + shell_quote(redact_query(request.body));
    out += " " + shell_quote(std::string(origin) + redact_url(request.target));
    return out;
}

}  // namespace acsconf::harness
