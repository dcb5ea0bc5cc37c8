// The Endpoint interface: anything that can answer the two products' calls. Adapters: in-process
// (the model, no HTTP), HTTP(S) over libcurl, and replay of a recorded cassette.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "acsconf/harness/fault.hpp"
#include "acsconf/model/account.hpp"
#include "acsconf/model/call.hpp"

namespace acsconf::harness {

enum class Format { Json, Xml };
std::string_view format_name(Format f);  // "JSON" / "XML"

// One normalised answer, whatever the wire format was.
struct Response {
    int http_status = 0;
    std::string code;        // empty on success
    std::string message;
    std::string request_id;  // every answer must carry one
    std::string host_id;     // errors only
    std::string recommend;   // optional troubleshooting URL on errors
    nlohmann::json fields = nlohmann::json::object();  // other body fields, JSON shape
    Format format = Format::Json;  // the format the body was actually in
    std::string content_type;
    std::string raw_body;          // kept for reports; never contains secrets

    bool ok() const { return code.empty() && http_status >= 200 && http_status < 300; }
};

struct SendOptions {
    Format format = Format::Json;
    // Upper bound for this call, retries and waits included (0: the endpoint's own timeouts). The
    // runner derives it from the run's --deadline so that no call outlives the run.
    std::chrono::milliseconds timeout{0};
    // A deliberately bad request (fault.hpp). Endpoints without a wire, or a signature version the
    // fault does not apply to, refuse it in fault_unsupported() and the runner skips the vector.
    Fault fault = Fault::None;
};

// The endpoint could not be judged (refused, timeout, TLS failure, unparseable body, ...).
// The runner turns it into the `error` outcome (exit 3), never into pass or fail.
class TransportError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Endpoint {
public:
    virtual ~Endpoint() = default;
    virtual std::string name() const = 0;  // e.g. "inprocess", "http://127.0.0.1:8080"

    // Sends one call. Throws TransportError when no judgeable answer came back.
    virtual Response send(const model::Call& call, const SendOptions& options) = 0;

    // Preconditions that are not public operations (see model::kPreconditionVodMultiApp).
    // set_precondition returns false when this endpoint answers that it cannot provide it: the vector
    // is skipped. When no answer comes at all (refused, timeout), both throw TransportError: `error`.
    virtual bool set_precondition(std::string_view name, std::string_view value) = 0;
    virtual std::string precondition(std::string_view name) const = 0;

    // Whether this endpoint holds credentials for the named principal (model::kMainAccount, ...).
    virtual bool can_act_as(std::string_view caller) const = 0;

    // "" when this endpoint can send `fault` (Fault::None always); otherwise why not, e.g.
    // "inprocess has no wire: there is no signature to tamper with".
    virtual std::string fault_unsupported(Fault fault) const {
        return fault == Fault::None ? std::string()
                                    : name() + " cannot send a deliberately bad request (" + std::string(fault_name(fault)) + ")";
    }
};

// The model as an endpoint: no wire at all. RequestIds are generated; `options.format` is recorded.
std::unique_ptr<Endpoint> make_inprocess_endpoint(model::ModelOptions options = {});

}  // namespace acsconf::harness
