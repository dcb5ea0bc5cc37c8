// The gateway in front of the model: method, route, product/version, action, format, AccessKey,
// signature, timestamp window and nonce replay, then model::Account::handle. The order of the checks
// follows the gateway (find the API, then authenticate, then run it); where facts/ says UNCONFIRMED
// the choice is documented in mock/README.md.
#include "acsconf/mock/service.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <unordered_map>

#include "acsconf/harness/response_codec.hpp"
#include "acsconf/harness/rpc_request.hpp"
#include "acsconf/harness/signature.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::mock {
namespace {

using Clock = std::chrono::system_clock;
using Params = std::map<std::string, std::string>;

using harness::kV3Algorithm;

// Gateway parameters: everything else in the query/body is a business parameter of the action.
const std::set<std::string, std::less<>> kCommonParams = {
    "Action",           "Version",        "Format",           "AccessKeyId",
    "Signature",        "SignatureMethod", "SignatureVersion", "SignatureNonce",
    "SignatureType",    "Timestamp",      "SecurityToken",    "RegionId",
};

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && lower(a) == lower(b);
}

const std::string* header(const HttpRequest& request, std::string_view name) {
    auto it = request.headers.find(std::string(name));
    return it == request.headers.end() ? nullptr : &it->second;
}

const std::string* param(const Params& params, std::string_view name) {
    auto it = params.find(std::string(name));
    return it == params.end() ? nullptr : &it->second;
}

std::string_view path_of(std::string_view target) {
    auto end = target.find_first_of("?#");
    return target.substr(0, end);
}

// "2015-08-18T03:15:45Z", optionally with fractional seconds ("…45.123Z"). UTC only, as the
// signature docs require (facts/ram.md §3.1).
std::optional<Clock::time_point> parse_timestamp(std::string_view text) {
    if (text.size() < 20 || text.size() > 40 || text.back() != 'Z') return std::nullopt;
    std::string s(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, consumed = 0;
    if (std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                    &second, &consumed) != 6 ||
        consumed != 19)
        return std::nullopt;
    std::string_view rest = text.substr(19);
    if (rest.size() > 1) {  // fractional seconds: '.' then digits, then 'Z'
        if (rest.front() != '.' || rest.size() < 3) return std::nullopt;
        for (char c : rest.substr(1, rest.size() - 2))
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    std::tm tm{};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_sec = second;
    return Clock::from_time_t(timegm(&tm));
}

std::string canonical_host(model::Product product) {
    return product == model::Product::Ram ? "ram.aliyuncs.com" : "vod.aliyuncs.com";
}

}  // namespace

std::vector<AccessKey> default_access_keys() {
    std::vector<AccessKey> keys;
    const char* id = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    const char* secret = std::getenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (id != nullptr && secret != nullptr && *id != '\0' && *secret != '\0')
        keys.push_back({id, secret, std::string(model::kMainAccount)});
    else
        keys.push_back({std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret),
                        std::string(model::kMainAccount)});
    keys.push_back({std::string(kUnprivilegedAccessKeyId), std::string(kUnprivilegedAccessKeySecret),
                    std::string(model::kUnprivileged)});
    return keys;
}

struct Service::State {
    ServiceOptions options;
    mutable std::mutex mutex;  // guards everything below
    model::Account account;
    // (AccessKeyId, nonce) → when it was first seen; pruned as it grows.
    std::unordered_map<std::string, Clock::time_point> nonces;
    std::size_t inserts_since_prune = 0;
    std::mt19937_64 random{std::random_device{}()};

    explicit State(ServiceOptions o) : options(std::move(o)), account(options.model) {
        if (!options.clock) options.clock = [] { return Clock::now(); };
    }

    // Uppercase UUID-shaped, like the service's RequestIds (facts/ram.md §1.3).
    std::string new_request_id() {
        std::lock_guard lock(mutex);
        std::uniform_int_distribution<int> hex(0, 15);
        std::string id;
        for (int group : {8, 4, 4, 4, 12}) {
            if (!id.empty()) id += '-';
            for (int i = 0; i < group; ++i) id += "0123456789ABCDEF"[hex(random)];
        }
        return id;
    }

    // True when the nonce is fresh (and remembers it); false on a replay.
    bool remember_nonce(const std::string& key_id, const std::string& nonce, Clock::time_point now) {
        std::lock_guard lock(mutex);
        const auto memory = 2 * options.time_window;
        if (++inserts_since_prune >= 4096 || nonces.size() >= 1'000'000) {
            std::erase_if(nonces, [&](const auto& entry) { return now - entry.second > memory; });
            inserts_since_prune = 0;
        }
        auto [it, fresh] = nonces.try_emplace(key_id + '\n' + nonce, now);
        if (!fresh && now - it->second > memory) {  // forgotten long ago: treat as new
            it->second = now;
            return true;
        }
        return fresh;
    }
};

namespace {

// Everything known about one request while it is being judged.
struct Exchange {
    model::Product product = model::Product::Ram;
    std::string action;
    harness::Format format = harness::Format::Json;
    std::string request_id;
};

HttpResponse respond(const Exchange& ex, const model::Outcome& outcome) {
    harness::Envelope envelope{ex.request_id, "", ""};
    if (!outcome.ok()) {
        envelope.host_id = canonical_host(ex.product);
        envelope.recommend = "https://api.aliyun.com/troubleshoot?q=" + outcome.code + "&product=" +
                             std::string(model::product_name(ex.product)) +
                             "&requestId=" + ex.request_id;
    }
    HttpResponse response;
    response.status = outcome.http_status;
    response.content_type = std::string(harness::content_type_for(ex.format));
    response.body =
        harness::encode_response(outcome, ex.action.empty() ? "Error" : ex.action, envelope, ex.format);
    response.headers.emplace("x-acs-request-id", ex.request_id);
    return response;
}

// A gateway-level error. The status comes from the model's catalogue when it has the code (the
// fallback, and the message, are facts/ram.md §5.2; messages may name the parameter).
HttpResponse gateway_error(const Exchange& ex, std::string_view code, int fallback_status,
                           std::string_view fallback_message) {
    model::Outcome outcome;
    outcome.code = std::string(code);
    outcome.http_status = fallback_status;
    outcome.message = std::string(fallback_message);
    if (const model::ErrorInfo* info = model::find_error(ex.product, code))
        outcome.http_status = info->http_status;
    return respond(ex, outcome);
}

HttpResponse missing_parameter(const Exchange& ex, std::string_view name) {
    return gateway_error(ex, "MissingParameter", 400,
                         "The input parameter \"" + std::string(name) +
                             "\" that is mandatory for processing this request is not supplied.");
}

}  // namespace

Service::Service(ServiceOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Service::~Service() = default;

const ServiceOptions& Service::options() const { return state_->options; }

bool Service::set_precondition(std::string_view name, std::string_view value) {
    std::lock_guard lock(state_->mutex);
    return state_->account.set_precondition(name, value);
}

std::string Service::precondition(std::string_view name) const {
    std::lock_guard lock(state_->mutex);
    return state_->account.precondition(name);
}

HttpResponse Service::reject(int status, std::string_view code, std::string_view message) {
    Exchange ex;
    ex.request_id = state_->new_request_id();
    try {
        return gateway_error(ex, code, status, message);
    } catch (...) {
        HttpResponse response;  // the encoder failed: still answer something well-formed
        response.status = status;
        response.content_type = std::string(harness::content_type_for(harness::Format::Json));
        response.body = R"({"RequestId":")" + ex.request_id + R"(","Code":"InternalError"})";
        return response;
    }
}

HttpResponse Service::handle(const HttpRequest& request) {
    try {
        return dispatch(request);
    } catch (...) {  // what() is not echoed: it may quote request bytes
        return reject(500, "InternalError",
                      "The request processing has failed due to some unknown error.");
    }
}

HttpResponse Service::dispatch(const HttpRequest& request) {
    Exchange ex;
    ex.request_id = state_->new_request_id();
    const Clock::time_point now = state_->options.clock();

    // Route: the RPC style has one path, "/"; the control route sits beside it.
    const std::string_view path = path_of(request.target);
    const bool is_get = request.method == "GET";
    const bool is_post = request.method == "POST";

    const harness::ParsedRpcRequest rpc =
        harness::parse_rpc_request(request.method, request.target, request.headers, request.body);
    const Params* parsed = rpc.ok ? &rpc.params : nullptr;
    const std::string& parse_error = rpc.error;

    if (path == kPreconditionPath) {
        if (!is_post && !is_get)
            return gateway_error(ex, "UnsupportedHTTPMethod", 400, "This http method not supported.");
        if (!parsed) return gateway_error(ex, "InvalidParameter", 400, parse_error);
        const std::string* name = param(*parsed, "name");
        if (name == nullptr) return missing_parameter(ex, "name");
        model::Outcome outcome;
        if (is_get) {
            outcome.fields["name"] = *name;
            outcome.fields["value"] = precondition(*name);
            ex.action = "GetPrecondition";
            return respond(ex, outcome);
        }
        const std::string* value = param(*parsed, "value");
        if (value == nullptr) return missing_parameter(ex, "value");
        if (!set_precondition(*name, *value))
            // The values are not echoed: an answer never repeats request bytes that could be secrets.
            return gateway_error(ex, "InvalidParameter", 400,
                                 "The specified parameter name or value is not a known precondition "
                                 "(known: vod.multiAppService = open | closed).");
        ex.action = "SetPrecondition";
        return respond(ex, outcome);
    }

    // Format first, so every later error is in the format the client asked for.
    const std::string* authorization = header(request, "authorization");
    const bool v3 = authorization != nullptr &&
                    authorization->substr(0, kV3Algorithm.size()) == kV3Algorithm;
    const std::string* format_param = parsed ? param(*parsed, "Format") : nullptr;
    bool format_valid = true;
    if (format_param != nullptr) {
        if (iequals(*format_param, "JSON")) ex.format = harness::Format::Json;
        else if (iequals(*format_param, "XML")) ex.format = harness::Format::Xml;
        else format_valid = false;
    } else if (v3) {
        // The generated SDKs send no Format and want JSON via Accept (facts/toolchain.md).
        const std::string* accept = header(request, "accept");
        ex.format = accept != nullptr && accept->find("xml") != std::string::npos &&
                            accept->find("json") == std::string::npos
                        ? harness::Format::Xml
                        : harness::Format::Json;
    } else {
        // V1 without Format: the RAM and VOD "Responses" docs say XML is the default (facts/ram.md
        // §3.1 and §8: the RAM common-parameter page says JSON, UNCONFIRMED; vod.md §3.2: XML).
        ex.format = harness::Format::Xml;
    }

    // Product from Version, else from the Host name.
    const std::string* version =
        v3 ? header(request, "x-acs-version") : (parsed ? param(*parsed, "Version") : nullptr);
    if (v3 && version == nullptr && parsed) version = param(*parsed, "Version");
    bool product_known = false;
    if (version != nullptr) {
        if (*version == model::product_version(model::Product::Ram)) {
            ex.product = model::Product::Ram;
            product_known = true;
        } else if (*version == model::product_version(model::Product::Vod)) {
            ex.product = model::Product::Vod;
            product_known = true;
        }
    }
    if (!product_known && version == nullptr) {
        if (const std::string* host = header(request, "host")) {
            const std::string h = lower(*host);
            if (h.starts_with("ram.")) ex.product = model::Product::Ram, product_known = true;
            if (h.starts_with("vod.")) ex.product = model::Product::Vod, product_known = true;
        }
    }

    if (path != "/")
        return gateway_error(ex, "InvalidAction.NotFound", 404,
                             "Specified api is not found, please check your url and method.");
    if (!is_get && !is_post)
        return gateway_error(ex, "UnsupportedHTTPMethod", 400, "This http method not supported.");
    if (!parsed) return gateway_error(ex, "InvalidParameter", 400, parse_error);
    if (!format_valid)
        return gateway_error(ex, "InvalidParameter.Format", 400,
                             "Specified parameter Format is not valid.");

    const std::string* action =
        v3 ? header(request, "x-acs-action") : param(*parsed, "Action");
    if (v3 && action == nullptr) action = param(*parsed, "Action");
    if (action == nullptr || action->empty()) return missing_parameter(ex, "Action");
    if (version == nullptr || version->empty()) return missing_parameter(ex, "Version");
    if (!product_known)
        return gateway_error(ex, "InvalidVersion", 400, "Specified parameter Version is not valid.");
    const auto actions = model::Account::supported_actions(ex.product);
    if (std::find(actions.begin(), actions.end(), *action) == actions.end())
        return gateway_error(ex, "InvalidAction.NotFound", 404,
                             "Specified api is not found, please check your url and method.");
    ex.action = *action;

    // Authentication.
    std::string key_id;
    const std::string* nonce = nullptr;
    const std::string* timestamp = nullptr;
    if (v3) {
        std::optional<harness::V3Authorization> credential =
            harness::parse_v3_authorization(*authorization);
        if (!credential || credential->credential.empty()) return missing_parameter(ex, "AccessKeyId");
        key_id = credential->credential;
        nonce = header(request, "x-acs-signature-nonce");
        timestamp = header(request, "x-acs-date");
        if (timestamp == nullptr) return missing_parameter(ex, "x-acs-date");
    } else {
        const std::string* id = param(*parsed, "AccessKeyId");
        if (id == nullptr || id->empty()) return missing_parameter(ex, "AccessKeyId");
        key_id = *id;
        if (param(*parsed, "Signature") == nullptr) return missing_parameter(ex, "Signature");
        if (const std::string* method = param(*parsed, "SignatureMethod");
            method != nullptr && *method != "HMAC-SHA1")
            return gateway_error(ex, "InvalidSignatureMethod", 400,
                                 "Specified signature method is not valid.");
        nonce = param(*parsed, "SignatureNonce");
        timestamp = param(*parsed, "Timestamp");
        if (timestamp == nullptr) return missing_parameter(ex, "Timestamp");
    }
    const AccessKey* key = nullptr;
    for (const AccessKey& candidate : state_->options.access_keys)
        if (candidate.id == key_id) key = &candidate;
    if (key == nullptr)
        return gateway_error(ex, "InvalidAccessKeyId.NotFound", 404,
                             "Specified access key is not found.");
    const bool signature_ok =
        v3 ? harness::verify_v3(request.method, request.target, request.headers, request.body, key->secret)
           : harness::verify_v1(request.method, rpc.all(), key->secret);
    if (!signature_ok)
        return gateway_error(ex, "SignatureDoesNotMatch", 400,
                             "Specified signature is not matched with our calculation.");
    std::optional<Clock::time_point> sent_at = parse_timestamp(*timestamp);
    if (!sent_at)
        return gateway_error(ex, "InvalidTimeStamp.Format", 400,
                             "Specified time stamp or date value is not well formatted.");
    const auto skew = now > *sent_at ? now - *sent_at : *sent_at - now;
    if (skew > state_->options.time_window)
        return gateway_error(ex, "InvalidTimeStamp.Expired", 400,
                             "Specified time stamp or date value is expired.");
    if (nonce == nullptr || nonce->empty()) return missing_parameter(ex, "SignatureNonce");
    if (!state_->remember_nonce(key_id, *nonce, now))
        return gateway_error(ex, "SignatureNonceUsed", 400,
                             "Specified signature nonce was used already.");

    model::Call call;
    call.product = ex.product;
    call.action = ex.action;
    call.caller = key->principal;
    for (const auto& [name, value] : *parsed)
        if (!kCommonParams.contains(name)) call.params.emplace(name, value);

    model::Outcome outcome;
    {
        std::lock_guard lock(state_->mutex);
        outcome = state_->account.handle(call);
    }
    return respond(ex, outcome);
}

}  // namespace acsconf::mock
