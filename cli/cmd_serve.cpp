// `acsconf serve`: the bundled mock endpoint in the foreground (mock/README.md). Its options are
// declared once, in mock/src/serve_cli.cpp, shared with the stand-alone acsconf-mock.
#include "acsconf/mock/serve_cli.hpp"
#include "command_registry.hpp"

namespace acsconf::cli {
namespace {

const CommandRegistration kServe{
    "serve", "Run the mock endpoint (RAM 2015-05-01 and VOD 2017-03-21 over HTTP) until SIGINT/SIGTERM",
    [](CLI::App& sub) { return mock::declare_serve_options(sub); }};

}  // namespace
}  // namespace acsconf::cli
