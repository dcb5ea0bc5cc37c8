// differential: one fuzzed call, answered twice: by model::Account directly, and through the whole
// wire (harness V1 signing + query encoding → mock::Service → harness response decoder). Both sides
// start from the same fixture, made the same two ways.
// plugin_differential: the same comparison with a plugin (<acsconf/acsconf_plugin.h>) as the other
// side, called in-process at libFuzzer speed: $ACSCONF_PLUGIN names the library; by default the example
// plugin beside the fuzzer binary (OSS-Fuzz) or in the build tree. Same input format, same seeds.
// Properties (both):
//  - same HTTP status and Code (and, in JSON, the same success fields);
//  - same effect: a follow-up List call (ListPoliciesForUser / ListAppPoliciesForIdentity) of the
//    fixture identity answers the same on both sides;
//  - every wire answer carries a RequestId.
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "acsconf/harness/plugin_endpoint.hpp"
#include "acsconf/model/account.hpp"
#include "common.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"
#include "wire_client.hpp"

namespace acsconf::fuzz {
namespace {

using model::Call;
using model::Outcome;
using model::Product;

struct Operation {
    Product product;
    const char* action;
};
constexpr std::array<Operation, 6> kOperations = {{
    {Product::Ram, "DetachPolicyFromUser"},
    {Product::Ram, "AttachPolicyToUser"},
    {Product::Ram, "CreateUser"},
    {Product::Vod, "DetachAppPolicyFromIdentity"},
    {Product::Vod, "AttachAppPolicyToIdentity"},
    {Product::Ram, "DeleteUser"},
}};
constexpr std::array<const char*, 3> kRamParams = {"UserName", "PolicyName", "PolicyType"};
constexpr std::array<const char*, 4> kVodParams = {"IdentityType", "IdentityName", "AppId", "PolicyNames"};

// Flag bits.
constexpr unsigned kUnprivilegedBit = 1u << 0;
constexpr unsigned kServiceClosedBit = 1u << 1;
constexpr unsigned kXmlBit = 1u << 2;

// Placeholders a fuzzed value may be replaced with: the fixture's generated ids.
constexpr const char* kUserIdToken = "${uid}";
constexpr const char* kAppIdToken = "${app}";

struct Input {
    std::size_t operation = 0;
    unsigned present = 0;
    unsigned flags = 0;
    std::vector<std::string> values;  // one per present parameter, in parameter order
};

const char* const* params_of(Product product, std::size_t& count) {
    count = product == Product::Ram ? kRamParams.size() : kVodParams.size();
    return product == Product::Ram ? kRamParams.data() : kVodParams.data();
}

Input decode(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider provider(data, size);
    Input input;
    input.operation = provider.ConsumeIntegralInRange<std::size_t>(0, kOperations.size() - 1);
    input.present = provider.ConsumeIntegral<std::uint8_t>();
    input.flags = provider.ConsumeIntegral<std::uint8_t>();
    std::size_t count = 0;
    params_of(kOperations[input.operation].product, count);
    for (std::size_t i = 0; i < count; ++i)
        if (input.present & (1u << i)) input.values.push_back(provider.ConsumeRandomLengthString(kMaxParamValue));
    return input;
}

// Fixture: RAM user "diff-user" with ReadOnlyAccess; a VOD app; VODAppFullAccess on it for the user.
struct Fixture {
    std::string user_id;
    std::string app_id;
};

// JSON cannot carry invalid UTF-8: the wire sends such bytes as U+FFFD (nlohmann's `replace`), the
// model keeps them raw. Fields are compared after the same replacement on the model's side.
nlohmann::json as_sent(const nlohmann::json& fields) {
    return nlohmann::json::parse(fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// One side of the comparison: answers a Call as (status, code, fields).
struct Answer {
    int status = 0;
    std::string code;
    nlohmann::json fields;
};

class ModelSide {
public:
    Answer send(const Call& call) {
        const Outcome outcome = account_.handle(call);
        return {outcome.http_status, outcome.code, as_sent(outcome.fields)};
    }
    bool set_service(std::string_view value) { return account_.set_precondition(model::kPreconditionVodMultiApp, value); }

private:
    model::Account account_;
};

class WireSide {
public:
    WireSide() : service_(fixed_service_options()) {}
    Answer send(const Call& call, harness::Format format = harness::Format::Json) {
        const harness::Response response = call_through_wire(service_, call, format, "nonce-" + std::to_string(++calls_));
        ACSCONF_FUZZ_CHECK(!response.request_id.empty(), "every wire answer carries a RequestId");
        return {response.http_status, response.code, response.fields};
    }
    bool set_service(std::string_view value) { return service_.set_precondition(model::kPreconditionVodMultiApp, value); }

private:
    mock::Service service_;
    int calls_ = 0;
};

// A plugin instance (fresh per input: init/shutdown). The library is loaded once for the process.
class PluginSide {
public:
    PluginSide() : endpoint_(harness::make_plugin_endpoint(library())) {}
    Answer send(const Call& call, harness::Format format = harness::Format::Json) {
        harness::Response response;
        try {
            response = endpoint_->send(call, {format});
        } catch (const harness::TransportError& e) {
            std::fprintf(stderr, "plugin_differential: %s\n", e.what());
            ACSCONF_FUZZ_CHECK(false, "the plugin answers every call with a well-formed answer");
        }
        ACSCONF_FUZZ_CHECK(!response.request_id.empty(), "every plugin answer carries a RequestId");
        return {response.http_status, response.code, response.fields};
    }
    bool set_service(std::string_view value) { return endpoint_->set_precondition(model::kPreconditionVodMultiApp, value); }

    static std::string library() {
        if (const char* chosen = std::getenv("ACSCONF_PLUGIN")) return chosen;
        std::error_code ec;
        const auto beside = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path() / "libacsconf_mock_plugin.so";
        if (!ec && std::filesystem::exists(beside, ec)) return beside.string();
        return ACSCONF_DEFAULT_PLUGIN;  // the example plugin of this build
    }

private:
    std::unique_ptr<harness::Endpoint> endpoint_;
};

template <typename Side>
Fixture make_fixture(Side& side) {
    ACSCONF_FUZZ_CHECK(side.set_service("open"), "vod.multiAppService=open is accepted");
    Fixture fixture;
    const Answer user = side.send(Call{Product::Ram, "CreateUser", {{"UserName", "diff-user"}}});
    ACSCONF_FUZZ_CHECK(user.code.empty() && user.fields.contains("User"), "fixture CreateUser succeeds");
    fixture.user_id = user.fields["User"].value("UserId", "");
    ACSCONF_FUZZ_CHECK(side.send(Call{Product::Ram, "AttachPolicyToUser",
                                         {{"PolicyType", "System"}, {"PolicyName", "ReadOnlyAccess"},
                                          {"UserName", "diff-user"}}})
                           .code.empty(),
                       "fixture AttachPolicyToUser succeeds");
    const Answer app = side.send(Call{Product::Vod, "CreateAppInfo", {{"AppName", "diffapp"}}});
    ACSCONF_FUZZ_CHECK(app.code.empty() && app.fields.contains("AppId"), "fixture CreateAppInfo succeeds");
    fixture.app_id = app.fields["AppId"].get<std::string>();
    ACSCONF_FUZZ_CHECK(side.send(Call{Product::Vod, "AttachAppPolicyToIdentity",
                                         {{"IdentityType", "RamUser"}, {"IdentityName", fixture.user_id},
                                          {"AppId", fixture.app_id}, {"PolicyNames", "VODAppFullAccess"}}})
                           .code.empty(),
                       "fixture AttachAppPolicyToIdentity succeeds");
    return fixture;
}

Call make_call(const Input& input, const Fixture& fixture) {
    const Operation& operation = kOperations[input.operation];
    Call call{operation.product, operation.action, {}};
    std::size_t count = 0;
    const char* const* names = params_of(operation.product, count);
    std::size_t next = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (!(input.present & (1u << i))) continue;
        std::string value = input.values[next++];
        if (value == kUserIdToken) value = fixture.user_id;
        if (value == kAppIdToken) value = fixture.app_id;
        call.params[names[i]] = std::move(value);
    }
    if (input.flags & kUnprivilegedBit) call.caller = std::string(model::kUnprivileged);
    return call;
}

std::vector<Call> follow_ups(const Fixture& fixture) {
    return {Call{Product::Ram, "ListPoliciesForUser", {{"UserName", "diff-user"}}},
            Call{Product::Vod, "ListAppPoliciesForIdentity",
                    {{"IdentityType", "RamUser"}, {"IdentityName", fixture.user_id}, {"AppId", fixture.app_id}}}};
}

// Says what differed before a check fails (no secrets: calls hold business parameters only).
void explain(const Call& call, const Answer& direct, const Answer& wired) {
    if (direct.status == wired.status && direct.code == wired.code && direct.fields == wired.fields) return;
    const auto dump = [](const nlohmann::json& j) { return j.dump(-1, ' ', true, nlohmann::json::error_handler_t::replace); };
    std::fprintf(stderr, "differential: %s %s\n  model: %d %s %s\n  wire:  %d %s %s\n", call.action.c_str(),
                 dump(nlohmann::json(call.params)).c_str(), direct.status, direct.code.c_str(), dump(direct.fields).c_str(),
                 wired.status, wired.code.c_str(), dump(wired.fields).c_str());
}


template <typename OtherSide>
int compare_with_model(const std::uint8_t* data, std::size_t size, OtherSide& wire_side) {
    const Input input = decode(data, size);
    const harness::Format format = (input.flags & kXmlBit) ? harness::Format::Xml : harness::Format::Json;

    ModelSide model_side;
    const Fixture model_fixture = make_fixture(model_side);
    const Fixture wire_fixture = make_fixture(wire_side);
    ACSCONF_FUZZ_CHECK(model_fixture.user_id == wire_fixture.user_id && model_fixture.app_id == wire_fixture.app_id,
                       "the fixture gets the same ids on both sides");
    if (input.flags & kServiceClosedBit) {
        model_side.set_service("closed");
        wire_side.set_service("closed");
    }

    const Call call = make_call(input, model_fixture);
    const Answer direct = model_side.send(call);
    Answer wired;
    try {
        wired = wire_side.send(call, format);
    } catch (const harness::TransportError& e) {
        std::fprintf(stderr, "differential: %s\n", e.what());
        ACSCONF_FUZZ_CHECK(false, "the other side's answer always decodes");
    }
    explain(call, direct, wired);
    ACSCONF_FUZZ_CHECK(direct.status == wired.status, "model and wire give the same HTTP status");
    ACSCONF_FUZZ_CHECK(direct.code == wired.code, "model and wire give the same Code");
    if (format == harness::Format::Json)
        ACSCONF_FUZZ_CHECK(direct.fields == wired.fields, "model and wire (JSON) give the same body fields");

    model_side.set_service("open");
    wire_side.set_service("open");
    for (const Call& follow_up : follow_ups(model_fixture)) {
        const Answer after_direct = model_side.send(follow_up);
        const Answer after_wire = wire_side.send(follow_up);
        explain(follow_up, after_direct, after_wire);
        ACSCONF_FUZZ_CHECK(after_direct.status == after_wire.status && after_direct.code == after_wire.code &&
                               after_direct.fields == after_wire.fields,
                           "model and wire leave the same state (follow-up List calls agree)");
    }
    return 0;
}

}  // namespace

int run_differential(const std::uint8_t* data, std::size_t size) {
    WireSide wire;
    return compare_with_model(data, size, wire);
}

int run_plugin_differential(const std::uint8_t* data, std::size_t size) {
    // Keeps the library loaded between inputs (each input still gets a fresh instance).
    static const std::unique_ptr<harness::Endpoint> keep_loaded = harness::make_plugin_endpoint(PluginSide::library());
    PluginSide plugin;
    return compare_with_model(data, size, plugin);
}


std::string encode_differential_input(const Call& call) {
    std::size_t operation = kOperations.size();
    for (std::size_t i = 0; i < kOperations.size(); ++i)
        if (kOperations[i].product == call.product && call.action == kOperations[i].action) operation = i;
    if (operation == kOperations.size()) return "";
    if (call.caller != model::kMainAccount && call.caller != model::kUnprivileged) return "";
    std::size_t count = 0;
    const char* const* names = params_of(call.product, count);
    FdpWriter writer;
    unsigned present = 0;
    std::size_t known = 0;
    for (std::size_t i = 0; i < count; ++i) {
        auto it = call.params.find(names[i]);
        if (it == call.params.end()) continue;
        present |= 1u << i;
        ++known;
        std::string value = it->second;
        // A vector value taken from its fixture maps to ours.
        if (value.find("${") != std::string::npos)
            value = std::string_view(names[i]) == "AppId" ? kAppIdToken : kUserIdToken;
        writer.random_length_string(value, kMaxParamValue);
    }
    if (known != call.params.size()) return "";
    writer.integral_in_range(operation, 0, kOperations.size() - 1);
    writer.byte(static_cast<std::uint8_t>(present));
    writer.byte(call.caller == model::kUnprivileged ? kUnprivilegedBit : 0);
    return writer.bytes();
}

}  // namespace acsconf::fuzz
