// Record → replay round trip, run-token normalisation, errors, and malformed cassettes.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "acsconf/harness/cassette.hpp"

namespace acsconf::harness {
namespace {

// Answers by echoing the call, so a replay can be compared with the original exchange.
class EchoEndpoint final : public Endpoint {
public:
    std::string name() const override { return "echo"; }
    Response send(const model::Call& call, const SendOptions& options) override {
        if (call.action == "Boom") throw TransportError("http://x: connection refused");
        Response r;
        r.http_status = 200;
        r.request_id = "REQ-" + std::to_string(++count_);
        r.format = options.format;
        r.fields["Echo"] = nlohmann::json::object();
        for (const auto& [key, value] : call.params)
            r.fields["Echo"][key] = nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        r.raw_body = "body for " + (call.params.count("UserName") ? call.params.at("UserName") : std::string());
        return r;
    }
    bool set_precondition(std::string_view, std::string_view value) override {
        if (value != "open" && value != "closed") return false;
        state_ = std::string(value);
        return true;
    }
    std::string precondition(std::string_view) const override { return state_; }
    bool can_act_as(std::string_view caller) const override { return caller == model::kMainAccount; }

private:
    int count_ = 0;
    std::string state_ = "open";
};

std::string temp_path(const std::string& stem) {
    return (std::filesystem::temp_directory_path() /
            ("acsconf_" + stem + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".jsonl"))
        .string();
}

model::Call user_call(const std::string& action, const std::string& user) {
    model::Call call;
    call.action = action;
    call.params = {{"UserName", user}, {"PolicyType", "System"}};
    return call;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(Cassette, RecordThenReplayWithANewRunToken) {
    const std::string path = temp_path("cassette");
    {
        auto recorder = make_recording_endpoint(std::make_unique<EchoEndpoint>(), path, "v1");
        EXPECT_EQ(recorder->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{}).request_id, "REQ-1");
        EXPECT_TRUE(recorder->set_precondition("vod.multiAppService", "open"));
        EXPECT_EQ(recorder->send(user_call("DetachPolicyFromUser", "abcd1234abcdefghij-u"), SendOptions{Format::Xml}).request_id,
                  "REQ-2");
        model::Call bytes = user_call("GetUser", std::string("\xC3\x28", 2));
        recorder->send(bytes, SendOptions{});
        EXPECT_THROW(recorder->send(user_call("Boom", "x"), SendOptions{}), TransportError);
    }
    const CassetteHeader header = read_cassette_header(path);
    EXPECT_EQ(header.endpoint, "echo");
    EXPECT_EQ(header.signature_version, "v1");
    EXPECT_EQ(header.principals, std::vector<std::string>{"main"});

    auto replay = make_replay_endpoint(path);
    EXPECT_EQ(replay->name(), "replay:" + path);
    EXPECT_TRUE(replay->can_act_as(model::kMainAccount));
    EXPECT_FALSE(replay->can_act_as(model::kUnprivileged));
    // This run's token is "zzzz9999abcdefghij": answers come back in terms of it.
    const Response created = replay->send(user_call("CreateUser", "zzzz9999abcdefghij-u"), SendOptions{});
    EXPECT_EQ(created.request_id, "REQ-1");
    EXPECT_EQ(created.fields["Echo"]["UserName"], "\"zzzz9999abcdefghij-u\"");
    EXPECT_EQ(created.raw_body, "body for zzzz9999abcdefghij-u");
    EXPECT_TRUE(replay->set_precondition("vod.multiAppService", "open"));
    EXPECT_EQ(replay->precondition("vod.multiAppService"), "open");
    EXPECT_FALSE(replay->set_precondition("vod.multiAppService", "closed")) << "never recorded";
    const Response detached = replay->send(user_call("DetachPolicyFromUser", "zzzz9999abcdefghij-u"), SendOptions{Format::Xml});
    EXPECT_EQ(detached.request_id, "REQ-2");
    EXPECT_EQ(detached.format, Format::Xml);
    EXPECT_EQ(replay->send(user_call("GetUser", std::string("\xC3\x28", 2)), SendOptions{}).request_id, "REQ-3");
    try {
        replay->send(user_call("Boom", "x"), SendOptions{});
        FAIL() << "recorded TransportError not replayed";
    } catch (const TransportError& e) {
        EXPECT_STREQ(e.what(), "http://x: connection refused");
    }
    std::filesystem::remove(path);
}

TEST(Cassette, ReplayRefusesCallsItDoesNotHold) {
    const std::string path = temp_path("cassette");
    {
        auto recorder = make_recording_endpoint(std::make_unique<EchoEndpoint>(), path, "v3");
        recorder->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{});
    }
    auto replay = make_replay_endpoint(path);
    EXPECT_THROW(replay->send(user_call("CreateUser", "abcd1234abcdefghij-other"), SendOptions{}), TransportError);  // value
    EXPECT_THROW(replay->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{Format::Xml}), TransportError);
    EXPECT_THROW(replay->send(user_call("DeleteUser", "abcd1234abcdefghij-u"), SendOptions{}), TransportError);
    model::Call extra = user_call("CreateUser", "abcd1234abcdefghij-u");
    extra.params["Extra"] = "1";
    EXPECT_THROW(replay->send(extra, SendOptions{}), TransportError);
    // The real one still matches: failed lookups consume nothing.
    EXPECT_EQ(replay->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{}).request_id, "REQ-1");
    EXPECT_THROW(replay->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{}), TransportError) << "used up";
    std::filesystem::remove(path);
}

TEST(Cassette, FilteredReplaySkipsForward) {
    const std::string path = temp_path("cassette");
    {
        auto recorder = make_recording_endpoint(std::make_unique<EchoEndpoint>(), path, "v1");
        recorder->send(user_call("CreateUser", "aaaa1111abcdefghij-u"), SendOptions{});
        recorder->send(user_call("CreateUser", "bbbb2222abcdefghij-u"), SendOptions{});
    }
    auto replay = make_replay_endpoint(path);
    EXPECT_EQ(replay->send(user_call("CreateUser", "cccc3333abcdefghij-u"), SendOptions{}).request_id, "REQ-1");
    EXPECT_EQ(replay->send(user_call("CreateUser", "dddd4444abcdefghij-u"), SendOptions{}).request_id, "REQ-2");
    std::filesystem::remove(path);
}

TEST(Cassette, PreconditionsReplayAsState) {
    const std::string path = temp_path("cassette");
    {
        auto recorder = make_recording_endpoint(std::make_unique<EchoEndpoint>(), path, "v1");
        for (int vector = 0; vector < 3; ++vector) {  // what a runner does per vector: read, set, restore
            const std::string previous = recorder->precondition("vod.multiAppService");
            EXPECT_EQ(previous, "open");
            EXPECT_TRUE(recorder->set_precondition("vod.multiAppService", "closed"));
            EXPECT_TRUE(recorder->set_precondition("vod.multiAppService", previous));
        }
        EXPECT_FALSE(recorder->set_precondition("vod.multiAppService", "bogus"));
    }
    auto replay = make_replay_endpoint(path);
    for (int vector = 0; vector < 5; ++vector) {  // more often than recorded: state, not a sequence
        const std::string previous = replay->precondition("vod.multiAppService");
        EXPECT_EQ(previous, "open");
        EXPECT_TRUE(replay->set_precondition("vod.multiAppService", "closed"));
        EXPECT_EQ(replay->precondition("vod.multiAppService"), "closed");
        EXPECT_TRUE(replay->set_precondition("vod.multiAppService", previous));
    }
    EXPECT_FALSE(replay->set_precondition("vod.multiAppService", "bogus")) << "recorded as refused";
    EXPECT_FALSE(replay->set_precondition("other", "x")) << "never recorded";
    std::filesystem::remove(path);
}

TEST(Cassette, NoSecretsWritten) {
    // The recorder only ever sees business parameters and decoded answers; check the file anyway.
    const std::string path = temp_path("cassette");
    {
        auto recorder = make_recording_endpoint(std::make_unique<EchoEndpoint>(), path, "v1");
        recorder->send(user_call("CreateUser", "abcd1234abcdefghij-u"), SendOptions{});
    }
    const std::string text = read_all(path);
    for (const char* forbidden : {"Signature\"", "AccessKeySecret", "SecurityToken", "Authorization"})
        EXPECT_EQ(text.find(forbidden), std::string::npos) << forbidden;
    std::filesystem::remove(path);
}

TEST(Cassette, MalformedFilesNameTheLine) {
    const std::string path = temp_path("bad");
    auto error_of = [&](const std::string& content) {
        std::ofstream(path, std::ios::trunc) << content;
        try {
            make_replay_endpoint(path);
        } catch (const CassetteError& e) {
            return std::string(e.what());
        }
        ADD_FAILURE() << "no CassetteError for " << content;
        return std::string();
    };
    EXPECT_NE(error_of("").find(path + ":1"), std::string::npos);
    EXPECT_NE(error_of("{\"something\":1}\n").find(path + ":1: not an acsconf cassette"), std::string::npos);
    const std::string header = "{\"acsconf_cassette\":1}\n";
    EXPECT_NE(error_of(header + "{not json\n").find(path + ":2: malformed JSON (column "), std::string::npos);
    EXPECT_NE(error_of(header + "[1E9898]\n").find(path + ":2: malformed JSON"), std::string::npos);
    EXPECT_NE(error_of(header + "[1]\n").find(path + ":2: not a JSON object"), std::string::npos);
    EXPECT_NE(error_of(header + "{\"kind\":\"send\",\"call\":{\"product\":\"Ecs\",\"action\":\"A\",\"caller\":\"main\"}}\n")
                  .find(":2: call.product"),
              std::string::npos);
    EXPECT_NE(error_of(header + "{\"kind\":\"what\"}\n").find(":2: unknown kind"), std::string::npos);
    EXPECT_NE(error_of(header + "{\"kind\":\"precondition\",\"name\":\"n\"}\n").find(":2: precondition record"),
              std::string::npos);
    EXPECT_NE(error_of(header + "{\"kind\":\"send\",\"call\":{\"product\":\"Ram\",\"action\":\"A\",\"caller\":\"main\"},"
                                "\"format\":\"JSON\"}\n")
                  .find(":2: send record needs"),
              std::string::npos);
    EXPECT_THROW(make_replay_endpoint("/nonexistent/cassette.jsonl"), CassetteError);
    std::filesystem::remove(path);
}

}  // namespace
}  // namespace acsconf::harness
