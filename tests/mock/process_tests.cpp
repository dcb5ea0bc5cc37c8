// The stand-alone mock (acsconf-mock) as a child process, where the operating system's view is the
// measure: peak resident memory after a 10 MiB body of '&', CPU time while descriptors run out, and
// the warning for a non-loopback --listen. Bounded: each test takes a few seconds at most.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "signing.hpp"

namespace acsconf::mock {
namespace {

using namespace std::chrono_literals;

// acsconf-mock running in a child process; SIGTERM and reaped on destruction.
class MockProcess {
public:
    MockProcess(const std::vector<std::string>& args, rlim_t max_files = 0) {
        int out[2], err[2];
        if (::pipe(out) != 0 || ::pipe(err) != 0) return;
        pid_ = ::fork();
        if (pid_ == 0) {
            ::dup2(out[1], 1);
            ::dup2(err[1], 2);
            ::close(out[0]), ::close(err[0]), ::close(out[1]), ::close(err[1]);
            if (max_files != 0) {
                rlimit limit{};
                ::getrlimit(RLIMIT_NOFILE, &limit);
                limit.rlim_cur = max_files;
                ::setrlimit(RLIMIT_NOFILE, &limit);
            }
            ::unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
            ::unsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
            std::vector<char*> argv{const_cast<char*>(ACSCONF_MOCK_BIN)};
            for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            ::execv(ACSCONF_MOCK_BIN, argv.data());
            ::_exit(127);
        }
        ::close(out[1]), ::close(err[1]);
        out_ = out[0], err_ = err[0];
        // The first stdout line names the bound address: "… listening on http://HOST:PORT …".
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (port_ == 0 && std::chrono::steady_clock::now() < deadline) {
            if (!read_some(out_, stdout_, 100)) continue;
            const auto at = stdout_.find("http://");
            const auto end = stdout_.find(' ', at == std::string::npos ? 0 : at);
            if (at == std::string::npos || end == std::string::npos) continue;
            const std::string url = stdout_.substr(at, end - at);
            port_ = static_cast<unsigned short>(std::stoi(url.substr(url.rfind(':') + 1)));
        }
    }
    ~MockProcess() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
        }
        if (out_ >= 0) ::close(out_);
        if (err_ >= 0) ::close(err_);
    }
    MockProcess(const MockProcess&) = delete;
    MockProcess& operator=(const MockProcess&) = delete;

    unsigned short port() const { return port_; }
    pid_t pid() const { return pid_; }

    // Everything written to stderr within `wait`.
    std::string stderr_text(std::chrono::milliseconds wait) {
        const auto deadline = std::chrono::steady_clock::now() + wait;
        while (std::chrono::steady_clock::now() < deadline) read_some(err_, stderr_, 50);
        return stderr_;
    }

    // A field of /proc/PID/status, e.g. "VmHWM" (in kB).
    long status_kb(const std::string& field) const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        for (std::string line; std::getline(in, line);)
            if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
        return -1;
    }

    // User + system CPU time so far.
    std::chrono::milliseconds cpu_time() const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
        std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::istringstream fields(stat.substr(stat.rfind(')') + 2));  // after "pid (comm) "
        std::string skip;
        for (int i = 3; i < 14; ++i) fields >> skip;  // fields 3..13
        long utime = 0, stime = 0;
        fields >> utime >> stime;
        return std::chrono::milliseconds((utime + stime) * 1000 / ::sysconf(_SC_CLK_TCK));
    }

private:
    static bool read_some(int fd, std::string& into, int timeout_ms) {
        pollfd p{fd, POLLIN, 0};
        if (::poll(&p, 1, timeout_ms) <= 0) return false;
        char buffer[4096];
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n <= 0) return false;
        into.append(buffer, static_cast<std::size_t>(n));
        return true;
    }

    pid_t pid_ = -1;
    int out_ = -1, err_ = -1;
    unsigned short port_ = 0;
    std::string stdout_, stderr_;
};

int connect_loopback(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) return fd;
    if (fd >= 0) ::close(fd);
    return -1;
}

TEST(MockProcessTest, TenMebibytesOfAmpersandsStayUnder256MiBAndTheServerKeepsServing) {
    MockProcess mock({"--listen", "127.0.0.1:0", "--threads", "1"});
    ASSERT_NE(mock.port(), 0) << "the mock printed no address";
    const std::string body(10 * 1024 * 1024, '&');
    const std::string raw = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                            "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    auto [status, answer] = test::raw_exchange(mock.port(), raw);
    EXPECT_EQ(status, 400) << answer;
    EXPECT_NE(answer.find("parameters"), std::string::npos) << answer;
    const long peak_kb = mock.status_kb("VmHWM");
    ASSERT_GT(peak_kb, 0);
    EXPECT_LE(peak_kb, 256 * 1024) << "peak RSS " << peak_kb / 1024 << " MiB";
    EXPECT_EQ(test::http_get(mock.port(), "/?Format=JSON").first, 400);  // still serving
}

TEST(MockProcessTest, OutOfDescriptorsBacksOffInsteadOfSpinningAndServesAfterwards) {
    // The child may open 64 descriptors; the flood holds 300 connections.
    rlimit mine{};
    ::getrlimit(RLIMIT_NOFILE, &mine);
    if (mine.rlim_cur < 1024 && mine.rlim_max >= 1024) {
        mine.rlim_cur = 1024;
        ::setrlimit(RLIMIT_NOFILE, &mine);
    }
    MockProcess mock({"--listen", "127.0.0.1:0", "--threads", "1", "--max-connections", "100000"}, 64);
    ASSERT_NE(mock.port(), 0) << "the mock printed no address";
    std::vector<int> flood;
    for (int i = 0; i < 300; ++i)
        if (int fd = connect_loopback(mock.port()); fd >= 0) flood.push_back(fd);
    ASSERT_GT(flood.size(), 100u);
    std::this_thread::sleep_for(300ms);  // the mock has hit EMFILE by now
    const auto before = mock.cpu_time();
    std::this_thread::sleep_for(1500ms);
    const auto spent = mock.cpu_time() - before;
    EXPECT_LT(spent, 300ms) << "the accept loop spins: " << spent.count() << " ms of CPU in 1.5 s";
    for (int fd : flood) ::close(fd);
    int status = 0;
    for (int attempt = 0; attempt < 100 && status == 0; ++attempt) {
        status = test::http_get(mock.port(), "/?Format=JSON").first;
        if (status == 0) std::this_thread::sleep_for(50ms);
    }
    EXPECT_EQ(status, 400) << "a new client was not served after the flood ended";
}

TEST(MockProcessTest, NonLoopbackListenWarnsNamingWhatIsExposed) {
    {
        MockProcess open({"--listen", "0.0.0.0:0", "--threads", "1", "--test-control"});
        ASSERT_NE(open.port(), 0);
        const std::string err = open.stderr_text(1s);
        EXPECT_NE(err.find("WARNING"), std::string::npos) << err;
        EXPECT_NE(err.find("not a loopback address"), std::string::npos) << err;
        EXPECT_NE(err.find("/_acsconf/precondition"), std::string::npos) << err;
        EXPECT_NE(err.find("published"), std::string::npos) << err;
    }
    MockProcess local({"--listen", "127.0.0.1:0", "--threads", "1"});
    ASSERT_NE(local.port(), 0);
    EXPECT_EQ(local.stderr_text(300ms).find("WARNING"), std::string::npos);
}

}  // namespace
}  // namespace acsconf::mock
