#include "endpoint_factory.hpp"

#include <utility>

#include <boost/url/parse.hpp>

namespace acsconf::cli {

std::vector<EndpointFactoryInfo>& endpoint_registry() {
    static std::vector<EndpointFactoryInfo> factories;  // created on first use: see command_registry()
    return factories;
}

EndpointRegistration::EndpointRegistration(std::string prefix, std::string description, EndpointFactory factory) {
    endpoint_registry().push_back({std::move(prefix), std::move(description), std::move(factory)});
}

bool has_endpoint_factory(const std::string& prefix) {
    for (const auto& entry : endpoint_registry())
        if (entry.prefix == prefix) return true;
    return false;
}

std::string default_endpoint_spec() { return has_endpoint_factory("mock") ? "mock" : "inprocess"; }

std::string known_endpoints_help() {
    std::string known = "Endpoints (--endpoint):";
    for (const auto& entry : endpoint_registry()) known += "\n  " + entry.prefix + "  " + entry.description;
    return known;
}

BuiltEndpoint make_endpoint(const std::string& spec, const EndpointOptions& options) {
    const EndpointFactoryInfo* best = nullptr;
    for (const auto& entry : endpoint_registry()) {
        if (spec.starts_with(entry.prefix) && (best == nullptr || entry.prefix.size() > best->prefix.size()))
            best = &entry;
    }
    if (best == nullptr) {
        throw EndpointSpecError("unknown endpoint '" + spec + "'; " + known_endpoints_help());
    }
    BuiltEndpoint built = best->factory(spec, options);
    if (!built.endpoint) throw EndpointSpecError("endpoint '" + spec + "' could not be created");
    if (!options.model.deviation.empty() && !built.applies_deviation)
        throw EndpointSpecError("--deviation " + options.model.deviation + " cannot be applied to endpoint '" + spec +
                                "': only endpoints built on the model (inprocess, mock) break a rule on purpose");
    return built;
}

bool is_loopback_url(const std::string& url) {
    const auto parsed = boost::urls::parse_uri(url);
    if (!parsed) return false;
    // Boost.URL 1.81 reads "http://127.0.0.1.evil.example" as host 127.0.0.1 with the rest as a path that
    // does not start with '/', which RFC 3986 forbids after an authority: such a URL is not loopback.
    const auto path = parsed->encoded_path();
    if (!path.empty() && path.front() != '/') return false;
    switch (parsed->host_type()) {
        case boost::urls::host_type::ipv4: return parsed->host_ipv4_address().to_bytes()[0] == 127;
        case boost::urls::host_type::ipv6: return parsed->host_ipv6_address().is_loopback();
        case boost::urls::host_type::name: {
            const std::string host = parsed->host();
            return host == "localhost" || host.ends_with(".localhost");
        }
        default: return false;
    }
}

}  // namespace acsconf::cli
