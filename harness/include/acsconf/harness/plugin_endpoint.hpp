// Plugin endpoints: an implementation in a shared library speaking the C ABI of <acsconf/acsconf_plugin.h>,
// loaded with dlopen (`--endpoint plugin:/path/lib.so`). Also the JSON codec of that ABI, shared by the
// host side here and by plugins written on top of acsconf (mock/plugin).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "acsconf/harness/endpoint.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::harness {

// The library cannot be loaded, has no acsconf_plugin_entry, speaks no ABI version we speak, or its
// init failed. The message names the path and the reason.
class PluginError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Loads `library_path` and makes one instance (init with `config_json`). Each call of this function
// makes a new, independent instance; the library stays loaded while any of them lives.
std::unique_ptr<Endpoint> make_plugin_endpoint(const std::string& library_path, const std::string& config_json = "{}");

// --- the ABI's JSON (see the header's comment) ---
nlohmann::json plugin_call_json(const model::Call& call);
// Throws std::runtime_error naming what is wrong.
model::Call plugin_call_from_json(const nlohmann::json& call);
nlohmann::json plugin_answer_json(const model::Outcome& outcome, std::string_view request_id);

}  // namespace acsconf::harness
