// The gateway in front of the model: method, route, product/version, action, format, AccessKey,
// signature, timestamp window and nonce replay, then model::Account::handle. The order of the checks
// follows the gateway (find the API, then authenticate, then run it); where docs/sources/ says UNCONFIRMED
// the choice is documented in mock/README.md.
#include "acsconf/mock/service.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <random>
#include <unordered_map>

#include "acsconf/mock/nonce_store.hpp"

#include "acsconf/harness/response_codec.hpp"
#include "acsconf/harness/rpc_request.hpp"
#include "acsconf/harness/signature.hpp"
#include "acsconf/model/catalogue.hpp"

namespace acsconf::mock {
namespace {

using Clock = std::chrono::system_clock;

using harness::kV3Algorithm;

// Gateway parameters: everything else in the query/body is a business parameter of the action.
// (A flat array: a dozen names, checked for every parameter of every request.)
constexpr std::array<std::string_view, 12> kCommonParams = {
    "Action",           "Version",        "Format",           "AccessKeyId",
    "Signature",        "SignatureMethod", "SignatureVersion", "SignatureNonce",
    "SignatureType",    "Timestamp",      "SecurityToken",    "RegionId",
};

bool is_common_param(std::string_view name) {
    return std::find(kCommonParams.begin(), kCommonParams.end(), name) != kCommonParams.end();
}

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
    auto it = request.headers.find(name);
    return it == request.headers.end() ? nullptr : &it->second;
}

const std::string* param(const harness::ParsedRpcRequest& rpc, std::string_view name) {
    return rpc.find(name);
}

std::string_view path_of(std::string_view target) {
    auto end = target.find_first_of("?#");
    return target.substr(0, end);
}

// "2015-08-18T03:15:45Z", optionally with fractional seconds ("…45.123Z"). UTC only, as the
// signature docs require (docs/sources/gateway.md#common-parameters).
std::optional<Clock::time_point> parse_timestamp(std::string_view text) {
    if (text.size() < 20 || text.size() > 40 || text.back() != 'Z') return std::nullopt;
    // Fixed positions: digits where digits go, and the separators of "YYYY-MM-DDTHH:MM:SS".
    const auto number = [&](std::size_t at, std::size_t width, int& into) {
        const char* first = text.data() + at;
        const auto [end, error] = std::from_chars(first, first + width, into);
        return error == std::errc{} && end == first + width && std::isdigit(static_cast<unsigned char>(*first));
    };
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!number(0, 4, year) || text[4] != '-' || !number(5, 2, month) || text[7] != '-' || !number(8, 2, day) ||
        text[10] != 'T' || !number(11, 2, hour) || text[13] != ':' || !number(14, 2, minute) || text[16] != ':' ||
        !number(17, 2, second))
        return std::nullopt;
    std::string_view rest = text.substr(19);
    if (rest.size() > 1) {  // fractional seconds: '.' then digits, then 'Z'
        if (rest.front() != '.' || rest.size() < 3) return std::nullopt;
        for (char c : rest.substr(1, rest.size() - 2))
            if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    // A day past the month's end rolls over into the next month, as timegm() does.
    namespace chrono = std::chrono;
    const chrono::sys_days date = chrono::year_month_day{chrono::year{year}, chrono::month{static_cast<unsigned>(month)},
                                                         chrono::day{1}};
    return Clock::time_point(date + chrono::days{day - 1} + chrono::hours{hour} + chrono::minutes{minute} +
                             chrono::seconds{second});
}

std::string canonical_host(model::Product product) { return std::string(model::product_host(product)); }

}  // namespace

namespace {

// Both halves or neither (a half-set pair is ignored, as the documented test pair is then used).
std::optional<AccessKey> pair_from_env(const char* id_variable, const char* secret_variable,
                                       std::string_view principal) {
    const char* id = std::getenv(id_variable);
    const char* secret = std::getenv(secret_variable);
    if (id == nullptr || secret == nullptr || *id == '\0' || *secret == '\0') return std::nullopt;
    return AccessKey{id, secret, std::string(principal)};
}

}  // namespace

std::vector<AccessKey> test_access_keys() {
    return {{std::string(kTestAccessKeyId), std::string(kTestAccessKeySecret), std::string(model::kMainAccount)},
            {std::string(kUnprivilegedAccessKeyId), std::string(kUnprivilegedAccessKeySecret),
             std::string(model::kUnprivileged)}};
}

std::vector<AccessKey> default_access_keys() {
    std::vector<AccessKey> keys = test_access_keys();
    if (auto main = pair_from_env("ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                                  model::kMainAccount))
        keys[0] = std::move(*main);
    if (auto unprivileged = pair_from_env("ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID",
                                          "ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET", model::kUnprivileged))
        keys[1] = std::move(*unprivileged);
    return keys;
}

struct Service::State {
    ServiceOptions options;
    // The model is one account: this lock guards `account` only, and is held only for the model
    // call itself. Everything before it (parsing, signature, time, nonce) runs without a shared lock.
    mutable std::mutex account_mutex;
    model::Account account;
    NonceStore nonces;

    explicit State(ServiceOptions o)
        : options(std::move(o)), account(options.model), nonces(options.nonce_capacity, options.time_window) {
        if (!options.clock) options.clock = [] { return Clock::now(); };
    }

    // Uppercase UUID-shaped, like the service's RequestIds (docs/sources/ram.md#response). One generator per
    // thread: no lock.
    static std::string new_request_id() {
        thread_local std::mt19937_64 random{std::random_device{}()};
        std::string id(36, '-');
        std::uint64_t bits = random();
        int left = 16;
        for (std::size_t i = 0; i < id.size(); ++i) {
            if (i == 8 || i == 13 || i == 18 || i == 23) continue;
            if (left == 0) bits = random(), left = 16;
            id[i] = "0123456789ABCDEF"[bits & 15];
            bits >>= 4;
            --left;
        }
        return id;
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
// fallback, and the message, are docs/sources/gateway.md#gateway-codes; messages may name the parameter).
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

// A gateway error exactly as the catalogue documents it (status and message).
HttpResponse documented_error(const Exchange& ex, std::string_view code) {
    const model::ErrorInfo* info = model::find_error(ex.product, code);
    return info != nullptr ? gateway_error(ex, code, info->http_status, info->message())
                           : gateway_error(ex, "InternalError", 500, "The mock has no catalogue entry for " + std::string(code) + ".");
}

HttpResponse missing_parameter(const Exchange& ex, std::string_view name) {
    return gateway_error(ex, "MissingParameter", 400, model::message_naming(ex.product, "MissingParameter", name));
}

// The pairs a query string or form body would decode to, counted on the raw bytes (no decoding).
std::size_t raw_pair_count(std::string_view encoded) {
    return encoded.empty() ? 0 : 1 + static_cast<std::size_t>(std::count(encoded.begin(), encoded.end(), '&'));
}

// Authentication as the gateway does it, after the API was found: AccessKeyId, signature method,
// key known, signature, timestamp format and window, nonce. Returns the key, or sets `refusal`.
const AccessKey* authenticate(const ServiceOptions& options, NonceStore& nonces, const Exchange& ex, const HttpRequest& request,
                              const harness::ParsedRpcRequest& rpc, const std::string* authorization,
                              Clock::time_point now, HttpResponse& refusal) {
    // A deliberate break of this gateway (model::DeviationLayer::Gateway), for the mutation self-check.
    const auto deviates = [&](std::string_view id) { return options.model.deviation == id; };
    const bool v3 = authorization != nullptr && authorization->starts_with(kV3Algorithm);
    std::string key_id;
    const std::string* nonce = nullptr;
    const std::string* timestamp = nullptr;
    if (v3) {
        std::optional<harness::V3Authorization> credential = harness::parse_v3_authorization(*authorization);
        if (!credential || credential->credential.empty()) return refusal = missing_parameter(ex, "AccessKeyId"), nullptr;
        key_id = credential->credential;
        nonce = header(request, "x-acs-signature-nonce");
        timestamp = header(request, "x-acs-date");
        if (timestamp == nullptr) return refusal = missing_parameter(ex, "x-acs-date"), nullptr;
    } else {
        const std::string* id = param(rpc, "AccessKeyId");
        if (id == nullptr || id->empty()) return refusal = missing_parameter(ex, "AccessKeyId"), nullptr;
        key_id = *id;
        if (param(rpc, "Signature") == nullptr) return refusal = missing_parameter(ex, "Signature"), nullptr;
        if (const std::string* method = param(rpc, "SignatureMethod");
            method != nullptr && *method != "HMAC-SHA1")
            return refusal = documented_error(ex, "InvalidSignatureMethod"),
                   nullptr;
        nonce = param(rpc, "SignatureNonce");
        timestamp = param(rpc, "Timestamp");
        if (timestamp == nullptr) return refusal = missing_parameter(ex, "Timestamp"), nullptr;
    }
    const AccessKey* key = nullptr;
    for (const AccessKey& candidate : options.access_keys)
        if (candidate.id == key_id) key = &candidate;
    if (key == nullptr)
        return refusal = documented_error(ex, "InvalidAccessKeyId.NotFound"),
               nullptr;
    std::string why;
    const bool signature_ok =
        deviates("common.Signature.notChecked") ||
        (v3 ? harness::verify_v3(request.method, request.target, request.headers, request.body, key->secret, &why)
            : harness::verify_v1(request.method, {&rpc.query, &rpc.form}, key->secret));
    if (!signature_ok) {
        std::string message = model::find_error(ex.product, "SignatureDoesNotMatch")->message();
        // Which header went unsigned is the client's own data and helps it; nothing else is told.
        if (why.starts_with(harness::kV3UnsignedHeaderReason)) message += " " + why + ".";
        return refusal = gateway_error(ex, "SignatureDoesNotMatch", 400, message), nullptr;
    }
    std::optional<Clock::time_point> sent_at = parse_timestamp(*timestamp);
    if (!sent_at)
        return refusal = documented_error(ex, "InvalidTimeStamp.Format"),
               nullptr;
    const auto expired = [&] { return documented_error(ex, "InvalidTimeStamp.Expired"); };
    const auto skew = now > *sent_at ? now - *sent_at : *sent_at - now;
    const bool window_ignored = deviates("common.Timestamp.notChecked");
    if (skew > options.time_window && !window_ignored) return refusal = expired(), nullptr;
    if (nonce == nullptr || nonce->empty()) return refusal = missing_parameter(ex, "SignatureNonce"), nullptr;
    switch (nonces.remember(key_id, *nonce, *sent_at, now)) {
        case NonceStore::Verdict::Fresh:
            return key;
        case NonceStore::Verdict::Replayed:
            if (deviates("common.SignatureNonce.replayAccepted")) return key;
            return refusal = documented_error(ex, "SignatureNonceUsed"),
                   nullptr;
        case NonceStore::Verdict::Expired:
            if (window_ignored) return key;
            return refusal = expired(), nullptr;
        case NonceStore::Verdict::Full:
            break;
    }
    return refusal = documented_error(ex, "ServiceUnavailable"),
           nullptr;
}

}  // namespace

Service::Service(ServiceOptions options) : state_(std::make_unique<State>(std::move(options))) {}
Service::~Service() = default;

const ServiceOptions& Service::options() const { return state_->options; }

bool Service::set_precondition(std::string_view name, std::string_view value) {
    std::lock_guard lock(state_->account_mutex);
    if (state_->options.backend) return state_->options.backend->set_precondition(name, value);
    return state_->account.set_precondition(name, value);
}

std::string Service::precondition(std::string_view name) const {
    std::lock_guard lock(state_->account_mutex);
    if (state_->options.backend) return state_->options.backend->precondition(name);
    return state_->account.precondition(name);
}

HttpResponse Service::reject(int status, std::string_view code, std::string_view message) {
    Exchange ex;
    ex.request_id = State::new_request_id();
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
        // The product is not known yet here; VOD's wording of the common InternalError is the generic one.
        return reject(500, "InternalError", model::find_error(model::Product::Vod, "InternalError")->message());
    }
}

HttpResponse Service::dispatch(const HttpRequest& request) {
    // A deliberate break of the gateway (model::DeviationLayer::Gateway), for the mutation self-check.
    const auto gateway_deviates = [&](std::string_view id) { return state_->options.model.deviation == id; };
    Exchange ex;
    ex.request_id = State::new_request_id();
    const Clock::time_point now = state_->options.clock();

    // Route: the RPC style has one path, "/"; the control route sits beside it.
    const std::string_view path = path_of(request.target);
    const bool is_get = request.method == "GET";
    const bool is_post = request.method == "POST";
    const bool control_route = path == kPreconditionPath && state_->options.test_control;

    // Bounded work before anything is decoded: count the pairs on the raw bytes.
    const std::size_t query_at = request.target.find('?');
    const std::size_t pairs =
        (query_at == std::string::npos ? 0 : raw_pair_count(std::string_view(request.target).substr(query_at + 1))) +
        raw_pair_count(request.body);
    if (pairs > state_->options.max_params)
        return gateway_error(ex, "InvalidParameter", 400,
                             "The request carries more than " + std::to_string(state_->options.max_params) +
                                 " parameters.");

    const harness::ParsedRpcRequest rpc =
        harness::parse_rpc_request(request.method, request.target, request.headers, request.body);
    const harness::ParsedRpcRequest* parsed = rpc.ok ? &rpc : nullptr;
    const std::string& parse_error = rpc.error;
    const std::string* authorization = header(request, "authorization");
    const bool v3 = authorization != nullptr && authorization->starts_with(kV3Algorithm);

    if (control_route) {
        // A browser page must never drive it (a cross-site form post carries Origin), and only the
        // main AccessKey may, with a valid signature, timestamp and fresh nonce like any call.
        if (header(request, "origin") != nullptr)
            return gateway_error(ex, "Forbidden", 403,
                                 "The control route refuses requests that carry an Origin header.");
        if (!is_post && !is_get)
            return documented_error(ex, "UnsupportedHTTPMethod");
        if (!parsed) return gateway_error(ex, "InvalidParameter", 400, parse_error);
        const std::string* action = v3 ? header(request, "x-acs-action") : param(*parsed, "Action");
        if (action == nullptr || action->empty()) return missing_parameter(ex, "Action");
        if (*action != kSetPreconditionAction && *action != kGetPreconditionAction)
            return documented_error(ex, "InvalidAction.NotFound");
        ex.action = *action;
        HttpResponse refusal;
        const AccessKey* key = authenticate(state_->options, state_->nonces, ex, request, rpc, authorization, now, refusal);
        if (key == nullptr) return refusal;
        if (key->principal != model::kMainAccount)
            return gateway_error(ex, "NoPermission", 403,  // RAM's documented refusal, as the catalogue states it
                                 model::find_error(model::Product::Ram, "NoPermission")->message());
        const std::string* name = param(*parsed, "name");
        if (name == nullptr) return missing_parameter(ex, "name");
        model::Outcome outcome;
        if (*action == kGetPreconditionAction) {
            outcome.fields["name"] = *name;
            outcome.fields["value"] = precondition(*name);
            return respond(ex, outcome);
        }
        const std::string* value = param(*parsed, "value");
        if (value == nullptr) return missing_parameter(ex, "value");
        if (!set_precondition(*name, *value))
            // The values are not echoed: an answer never repeats request bytes that could be secrets.
            return gateway_error(ex, "InvalidParameter", 400,
                                 "The specified parameter name or value is not a known precondition "
                                 "(known: vod.multiAppService = open | closed).");
        return respond(ex, outcome);
    }

    // Format first, so every later error is in the format the client asked for.
    const std::string* format_param = parsed ? param(*parsed, "Format") : nullptr;
    bool format_valid = true;
    if (format_param != nullptr) {
        if (iequals(*format_param, "JSON")) ex.format = harness::Format::Json;
        else if (iequals(*format_param, "XML")) ex.format = harness::Format::Xml;
        else format_valid = false;
    } else if (v3) {
        // The generated SDKs send no Format and want JSON via Accept (docs/sources/gateway.md#sdk-observations).
        const std::string* accept = header(request, "accept");
        ex.format = accept != nullptr && accept->find("xml") != std::string::npos &&
                            accept->find("json") == std::string::npos
                        ? harness::Format::Xml
                        : harness::Format::Json;
    } else {
        // V1 without Format: the RAM and VOD "Responses" docs say XML is the default (docs/sources/ram.md
        // §3.1 and §8: the RAM common-parameter page says JSON, UNCONFIRMED; vod.md §3.2: XML).
        ex.format = harness::Format::Xml;
    }
    if (gateway_deviates("common.Format.ignored")) ex.format = harness::Format::Json;

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
        return documented_error(ex, "InvalidAction.NotFound");
    if (!is_get && !is_post)
        return documented_error(ex, "UnsupportedHTTPMethod");
    if (!parsed) return gateway_error(ex, "InvalidParameter", 400, parse_error);
    if (!format_valid)
        return documented_error(ex, "InvalidParameter.Format");

    const std::string* action =
        v3 ? header(request, "x-acs-action") : param(*parsed, "Action");
    if (v3 && action == nullptr) action = param(*parsed, "Action");
    if (action == nullptr || action->empty()) return missing_parameter(ex, "Action");
    if (version == nullptr || version->empty()) return missing_parameter(ex, "Version");
    if (!product_known)
        return documented_error(ex, "InvalidVersion");
    const auto& actions = model::Account::supported_actions(ex.product);
    if (std::find(actions.begin(), actions.end(), *action) == actions.end())
        return documented_error(ex, "InvalidAction.NotFound");
    ex.action = *action;

    HttpResponse refusal;
    const AccessKey* key = authenticate(state_->options, state_->nonces, ex, request, rpc, authorization, now, refusal);
    if (key == nullptr) return refusal;

    model::Call call;
    call.product = ex.product;
    call.action = ex.action;
    call.caller = key->principal;
    for (const harness::ParamList* list : {&parsed->query, &parsed->form})  // a repeated name: the last wins
        for (const auto& [name, value] : *list)
            if (!is_common_param(name)) call.params.insert_or_assign(name, value);

    model::Outcome outcome;
    {
        std::lock_guard lock(state_->account_mutex);
        if (state_->options.backend) {
            // A backend that gives no answer is the gateway's InternalError (handle() never throws).
            const harness::Response answer = state_->options.backend->send(call, {});
            outcome = model::Outcome{answer.http_status, answer.code, answer.message, answer.fields};
        } else {
            outcome = state_->account.handle(call);
        }
    }
    return respond(ex, outcome);
}

}  // namespace acsconf::mock
