// The mock under abuse (issue "Under load and abuse"): V3 signatures that sign too little, the
// control route, parameter amplification, Transfer-Encoding framing, the connection limit, the
// nonce store's window and capacity, and the environment's unprivileged pair.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "acsconf/harness/percent_encoding.hpp"
#include "acsconf/harness/signature.hpp"
#include "acsconf/mock/nonce_store.hpp"
#include "acsconf/mock/server.hpp"
#include "acsconf/mock/service.hpp"
#include "acsconf/model/account.hpp"
#include "signing.hpp"

namespace acsconf::mock {
namespace {

using namespace std::chrono_literals;
using test::Signed;

nlohmann::json json_of(const HttpResponse& response) {
    return nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
}

class AbuseTest : public ::testing::Test {
protected:
    std::chrono::system_clock::time_point now = std::chrono::system_clock::from_time_t(1'800'000'000);
    ServiceOptions options(bool test_control = false) {
        ServiceOptions o;
        o.access_keys = {{"ak-main", "secret-main", std::string(model::kMainAccount)},
                         {"ak-weak", "secret-weak", std::string(model::kUnprivileged)}};
        o.clock = [this] { return now; };
        o.test_control = test_control;
        o.max_params = 64;
        return o;
    }
    Signed signer(std::string secret = "secret-main", std::string id = "ak-main") {
        return Signed{std::move(id), std::move(secret), now};
    }
    // Re-signs `request` (V3) covering only `signed_headers`, with the main secret.
    static void sign_v3_only(HttpRequest& request, const std::string& signed_headers) {
        request.headers.erase("authorization");
        harness::V3Input input;
        input.method = request.method;
        const auto question = request.target.find('?');
        std::string error;
        if (question != std::string::npos)
            harness::decode_query(request.target.substr(question + 1), input.query, error);
        input.headers = request.headers;
        input.body = request.body;
        request.headers.emplace("authorization",
                                harness::v3_authorization("ak-main", signed_headers,
                                                          harness::v3_signature(input, signed_headers, "secret-main")));
    }
};

// --- V3 must sign host and every x-acs-* header (docs/sources/gateway.md#signature-v3) -------------------------------

TEST_F(AbuseTest, V3SignatureCoveringOnlyHostIsRefusedAndCannotBeReplayedAsAnotherAction) {
    Service service(options());
    ASSERT_EQ(service.handle(signer().v1("GET", model::Product::Ram, "CreateUser", {{"UserName", "ivy"}}, "JSON"))
                  .status,
              200);
    HttpRequest partial = signer().v3(model::Product::Ram, "GetUser", {{"UserName", "ivy"}});
    sign_v3_only(partial, "host");
    HttpResponse r = service.handle(partial);
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(json_of(r)["Code"], "SignatureDoesNotMatch");
    EXPECT_NE(json_of(r)["Message"].get<std::string>().find("x-acs-action"), std::string::npos) << r.body;

    // The attack of the issue: same captured signature, new nonce, x-acs-action: DeleteUser.
    partial.headers.erase("x-acs-action");
    partial.headers.emplace("x-acs-action", "DeleteUser");
    partial.headers.erase("x-acs-signature-nonce");
    partial.headers.emplace("x-acs-signature-nonce", "a-new-nonce");
    EXPECT_EQ(json_of(service.handle(partial))["Code"], "SignatureDoesNotMatch");
    // The user is still there.
    HttpResponse still = service.handle(signer().v3(model::Product::Ram, "GetUser", {{"UserName", "ivy"}}));
    EXPECT_EQ(still.status, 200) << still.body;
}

TEST_F(AbuseTest, V3UnsignedDateOrContentTypeIsRefused) {
    Service service(options());
    // Everything signed but x-acs-date, which is a month old: it must not slip past the window.
    HttpRequest stale = Signed{"ak-main", "secret-main", now - 24h * 30}.v3(model::Product::Ram, "GetUser", {{"UserName", "nobody"}});
    sign_v3_only(stale, "host;x-acs-action;x-acs-content-sha256;x-acs-signature-nonce;x-acs-version");
    HttpResponse r = service.handle(stale);
    EXPECT_EQ(json_of(r)["Code"], "SignatureDoesNotMatch") << r.body;
    EXPECT_NE(json_of(r)["Message"].get<std::string>().find("x-acs-date"), std::string::npos) << r.body;

    HttpRequest typed = signer().v3(model::Product::Ram, "GetUser", {{"UserName", "nobody"}});
    typed.headers.emplace("content-type", "application/x-www-form-urlencoded");
    sign_v3_only(typed, "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version");
    EXPECT_EQ(json_of(service.handle(typed))["Code"], "SignatureDoesNotMatch");
    // Signed, the same request passes the gateway (and reaches the model: no such user).
    sign_v3_only(typed, harness::v3_signed_headers(typed.headers));
    EXPECT_EQ(json_of(service.handle(typed))["Code"], "EntityNotExist.User");
}

// --- The control route ---------------------------------------------------------------------------

TEST_F(AbuseTest, ControlRouteIsOffUnlessStartedForTests) {
    Service service(options(/*test_control=*/false));
    HttpResponse r = service.handle(signer().v1("POST", model::Product::Ram, "SetPrecondition",
                                                {{"name", "vod.multiAppService"}, {"value", "closed"}}, "JSON",
                                                std::string(kPreconditionPath)));
    EXPECT_EQ(r.status, 404) << r.body;
    EXPECT_EQ(service.precondition(model::kPreconditionVodMultiApp), "open");
}

TEST_F(AbuseTest, ControlRouteRefusesUnsignedForeignOriginAndUnprivilegedRequests) {
    Service service(options(/*test_control=*/true));
    const std::string path(kPreconditionPath);
    // Unsigned, as a web page or curl would send it.
    HttpRequest bare{"POST", path, {{"content-type", "application/x-www-form-urlencoded"}},
                     "Action=SetPrecondition&name=vod.multiAppService&value=closed"};
    EXPECT_EQ(service.handle(bare).status, 400);
    // Correctly signed, but from a browser page (Origin header).
    HttpRequest from_page = signer().v1("POST", model::Product::Ram, "SetPrecondition",
                                        {{"name", "vod.multiAppService"}, {"value", "closed"}}, "JSON", path);
    from_page.headers.emplace("origin", "http://evil.example");
    HttpResponse r = service.handle(from_page);
    EXPECT_EQ(r.status, 403) << r.body;
    // Signed by the unprivileged identity.
    HttpResponse weak = service.handle(Signed{"ak-weak", "secret-weak", now}.v1(
        "POST", model::Product::Ram, "SetPrecondition", {{"name", "vod.multiAppService"}, {"value", "closed"}},
        "JSON", path));
    EXPECT_EQ(weak.status, 403) << weak.body;
    EXPECT_EQ(json_of(weak)["Code"], "NoPermission");
    // A wrong signature.
    HttpResponse forged = service.handle(Signed{"ak-main", "not-the-secret", now}.v1(
        "POST", model::Product::Ram, "SetPrecondition", {{"name", "vod.multiAppService"}, {"value", "closed"}},
        "JSON", path));
    EXPECT_EQ(json_of(forged)["Code"], "SignatureDoesNotMatch");
    EXPECT_EQ(service.precondition(model::kPreconditionVodMultiApp), "open");
    // A replay of a good one.
    HttpRequest good = signer().v1("POST", model::Product::Ram, "SetPrecondition",
                                   {{"name", "vod.multiAppService"}, {"value", "closed"}}, "JSON", path);
    EXPECT_EQ(service.handle(good).status, 200);
    EXPECT_EQ(service.precondition(model::kPreconditionVodMultiApp), "closed");
    EXPECT_EQ(json_of(service.handle(good))["Code"], "SignatureNonceUsed");
}

TEST(AbuseEnvironment, UnprivilegedPairComesFromTheEnvironmentLikeTheMainPair) {
    ::setenv("ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID", "env-weak-id", 1);
    ::setenv("ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET", "env-weak-secret", 1);
    const std::vector<AccessKey> keys = default_access_keys();
    ::unsetenv("ACSCONF_UNPRIVILEGED_ACCESS_KEY_ID");
    ::unsetenv("ACSCONF_UNPRIVILEGED_ACCESS_KEY_SECRET");
    bool found = false;
    for (const AccessKey& key : keys) {
        EXPECT_NE(key.secret, kUnprivilegedAccessKeySecret) << "the published secret is still accepted";
        if (key.principal == model::kUnprivileged) {
            EXPECT_EQ(key.id, "env-weak-id");
            EXPECT_EQ(key.secret, "env-weak-secret");
            found = true;
        }
    }
    EXPECT_TRUE(found);
    // Without the variables, the documented pair.
    EXPECT_EQ(default_access_keys().at(1).secret, kUnprivilegedAccessKeySecret);
}

// --- Amplification: parameters are counted before decoding ---------------------------------------

TEST_F(AbuseTest, TooManyParametersAreRefusedBeforeDecoding) {
    Service service(options());  // max_params = 64
    HttpRequest flood{"POST", "/", {{"content-type", "application/x-www-form-urlencoded"}}, std::string(100'000, '&')};
    HttpResponse r = service.handle(flood);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(json_of(r)["Message"].get<std::string>().find("more than 64 parameters"), std::string::npos) << r.body;
    // The query counts too.
    HttpRequest query_flood{"GET", "/?" + std::string(200, '&'), {}, ""};
    EXPECT_EQ(service.handle(query_flood).status, 400);
    // An ordinary request is untouched.
    EXPECT_EQ(service.handle(signer().v1("POST", model::Product::Ram, "CreateUser", {{"UserName", "jo"}}, "JSON")).status,
              200);
}

// --- Transfer-Encoding: a plain "chunked" or nothing ---------------------------------------------

TEST_F(AbuseTest, TransferEncodingOtherThanPlainChunkedIsRefused) {
    Service service(options());
    // The status and Code of the answer to a POST with this Transfer-Encoding and an empty chunked body.
    auto answer_to = [&](const std::string& te, const std::string& extra = "") {
        const std::string raw = "POST /?Format=JSON HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: " + te + "\r\n" +
                                extra + "\r\n0\r\n\r\n";
        const std::string answer = service.handle_raw_http(raw);
        const int status = answer.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(answer.substr(9, 3)) : 0;
        const auto body = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4), nullptr, false);
        return std::to_string(status) + " " + (body.is_object() ? body.value("Code", "") : "?");
    };
    EXPECT_EQ(answer_to("chunked, identity"), "400 MalformedRequest");
    EXPECT_EQ(answer_to("identity"), "400 MalformedRequest");
    EXPECT_EQ(answer_to("gzip, chunked"), "501 NotImplemented");
    EXPECT_EQ(answer_to("chunked", "Content-Length: 5\r\n"), "400 MalformedRequest");
    // A plain chunked body is read, and the request judged like any other (no Action here).
    EXPECT_EQ(answer_to("chunked"), "400 MissingParameter");
    EXPECT_EQ(answer_to("Chunked "), "400 MissingParameter");
}

// Over a socket: the bytes after a "chunked, identity" head must not be answered as a second request.
TEST(AbuseServer, ChunkedIdentityGetsOneAnswerAndTheConnectionCloses) {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    Server server(options);
    server.start();
    const std::string smuggled = "GET /?Format=JSON HTTP/1.1\r\nHost: x\r\n\r\n";
    const std::string raw = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n" + smuggled;
    auto [status, body] = test::raw_exchange(server.port(), raw);
    EXPECT_EQ(status, 400) << body;
    EXPECT_EQ(body.find("HTTP/1.1"), std::string::npos) << "a second answer followed: " << body;
}

// --- Connections: a limit, answered with 503, and the server keeps serving ------------------------

int connect_loopback(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{5, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

TEST(AbuseServer, ConnectionsBeyondTheLimitGet503AndLaterOnesAreServed) {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.max_connections = 2;
    Server server(options);
    server.start();
    std::vector<int> held;
    for (int i = 0; i < 2; ++i) held.push_back(connect_loopback(server.port()));
    std::this_thread::sleep_for(200ms);  // let the server accept them
    auto [refused, refused_body] = test::http_get(server.port(), "/?Format=JSON");
    EXPECT_EQ(refused, 503) << refused_body;
    EXPECT_NE(refused_body.find("ServiceUnavailable"), std::string::npos) << refused_body;
    for (int fd : held) ::close(fd);
    int status = 0;
    for (int attempt = 0; attempt < 50 && status != 400; ++attempt) {  // the server notices the closes
        std::this_thread::sleep_for(20ms);
        status = test::http_get(server.port(), "/?Format=JSON").first;
    }
    EXPECT_EQ(status, 400) << "not served after the held connections closed";
}

// --- Idle connections: closed after idle_timeout, whatever stage they stall in -------------------

// Seconds until the server closes `fd` (recv sees EOF or a reset), or -1 after `limit`.
double seconds_until_closed(int fd, std::chrono::milliseconds limit) {
    const auto start = std::chrono::steady_clock::now();
    timeval step{0, 50'000};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &step, sizeof step);
    char byte = 0;
    while (std::chrono::steady_clock::now() - start < limit) {
        const ssize_t n = ::recv(fd, &byte, 1, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        }
    }
    return -1;
}

// One I/O thread, an ephemeral port, and a 300 ms idle timeout.
ServerOptions short_idle_timeout() {
    ServerOptions options;
    options.port = 0;
    options.threads = 1;
    options.idle_timeout = 300ms;
    return options;
}

TEST(AbuseServer, StalledConnectionsAreClosedAfterTheIdleTimeoutAndOthersAreServed) {
    Server server(short_idle_timeout());
    server.start();
    const int silent = connect_loopback(server.port());  // sends nothing
    const int half_head = connect_loopback(server.port());  // a request line, then nothing
    const int half_body = connect_loopback(server.port());  // a head announcing 10 bytes, then 3
    ASSERT_GE(silent, 0);
    ASSERT_GE(half_head, 0);
    ASSERT_GE(half_body, 0);
    const std::string head = "GET /?Format=JSON HTTP/1.1\r\n";
    const std::string partial = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc";
    ASSERT_EQ(::send(half_head, head.data(), head.size(), MSG_NOSIGNAL), static_cast<ssize_t>(head.size()));
    ASSERT_EQ(::send(half_body, partial.data(), partial.size(), MSG_NOSIGNAL), static_cast<ssize_t>(partial.size()));
    // Meanwhile a well-behaved client is answered at once.
    EXPECT_EQ(test::http_get(server.port(), "/?Format=JSON").first, 400);
    for (int fd : {silent, half_head, half_body}) {
        const double closed_after = seconds_until_closed(fd, 5s);
        EXPECT_GE(closed_after, 0) << "a stalled connection was still open after 5 s";
        EXPECT_LT(closed_after, 2.0) << "closed long after the 300 ms idle timeout";
        ::close(fd);
    }
}

TEST(AbuseServer, AKeptAliveConnectionThatKeepsTalkingIsNotClosed) {
    Server server(short_idle_timeout());
    server.start();
    const int fd = connect_loopback(server.port());
    ASSERT_GE(fd, 0);
    const std::string request = "GET /?Format=JSON HTTP/1.1\r\nHost: x\r\n\r\n";
    // Eight requests 100 ms apart: 800 ms in all, each gap well inside the timeout.
    for (int i = 0; i < 8; ++i) {
        ASSERT_EQ(::send(fd, request.data(), request.size(), MSG_NOSIGNAL), static_cast<ssize_t>(request.size()))
            << "request " << i;
        std::string answer;
        char buffer[4096];
        while (answer.find("\r\n\r\n") == std::string::npos || answer.find("}") == std::string::npos) {
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
            ASSERT_GT(n, 0) << "closed or timed out at request " << i;
            answer.append(buffer, static_cast<std::size_t>(n));
        }
        EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
        std::this_thread::sleep_for(100ms);
    }
    ::close(fd);
}

// --- The nonce store ------------------------------------------------------------------------------

TEST(NonceStoreTest, ReplayIsRefusedExactlyAsLongAsItsTimestampIsValid) {
    const auto t0 = std::chrono::system_clock::from_time_t(1'800'000'000);
    NonceStore store(1 << 16, 900s);
    EXPECT_EQ(store.remember("ak", "n1", t0, t0), NonceStore::Verdict::Fresh);
    EXPECT_EQ(store.remember("ak", "n1", t0, t0 + 1s), NonceStore::Verdict::Replayed);
    EXPECT_EQ(store.remember("other-ak", "n1", t0, t0 + 1s), NonceStore::Verdict::Fresh);  // per AccessKey
    // Still remembered at the last instant the timestamp is valid (t0 + 900 s) ...
    EXPECT_EQ(store.remember("ak", "n1", t0, t0 + 900s), NonceStore::Verdict::Replayed);
    // ... and a request signed later with a valid timestamp replays it up to its own expiry.
    const auto late = t0 + 600s;
    EXPECT_EQ(store.remember("ak", "n2", late, late), NonceStore::Verdict::Fresh);
    EXPECT_EQ(store.remember("ak", "n2", late, late + 900s), NonceStore::Verdict::Replayed);
    // Past t0 + 900 s (+ one bucket) the first is forgotten: its timestamp can no longer pass.
    const auto after = t0 + 900s + 2 * store.granularity() + 1s;
    EXPECT_EQ(store.remember("ak", "n3", after, after), NonceStore::Verdict::Fresh);
    EXPECT_EQ(store.remember("ak", "n1", after, after), NonceStore::Verdict::Fresh);
    EXPECT_EQ(store.remember("ak", "n2", late, after), NonceStore::Verdict::Replayed);  // n2 is still valid
    // A request whose timestamp left the window while in flight (another thread swept it) is expired.
    EXPECT_EQ(store.remember("ak", "n4", t0, after), NonceStore::Verdict::Expired);
}

TEST(NonceStoreTest, CapacityIsABoundAndFullRefusesWithoutForgetting) {
    const auto t0 = std::chrono::system_clock::from_time_t(1'800'000'000);
    NonceStore store(NonceStore::kShards * 4, 60s);  // 4 per shard
    int fresh = 0, full = 0;
    for (int i = 0; i < 2000; ++i) {
        const auto verdict = store.remember("ak", "n" + std::to_string(i), t0, t0);
        fresh += verdict == NonceStore::Verdict::Fresh;
        full += verdict == NonceStore::Verdict::Full;
    }
    EXPECT_EQ(fresh, static_cast<int>(NonceStore::kShards * 4));
    EXPECT_EQ(full, 2000 - fresh);
    EXPECT_EQ(store.size(), NonceStore::kShards * 4);
    // Nothing was forgotten to make room: the first nonce is still a replay.
    EXPECT_EQ(store.remember("ak", "n0", t0, t0 + 1s), NonceStore::Verdict::Replayed);
    // Once they expire, room comes back.
    const auto later = t0 + 60s + 2 * store.granularity() + 1s;
    EXPECT_EQ(store.remember("ak", "n-later", later, later), NonceStore::Verdict::Fresh);
}

TEST_F(AbuseTest, FullNonceStoreAnswers503) {
    ServiceOptions o = options();
    o.nonce_capacity = 1;  // one per shard at most (rounded up)
    Service service(o);
    int unavailable = 0;
    for (int i = 0; i < 200; ++i) {
        HttpResponse r = service.handle(signer().v1("GET", model::Product::Ram, "GetUser", {{"UserName", "nobody"}}, "JSON"));
        if (r.status == 503) {
            ++unavailable;
            EXPECT_EQ(json_of(r)["Code"], "ServiceUnavailable");
        }
    }
    EXPECT_GT(unavailable, 100);
}

}  // namespace
}  // namespace acsconf::mock
