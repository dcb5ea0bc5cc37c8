// The example plugin: the mock's service behind the plugin ABI (<acsconf/acsconf_plugin.h>), i.e. the
// model::Account the mock serves, answering each call in-process. `acsconf run --endpoint
// plugin:build/mock/plugin/libacsconf_mock_plugin.so` passes the suite with it. Built twice: the
// broken build (ACSCONF_PLUGIN_DEVIATION defined to a deviation id, libacsconf_mock_plugin_broken.so)
// breaks that one rule, so tests prove `run` and `fuzz` catch a plugin that is wrong.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "acsconf/acsconf_plugin.h"
#include "acsconf/harness/plugin_endpoint.hpp"
#include "acsconf/model/account.hpp"

#ifndef ACSCONF_PLUGIN_DEVIATION
#define ACSCONF_PLUGIN_DEVIATION ""
#endif

namespace {

struct Instance {
    acsconf::model::Account account;
    unsigned long long counter = 0;
    std::string precondition;  // get_precondition's answer, valid until the next call
};

void* plugin_init(const char* config_json) {
    try {
        acsconf::model::ModelOptions options;
        options.deviation = ACSCONF_PLUGIN_DEVIATION;
        // {"deviation": "<id>"} in the config breaks a rule at run time as well.
        const auto config = nlohmann::json::parse(config_json ? config_json : "{}", nullptr, false);
        if (config.is_object() && config.contains("deviation") && config["deviation"].is_string())
            options.deviation = config["deviation"].get<std::string>();
        return new Instance{acsconf::model::Account(std::move(options)), 0, {}};
    } catch (const std::exception&) {
        return nullptr;
    }
}

char* plugin_handle(void* instance, const char* call_json, size_t call_len, size_t* answer_len) {
    auto* self = static_cast<Instance*>(instance);
    try {
        const auto doc = nlohmann::json::parse(call_json, call_json + call_len);
        const acsconf::model::Call call = acsconf::harness::plugin_call_from_json(doc);
        const acsconf::model::Outcome outcome = self->account.handle(call);
        char request_id[40];
        std::snprintf(request_id, sizeof request_id, "0000P1U6-0000-4000-8000-%012llX", ++self->counter);
        // Names in the fields may be raw bytes: the JSON text gets U+FFFD for what is not UTF-8.
        const std::string text = acsconf::harness::plugin_answer_json(outcome, request_id)
                                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        char* out = new char[text.size() + 1];
        std::memcpy(out, text.c_str(), text.size() + 1);
        *answer_len = text.size();
        return out;
    } catch (const std::exception&) {
        return nullptr;
    }
}

void plugin_free_answer(void*, char* answer) { delete[] answer; }

int plugin_set_precondition(void* instance, const char* name, const char* value) {
    return static_cast<Instance*>(instance)->account.set_precondition(name, value) ? 1 : 0;
}

const char* plugin_get_precondition(void* instance, const char* name) {
    auto* self = static_cast<Instance*>(instance);
    self->precondition = self->account.precondition(name);
    return self->precondition.empty() ? nullptr : self->precondition.c_str();
}

void plugin_shutdown(void* instance) { delete static_cast<Instance*>(instance); }

const acsconf_plugin_v1 kTable = {
    1, sizeof(acsconf_plugin_v1),
    ACSCONF_PLUGIN_DEVIATION[0] ? "acsconf mock plugin (broken: " ACSCONF_PLUGIN_DEVIATION ")" : "acsconf mock plugin",
    plugin_init, plugin_handle, plugin_free_answer, plugin_set_precondition, plugin_get_precondition, plugin_shutdown,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const acsconf_plugin_v1* acsconf_plugin_entry(uint32_t host_abi_version) {
    return host_abi_version >= 1 ? &kTable : nullptr;
}
