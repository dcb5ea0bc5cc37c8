#include "acsconf/mock/serve_cli.hpp"

#include <iostream>
#include <memory>
#include <string>
#include <thread>

#include "acsconf/mock/server.hpp"

namespace acsconf::mock {

std::function<int()> declare_serve_options(CLI::App& app, BackendMaker make_backend) {
    struct Values {
        std::string endpoint;
        std::string listen = "127.0.0.1:8080";
        long time_window_seconds = 15 * 60;
        long latency_ms = 0;
        unsigned threads = 0;
        bool test_control = false;
        ServerOptions defaults;
    };
    auto v = std::make_shared<Values>();
    v->threads = std::max(1u, std::thread::hardware_concurrency());
    app.add_option("--listen", v->listen,
                   "HOST:PORT to listen on; port 0 picks a free port. A non-loopback address is reachable "
                   "from other machines (a warning says what that exposes)")
        ->capture_default_str();
    app.add_option("--time-window", v->time_window_seconds,
                   "accepted distance in seconds between a request's Timestamp and the clock; a nonce is "
                   "remembered until its request's timestamp leaves this window")
        ->check(CLI::Range(1L, 7L * 24 * 3600))
        ->capture_default_str();
    app.add_option("--threads", v->threads, "I/O threads (default: the hardware concurrency)")
        ->check(CLI::Range(1u, 256u))
        ->capture_default_str();
    app.add_option("--max-connections", v->defaults.max_connections,
                   "connections open at once; one more is answered 503 and closed")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
        ->capture_default_str();
    app.add_option("--max-body-bytes", v->defaults.service.max_body_bytes,
                   "largest request body; larger is refused with 413 before it is read")
        ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 30))
        ->capture_default_str();
    app.add_option("--max-params", v->defaults.service.max_params,
                   "most query + form parameters per request, counted before decoding; more gets 400")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 20))
        ->capture_default_str();
    app.add_option("--nonce-capacity", v->defaults.service.nonce_capacity,
                   "most nonces remembered at once (~40 bytes each); beyond it a fresh nonce gets 503 until "
                   "older ones expire (a replay is never let through)")
        ->check(CLI::Range(std::size_t{1024}, std::size_t{1} << 30))
        ->capture_default_str();
    app.add_option("--latency-ms", v->latency_ms,
                   "hold every answer back this many milliseconds, like a far endpoint; a timer, so other "
                   "connections are served meanwhile")
        ->check(CLI::Range(0L, 600000L))
        ->capture_default_str();
    app.add_flag("--test-control", v->test_control,
                 "turn on the control route POST /_acsconf/precondition (signed by the main AccessKey, no "
                 "Origin header) that test suites use to switch preconditions; off, it does not exist");
    if (make_backend)
        app.add_option("--endpoint", v->endpoint,
                       "answer from this implementation instead of the bundled model, behind the same gateway "
                       "(plugin:/path/lib.so, inprocess)");
    return [v, make_backend] {
        ServerOptions options = v->defaults;
        if (!v->endpoint.empty()) {
            try {
                options.service.backend = make_backend(v->endpoint);
            } catch (const std::exception& e) {
                throw CLI::ValidationError("--endpoint", e.what());
            }
        }
        std::string error;
        if (!parse_listen_address(v->listen, options.host, options.port, error))
            throw CLI::ValidationError("--listen", error);
        options.threads = v->threads;
        options.service.time_window = std::chrono::seconds(v->time_window_seconds);
        options.service.test_control = v->test_control;
        options.latency = std::chrono::milliseconds(v->latency_ms);
        return serve_until_signal(std::move(options), std::cout, std::cerr);
    };
}

}  // namespace acsconf::mock
