// acsconf-mock: the mock endpoint without the rest of the CLI (same options as `acsconf serve`).
#include <iostream>

#include <CLI/CLI.hpp>

#include "acsconf/mock/server.hpp"

int main(int argc, char** argv) {
    CLI::App app{"acsconf mock endpoint: RAM 2015-05-01 and VOD 2017-03-21 over HTTP"};
    std::string listen = "127.0.0.1:8080";
    long window_seconds = 15 * 60;
    app.add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
    app.add_option("--time-window", window_seconds, "accepted Timestamp skew in seconds")
        ->check(CLI::Range(1L, 7L * 24 * 3600));
    CLI11_PARSE(app, argc, argv);

    acsconf::mock::ServerOptions options;
    std::string error;
    if (!acsconf::mock::parse_listen_address(listen, options.host, options.port, error)) {
        std::cerr << "acsconf-mock: --listen: " << error << "\n";
        return 2;
    }
    options.service.time_window = std::chrono::seconds(window_seconds);
    return acsconf::mock::serve_until_signal(std::move(options), std::cout, std::cerr);
}
