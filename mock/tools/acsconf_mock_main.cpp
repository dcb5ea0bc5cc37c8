// acsconf-mock: the mock endpoint without the rest of the CLI (the same options as `acsconf serve`,
// declared in mock/src/serve_cli.cpp).
#include <CLI/CLI.hpp>

#include "acsconf/mock/serve_cli.hpp"

int main(int argc, char** argv) {
    CLI::App app{"acsconf mock endpoint: RAM 2015-05-01 and VOD 2017-03-21 over HTTP"};
    const auto run = acsconf::mock::declare_serve_options(app);
    CLI11_PARSE(app, argc, argv);
    try {
        return run();
    } catch (const CLI::Error& e) {
        return app.exit(e);
    }
}
