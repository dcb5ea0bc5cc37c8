#include "canned_server.hpp"

#include <chrono>
#include <istream>
#include <sys/socket.h>

#include "acsconf/harness/http_message.hpp"

namespace acsconf::harness::test {

using boost::asio::ip::tcp;

CannedServer::CannedServer(std::vector<Canned> answers, unsigned short port)
    : acceptor_(io_, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port)),
      answers_(answers.begin(), answers.end()) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this] { run(); });
}

CannedServer::~CannedServer() {
    stop_ = true;
    stopped_cv_.notify_all();
    // Wake the blocking accept with a connection of our own.
    boost::system::error_code ignored;
    tcp::socket poke(io_);
    poke.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_), ignored);
    thread_.join();
    close_open_connections();
    for (auto& t : connection_threads_) t.join();
}

// Unblocks every connection thread still reading: shutdown() on the descriptor is safe while another
// thread is blocked in read on it, unlike closing the asio socket object.
void CannedServer::close_open_connections() {
    std::lock_guard lock(mutex_);
    for (const auto& socket : open_sockets_) ::shutdown(socket->native_handle(), SHUT_RDWR);
}

std::vector<HttpRequest> CannedServer::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void CannedServer::run() {
    while (!stop_) {
        auto socket = std::make_shared<tcp::socket>(io_);
        boost::system::error_code ec;
        acceptor_.accept(*socket, ec);
        if (ec || stop_) return;
        ++connections_;
        {
            std::lock_guard lock(mutex_);
            open_sockets_.push_back(socket);
        }
        connection_threads_.emplace_back([this, socket] { serve(*socket); });
    }
}

void CannedServer::serve(tcp::socket& socket) {
    boost::asio::streambuf buffer;
    boost::system::error_code ec;
    while (!stop_) {
        boost::asio::read_until(socket, buffer, "\r\n\r\n", ec);
        if (ec) return;  // client closed: back to accept
        std::istream in(&buffer);
        HttpRequest request;
        std::string line;
        std::getline(in, line);
        const auto space = line.find(' ');
        request.method = line.substr(0, space);
        request.target = line.substr(space + 1, line.rfind(' ') - space - 1);
        std::size_t content_length = 0;
        while (std::getline(in, line) && line != "\r") {
            const auto colon = line.find(':');
            if (colon == std::string::npos) continue;
            std::string name = to_lower_ascii(line.substr(0, colon));
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(' '));
            if (!value.empty() && value.back() == '\r') value.pop_back();
            if (name == "content-length") content_length = std::stoul(value);
            request.headers.emplace(std::move(name), std::move(value));
        }
        if (buffer.size() < content_length) boost::asio::read(socket, buffer, boost::asio::transfer_exactly(content_length - buffer.size()), ec);
        request.body.resize(content_length);
        in.read(request.body.data(), static_cast<std::streamsize>(content_length));

        Canned answer;
        {
            std::unique_lock lock(mutex_);
            requests_.push_back(request);
            if (!answers_.empty()) {
                answer = answers_.front();
                if (!answer.forever) answers_.pop_front();
            } else {
                answer = Canned{500, "text/plain", "no canned answer left", false};
            }
            if (answer.drop) {  // no answer at all: the connection closes (open_sockets_ still holds the socket)
                ::shutdown(socket.native_handle(), SHUT_RDWR);
                return;
            }
            if (answer.hang) {
                stopped_cv_.wait_for(lock, std::chrono::seconds(10), [this] { return stop_.load(); });
                return;
            }
        }
        const std::string response = "HTTP/1.1 " + std::to_string(answer.status) + " Canned\r\nContent-Type: " +
                                     answer.content_type + "\r\nContent-Length: " + std::to_string(answer.body.size()) +
                                     "\r\n\r\n" + answer.body;
        boost::asio::write(socket, boost::asio::buffer(response), ec);
        if (ec) return;
    }
}

unsigned short closed_port() {
    boost::asio::io_context io;
    tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    return acceptor.local_endpoint().port();  // closed when `acceptor` goes out of scope
}

}  // namespace acsconf::harness::test
