// The model's rule checks and one DetachPolicyFromUser / DetachAppPolicyFromIdentity through
// Account::handle (the oracle every vector and the mock rely on).
#include <string>

#include <benchmark/benchmark.h>

#include "acsconf/model/account.hpp"
#include "acsconf/model/validators.hpp"

namespace {

using acsconf::model::Account;
using acsconf::model::Call;
using acsconf::model::Product;

void BM_UserNameRules(benchmark::State& state) {
    const std::string name(static_cast<std::size_t>(state.range(0)), 'u');
    for (auto _ : state) {
        benchmark::DoNotOptimize(acsconf::model::check_user_name_length(name));
        benchmark::DoNotOptimize(acsconf::model::check_user_name_chars(name));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_UserNameRules)->Arg(8)->Arg(64)->Arg(4096);

void BM_PolicyNameRules(benchmark::State& state) {
    const std::string name(static_cast<std::size_t>(state.range(0)), 'P');
    for (auto _ : state) {
        benchmark::DoNotOptimize(acsconf::model::check_policy_name_length(name));
        benchmark::DoNotOptimize(acsconf::model::check_policy_name_chars(name));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * state.range(0));
}
BENCHMARK(BM_PolicyNameRules)->Arg(16)->Arg(128)->Arg(4096);

void BM_Utf8Length(benchmark::State& state) {
    std::string text;
    while (text.size() < 1024) text += "\xe4\xb8\xad" "a";  // CJK + ASCII mix
    for (auto _ : state) benchmark::DoNotOptimize(acsconf::model::parameter_length(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Utf8Length);

void BM_SplitPolicyNames(benchmark::State& state) {
    const std::string list = "VODAppFullAccess,VODAppReadOnlyAccess,VODAppAdministratorAccess,,x";
    for (auto _ : state) benchmark::DoNotOptimize(acsconf::model::split_policy_names(list));
}
BENCHMARK(BM_SplitPolicyNames);

Call detach_call(std::string user) {
    Call call;
    call.product = Product::Ram;
    call.action = "DetachPolicyFromUser";
    call.params = {{"UserName", std::move(user)}, {"PolicyName", "ReadOnlyAccess"}, {"PolicyType", "System"}};
    return call;
}

// A call rejected by validation: the cheapest full path through handle().
void BM_HandleRejected(benchmark::State& state) {
    Account account;
    const Call call = detach_call("bad name!");
    for (auto _ : state) benchmark::DoNotOptimize(account.handle(call));
}
BENCHMARK(BM_HandleRejected);

// Attach then detach: the success path, state changes included (two handle() calls per iteration).
void BM_HandleAttachDetach(benchmark::State& state) {
    Account account;
    Call create;
    create.product = Product::Ram;
    create.action = "CreateUser";
    create.params = {{"UserName", "bench-user"}};
    if (!account.handle(create).ok()) {
        state.SkipWithError("CreateUser failed");
        return;
    }
    Call attach = detach_call("bench-user");
    attach.action = "AttachPolicyToUser";
    const Call detach = detach_call("bench-user");
    for (auto _ : state) {
        benchmark::DoNotOptimize(account.handle(attach));
        benchmark::DoNotOptimize(account.handle(detach));
    }
}
BENCHMARK(BM_HandleAttachDetach);

}  // namespace
