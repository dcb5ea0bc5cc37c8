// `--endpoint plugin:/path/lib.so`: an implementation behind the C ABI of <acsconf/acsconf_plugin.h>,
// loaded with dlopen and called in-process (harness/include/acsconf/harness/plugin_endpoint.hpp). Each endpoint made from the
// spec is a new instance of the plugin (its own state).
#include "acsconf/harness/plugin_endpoint.hpp"
#include "endpoint_factory.hpp"

namespace {

const acsconf::cli::EndpointRegistration kPlugin{
    "plugin:", "a shared library speaking the acsconf plugin ABI (plugin:/path/lib.so; see harness/README.md)",
    [](const std::string& spec, const acsconf::cli::EndpointOptions&) {
        const std::string path = spec.substr(std::string("plugin:").size());
        if (path.empty()) throw acsconf::cli::EndpointSpecError("'plugin:' needs a library path, e.g. plugin:/path/libimpl.so");
        try {
            return acsconf::cli::BuiltEndpoint{acsconf::harness::make_plugin_endpoint(path), "none"};
        } catch (const acsconf::harness::PluginError& e) {
            throw acsconf::cli::EndpointSpecError(e.what());
        }
    }};

}  // namespace
