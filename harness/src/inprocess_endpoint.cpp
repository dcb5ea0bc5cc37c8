// The model as an Endpoint, with no wire: the fastest way to run the whole suite.
#include <cstdio>

#include "acsconf/harness/endpoint.hpp"

namespace acsconf::harness {

namespace {

class InProcessEndpoint final : public Endpoint {
public:
    explicit InProcessEndpoint(model::ModelOptions options) : account_(std::move(options)) {}

    std::string name() const override { return "inprocess"; }

    Response send(const model::Call& call, const SendOptions& options) override {
        model::Outcome outcome = account_.handle(call);
        Response r;
        r.http_status = outcome.http_status;
        r.code = std::move(outcome.code);
        r.message = std::move(outcome.message);
        r.fields = std::move(outcome.fields);
        r.format = options.format;
        r.request_id = next_request_id();
        if (!r.code.empty()) r.host_id = std::string(model::product_host(call.product));
        return r;
    }

    bool set_precondition(std::string_view name, std::string_view value) override {
        return account_.set_precondition(name, value);
    }
    std::string precondition(std::string_view name) const override { return account_.precondition(name); }

    bool can_act_as(std::string_view caller) const override {
        return caller == model::kMainAccount || caller == model::kUnprivileged;
    }

    std::string fault_unsupported(Fault fault) const override {
        if (fault == Fault::None) return {};
        return "inprocess has no wire (no signature, nonce or timestamp): " + std::string(fault_name(fault)) +
               " needs an HTTP endpoint such as mock or mock:v3";
    }

private:
    // Shaped like the service's ids (8-4-4-4-12 upper-case hex), derived from a counter: reproducible.
    std::string next_request_id() {
        ++counter_;
        char buf[40];
        std::snprintf(buf, sizeof buf, "0000ACC0-0000-4000-8000-%012llX", counter_);
        return buf;
    }

    model::Account account_;
    unsigned long long counter_ = 0;
};

}  // namespace

std::unique_ptr<Endpoint> make_inprocess_endpoint(model::ModelOptions options) {
    return std::make_unique<InProcessEndpoint>(std::move(options));
}

}  // namespace acsconf::harness
