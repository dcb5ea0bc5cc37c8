// Everything of the mock that needs Boost.Beast/Asio lives in this one translation unit (they are
// slow to compile): raw-bytes parsing for handle_raw_http, response serialisation, and the server.
#include "acsconf/mock/server.hpp"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace acsconf::mock {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr std::size_t kRawHeaderLimit = 16 * 1024;

HttpRequest to_core_request(const http::request<http::string_body>& message) {
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace(std::move(name), std::string(field.value()));
    }
    request.body = message.body();
    return request;
}

http::response<http::string_body> to_beast_response(const HttpResponse& response, bool keep_alive) {
    http::response<http::string_body> message;
    message.version(11);
    message.result(static_cast<unsigned>(response.status));
    message.set(http::field::server, "acsconf-mock");
    if (!response.content_type.empty()) message.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message.insert(name, value);
    message.body() = response.body;
    message.keep_alive(keep_alive);
    message.prepare_payload();
    return message;
}

// The answer to a request Beast could not parse: which limit or syntax rule it broke.
HttpResponse reject_parse_error(Service& service, const beast::error_code& ec) {
    if (ec == http::error::body_limit)
        return service.reject(413, "RequestEntityTooLarge",
                              "The request body is larger than the mock accepts (" +
                                  std::to_string(service.options().max_body_bytes) + " bytes).");
    if (ec == http::error::header_limit)
        return service.reject(431, "RequestHeaderFieldsTooLarge",
                              "The request line and headers are larger than the mock accepts.");
    return service.reject(400, "MalformedRequest", "Malformed HTTP request: " + ec.message() + ".");
}

}  // namespace

std::string serialize_response(const HttpResponse& response, bool keep_alive) {
    std::ostringstream out;
    out << to_beast_response(response, keep_alive);
    return out.str();
}

std::string Service::handle_raw_http(std::string_view request_bytes) {
    try {
        http::request_parser<http::string_body> parser;
        parser.header_limit(kRawHeaderLimit);
        parser.body_limit(options().max_body_bytes);
        parser.eager(true);
        beast::error_code ec;
        std::size_t used = 0;
        while (used < request_bytes.size() && !parser.is_done()) {
            const std::size_t n = parser.put(
                asio::buffer(request_bytes.data() + used, request_bytes.size() - used), ec);
            used += n;
            if (ec == http::error::need_more) {
                ec = {};
                if (n == 0) break;  // everything left is an incomplete head: nothing more to feed
            } else if (ec) {
                break;
            }
        }
        // Beast's put_eof on a parser that never saw a complete head reports success: an empty or
        // headless input is incomplete, not a request.
        if (!ec && !parser.is_header_done()) ec = http::error::partial_message;
        if (!ec && !parser.is_done()) parser.put_eof(ec);
        if (!ec && !parser.is_done()) ec = http::error::partial_message;
        if (ec) return serialize_response(reject_parse_error(*this, ec), false);
        return serialize_response(handle(to_core_request(parser.get())), false);
    } catch (...) {
        return serialize_response(reject(500, "InternalError", "The request could not be processed."),
                                  false);
    }
}

// ---------------------------------------------------------------------------------------------

class Session;

struct Server::Impl {
    ServerOptions options;
    Service service;
    asio::io_context ioc;
    std::optional<tcp::acceptor> acceptor;
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    bool started = false;
    std::uint16_t bound_port = 0;

    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;

    std::mutex running_mutex;
    std::condition_variable running_cv;
    unsigned running_threads = 0;

    explicit Impl(ServerOptions o)
        : options(std::move(o)), service(options.service), ioc(static_cast<int>(std::max(1u, options.threads))) {}

    void accept();
    void track(const std::shared_ptr<Session>& session);
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Server::Impl& server) : stream_(std::move(socket)), server_(server) {}

    void start() {
        asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

    // Graceful: a response being written is finished first (on_write closes afterwards).
    void request_stop() {
        asio::post(stream_.get_executor(), [self = shared_from_this()] {
            if (!self->writing_) self->close();
        });
    }

private:
    void read() {
        if (server_.stopping) return close();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
        parser_->body_limit(server_.service.options().max_body_bytes);
        stream_.expires_after(server_.options.idle_timeout);
        http::async_read(stream_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             self->on_read(ec);
                         });
    }

    void on_read(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
            ec == asio::error::eof || !stream_.socket().is_open())
            return close();
        if (ec) {
            // A request we cannot parse: answer 4xx and close, the stream is out of sync.
            return write(reject_parse_error(server_.service, ec), false);
        }
        const auto& message = parser_->get();
        HttpResponse response = server_.service.handle(to_core_request(message));
        write(response, message.keep_alive() && !server_.stopping);
    }

    void write(const HttpResponse& response, bool keep_alive) {
        response_ = to_beast_response(response, keep_alive);
        writing_ = true;
        stream_.expires_after(server_.options.idle_timeout);
        http::async_write(stream_, response_,
                          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                              self->writing_ = false;
                              if (ec || !keep_alive || self->server_.stopping) return self->close();
                              self->read();
                          });
    }

    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
        stream_.close();
    }

    beast::tcp_stream stream_;
    Server::Impl& server_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    bool writing_ = false;
};

void Server::Impl::track(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(sessions_mutex);
    std::erase_if(sessions, [](const std::weak_ptr<Session>& s) { return s.expired(); });
    sessions.push_back(session);
}

void Server::Impl::accept() {
    acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        if (!ec && !stopping) {
            auto session = std::make_shared<Session>(std::move(socket), *this);
            track(session);
            session->start();
        }
        accept();  // a failed accept (e.g. out of descriptors) must not end the server
    });
}

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() { stop(); }

void Server::start() {
    Impl& s = *impl_;
    if (s.started) return;
    const std::string where = s.options.host + ":" + std::to_string(s.options.port);
    try {
        tcp::resolver resolver(s.ioc);
        auto results = resolver.resolve(s.options.host, std::to_string(s.options.port),
                                        tcp::resolver::passive | tcp::resolver::numeric_service);
        if (results.empty()) throw std::runtime_error("host not found");
        const tcp::endpoint endpoint = results.begin()->endpoint();
        s.acceptor.emplace(asio::make_strand(s.ioc));
        s.acceptor->open(endpoint.protocol());
        s.acceptor->set_option(asio::socket_base::reuse_address(true));
        s.acceptor->bind(endpoint);
        s.acceptor->listen(asio::socket_base::max_listen_connections);
        s.bound_port = s.acceptor->local_endpoint().port();
    } catch (const boost::system::system_error& e) {
        s.acceptor.reset();  // code().message(): what() would add Boost's source location
        throw std::runtime_error("mock: cannot listen on " + where + ": " + e.code().message());
    } catch (const std::exception& e) {
        s.acceptor.reset();
        throw std::runtime_error("mock: cannot listen on " + where + ": " + e.what());
    }
    s.started = true;
    s.accept();
    const unsigned count = std::max(1u, s.options.threads);
    s.running_threads = count;
    for (unsigned i = 0; i < count; ++i)
        s.threads.emplace_back([&s] {
            s.ioc.run();
            std::lock_guard lock(s.running_mutex);
            --s.running_threads;
            s.running_cv.notify_all();
        });
}

void Server::stop() {
    Impl& s = *impl_;
    if (!s.started || s.stopping.exchange(true)) return;
    asio::post(s.acceptor->get_executor(), [&s] {
        beast::error_code ignored;
        s.acceptor->close(ignored);
    });
    {
        std::lock_guard lock(s.sessions_mutex);
        for (const auto& weak : s.sessions)
            if (auto session = weak.lock()) session->request_stop();
    }
    // In-flight responses get a moment to finish; then everything is cut.
    {
        std::unique_lock lock(s.running_mutex);
        s.running_cv.wait_for(lock, std::chrono::seconds(2), [&s] { return s.running_threads == 0; });
    }
    s.ioc.stop();
    for (std::thread& t : s.threads)
        if (t.joinable()) t.join();
    s.threads.clear();
}

std::uint16_t Server::port() const { return impl_->bound_port; }

std::string Server::address() const {
    const std::string& host = impl_->options.host;
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->bound_port);
}

std::string Server::base_url() const { return "http://" + address(); }

Service& Server::service() { return impl_->service; }

}  // namespace acsconf::mock
