// Turns an `--endpoint` string into a harness::Endpoint. The CLI itself knows only `inprocess`;
// other adapters register a factory under a name prefix from their own cli/endpoint_*.cpp file:
//
//   static const acsconf::cli::EndpointRegistration kHttp{"http://", "any URL over libcurl",
//       [](const std::string& spec, const acsconf::cli::EndpointOptions& o) { ... }};
//
// Resolution picks the registered key that is the longest prefix of the string ("mock" matches "mock",
// "http://" matches "http://127.0.0.1:8080", "replay:" matches "replay:run.cassette").
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/harness/rate_limit.hpp"
#include "acsconf/model/account.hpp"

namespace acsconf::cli {

struct EndpointOptions {
    model::ModelOptions model;           // deviation to inject; honoured by endpoints built on the model
    harness::Format format = harness::Format::Json;
    // `--max-rps`: one limiter for every worker of the run; null = no client-side limit.
    std::shared_ptr<harness::RateLimiter> rate_limiter;
};

struct BuiltEndpoint {
    std::unique_ptr<harness::Endpoint> endpoint;
    std::string signature_version = "none";  // "none" (no wire) | "v1" | "v3": recorded in result.json
    bool remote = false;                     // talks to a host that is not this machine's loopback
    // `acsconf run` without --jobs: vectors judged at once. Over a network, waiting dominates, so
    // several; in-process, one. A cassette (record or replay) is an ordered log: always one.
    std::size_t default_jobs = 1;
    bool ordered = false;                    // calls must go one at a time, in selection order
    bool insecure = false;                   // TLS verification off: warned about, recorded in result.json
    // Built on the model, so EndpointOptions::model.deviation is applied (inprocess, mock). No other
    // endpoint can break a rule on purpose: make_endpoint refuses a deviation for it.
    bool applies_deviation = false;
};

// The default number of jobs for endpoints reached over a network.
inline constexpr std::size_t kNetworkJobs = 8;

// True when `url` parses and names a loopback host: localhost, 127.0.0.0/8 or [::1].
bool is_loopback_url(const std::string& url);

// A factory throws EndpointSpecError for a string it cannot use (bad URL, missing file, ...):
// the CLI prints the message and exits 2.
class EndpointSpecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

using EndpointFactory = std::function<BuiltEndpoint(const std::string& spec, const EndpointOptions& options)>;

struct EndpointFactoryInfo {
    std::string prefix;
    std::string description;
    EndpointFactory factory;
};

std::vector<EndpointFactoryInfo>& endpoint_registry();

struct EndpointRegistration {
    EndpointRegistration(std::string prefix, std::string description, EndpointFactory factory);
};

// Whether a factory is registered under exactly this key (e.g. "mock").
bool has_endpoint_factory(const std::string& prefix);

// Every registered endpoint kind with its description (and, for http(s), its #options): the footer of
// each command's --help and the list an unknown --endpoint is answered with.
std::string known_endpoints_help();

// The endpoint `acsconf run` uses without --endpoint: "mock" when registered, else "inprocess".
std::string default_endpoint_spec();

// Throws EndpointSpecError naming the string and the known prefixes when nothing matches, and naming
// --deviation when one is asked of an endpoint that cannot apply it (it would be silently ignored).
BuiltEndpoint make_endpoint(const std::string& spec, const EndpointOptions& options);

}  // namespace acsconf::cli
