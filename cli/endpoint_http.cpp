// `--endpoint http(s)://HOST[:PORT][/PATH][#OPTIONS]` (any endpoint over libcurl) and
// `--endpoint replay:FILE` (answers from a recorded cassette).
//
// Client options travel in the URL fragment, which is never sent on the wire, e.g.
//   https://ram.aliyuncs.com#vod=https://vod.cn-shanghai.aliyuncs.com&signature=v3
//   http://127.0.0.1:8080#method=GET&record=run.cassette
// The options are declared once, in kEndpointOptions below: the parser, `--help` and a test that keeps
// the README's table in step all read it.
// Credentials: harness/include/acsconf/harness/credentials.hpp. For a loopback URL with no credentials configured, the mock's
// documented public test keys are used, so `acsconf serve` + `acsconf run --endpoint http://…` works.
#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "acsconf/harness/cassette.hpp"
#include "acsconf/harness/http_endpoint.hpp"
#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/mock/service.hpp"
#include "endpoint_factory.hpp"

namespace acsconf::cli {
namespace {

struct EndpointOption {
    const char* name;
    const char* value;          // what follows '=' in the fragment
    const char* default_value;
    const char* environment;    // the variable read when the fragment does not name the option
    const char* meaning;
};

// Every #option of an http(s) endpoint. Help, parser and README come from this one list.
constexpr EndpointOption kEndpointOptions[] = {
    {"signature", "v1|v3", "v1", "ACSCONF_SIGNATURE", "signature version"},
    {"method", "GET|POST", "POST", "ACSCONF_HTTP_METHOD", "HTTP method of RPC calls"},
    {"vod", "URL", "the endpoint's URL", "ACSCONF_VOD_URL", "where VOD calls go"},
    {"insecure", "1", "off", "ACSCONF_INSECURE", "skip TLS verification (warned, recorded in result.json)"},
    {"ca", "FILE", "system store", "ACSCONF_CA_FILE", "CA bundle for TLS verification"},
    {"timeout", "S", "30", "ACSCONF_TIMEOUT", "seconds per attempt, in total"},
    {"connect-timeout", "S", "5", "ACSCONF_CONNECT_TIMEOUT", "seconds to connect"},
    {"attempts", "N", "3", "ACSCONF_ATTEMPTS", "tries per call: throttling, 5xx on reads, refused connections"},
    {"profile", "NAME", "current", "ALIBABA_CLOUD_PROFILE",
     "aliyun CLI profile; named in the URL it wins over ALIBABA_CLOUD_ACCESS_KEY_ID/SECRET"},
    {"config", "FILE", "~/.aliyun/config.json", "ALIBABA_CLOUD_CONFIG_FILE", "aliyun CLI configuration"},
    {"record", "FILE", "none", "ACSCONF_RECORD", "write a cassette for replay:FILE"},
};

const EndpointOption* find_endpoint_option(const std::string& name) {
    for (const auto& option : kEndpointOptions)
        if (name == option.name) return &option;
    return nullptr;
}

std::string endpoint_options_help() {
    std::string help = "any endpoint over HTTP (libcurl); options after '#', joined by '&':";
    for (const auto& option : kEndpointOptions)
        help += std::string("\n      #") + option.name + "=" + option.value + "  " + option.meaning + " (default " +
                option.default_value + "; environment " + option.environment + ")";
    return help;
}

// Fragment options first, then the environment; unknown option names are an error.
std::map<std::string, std::string> read_options(const std::string& spec, const std::string& fragment) {
    std::map<std::string, std::string> out;
    for (const auto& option : kEndpointOptions)
        if (const char* value = std::getenv(option.environment); value != nullptr && *value != '\0') out[option.name] = value;
    harness::ParamList pairs;
    std::string error;
    if (!harness::decode_query(fragment, pairs, error, /*plus_is_space=*/false))
        throw EndpointSpecError("endpoint '" + spec + "': options after '#' are not name=value&...: " + error);
    for (auto& [name, value] : pairs) {
        if (find_endpoint_option(name) == nullptr) {
            std::string known;
            for (const auto& option : kEndpointOptions) known += (known.empty() ? "" : ", ") + std::string(option.name);
            throw EndpointSpecError("endpoint '" + spec + "': unknown option '" + name + "' (known: " + known + ")");
        }
        out[name] = value;
    }
    return out;
}

std::chrono::milliseconds seconds_option(const std::string& spec, const std::string& name, const std::string& text) {
    try {
        std::size_t used = 0;
        const double seconds = std::stod(text, &used);
        if (used == text.size() && seconds > 0 && seconds <= 3600)
            return std::chrono::milliseconds(static_cast<long long>(seconds * 1000));
    } catch (const std::exception&) {
    }
    throw EndpointSpecError("endpoint '" + spec + "': " + name + "='" + text + "' is not a number of seconds in (0, 3600]");
}

BuiltEndpoint maybe_record(BuiltEndpoint built, const std::map<std::string, std::string>& options) {
    auto record = options.find("record");
    if (record == options.end()) return built;
    built.default_jobs = 1;
    built.ordered = true;  // the replay reads the cassette in order
    try {
        built.endpoint = harness::make_recording_endpoint(std::move(built.endpoint), record->second,
                                                          built.signature_version);
    } catch (const harness::CassetteError& e) {
        throw EndpointSpecError(e.what());
    }
    return built;
}

BuiltEndpoint make_http(const std::string& spec, const EndpointOptions& endpoint_options) {
    const auto hash = spec.find('#');
    const std::string url = spec.substr(0, hash);
    const std::string fragment = hash == std::string::npos ? "" : spec.substr(hash + 1);
    const auto options = read_options(spec, fragment);
    auto option = [&](const std::string& name) -> const std::string* {
        auto it = options.find(name);
        return it == options.end() ? nullptr : &it->second;
    };

    harness::HttpEndpointOptions http;
    http.ram_url = url;
    http.rate_limiter = endpoint_options.rate_limiter;
    if (const auto* vod = option("vod")) http.vod_url = *vod;
    const bool remote = !is_loopback_url(http.ram_url) || (!http.vod_url.empty() && !is_loopback_url(http.vod_url));
    if (const auto* v = option("signature"); v && !harness::parse_signature_version(*v, http.signature))
        throw EndpointSpecError("endpoint '" + spec + "': signature='" + *v + "' must be v1 or v3");
    if (const auto* m = option("method"); m && !harness::parse_http_method(*m, http.method))
        throw EndpointSpecError("endpoint '" + spec + "': method='" + *m + "' must be GET or POST");
    if (const auto* insecure = option("insecure")) http.insecure = *insecure == "1" || *insecure == "true";
    if (http.insecure)
        std::cerr << "acsconf: WARNING: TLS certificate verification is OFF (ACSCONF_INSECURE / #insecure=1): the "
                     "endpoint's identity is not checked, so credentials may be sent to an impostor. Recorded in "
                     "result.json (tlsVerification: off) and the report header.\n";
    if (const auto* ca = option("ca")) http.ca_file = *ca;
    if (const auto* t = option("timeout")) http.total_timeout = seconds_option(spec, "timeout", *t);
    if (const auto* t = option("connect-timeout")) http.connect_timeout = seconds_option(spec, "connect-timeout", *t);
    if (const auto* attempts = option("attempts")) {
        if (attempts->empty() || attempts->size() > 2 || attempts->find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(*attempts) < 1)
            throw EndpointSpecError("endpoint '" + spec + "': attempts='" + *attempts + "' must be 1..99");
        http.max_attempts = std::stoi(*attempts);
    }

    // Preconditions travel on our mock's control route; a request to it goes to this machine only.
    http.control_route = !remote;

    harness::CredentialOptions credential_options;
    if (const auto* profile = option("profile")) {
        credential_options.cli_profile = *profile;
        // Named in the URL fragment (not inherited from ALIBABA_CLOUD_PROFILE): it wins over the pair.
        harness::ParamList pairs;
        std::string ignored;
        harness::decode_query(fragment, pairs, ignored, /*plus_is_space=*/false);
        credential_options.profile_is_explicit =
            std::any_of(pairs.begin(), pairs.end(), [](const auto& p) { return p.first == "profile"; });
    }
    if (const auto* config = option("config")) credential_options.cli_config_file = *config;
    try {
        http.credentials = harness::load_credentials(credential_options);
    } catch (const harness::CredentialsError& e) {
        throw EndpointSpecError(std::string("credentials: ") + e.what());
    }
    if (http.credentials.empty() && is_loopback_url(url)) {
        std::cerr << "acsconf: no credentials configured; using the mock's public test keys for " << url << "\n";
        http.credentials[std::string(model::kMainAccount)] =
            harness::Credentials{std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), ""};
        http.credentials[std::string(model::kUnprivileged)] = harness::Credentials{
            std::string(mock::kUnprivilegedAccessKeyId), std::string(mock::kUnprivilegedAccessKeySecret), ""};
    }
    if (http.credentials.empty())
        throw EndpointSpecError("endpoint '" + url + "': no credentials (set ALIBABA_CLOUD_ACCESS_KEY_ID and "
                                "ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure an aliyun CLI profile)");

    BuiltEndpoint built;
    built.remote = remote;
    built.default_jobs = kNetworkJobs;
    built.insecure = http.insecure;
    built.signature_version = std::string(harness::signature_version_name(http.signature));
    try {
        built.endpoint = harness::make_http_endpoint(std::move(http));
    } catch (const harness::EndpointConfigError& e) {
        throw EndpointSpecError(e.what());
    }
    return maybe_record(std::move(built), options);
}

BuiltEndpoint make_replay(const std::string& spec, const EndpointOptions&) {
    const std::string path = spec.substr(std::string("replay:").size());
    if (path.empty()) throw EndpointSpecError("endpoint 'replay:' needs a cassette file: replay:FILE");
    try {
        const harness::CassetteHeader header = harness::read_cassette_header(path);
        BuiltEndpoint built{harness::make_replay_endpoint(path),
                            header.signature_version.empty() ? "none" : header.signature_version};
        built.ordered = true;  // answers are matched in recorded order
        return built;
    } catch (const harness::CassetteError& e) {
        throw EndpointSpecError(e.what());
    }
}

const EndpointRegistration kHttp{"http://", endpoint_options_help(), make_http};
const EndpointRegistration kHttps{"https://", "any endpoint over HTTPS (libcurl, TLS verified unless #insecure=1)",
                                  make_http};
const EndpointRegistration kReplay{"replay:", "answers from a cassette recorded with #record=FILE", make_replay};

}  // namespace
}  // namespace acsconf::cli
