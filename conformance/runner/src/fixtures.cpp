// Run-scoped fixture bookkeeping: the ledger of what is still on the endpoint, and shared fixtures.
#include "acsconf/runner/fixtures.hpp"

#include <algorithm>

#include "acsconf/runner/executor.hpp"
#include "acsconf/runner/substitution.hpp"

namespace acsconf::runner {

std::string describe_call(const model::Call& call) {
    std::string out = std::string(model::product_name(call.product)) + " " + call.action;
    for (const auto& [name, value] : call.params) out += " " + name + "=" + printable_bytes(value);
    return out;
}

std::size_t FixtureLedger::add(const model::Call& undo) {
    std::lock_guard lock(mutex_);
    open_.emplace(next_, describe_call(undo));
    return next_++;
}

void FixtureLedger::remove(std::size_t id) {
    std::lock_guard lock(mutex_);
    open_.erase(id);
}

std::vector<std::string> FixtureLedger::outstanding() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [id, text] : open_) out.push_back(text);
    return out;
}

std::string reportable_text(const std::string& text) {
    if (text.size() <= kReportBytes) return printable_bytes(text);
    return printable_bytes(text.substr(0, kReportBytes)) + "...[truncated: " + std::to_string(text.size()) + " bytes]";
}

nlohmann::json reportable_fields(const nlohmann::json& fields) {
    const std::string dump = fields.dump(-1, ' ', /*ensure_ascii=*/true, nlohmann::json::error_handler_t::replace);
    if (dump.size() <= kReportBytes) return fields;
    return {{"truncated", true}, {"bytes", dump.size()}, {"prefix", dump.substr(0, kReportBytes)}};
}

Exchange make_exchange(const std::string& role, const model::Call& call, const harness::Response* response,
                       const std::string& transport_error) {
    Exchange exchange;
    exchange.role = role;
    exchange.action = call.action;
    exchange.caller = call.caller;
    exchange.params = nlohmann::json::object();
    for (const auto& [name, value] : call.params) exchange.params[name] = printable_bytes(value);
    if (response == nullptr) {
        exchange.message = printable_bytes("transport error: " + transport_error);
        return exchange;
    }
    exchange.http_status = response->http_status;
    exchange.code = reportable_text(response->code);
    exchange.message = reportable_text(response->message);
    exchange.request_id = reportable_text(response->request_id);
    exchange.fields = reportable_fields(response->fields);
    exchange.format = std::string(harness::format_name(response->format));
    return exchange;
}

namespace {

std::string key_of(const model::Call& call) {
    nlohmann::json key = {{"product", std::string(model::product_name(call.product))},
                          {"action", call.action},
                          {"caller", call.caller}};
    for (const auto& [name, value] : call.params) key["params"][name] = printable_bytes(value);
    return key.dump();
}

}  // namespace

std::string SharedFixtures::token_for(const std::string& given_key) {
    std::lock_guard lock(mutex_);
    auto& token = tokens_[given_key];
    if (token.empty()) token = new_run_token();
    return token;
}

std::string shared_set_key(const nlohmann::json& given) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& step : given)
        if (step.value("shared", false)) steps.push_back(step);
    return steps.empty() ? std::string() : steps.dump();
}

harness::Response SharedFixtures::obtain(const std::string& set_key, const model::Call& call, harness::Endpoint& endpoint,
                                         const harness::SendOptions& options, const UndoOf& undo_of) {
    std::shared_ptr<Entry> entry;
    {
        std::lock_guard lock(mutex_);
        auto& slot = entries_[key_of(call)];
        if (!slot) slot = std::make_shared<Entry>();
        entry = slot;
    }
    // One sender per distinct call; the others wait for its answer.
    std::lock_guard entry_lock(entry->mutex);
    if (!entry->done) {
        entry->done = true;
        try {
            harness::Response response = endpoint.send(call, options);
            std::lock_guard lock(mutex_);
            exchanges_.push_back(make_exchange("shared-given", call, &response));
            if (response.ok()) {
                auto& undos = undo_[set_key];
                if (undos.empty() && std::find(set_order_.begin(), set_order_.end(), set_key) == set_order_.end())
                    set_order_.push_back(set_key);
                for (auto& undo : undo_of(call, response)) undos.push_back({undo, ledger_ != nullptr ? ledger_->add(undo) : 0});
            }
            entry->response = std::move(response);
        } catch (const harness::TransportError& e) {
            entry->transport_error = e.what();
            std::lock_guard lock(mutex_);
            exchanges_.push_back(make_exchange("shared-given", call, nullptr, e.what()));
        }
    }
    if (!entry->response) throw harness::TransportError(entry->transport_error);
    return *entry->response;
}

void SharedFixtures::release_set(const std::string& set_key, harness::Endpoint& endpoint,
                                 const harness::SendOptions& options) {
    std::vector<Undo> pending;
    {
        std::lock_guard lock(mutex_);
        auto it = undo_.find(set_key);
        if (it == undo_.end()) return;
        pending.swap(it->second);
    }
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
        try {
            const harness::Response response = endpoint.send(it->call, options);
            std::lock_guard lock(mutex_);
            exchanges_.push_back(make_exchange("shared-teardown", it->call, &response));
            if ((response.ok() || response.http_status == 404 || response.code.starts_with("EntityNotExist")) && ledger_ != nullptr)
                ledger_->remove(it->ledger_id);
        } catch (const harness::TransportError& e) {
            std::lock_guard lock(mutex_);
            exchanges_.push_back(make_exchange("shared-teardown", it->call, nullptr, e.what()));
        }
    }
}

void SharedFixtures::release(harness::Endpoint& endpoint, const harness::SendOptions& options) {
    std::vector<std::string> sets;
    {
        std::lock_guard lock(mutex_);
        sets = set_order_;
    }
    for (auto it = sets.rbegin(); it != sets.rend(); ++it) release_set(*it, endpoint, options);
}

std::vector<Exchange> SharedFixtures::exchanges() const {
    std::lock_guard lock(mutex_);
    return exchanges_;
}

}  // namespace acsconf::runner
