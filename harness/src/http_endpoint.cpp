// libcurl's easy interface: a pool of handles, one per concurrent caller, each reused so keep-alive
// connections survive between calls.
#include "acsconf/harness/http_endpoint.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <mutex>
#include <thread>

#include <boost/url/parse.hpp>
#include <curl/curl.h>

#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/redact.hpp"
#include "acsconf/harness/response_codec.hpp"

namespace acsconf::harness {

bool is_retryable_code(std::string_view code) {
    return code == "Throttling" || code.starts_with("Throttling.") || code == "ServiceUnavailable" ||
           code == "ServiceUnAvailable";
}

namespace {

struct BaseUrl {
    std::string origin;     // "http://127.0.0.1:8080" (what curl connects to)
    std::string authority;  // "127.0.0.1:8080" (the Host header, signed by V3)
    std::string path;       // "/" unless the URL names one
};

BaseUrl parse_base_url(const std::string& url, const char* option) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) throw EndpointConfigError(std::string(option) + " '" + url + "' is not an absolute URL (" +
                                           parsed.error().message() + ")");
    const std::string scheme = to_lower_ascii(parsed->scheme());
    if (scheme != "http" && scheme != "https")
        throw EndpointConfigError(std::string(option) + " '" + url + "': scheme must be http or https");
    if (parsed->encoded_host().empty()) throw EndpointConfigError(std::string(option) + " '" + url + "' has no host");
    if (parsed->has_query() || parsed->has_userinfo())
        throw EndpointConfigError(std::string(option) + " '" + url + "' must not carry a query or user info");
    BaseUrl out;
    out.authority = std::string(parsed->encoded_host_and_port());
    out.origin = scheme + "://" + out.authority;
    out.path = std::string(parsed->encoded_path());
    if (out.path.empty()) out.path = "/";
    return out;
}

class CurlGlobal {
public:
    CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
    ~CurlGlobal() { curl_global_cleanup(); }
};

void ensure_curl_global() {
    static CurlGlobal global;  // thread-safe static init; curl_global_init is not thread-safe itself
}

struct CurlList {
    curl_slist* list = nullptr;
    ~CurlList() { curl_slist_free_all(list); }
    void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
};

struct RawAnswer {
    long status = 0;
    std::string content_type;
    std::string body;
    std::map<std::string, std::string> headers;  // names lower-case; the last value of a repeated one
};

std::size_t write_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* headers = static_cast<std::map<std::string, std::string>*>(user);
    const std::string line(data, size * count);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
        std::string name = to_lower_ascii(line.substr(0, colon));
        std::string value = line.substr(colon + 1);
        const auto first = value.find_first_not_of(" \t");
        const auto last = value.find_last_not_of(" \t\r\n");
        value = first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        (*headers)[std::move(name)] = std::move(value);
    } else if (line.starts_with("HTTP/")) {
        headers->clear();  // a new response (after a 100 Continue or a redirect)
    }
    return size * count;
}

struct BodySink {
    std::string* body;
    std::size_t limit;
    bool overflow = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<BodySink*>(user);
    const std::size_t bytes = size * count;
    if (sink->body->size() + bytes > sink->limit) {
        sink->overflow = true;
        return 0;  // makes curl fail with CURLE_WRITE_ERROR
    }
    sink->body->append(data, bytes);
    return bytes;
}

// What went wrong with one exchange, for retry decisions and the error message.
struct Failure {
    std::string cause;
    bool retryable = false;
    bool never_sent = false;  // the connection was refused: the server provably saw nothing
};

// Calls that only read: safe to send twice. Anything else may change state, so it is resent only
// when it provably never reached the server.
bool is_read_only(std::string_view action) {
    return action.starts_with("Get") || action.starts_with("List") || action.starts_with("Describe");
}

class HttpEndpoint final : public Endpoint, public Reproducible {
public:
    using Clock = std::chrono::steady_clock;

    explicit HttpEndpoint(HttpEndpointOptions options)
        : options_(std::move(options)),
          ram_(parse_base_url(options_.ram_url, "RAM URL")),
          vod_(parse_base_url(options_.vod_url.empty() ? options_.ram_url : options_.vod_url, "VOD URL")) {
        if (options_.max_attempts < 1) throw EndpointConfigError("max attempts must be at least 1");
        ensure_curl_global();
        release_handle(acquire_handle());  // fail early when libcurl cannot make a handle at all
        for (const auto& [principal, credentials] : options_.credentials) {
            secrets_.push_back(credentials.access_key_secret);
            secrets_.push_back(credentials.security_token);
        }
    }
    ~HttpEndpoint() override {
        for (CURL* handle : idle_) curl_easy_cleanup(handle);
    }
    HttpEndpoint(const HttpEndpoint&) = delete;
    HttpEndpoint& operator=(const HttpEndpoint&) = delete;

    std::string name() const override {
        return ram_.origin == vod_.origin ? ram_.origin + ram_.path : ram_.origin + " + " + vod_.origin;
    }

    Response send(const model::Call& call, const SendOptions& send_options) override {
        const BaseUrl& base = call.product == model::Product::Vod ? vod_ : ram_;
        auto credentials = options_.credentials.find(call.caller);
        if (credentials == options_.credentials.end() || !credentials->second.usable())
            throw TransportError(base.origin + ": no credentials for principal '" + call.caller + "'");
        RequestOptions request_options;
        request_options.signature = options_.signature;
        request_options.method = options_.method;
        request_options.format = send_options.format;
        request_options.path = base.path;
        request_options.fault = send_options.fault;
        // A deliberately bad request is sent exactly as built: a retry would re-sign it.
        const int attempts = send_options.fault == Fault::None ? options_.max_attempts : 1;

        const std::string where = std::string(model::product_name(call.product)) + " " + call.action + " at " +
                                  base.origin + base.path;
        // The caller's budget for this call (the run's deadline), retries and waits included.
        std::optional<Clock::time_point> until;
        if (send_options.timeout.count() > 0) until = Clock::now() + send_options.timeout;
        std::string last_cause;
        std::chrono::milliseconds wait{0};
        const bool read_only = is_read_only(call.action);
        for (int attempt = 1; attempt <= attempts; ++attempt) {
            if (attempt > 1 && !pause(wait, until)) {
                last_cause += "; no time left for another attempt";
                break;
            }
            if (options_.rate_limiter && !options_.rate_limiter->acquire(until)) {
                last_cause = "timed out waiting for the client-side rate limit (" +
                             std::to_string(options_.rate_limiter->per_second()) + " requests/s)";
                break;
            }
            const auto budget = remaining(until);
            if (budget && budget->count() <= 0) {
                last_cause = "timed out: the call's time budget is spent";
                break;
            }
            // Re-signed every attempt: a fresh nonce, or the retry would be a replay.
            const HttpRequest request = build_request(call, base.authority, credentials->second, request_options);
            remember_request(curl_command(request, base.origin));
            RawAnswer answer;
            wait = backoff_delay(attempt);
            const auto call_budget = budget.value_or(std::chrono::milliseconds::zero());
            if (send_options.fault == Fault::NonceReplayed) {
                // The first copy is answered and forgotten; the replay's answer is the one judged.
                if (auto failure = perform(base, request, answer, call_budget)) {
                    last_cause = "first copy of the replayed request: " + failure->cause;
                    break;
                }
                answer = RawAnswer{};
                if (options_.rate_limiter && !options_.rate_limiter->acquire(until)) {
                    last_cause = "timed out waiting for the client-side rate limit before the replay";
                    break;
                }
            }
            if (auto failure = perform(base, request, answer, call_budget)) {
                last_cause = failure->cause;
                if (failure->retryable && (read_only || failure->never_sent)) continue;
                if (failure->retryable && attempt < options_.max_attempts)
                    last_cause += "; not retried: " + call.action +
                                  " changes state and the request may have reached the server";
                break;
            }
            try {
                Response response = decode_response(call.action, static_cast<int>(answer.status), answer.content_type,
                                                    answer.body, send_options.format);
                response = scrub_response(std::move(response), secrets_);
                // The gateway refused the call (429, a Throttling code): it did not act, so any call may
                // go again. A busy answer (503, ServiceUnavailable) or another 5xx may come after the
                // server acted, so only a read-only call is resent; any other answer is judged as it is.
                const bool refused = answer.status == 429 || response.code == "Throttling" ||
                                     response.code.starts_with("Throttling.");
                const bool busy = refused || answer.status == 503 || is_retryable_code(response.code);
                if (busy) wait = throttle_delay(answer, attempt);
                const bool retry = refused || (read_only && (answer.status >= 500 || busy));
                if (retry && attempt < attempts) {
                    last_cause = "HTTP " + std::to_string(answer.status) + " " + response.code;
                    continue;
                }
                return response;
            } catch (const TransportError& e) {
                last_cause = scrub_secrets(e.what(), secrets_);
                if (answer.status >= 500 && read_only) continue;
                break;
            }
        }
        throw TransportError(scrub_secrets(where + ": " + last_cause, secrets_));
    }

    bool set_precondition(std::string_view name, std::string_view value) override {
        // Only our own mock has the control route: another host never sees a request to it.
        if (!options_.control_route) return false;
        // Both products share one account in our mock; set it wherever each product is served.
        bool all_set = true;
        for (const BaseUrl* base : {&ram_, &vod_}) {
            if (base == &vod_ && vod_.origin == ram_.origin) break;
            const HttpRequest request = control_request(*base, HttpMethod::Post, "SetPrecondition",
                                                        {{"name", std::string(name)}, {"value", std::string(value)}});
            RawAnswer answer;
            // No answer at all is a transport fault (the run's `error`), not "this endpoint cannot".
            if (auto failure = perform(*base, request, answer, kControlTimeout))
                throw TransportError("precondition " + std::string(name) + " at " + base->origin + ": " + failure->cause);
            if (answer.status != 200) all_set = false;
        }
        std::lock_guard lock(mutex_);
        if (all_set) preconditions_[std::string(name)] = std::string(value);
        return all_set;
    }

    // Asks the control route (our mock answers GetPrecondition with {"value": ...}) so that a runner
    // can restore what was there before; other endpoints: the last value we set, else "".
    std::string precondition(std::string_view name) const override {
        if (options_.control_route) {
            const HttpRequest request = control_request(ram_, HttpMethod::Get, "GetPrecondition", {{"name", std::string(name)}});
            RawAnswer answer;
            // No answer at all is a transport fault (the run's `error`), not "this endpoint cannot".
            if (auto failure = perform(ram_, request, answer, kControlTimeout))
                throw TransportError("precondition " + std::string(name) + " at " + ram_.origin + ": " + failure->cause);
            if (answer.status == 200) {
                const auto body = nlohmann::json::parse(answer.body, nullptr, /*allow_exceptions=*/false);
                if (body.is_object() && body.contains("value") && body["value"].is_string())
                    return body["value"].get<std::string>();
            }
        }
        std::lock_guard lock(mutex_);
        auto it = preconditions_.find(name);
        return it == preconditions_.end() ? std::string() : it->second;
    }

    bool can_act_as(std::string_view caller) const override {
        auto it = options_.credentials.find(caller);
        return it != options_.credentials.end() && it->second.usable();
    }

    std::string fault_unsupported(Fault fault) const override {
        return harness::fault_unsupported(fault, options_.signature);
    }

    // The request this thread sent last (each worker of a run judges its own vector).
    std::string last_curl_command() const override {
        std::lock_guard lock(mutex_);
        auto it = last_request_.find(std::this_thread::get_id());
        return it == last_request_.end() ? std::string() : it->second;
    }

private:
    // A control-route call, V1-signed by the main AccessKey like any call (the mock refuses unsigned
    // ones); unsigned when this endpoint holds no main key (then only a foreign route could answer).
    HttpRequest control_request(const BaseUrl& base, HttpMethod method, std::string action,
                                std::map<std::string, std::string> params) const {
        model::Call call;
        call.product = model::Product::Ram;
        call.action = std::move(action);
        call.params = std::move(params);
        call.caller = std::string(model::kMainAccount);
        RequestOptions request_options;
        request_options.signature = SignatureVersion::V1;
        request_options.method = method;
        request_options.path = std::string(kPreconditionRoute);
        auto main = options_.credentials.find(call.caller);
        const Credentials credentials =
            main != options_.credentials.end() && main->second.usable() ? main->second : Credentials{};
        if (credentials.usable()) return build_request(call, base.authority, credentials, request_options);
        HttpRequest request;  // no key: the bare form, which our mock refuses
        request.method = std::string(http_method_name(method));
        request.target = std::string(kPreconditionRoute);
        ParamList pairs(call.params.begin(), call.params.end());
        pairs.emplace(pairs.begin(), "Action", call.action);
        if (method == HttpMethod::Get) {
            request.target += "?" + encode_query(pairs);
        } else {
            request.headers.emplace("content-type", "application/x-www-form-urlencoded");
            request.body = encode_query(pairs);
        }
        return request;
    }

    static std::optional<std::chrono::milliseconds> remaining(std::optional<Clock::time_point> until) {
        if (!until) return std::nullopt;
        return std::chrono::duration_cast<std::chrono::milliseconds>(*until - Clock::now());
    }

    std::chrono::milliseconds backoff_delay(int attempt) const {
        auto delay = options_.backoff;
        for (int i = 1; i < attempt; ++i) delay *= 2;
        return delay;
    }

    // A throttled answer: wait what its headers ask (else the exponential backoff), and make every
    // other caller of the shared limiter wait as well.
    std::chrono::milliseconds throttle_delay(const RawAnswer& answer, int attempt) const {
        const auto delay = retry_delay_from_headers(answer.headers).value_or(backoff_delay(attempt));
        if (options_.rate_limiter) options_.rate_limiter->pause_until(Clock::now() + delay);
        return delay;
    }

    // Sleeps before a retry; false when that would pass the call's budget.
    static bool pause(std::chrono::milliseconds wait, std::optional<Clock::time_point> until) {
        if (until && Clock::now() + wait >= *until) return false;
        std::this_thread::sleep_for(wait);
        return true;
    }

    void remember_request(std::string command) {
        std::lock_guard lock(mutex_);
        last_request_[std::this_thread::get_id()] = std::move(command);
    }

    CURL* acquire_handle() const {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                CURL* handle = idle_.back();
                idle_.pop_back();
                return handle;
            }
        }
        CURL* handle = curl_easy_init();
        if (handle == nullptr) throw EndpointConfigError("libcurl could not create a handle");
        return handle;
    }
    void release_handle(CURL* handle) const {
        std::lock_guard lock(mutex_);
        idle_.push_back(handle);
    }

    // Runs one exchange; nullopt when an HTTP answer came back (any status).
    // The control route is a side channel: an endpoint that stalls on it must not stall the run.
    static constexpr std::chrono::milliseconds kControlTimeout{5000};

    std::optional<Failure> perform(const BaseUrl& base, const HttpRequest& request, RawAnswer& answer,
                                   std::chrono::milliseconds timeout = std::chrono::milliseconds::zero()) const {
        CURL* curl = acquire_handle();
        struct Return {
            const HttpEndpoint* self;
            CURL* handle;
            ~Return() { self->release_handle(handle); }
        } give_back{this, curl};
        curl_easy_reset(curl);  // keeps the connection cache; clears the previous request's options
        const std::string url = base.origin + request.target;
        CurlList headers;
        for (const auto& [name, value] : request.headers) headers.add(name + ": " + value);
        headers.add("Expect:");  // no 100-continue round trip
        if (request.body.empty()) headers.add("Content-Type:");  // curl would add a form type to empty POSTs
        headers.add("User-Agent: acsconf");

        BodySink sink{&answer.body, options_.max_body_bytes};
        char error_buffer[CURL_ERROR_SIZE] = {0};
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
        const auto total = timeout.count() > 0 ? std::min(timeout, options_.total_timeout) : options_.total_timeout;
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(options_.connect_timeout, total).count()));
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, options_.insecure ? 0L : 1L);
        curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, options_.insecure ? 0L : 2L);
        if (!options_.ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, options_.ca_file.c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.list);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &answer.headers);
        if (request.method == "GET") {
            curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
        } else {
            curl_easy_setopt(curl, CURLOPT_POST, 1L);
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
            if (request.method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
        }
        const CURLcode result = curl_easy_perform(curl);
        if (result != CURLE_OK) {
            std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(result);
            if (sink.overflow) detail = "answer larger than " + std::to_string(options_.max_body_bytes) + " bytes";
            return classify(result, redact_url(base.origin + base.path) + ": " + detail);
        }
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
        char* content_type = nullptr;
        curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
        if (content_type != nullptr) answer.content_type = content_type;
        return std::nullopt;
    }

    static Failure classify(CURLcode code, std::string detail) {
        switch (code) {
            case CURLE_COULDNT_CONNECT:
                return {"connection refused or unreachable (" + detail + ")", true, true};
            case CURLE_COULDNT_RESOLVE_HOST:
            case CURLE_COULDNT_RESOLVE_PROXY:
                return {"host not found (" + detail + ")", false};
            case CURLE_OPERATION_TIMEDOUT:
                return {"timed out (" + detail + ")", false};
            case CURLE_SSL_CONNECT_ERROR:
            case CURLE_PEER_FAILED_VERIFICATION:
            case CURLE_SSL_CERTPROBLEM:
            case CURLE_SSL_CIPHER:
            case CURLE_SSL_CACERT_BADFILE:
                return {"TLS failure (" + detail + ")", false};
            case CURLE_GOT_NOTHING:
            case CURLE_SEND_ERROR:
            case CURLE_RECV_ERROR:
                return {"connection dropped without an answer (" + detail + ")", true};
            default:
                return {"transfer failed (" + detail + ")", false};
        }
    }

    HttpEndpointOptions options_;
    BaseUrl ram_, vod_;
    std::vector<std::string> secrets_;
    mutable std::mutex mutex_;  // guards the members below
    mutable std::vector<CURL*> idle_;
    std::map<std::string, std::string, std::less<>> preconditions_;
    std::map<std::thread::id, std::string> last_request_;
};

}  // namespace

std::unique_ptr<Endpoint> make_http_endpoint(HttpEndpointOptions options) {
    return std::make_unique<HttpEndpoint>(std::move(options));
}

}  // namespace acsconf::harness
