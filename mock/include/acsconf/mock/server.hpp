// The mock endpoint on a socket: a Boost.Beast HTTP/1.1 server around mock::Service, RAM and VOD on
// one port. Embeddable: `acsconf run` with no --endpoint starts one on an ephemeral loopback port.
//
//   acsconf::mock::Server server({.host = "127.0.0.1", .port = 0});
//   server.start();                 // binds and starts serving; throws std::runtime_error on failure
//   auto url = server.base_url();   // "http://127.0.0.1:41234"
//   ... sign requests with kTestAccessKeyId / kTestAccessKeySecret ...
//   server.stop();                  // also done by the destructor
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

#include "acsconf/mock/service.hpp"

namespace acsconf::mock {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 = ephemeral; read the bound one with Server::port()
    ServiceOptions service;
    // A connection that sends nothing (or stalls mid-request / mid-response) for this long is closed.
    std::chrono::milliseconds idle_timeout = std::chrono::seconds(30);
    // Largest request head (request line + headers). docs/sources/gateway.md#transport: GET ≤ 4 KB for the whole
    // request; we allow a little more for headers.
    std::size_t max_header_bytes = 16 * 1024;
    // I/O threads; 0 = std::thread::hardware_concurrency().
    unsigned threads = 0;
    // Most connections open at once. One more is answered 503 ServiceUnavailable and closed, so
    // memory stays bounded by max_connections × (max_header_bytes + max_body_bytes).
    std::size_t max_connections = 1024;
    // After accept() fails for want of file descriptors (EMFILE/ENFILE), wait this long before the
    // next accept instead of spinning; connections wait in the listen backlog meanwhile.
    std::chrono::milliseconds accept_backoff = std::chrono::milliseconds(100);
    // Every answer is held back this long (a far endpoint, `acsconf serve --latency-ms`). The wait is a
    // timer on the connection's strand: other connections are served meanwhile.
    std::chrono::milliseconds latency{0};
};

class Server {
public:
    explicit Server(ServerOptions options);
    ~Server();  // stops
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void start();  // throws std::runtime_error naming the address when it cannot listen
    // Stops accepting, lets in-flight responses finish (up to ~2 s), closes every connection and
    // joins the threads. Idempotent; safe to call from any thread except a server thread.
    void stop();

    std::uint16_t port() const;     // the bound port (after start)
    bool loopback() const;          // whether the bound address is a loopback one (after start)
    unsigned threads() const;       // I/O threads actually running (after start)
    std::string address() const;   // "HOST:PORT" (after start)
    std::string base_url() const;   // "http://HOST:PORT"
    Service& service();

    struct Impl;  // implementation detail (public only so the connection class can name it)

private:
    std::unique_ptr<Impl> impl_;
};

// Parses "HOST:PORT" (e.g. "127.0.0.1:8080", "[::1]:0", "localhost:9000"). Returns false with a
// reason for anything else.
bool parse_listen_address(std::string_view text, std::string& host, std::uint16_t& port,
                          std::string& error);

// What `acsconf serve` (and the stand-alone acsconf-mock) does: start a Server, print the bound
// address and the AccessKeyIds (never secrets) to `out`, warn on `err` when the address is not a
// loopback one (naming what is then exposed), block until SIGINT or SIGTERM, stop.
// Returns the process exit code (0 after a clean shutdown, 1 when it cannot listen).
int serve_until_signal(ServerOptions options, std::ostream& out, std::ostream& err);

}  // namespace acsconf::mock
