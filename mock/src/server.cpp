// Everything of the mock that needs Boost.Beast/Asio lives in this one translation unit (they are
// slow to compile): raw-bytes parsing for handle_raw_http, response serialisation, and the server.
#include "acsconf/mock/server.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <limits>
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
#include <boost/asio/steady_timer.hpp>
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

HttpRequest to_core_request(http::request<http::string_body>&& message) {
    HttpRequest request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        request.headers.emplace(std::move(name), std::string(field.value()));
    }
    request.body = std::move(message.body());  // moved, not copied: a body may be 10 MiB
    return request;
}

http::response<http::string_body> to_beast_response(HttpResponse response, bool keep_alive) {
    http::response<http::string_body> message;
    message.version(11);
    message.result(static_cast<unsigned>(response.status));
    message.set(http::field::server, "acsconf-mock");
    if (!response.content_type.empty()) message.set(http::field::content_type, response.content_type);
    for (const auto& [name, value] : response.headers) message.insert(name, value);
    message.body() = std::move(response.body);
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

std::string trim_lower(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// RFC 9112 §6.1 and §6.3: a request body is framed by Content-Length or by a final "chunked" coding,
// never both. The mock decodes no other coding, so anything but a plain "chunked" is refused before
// the body is read: read as "no body" (what the parser does with "chunked, identity"), the body's
// bytes would become a second request on the same connection.
std::optional<HttpResponse> reject_framing(Service& service, const http::request<http::string_body>& message) {
    std::vector<std::string> codings;
    for (const auto& field : message.base()) {
        if (field.name() != http::field::transfer_encoding) continue;
        std::string_view value = field.value();
        std::size_t start = 0;
        while (start <= value.size()) {
            const std::size_t end = std::min(value.find(',', start), value.size());
            if (std::string coding = trim_lower(value.substr(start, end - start)); !coding.empty())
                codings.push_back(std::move(coding));
            start = end + 1;
        }
    }
    if (codings.empty()) return std::nullopt;
    if (message.base().count(http::field::content_length) != 0)
        return service.reject(400, "MalformedRequest",
                              "Malformed HTTP request: both Transfer-Encoding and Content-Length.");
    if (codings.size() == 1 && codings.front() == "chunked") return std::nullopt;
    if (codings.back() == "chunked")
        return service.reject(501, "NotImplemented",
                              "Transfer-Encoding other than a plain \"chunked\" is not supported.");
    return service.reject(400, "MalformedRequest",
                          "Malformed HTTP request: Transfer-Encoding does not end in \"chunked\", so the "
                          "body cannot be framed.");
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
        if (parser.is_header_done())
            if (auto refusal = reject_framing(*this, parser.get())) return serialize_response(*refusal, false);
        // Beast's put_eof on a parser that never saw a complete head reports success: an empty or
        // headless input is incomplete, not a request.
        if (!ec && !parser.is_header_done()) ec = http::error::partial_message;
        if (!ec && !parser.is_done()) parser.put_eof(ec);
        if (!ec && !parser.is_done()) ec = http::error::partial_message;
        if (ec) return serialize_response(reject_parse_error(*this, ec), false);
        return serialize_response(handle(to_core_request(parser.release())), false);
    } catch (...) {
        return serialize_response(reject(500, "InternalError", "The request could not be processed."),
                                  false);
    }
}

// ---------------------------------------------------------------------------------------------

class Session;

// Idle deadlines are kept per connection as a number, not as a timer: arming and cancelling a timer
// around every read and write cost more than the rest of the connection's I/O. One sweep timer per
// server closes the connections whose deadline has passed, checking a few times per idle timeout.
using IdleClock = std::chrono::steady_clock;
constexpr std::int64_t kNoDeadline = std::numeric_limits<std::int64_t>::max();

std::chrono::milliseconds sweep_period(std::chrono::milliseconds idle_timeout) {
    return std::clamp(idle_timeout / 4, std::chrono::milliseconds(5), std::chrono::milliseconds(1000));
}

struct Server::Impl {
    ServerOptions options;
    Service service;
    unsigned thread_count;
    std::atomic<std::size_t> open_sessions{0};  // before ioc: sessions die with ioc's handlers
    asio::io_context ioc;
    std::optional<tcp::acceptor> acceptor;
    std::optional<asio::steady_timer> accept_retry;  // on the acceptor's strand
    std::optional<asio::steady_timer> idle_sweep;    // on its own strand
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};
    bool started = false;
    std::uint16_t bound_port = 0;
    bool bound_loopback = false;

    std::mutex sessions_mutex;
    std::vector<std::weak_ptr<Session>> sessions;

    std::mutex running_mutex;
    std::condition_variable running_cv;
    unsigned running_threads = 0;

    explicit Impl(ServerOptions o)
        : options(std::move(o)),
          service(options.service),
          thread_count(options.threads != 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency())),
          ioc(static_cast<int>(thread_count)) {}

    void accept();
    void refuse(tcp::socket& socket);
    void track(const std::shared_ptr<Session>& session);
    void sweep_idle();

    // With one I/O thread every handler already runs on that thread, one at a time: a strand per
    // connection would only add a queue and a lock to every completion.
    asio::any_io_executor connection_executor() {
        if (thread_count == 1) return ioc.get_executor();
        return asio::make_strand(ioc);
    }
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, Server::Impl& server)
        : socket_(std::move(socket)), server_(server), delay_(socket_.get_executor()) {
        ++server_.open_sessions;
    }
    ~Session() { --server_.open_sessions; }

    void start() {
        asio::dispatch(socket_.get_executor(), [self = shared_from_this()] { self->read(); });
    }

    // Graceful: a response being written is finished first (on_write closes afterwards).
    void request_stop() {
        asio::post(socket_.get_executor(), [self = shared_from_this()] {
            if (!self->writing_) self->close();
        });
    }

    // Called by the sweep from any thread: whether a read or write has waited past its deadline.
    bool idle_expired(std::int64_t now) const { return deadline_.load(std::memory_order_relaxed) <= now; }
    // Closes the connection when it is still past its deadline once on its own executor.
    void close_if_idle() {
        asio::post(socket_.get_executor(), [self = shared_from_this()] {
            if (self->idle_expired(IdleClock::now().time_since_epoch().count())) self->close();
        });
    }

private:
    // The head first, so its limits and framing are judged before any body byte is read.
    void read() {
        if (server_.stopping) return close();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(server_.options.max_header_bytes));
        parser_->body_limit(server_.service.options().max_body_bytes);
        wait_at_most(server_.options.idle_timeout);
        http::async_read_header(socket_, buffer_, *parser_,
                                [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                    self->on_header(ec);
                                });
    }

    static bool gone(const beast::error_code& ec) {
        return ec == http::error::end_of_stream || ec == beast::error::timeout ||
               ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
               ec == asio::error::eof;
    }

    void wait_at_most(std::chrono::milliseconds timeout) {
        deadline_.store((IdleClock::now() + timeout).time_since_epoch().count(), std::memory_order_relaxed);
    }
    void no_deadline() { deadline_.store(kNoDeadline, std::memory_order_relaxed); }

    void on_header(beast::error_code ec) {
        if (gone(ec) || !socket_.is_open()) return close();
        // A head we cannot parse, or a Content-Length above the limit: answer and close, the
        // stream is out of sync.
        if (ec) return write(reject_parse_error(server_.service, ec), false);
        if (auto refusal = reject_framing(server_.service, parser_->get())) return write(*refusal, false);
        if (parser_->is_done()) return on_read({});  // no body: nothing more to wait for
        http::async_read(socket_, buffer_, *parser_,
                         [self = shared_from_this()](beast::error_code body_ec, std::size_t) { self->on_read(body_ec); });
    }

    void on_read(beast::error_code ec) {
        no_deadline();
        if (gone(ec) || !socket_.is_open()) return close();
        if (ec) return write(reject_parse_error(server_.service, ec), false);
        const bool keep_alive = parser_->get().keep_alive() && !server_.stopping;
        HttpResponse response = server_.service.handle(to_core_request(parser_->release()));
        parser_.reset();
        if (server_.options.latency.count() <= 0) return write(std::move(response), keep_alive);
        // Simulated distance: an asynchronous wait, so the thread serves other connections meanwhile.
        writing_ = true;  // a stop request lets the delayed answer go out first
        delay_.expires_after(server_.options.latency);
        delay_.async_wait([self = shared_from_this(), response = std::move(response), keep_alive](beast::error_code) mutable {
            self->write(std::move(response), keep_alive);
        });
    }

    void write(HttpResponse response, bool keep_alive) {
        response_ = to_beast_response(std::move(response), keep_alive);
        writing_ = true;
        wait_at_most(server_.options.idle_timeout);
        http::async_write(socket_, response_,
                          [self = shared_from_this(), keep_alive](beast::error_code ec, std::size_t) {
                              self->writing_ = false;
                              self->no_deadline();
                              self->response_ = {};
                              if (ec || !keep_alive || self->server_.stopping) return self->close();
                              self->read();
                          });
    }

    void close() {
        beast::error_code ignored;
        socket_.shutdown(tcp::socket::shutdown_both, ignored);
        socket_.close(ignored);
    }

    tcp::socket socket_;
    Server::Impl& server_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::string_body> response_;
    bool writing_ = false;
    asio::steady_timer delay_;
    std::atomic<std::int64_t> deadline_{kNoDeadline};  // IdleClock ticks; kNoDeadline while nothing waits
};

void Server::Impl::sweep_idle() {
    idle_sweep->expires_after(sweep_period(options.idle_timeout));
    idle_sweep->async_wait([this](beast::error_code ec) {
        if (ec || stopping) return;
        const std::int64_t now = IdleClock::now().time_since_epoch().count();
        {
            std::lock_guard lock(sessions_mutex);
            for (const auto& weak : sessions)
                if (auto session = weak.lock(); session && session->idle_expired(now)) session->close_if_idle();
        }
        sweep_idle();
    });
}

void Server::Impl::track(const std::shared_ptr<Session>& session) {
    std::lock_guard lock(sessions_mutex);
    std::erase_if(sessions, [](const std::weak_ptr<Session>& s) { return s.expired(); });
    sessions.push_back(session);
}

// Over the connection limit: one small 503 written without waiting (it fits the socket buffer; a
// client that does not read loses it), then the socket is closed.
void Server::Impl::refuse(tcp::socket& socket) {
    const std::string bytes = serialize_response(
        service.reject(503, "ServiceUnavailable",
                       "The mock has reached its connection limit (" + std::to_string(options.max_connections) +
                           "); try again later."),
        false);
    beast::error_code ignored;
    socket.non_blocking(true, ignored);
    socket.send(asio::buffer(bytes), 0, ignored);
    socket.shutdown(tcp::socket::shutdown_both, ignored);
    socket.close(ignored);
}

namespace {

// accept() failed because this process or the system ran out of descriptors or buffers: retrying at
// once would fail again at once (the pending connection stays in the backlog), i.e. spin.
bool out_of_resources(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec == boost::system::errc::too_many_files_open_in_system ||
           ec == asio::error::no_buffer_space || ec == asio::error::no_memory;
}

}  // namespace

void Server::Impl::accept() {
    acceptor->async_accept(connection_executor(), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
        if (out_of_resources(ec)) {
            accept_retry->expires_after(options.accept_backoff);
            accept_retry->async_wait([this](beast::error_code wait_ec) {
                if (!wait_ec && !stopping && acceptor->is_open()) accept();
            });
            return;
        }
        if (!ec && !stopping) {
            if (open_sessions.load() >= options.max_connections) {
                refuse(socket);
            } else {
                auto session = std::make_shared<Session>(std::move(socket), *this);
                track(session);
                session->start();
            }
        }
        accept();  // any other failed accept (e.g. the peer reset first) must not end the server
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
        s.accept_retry.emplace(s.acceptor->get_executor());
        s.idle_sweep.emplace(asio::make_strand(s.ioc));
        s.acceptor->open(endpoint.protocol());
        s.acceptor->set_option(asio::socket_base::reuse_address(true));
        s.acceptor->bind(endpoint);
        s.acceptor->listen(asio::socket_base::max_listen_connections);
        s.bound_port = s.acceptor->local_endpoint().port();
        s.bound_loopback = s.acceptor->local_endpoint().address().is_loopback();
    } catch (const boost::system::system_error& e) {
        s.acceptor.reset();  // code().message(): what() would add Boost's source location
        throw std::runtime_error("mock: cannot listen on " + where + ": " + e.code().message());
    } catch (const std::exception& e) {
        s.acceptor.reset();
        throw std::runtime_error("mock: cannot listen on " + where + ": " + e.what());
    }
    s.started = true;
    s.accept();
    s.sweep_idle();
    const unsigned count = s.thread_count;
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
        s.accept_retry->cancel();
    });
    asio::post(s.idle_sweep->get_executor(), [&s] { s.idle_sweep->cancel(); });
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
bool Server::loopback() const { return impl_->bound_loopback; }
unsigned Server::threads() const { return impl_->thread_count; }

std::string Server::address() const {
    const std::string& host = impl_->options.host;
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(impl_->bound_port);
}

std::string Server::base_url() const { return "http://" + address(); }

Service& Server::service() { return impl_->service; }

}  // namespace acsconf::mock
