// `acsconf serve`: the bundled mock endpoint in the foreground (mock/README.md).
//   acsconf serve [--listen HOST:PORT] [--time-window SECONDS]
#include <iostream>
#include <memory>

#include "acsconf/mock/server.hpp"
#include "command_registry.hpp"

namespace acsconf::cli {
namespace {

const CommandRegistration kServe{
    "serve", "Run the mock endpoint (RAM 2015-05-01 and VOD 2017-03-21 over HTTP) until SIGINT/SIGTERM",
    [](CLI::App& sub) {
        struct Options {
            std::string listen = "127.0.0.1:8080";
            long time_window_seconds = 15 * 60;
        };
        auto o = std::make_shared<Options>();
        sub.add_option("--listen", o->listen, "HOST:PORT to listen on; port 0 picks a free port")
            ->capture_default_str();
        sub.add_option("--time-window", o->time_window_seconds,
                       "accepted distance in seconds between a request's Timestamp and the clock")
            ->check(CLI::Range(1L, 7L * 24 * 3600))
            ->capture_default_str();
        return [o] {
            mock::ServerOptions options;
            std::string error;
            if (!mock::parse_listen_address(o->listen, options.host, options.port, error))
                throw CLI::ValidationError("--listen", error);
            options.service.time_window = std::chrono::seconds(o->time_window_seconds);
            return mock::serve_until_signal(std::move(options), std::cout, std::cerr);
        };
    }};

}  // namespace
}  // namespace acsconf::cli
