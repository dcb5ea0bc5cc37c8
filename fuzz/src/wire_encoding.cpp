// wire_encoding: the harness's Alibaba percent-encoding and canonical query. Properties:
//  - percent_encode leaves only RFC 3986 unreserved characters and upper-case %XX (never '+');
//  - decode(encode(x)) == x for every name and value, alone and as a whole encoded query;
//  - the canonical query does not depend on the order the parameters came in, equals the map
//    overload's, and lists the names sorted by raw bytes;
//  - decoding arbitrary bytes never crashes, and what decodes re-encodes to something that decodes
//    to the same pairs.
#include <algorithm>
#include <map>
#include <set>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "acsconf/harness/percent_encoding.hpp"
#include "check.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using harness::ParamList;

bool is_unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.' || c == '~';
}

bool is_upper_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'); }

void check_encoded_form(const std::string& encoded) {
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] == '%') {
            ACSCONF_FUZZ_CHECK(i + 2 < encoded.size() && is_upper_hex(encoded[i + 1]) && is_upper_hex(encoded[i + 2]),
                               "percent_encode writes %XX with upper-case hex");
            i += 2;
        } else {
            ACSCONF_FUZZ_CHECK(is_unreserved(encoded[i]), "percent_encode leaves only unreserved characters");
        }
    }
}

ParamList decode_or_die(const std::string& query, const char* what) {
    ParamList out;
    std::string error;
    ACSCONF_FUZZ_CHECK(harness::decode_query(query, out, error), what);
    return out;
}

}  // namespace

int run_wire_encoding(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const std::size_t count = input.ConsumeIntegralInRange<std::size_t>(0, 8);
    const std::uint64_t permutation_seed = input.ConsumeIntegral<std::uint64_t>();

    // Distinct names: with repeated names the canonical order of equal names is their arrival order.
    ParamList params;
    std::set<std::string> names;
    for (std::size_t i = 0; i < count && input.remaining_bytes() > 0; ++i) {
        std::string name = input.ConsumeRandomLengthString(64);
        std::string value = input.ConsumeRandomLengthString(256);
        if (name.empty() || !names.insert(name).second) continue;
        params.emplace_back(std::move(name), std::move(value));
    }
    const std::string loose = input.ConsumeRemainingBytesAsString();

    for (const auto& [name, value] : params) {
        const std::string encoded_name = harness::percent_encode(name);
        const std::string encoded_value = harness::percent_encode(value);
        check_encoded_form(encoded_name);
        check_encoded_form(encoded_value);
        const ParamList one = decode_or_die(encoded_name + "=" + encoded_value, "an encoded pair decodes");
        ACSCONF_FUZZ_CHECK(one.size() == 1 && one[0].first == name && one[0].second == value,
                           "decode(encode(name=value)) gives name and value back");
    }
    ACSCONF_FUZZ_CHECK(decode_or_die(harness::encode_query(params), "an encoded query decodes") == params,
                       "decode(encode_query(params)) gives the same pairs in the same order");

    const std::string canonical = harness::canonical_query(params);
    ParamList permuted = params;
    std::uint64_t state = permutation_seed;
    for (std::size_t i = permuted.size(); i > 1; --i) {  // Fisher-Yates driven by the input
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        std::swap(permuted[i - 1], permuted[(state >> 33) % i]);
    }
    ACSCONF_FUZZ_CHECK(harness::canonical_query(permuted) == canonical,
                       "the canonical query does not depend on parameter order");
    const std::map<std::string, std::string> as_map(params.begin(), params.end());
    ACSCONF_FUZZ_CHECK(harness::canonical_query(as_map) == canonical,
                       "the ParamList and map overloads of canonical_query agree");
    const ParamList canonical_pairs = decode_or_die(canonical, "a canonical query decodes");
    ACSCONF_FUZZ_CHECK(canonical_pairs.size() == params.size(), "the canonical query keeps every parameter");
    ACSCONF_FUZZ_CHECK(std::is_sorted(canonical_pairs.begin(), canonical_pairs.end(),
                                      [](const auto& a, const auto& b) { return a.first < b.first; }),
                       "the canonical query is sorted by raw name");
    if (!params.empty()) {
        const std::string without_first = harness::canonical_query(params, params.front().first);
        ACSCONF_FUZZ_CHECK(decode_or_die(without_first, "an excluding canonical query decodes").size() == params.size() - 1,
                           "canonical_query leaves out exactly the excluded name");
    }

    ParamList decoded;
    std::string error;
    if (harness::decode_query(loose, decoded, error)) {
        ACSCONF_FUZZ_CHECK(decode_or_die(harness::encode_query(decoded), "a re-encoded query decodes") == decoded,
                           "whatever decodes re-encodes to the same pairs");
    } else {
        ACSCONF_FUZZ_CHECK(!error.empty(), "a query that does not decode says why");
    }
    return 0;
}

}  // namespace acsconf::fuzz

namespace acsconf::fuzz {

std::string encode_wire_encoding_input(const harness::ParamList& params, std::string_view loose_query) {
    FdpWriter writer;
    writer.integral_in_range(std::min<std::size_t>(params.size(), 8), 0, 8);
    writer.integral_in_range(0x9E3779B97F4A7C15ULL, 0, UINT64_MAX);
    for (std::size_t i = 0; i < params.size() && i < 8; ++i) {
        writer.random_length_string(params[i].first, 64);
        writer.random_length_string(params[i].second, 256);
    }
    writer.remaining(loose_query);
    return writer.bytes();
}

}  // namespace acsconf::fuzz
