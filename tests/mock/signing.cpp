#include "signing.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <ctime>

#include <boost/url/encode.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>

#include "acsconf/harness/signature.hpp"

namespace acsconf::mock::test {
namespace {

std::string encode(const std::string& s) { return boost::urls::encode(s, boost::urls::unreserved_chars); }

std::string query_of(const std::map<std::string, std::string>& params) {
    std::string out;
    for (const auto& [key, value] : params) out += (out.empty() ? "" : "&") + encode(key) + "=" + encode(value);
    return out;
}

std::string iso8601(std::chrono::system_clock::time_point t) {
    const std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string next_nonce() {
    static std::atomic<unsigned long> counter{0};
    return "test-nonce-" + std::to_string(++counter);
}

}  // namespace

HttpRequest Signed::v1(const std::string& method, model::Product product, const std::string& action,
                       const std::map<std::string, std::string>& params, const std::string& format,
                       const std::string& path) const {
    std::map<std::string, std::string> common{
        {"Action", action},
        {"Version", std::string(model::product_version(product))},
        {"AccessKeyId", key_id},
        {"SignatureMethod", "HMAC-SHA1"},
        {"SignatureVersion", "1.0"},
        {"SignatureNonce", next_nonce()},
        {"Timestamp", iso8601(now)},
    };
    if (!format.empty()) common["Format"] = format;
    std::map<std::string, std::string> all = common;
    all.insert(params.begin(), params.end());
    HttpRequest request;
    request.method = method;
    request.headers.emplace("host", product == model::Product::Ram ? "ram.aliyuncs.com" : "vod.aliyuncs.com");
    common["Signature"] = harness::v1_signature(method, all, secret);
    if (method == "GET") {
        all["Signature"] = common["Signature"];
        request.target = path + "?" + query_of(all);
    } else {
        request.target = path + "?" + query_of(common);
        request.body = query_of(params);
        request.headers.emplace("content-type", "application/x-www-form-urlencoded");
    }
    return request;
}

HttpRequest Signed::v3(model::Product product, const std::string& action,
                       const std::map<std::string, std::string>& params) const {
    HttpRequest request;
    request.method = "POST";
    request.target = params.empty() ? "/" : "/?" + query_of(params);
    request.headers = {
        {"host", product == model::Product::Ram ? "ram.aliyuncs.com" : "vod.aliyuncs.com"},
        {"x-acs-action", action},
        {"x-acs-version", std::string(model::product_version(product))},
        {"x-acs-date", iso8601(now)},
        {"x-acs-signature-nonce", next_nonce()},
        {"x-acs-content-sha256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"accept", "application/json"},
    };
    const std::string signed_headers =
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
    harness::V3Input input;
    input.method = request.method;
    input.query.assign(params.begin(), params.end());
    input.headers = request.headers;
    input.body = request.body;
    request.headers.emplace("authorization",
                            harness::v3_authorization(key_id, signed_headers,
                                                      harness::v3_signature(input, signed_headers, secret)));
    return request;
}

std::pair<int, std::string> raw_exchange(unsigned short port, const std::string& bytes) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return {0, "socket() failed"};
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return {0, "connect() failed"};
    }
    (void)::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    std::string response;
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
        response.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    if (response.rfind("HTTP/1.1 ", 0) != 0) return {0, response};
    const auto blank = response.find("\r\n\r\n");
    return {std::stoi(response.substr(9, 3)), blank == std::string::npos ? "" : response.substr(blank + 4)};
}

std::pair<int, std::string> http_get(unsigned short port, const std::string& target) {
    return raw_exchange(port, "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

}  // namespace acsconf::mock::test
