// rpc_request_parser: the harness's parser of incoming RPC requests (what the mock reads), on an
// arbitrary target and body with or without a form Content-Type. Properties:
//  - never throws; a failure says which part is undecodable;
//  - `all()` is the query pairs then the form pairs; `params()` is them merged, the last value winning, and `find` agrees with it;
//  - the form body is read only with Content-Type application/x-www-form-urlencoded;
//  - `path` is the target up to '?';
//  - every decoded pair survives our own encoder: encode_query(pairs) decodes to the same pairs.
#include <map>
#include <string>

#include <fuzzer/FuzzedDataProvider.h>

#include "acsconf/harness/http_message.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/rpc_request.hpp"
#include "check.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

constexpr const char* kContentTypes[] = {"", "application/x-www-form-urlencoded",
                                         "application/x-www-form-urlencoded; charset=UTF-8", "application/json",
                                         "text/plain"};
constexpr const char* kMethods[] = {"GET", "POST", "PUT", ""};

void check_reencodes(const harness::ParamList& pairs) {
    harness::ParamList again;
    std::string error;
    ACSCONF_FUZZ_CHECK(harness::decode_query(harness::encode_query(pairs), again, error) && again == pairs,
                       "decoded pairs survive encode_query + decode_query unchanged");
}

}  // namespace

int run_rpc_request_parser(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const std::string method = input.PickValueInArray(kMethods);
    const std::string content_type = input.PickValueInArray(kContentTypes);
    const std::string target = input.ConsumeRandomLengthString(2048);
    const std::string body = input.ConsumeRemainingBytesAsString();
    harness::Headers headers;
    if (!content_type.empty()) headers.emplace("content-type", content_type);

    harness::ParsedRpcRequest parsed;
    try {
        parsed = harness::parse_rpc_request(method, target, headers, body);
    } catch (...) {
        ACSCONF_FUZZ_CHECK(false, "parse_rpc_request never throws");
    }
    if (!parsed.ok) {
        ACSCONF_FUZZ_CHECK(!parsed.error.empty(), "a request that does not parse says which part is wrong");
        return 0;
    }
    const std::size_t question = target.find('?');
    ACSCONF_FUZZ_CHECK(target.compare(0, parsed.path.size(), parsed.path) == 0 &&
                           (question == std::string::npos || parsed.path.size() <= question),
                       "the path is the target up to '?'");
    if (content_type.find("application/x-www-form-urlencoded") == std::string::npos)
        ACSCONF_FUZZ_CHECK(parsed.form.empty(), "a body without the form Content-Type is not read as parameters");

    harness::ParamList all = parsed.query;
    all.insert(all.end(), parsed.form.begin(), parsed.form.end());
    ACSCONF_FUZZ_CHECK(parsed.all() == all, "all() is the query pairs then the form pairs");
    std::map<std::string, std::string> merged;
    for (const auto& [name, value] : all) merged.insert_or_assign(name, value);
    ACSCONF_FUZZ_CHECK(parsed.params() == merged, "params merges query then form, the last value winning");
    for (const auto& [name, value] : merged) {
        const std::string* found = parsed.find(name);
        ACSCONF_FUZZ_CHECK(found != nullptr && *found == value, "find(name) gives the merged (last) value");
    }
    check_reencodes(parsed.query);
    check_reencodes(parsed.form);
    return 0;
}

}  // namespace acsconf::fuzz

namespace acsconf::fuzz {

std::string encode_rpc_request_parser_input(bool form_post, std::string_view target, std::string_view body) {
    FdpWriter writer;
    writer.integral_in_range(form_post ? 1 : 0, 0, std::size(kMethods) - 1);
    writer.integral_in_range(form_post ? 1 : 0, 0, std::size(kContentTypes) - 1);
    writer.random_length_string(target, 2048);
    writer.remaining(body);
    return writer.bytes();
}

}  // namespace acsconf::fuzz
