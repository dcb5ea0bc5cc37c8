// `acsconf serve` / acsconf-mock: run the server in the foreground until SIGINT or SIGTERM.
#include <algorithm>
#include <csignal>
#include <ostream>
#include <pthread.h>

#include "acsconf/mock/server.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::mock {

bool parse_listen_address(std::string_view text, std::string& host, std::uint16_t& port,
                          std::string& error) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
        error = "expected HOST:PORT (e.g. 127.0.0.1:8080), got \"" + std::string(text) + "\"";
        return false;
    }
    std::string_view host_part = text.substr(0, colon);
    const std::string_view port_part = text.substr(colon + 1);
    if (host_part.front() == '[') {
        if (host_part.size() < 3 || host_part.back() != ']') {
            error = "unbalanced brackets in IPv6 host \"" + std::string(host_part) + "\"";
            return false;
        }
        host_part = host_part.substr(1, host_part.size() - 2);
    } else if (host_part.find(':') != std::string_view::npos) {
        error = "an IPv6 host must be in brackets, e.g. [::1]:8080";
        return false;
    }
    unsigned long value = 0;
    for (char c : port_part) {
        if (c < '0' || c > '9' || port_part.size() > 5) {
            error = "port \"" + std::string(port_part) + "\" is not a number from 0 to 65535";
            return false;
        }
        value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (value > 65535) {
        error = "port " + std::to_string(value) + " is above 65535";
        return false;
    }
    host = std::string(host_part);
    port = static_cast<std::uint16_t>(value);
    return true;
}

int serve_until_signal(ServerOptions options, std::ostream& out, std::ostream& err) {
    // Block the signals before any server thread exists, so that they all inherit the mask and only
    // sigwait below sees SIGINT/SIGTERM.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    sigset_t previous;
    pthread_sigmask(SIG_BLOCK, &stop_signals, &previous);

    Server server(options);
    try {
        server.start();
    } catch (const std::exception& e) {
        pthread_sigmask(SIG_SETMASK, &previous, nullptr);
        err << "acsconf serve: " << e.what() << "\n";
        return 1;
    }
    out << "acsconf mock endpoint listening on " << server.base_url() << " (RAM 2015-05-01, VOD 2017-03-21), "
        << server.threads() << " thread(s)\n";
    const ServiceOptions& service = server.service().options();
    const bool published_secret = std::any_of(service.access_keys.begin(), service.access_keys.end(), [](const AccessKey& k) {
        return k.secret == kTestAccessKeySecret || k.secret == kUnprivilegedAccessKeySecret;
    });
    if (!server.loopback())
        err << "acsconf serve: WARNING: " << server.address()
            << " is not a loopback address: any machine that can reach it can call the mock RAM and VOD "
               "APIs (create, attach, detach, delete) with the AccessKeys below"
            << (published_secret ? " (some of them with the secrets published in mock/README.md)" : "")
            << (service.test_control ? ", and switch its preconditions through the control route " +
                                           std::string(kPreconditionPath)
                                     : std::string())
            << ". Listen on 127.0.0.1 unless that is what you want." << std::endl;
    for (const AccessKey& key : server.service().options().access_keys)
        out << "  AccessKeyId " << key.id << " -> principal \"" << key.principal << "\"\n";
    out << "  timestamp window " << server.service().options().time_window.count()
        << " s; secrets: see mock/README.md (or your ALIBABA_CLOUD_ACCESS_KEY_SECRET)\n";
    out << "  control route " << kPreconditionPath
        << (service.test_control ? ": on (--test-control; signed by the main AccessKey)" : ": off") << "\n";
    if (options.latency.count() > 0) out << "  every answer held back " << options.latency.count() << " ms\n";
    out << "Stop with Ctrl-C (SIGINT) or SIGTERM." << std::endl;

    int received = 0;
    sigwait(&stop_signals, &received);
    out << "acsconf mock: " << (received == SIGINT ? "SIGINT" : "SIGTERM") << ", shutting down" << std::endl;
    server.stop();
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    return 0;
}

}  // namespace acsconf::mock
