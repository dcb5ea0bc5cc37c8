// The model itself as the endpoint: no wire, no credentials. `--deviation` breaks one rule on purpose.
#include "endpoint_factory.hpp"

namespace {

const acsconf::cli::EndpointRegistration kInProcess{
    "inprocess", "the model in this process (no HTTP)",
    [](const std::string& spec, const acsconf::cli::EndpointOptions& options) {
        if (spec != "inprocess")
            throw acsconf::cli::EndpointSpecError("unknown endpoint '" + spec + "' (did you mean 'inprocess'?)");
        acsconf::cli::BuiltEndpoint built{acsconf::harness::make_inprocess_endpoint(options.model), "none"};
        built.applies_deviation = true;
        return built;
    }};

}  // namespace
