// `acsconf serve`: the bundled mock endpoint in the foreground (mock/README.md). Its options are
// declared once, in mock/src/serve_cli.cpp, shared with the stand-alone acsconf-mock; here it also
// gets `--endpoint SPEC`: the gateway (HTTP, signatures, envelope) then answers from that
// implementation, so a plugin becomes an HTTP endpoint any SDK can call.
#include "acsconf/mock/serve_cli.hpp"
#include "command_registry.hpp"
#include "endpoint_factory.hpp"

namespace acsconf::cli {
namespace {

const CommandRegistration kServe{
    "serve", "Run the mock endpoint (RAM 2015-05-01 and VOD 2017-03-21 over HTTP) until SIGINT/SIGTERM",
    [](CLI::App& sub) {
        return mock::declare_serve_options(sub, [](const std::string& spec) -> std::shared_ptr<harness::Endpoint> {
            return make_endpoint(spec, EndpointOptions{}).endpoint;
        });
    }};

}  // namespace
}  // namespace acsconf::cli
