// ram_validator: RAM DetachPolicyFromUser on the model, with fuzzed presence and values of UserName,
// PolicyName, PolicyType and a fuzzed caller. Properties:
//  - every answer is catalogued (code known, status = the catalogue's);
//  - whatever passes validation (success, or a not-found past validation) satisfies the documented
//    length and character rules, checked by the independent predicates of common.hpp;
//  - conversely, a request whose three parameters all satisfy those rules never gets a validation
//    error (main caller) and gets NoPermission (unprivileged caller) — the model's documented order,
//    conformance/model/RULES.md (errorPrecedence);
//  - a success really detaches: repeating it gives EntityNotExist.User.Policy;
//  - deterministic: the same input on two fresh Accounts gives identical outcomes.
#include <array>
#include <string>
#include <vector>

#include <fuzzer/FuzzedDataProvider.h>

#include "common.hpp"
#include "fdp_writer.hpp"
#include "targets.hpp"

namespace acsconf::fuzz {
namespace {

using model::Account;
using model::Call;
using model::Outcome;
using model::Product;

constexpr std::array<const char*, 3> kParams = {"UserName", "PolicyName", "PolicyType"};
constexpr unsigned kUnprivilegedBit = 1u << 3;

// The state every input starts from: user "alice" with the System policy ReadOnlyAccess and the
// Custom policy acsconf-fuzz-custom attached, so fuzzed calls can reach success.
constexpr const char* kFixtureUser = "alice";
constexpr const char* kFixtureSystemPolicy = "ReadOnlyAccess";
constexpr const char* kFixtureCustomPolicy = "acsconf-fuzz-custom";

Call ram_call(std::string action, std::map<std::string, std::string> params) {
    Call call;
    call.product = Product::Ram;
    call.action = std::move(action);
    call.params = std::move(params);
    return call;
}

void make_fixture(Account& account) {
    const std::vector<Call> steps = {
        ram_call("CreateUser", {{"UserName", kFixtureUser}}),
        ram_call("CreatePolicy",
                 {{"PolicyName", kFixtureCustomPolicy},
                  {"PolicyDocument",
                   R"({"Version":"1","Statement":[{"Effect":"Allow","Action":"ram:Get*","Resource":"*"}]})"}}),
        ram_call("AttachPolicyToUser",
                 {{"PolicyType", "System"}, {"PolicyName", kFixtureSystemPolicy}, {"UserName", kFixtureUser}}),
        ram_call("AttachPolicyToUser",
                 {{"PolicyType", "Custom"}, {"PolicyName", kFixtureCustomPolicy}, {"UserName", kFixtureUser}}),
    };
    for (const Call& step : steps) {
        const Outcome outcome = account.handle(step);
        ACSCONF_FUZZ_CHECK(outcome.ok(), "the RAM fixture (CreateUser, CreatePolicy, AttachPolicyToUser) succeeds");
    }
}

Call decode(const std::uint8_t* data, std::size_t size) {
    FuzzedDataProvider input(data, size);
    const unsigned mask = input.ConsumeIntegral<std::uint8_t>();
    Call call = ram_call("DetachPolicyFromUser", {});
    for (std::size_t i = 0; i < kParams.size(); ++i)
        if (mask & (1u << i)) call.params[kParams[i]] = input.ConsumeRandomLengthString(kMaxParamValue);
    if (mask & kUnprivilegedBit) call.caller = std::string(model::kUnprivileged);
    return call;
}

struct Trace {
    Outcome first;
    Outcome repeat;
};

Trace run_once(const Call& call) {
    Account account;
    make_fixture(account);
    Trace trace;
    trace.first = account.handle(call);
    trace.repeat = account.handle(call);
    return trace;
}

bool is_validation_error(std::string_view code) {
    return starts_with(code, "InvalidParameter") || starts_with(code, "Missing");
}

}  // namespace

int run_ram_validator(const std::uint8_t* data, std::size_t size) {
    const Call call = decode(data, size);
    const Trace trace = run_once(call);
    const Outcome& outcome = trace.first;

    check_outcome_catalogued(Product::Ram, outcome);
    check_outcome_catalogued(Product::Ram, trace.repeat);

    const auto param = [&](const char* name) -> const std::string* {
        auto it = call.params.find(name);
        return it == call.params.end() ? nullptr : &it->second;
    };
    const std::string* user = param("UserName");
    const std::string* policy = param("PolicyName");
    const std::string* type = param("PolicyType");
    const bool all_valid = user && policy && type && ram_user_name_valid(*user) &&
                           ram_policy_name_valid(*policy) && ram_policy_type_valid(*type);
    const bool unprivileged = call.caller == model::kUnprivileged;

    if (outcome.ok() || starts_with(outcome.code, "EntityNotExist") || outcome.code == "NoPermission") {
        ACSCONF_FUZZ_CHECK(all_valid,
                           "a DetachPolicyFromUser that passed validation has UserName 1-64 [A-Za-z0-9.@_-], "
                           "PolicyName 1-128 [A-Za-z0-9-] and PolicyType System|Custom");
    }
    if (all_valid) {
        ACSCONF_FUZZ_CHECK(!is_validation_error(outcome.code),
                           "valid UserName/PolicyName/PolicyType never get a validation error");
        ACSCONF_FUZZ_CHECK(unprivileged == (outcome.code == "NoPermission"),
                           "with valid parameters, exactly the unprivileged caller gets NoPermission");
    }
    if (outcome.ok()) {
        ACSCONF_FUZZ_CHECK(!unprivileged, "the unprivileged caller never detaches");
        ACSCONF_FUZZ_CHECK(outcome.fields.empty(), "a DetachPolicyFromUser success body is only RequestId");
        ACSCONF_FUZZ_CHECK(trace.repeat.code == "EntityNotExist.User.Policy",
                           "after a successful detach the attachment is gone (repeat: EntityNotExist.User.Policy)");
    } else {
        ACSCONF_FUZZ_CHECK(same_outcome(outcome, trace.repeat), "a rejected call changes nothing: repeating it gives the same answer");
    }

    const Trace again = run_once(call);
    ACSCONF_FUZZ_CHECK(same_outcome(trace.first, again.first) && same_outcome(trace.repeat, again.repeat),
                       "the model is deterministic: the same input on a fresh Account gives the same outcomes");
    return 0;
}

Call decode_ram_validator_input(const std::uint8_t* data, std::size_t size) { return decode(data, size); }

std::string encode_ram_validator_input(const Call& call) {
    if (call.product != Product::Ram || call.action != "DetachPolicyFromUser") return "";
    if (call.caller != model::kMainAccount && call.caller != model::kUnprivileged) return "";
    unsigned mask = call.caller == model::kUnprivileged ? kUnprivilegedBit : 0;
    FdpWriter writer;
    std::size_t known = 0;
    for (std::size_t i = 0; i < kParams.size(); ++i) {
        auto it = call.params.find(kParams[i]);
        if (it == call.params.end()) continue;
        ++known;
        mask |= 1u << i;
        writer.random_length_string(it->second, kMaxParamValue);
    }
    if (known != call.params.size()) return "";  // a parameter this target never sends
    writer.byte(static_cast<std::uint8_t>(mask));
    return writer.bytes();
}

}  // namespace acsconf::fuzz
