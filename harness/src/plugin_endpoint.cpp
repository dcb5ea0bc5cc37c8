// The host side of the plugin ABI: dlopen, version negotiation, one instance per endpoint.
#include "acsconf/harness/plugin_endpoint.hpp"

#include <dlfcn.h>

#include <mutex>
#include <set>

#include "acsconf/acsconf_plugin.h"
#include "acsconf/harness/json_text.hpp"
#include "acsconf/model/validators.hpp"

namespace acsconf::harness {
namespace {

using nlohmann::json;

std::string to_hex(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) out += std::string{kHex[c >> 4], kHex[c & 0xF]};
    return out;
}

std::string from_hex(const std::string& hex) {
    const auto nibble = [&](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        throw std::runtime_error("\"hex\" holds a non-hex character");
    };
    if (hex.size() % 2 != 0) throw std::runtime_error("\"hex\" has an odd number of digits");
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
    return out;
}

// The loaded library; closed when the last endpoint using it is gone.
struct Library {
    void* handle = nullptr;
    const acsconf_plugin_v1* api = nullptr;
    ~Library() {
        if (handle) dlclose(handle);
    }
};

std::shared_ptr<Library> open_library(const std::string& path) {
    auto library = std::make_shared<Library>();
    library->handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!library->handle) {
        const char* why = dlerror();
        throw PluginError("plugin " + path + " cannot be loaded: " + (why ? why : "dlopen failed"));
    }
    void* symbol = dlsym(library->handle, ACSCONF_PLUGIN_ENTRY_SYMBOL);
    if (!symbol) throw PluginError("plugin " + path + " exports no " ACSCONF_PLUGIN_ENTRY_SYMBOL " (see acsconf/acsconf_plugin.h)");
    const auto entry = reinterpret_cast<acsconf_plugin_entry_fn>(symbol);
    const acsconf_plugin_v1* api = entry(ACSCONF_PLUGIN_ABI_VERSION);
    if (!api) throw PluginError("plugin " + path + " speaks no ABI version up to " + std::to_string(ACSCONF_PLUGIN_ABI_VERSION));
    if (api->abi_version < 1 || api->abi_version > ACSCONF_PLUGIN_ABI_VERSION)
        throw PluginError("plugin " + path + " answered ABI version " + std::to_string(api->abi_version) + ", asked for at most " +
                          std::to_string(ACSCONF_PLUGIN_ABI_VERSION));
    if (api->size < sizeof(acsconf_plugin_v1) || !api->init || !api->handle || !api->free_answer || !api->shutdown)
        throw PluginError("plugin " + path + " has an incomplete version-1 table (init, handle, free_answer, shutdown are required)");
    library->api = api;
    return library;
}

class PluginEndpoint final : public Endpoint {
public:
    PluginEndpoint(std::shared_ptr<Library> library, std::string path, const std::string& config)
        : library_(std::move(library)), path_(std::move(path)) {
        instance_ = library_->api->init(config.c_str());
        if (!instance_) throw PluginError("plugin " + path_ + ": init failed");
    }
    ~PluginEndpoint() override { library_->api->shutdown(instance_); }

    std::string name() const override {
        const char* impl = library_->api->name;
        return "plugin:" + path_ + (impl ? std::string(" (") + impl + ")" : std::string());
    }

    Response send(const model::Call& call, const SendOptions& options) override {
        const std::string request = plugin_call_json(call).dump();
        std::string text;
        {
            std::lock_guard lock(mutex_);  // the ABI: one instance is never called from two threads at once
            std::size_t length = 0;
            char* answer = library_->api->handle(instance_, request.data(), request.size(), &length);
            if (!answer) throw TransportError(describe(call) + ": the plugin gave no answer");
            text.assign(answer, length);
            library_->api->free_answer(instance_, answer);
        }
        json doc;
        try {
            doc = parse_json_text(text, "answer of plugin " + path_);
        } catch (const JsonTextError& e) {
            throw TransportError(describe(call) + ": " + e.what());
        }
        if (!doc.is_object()) throw TransportError(describe(call) + ": the answer is not a JSON object");
        Response r;
        try {
            r.http_status = doc.at("status").get<int>();
            r.code = doc.value("code", std::string());
            r.message = doc.value("message", std::string());
            r.request_id = doc.value("request_id", std::string());
            if (doc.contains("fields")) r.fields = doc["fields"];
        } catch (const json::exception& e) {
            throw TransportError(describe(call) + ": answer without a usable \"status\"/\"code\"/\"message\": " + e.what());
        }
        if (!r.fields.is_object()) throw TransportError(describe(call) + ": \"fields\" is not an object");
        // No wire: the ABI's JSON is a structured answer, not the body of a format, so like the
        // in-process model the format asked is the format recorded and there is no Content-Type.
        // (`serve --endpoint plugin:` puts the mock's gateway, which renders both formats, in front.)
        r.format = options.format;
        r.raw_body = text;
        return r;
    }

    bool set_precondition(std::string_view name, std::string_view value) override {
        if (!library_->api->set_precondition) return false;
        std::lock_guard lock(mutex_);
        const bool set = library_->api->set_precondition(instance_, std::string(name).c_str(), std::string(value).c_str()) == 1;
        if (set) preconditions_[std::string(name)] = std::string(value);
        return set;
    }
    std::string precondition(std::string_view name) const override {
        std::lock_guard lock(mutex_);
        if (library_->api->get_precondition) {
            const char* value = library_->api->get_precondition(instance_, std::string(name).c_str());
            return value ? std::string(value) : std::string();
        }
        const auto found = preconditions_.find(std::string(name));  // what we set, at least
        return found == preconditions_.end() ? std::string() : found->second;
    }
    bool can_act_as(std::string_view caller) const override {
        return caller == model::kMainAccount || caller == model::kUnprivileged;
    }

private:
    std::string describe(const model::Call& call) const {
        return std::string(model::product_name(call.product)) + " " + call.action + " on plugin " + path_;
    }

    std::shared_ptr<Library> library_;
    std::string path_;
    void* instance_ = nullptr;
    mutable std::mutex mutex_;
    std::map<std::string, std::string> preconditions_;
};

std::mutex g_libraries_mutex;
std::map<std::string, std::weak_ptr<Library>> g_libraries;  // one dlopen per path while in use

}  // namespace

std::unique_ptr<Endpoint> make_plugin_endpoint(const std::string& library_path, const std::string& config_json) {
    std::shared_ptr<Library> library;
    {
        std::lock_guard lock(g_libraries_mutex);
        library = g_libraries[library_path].lock();
        if (!library) {
            library = open_library(library_path);
            g_libraries[library_path] = library;
        }
    }
    return std::make_unique<PluginEndpoint>(std::move(library), library_path, config_json);
}

json plugin_call_json(const model::Call& call) {
    json params = json::object();
    for (const auto& [name, value] : call.params) {
        const bool text = model::is_valid_utf8(value) && value.find('\0') == std::string::npos;
        params[name] = text ? json(value) : json{{"hex", to_hex(value)}};
    }
    return json{{"product", model::product_name(call.product)},
                {"version", model::product_version(call.product)},
                {"action", call.action},
                {"caller", call.caller},
                {"params", params}};
}

model::Call plugin_call_from_json(const json& doc) {
    if (!doc.is_object()) throw std::runtime_error("the call is not a JSON object");
    model::Call call;
    if (!doc.contains("product") || !doc["product"].is_string() || !model::parse_product(doc["product"].get<std::string>(), call.product))
        throw std::runtime_error("\"product\" must be \"Ram\" or \"Vod\"");
    if (!doc.contains("action") || !doc["action"].is_string()) throw std::runtime_error("\"action\" must be a string");
    call.action = doc["action"].get<std::string>();
    call.caller = doc.value("caller", std::string(model::kMainAccount));
    if (doc.contains("params")) {
        if (!doc["params"].is_object()) throw std::runtime_error("\"params\" must be an object");
        for (const auto& [name, value] : doc["params"].items()) {
            if (value.is_string()) {
                call.params[name] = value.get<std::string>();
            } else if (value.is_object() && value.contains("hex") && value["hex"].is_string()) {
                call.params[name] = from_hex(value["hex"].get<std::string>());
            } else {
                throw std::runtime_error("parameter \"" + name + "\" must be a string or {\"hex\": ...}");
            }
        }
    }
    return call;
}

json plugin_answer_json(const model::Outcome& outcome, std::string_view request_id) {
    return json{{"status", outcome.http_status},
                {"code", outcome.code},
                {"message", outcome.message},
                {"request_id", request_id},
                {"fields", outcome.fields}};
}

}  // namespace acsconf::harness
