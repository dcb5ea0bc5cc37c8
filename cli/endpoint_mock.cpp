// The default endpoint of `acsconf run`: the bundled mock started in this process on an ephemeral
// loopback port, driven over real HTTP (libcurl) with real signatures. Specs:
//   mock          V1 signature, POST with a form body (what pop-core sends)
//   mock:get      V1 signature, GET with everything in the query
//   mock:v3       V3 signature (ACS3-HMAC-SHA256), as the generated SDKs send
// The mock is stopped when the endpoint is destroyed.
#include <memory>
#include <string>

#include "acsconf/harness/http_endpoint.hpp"
#include "acsconf/harness/redact.hpp"
#include "acsconf/mock/server.hpp"
#include "endpoint_factory.hpp"

namespace acsconf::cli {
namespace {

class MockOverHttpEndpoint final : public harness::Endpoint, public harness::Reproducible {
public:
    MockOverHttpEndpoint(std::unique_ptr<mock::Server> server, std::unique_ptr<harness::Endpoint> http)
        : server_(std::move(server)), http_(std::move(http)) {}

    ~MockOverHttpEndpoint() override {
        http_.reset();  // close the client's connections first, then stop the server
        server_->stop();
    }

    std::string name() const override { return "mock at " + server_->base_url(); }
    harness::Response send(const model::Call& call, const harness::SendOptions& options) override {
        return http_->send(call, options);
    }
    bool set_precondition(std::string_view name, std::string_view value) override {
        return http_->set_precondition(name, value);
    }
    std::string precondition(std::string_view name) const override { return http_->precondition(name); }
    bool can_act_as(std::string_view caller) const override { return http_->can_act_as(caller); }
    std::string fault_unsupported(harness::Fault fault) const override { return http_->fault_unsupported(fault); }
    std::string last_curl_command() const override {
        const auto* reproducible = dynamic_cast<const harness::Reproducible*>(http_.get());
        return reproducible != nullptr ? reproducible->last_curl_command() : std::string();
    }

private:
    std::unique_ptr<mock::Server> server_;
    std::unique_ptr<harness::Endpoint> http_;
};

BuiltEndpoint make_mock_endpoint(const std::string& spec, const EndpointOptions& options) {
    harness::HttpEndpointOptions http;
    if (spec == "mock") {
        http.signature = harness::SignatureVersion::V1;
        http.method = harness::HttpMethod::Post;
    } else if (spec == "mock:get") {
        http.signature = harness::SignatureVersion::V1;
        http.method = harness::HttpMethod::Get;
    } else if (spec == "mock:v3") {
        http.signature = harness::SignatureVersion::V3;
        http.method = harness::HttpMethod::Post;
    } else {
        throw EndpointSpecError("unknown endpoint '" + spec + "': the bundled mock is 'mock' (V1 POST), "
                                "'mock:get' (V1 GET) or 'mock:v3' (V3)");
    }

    mock::ServerOptions server_options;
    server_options.host = "127.0.0.1";
    server_options.port = 0;
    server_options.service.model = options.model;
    // Always the documented test pairs: the embedded mock must not pick up a real AccessKey from
    // the environment, and the client below must sign with exactly what the mock knows.
    server_options.service.access_keys = mock::test_access_keys();
    // The suite switches preconditions (e.g. the VOD multi-application service) through the control
    // route; it signs those calls with the main test key below.
    server_options.service.test_control = true;
    auto server = std::make_unique<mock::Server>(std::move(server_options));
    try {
        server->start();
    } catch (const std::exception& e) {
        throw EndpointSpecError(std::string("cannot start the bundled mock: ") + e.what());
    }

    http.ram_url = server->base_url();
    http.vod_url = server->base_url();
    http.max_attempts = 1;  // a local mock never throttles; a failure should show at once
    http.control_route = true;  // our own mock: preconditions may be set through its control route
    http.rate_limiter = options.rate_limiter;
    http.credentials[std::string(model::kMainAccount)] =
        harness::Credentials{std::string(mock::kTestAccessKeyId), std::string(mock::kTestAccessKeySecret), ""};
    http.credentials[std::string(model::kUnprivileged)] = harness::Credentials{
        std::string(mock::kUnprivilegedAccessKeyId), std::string(mock::kUnprivilegedAccessKeySecret), ""};
    const std::string version(harness::signature_version_name(http.signature));
    auto client = harness::make_http_endpoint(std::move(http));
    BuiltEndpoint built{std::make_unique<MockOverHttpEndpoint>(std::move(server), std::move(client)), version};
    built.default_jobs = kNetworkJobs;
    built.applies_deviation = true;  // the mock's Service runs options.model
    return built;
}

const EndpointRegistration kMock{
    "mock", "the bundled mock on an ephemeral loopback port, over real HTTP ('mock', 'mock:get', 'mock:v3')",
    make_mock_endpoint};

}  // namespace
}  // namespace acsconf::cli
