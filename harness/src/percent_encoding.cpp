#include "acsconf/harness/percent_encoding.hpp"

#include <algorithm>

#include <boost/url/encode.hpp>
#include <boost/url/params_encoded_view.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness {

const std::string* find_header(const Headers& headers, std::string_view lower_name) {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

namespace {

// RFC 3986 unreserved = ALPHA DIGIT - . _ ~, exactly Alibaba's set. Boost.URL's defaults already
// give upper-case hex and never turn a space into '+'; spelled out because the rules depend on it.
boost::urls::encoding_opts alibaba_encoding() {
    boost::urls::encoding_opts options;
    options.space_as_plus = false;
    options.lower_case = false;
    return options;
}

// Appends the encoding of `raw` to `out` in place: no temporary string per name or value (the mock
// verifies a signature on every request, and this is most of that work).
void append_encoded(std::string& out, std::string_view raw) {
    const auto options = alibaba_encoding();
    const std::size_t at = out.size();
    const std::size_t room = 3 * raw.size();  // "%XX" per byte at most: one pass, no sizing pass first
    out.resize(at + room);
    out.resize(at + boost::urls::encode(out.data() + at, room, raw, boost::urls::unreserved_chars, options));
}

// Views of the pairs being joined: sorting and joining copy no name or value.
using ParamRefs = std::vector<std::pair<std::string_view, std::string_view>>;

void append_joined(std::string& out, const ParamRefs& params, std::string_view exclude_key) {
    bool first = true;
    for (const auto& [key, value] : params) {
        if (!exclude_key.empty() && key == exclude_key) continue;
        if (!first) out += '&';
        first = false;
        append_encoded(out, key);
        out += '=';
        append_encoded(out, value);
    }
}

template <typename Pairs>
void add_refs(ParamRefs& refs, const Pairs& pairs) {
    for (const auto& [key, value] : pairs) refs.emplace_back(key, value);
}

// The pairs of `lists`, in order, stably sorted by raw key (byte order, as std::string compares).
ParamRefs sorted_refs(std::initializer_list<const ParamList*> lists) {
    ParamRefs refs;
    std::size_t count = 0;
    for (const ParamList* list : lists) count += list->size();
    refs.reserve(count);
    for (const ParamList* list : lists) add_refs(refs, *list);
    std::stable_sort(refs.begin(), refs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return refs;
}

}  // namespace

std::string percent_encode(std::string_view raw) {
    std::string out;
    append_encoded(out, raw);
    return out;
}

std::string canonical_query(const ParamList& params, std::string_view exclude_key) {
    std::string out;
    append_joined(out, sorted_refs({&params}), exclude_key);
    return out;
}

std::string canonical_query(const std::map<std::string, std::string>& params, std::string_view exclude_key) {
    ParamRefs refs;  // a map is already sorted
    refs.reserve(params.size());
    add_refs(refs, params);
    std::string out;
    append_joined(out, refs, exclude_key);
    return out;
}

std::string v1_string_to_sign(std::string_view method, std::initializer_list<const ParamList*> lists) {
    std::string canonical;
    append_joined(canonical, sorted_refs(lists), "Signature");
    std::string out;
    out.reserve(method.size() + 5 + canonical.size() + canonical.size() / 2);
    out += method;
    out += "&%2F&";  // "&" + encode("/") + "&"
    append_encoded(out, canonical);
    return out;
}

std::string v1_string_to_sign(std::string_view method, const ParamList& params) {
    return v1_string_to_sign(method, {&params});
}

std::string encode_query(const ParamList& params) {
    ParamRefs refs;  // in the given order
    refs.reserve(params.size());
    add_refs(refs, params);
    std::string out;
    append_joined(out, refs, {});
    return out;
}

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
    // A name or value with no escape (and no '+' when that is a space) is its own decoding: copied,
    // not run through the decoder. Everything else is decoded by Boost.URL.
    const auto decoded = [&options](boost::urls::pct_string_view piece) {
        if (piece.decoded_size() == piece.size() && (!options.space_as_plus || piece.find('+') == piece.npos))
            return std::string(piece.data(), piece.size());
        return piece.decode(options);
    };
    out.reserve(out.size() + 1 + static_cast<std::size_t>(std::count(storage.begin(), storage.end(), '&')));
    for (auto param : *parsed) out.emplace_back(decoded(param.key), decoded(param.value));
    return true;
}

}  // namespace acsconf::harness
