// A tiny HTTP/1.1 server on 127.0.0.1 for the libcurl endpoint tests: answers each request with the
// next canned response, records what it received, and can hang to provoke a client timeout, drop the
// connection, or answer everything alike. Each connection is served on its own thread, so a client
// running jobs in parallel over keep-alive connections is not serialised behind one of them.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness::test {

struct Canned {
    int status = 200;
    std::string content_type = "application/json;charset=utf-8";
    std::string body;
    bool hang = false;  // read the request, never answer (until the server stops)
    bool forever = false;  // answer every later request with this one too (a yes-man)
    bool drop = false;     // read the request, close the connection without answering
};

class CannedServer {
public:
    // port 0: any free port; else that one (e.g. a closed_port() a client already tried).
    explicit CannedServer(std::vector<Canned> answers, unsigned short port = 0);
    ~CannedServer();
    CannedServer(const CannedServer&) = delete;
    CannedServer& operator=(const CannedServer&) = delete;

    unsigned short port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<HttpRequest> requests() const;
    int connections() const { return connections_; }

private:
    void run();
    void serve(boost::asio::ip::tcp::socket& socket);
    void close_open_connections();

    boost::asio::io_context io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    unsigned short port_ = 0;
    std::deque<Canned> answers_;
    mutable std::mutex mutex_;
    std::condition_variable stopped_cv_;
    std::vector<HttpRequest> requests_;
    std::atomic<bool> stop_{false};
    std::atomic<int> connections_{0};
    std::vector<std::shared_ptr<boost::asio::ip::tcp::socket>> open_sockets_;  // guarded by mutex_
    std::vector<std::thread> connection_threads_;                              // only the accept thread adds
    std::thread thread_;
};

// A port on 127.0.0.1 nothing listens on (bound, then closed).
unsigned short closed_port();

}  // namespace acsconf::harness::test
