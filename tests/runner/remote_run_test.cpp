// Runs against a far endpoint, as a user would: the `acsconf` binary against the bundled mock over
// HTTP (in this process, optionally answering 50 ms late). Parallel equals serial, resources the run
// did not make are never touched, nothing the run made remains (after a complete, an interrupted and a
// cut-off run), an interrupted run says so, cleanup removes only acsconf's leftovers, shards partition.
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <array>
#include <fcntl.h>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "acsconf/harness/http_endpoint.hpp"
#include "acsconf/harness/run_token.hpp"
#include "acsconf/mock/server.hpp"
#include "acsconf/runner/run.hpp"
#include "acsconf/runner/vectors.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

const std::string kCli = ACSCONF_CLI_BINARY;

struct Ran {
    int exit_code = -1;
    std::string out, err;
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

fs::path scratch(const std::string& name) {
    const auto dir = fs::temp_directory_path() / ("acsconf_remote_" + std::to_string(::getpid()) + "_" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

// Starts `acsconf ARGS...` with stdout/stderr in files of `dir`; returns its pid.
pid_t spawn_cli(const std::vector<std::string>& args, const fs::path& dir) {
    std::vector<std::string> argv_text{kCli};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t files;
    posix_spawn_file_actions_init(&files);
    posix_spawn_file_actions_addopen(&files, 1, (dir / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&files, 2, (dir / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    const int rc = posix_spawn(&pid, kCli.c_str(), &files, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&files);
    EXPECT_EQ(rc, 0) << "cannot start " << kCli;
    return pid;
}

Ran wait_cli(pid_t pid, const fs::path& dir) {
    int status = 0;
    waitpid(pid, &status, 0);
    Ran r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = slurp(dir / "out");
    r.err = slurp(dir / "err");
    return r;
}

Ran run_cli(const std::vector<std::string>& args, const fs::path& dir) { return wait_cli(spawn_cli(args, dir), dir); }

// The bundled mock on a loopback port, and a client for the public (fixture) operations.
class Mock {
public:
    explicit Mock(std::chrono::milliseconds latency = std::chrono::milliseconds(0)) {
        acsconf::mock::ServerOptions options;
        options.host = "127.0.0.1";
        options.port = 0;
        options.latency = latency;
        // The documented public test pairs: what `acsconf run` signs with for a loopback URL.
        options.service.access_keys = {
            {std::string(acsconf::mock::kTestAccessKeyId), std::string(acsconf::mock::kTestAccessKeySecret),
             std::string(acsconf::model::kMainAccount)},
            {std::string(acsconf::mock::kUnprivilegedAccessKeyId), std::string(acsconf::mock::kUnprivilegedAccessKeySecret),
             std::string(acsconf::model::kUnprivileged)}};
        server_ = std::make_unique<acsconf::mock::Server>(std::move(options));
        server_->start();
        acsconf::harness::HttpEndpointOptions http;
        http.ram_url = server_->base_url();
        http.max_attempts = 1;
        http.credentials[std::string(acsconf::model::kMainAccount)] = acsconf::harness::Credentials{
            std::string(acsconf::mock::kTestAccessKeyId), std::string(acsconf::mock::kTestAccessKeySecret), ""};
        client_ = acsconf::harness::make_http_endpoint(std::move(http));
    }
    std::string url() const { return server_->base_url(); }

    acsconf::harness::Response call(acsconf::model::Product product, const std::string& action,
                                    std::map<std::string, std::string> params) {
        acsconf::model::Call c;
        c.product = product;
        c.action = action;
        c.caller = std::string(acsconf::model::kMainAccount);
        c.params = std::move(params);
        return client_->send(c, {});
    }
    acsconf::harness::Response ram(const std::string& action, std::map<std::string, std::string> params = {}) {
        return call(acsconf::model::Product::Ram, action, std::move(params));
    }

    // Everything on the account, as names: users (with their policies), custom policies, roles, apps.
    std::map<std::string, std::set<std::string>> state() {
        std::map<std::string, std::set<std::string>> out;
        auto names = [](const json& items, const char* key) {
            std::set<std::string> found;
            for (const auto& item : items) found.insert(item.at(key).get<std::string>());
            return found;
        };
        out["users"] = names(ram("ListUsers").fields["Users"]["User"], "UserName");
        for (const auto& user : out["users"])
            out["policies of " + user] =
                names(ram("ListPoliciesForUser", {{"UserName", user}}).fields["Policies"]["Policy"], "PolicyName");
        out["custom policies"] = names(ram("ListPolicies", {{"PolicyType", "Custom"}}).fields["Policies"]["Policy"], "PolicyName");
        out["roles"] = names(ram("ListRoles").fields["Roles"]["Role"], "RoleName");
        out["apps"] = names(call(acsconf::model::Product::Vod, "ListAppInfo", {}).fields["AppInfoList"], "AppName");
        return out;
    }

private:
    std::unique_ptr<acsconf::mock::Server> server_;
    std::unique_ptr<acsconf::harness::Endpoint> client_;
};

// Resources of someone else, with fixed names that vectors use: q, z, a, custom policies x, p and
// one named like a system policy, with attachments.
void plant_foreign_resources(Mock& mock) {
    const std::string document = R"({"Statement":[{"Action":["oss:GetObject"],"Effect":"Allow","Resource":["*"]}],"Version":"1"})";
    for (const char* user : {"q", "z", "a"}) ASSERT_TRUE(mock.ram("CreateUser", {{"UserName", user}}).ok()) << user;
    for (const char* policy : {"x", "p", "AliyunOSSFullAccess"})
        ASSERT_TRUE(mock.ram("CreatePolicy", {{"PolicyName", policy}, {"PolicyDocument", document}}).ok()) << policy;
    const std::vector<std::array<const char*, 3>> attachments = {
        {"q", "System", "ReadOnlyAccess"}, {"q", "Custom", "x"},  {"z", "System", "ReadOnlyAccess"},
        {"z", "Custom", "p"},              {"a", "System", "AliyunOSSFullAccess"}, {"a", "Custom", "AliyunOSSFullAccess"}};
    for (const auto& [user, type, policy] : attachments)
        ASSERT_TRUE(mock.ram("AttachPolicyToUser", {{"UserName", user}, {"PolicyType", type}, {"PolicyName", policy}}).ok())
            << user << " " << policy;
}

json result_of(const fs::path& dir) { return json::parse(slurp(dir / "result.json")); }

// What a default run judges: every vector of the suite in each of its own formats (JSON, and XML where
// the vector lists it), counted from the vector files so the tests follow the suite.
std::size_t suite_instances() {
    const auto loaded = acsconf::runner::load_vector_files(acsconf::runner::expand_vector_paths({ACSCONF_VECTORS_DIR}));
    std::size_t count = 0;
    for (const auto* test : loaded.tests())
        count += acsconf::runner::instance_formats(*test, acsconf::runner::FormatChoice::PerVector).size();
    return count;
}

// id -> outcome and matched alternative, in report order.
std::vector<std::string> outcomes(const json& result) {
    std::vector<std::string> out;
    for (const auto& v : result.at("vectors"))
        out.push_back(v.at("id").get<std::string>() + " " + v.at("outcome").get<std::string>() + " " +
                      v.at("matched").get<std::string>());
    return out;
}

TEST(RemoteRun, ParallelRunEqualsSerialRunOutcomeForOutcome) {
    // Faithful mock, and one with a rule broken on purpose (failures must not depend on scheduling).
    for (const std::string deviation : {"", "ram.effect.notApplied"}) {
        std::vector<std::string> common{"run", "--endpoint", "mock"};
        if (!deviation.empty()) common.insert(common.end(), {"--deviation", deviation});
        const auto serial_dir = scratch("serial"), parallel_dir = scratch("parallel");
        auto serial_args = common, parallel_args = common;
        serial_args.insert(serial_args.end(), {"--jobs", "1", "--report-dir", (serial_dir / "r").string()});
        parallel_args.insert(parallel_args.end(), {"--jobs", "8", "--report-dir", (parallel_dir / "r").string()});
        const Ran serial = run_cli(serial_args, serial_dir);
        const Ran parallel = run_cli(parallel_args, parallel_dir);
        EXPECT_EQ(serial.exit_code, deviation.empty() ? 0 : 1) << serial.err;
        EXPECT_EQ(parallel.exit_code, serial.exit_code) << parallel.err;
        const json a = result_of(serial_dir / "r"), b = result_of(parallel_dir / "r");
        EXPECT_EQ(a["run"]["jobs"], 1);
        EXPECT_EQ(b["run"]["jobs"], 8);
        EXPECT_EQ(outcomes(a).size(), suite_instances());
        EXPECT_EQ(outcomes(a), outcomes(b)) << "deviation '" << deviation << "'";
        EXPECT_EQ(a["run"]["exchanges"], b["run"]["exchanges"]) << "the same work, whatever the scheduling";
    }
}

TEST(RemoteRun, ForeignResourcesAreUntouchedAndNothingOfTheRunRemains) {
    Mock mock;
    plant_foreign_resources(mock);
    const auto before = mock.state();
    const auto dir = scratch("foreign");
    const Ran r = run_cli({"run", "--endpoint", mock.url(), "--report-dir", (dir / "r").string()}, dir);
    // Vectors that need q, z, x or the custom AliyunOSSFullAccess to be absent skip instead.
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    const json result = result_of(dir / "r");
    std::set<std::string> skipped;
    for (const auto& v : result["vectors"])
        if (v["outcome"] == "skip") skipped.insert(v["id"].get<std::string>());
    EXPECT_THAT(skipped, ::testing::Contains("Ram_DetachPolicyFromUser/tc2_username_1_char_not_found"));
    EXPECT_THAT(skipped, ::testing::Contains("Ram_DetachPolicyFromUser/tc9_username_1_char_exists_detached"));
    // Unchanged: users, their attachments, custom policies; and no user, policy, role or app of the run left.
    EXPECT_EQ(mock.state(), before);
}

TEST(RemoteRun, InterruptedRunRemovesWhatItMadeAndSaysItIsPartial) {
    Mock mock(std::chrono::milliseconds(50));
    plant_foreign_resources(mock);
    const auto before = mock.state();
    const auto dir = scratch("interrupt");
    const pid_t pid = spawn_cli({"run", "--endpoint", mock.url(), "--report-dir", (dir / "r").string()}, dir);
    // Let vectors (and shared fixtures) get under way, then interrupt once.
    for (int i = 0; i < 100 && slurp(dir / "out").find("[20/") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(kill(pid, SIGINT), 0);
    const Ran r = wait_cli(pid, dir);
    EXPECT_EQ(r.exit_code, acsconf::runner::kExitInterrupted) << r.out << r.err;
    EXPECT_THAT(r.out, HasSubstr("INTERRUPTED"));
    EXPECT_THAT(r.err, HasSubstr("nothing the run created remains"));
    const json result = result_of(dir / "r");
    EXPECT_EQ(result["run"]["interrupted"], true);
    EXPECT_EQ(result["summary"]["interrupted"], true);
    EXPECT_LT(result["vectors"].size(), suite_instances());
    EXPECT_GE(result["vectors"].size(), 20u);
    EXPECT_EQ(mock.state(), before);
}

TEST(RemoteRun, SecondSignalAbortsAtOnceAndNamesWhatMayBeLeft) {
    Mock mock(std::chrono::milliseconds(200));
    const auto dir = scratch("abort");
    const pid_t pid = spawn_cli({"run", "--endpoint", mock.url(), "--filter", "Vod_*"}, dir);
    for (int i = 0; i < 100 && slurp(dir / "out").find("[2/") == std::string::npos; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    ASSERT_EQ(kill(pid, SIGINT), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_EQ(kill(pid, SIGINT), 0);
    const auto started = std::chrono::steady_clock::now();
    const Ran r = wait_cli(pid, dir);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2)) << "a second signal does not wait";
    EXPECT_EQ(r.exit_code, acsconf::runner::kExitInterrupted) << r.err;
    EXPECT_THAT(r.err, HasSubstr("again: aborted"));
    // A call in flight when the run aborted still reaches the mock after its delay; let it land first,
    // as a later `cleanup` on a real account would see it too.
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    // Whatever is left carries the run's prefix, and cleanup finds and removes exactly that.
    const auto cleanup = run_cli({"cleanup", "--endpoint", mock.url(), "--yes"}, dir);
    EXPECT_EQ(cleanup.exit_code, 0) << cleanup.out << cleanup.err;
    if (r.err.find("may be left behind") != std::string::npos) {
        EXPECT_THAT(cleanup.out, HasSubstr("removed "));
    }
    const auto after = mock.state();
    EXPECT_EQ(after.at("users").size(), 0u);
    EXPECT_EQ(after.at("roles").size(), 0u);
    EXPECT_EQ(after.at("custom policies").size(), 0u);
}

TEST(RemoteRun, DeadlineCutsTheRunShortWithErrorsNeverPasses) {
    Mock mock(std::chrono::milliseconds(50));
    const auto before = mock.state();
    const auto dir = scratch("deadline");
    const auto started = std::chrono::steady_clock::now();
    const Ran r = run_cli({"run", "--endpoint", mock.url(), "--deadline", "1s", "--report-dir", (dir / "r").string()}, dir);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
    EXPECT_EQ(r.exit_code, 3) << r.out << r.err;
    const json result = result_of(dir / "r");
    EXPECT_EQ(result["vectors"].size(), suite_instances()) << "every selected vector is reported";
    std::size_t cut = 0;
    for (const auto& v : result["vectors"])
        if (v["reason"].get<std::string>().find("deadline") != std::string::npos) {
            ++cut;
            EXPECT_EQ(v["outcome"], "error") << v["id"];
        }
    EXPECT_GT(cut, 100u);
    EXPECT_EQ(mock.state(), before) << "the teardown of a cut-off vector still runs";
}

TEST(RemoteRun, CleanupFindsAndRemovesPlantedLeftoversOnly) {
    Mock mock;
    plant_foreign_resources(mock);
    const auto before = mock.state();
    // Leftovers of an earlier run, two hours ago: a user with a policy attached, its custom policy,
    // a role and a VOD app; and names that merely look alike.
    const std::string old_token = acsconf::harness::make_run_token(std::chrono::system_clock::now() - std::chrono::hours(2), "zzzzz");
    const std::string document = R"({"Statement":[{"Action":["oss:GetObject"],"Effect":"Allow","Resource":["*"]}],"Version":"1"})";
    ASSERT_TRUE(mock.ram("CreateUser", {{"UserName", old_token + "-u"}}).ok());
    ASSERT_TRUE(mock.ram("CreatePolicy", {{"PolicyName", old_token + "-pol"}, {"PolicyDocument", document}}).ok());
    ASSERT_TRUE(mock.ram("AttachPolicyToUser", {{"UserName", old_token + "-u"}, {"PolicyType", "Custom"}, {"PolicyName", old_token + "-pol"}}).ok());
    ASSERT_TRUE(mock.ram("AttachPolicyToUser", {{"UserName", old_token + "-u"}, {"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"}}).ok());
    ASSERT_TRUE(mock.ram("CreateRole", {{"RoleName", old_token + "-vr"}, {"AssumeRolePolicyDocument", R"({"Statement":[],"Version":"1"})"}}).ok());
    ASSERT_TRUE(mock.call(acsconf::model::Product::Vod, "CreateAppInfo", {{"AppName", old_token + "-a"}}).ok());
    for (const char* lookalike : {"acsconf", "acsconf-user", "acsconfXYZ", "myacsconf000000000000000"})
        ASSERT_TRUE(mock.ram("CreateUser", {{"UserName", lookalike}}).ok()) << lookalike;
    auto expected = mock.state();
    const auto dir = scratch("cleanup");

    // Listing changes nothing; --older-than 3h finds nothing of two hours ago.
    const Ran listed = run_cli({"cleanup", "--endpoint", mock.url()}, dir);
    EXPECT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_THAT(listed.out, HasSubstr("4 resource(s) left by earlier acsconf runs"));
    for (const std::string suffix : {"-u", "-pol", "-vr", "-a"}) EXPECT_THAT(listed.out, HasSubstr(old_token + suffix));
    EXPECT_THAT(listed.out, ::testing::Not(HasSubstr("acsconf-user")));
    EXPECT_EQ(mock.state(), expected);
    EXPECT_THAT(run_cli({"cleanup", "--endpoint", mock.url(), "--older-than", "3h", "--yes"}, dir).out,
                HasSubstr("0 resource(s)"));
    EXPECT_EQ(mock.state(), expected);

    const Ran removed = run_cli({"cleanup", "--endpoint", mock.url(), "--older-than", "1h", "--yes"}, dir);
    EXPECT_EQ(removed.exit_code, 0) << removed.out << removed.err;
    EXPECT_THAT(removed.out, HasSubstr("removed user " + old_token + "-u"));
    auto after = mock.state();
    EXPECT_EQ(after.at("custom policies"), before.at("custom policies"));
    EXPECT_EQ(after.at("roles"), before.at("roles"));
    EXPECT_EQ(after.at("apps"), before.at("apps"));
    for (const char* user : {"q", "z", "a"}) EXPECT_EQ(after.at(std::string("policies of ") + user), before.at(std::string("policies of ") + user));
    EXPECT_EQ(after.at("users"), (std::set<std::string>{"q", "z", "a", "acsconf", "acsconf-user", "acsconfXYZ", "myacsconf000000000000000"}));
}

TEST(RemoteRun, CleanupOfARemoteHostNeedsLive) {
    const auto dir = scratch("cleanup_live");
    setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "id", 1);
    setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "not-printed", 1);
    const Ran r = run_cli({"cleanup", "--endpoint", "https://ram.example.invalid"}, dir);
    unsetenv("ALIBABA_CLOUD_ACCESS_KEY_ID");
    unsetenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr("not-printed")));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_THAT(r.err, HasSubstr("--live"));
}

TEST(Sharding, ShardsPartitionTheSuite) {
    const auto loaded = acsconf::runner::load_vector_files(acsconf::runner::expand_vector_paths({ACSCONF_VECTORS_DIR}));
    const auto tests = loaded.tests();
    ASSERT_FALSE(tests.empty());
    for (std::size_t count : {1u, 2u, 3u, 4u, 7u}) {
        std::vector<std::size_t> sizes(count);
        for (const auto* test : tests) {
            std::size_t holders = 0;
            for (std::size_t index = 0; index < count; ++index)
                if (acsconf::runner::in_shard(test->vector_id, {index, count})) {
                    ++holders;
                    ++sizes[index];
                }
            EXPECT_EQ(holders, 1u) << test->vector_id << " in " << holders << " of " << count << " shards";
        }
        for (std::size_t size : sizes) EXPECT_GT(size, tests.size() / count / 3) << "shards are roughly even";
    }
}

TEST(Sharding, CliShardsAndGoogleTestVariablesCoverEveryVectorOnce) {
    std::multiset<std::string> seen;
    for (int index = 1; index <= 3; ++index) {
        const auto dir = scratch("shard" + std::to_string(index));
        const Ran r = run_cli({"run", "--endpoint", "inprocess", "--shard", std::to_string(index) + "/3", "--report-dir",
                               (dir / "r").string()},
                              dir);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        const json result = result_of(dir / "r");
        EXPECT_EQ(result["run"]["shard"], std::to_string(index) + "/3");
        for (const auto& v : result["vectors"]) seen.insert(v["id"].get<std::string>());
    }
    EXPECT_EQ(seen.size(), suite_instances());
    EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), suite_instances()) << "no vector in two shards";

    // GTEST_SHARD_INDEX is 0-based: index 1 of 3 is --shard 2/3.
    const auto dir = scratch("gtest_shard");
    setenv("GTEST_TOTAL_SHARDS", "3", 1);
    setenv("GTEST_SHARD_INDEX", "1", 1);
    const Ran r = run_cli({"run", "--endpoint", "inprocess", "--report-dir", (dir / "r").string()}, dir);
    unsetenv("GTEST_TOTAL_SHARDS");
    unsetenv("GTEST_SHARD_INDEX");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(result_of(dir / "r")["run"]["shard"], "2/3");
    EXPECT_EQ(run_cli({"run", "--endpoint", "inprocess", "--shard", "4/3"}, dir).exit_code, 2);
}

}  // namespace
