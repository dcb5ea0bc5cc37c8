#include "acsconf/harness/percent_encoding.hpp"

#include <algorithm>

#include <boost/url/encode.hpp>
#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

const std::string* find_header(const Headers& headers, std::string_view lower_name) {
    auto it = headers.find(std::string(lower_name));
    return it == headers.end() ? nullptr : &it->second;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

std::string percent_encode(std::string_view raw) {
    // RFC 3986 unreserved = ALPHA DIGIT - . _ ~, exactly Alibaba's set. Boost.URL's defaults already
    // give upper-case hex and never turn a space into '+'; spelled out because the rules depend on it.
    boost::urls::encoding_opts options;
    options.space_as_plus = false;
    options.lower_case = false;
    return boost::urls::encode(raw, boost::urls::unreserved_chars, options);
}

namespace {

std::string join_encoded(const ParamList& params, std::string_view exclude_key) {
    std::string out;
    for (const auto& [key, value] : params) {
        if (!exclude_key.empty() && key == exclude_key) continue;
        if (!out.empty()) out += '&';
        out += percent_encode(key);
        out += '=';
        out += percent_encode(value);
    }
    return out;
}

}  // namespace

std::string canonical_query(const ParamList& params, std::string_view exclude_key) {
    ParamList sorted = params;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return join_encoded(sorted, exclude_key);
}

std::string canonical_query(const std::map<std::string, std::string>& params, std::string_view exclude_key) {
    return join_encoded(ParamList(params.begin(), params.end()), exclude_key);  // a map is already sorted
}

std::string v1_string_to_sign(std::string_view method, const ParamList& params) {
    return std::string(method) + "&" + percent_encode("/") + "&" + percent_encode(canonical_query(params, "Signature"));
}

std::string encode_query(const ParamList& params) { return join_encoded(params, {}); }

bool decode_query(std::string_view encoded, ParamList& out, std::string& error, bool plus_is_space) {
    if (encoded.empty()) return true;             // boostorg/url#864: never iterate an empty query
    const std::string storage(encoded);           // NUL-terminated copy: boostorg/url#946
    auto parsed = boost::urls::parse_query(storage);
    if (!parsed) {
        error = "invalid percent-encoding (" + parsed.error().message() + ")";
        return false;
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = plus_is_space;
    for (auto param : boost::urls::params_view(storage, options)) out.emplace_back(param.key, param.value);
    return true;
}

}  // namespace acsconf::harness
