#include "endpoint_factory.hpp"

#include <utility>

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

BuiltEndpoint make_endpoint(const std::string& spec, const EndpointOptions& options) {
    const EndpointFactoryInfo* best = nullptr;
    for (const auto& entry : endpoint_registry()) {
        if (spec.starts_with(entry.prefix) && (best == nullptr || entry.prefix.size() > best->prefix.size()))
            best = &entry;
    }
    if (best == nullptr) {
        std::string known;
        for (const auto& entry : endpoint_registry()) known += "\n  " + entry.prefix + "  " + entry.description;
        throw EndpointSpecError("unknown endpoint '" + spec + "'; known endpoints:" + known);
    }
    BuiltEndpoint built = best->factory(spec, options);
    if (!built.endpoint) throw EndpointSpecError("endpoint '" + spec + "' could not be created");
    return built;
}

}  // namespace acsconf::cli
